// Go to definition and find references over the index. Ids resolve through the id map; criteria
// through the documents that map them, the config's not_applicable entry and mentions in prose.
// Prose needs the text of closed documents: it is read through a port, once per parsed document,
// and only the positions of criterion IDs are kept.

import type { FactsEnv } from '../model/facts';
import { effectiveStatus, effectiveType, resolveEvidence } from '../model/facts';
import type { DocumentType, Located, ParsedDocument, Span } from '../model/types';
import type { ComplianceWorkspace } from '../index/workspace';
import { criteriaInText, documentForText, symbolAt, unquoted, type SymbolAt } from './locate';
import { own } from '../own';

/** A range in a workspace file (a document, the config, an evidence file). */
export interface Place {
  readonly path: string;
  readonly span: Span;
}

/** The text of a workspace file as the user sees it: the editor's when open, else the disk's. */
export type ReadText = (path: string) => string | undefined;

/** The value's span without quotes, when only the parsed document is at hand. */
export function valueSpan(item: Located): Span {
  // A quoted scalar's source is its value plus the two quotes; a plain one's source is its value.
  if (item.span.end - item.span.start === item.value.length + 2) return { start: item.span.start + 1, end: item.span.end - 1 };
  return item.span;
}

/** Where a document's id is declared: its `id:` value, else (an id from the file name) the start of the file. */
export function idPlace(doc: ParsedDocument): Place {
  if (doc.id) return { path: doc.path, span: valueSpan(doc.id) };
  return { path: doc.path, span: doc.frontmatter ? doc.frontmatter.anchor : { start: 0, end: 0 } };
}

export function factsEnvOf(ws: ComplianceWorkspace): FactsEnv {
  return { config: ws.getConfig(), today: ws.getToday(), inventory: ws.inventory, isDocumentPath: (p) => ws.isDocumentPath(p) };
}

/** The index's documents, with the one being edited replaced by its current parse. */
function* documentsWith(ws: ComplianceWorkspace, current: ParsedDocument): IterableIterator<ParsedDocument> {
  yield current;
  for (const doc of ws.documents()) if (doc.path !== current.path) yield doc;
}

const TYPE_ORDER: Readonly<Record<DocumentType, number>> = { control: 0, policy: 1, procedure: 2, narrative: 3, vendor: 4, risk: 5, 'risk-assessment': 6 };

function byPlace(a: Place, b: Place): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : a.span.start - b.span.start;
}

// ---- definition

export interface Definition {
  /** What the cursor is on. */
  readonly origin: Span;
  readonly targets: readonly Place[];
}

export function findDefinition(ws: ComplianceWorkspace, path: string, text: string, offset: number): Definition | undefined {
  const doc = documentForText(ws, path, text);
  const symbol = symbolAt(doc, text, offset);
  if (!symbol) return undefined;
  switch (symbol.kind) {
    case 'id':
      return { origin: symbol.span, targets: [{ path, span: symbol.span }] };
    case 'reference':
      return { origin: symbol.span, targets: ws.documentsWithId(symbol.id).map((p) => idPlace(p === path ? doc : (ws.document(p) as ParsedDocument))) };
    case 'criterion':
      return { origin: symbol.span, targets: criterionDefinition(ws, doc, symbol.id) };
    case 'evidence': {
      const origin = unquoted(text, { value: symbol.link.target, span: symbol.link.span });
      const state = resolveEvidence(path, symbol.link, factsEnvOf(ws));
      const target = state.kind === 'exists' || state.kind === 'document' ? state.path : undefined;
      // Folders cannot be opened as a definition.
      if (target === undefined || ws.inventory.get(target)?.kind === 'dir') return { origin, targets: [] };
      return { origin, targets: [{ path: target, span: { start: 0, end: 0 } }] };
    }
  }
}

/**
 * Where a criterion is "defined" for this repository: its not_applicable entry when scoped out, else
 * the approved documents that map it (controls first), else any document that maps it.
 */
function criterionDefinition(ws: ComplianceWorkspace, current: ParsedDocument, id: string): Place[] {
  const config = ws.getConfig();
  const na = own(config.notApplicable, id);
  const naPlace = na?.span && config.path ? { path: config.path, span: na.span } : undefined;
  if (naPlace && na && na.justification.trim() !== '') return [naPlace];
  const counting: Array<Place & { type: DocumentType }> = [];
  const others: Array<Place & { type: DocumentType }> = [];
  for (const doc of documentsWith(ws, current)) {
    const item = doc.criteria.find((c) => c.value === id);
    if (!item) continue;
    const place = { path: doc.path, span: valueSpan(item), type: effectiveType(doc) };
    const facts = doc === ws.document(doc.path) ? ws.factsOf(doc.path) : undefined;
    const counts = facts ? facts.counts : doc.frontmatter?.ok === true && effectiveStatus(doc) === 'approved';
    (counts ? counting : others).push(place);
  }
  const chosen = counting.length > 0 ? counting : others;
  chosen.sort((a, b) => TYPE_ORDER[a.type] - TYPE_ORDER[b.type] || byPlace(a, b));
  const out: Place[] = chosen.map(({ path, span }) => ({ path, span }));
  if (out.length === 0 && naPlace) out.push(naPlace);
  return out;
}

