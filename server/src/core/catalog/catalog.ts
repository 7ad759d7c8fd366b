// Lookups over the SOC 2 catalog: by id, series and category; repair suggestions for IDs that are
// not in it; and keyword ranking, used to suggest a mapping for a document that has none.

import { CATEGORIES, CRITERIA, SERIES } from './soc2';
import type { Category, CategoryInfo, Criterion, Series } from './soc2';

export type { Category, CategoryInfo, Criterion, Series } from './soc2';
export { CATEGORIES, CRITERIA, SERIES };

// ---------------------------------------------------------------------------------------------
// Lookups

const EMPTY: readonly Criterion[] = Object.freeze([]);

const CRITERION_BY_ID = new Map<string, Criterion>(CRITERIA.map((c) => [c.id, c]));
const SERIES_BY_ID = new Map<string, Series>(SERIES.map((s) => [s.id, s]));
const CATEGORY_BY_ID = new Map<Category, CategoryInfo>(CATEGORIES.map((c) => [c.id, c]));

const CRITERIA_BY_SERIES = new Map<string, readonly Criterion[]>(
  SERIES.map((s) => [s.id, Object.freeze(CRITERIA.filter((c) => c.series === s.id))]),
);
const CRITERIA_BY_CATEGORY = new Map<Category, readonly Criterion[]>(
  CATEGORIES.map((c) => [c.id, Object.freeze(CRITERIA.filter((k) => k.category === c.id))]),
);

/** The criterion with exactly this id ('CC6.1'); case-sensitive, so 'cc6.1' is not found. */
export function getCriterion(id: string): Criterion | undefined {
  return CRITERION_BY_ID.get(id);
}

export function getSeries(id: string): Series | undefined {
  return SERIES_BY_ID.get(id);
}

/** The criteria of a series in catalog order; empty for an unknown series. */
export function criteriaInSeries(seriesId: string): readonly Criterion[] {
  return CRITERIA_BY_SERIES.get(seriesId) ?? EMPTY;
}

export function criteriaInCategory(category: Category): readonly Criterion[] {
  return CRITERIA_BY_CATEGORY.get(category) ?? EMPTY;
}

export function getCategory(category: Category): CategoryInfo {
  const info = CATEGORY_BY_ID.get(category);
  if (!info) throw new Error(`unknown category: ${String(category)}`);
  return info;
}

/**
 * Common criteria a service auditor accepts as not applicable with a justification: physical access
 * (CC6.4) when every system is hosted by a provider whose own report covers it. The other common
 * criteria apply to every SOC 2 report (CC1 to CC5 are the COSO principles).
 */
const SCOPABLE_COMMON = new Set(['CC6.4']);

/**
 * True when listing the criterion under `not_applicable` is a plausible choice: a criterion of an
 * optional category (availability, confidentiality, processing integrity, privacy) or one of the few
 * common criteria auditors accept as not applicable. Fixes offer scoping out only for these.
 */
export function mayBeScopedOut(id: string): boolean {
  const c = CRITERION_BY_ID.get(id);
  if (!c) return false;
  return c.category !== 'security' || SCOPABLE_COMMON.has(c.id);
}

const CATEGORY_BY_COMPACT_NAME = new Map<string, Category>(CATEGORIES.map((c) => [c.id.replace(/_/g, ''), c.id]));

/** Reads a category as people write it: any case, with `_`, `-`, spaces or nothing between words. */
export function parseCategory(text: string): Category | undefined {
  return CATEGORY_BY_COMPACT_NAME.get(text.toLowerCase().replace(/[\s_-]+/g, ''));
}

// ---------------------------------------------------------------------------------------------
// Recognising and repairing IDs

/**
 * Finds text shaped like a criterion ID in prose, whether or not the catalog has it (CC6.1, CC9.9,
 * PI1.6). Global: use it with `matchAll`, or reset `lastIndex` before `exec`.
 */
