// Hover: what a criterion ID means and how it stands in this workspace, or the state of the document
// behind an id. `hoverAt` finds what is under the cursor and gathers plain data; `renderHover` turns it
// into markdown or plain text, with links made by the host (which knows URIs).

import { getCategory, getCriterion, getSeries, suggestCriteria, type Criterion } from '../catalog/catalog';
import { LEVEL_STATE, type CoverageState } from '../coverage/coverage';
import type { ReviewState } from '../model/facts';
import type { DocumentStatus, DocumentType, ParsedDocument, Span } from '../model/types';
import type { ComplianceWorkspace } from '../index/workspace';
import { positionIn } from '../text/lines';
import { ageText, vendorStanding, type VendorStanding } from '../model/vendor';
import { criterionInText, documentForText, symbolAt } from './locate';
import { own } from '../own';
import { insertSorted } from '../sorted';
import { legendOf, stateLabel } from '../coverage/states';
import { criterionStateReason } from '../report/matrix';
import { acceptanceNeeded, scoreOf, type AssessmentRef } from '../model/risk';
import type { RegisterScore } from '../report/risks';

/** A document as a hover lists it: enough to name it and link to its frontmatter. */
export interface DocumentRef {
  readonly id: string;
  readonly title: string;
  readonly type: DocumentType;
  readonly path: string;
  /** Zero-based line of the frontmatter (or of the file's start). */
  readonly line: number;
}

/** What one document earns a criterion it maps, or why it earns nothing. */
export type Standing = Exclude<CoverageState, 'uncovered' | 'not-applicable'> | 'draft' | 'retired' | 'unreadable' | 'no-credit';

export interface CriterionMapping extends DocumentRef {
  readonly standing: Standing;
}

export interface EvidenceCount {
  /** Local files and folders that exist. */
  readonly files: number;
  readonly urls: number;
  /** Local paths that do not exist. */
  readonly missing: number;
  /** Paths that leave the repository. */
  readonly outside: number;
}

export interface DocumentSummary extends DocumentRef {
  readonly owner?: string;
  readonly status: DocumentStatus;
  /** False when the frontmatter is missing or does not parse. */
  readonly readable: boolean;
  readonly review: ReviewState;
  readonly cycle: string;
  readonly evidence: EvidenceCount;
  readonly newestEvidence?: string;
  /** The newest date was read from a path (2026-Q3 → 2026-09-30), not recorded in a `date:` field. */
  readonly newestInferred?: boolean;
  readonly evidenceDue?: string;
  readonly evidenceStale: boolean;
  readonly criteria: readonly string[];
  /** For a vendor: its criticality and newest report, as of today. */
  readonly vendor?: VendorStanding;
  /** For a risk: its scores, treatment, acceptance, controls and last assessment. */
  readonly risk?: RiskSummary;
}

export interface RiskSummary {
  readonly inherent?: RegisterScore;
  readonly residual?: RegisterScore;
  readonly scale: number;
  readonly tolerance: number;
  readonly aboveTolerance: boolean;
  readonly category?: string;
  readonly treatment?: string;
  readonly acceptance?: { readonly by?: string; readonly date?: string; readonly expires?: string; readonly expired: boolean };
  readonly acceptanceNeeded: boolean;
  readonly controls: readonly string[];
  readonly assessment?: { readonly id: string; readonly date: string; readonly current: boolean };
}

export type HoverInfo =
  | {
      readonly kind: 'criterion';
      readonly span: Span;
      readonly criterion: Criterion;
      readonly seriesTitle: string;
      readonly categoryTitle: string;
      /** 'out-of-scope' when the criterion's category is not in `categories`. */
      readonly state: CoverageState | 'out-of-scope';
      /** Why the criterion has its state, in the matrix's words (absent out of scope). */
      readonly reason?: string;
      readonly justification?: string;
      readonly configPath: string;
      /** Ids of the critical or high vendors whose findings hold it at stale at best (CC9.2). */
      readonly heldBy?: readonly string[];
      /** The first MAX_LISTED documents that list it, counting or not, best standing first. */
      readonly mappings: readonly CriterionMapping[];
      /** How many documents list it in all. */
      readonly mappingCount: number;
    }
  | {
      readonly kind: 'not-a-criterion';
      readonly span: Span;
      readonly text: string;
      /** What it probably meant: the nearest IDs, the normalised ID, or the series' members. */
      readonly suggestion?: { readonly kind: 'nearest' | 'normalized' | 'family'; readonly ids: readonly string[] };
    }
  | {
      readonly kind: 'document';
      readonly span: Span;
      readonly id: string;
      readonly document: DocumentSummary;
      /** Other documents with the same id (a duplicate-id finding). */
      readonly others: readonly DocumentRef[];
      /** True on the document's own `id:`. */
      readonly own: boolean;
    }
  | { readonly kind: 'unknown-id'; readonly span: Span; readonly id: string; readonly field: 'policies' | 'controls' | 'risks' };

