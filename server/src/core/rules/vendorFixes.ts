// The fixes vendor findings carry: an assurance entry skeleton (a new report to record) and a
// bridging letter entry on the report it bridges. Placeholders are left for what only the report says.

import type { AssuranceEntry, Fix, ParsedDocument } from '../model/types';
import { positionIn } from '../text/lines';

const ENTRY_KEYS = ['type: soc2-type2', 'period: { start: YYYY-MM-DD, end: YYYY-MM-DD }', 'opinion: unqualified', 'categories: [security]', 'report: evidence/vendors/REPORT.pdf'];

/** The entry's lines, the first after `dash` (`  - `), the others indented to its keys. */
function entryText(dash: string): string {
  const indent = ' '.repeat(dash.length);
  return ENTRY_KEYS.map((k, i) => `${i === 0 ? dash : indent}${k}\n`).join('');
}

/** A new `assurance:` entry above the first one; for `assurance: []` (or an empty key), the list itself. */
export function addAssuranceEntryFix(doc: ParsedDocument): Fix | undefined {
  const title = 'Add an assurance entry for the new report';
  const first = doc.vendor?.assurance[0];
  if (first) {
    if (!first.itemPrefix) return undefined;
    const lineStart = first.span.start - first.itemPrefix.length;
    return { title, changes: [{ kind: 'edit', path: doc.path, edits: [{ span: { start: lineStart, end: lineStart }, newText: entryText(first.itemPrefix) }] }] };
  }
  const site = doc.fields.find((f) => f.field === 'assurance');
  if (!site || !doc.frontmatter?.ok) return undefined;
  // Through the end of the key's line: an empty value's span may stop short of the colon.
  const line = positionIn(doc.lineStarts, doc.length, site.keySpan.start).line;
  const lineEnd = line + 1 < doc.lineStarts.length ? doc.lineStarts[line + 1] - 1 : doc.length;
  const end = Math.max(site.valueSpan.end, lineEnd);
  return { title, isPreferred: true, changes: [{ kind: 'edit', path: doc.path, edits: [{ span: { start: site.keySpan.start, end }, newText: `${site.key}:\n${entryText('  - ').replace(/\n$/, '')}` }] }] };
}

/** A `bridge_letter:` line at the end of the entry, at its keys' indentation. */
export function addBridgeLetterFix(doc: ParsedDocument, entry: AssuranceEntry): Fix | undefined {
  if (!entry.itemPrefix || entry.bridgeLetter) return undefined;
  const last = positionIn(doc.lineStarts, doc.length, Math.max(entry.span.start, entry.span.end - 1)).line;
  const at = last + 1 < doc.lineStarts.length ? doc.lineStarts[last + 1] : undefined;
  if (at === undefined || (doc.frontmatter && at > doc.frontmatter.insertAt)) return undefined;
  const line = `${' '.repeat(entry.itemPrefix.length)}bridge_letter: { date: YYYY-MM-DD, through: YYYY-MM-DD, report: evidence/vendors/BRIDGE-LETTER.pdf }\n`;
  return { title: 'Add a bridging letter entry to this report', isPreferred: true, changes: [{ kind: 'edit', path: doc.path, edits: [{ span: { start: at, end: at }, newText: line }] }] };
}
