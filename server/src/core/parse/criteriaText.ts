// Criteria written as text: `SOC 2 CC6.1, CC6.2`, `CC6.1–CC6.4`, `CC7.3 - User provisioning`,
// `TSC CC6/CC7`. Exact IDs and ranges map; a series (`CC6`) is returned apart, to be reported; text
// that names no ID yields nothing.

import { CRITERIA, getCriterion, getSeries } from '../catalog/catalog';

export interface CriterionMention {
  /** A criterion ID (possibly one the catalog does not have, such as CC6.9) or a series ID. */
  readonly id: string;
  readonly kind: 'criterion' | 'series';
  /** Offsets into the text given. */
  readonly start: number;
  readonly end: number;
}

// Upper-case prefixes only: `p1` or `a1` in prose are not criteria. CC before C, PI before P. The
// two-letter prefixes may stand apart from a full ID (`CC 6.1`, `CC-6.1`, as tables written by hand
// have them); the one-letter ones may not (`A 1.2`, `P-1.1` name sections and parts as often).
const ID = /(?<![A-Za-z0-9.])(?:(CC|PI|A|C|P)(\d{1,2})(?:\.(\d{1,2}))?|(CC|PI)[ -](\d{1,2})\.(\d{1,2}))(?![A-Za-z0-9]|\.\d)/g;
const RANGE_JOIN = /^\s*(?:[-–—]|to|through|thru)\s*$/i;

const CATALOG_INDEX = new Map<string, number>(CRITERIA.map((c, i) => [c.id, i]));

/**
 * Every criterion and series named in `text`; a range `A–B` between two catalog IDs yields each ID from
 * A to B. `apart: false` reads only IDs written against their number (`CC6.1`, not `CC 6.1`).
 */
export function criteriaInText(text: string, apart = true): CriterionMention[] {
  const out: CriterionMention[] = [];
  ID.lastIndex = 0;
  let previous: { id: string; end: number; index: number } | undefined;
  for (let m = ID.exec(text); m !== null; m = ID.exec(text)) {
    // Written apart: not read where the schema's own form is asked for (a `criteria:` item `CC 6.1` is
    // reported there, with its fix).
    if (!apart && m[1] === undefined) continue;
    const start = m.index;
    const end = start + m[0].length;
    const [prefix, major, minor] = m[1] !== undefined ? [m[1], m[2], m[3]] : [m[4], m[5], m[6]];
    const series = `${prefix}${Number(major)}`;
    if (minor === undefined) {
      previous = undefined;
      if (getSeries(series)) out.push({ id: series, kind: 'series', start, end });
      continue;
    }
    const id = `${series}.${Number(minor)}`;
    const index = CATALOG_INDEX.get(id);
    if (previous && index !== undefined && index > previous.index && RANGE_JOIN.test(text.slice(previous.end, start))) {
      // The range's first ID is already in; add those after it, each placed on the range.
      const from = out[out.length - 1].start;
      for (let i = previous.index + 1; i <= index; i++) out.push({ id: CRITERIA[i].id, kind: 'criterion', start: from, end });
      previous = undefined;
      continue;
    }
    out.push({ id, kind: 'criterion', start, end });
    previous = index === undefined ? undefined : { id, end, index };
  }
  return out;
}

/** True when the text is a single ID-like token, to be read as written (and repaired if it is not an ID). */
export function isSingleToken(text: string): boolean {
  return !/[\s,;/|–—]/.test(text);
}

/** True when `id` is a criterion the catalog has. */
export function isCatalogId(id: string): boolean {
  return getCriterion(id) !== undefined;
}