function lineOf(doc: ParsedDocument): number {
  const at = doc.frontmatter?.anchor.start ?? 0;
  return positionIn(doc.lineStarts, doc.length, at).line;
}

function refOf(ws: ComplianceWorkspace, path: string): DocumentRef | undefined {
  const doc = ws.document(path);
  const facts = ws.factsOf(path);
  if (!doc || !facts) return undefined;
  return { id: facts.id, title: facts.title, type: facts.type, path, line: lineOf(doc) };
}

/** What sits under `offset` in the file at `path`, with the facts a hover shows; undefined for nothing. */
export function hoverAt(ws: ComplianceWorkspace, path: string, text: string, offset: number): HoverInfo | undefined {
  const config = ws.getConfig();
  if (config.path !== undefined && path === config.path) {
    const found = criterionInText(text, offset);
    return found ? criterionHover(ws, found.id, found.span) : undefined;
  }
  const doc = documentForText(ws, path, text);
  const symbol = symbolAt(doc, text, offset);
  if (!symbol) return undefined;
  switch (symbol.kind) {
    case 'criterion':
      return criterionHover(ws, symbol.id, symbol.span);
    case 'id':
    case 'reference': {
      const paths = symbol.kind === 'id' ? [path, ...ws.documentsWithId(symbol.id).filter((p) => p !== path)] : ws.documentsWithId(symbol.id);
      const summaries = paths.map((p) => summarize(ws, p)).filter((s): s is DocumentSummary => s !== undefined);
      if (summaries.length === 0) return symbol.kind === 'reference' ? { kind: 'unknown-id', span: symbol.span, id: symbol.id, field: symbol.field } : undefined;
      const [document, ...others] = summaries;
      return { kind: 'document', span: symbol.span, id: symbol.id, document, others: others.map(({ id, title, type, path: p, line }) => ({ id, title, type, path: p, line })), own: symbol.kind === 'id' };
    }
    case 'evidence':
      return undefined;
  }
}

/** How many of the documents that list a criterion its hover names. */
const MAX_LISTED = 20;

/** The order a criterion's hover names documents in: what counts first, then by id and path. */
const STANDING_RANK: Readonly<Record<Standing, number>> = { covered: 0, stale: 1, exception: 2, claimed: 3, 'claimed-stale': 4, 'no-credit': 5, draft: 6, retired: 7, unreadable: 8 };

interface ListedMapping {
  readonly path: string;
  readonly id: string;
  readonly standing: Standing;
}

function compareListed(a: ListedMapping, b: ListedMapping): number {
  return STANDING_RANK[a.standing] - STANDING_RANK[b.standing] || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
}

/** A document listing criterion `id`, with what it earns it on its own (undefined: not a document now). */
function listedMapping(ws: ComplianceWorkspace, path: string, id: string): ListedMapping | undefined {
  const facts = ws.document(path) ? ws.factsOf(path) : undefined;
  if (!facts) return undefined;
  // As the coverage index holds it: computed when the document last changed.
  const level = ws.coverageLevel(path, id);
  const standing: Standing =
    level !== undefined ? (LEVEL_STATE[level] as Standing) : !facts.readable ? 'unreadable' : facts.status === 'draft' ? 'draft' : facts.status === 'retired' ? 'retired' : 'no-credit';
  return { path, id: facts.id, standing };
}

