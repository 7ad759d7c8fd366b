// Completion in frontmatter and in compliance-docs.yml. The context is read from the text around the
// cursor, not from the parsed document: while the user types, the YAML is often broken (`[CC6.1, `)
// and the index would know nothing about the line being written.

import { CATEGORIES, CRITERIA, type Criterion } from '../catalog/catalog';
import type { CoverageState } from '../coverage/coverage';
import { NAMED_CYCLES } from '../dates';
import { DOCUMENT_STATUSES, DOCUMENT_TYPES, FREQUENCIES, RISK_CATEGORIES, RISK_TREATMENTS, type DocumentType, type RiskCategory, type RiskTreatment, type Span } from '../model/types';
import { effectiveType, type DocumentFacts } from '../model/facts';
import type { ComplianceWorkspace } from '../index/workspace';
import { CANONICAL_FIELDS, type CanonicalField } from '../parse/document';
import { findFrontmatter } from '../parse/frontmatter';
import { dirname, normalizeSegments, relativePath } from '../paths';
import { STATE_LABEL } from '../report/coverage';
import { RULES } from '../rules/registry';
import { documentForText } from './locate';
import type { CompletionEntry } from './completionEntry';
import { vendorCompletions } from './vendorCompletion';
import { own } from '../own';

const DOC_KEY_HELP: Readonly<Record<CanonicalField, string>> = {
  id: 'The id other documents and reports use (required for controls).',
  type: 'policy, procedure, control or narrative.',
  title: 'The title shown in reports and the coverage tree.',
  owner: 'Who keeps this document current.',
  status: 'draft, approved or retired; only approved documents count.',
  criteria: 'The SOC 2 criteria this document addresses.',
  policies: 'On a control: the policies it implements.',
  controls: 'On a policy: the controls that implement it.',
  last_reviewed: 'The date of the last review and approval.',
  review_cycle: 'annual, semiannual, quarterly, monthly or an ISO 8601 period (P6M).',
  frequency: 'How often the control operates.',
  evidence: 'Records that the control operated: paths or URLs, with dates.',
};

const FREQUENCY_HELP: Readonly<Record<string, string>> = {
  continuous: 'Automated, always on; evidence expected every month.',
  daily: 'Evidence expected every month.',
  weekly: 'Evidence expected every month.',
  monthly: 'Evidence for each month of the audit period.',
  quarterly: 'Evidence for each quarter of the audit period.',
  semiannual: 'Evidence for each half-year of the audit period.',
  annual: 'Evidence once in the audit period.',
};

const STATUS_HELP: Readonly<Record<string, string>> = {
  draft: 'Being written; maps nothing until approved.',
  approved: 'In force; counts toward coverage.',
  retired: 'No longer in force; counts for nothing.',
};

const CYCLE_HELP: Readonly<Record<string, string>> = {
  annual: 'Reviewed every year.',
  semiannual: 'Reviewed every six months.',
  quarterly: 'Reviewed every quarter.',
  monthly: 'Reviewed every month.',
};

const CATEGORY_IDS = CATEGORIES.map((c) => c.id);
const SEVERITY_VALUES = ['error', 'warning', 'info', 'hint', 'off'];

interface LineAt {
  readonly start: number;
  /** End of the line's content, before any line break. */
  readonly end: number;
  /** From the line start to the cursor. */
  readonly before: string;
}

function lineAt(text: string, offset: number): LineAt {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  let end = text.indexOf('\n', offset);
  if (end === -1) end = text.length;
  if (end > start && text.charCodeAt(end - 1) === 13) end--;
  return { start, end, before: text.slice(start, offset) };
}

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

/** The lines of `text` between `from` and `to` offsets, each with its start offset. */
function linesBetween(text: string, from: number, to: number): Array<{ start: number; text: string }> {
  const out: Array<{ start: number; text: string }> = [];
  let i = from;
  while (i < to) {
    let end = text.indexOf('\n', i);
    if (end === -1 || end > to) end = to;
    out.push({ start: i, text: text.slice(i, end).replace(/\r$/, '') });
    i = end + 1;
  }
  return out;
}

