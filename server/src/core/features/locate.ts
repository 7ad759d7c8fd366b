// What sits at a position in a document: a criterion ID (in frontmatter or prose), the document's own
// id, a reference to another document's id, or an evidence link. Hover, definition, references and
// rename all start here.

import { CRITERION_ID_PATTERN } from '../catalog/catalog';
import type { EvidenceLink, Located, ParsedDocument, Span } from '../model/types';
import type { ComplianceWorkspace } from '../index/workspace';
import { parseComplianceDocument } from '../parse/document';

export type SymbolAt =
  | { readonly kind: 'criterion'; readonly id: string; readonly span: Span; readonly inFrontmatter: boolean }
  | { readonly kind: 'id'; readonly id: string; readonly span: Span }
  | { readonly kind: 'reference'; readonly id: string; readonly span: Span; readonly field: 'policies' | 'controls' | 'risks' }
  | { readonly kind: 'evidence'; readonly link: EvidenceLink };

function contains(span: Span, offset: number): boolean {
  return offset >= span.start && offset <= span.end;
}

/** The inner span of a scalar, without quotes, for edits that must keep them. */
export function unquoted(text: string, item: Located): Span {
  const first = text.charAt(item.span.start);
  if ((first === '"' || first === "'") && item.span.end - item.span.start >= 2 && text.charAt(item.span.end - 1) === first) {
    return { start: item.span.start + 1, end: item.span.end - 1 };
  }
  return item.span;
}

export function symbolAt(doc: ParsedDocument, text: string, offset: number): SymbolAt | undefined {
  for (const c of doc.criteria) if (contains(c.span, offset)) return { kind: 'criterion', id: c.value, span: unquoted(text, c), inFrontmatter: true };
  if (doc.id && contains(doc.id.span, offset)) return { kind: 'id', id: doc.id.value, span: unquoted(text, doc.id) };
  for (const field of ['policies', 'controls'] as const) {
    for (const r of doc[field]) if (contains(r.span, offset)) return { kind: 'reference', id: r.value, span: unquoted(text, r), field };
  }
  for (const r of doc.assessment?.risks ?? []) if (contains(r.span, offset)) return { kind: 'reference', id: r.value, span: unquoted(text, r), field: 'risks' };
  for (const e of doc.evidence) if (contains(e.span, offset)) return { kind: 'evidence', link: e };
  const prose = criterionInText(text, offset);
  if (prose) return { kind: 'criterion', id: prose.id, span: prose.span, inFrontmatter: doc.frontmatter !== undefined && offset < doc.frontmatter.span.end };
  return undefined;
}

/** A criterion-like ID (valid or not) under the offset, looked up on its line only. */
export function criterionInText(text: string, offset: number): { id: string; span: Span } | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  let lineEnd = text.indexOf('\n', offset);
  if (lineEnd === -1) lineEnd = text.length;
  const line = text.slice(lineStart, lineEnd);
  const re = new RegExp(CRITERION_ID_PATTERN.source, 'g');
  for (let m = re.exec(line); m; m = re.exec(line)) {
    const start = lineStart + m.index;
    const end = start + m[0].length;
    if (offset >= start && offset <= end) return { id: m[0], span: { start, end } };
  }
  return undefined;
}

/** Every criterion-like ID in a text, for references in prose. */
export function criteriaInText(text: string, from = 0): Array<{ id: string; span: Span }> {
  const out: Array<{ id: string; span: Span }> = [];
  const re = new RegExp(CRITERION_ID_PATTERN.source, 'g');
  re.lastIndex = from;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push({ id: m[0], span: { start: m.index, end: m.index + m[0].length } });
  return out;
}

/**
 * The parsed form of `text` at `path`: the indexed document when it was parsed from this text, else a
 * fresh parse (an editor a keystroke ahead of the index, or a file that is not a document).
 */
export function documentForText(ws: ComplianceWorkspace, path: string, text: string): ParsedDocument {
  const doc = ws.document(path);
  if (doc && doc.length === text.length) {
    const items = [...doc.criteria, ...doc.policies, ...doc.controls, ...(doc.assessment?.risks ?? []), ...(doc.id ? [doc.id] : [])];
    if (items.every((i) => text.slice(i.span.start, i.span.end).includes(i.value))) return doc;
  }
  return parseComplianceDocument(path, text, ws.parseSettings());
}