function criterionHover(ws: ComplianceWorkspace, id: string, span: Span): HoverInfo {
  const criterion = getCriterion(id);
  if (!criterion) {
    const s = suggestCriteria(id);
    const suggestion = s === undefined ? undefined : s.kind === 'normalized' ? { kind: s.kind, ids: [s.id] } : { kind: s.kind, ids: s.ids };
    return { kind: 'not-a-criterion', span, text: id, ...(suggestion ? { suggestion } : {}) };
  }
  const config = ws.getConfig();
  const inScope = config.categories.includes(criterion.category);
  const state = inScope ? (ws.criterionState(id) ?? 'uncovered') : 'out-of-scope';
  // The documents that list the ID, each with what it earns it on its own, in the order the hover names
  // them: kept by the index, and updated with the documents that changed since the last hover.
  const listed = ws.listingSummary(
    id,
    () => {
      const all: ListedMapping[] = [];
      for (const path of ws.documentsListing(id)) {
        const m = listedMapping(ws, path, id);
        if (m) all.push(m);
      }
      return all.sort(compareListed);
    },
    (last, changed) => {
      const all = last.filter((m) => !changed.has(m.path));
      for (const path of changed) {
        const doc = ws.document(path);
        const m = doc && doc.criteria.some((c) => c.value === id) ? listedMapping(ws, path, id) : undefined;
        if (m) insertSorted(all, m, compareListed);
      }
      return all;
    },
  );
  const best = listed.slice(0, MAX_LISTED);
  const mappingCount = listed.length;
  const mappings: CriterionMapping[] = [];
  for (const m of best) {
    const ref = refOf(ws, m.path);
    if (ref) mappings.push({ ...ref, standing: m.standing });
  }
  const na = own(config.notApplicable, id);
  const entry = inScope ? ws.coverage().criteria.find((c) => c.id === id) : undefined;
  const reason = entry ? criterionStateReason(ws, entry) : undefined;
  return {
    kind: 'criterion',
    span,
    criterion,
    seriesTitle: getSeries(criterion.series)?.title ?? criterion.series,
    categoryTitle: getCategory(criterion.category).title,
    state,
    ...(reason ? { reason } : {}),
    ...(state === 'not-applicable' && na ? { justification: na.justification } : {}),
    configPath: config.path ?? 'compliance-docs.yml',
    ...heldByOf(ws, id, state),
    mappings,
    mappingCount,
  };
}

/** The vendors that cap the criterion, only where a cap applies (CC9.2) and the state is stale. */
function heldByOf(ws: ComplianceWorkspace, id: string, state: CoverageState | 'out-of-scope'): { heldBy?: string[] } {
  if (state !== 'stale' || id !== 'CC9.2') return {};
  const paths = ws.coverage().criteria.find((c) => c.id === id)?.cappedBy ?? [];
  return paths.length > 0 ? { heldBy: paths.map((p) => ws.factsOf(p)?.id ?? p) } : {};
}

function summarize(ws: ComplianceWorkspace, path: string): DocumentSummary | undefined {
  const doc = ws.document(path);
  const facts = ws.factsOf(path);
  const ref = refOf(ws, path);
  if (!doc || !facts || !ref) return undefined;
  const evidence = { files: 0, urls: 0, missing: 0, outside: 0 };
  // The newest date is inferred when no existing record of that date has it in a `date:` field.
  let newestRecorded = false;
  for (const e of facts.evidence) {
    if ((e.state.kind === 'exists' || e.state.kind === 'url') && e.link.date === facts.newestEvidence && e.link.dateFrom !== 'path') newestRecorded = true;
    if (e.state.kind === 'exists') evidence.files++;
    else if (e.state.kind === 'url') evidence.urls++;
    else if (e.state.kind === 'missing') evidence.missing++;
    else if (e.state.kind === 'outside') evidence.outside++;
  }
  return {
    ...ref,
    ...(doc.owner ? { owner: doc.owner.value } : {}),
    status: facts.status,
    readable: facts.readable,
    review: facts.review,
    cycle: facts.cycleText,
    evidence,
    ...(facts.newestEvidence ? { newestEvidence: facts.newestEvidence, ...(newestRecorded ? {} : { newestInferred: true }) } : {}),
    ...(facts.evidenceDue ? { evidenceDue: facts.evidenceDue } : {}),
    evidenceStale: facts.evidenceStale,
    criteria: doc.criteria.map((c) => c.value),
    ...(facts.type === 'vendor' ? { vendor: vendorStanding(doc, ws.getToday()) } : {}),
    ...(facts.type === 'risk' ? { risk: riskSummary(ws, doc, facts.assessment) } : {}),
  };
}