export const CRITERION_ID_PATTERN = /\b(?:CC|PI|A|C|P)\d+\.\d+\b/g;

const CRITERION_ID_SHAPE = /^(?:CC|PI|A|C|P)\d+\.\d+$/;

/** True when the whole text is shaped like a criterion ID, known or not. */
export function looksLikeCriterionId(text: string): boolean {
  return CRITERION_ID_SHAPE.test(text);
}

export type Suggestion =
  | { readonly kind: 'normalized'; readonly id: string }
  | { readonly kind: 'family'; readonly ids: readonly string[] }
  | { readonly kind: 'nearest'; readonly ids: readonly string[] };

// Prefix, series number, separator, criterion number; the number length cap keeps Number() exact.
const LOOSE_ID = /^([A-Za-z]{1,3})[\s._-]*(\d{1,6})\s*(?:[.,:_-]\s*|\s+)(\d{1,6})\s*[.,;:]?$/;
const LOOSE_SERIES = /^([A-Za-z]{1,3})[\s._-]*(\d{1,6})\s*[.,:_-]?$/;

const MAX_SUGGESTIONS = 2;

/**
 * What an ID that is not in the catalog probably meant. Undefined for a valid ID (nothing to
 * repair) and for text that resembles no criterion.
 */
export function suggestCriteria(raw: string): Suggestion | undefined {
  const text = raw.trim();
  if (text === '') return undefined;

  const loose = LOOSE_ID.exec(text);
  if (loose) {
    const seriesId = loose[1].toUpperCase() + Number(loose[2]);
    const number = Number(loose[3]);
    const id = `${seriesId}.${number}`;
    if (CRITERION_BY_ID.has(id)) return id === raw ? undefined : { kind: 'normalized', id };
    const members = criteriaInSeries(seriesId);
    if (members.length > 0) return { kind: 'nearest', ids: nearestByNumber(members, number) };
  }

  const family = LOOSE_SERIES.exec(text);
  if (family) {
    const members = criteriaInSeries(family[1].toUpperCase() + Number(family[2]));
    if (members.length > 0) return { kind: 'family', ids: members.map((c) => c.id) };
  }

  // Only text that still reads as letters then numbers is a misspelt ID; AC-01 is a control id.
  const spelling = canonicalSpelling(text);
  if (!/^[A-Z]+\d+(?:\.\d+)?$/.test(spelling)) return undefined;
  const ids = nearestBySpelling(spelling);
  return ids.length > 0 ? { kind: 'nearest', ids } : undefined;
}

function criterionNumber(c: Criterion): number {
  return Number(c.id.slice(c.id.indexOf('.') + 1));
}

function nearestByNumber(members: readonly Criterion[], number: number): string[] {
  return members
    .map((c, order) => ({ id: c.id, distance: Math.abs(criterionNumber(c) - number), order }))
    .sort((a, b) => a.distance - b.distance || a.order - b.order)
    .slice(0, MAX_SUGGESTIONS)
    .map((x) => x.id);
}

/** Upper case, no spaces, one kind of separator and no leading zeros, so distance counts real typos. */
function canonicalSpelling(text: string): string {
  return text
    .toUpperCase()
    .replace(/\s+/g, '')
    .replace(/[,:_-]/g, '.')
    .replace(/(^|\D)0+(?=\d)/g, '$1');
}

// Every ID is at most 5 characters, so one edit is the most that still reads as the same ID.
const MAX_SPELLING_DISTANCE = 1;

function nearestBySpelling(text: string): string[] {
  const found: { id: string; distance: number; order: number }[] = [];
  CRITERIA.forEach((c, order) => {
    const distance = editDistance(text, c.id, MAX_SPELLING_DISTANCE);
    if (distance <= MAX_SPELLING_DISTANCE) found.push({ id: c.id, distance, order });
  });
  return found
    .sort((a, b) => a.distance - b.distance || a.order - b.order)
    .slice(0, MAX_SUGGESTIONS)
    .map((x) => x.id);
}

