/**
 * Puts `item` into `list`, sorted by `compare`, after the items it does not precede (as a stable sort
 * would place it). With `limit`, the list keeps its first `limit` items: an item that would fall past
 * them is not inserted.
 */
export function insertSorted<T>(list: T[], item: T, compare: (a: T, b: T) => number, limit = Number.POSITIVE_INFINITY): void {
  if (list.length >= limit && compare(item, list[list.length - 1]) >= 0) return;
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (compare(item, list[mid]) < 0) hi = mid;
    else lo = mid + 1;
  }
  list.splice(lo, 0, item);
  if (list.length > limit) list.pop();
}