function riskSummary(ws: ComplianceWorkspace, doc: ParsedDocument, assessment: AssessmentRef | undefined): RiskSummary {
  const config = ws.getConfig();
  const { scale, tolerance } = config.risk;
  const r = doc.risk ?? {};
  const score = (s: typeof r.inherent): RegisterScore | undefined => {
    const n = scoreOf(s, scale);
    return n === undefined || !s?.likelihood || !s.impact ? undefined : { likelihood: s.likelihood.value, impact: s.impact.value, score: n };
  };
  const residual = score(r.residual);
  const a = r.acceptance;
  return {
    ...(score(r.inherent) ? { inherent: score(r.inherent) } : {}),
    ...(residual ? { residual } : {}),
    scale,
    tolerance,
    aboveTolerance: residual !== undefined && residual.score > tolerance,
    ...(r.category ? { category: r.category.value } : {}),
    ...(r.treatment ? { treatment: r.treatment.value } : {}),
    ...(a ? { acceptance: { ...(a.by ? { by: a.by.value } : {}), ...(a.date ? { date: a.date.value } : {}), ...(a.expires ? { expires: a.expires.value } : {}), expired: a.expires !== undefined && a.expires.value < ws.getToday() } } : {}),
    acceptanceNeeded: acceptanceNeeded(doc, config) !== undefined,
    controls: doc.controls.map((c) => c.value),
    ...(assessment ? { assessment: { id: assessment.id, date: assessment.date, current: assessment.current } } : {}),
  };
}

function riskLines(r: RiskSummary): string[] {
  const s = (x: RegisterScore | undefined): string => (x ? `${x.likelihood} × ${x.impact} = ${x.score}` : 'not scored');
  const lines = [`Inherent ${s(r.inherent)} · residual ${s(r.residual)}${r.aboveTolerance ? `, above the tolerance of ${r.tolerance}` : ''} (scale 1 to ${r.scale})`];
  lines.push(`Treatment: ${r.treatment ?? 'not stated'}${r.category ? ` · category ${r.category}` : ''}`);
  if (r.acceptance) {
    const a = r.acceptance;
    lines.push(`Accepted${a.by ? ` by ${a.by}` : ''}${a.date ? ` on ${a.date}` : ''}${a.expires ? `, ${a.expired ? 'expired' : 'expires'} ${a.expires}` : ''}`);
  } else if (r.acceptanceNeeded) lines.push('Needs an acceptance (who accepted it, and when): none is recorded');
  lines.push(`Controls: ${r.controls.length > 0 ? r.controls.join(', ') : 'none'}`);
  lines.push(r.assessment ? `Last assessed in ${r.assessment.id} on ${r.assessment.date}${r.assessment.current ? '' : ', past the assessment cycle'}` : 'No approved assessment lists it');
  return lines;
}

// ---- rendering

export interface RenderOptions {
  readonly format: 'markdown' | 'plaintext';
  /** A link target for a file at a zero-based line (markdown only). */
  readonly link?: (path: string, line: number) => string;
}

/** A state's meaning and remedy, from the one legend. */
function stateText(state: CoverageState): string {
  const l = legendOf(state);
  return l.action ? `${l.meaning} ${l.action}` : l.meaning;
}