const KEY_LINE = /^(\s*)(?:-\s+)?("[^"]*"|'[^']*'|[^\s#'"\-[\]{},][^:#]*?)\s*:(?:\s|$)/;

function unquote(s: string): string {
  const t = s.trim();
  return t.length >= 2 && (t[0] === '"' || t[0] === "'") && t[t.length - 1] === t[0] ? t.slice(1, -1) : t;
}

/**
 * The key that owns the line starting at `lineStart` (indented `indent`): the nearest line above with
 * a `key:` at a smaller indentation. For a `- item`, a key at the same indentation also owns it, as
 * YAML allows `criteria:` followed by unindented items.
 */
function parentKey(text: string, regionStart: number, lineStart: number, indent: number, isItem: boolean): string | undefined {
  const lines = linesBetween(text, regionStart, Math.max(regionStart, lineStart - 1));
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i].text;
    const trimmed = line.trimStart();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const ind = line.length - trimmed.length;
    const isDash = trimmed.startsWith('-');
    if (ind > indent) continue;
    if (ind === indent) {
      if (isDash === isItem) continue; // a sibling
      if (!isItem) return undefined;
    }
    const m = KEY_LINE.exec(line);
    return m ? unquote(m[2]) : undefined;
  }
  return undefined;
}

/** An unclosed `[` before the cursor, looking back no further than the line of the enclosing top-level key. */
function openBracket(text: string, regionStart: number, offset: number): number | undefined {
  let depth = 0;
  for (let i = offset - 1; i >= regionStart; i--) {
    const ch = text.charCodeAt(i);
    if (ch === 93 /* ] */) depth++;
    else if (ch === 91 /* [ */) {
      if (depth === 0) return i;
      depth--;
    } else if (ch === 10 /* \n */ || i === regionStart) {
      const first = text.charAt(ch === 10 ? i + 1 : i);
      if (first !== '' && !/[\s\],#-]/.test(first) && (ch === 10 ? i + 1 : i) < offset) {
        // The scanned line was a top-level key; a bracket would have been found on it.
        return undefined;
      }
    }
  }
  return undefined;
}

interface Token {
  readonly span: Span;
  /** From the start of the item to the cursor. */
  readonly typed: string;
  /** From the cursor to the end of the item. */
  readonly rest: string;
}

