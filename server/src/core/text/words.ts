// Lists written out in messages.

/** A list in words: `Q1`, `Q1 and Q2`, `Q1, Q2 and Q3` (empty for none). */
export function listWords(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