const STANDING_TEXT: Readonly<Record<Standing, string>> = {
  covered: stateLabel('covered'),
  stale: stateLabel('stale'),
  exception: stateLabel('exception'),
  claimed: stateLabel('claimed'),
  'claimed-stale': stateLabel('claimed-stale'),
  'no-credit': 'counts for nothing here',
  draft: 'draft, counts for nothing until approved',
  retired: 'retired, counts for nothing',
  unreadable: 'frontmatter does not parse, counts for nothing',
};

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Escapes text that goes into markdown so titles cannot inject formatting or links. */
function md(text: string): string {
  return text.replace(/[\\`*_[\]<>|~]/g, (c) => `\\${c}`);
}

export function renderHover(info: HoverInfo, options: RenderOptions): string {
  const markdown = options.format === 'markdown';
  const bold = (s: string): string => (markdown ? `**${md(s)}**` : s);
  const plain = (s: string): string => (markdown ? md(s) : s);
  const code = (s: string): string => (markdown ? `\`${s.replace(/`/g, '')}\`` : s);
  const linkTo = (label: string, ref: DocumentRef): string =>
    markdown && options.link ? `[${md(label)}](${options.link(ref.path, ref.line)})` : `${label} (${ref.path}:${ref.line + 1})`;
  const out: string[] = [];

  switch (info.kind) {
    case 'criterion': {
      const c = info.criterion;
      out.push(`${bold(c.id)} ${plain(c.title)}`);
      out.push(`${plain(`${c.series} ${info.seriesTitle}`)} · ${plain(info.categoryTitle)}${c.coso ? ` · COSO principle ${c.coso}` : ''}`);
      out.push(plain(c.explanation));
      if (info.state === 'out-of-scope') {
        out.push(`${bold('Out of scope:')} ${plain(`the ${info.categoryTitle} category is not in`)} ${code('categories')} ${plain(`of ${info.configPath}, so it counts toward nothing.`)}`);
      } else if (info.state === 'not-applicable') {
        out.push(`${bold('Not applicable')} ${plain(`(${info.configPath}):`)} ${plain(info.justification ?? '')}`);
      } else {
        // Why, in the matrix's words without the state's name it starts with, then what the state means.
        const label = stateLabel(info.state);
        const why = info.reason?.startsWith(`${label}: `) ? info.reason.slice(label.length + 2) : info.reason;
        out.push(`${bold(`Coverage: ${label}.`)}${why ? ` ${plain(`${why.charAt(0).toUpperCase()}${why.slice(1)}.`)}` : ''}`);
        out.push(plain(stateText(info.state)));
        // The matrix's reason names the vendors only when nothing else holds the criterion back.
        if (info.heldBy && info.heldBy.length > 0 && !(why ?? '').includes('held at stale')) out.push(plain(`Held at stale at best while ${info.heldBy.length === 1 ? 'this critical or high vendor has' : 'these critical or high vendors have'} a warning or an error: ${info.heldBy.join(', ')}.`));
      }
      if (info.mappingCount === 0) out.push(plain('No document maps it.'));
      else {
        const lines = info.mappings.map((m) => `- ${linkTo(m.id, m)} ${plain(`${m.title}: ${m.type}, ${STANDING_TEXT[m.standing]}`)}`);
        if (info.mappingCount > lines.length) lines.push(`- ${plain(`and ${info.mappingCount - lines.length} more`)}`);
        out.push(`${plain(`Mapped by ${plural(info.mappingCount, 'document')}:`)}\n${lines.join('\n')}`);
      }
      break;
    }
    case 'not-a-criterion': {
      const s = info.suggestion;
      const named = (ids: readonly string[]): string => ids.map((id) => `${code(id)} (${plain(getCriterion(id)?.title ?? '')})`).join(plain(' or '));
      let line = `${code(info.text)} ${plain('is not a SOC 2 criterion')}`;
      if (s?.kind === 'family') line = `${code(info.text)} ${plain(`is a series (${getSeries(s.ids[0].slice(0, s.ids[0].indexOf('.')))?.title ?? ''}), not a criterion. Map its criteria:`)} ${s.ids.map(code).join(', ')}.`;
      else if (s) line += `${plain('; did you mean')} ${named(s.ids)}?`;
      else line += plain('. Criterion IDs look like CC6.1 or A1.2.');
      out.push(line);
      break;
    }
    case 'document': {
      const d = info.document;
      out.push(`${bold(d.id)} ${plain(d.title)}`);
      const facts = [d.type, d.status, d.owner ? `owner ${d.owner}` : 'no owner'].map(plain).join(' · ');
      out.push(`${facts} · ${linkTo(d.path, d)}`);
      if (!d.readable) out.push(plain('The frontmatter is missing or does not parse, so this document counts for nothing.'));
      if (d.vendor) out.push(...vendorLines(d.vendor, bold, plain));
      out.push(`${bold('Review:')} ${plain(reviewText(d.review, d.cycle))}`);
      if (d.type === 'control' || d.evidence.files + d.evidence.urls + d.evidence.missing + d.evidence.outside > 0) out.push(`${bold('Evidence:')} ${plain(evidenceText(d))}`);
      if (d.risk) for (const line of riskLines(d.risk)) out.push(plain(line));
      if (d.criteria.length > 0) out.push(`${bold('Maps:')} ${d.criteria.map(plain).join(', ')}`);
      if (info.others.length > 0) {
        out.push(`${plain(`The id ${info.id} is also used by`)} ${info.others.map((o) => linkTo(o.path, o)).join(', ')}${plain('. Ids must be unique.')}`);
      }
      break;
    }
    case 'unknown-id':
      out.push(`${plain('No document has the id')} ${code(info.id)}${plain(`. Fix the id, or add the ${info.field === 'policies' ? 'policy' : info.field === 'risks' ? 'risk' : 'control'} it refers to.`)}`);
      break;
  }
  return out.join('\n\n');
}