/**
 * Optimal string alignment distance (insertions, deletions, substitutions and adjacent swaps).
 * Returns max + 1 as soon as the answer is known to exceed max.
 */
function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let before = new Array<number>(b.length + 1).fill(0);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  let current = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2] + 1);
      current[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max) return max + 1;
    [before, previous, current] = [previous, current, before];
  }
  return previous[b.length];
}

// ---------------------------------------------------------------------------------------------
// Words and ranking

// Only words of three or more letters reach this list, so shorter ones are left out.
const STOPWORDS = new Set([
  'the', 'and', 'for', 'are', 'but', 'not', 'you', 'all', 'any', 'can', 'had', 'has', 'her', 'his', 'him', 'she',
  'was', 'one', 'our', 'out', 'its', 'may', 'how', 'who', 'why', 'per', 'via', 'too', 'own', 'did', 'does', 'don',
  'doesn', 'isn', 'aren', 'wasn', 'won', 'didn', 'have', 'this', 'that', 'with', 'from', 'they', 'them', 'then',
  'than', 'there', 'their', 'these', 'those', 'what', 'which', 'when', 'where', 'whom', 'while', 'will', 'would',
  'been', 'were', 'being', 'into', 'onto', 'upon', 'such', 'also', 'each', 'other', 'some', 'only', 'must', 'shall',
  'should', 'could', 'about', 'more', 'most', 'very', 'just', 'both', 'same', 'your', 'yours', 'ours', 'itself',
  'because', 'between', 'through', 'during', 'before', 'after', 'above', 'below', 'again', 'further', 'here', 'once',
  'until', 'over', 'under', 'few', 'nor', 'off', 'yet', 'every', 'either', 'neither', 'etc',
]);

// Non-ASCII characters are rare in these documents; classify each one once and remember it.
const NON_ASCII_WORD = /[\p{L}\p{N}]/u;
const nonAsciiClass = new Uint8Array(0x10000); // 0 unknown, 1 part of a word, 2 not

function isWordChar(code: number): boolean {
  if (code < 0x80) {
    return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || (code >= 0x30 && code <= 0x39);
  }
  let cls = nonAsciiClass[code];
  if (cls === 0) {
    cls = NON_ASCII_WORD.test(String.fromCharCode(code)) ? 1 : 2;
    nonAsciiClass[code] = cls;
  }
  return cls === 1;
}

/**
 * Counts the words of a text in lower case: runs of letters and digits at least three characters
 * long, without common English stopwords. One pass over the text, one string per word.
 */
export function tokenize(text: string): Record<string, number> {
  const counts: Record<string, number> = {};
  let start = -1;
  for (let i = 0; i <= text.length; i++) {
    if (i < text.length && isWordChar(text.charCodeAt(i))) {
      if (start < 0) start = i;
      continue;
    }
    if (start >= 0) {
      if (i - start >= 3) {
        const word = text.slice(start, i).toLowerCase();
        if (!STOPWORDS.has(word)) {
          // A plain object inherits `constructor`; only a number counts as a previous total.
          const seen = counts[word];
          counts[word] = typeof seen === 'number' ? seen + 1 : 1;
        }
      }
      start = -1;
    }
  }
  return counts;
}

interface KeywordEntry {
  /** The keyword and the inflected spellings that count as it. */
  readonly forms: readonly string[];
  /** Higher for keywords that few criteria share. */
  readonly weight: number;
  /** Indexes into CRITERIA. */
  readonly criteria: readonly number[];
}

/** The keyword and its regular plural, third-person, past and -ing forms: 'delete' also counts 'deleted'. */
function inflections(word: string): string[] {
  const forms = new Set([word, `${word}s`]);
  if (/(?:s|x|z|ch|sh)$/.test(word)) forms.add(`${word}es`);
  if (/[^aeiou]y$/.test(word)) {
    forms.add(`${word.slice(0, -1)}ies`);
    forms.add(`${word.slice(0, -1)}ied`);
  }
  if (word.endsWith('e')) {
    forms.add(`${word}d`);
    forms.add(`${word.slice(0, -1)}ing`);
  } else if (!/(?:ing|ed)$/.test(word)) {
    if (!/[^aeiou]y$/.test(word)) forms.add(`${word}ed`);
    forms.add(`${word}ing`);
  }
  return [...forms];
}

