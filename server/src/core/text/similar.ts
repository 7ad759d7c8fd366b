// Edit distance, for "did you mean" suggestions on misspelt keys, ids and rule codes.

export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  let cur = new Array<number>(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length];
}

/**
 * The candidates nearest to `word` (case-insensitive), closest first, within a distance that scales
 * with the word's length so that unrelated words are not suggested.
 */
export function nearest(word: string, candidates: Iterable<string>, limit = 1): string[] {
  const w = word.toLowerCase();
  const max = Math.max(1, Math.min(3, Math.floor(w.length / 3)));
  const scored: { c: string; d: number; i: number }[] = [];
  let i = 0;
  for (const c of candidates) {
    const d = editDistance(w, c.toLowerCase());
    if (d <= max && c !== word) scored.push({ c, d, i });
    i++;
  }
  scored.sort((x, y) => x.d - y.d || x.i - y.i);
  return scored.slice(0, limit).map((s) => s.c);
}

export function closest(word: string, candidates: Iterable<string>): string | undefined {
  return nearest(word, candidates, 1)[0];
}