/** A vendor's criticality, its newest report (type, period end, age, opinion) and its CUECs. */
function vendorLines(v: VendorStanding, bold: (s: string) => string, plain: (s: string) => string): string[] {
  const out = [`${bold('Criticality:')} ${plain(`${v.criticality}${v.criticalityStated ? '' : ' (the default: none stated)'}`)}${v.services.length > 0 ? ` · ${plain(v.services.join(', '))}` : ''}`];
  const r = v.report;
  if (!r) out.push(`${bold('Newest report:')} ${plain('none recorded. Record its SOC 2 report (or other assurance) under assurance.')}`);
  else {
    const when = r.dateKind === 'period-end' ? `period ${r.periodStart ? `${r.periodStart} to ` : 'ending '}${r.date}` : `as of ${r.date}`;
    const parts = [`${r.label}, ${when}, ${ageText(r.ageMonths)} old`];
    if (r.opinion) parts.push(`opinion ${r.opinion}`);
    if (r.currentUntil) parts.push(r.stale ? `out of date since ${r.currentUntil}` : `current until ${r.currentUntil}`);
    if (r.bridgeThrough) parts.push(`bridging letter through ${r.bridgeThrough}`);
    out.push(`${bold('Newest report:')} ${plain(`${parts.join('; ')}.`)}`);
  }
  if (v.cuecs > 0) out.push(`${bold('CUECs:')} ${plain(v.cuecsUnmapped === 0 ? `${v.cuecs}, each mapped to a control.` : `${v.cuecsUnmapped} of ${v.cuecs} name no control.`)}`);
  return out;
}

export function reviewText(r: ReviewState, cycle: string): string {
  switch (r.kind) {
    case 'missing':
      return `no review date (${cycle} cycle). Add last_reviewed.`;
    case 'future':
      return `last_reviewed ${r.date} is after today; correct the date.`;
    case 'not-applicable':
      return 'not on a review cycle until approved.';
    case 'current':
      return `last reviewed ${r.date}, next due ${r.due} (in ${plural(r.daysLeft, 'day')}, ${cycle} cycle).`;
    case 'due-soon':
      return `due soon: ${r.due}, in ${plural(r.daysLeft, 'day')} (last reviewed ${r.date}, ${cycle} cycle).`;
    case 'overdue':
      return `overdue by ${plural(-r.daysLeft, 'day')}: was due ${r.due} (last reviewed ${r.date}, ${cycle} cycle).`;
  }
}

function evidenceText(d: DocumentSummary): string {
  const e = d.evidence;
  const existing = e.files + e.urls;
  const parts = [`${existing} existing`];
  if (existing > 0 && e.urls > 0) parts[0] += ` (${plural(e.files, 'file')}, ${plural(e.urls, 'link')})`;
  parts.push(`${e.missing} missing`);
  if (e.outside > 0) parts.push(`${e.outside} outside the repository`);
  let text = parts.join(', ');
  const newest = d.newestEvidence && d.newestInferred ? `${d.newestEvidence} (inferred from the path, not recorded)` : d.newestEvidence;
  if (newest) text += d.evidenceStale ? `; newest ${newest}, stale since ${d.evidenceDue ?? ''}` : `; newest ${newest}`;
  else if (existing === 0 && d.type === 'control') text += '; an approved control needs evidence';
  return `${text}.`;
}