/** The item being typed: from after the separator (and an opening quote) to the end of the word. */
function tokenAt(text: string, from: number, offset: number, stop: RegExp): Token {
  let start = from;
  while (start < offset && /[ \t]/.test(text.charAt(start))) start++;
  if (start < offset && /["']/.test(text.charAt(start))) start++;
  let end = offset;
  while (end < text.length && !stop.test(text.charAt(end)) && text.charAt(end) !== '\n' && text.charAt(end) !== '\r') end++;
  return { span: { start, end }, typed: text.slice(start, offset), rest: text.slice(offset, end) };
}

const FLOW_STOP = /[,\]\s"'}#]/;
const BLOCK_STOP = /[\s"'#]/;

type Field = CanonicalField | 'path' | 'date';

interface Context {
  readonly field: string;
  readonly mode: 'flow' | 'item' | 'value' | 'key';
  readonly token: Token;
  /** Items already in the list (flow or block), without the one being typed. */
  readonly siblings: readonly string[];
  /** Insert a space before the item (the cursor is right after `key:` or a flow list's comma). */
  readonly needsSpace?: boolean;
  /** For keys: the key of the enclosing mapping, undefined at the top level. */
  readonly parent?: string;
  readonly lineStart: number;
}

function flowSiblings(text: string, bracket: number, token: Token, limit: number): string[] {
  let depth = 0;
  let end = bracket + 1;
  for (; end < limit; end++) {
    const ch = text.charAt(end);
    if (ch === '[') depth++;
    else if (ch === ']') {
      if (depth === 0) break;
      depth--;
    }
  }
  const inner = text.slice(bracket + 1, token.span.start) + text.slice(token.span.end, end);
  return inner.split(',').map(unquote).filter((s) => s !== '');
}

function blockSiblings(text: string, regionStart: number, regionEnd: number, line: LineAt, indent: number): string[] {
  const out: string[] = [];
  const collect = (l: string): boolean => {
    if (l.trim() === '') return true;
    const ind = indentOf(l);
    if (ind > indent) return true;
    if (ind === indent && l.trimStart().startsWith('-')) {
      const v = unquote(l.trimStart().slice(1).replace(/#.*$/, ''));
      if (v) out.push(v);
      return true;
    }
    return false;
  };
  const above = linesBetween(text, regionStart, Math.max(regionStart, line.start - 1));
  for (let i = above.length - 1; i >= 0 && collect(above[i].text); i--);
  for (const l of linesBetween(text, Math.min(regionEnd, line.end + 1), regionEnd)) if (!collect(l.text)) break;
  return out;
}

function contextAt(text: string, regionStart: number, regionEnd: number, offset: number): Context | undefined {
  const line = lineAt(text, offset);
  if (/(^|\s)#/.test(line.before)) return undefined;

  const bracket = openBracket(text, regionStart, offset);
  if (bracket !== undefined) {
    const lead = lineAt(text, bracket);
    const head = text.slice(lead.start, bracket);
    const m = /([A-Za-z_][\w.-]*|"[^"]*"|'[^']*')\s*:\s*$/.exec(head);
    if (!m) return undefined;
    let sep = bracket;
    for (let i = offset - 1; i > bracket; i--) {
      if (text.charAt(i) === ',') {
        sep = i;
        break;
      }
    }
    const token = tokenAt(text, sep + 1, offset, FLOW_STOP);
    const needsSpace = sep !== bracket && token.span.start === sep + 1 && token.span.start === offset;
    return { field: unquote(m[1]), mode: 'flow', token, siblings: flowSiblings(text, bracket, token, regionEnd), needsSpace, lineStart: line.start };
  }

  const kv = KEY_LINE.exec(line.before);
  if (kv) {
    const afterColon = line.start + kv[0].length - (/\s$/.test(kv[0]) ? 1 : 0);
    const rest = text.slice(afterColon, offset);
    if (/^\s*[[{|>]/.test(rest)) return undefined;
    const token = tokenAt(text, afterColon, offset, BLOCK_STOP);
    const isItem = /^\s*-\s/.test(line.before);
    const parent = parentKey(text, regionStart, line.start, indentOf(line.before), isItem);
    return {
      field: unquote(kv[2]),
      mode: 'value',
      token,
      siblings: [],
      needsSpace: afterColon === offset,
      ...(parent !== undefined ? { parent } : {}),
      lineStart: line.start,
    };
  }

  const item = /^(\s*)-(\s+)(["']?)([^"'#]*)$/.exec(line.before);
  if (item) {
    const indent = item[1].length;
    const parent = parentKey(text, regionStart, line.start, indent, true);
    if (!parent) return undefined;
    const token = tokenAt(text, line.start + item[1].length + 1, offset, BLOCK_STOP);
    return { field: parent, mode: 'item', token, siblings: blockSiblings(text, regionStart, regionEnd, line, indent), lineStart: line.start };
  }

  const bare = /^(\s*)([A-Za-z_][\w.-]*)?$/.exec(line.before);
  if (bare && !text.slice(offset, line.end).includes(':')) {
    const indent = bare[1].length;
    const parent = indent === 0 ? undefined : parentKey(text, regionStart, line.start, indent, false);
    if (indent > 0 && !parent) return undefined;
    let end = offset;
    while (end < line.end && /[\w.-]/.test(text.charAt(end))) end++;
    return { field: '', mode: 'key', token: { span: { start: line.start + indent, end }, typed: bare[2] ?? '', rest: text.slice(offset, end) }, siblings: [], ...(parent ? { parent } : {}), lineStart: line.start };
  }
  return undefined;
}

/** The canonical field a key stands for, through the config's aliases and comply's names. */
function canonicalField(ws: ComplianceWorkspace, key: string): Field | undefined {
  const aliases = ws.parseFields();
  for (const field of CANONICAL_FIELDS) {
    if ((aliases[field] ?? [field]).includes(key)) return field;
  }
  if (/^(tsc|soc ?2)$/i.test(key)) return 'criteria';
  const comply: Readonly<Record<string, CanonicalField>> = { name: 'title', acronym: 'id', majorRevisions: 'last_reviewed' };
  const complyField = own(comply, key);
  if (complyField) return complyField;
  if (key === 'path' || key === 'date') return key;
  return undefined;
}

/** Completion items at `offset` in the file at `path`; empty when there is nothing to offer. */
/**
 * At most this many items of a list that grows with the repository (document ids, owners): the best
 * matches of what is typed, and the list says it is incomplete, so the editor asks again as more is typed.
 */
export const COMPLETION_LIMIT = 100;

/** Set while one completionListAt call builds its items (completion is synchronous): a list was cut. */
let cut = false;

/** The completions at `offset`, and whether a long list was cut to COMPLETION_LIMIT. */
export function completionListAt(ws: ComplianceWorkspace, path: string, text: string, offset: number): { readonly items: CompletionEntry[]; readonly incomplete: boolean } {
  cut = false;
  const items = completionsAt(ws, path, text, offset);
  const incomplete = cut;
  cut = false;
  return { items, incomplete };
}

export function completionsAt(ws: ComplianceWorkspace, path: string, text: string, offset: number): CompletionEntry[] {
  const config = ws.getConfig();
  if (config.path !== undefined && path === config.path) {
    const ctx = contextAt(text, 0, text.length, offset);
    return ctx ? spaced(ctx, configCompletions(ws, ctx)) : [];
  }
  const ctx = documentContext(ws, path, text, offset);
  return ctx ? spaced(ctx, documentCompletions(ws, path, text, ctx)) : [];
}

/** Right after `key:` or `,` the item needs a space before it; the client still filters on the label. */
function spaced(ctx: Context, entries: CompletionEntry[]): CompletionEntry[] {
  if (!ctx.needsSpace) return entries;
  return entries.map((e) => (e.span.start === offsetOfCursor(ctx) ? { ...e, insertText: ` ${e.insertText}`, filterText: e.filterText ?? e.label } : e));
}

function offsetOfCursor(ctx: Context): number {
  return ctx.token.span.end - ctx.token.rest.length;
}

function documentContext(ws: ComplianceWorkspace, path: string, text: string, offset: number): (Context & { readonly region: Span }) | undefined {
  if (!ws.isDocumentPath(path)) return undefined;
  const block = findFrontmatter(text);
  if (block.kind === 'none') return undefined;
  const closed = block.close !== undefined;
  if (offset < block.yaml.start || (closed ? offset >= block.yaml.end : offset > block.yaml.end)) return undefined;
  if (block.kind === 'comply' && documentForText(ws, path, text).format !== 'comply') return undefined;
  const ctx = contextAt(text, block.yaml.start, block.yaml.end, offset);
  return ctx && { ...ctx, region: block.yaml };
}

function documentCompletions(ws: ComplianceWorkspace, path: string, text: string, ctx: Context & { readonly region: Span }): CompletionEntry[] {
  const topLevel = !/^[\s-]/.test(text.charAt(ctx.lineStart));
  // A vendor's `report:` is written from the repository root, as if from a file there.
  const rootPaths = (): CompletionEntry[] => pathCompletions(ws, '.vendor-report', ctx.token);
  const vendor = vendorCompletions(ws, path, text, { field: ctx.field, mode: ctx.mode, span: ctx.token.span, siblings: ctx.siblings, lineStart: ctx.lineStart, region: ctx.region }, topLevel, rootPaths);
  if (vendor) return ctx.mode === 'key' && topLevel ? [...keyCompletions(ws, text, ctx.region.start, ctx.region.end, ctx), ...vendor] : vendor;
  if (ctx.mode === 'key') {
    if (ctx.parent !== undefined) return [];
    return keyCompletions(ws, text, ctx.region.start, ctx.region.end, ctx);
  }
  const risky = riskCompletions(ws, path, text, ctx);
  if (risky) return risky;
  const field = canonicalField(ws, ctx.field);
  if (!field) return [];
  if (ctx.mode === 'value') return valueCompletions(ws, path, field, ctx);
  switch (field) {
    case 'criteria':
      return criterionCompletions(ws, ctx);
    case 'controls':
    case 'policies':
      return idCompletions(ws, path, text, field === 'controls' ? 'control' : 'policy', ctx);
    case 'evidence':
      return pathCompletions(ws, path, ctx.token);
    default:
      return [];
  }
}

const CATEGORY_HELP: Readonly<Record<RiskCategory, string>> = {
  fraud: 'Fraud against or through the organisation (CC3.3).',
  change: 'Changes that could weaken controls: new products, acquisitions, leadership or providers (CC3.4).',
  vendor: 'A vendor or business partner (CC9.2).',
  technology: 'Systems, infrastructure and security threats.',
  people: 'Staffing, key persons, insiders and training.',
  legal: 'Laws, regulations and contracts.',
  operational: 'Processes and day-to-day operations.',
  other: 'Anything else.',
};

const TREATMENT_HELP: Readonly<Record<RiskTreatment, string>> = {
  mitigate: 'Controls reduce it: name them under `controls:`.',
  accept: 'Management accepts it as it is: record `acceptance: { by, date, expires }`.',
  transfer: 'Insurance or a contract moves it to another party.',
  avoid: 'The activity that causes it is stopped.',
};

/** In a risk: `category:` and `treatment:` values; in an assessment: risk ids under `risks:`. */
function riskCompletions(ws: ComplianceWorkspace, path: string, text: string, ctx: Context): CompletionEntry[] | undefined {
  if (ctx.parent !== undefined || (ctx.field !== 'category' && ctx.field !== 'treatment' && ctx.field !== 'risks')) return undefined;
  const type = effectiveType(documentForText(ws, path, text));
  const values = (list: readonly string[], help: (v: string) => string): CompletionEntry[] =>
    list.map((v, i) => ({ label: v, kind: 'value' as const, insertText: v, span: ctx.token.span, sortText: String(i).padStart(2, '0'), documentation: help(v) }));
  if (type === 'risk' && ctx.mode === 'value' && ctx.field === 'category') return values(RISK_CATEGORIES, (v) => CATEGORY_HELP[v as RiskCategory]);
  if (type === 'risk' && ctx.mode === 'value' && ctx.field === 'treatment') return values(RISK_TREATMENTS, (v) => TREATMENT_HELP[v as RiskTreatment]);
  if (type === 'risk-assessment' && ctx.field === 'risks' && ctx.mode !== 'value' && ctx.mode !== 'key') return idCompletions(ws, path, text, 'risk', ctx);
  return undefined;
}

function stateLabel(ws: ComplianceWorkspace, c: Criterion): string {
  const state: CoverageState | undefined = ws.criterionState(c.id);
  return state ? STATE_LABEL[state] : 'out of scope';
}

function criterionCompletions(ws: ComplianceWorkspace, ctx: Context): CompletionEntry[] {
  const listed = new Set(ctx.siblings);
  const scope = ws.getConfig().categories;
  const out: CompletionEntry[] = [];
  CRITERIA.forEach((c, i) => {
    if (listed.has(c.id)) return;
    const inScope = scope.includes(c.category);
    out.push({
      label: c.id,
      kind: 'criterion',
      detail: c.title,
      description: stateLabel(ws, c),
      documentation: c.explanation,
      insertText: c.id,
      // Typing part of the title ("malicious") finds the criterion too.
      filterText: `${c.id} ${c.title}`,
      span: ctx.token.span,
      sortText: `${inScope ? 0 : 1}-${String(i).padStart(3, '0')}`,
    });
  });
  return out;
}

/**
 * How well a candidate matches what is typed, lower first: its id starts with it, holds it, its title
 * holds it, neither (case ignored). Nothing typed: all alike.
 */
function matchRank(id: string, title: string | undefined, typed: string): number {
  if (typed === '') return 0;
  const low = id.toLowerCase();
  if (low.startsWith(typed)) return 0;
  if (low.includes(typed)) return 1;
  return title !== undefined && title.toLowerCase().includes(typed) ? 2 : 3;
}

/** The best COMPLETION_LIMIT of many candidates: by match, then `order`; all of them when few. */
function best<T extends { readonly rank: number }>(candidates: T[], order: (a: T, b: T) => number): T[] {
  if (candidates.length <= COMPLETION_LIMIT) return candidates;
  cut = true;
  return candidates.sort((a, b) => a.rank - b.rank || order(a, b)).slice(0, COMPLETION_LIMIT);
}

/** The facts of the document of type `wanted` that holds `id`. */
function factsOfType(ws: ComplianceWorkspace, id: string, wanted: DocumentType): DocumentFacts | undefined {
  for (const p of ws.documentsWithId(id)) {
    const f = ws.factsOf(p);
    if (f?.type === wanted) return f;
  }
  return undefined;
}

/**
 * With nothing typed, what best() would keep of more than COMPLETION_LIMIT candidates (approved first,
 * then by id), read off the sorted ids and stopped once the list is full, so that it costs the same in
 * any repository; undefined when there are not more (best() keeps them all, in the index's order).
 */
function firstByApproval(ws: ComplianceWorkspace, wanted: DocumentType, skip: (id: string) => boolean): Array<{ id: string; facts: DocumentFacts }> | undefined {
  const approvedOnes: Array<{ id: string; facts: DocumentFacts }> = [];
  const others: Array<{ id: string; facts: DocumentFacts }> = [];
  let total = 0;
  for (const id of ws.idsOfTypeSorted(wanted)) {
    if (skip(id)) continue;
    const facts = factsOfType(ws, id, wanted);
    if (!facts) continue;
    total++;
    if (facts.status === 'approved') approvedOnes.push({ id, facts });
    else if (others.length < COMPLETION_LIMIT) others.push({ id, facts });
    // One more approved than fits: the list is full, and cut.
    if (approvedOnes.length > COMPLETION_LIMIT) break;
  }
  if (total <= COMPLETION_LIMIT) return undefined;
  cut = true;
  return [...approvedOnes, ...others].slice(0, COMPLETION_LIMIT);
}

function idCompletions(ws: ComplianceWorkspace, path: string, text: string, wanted: DocumentType, ctx: Context): CompletionEntry[] {
  const listed = new Set(ctx.siblings);
  const own = documentForText(ws, path, text);
  const ownId = ws.factsOf(path)?.id ?? own.id?.value;
  const typed = ctx.token.typed.toLowerCase();
  const skip = (id: string): boolean => listed.has(id) || id === ownId;
  let chosen = typed === '' && ws.idsOfType(wanted).length > COMPLETION_LIMIT ? firstByApproval(ws, wanted, skip) : undefined;
  if (!chosen) {
    const candidates: Array<{ id: string; facts: DocumentFacts; rank: number }> = [];
    for (const id of ws.idsOfType(wanted)) {
      if (skip(id)) continue;
      const facts = factsOfType(ws, id, wanted);
      if (!facts) continue;
      candidates.push({ id, facts, rank: matchRank(id, facts.title, typed) });
    }
    const approved = (f: DocumentFacts): number => (f.status === 'approved' ? 0 : 1);
    chosen = best(candidates, (a, b) => approved(a.facts) - approved(b.facts) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }
  const out: CompletionEntry[] = [];
  for (const { id, facts } of chosen) {
    out.push({
      label: id,
      kind: 'document',
      detail: facts.title,
      description: facts.status,
      documentation: `${wanted} in \`${facts.path}\``,
      insertText: id,
      ...(facts.title && facts.title !== id ? { filterText: `${id} ${facts.title}` } : {}),
      span: ctx.token.span,
      sortText: `${facts.status === 'approved' ? 0 : 1}-${id}`,
    });
  }
  return out;
}

function valueCompletions(ws: ComplianceWorkspace, path: string, field: Field, ctx: Context): CompletionEntry[] {
  const values = (list: readonly string[], help: (v: string) => string | undefined): CompletionEntry[] =>
    list.map((v, i) => {
      const documentation = help(v);
      return { label: v, kind: 'value' as const, insertText: v, span: ctx.token.span, sortText: String(i).padStart(2, '0'), ...(documentation ? { documentation } : {}) };
    });
  switch (field) {
    case 'type':
      return values(DOCUMENT_TYPES, () => undefined);
    case 'status':
      return values(DOCUMENT_STATUSES, (v) => STATUS_HELP[v]);
    case 'frequency':
      return values(FREQUENCIES, (v) => FREQUENCY_HELP[v]);
    case 'review_cycle':
      return values(Object.keys(NAMED_CYCLES), (v) => CYCLE_HELP[v]);
    case 'last_reviewed':
    case 'date':
      return [{ label: ws.getRecordDate(), kind: 'value', detail: 'today', insertText: ws.getRecordDate(), span: ctx.token.span, sortText: '0' }];
    case 'owner': {
      const owners = new Set<string>();
      for (const d of ws.documents()) if (d.owner) owners.add(d.owner.value);
      const typed = ctx.token.typed.toLowerCase();
      const sorted = [...owners].sort();
      const kept = best(
        sorted.map((o, i) => ({ o, i, rank: matchRank(o, undefined, typed) })),
        (a, b) => a.i - b.i,
      );
      // In their sorted order again: the list's positions are its sort texts.
      return values(kept.length === sorted.length ? sorted : kept.sort((a, b) => a.i - b.i).map((k) => k.o), () => undefined);
    }
    case 'path':
      return pathCompletions(ws, path, ctx.token);
    case 'criteria':
    case 'controls':
    case 'policies':
    case 'evidence':
      // `criteria: CC` is not a list yet; offer nothing rather than a value that would be invalid.
      return [];
    default:
      return [];
  }
}

function pathCompletions(ws: ComplianceWorkspace, docPath: string, token: Token): CompletionEntry[] {
  const typed = token.typed;
  if (/^[A-Za-z][A-Za-z0-9+.-]*:/.test(typed)) return [];
  const slash = typed.lastIndexOf('/');
  const dirPart = typed.slice(0, slash + 1);
  const namePart = typed.slice(slash + 1).toLowerCase();
  const docDir = dirname(docPath);
  const segs = normalizeSegments([...(dirPart.startsWith('/') ? [] : docDir === '' ? [] : docDir.split('/')), ...dirPart.split('/')]);
  if (!segs) return [];
  const dir = segs.join('/');
  // The item replaces the segment being typed, through the slash that ends it when there is one.
  const slashAfter = token.rest.indexOf('/');
  const span: Span = { start: token.span.start + dirPart.length, end: token.span.end - token.rest.length + (slashAfter >= 0 ? slashAfter + 1 : token.rest.length) };
  const out: CompletionEntry[] = [];
  const seen = new Set<string>();
  const add = (label: string, insertText: string, folder: boolean, filterText?: string): void => {
    if (seen.has(insertText)) return;
    seen.add(insertText);
    out.push({ label, kind: folder ? 'folder' : 'file', insertText, span, sortText: `${folder ? 0 : 1}-${label}`, ...(filterText ? { filterText } : {}) });
  };
  if (dir !== '' && (namePart === '' || '..'.startsWith(namePart))) add('../', '../', true);
  for (const name of [...ws.namesIn(dir)].sort()) {
    if (name.startsWith('.') && !namePart.startsWith('.')) continue;
    if (!name.toLowerCase().startsWith(namePart)) continue;
    const full = dir === '' ? name : `${dir}/${name}`;
    if (full === docPath) continue;
    const entry = ws.inventory.get(full);
    const resolved = entry?.kind === 'symlink' ? ws.inventory.resolve(full) : undefined;
    const folder = entry?.kind === 'dir' || resolved?.kind === 'dir';
    if (!folder && ws.isDocumentPath(full)) continue;
    add(folder ? `${name}/` : name, folder ? `${name}/` : name, folder);
  }
  // Nothing typed yet in a document below the root: offer the root's folders, written from here.
  if (dirPart === '' && docDir !== '') {
    for (const name of [...ws.namesIn('')].sort()) {
      if (name.startsWith('.') || !name.toLowerCase().startsWith(namePart) || ws.inventory.get(name)?.kind !== 'dir') continue;
      if (docDir === name || docDir.startsWith(`${name}/`)) continue;
      const written = `${relativePath(docDir, name)}/`;
      add(written, written, true, name);
    }
  }
  return out;
}

function keyCompletions(ws: ComplianceWorkspace, text: string, from: number, to: number, ctx: Context): CompletionEntry[] {
  const present = new Set<string>();
  for (const l of linesBetween(text, from, to)) {
    if (l.start === ctx.lineStart) continue;
    const m = /^([A-Za-z_][\w.-]*)\s*:/.exec(l.text);
    if (m) present.add(m[1]);
  }
  const aliases = ws.parseFields();
  const out: CompletionEntry[] = [];
  CANONICAL_FIELDS.forEach((field, i) => {
    const keys = aliases[field] ?? [field];
    if (keys.some((k) => present.has(k)) || (field === 'criteria' && present.has('satisfies')) || (field === 'title' && present.has('name'))) return;
    const key = keys[0];
    let insertText = `${key}: `;
    let snippet = false;
    if (field === 'criteria' || field === 'policies' || field === 'controls') {
      insertText = `${key}: [$0]`;
      snippet = true;
    } else if (field === 'evidence') {
      insertText = `${key}:\n  - $0`;
      snippet = true;
    } else if (field === 'last_reviewed') insertText = `${key}: ${ws.getRecordDate()}`;
    out.push({ label: key, kind: 'key', detail: DOC_KEY_HELP[field], insertText, snippet, span: ctx.token.span, sortText: String(i).padStart(2, '0') });
  });
  return out;
}

// ---- compliance-docs.yml

function configCompletions(ws: ComplianceWorkspace, ctx: Context): CompletionEntry[] {
  const config = ws.getConfig();
  if (ctx.mode === 'key') {
    if (ctx.parent === 'not_applicable') {
      const listed = new Set(Object.keys(config.notApplicable));
      const out: CompletionEntry[] = [];
      CRITERIA.forEach((c, i) => {
        if (listed.has(c.id) || !config.categories.includes(c.category)) return;
        const state = ws.criterionState(c.id);
        out.push({
          label: c.id,
          kind: 'criterion',
          detail: c.title,
          ...(state ? { description: STATE_LABEL[state] } : {}),
          documentation: c.explanation,
          insertText: `${c.id}: "$0"`,
          filterText: `${c.id} ${c.title}`,
          snippet: true,
          span: ctx.token.span,
          // Uncovered criteria are the ones usually scoped out.
          sortText: `${state === 'uncovered' ? 0 : 1}-${String(i).padStart(3, '0')}`,
        });
      });
      return out;
    }
    if (ctx.parent === 'rules') {
      const listed = new Set(Object.keys(config.rules));
      return RULES.filter((r) => !listed.has(r.code)).map((r) => ({ label: r.code, kind: 'rule' as const, detail: `default: ${r.defaultSeverity}`, documentation: r.description, insertText: `${r.code}: `, span: ctx.token.span, sortText: r.code }));
    }
    return [];
  }
  if ((ctx.mode === 'flow' || ctx.mode === 'item') && ctx.field === 'categories') {
    const listed = new Set(ctx.siblings.map((s) => s.toLowerCase()));
    return CATEGORY_IDS.filter((c) => !listed.has(c)).map((c, i) => ({ label: c, kind: 'value' as const, detail: CATEGORIES[CATEGORY_IDS.indexOf(c)].title, insertText: c, span: ctx.token.span, sortText: String(i) }));
  }
  if (ctx.mode === 'value' && ctx.parent === 'rules') {
    return SEVERITY_VALUES.map((s, i) => ({ label: s, kind: 'value' as const, insertText: s, span: ctx.token.span, sortText: String(i) }));
  }
  if (ctx.mode === 'value' && ctx.field === 'type' && ctx.parent === 'audit') {
    return ['type1', 'type2'].map((s, i) => ({ label: s, kind: 'value' as const, insertText: s, span: ctx.token.span, sortText: String(i) }));
  }
  if (ctx.mode === 'value' && ctx.field === 'cycle' && ctx.parent === 'review') {
    return Object.keys(NAMED_CYCLES).map((s, i) => ({ label: s, kind: 'value' as const, insertText: s, span: ctx.token.span, sortText: String(i) }));
  }
  return [];
}