// ---- references

/**
 * Criterion IDs mentioned in the prose of each document, kept per parsed document: a document parsed
 * again (it changed) is a new object and is scanned again; the old entry goes with it.
 */
export class ProseMentions {
  private readonly byDocument = new WeakMap<ParsedDocument, ReadonlyMap<string, readonly Span[]>>();

  /** Undefined when the text cannot be read or no longer matches the parsed document. */
  of(doc: ParsedDocument, readText: ReadText): ReadonlyMap<string, readonly Span[]> | undefined {
    const cached = this.byDocument.get(doc);
    if (cached) return cached;
    const text = readText(doc.path);
    if (text === undefined || text.length !== doc.length) return undefined;
    const found = scanMentions(doc, text);
    this.byDocument.set(doc, found);
    return found;
  }
}

const NO_MENTIONS: ReadonlyMap<string, readonly Span[]> = new Map();

function scanMentions(doc: ParsedDocument, text: string): ReadonlyMap<string, readonly Span[]> {
  const from = doc.frontmatter?.span.end ?? 0;
  const found = criteriaInText(text, from);
  if (found.length === 0) return NO_MENTIONS;
  const out = new Map<string, Span[]>();
  for (const m of found) {
    let list = out.get(m.id);
    if (!list) out.set(m.id, (list = []));
    list.push(m.span);
  }
  return out;
}

export interface ReferenceOptions {
  /** For ids: include the `id:` value of the document that has it. */
  readonly includeDeclaration: boolean;
  /** Reads closed documents for mentions of a criterion in prose; without it, only frontmatter is searched. */
  readonly readText?: ReadText;
  readonly mentions?: ProseMentions;
  /** Checked between documents, so a long scan can be abandoned. */
  readonly isCancelled?: () => boolean;
}

/**
 * For an id: its declaration and every `controls:`/`policies:` item naming it. For a criterion: every
 * `criteria` item mapping it, its not_applicable entry, and every mention in the documents' prose.
 * Undefined when the cursor is on neither.
 */
export function findReferences(ws: ComplianceWorkspace, path: string, text: string, offset: number, options: ReferenceOptions): Place[] | undefined {
  const doc = documentForText(ws, path, text);
  const symbol = symbolAt(doc, text, offset);
  if (!symbol || symbol.kind === 'evidence') return undefined;
  const found = new PlacesByFile();
  if (symbol.kind === 'criterion') {
    if (!criterionReferences(ws, doc, text, symbol.id, options, found)) return undefined;
  } else idReferences(ws, doc, symbol, options, found);
  return found.sorted();
}

/** Places grouped by file, so that thousands of them sort by path once and by offset within each file. */
class PlacesByFile {
  private readonly byPath = new Map<string, Span[]>();

  add(path: string, span: Span): void {
    let list = this.byPath.get(path);
    if (!list) this.byPath.set(path, (list = []));
    list.push(span);
  }

  sorted(): Place[] {
    const out: Place[] = [];
    for (const path of [...this.byPath.keys()].sort()) {
      for (const span of (this.byPath.get(path) as Span[]).sort((a, b) => a.start - b.start)) out.push({ path, span });
    }
    return out;
  }
}

function idReferences(ws: ComplianceWorkspace, current: ParsedDocument, symbol: Extract<SymbolAt, { kind: 'id' | 'reference' }>, options: ReferenceOptions, found: PlacesByFile): void {
  if (options.includeDeclaration) {
    const owners = ws.documentsWithId(symbol.id);
    for (const p of owners) {
      const place = idPlace(p === current.path ? current : (ws.document(p) as ParsedDocument));
      found.add(place.path, place.span);
    }
    // The editor may be a keystroke ahead of the index.
    if (symbol.kind === 'id' && !owners.includes(current.path)) found.add(current.path, idPlace(current).span);
  }
  for (const doc of documentsWith(ws, current)) {
    for (const r of doc.policies) if (r.value === symbol.id) found.add(doc.path, valueSpan(r));
    for (const r of doc.controls) if (r.value === symbol.id) found.add(doc.path, valueSpan(r));
    for (const r of doc.assessment?.risks ?? []) if (r.value === symbol.id) found.add(doc.path, valueSpan(r));
  }
}

/** False when cancelled. */
function criterionReferences(ws: ComplianceWorkspace, current: ParsedDocument, text: string, id: string, options: ReferenceOptions, found: PlacesByFile): boolean {
  const config = ws.getConfig();
  const na = own(config.notApplicable, id);
  if (na?.span && config.path) found.add(config.path, na.span);
  // The config is not prose: its not_applicable key is already listed.
  const currentMentions = current.path === config.path ? NO_MENTIONS : scanMentions(current, text);
  const cache = options.mentions ?? new ProseMentions();
  for (const doc of documentsWith(ws, current)) {
    if (options.isCancelled?.()) return false;
    for (const c of doc.criteria) if (c.value === id) found.add(doc.path, valueSpan(c));
    const mentions = doc === current ? currentMentions : options.readText ? cache.of(doc, options.readText) : undefined;
    for (const span of mentions?.get(id) ?? []) found.add(doc.path, span);
  }
  return true;
}
