// A list or paragraph under a heading that says its section maps the document to SOC 2 (`## TSC Mapping`,
// `## SOC 2 alignment`, `## Mapping to the Trust Services Criteria`): policies written by hand often
// end with one, `- CC1.1, CC1.2, CC1.4: governance and roles`. The criteria its items name map the
// document itself, as a mapping table inside it does (parse/document.ts, ownMappings).
//
// Read line by line, by hand: headings, list items and paragraph lines, outside fenced code, and only in bodies
// with a heading that could open such a section (found by jumping from heading to heading: a pattern
// run over every body cost 45 ms at 10,000 documents, the jumps 8). An item that says the criterion
// does not apply maps nothing.

import type { Located } from '../model/types';
import { criteriaInText } from './criteriaText';

/** The heading names the framework… */
const FRAMEWORK = /\b(?:TSC|SOC[ -]?2|Trust Services(?: Criteria)?)\b/i;
/** …and says the section maps to it or lists its criteria (`SOC 2 Criteria`, `TSC references`; not `Definitions (TSC footnotes)`, a glossary). */
const MAPS = /\b(?:mapping|mappings|mapped|maps|alignment|aligned|traceability|crosswalk|criteria|requirements|references|addressed|covered|satisfied)\b/i;
/** An item that scopes a criterion out rather than claims it. */
const SCOPED_OUT = /\bnot applicable\b|\bN\/A\b|\bexcluded\b|\bout of scope\b|\bnot in scope\b/i;
/** Past these, a line is not a heading or an item a person wrote, and is not read. */
const MAX_LINE = 1000;
const MAX_ITEMS = 500;

/** The criteria named by the list items of the body's mapping sections, each once, at its first place. */
export function mappingListCriteria(text: string, bodyStart: number): Located[] {
  const out: Located[] = [];
  if (!hasMappingHeading(text, bodyStart)) return out;
  let section = 0;
  let items = 0;
  for (const { line, start } of proseLines(text, bodyStart)) {
    if (items >= MAX_ITEMS) break;
    let i = 0;
    while (i < 3 && line.charCodeAt(i) === 32) i++;
    if (line.charCodeAt(i) === 35) {
      let level = 0;
      while (line.charCodeAt(i + level) === 35) level++;
      const next = line.charCodeAt(i + level);
      if (level <= 6 && (Number.isNaN(next) || next === 32 || next === 9)) {
        const heading = line.slice(i + level);
        if (FRAMEWORK.test(heading) && MAPS.test(heading)) section = level;
        else if (section > 0 && level <= section) section = 0;
        continue;
      }
    }
    if (section === 0) continue;
    // A list item, or a line of a paragraph (`This policy supports CC1.1 and CC2.1.`); a table's rows are read as a table.
    let item = listItem(line);
    if (item < 0) {
      item = i;
      if (line.charCodeAt(i) === 124 || line.trim() === '') continue;
    }
    items++;
    const rest = line.slice(item);
    if (SCOPED_OUT.test(rest)) continue;
    for (const m of criteriaInText(rest)) {
      if (m.kind !== 'criterion' || out.some((c) => c.value === m.id)) continue;
      out.push({ value: m.id, span: { start: start + item + m.start, end: start + item + m.end } });
    }
  }
  return out;
}

/**
 * The body's lines outside fenced code (a fence opens with three backticks or tildes indented by at
 * most three spaces), each with where it starts; lines longer than MAX_LINE are skipped. At most
 * `maxLines` lines are looked at.
 */
function* proseLines(text: string, from: number, maxLines = Number.POSITIVE_INFINITY): Generator<{ line: string; start: number }> {
  let fence = '';
  let lines = 0;
  for (let at = from; at < text.length && lines < maxLines; lines++) {
    const nl = text.indexOf('\n', at);
    const end = nl === -1 ? text.length : nl;
    const start = at;
    at = end + 1;
    if (end - start > MAX_LINE) continue;
    const line = text.slice(start, end);
    let i = 0;
    while (i < 3 && line.charCodeAt(i) === 32) i++;
    const marker = line.slice(i, i + 3);
    if (marker === '```' || marker === '~~~') {
      fence = fence === '' ? marker : fence === marker ? '' : fence;
      continue;
    }
    if (fence === '') yield { line, start };
  }
}

