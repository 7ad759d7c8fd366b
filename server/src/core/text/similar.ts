// Edit distance, for "did you mean" suggestions on misspelt keys, ids and rule codes.

import { nameWords } from '../paths';

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
 * The edit distance when it is at most `max`, else `max + 1`. Stops as soon as a row exceeds `max`,
 * so scanning thousands of ids for a "did you mean" costs little more than comparing their lengths.
 */
export function editDistanceWithin(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (a === b) return 0;
  if (a.length === 0 || b.length === 0) return Math.max(a.length, b.length);
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  let cur = new Array<number>(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      const v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    // Every later cell is at least the smallest of this row.
    if (rowMin > max) return max + 1;
    [prev, cur] = [cur, prev];
  }
  return Math.min(prev[b.length], max + 1);
}

const counts = new Int32Array(128);

/**
 * Whether two ASCII words (`lower` already lower case, `other` compared as lower case) may be within
 * `max` edits: each edit changes the character counts by at most two, so counts that differ by more
 * than 2 × max rule it out. True when unsure (non-ASCII text).
 */
function mayBeWithin(lower: string, other: string, max: number): boolean {
  for (let i = 0; i < other.length; i++) if (other.charCodeAt(i) > 127) return true;
  if (Math.abs(lower.length - other.length) > max) return false;
  for (let i = 0; i < lower.length; i++) counts[lower.charCodeAt(i)]++;
  for (let i = 0; i < other.length; i++) {
    const c = other.charCodeAt(i);
    counts[c >= 65 && c <= 90 ? c + 32 : c]--;
  }
  let diff = 0;
  for (let i = 0; i < lower.length; i++) {
    const c = lower.charCodeAt(i);
    diff += Math.abs(counts[c]);
    counts[c] = 0;
  }
  for (let i = 0; i < other.length; i++) {
    let c = other.charCodeAt(i);
    if (c >= 65 && c <= 90) c += 32;
    diff += Math.abs(counts[c]);
    counts[c] = 0;
  }
  return diff <= 2 * max;
}

/**
 * The candidates nearest to `word` (case-insensitive), closest first, within a distance that scales
 * with the word's length so that unrelated words are not suggested.
 */
export function nearest(word: string, candidates: Iterable<string>, limit = 1): string[] {
  const w = word.toLowerCase();
  const max = Math.max(1, Math.min(3, Math.floor(w.length / 3)));
  const ascii = !/[^\x00-\x7f]/.test(w);
  const scored: { c: string; d: number; i: number }[] = [];
  let i = 0;
  for (const c of candidates) {
    if (ascii && !mayBeWithin(w, c, max)) {
      i++;
      continue;
    }
    const d = editDistanceWithin(w, c.toLowerCase(), max);
    if (d <= max && c !== word) scored.push({ c, d, i });
    i++;
  }
  scored.sort((x, y) => x.d - y.d || x.i - y.i);
  return scored.slice(0, limit).map((s) => s.c);
}

export function closest(word: string, candidates: Iterable<string>): string | undefined {
  return nearest(word, candidates, 1)[0];
}

/** A file name's words, without its extension: `08-Business_Continuity DR.md` → 08, business, continuity, dr. */
function nameWordsOf(name: string): string[] {
  return nameWords(name.replace(/\.(md|markdown|html?)$/i, '')).filter((w) => w !== '');
}

/** Words every file name of a policy set shares: alone they make no two names alike. */
const COMMON_NAME_WORDS = new Set(['policy', 'policies', 'procedure', 'procedures', 'standard', 'standards', 'plan', 'sop', 'runbook', 'playbook', 'index', 'and', 'of', 'the', 'a', 'md']);

/**
 * The candidate file name that shares most of `name`'s words (`08-business-continuity-disaster-recovery-policy.md`
 * → `08-business-continuity-dr-policy.md`), for a link whose name was abbreviated or spelt out rather
 * than misspelt. Only when the two share at least half their words, two of them telling (not a number
 * or a word like policy), and no other candidate shares as many: undefined otherwise.
 */
export function nearestByWords(name: string, candidates: Iterable<string>): string | undefined {
  const words = new Set(nameWordsOf(name));
  if (words.size < 2) return undefined;
  let best: string | undefined;
  let bestScore = 0;
  let tie = false;
  for (const c of candidates) {
    const other = new Set(nameWordsOf(c));
    let shared = 0;
    let telling = 0;
    for (const w of other) {
      if (!words.has(w)) continue;
      shared++;
      if (!COMMON_NAME_WORDS.has(w) && !/^\d+$/.test(w)) telling++;
    }
    const score = shared / (words.size + other.size - shared);
    if (telling < 2 || score < 0.5) continue;
    if (score > bestScore) {
      best = c;
      bestScore = score;
      tie = false;
    } else if (score === bestScore) tie = true;
  }
  return tie ? undefined : best;
}