/**
 * Words every compliance document uses about itself (it is a policy, has an owner, a version, is
 * approved every year). They say nothing about which criterion a document addresses, so ranking
 * ignores them: with them, "Policies and procedures" fitted almost every policy.
 */
const DOCUMENT_WORDS = new Set(['policy', 'procedure', 'standard', 'guideline', 'owner', 'approved', 'version', 'documented', 'publish', 'annual', 'document', 'review']);

const KEYWORD_INDEX: readonly KeywordEntry[] = (() => {
  const owners = new Map<string, number[]>();
  CRITERIA.forEach((c, index) => {
    for (const keyword of c.keywords) {
      if (DOCUMENT_WORDS.has(keyword)) continue;
      const list = owners.get(keyword);
      if (list) list.push(index);
      else owners.set(keyword, [index]);
    }
  });
  return [...owners].map(([keyword, criteria]) => ({
    forms: inflections(keyword),
    weight: Math.log(1 + CRITERIA.length / criteria.length),
    criteria,
  }));
})();

export interface RankOptions {
  /** At most this many criteria; 3 unless given. */
  readonly limit?: number;
  /** Only criteria this accepts, e.g. those in scope. */
  readonly include?: (c: Criterion) => boolean;
}

/** For each spelling of a keyword, the KEYWORD_INDEX entries it counts for. */
const ENTRIES_BY_FORM: ReadonlyMap<string, readonly number[]> = (() => {
  const byForm = new Map<string, number[]>();
  KEYWORD_INDEX.forEach((entry, index) => {
    for (const form of entry.forms) {
      const list = byForm.get(form);
      if (list) list.push(index);
      else byForm.set(form, [index]);
    }
  });
  return byForm;
})();

/** Words looked up and keywords scored by rankCriteria, for tests that bound its work. */
let rankWork = 0;

export function rankWorkDone(): number {
  return rankWork;
}

/**
 * The criteria whose keywords a text uses most, best first (ties in catalog order). A keyword
 * counts more when few criteria share it; repeating a word adds less each time.
 */
export function rankCriteria(words: Readonly<Record<string, number>>, options: RankOptions = {}): Criterion[] {
  const limit = options.limit ?? 3;
  if (!(limit > 0)) return [];
  // From the document's words to the keywords, not from every keyword to the words: an empty or
  // short document costs next to nothing (20,000 empty documents took seconds the other way).
  const counts = new Map<number, number>();
  for (const word of Object.keys(words)) {
    rankWork++;
    const n = words[word];
    if (typeof n !== 'number' || !(n > 0)) continue;
    const entries = ENTRIES_BY_FORM.get(word);
    if (entries === undefined) continue;
    for (const e of entries) counts.set(e, (counts.get(e) ?? 0) + n);
  }
  if (counts.size === 0) return [];
  const scores = new Float64Array(CRITERIA.length);
  // In index order, so that scores add up exactly as they always have.
  for (const e of [...counts.keys()].sort((a, b) => a - b)) {
    rankWork++;
    const entry = KEYWORD_INDEX[e];
    const gain = entry.weight * (1 + Math.log(counts.get(e) as number));
    for (const index of entry.criteria) scores[index] += gain;
  }
  const ranked: number[] = [];
  for (let i = 0; i < CRITERIA.length; i++) {
    if (scores[i] > 0 && (!options.include || options.include(CRITERIA[i]))) ranked.push(i);
  }
  ranked.sort((a, b) => scores[b] - scores[a] || a - b);
  return ranked.slice(0, limit).map((i) => CRITERIA[i]);
}