/** Whether a line that starts with `#` names the framework and a mapping: the gate before reading lines. */
function hasMappingHeading(text: string, from: number): boolean {
  // From a heading at `from` (offset 0 in a file without frontmatter), then from one after each line break.
  let h = from;
  if (!text.startsWith('#', from)) {
    const next = text.indexOf('\n#', from);
    if (next === -1) return false;
    h = next + 1;
  }
  for (;;) {
    let end = text.indexOf('\n', h);
    if (end === -1) end = text.length;
    if (end - h <= MAX_LINE) {
      const line = text.slice(h, end);
      if (FRAMEWORK.test(line) && MAPS.test(line)) return true;
    }
    const next = text.indexOf('\n#', h);
    if (next === -1) return false;
    h = next + 1;
  }
}

/** Where a list item's text starts (`- `, `* `, `+ `, `1. `, `2) `, indented or not), -1 when the line is not one. */
function listItem(line: string): number {
  let i = 0;
  while (i < line.length && (line.charCodeAt(i) === 32 || line.charCodeAt(i) === 9)) i++;
  if (i > 12) return -1;
  const c = line.charCodeAt(i);
  if (c === 45 || c === 42 || c === 43) return line.charCodeAt(i + 1) === 32 || line.charCodeAt(i + 1) === 9 ? i + 2 : -1;
  let d = i;
  while (d < line.length && d - i < 3 && line.charCodeAt(d) >= 48 && line.charCodeAt(d) <= 57) d++;
  if (d === i || (line.charCodeAt(d) !== 46 && line.charCodeAt(d) !== 41)) return -1;
  return line.charCodeAt(d + 1) === 32 || line.charCodeAt(d + 1) === 9 ? d + 2 : -1;
}

/**
 * A line that labels the criteria a document meets: `**SOC 2 Criteria:** CC6.1, CC6.2`,
 * `Applicable TSC: CC6.1`, `| SOC 2 Mapping | CC6.1 |`, `- SOC 2: CC6.1` under any heading,
 * `> **TSC:** CC7.2`. The label (bold or not, in a list item, a quote or a table's first cell) names
 * SOC 2 or its criteria; its value's IDs are read. Prose that mentions an ID is not.
 */
const LABEL = /^[ \t]{0,3}(?:>[ \t]*)?(?:[-*+][ \t]+)?(?:\|[ \t]*)?(\*\*|__)?([A-Za-z0-9 ()/&-]{2,48}?)[ \t]*(?::[ \t]*\1|\1[ \t]*:|\1[ \t]*\||:|\|)[ \t]*(.*)$/;
const CRITERIA_LABEL = /^(?:aicpa |applicable |mapped |relevant |related )?(?:soc ?2|tsc|trust services(?: criteria)?)(?: \(tsc\))?(?: type (?:i|ii|1|2))?(?: (?:tsc|criteria|criterion|mapping|mappings|controls?|references?|ids?|alignment|requirements?)(?: (?:addressed|met|mapped|covered|satisfied))?)?$|^(?:applicable|mapped|relevant) (?:criteria|tsc)$|^(?:tsc |trust services )?criteria (?:addressed|met|mapped|covered|satisfied)$/i;

/** A list item that names SOC 2 and then the IDs, with no colon (`- SOC 2 CC6.1, CC6.2` under `## References`). */
const NAMED_ITEM = /^[ \t]{0,3}[-*+][ \t]+(?:\*\*|__)?(?:AICPA )?(?:SOC ?2|TSC)(?: Type (?:II|I|1|2))?(?:\*\*|__)?[ \t]+((?:CC|PI|A|C|P)\d.*)$/i;

/** The criteria labelled lines of the body name, each once, at its first place. */
export function labelledCriteria(text: string, bodyStart: number): Located[] {
  const out: Located[] = [];
  for (const { line, start } of proseLines(text, bodyStart, 20000)) {
    if (line.length < 6) continue;
    const m = LABEL.exec(line);
    const labelled = m !== null && CRITERIA_LABEL.test(m[2].trim());
    const value = labelled ? m[3] : NAMED_ITEM.exec(line)?.[1];
    if (value === undefined) continue;
    if (SCOPED_OUT.test(value)) continue;
    const from = start + (line.length - value.length);
    for (const c of criteriaInText(value)) {
      if (c.kind !== 'criterion' || out.some((x) => x.value === c.id)) continue;
      out.push({ value: c.id, span: { start: from + c.start, end: from + c.end } });
    }
  }
  return out;
}
