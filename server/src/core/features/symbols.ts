// The outline of one document (its frontmatter keys and its headings) and the repository's documents
// as workspace symbols, found by id or title.

import remarkFrontmatter from 'remark-frontmatter';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { getCriterion } from '../catalog/catalog';
import { effectiveId, effectiveStatus, effectiveType } from '../model/facts';
import { countMarkers, deepestLinePrefix, FULL_PARSE_MAX_CHARS, FULL_PARSE_MAX_MARKERS, FULL_PARSE_MAX_PREFIX } from '../parse/document';
import type { DocumentStatus, DocumentType, FieldSite, Located, ParsedDocument, Span } from '../model/types';
import type { ComplianceWorkspace } from '../index/workspace';
import { unquoted } from './locate';
import { idPlace } from './navigation';

export type OutlineKind = 'frontmatter' | 'field' | 'criterion' | 'reference' | 'evidence' | 'heading';

export interface OutlineSymbol {
  readonly name: string;
  readonly detail?: string;
  readonly kind: OutlineKind;
  /** The whole construct: a key with its value, a heading with its section. */
  readonly span: Span;
  /** What to highlight: the key, the item, the heading line. */
  readonly selectionSpan: Span;
  readonly children: readonly OutlineSymbol[];
}

const DETAIL_MAX = 60;

function oneLine(text: string): string {
  const s = text.replace(/\s+/g, ' ').trim();
  return s.length > DETAIL_MAX ? `${s.slice(0, DETAIL_MAX - 1)}…` : s;
}

/** A "frontmatter" symbol with a child per key, then the headings as a tree. */
export function documentOutline(doc: ParsedDocument, text: string): OutlineSymbol[] {
  const out: OutlineSymbol[] = [];
  if (doc.frontmatter) {
    out.push({
      name: 'frontmatter',
      detail: doc.frontmatter.ok ? `${effectiveId(doc)} · ${effectiveType(doc)}` : 'does not parse',
      kind: 'frontmatter',
      span: doc.frontmatter.span,
      selectionSpan: doc.frontmatter.anchor,
      children: doc.fields.map((f) => fieldSymbol(doc, text, f)),
    });
  }
  // One push per heading: a spread of a document's headings into one call can overflow the stack.
  for (const heading of headingTree(text, doc.frontmatter?.span.end ?? 0)) out.push(heading);
  return out;
}

function fieldSymbol(doc: ParsedDocument, text: string, f: FieldSite): OutlineSymbol {
  const span = { start: f.keySpan.start, end: Math.max(f.keySpan.end, f.valueSpan.end) };
  const items = (list: readonly Located[], kind: OutlineKind, detail: (value: string) => string | undefined): OutlineSymbol[] =>
    list
      .filter((i) => i.span.start >= span.start && i.span.end <= span.end)
      .map((i) => {
        const at = unquoted(text, i);
        const d = detail(i.value);
        return { name: i.value, ...(d ? { detail: d } : {}), kind, span: at, selectionSpan: at, children: [] };
      });
  let children: OutlineSymbol[] = [];
  if (f.field === 'criteria') children = items(doc.criteria, 'criterion', (v) => getCriterion(v)?.title ?? 'not in the SOC 2 catalog');
  else if (f.field === 'policies') children = items(doc.policies, 'reference', () => undefined);
  else if (f.field === 'controls') children = items(doc.controls, 'reference', () => undefined);
  else if (f.field === 'evidence') {
    children = doc.evidence
      .filter((e) => e.source === 'frontmatter' && e.span.start >= span.start && e.span.end <= span.end)
      .map((e) => {
        const at = unquoted(text, { value: e.target, span: e.span });
        return { name: e.target, ...(e.date ? { detail: e.date } : {}), kind: 'evidence' as const, span: at, selectionSpan: at, children: [] };
      });
  }
  const value = f.valueSpan.end > f.valueSpan.start ? oneLine(text.slice(f.valueSpan.start, f.valueSpan.end)) : '';
  return { name: f.key, ...(value && children.length === 0 ? { detail: value } : {}), kind: 'field', span, selectionSpan: f.keySpan, children };
}

interface MdNode {
  type: string;
  depth?: number;
  value?: string;
  position?: { start: { offset?: number }; end: { offset?: number } };
  children?: MdNode[];
}

function plainText(node: MdNode): string {
  if (typeof node.value === 'string' && node.type !== 'html') return node.value;
  return (node.children ?? []).map(plainText).join('');
}

interface Heading {
  readonly depth: number;
  readonly name: string;
  readonly line: Span;
}

/**
 * Whether remark may read the body for its headings: within the limits the link scanner keeps it to.
 * On some inputs its time grows far faster than the text (160 KB of brackets took 17 s), and the
 * outline is asked for on every edit.
 */
function remarkMayRead(text: string, bodyStart: number): boolean {
  return text.length - bodyStart <= FULL_PARSE_MAX_CHARS && countMarkers(text, bodyStart) <= FULL_PARSE_MAX_MARKERS && deepestLinePrefix(text, bodyStart) <= FULL_PARSE_MAX_PREFIX;
}

function remarkHeadings(text: string, bodyStart: number): Heading[] {
  // Blank the frontmatter (keeping line breaks, so offsets hold) so that a comply block's closing
  // `---` is not read as a setext underline.
  const source = bodyStart > 0 ? text.slice(0, bodyStart).replace(/[^\r\n]/g, ' ') + text.slice(bodyStart) : text;
  const tree = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).parse(source) as unknown as MdNode;
  // The parser drops a byte order mark and counts offsets from the character after it.
  const shift = source.charCodeAt(0) === 0xfeff ? 1 : 0;
  const headings: Heading[] = [];
  const visit = (node: MdNode): void => {
    if (node.type === 'heading' && node.position?.start.offset !== undefined && node.position.end.offset !== undefined) {
      const line = { start: node.position.start.offset + shift, end: node.position.end.offset + shift };
      const name = oneLine(plainText(node)) || text.slice(line.start, line.end).trim();
      headings.push({ depth: node.depth ?? 1, name, line });
      return;
    }
    for (const child of node.children ?? []) visit(child);
  };
  visit(tree);
  return headings;
}

const isBlank = (c: number): boolean => c === 32 || c === 9;

/**
 * The `#` headings of a body remark may not read, line by line in linear time, outside fenced code.
 * Underlined (setext) headings and headings inside block quotes or lists are not found.
 */
function atxHeadings(text: string, bodyStart: number): Heading[] {
  const headings: Heading[] = [];
  let fence = 0; // the open fence's character, or 0
  let fenceLength = 0;
  for (let pos = bodyStart; pos < text.length; ) {
    const nl = text.indexOf('\n', pos);
    let end = nl === -1 ? text.length : nl;
    if (end > pos && text.charCodeAt(end - 1) === 13) end--;
    let i = pos;
    while (i < end && i - pos < 4 && text.charCodeAt(i) === 32) i++;
    const c = text.charCodeAt(i);
    if (i - pos < 4 && (c === 96 || c === 126)) {
      let j = i;
      while (j < end && text.charCodeAt(j) === c) j++;
      if (j - i >= 3) {
        const rest = text.slice(j, end);
        if (fence === 0 && !(c === 96 && rest.includes('`'))) {
          fence = c;
          fenceLength = j - i;
        } else if (fence === c && j - i >= fenceLength && rest.trim() === '') fence = 0;
      }
    } else if (i - pos < 4 && c === 35 && fence === 0) {
      let j = i;
      while (j < end && text.charCodeAt(j) === 35) j++;
      if (j - i <= 6 && (j === end || isBlank(text.charCodeAt(j)))) {
        let s = j;
        let e = end;
        while (s < e && isBlank(text.charCodeAt(s))) s++;
        while (e > s && isBlank(text.charCodeAt(e - 1))) e--;
        // A closing run of `#` after a space is not part of the title.
        let k = e;
        while (k > s && text.charCodeAt(k - 1) === 35) k--;
        if (k === s || isBlank(text.charCodeAt(k - 1))) {
          e = k;
          while (e > s && isBlank(text.charCodeAt(e - 1))) e--;
        }
        let lineEnd = end;
        while (lineEnd > i && isBlank(text.charCodeAt(lineEnd - 1))) lineEnd--;
        const line = { start: i, end: lineEnd };
        headings.push({ depth: j - i, name: oneLine(text.slice(s, e)) || text.slice(i, lineEnd).trim(), line });
      }
    }
    if (nl === -1) break;
    pos = nl + 1;
  }
  return headings;
}

/** The markdown headings after `bodyStart`, nested by level; a section runs to the next heading of its level or higher. */
export function headingTree(text: string, bodyStart: number): OutlineSymbol[] {
  const headings = remarkMayRead(text, bodyStart) ? remarkHeadings(text, bodyStart) : atxHeadings(text, bodyStart);

  const sectionEnd = (i: number): number => {
    let end = text.length;
    for (let j = i + 1; j < headings.length; j++) {
      if (headings[j].depth <= headings[i].depth) {
        end = headings[j].line.start;
        break;
      }
    }
    while (end > headings[i].line.end && /\s/.test(text.charAt(end - 1))) end--;
    return end;
  };

  type Mutable = { depth: number; symbol: OutlineSymbol & { children: OutlineSymbol[] } };
  const roots: OutlineSymbol[] = [];
  const stack: Mutable[] = [];
  headings.forEach((h, i) => {
    const symbol = { name: h.name, kind: 'heading' as const, span: { start: h.line.start, end: sectionEnd(i) }, selectionSpan: h.line, children: [] as OutlineSymbol[] };
    while (stack.length > 0 && stack[stack.length - 1].depth >= h.depth) stack.pop();
    if (stack.length > 0) stack[stack.length - 1].symbol.children.push(symbol);
    else roots.push(symbol);
    stack.push({ depth: h.depth, symbol });
  });
  return roots;
}

// ---- workspace symbols

export interface DocumentEntry {
  /** `id title`, or the id alone when the title is the id. */
  readonly name: string;
  readonly id: string;
  readonly title: string;
  readonly type: DocumentType;
  readonly status: DocumentStatus;
  readonly path: string;
  /** The `id:` value, or the start of the document when its id is its file name. */
  readonly span: Span;
}

export const WORKSPACE_SYMBOL_LIMIT = 500;

/** Characters of `query` appear in `text` in order. */
function isSubsequence(query: string, text: string): boolean {
  let i = 0;
  for (let j = 0; j < text.length && i < query.length; j++) if (text.charCodeAt(j) === query.charCodeAt(i)) i++;
  return i === query.length;
}

/** Lower is better; undefined when the document does not match. */
function rank(query: string, id: string, title: string): number | undefined {
  if (query === '') return 0;
  const i = id.toLowerCase();
  const t = title.toLowerCase();
  if (i === query) return 0;
  if (i.startsWith(query)) return 1;
  if (i.includes(query)) return 2;
  if (t.startsWith(query) || t.includes(` ${query}`)) return 3;
  if (t.includes(query)) return 4;
  if (isSubsequence(query, i) || isSubsequence(query, t)) return 5;
  return undefined;
}

/** Documents whose id or title matches the query (case-insensitive; substring or subsequence), best first, at most `limit`. */
export function workspaceSymbols(ws: ComplianceWorkspace, query: string, limit = WORKSPACE_SYMBOL_LIMIT): DocumentEntry[] {
  const q = query.trim().toLowerCase();
  const hits: Array<{ score: number; entry: DocumentEntry }> = [];
  for (const doc of ws.documents()) {
    const id = effectiveId(doc);
    const title = doc.title?.value ?? id;
    const score = rank(q, id, title);
    if (score === undefined) continue;
    const entry: DocumentEntry = {
      name: title === id ? id : `${id} ${title}`,
      id,
      title,
      type: effectiveType(doc),
      status: effectiveStatus(doc),
      path: doc.path,
      span: idPlace(doc).span,
    };
    hits.push({ score, entry });
  }
  hits.sort((a, b) => a.score - b.score || (a.entry.id < b.entry.id ? -1 : a.entry.id > b.entry.id ? 1 : a.entry.path < b.entry.path ? -1 : 1));
  return hits.slice(0, limit).map((h) => h.entry);
}
