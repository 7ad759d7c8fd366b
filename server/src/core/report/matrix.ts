// The auditor's matrix as data: criterion → each mapping document (with its own state and why) →
// each evidence item (date, where the date came from, whether it exists, the period slot it fills);
// in type2 the row of period slots per control; the documents that count for nothing, with the
// reason; a legend. Every writer (CSV, Markdown, HTML, JSON, xlsx) and the editor read this one model.

import { observationPeriod, type ResolvedConfig } from '../config/config';
import { listWords } from '../text/words';
import { getCriterion, type Category } from '../catalog/catalog';
import { controlSlots } from '../coverage/slots';
import type { CoverageReport, CoverageState, CoverageSummary, CriterionCoverage } from '../coverage/coverage';
import { legendOf, STATE_LEGEND, type StateLegend } from '../coverage/states';
import type { DocumentFacts, ResolvedEvidence } from '../model/facts';
import type { DocumentType, Frequency } from '../model/types';
import type { ComplianceWorkspace } from '../index/workspace';
import { vendorRegister, type VendorRegisterEntry } from './vendorRegister';
import { buildRiskRegister, type RiskRegister } from './risks';

/** The states a matrix shows: the coverage states themselves. */
export type MatrixState = CoverageState;
export type { StateLegend };
export { STATE_LEGEND, legendOf };

export type EvidenceExistence = 'exists' | 'missing' | 'outside' | 'url';

export interface MatrixEvidence {
  /** The path (resolved in the repository when it exists) or the URL. */
  readonly target: string;
  readonly kind: 'path' | 'url';
  readonly date?: string;
  /** `recorded`: a `date:` field; `inferred`: read from the path (2026-Q2, 2026-06). */
  readonly dateSource?: 'recorded' | 'inferred';
  readonly exists: EvidenceExistence;
  /** Type II: the label of the period slot it fills, `outside the period`, `none: it does not exist` or `none: dated after today`; absent when undated or Type I. */
  readonly slot?: string;
}

export interface MatrixDocument {
  readonly id: string;
  readonly title: string;
  readonly type: DocumentType;
  readonly owner?: string;
  /** What this document alone earns the criterion. */
  readonly state: MatrixState;
  readonly reason: string;
  readonly lastReviewed?: string;
  readonly nextDue?: string;
  /** The file, relative to the repository root. */
  readonly path: string;
  readonly evidence: readonly MatrixEvidence[];
}

export interface MatrixCriterion {
  readonly id: string;
  readonly title: string;
  readonly series: string;
  readonly category: Category;
  readonly state: MatrixState;
  readonly reason: string;
  readonly justification?: string;
  readonly documents: readonly MatrixDocument[];
}

export type SlotStatus = 'filled' | 'missing' | 'not yet due';

export interface CalendarSlot {
  readonly label: string;
  readonly start: string;
  readonly end: string;
  readonly status: SlotStatus;
  /** The records that fill it, as their targets. */
  readonly evidence: readonly string[];
}

export interface ControlCalendar {
  readonly id: string;
  readonly title: string;
  readonly path: string;
  readonly frequency: Frequency;
  readonly slots: readonly CalendarSlot[];
}

export interface NotCountedDocument {
  readonly id: string;
  readonly title: string;
  readonly type: DocumentType;
  readonly path: string;
  readonly reason: string;
}

export interface AuditMatrix {
  readonly today: string;
  readonly auditType: 'type1' | 'type2';
  readonly period?: { readonly start: string; readonly end: string };
  readonly summary: CoverageSummary;
  readonly legend: readonly StateLegend[];
  readonly criteria: readonly MatrixCriterion[];
  /** Type II with a period: one row of slots per approved control. Empty otherwise. */
  readonly calendar: readonly ControlCalendar[];
  readonly notCounted: readonly NotCountedDocument[];
  /** The vendor register: every vendor document, critical first. */
  readonly vendors?: readonly VendorRegisterEntry[];
  /** The risk register and its heat maps, when the program has risk documents. */
  readonly risks?: RiskRegister;
}

const A_AN = (word: string): string => (/^[aeiou]/.test(word) ? `an ${word}` : `a ${word}`);

function evidenceOf(e: ResolvedEvidence, slot: string | undefined): MatrixEvidence {
  const kind = e.state.kind;
  const exists: EvidenceExistence = kind === 'exists' ? 'exists' : kind === 'url' ? 'url' : kind === 'outside' ? 'outside' : 'missing';
  const target = e.state.kind === 'exists' ? e.state.path : e.state.kind === 'missing' ? e.state.path : e.link.target;
  return {
    target,
    kind: kind === 'url' ? 'url' : 'path',
    ...(e.link.date ? { date: e.link.date, dateSource: e.link.dateFrom === 'path' ? ('inferred' as const) : ('recorded' as const) } : {}),
    exists,
    ...(slot !== undefined ? { slot } : {}),
  };
}

type Slots = ReturnType<typeof controlSlots>;


/** Why one document earns a criterion what it does, in a sentence. */
function documentReason(f: DocumentFacts, state: MatrixState, slots: Slots): string {
  const review = f.review;
  const overdue = review.kind === 'overdue' ? `its review was due ${review.due}` : undefined;
  if (f.type === 'risk') {
    // A risk's evidence is the newest assessment that lists it.
    const a = f.assessment;
    if (!a) return overdue ? `a risk that no approved assessment lists; ${overdue}` : 'a risk that no approved assessment lists';
    const assessed = `assessed in ${a.id} on ${a.date}${a.current ? '' : ', which is past the assessment cycle'}`;
    if (state === 'covered') return `${assessed}; reviewed ${'date' in review ? review.date : ''}${'due' in review ? `, next due ${review.due}` : ''}`;
    return overdue ? `${assessed}; ${overdue}` : assessed;
  }
  if (f.type !== 'control') {
    const claim = `${A_AN(f.type)} states the intent; only a control with existing evidence covers a criterion`;
    return overdue ? `${claim}; ${overdue}` : claim;
  }
  if (f.existingEvidence === 0) {
    const missing = f.evidence.length === 0 ? 'no evidence is listed' : `none of its ${f.evidence.length} evidence item${f.evidence.length === 1 ? '' : 's'} exists`;
    return overdue ? `a control, but ${missing}; ${overdue}` : `a control, but ${missing}`;
  }
  const reviewed = review.kind === 'current' || review.kind === 'due-soon' ? `reviewed ${review.date}, next due ${review.due}` : 'reviewed within its cycle';
  if (state === 'covered') {
    const elapsed = slots?.filter((s) => s.elapsed).length ?? 0;
    return `${reviewed}; newest evidence ${f.newestEvidence ?? 'undated'}${elapsed > 0 ? `; a record in each of the ${elapsed} elapsed slot${elapsed === 1 ? '' : 's'} of the period` : ''}`;
  }
  if (state === 'exception') {
    const missing = (slots ?? []).filter((s) => s.elapsed && s.evidence.length === 0).map((s) => `${s.label} (${s.start} to ${s.end})`);
    return `${reviewed}; newest evidence ${f.newestEvidence ?? 'undated'}; but no dated evidence for ${listWords(missing)} of the period`;
  }
  const why: string[] = [];
  if (overdue) why.push(overdue);
  else if (review.kind === 'missing') why.push('it has no last review date');
  else if (review.kind === 'future') why.push(`its review date ${review.date} is after today`);
  if (f.evidenceStale) why.push(`its newest evidence is from ${f.newestEvidence}, and a newer record was due by ${f.evidenceDue}`);
  else if (!f.newestEvidence) why.push('none of its existing evidence is dated');
  return why.length ? why.join('; ') : legendOf(state).meaning;
}

/** What a criterion's reason reads of each mapping document. */
export interface ReasonedDocument {
  readonly id: string;
  readonly type: DocumentType;
  readonly state: MatrixState;
  readonly reason: string;
  readonly nextDue?: string;
}

/** A document mapping the criterion, before its own reason is worked out. */
interface Mapping extends Omit<ReasonedDocument, 'reason'> {
  readonly path: string;
  readonly facts: DocumentFacts;
}

/** `reasonOf` is asked only for the documents the sentence quotes (a stale or exception state). */
function criterionReason<T extends Omit<ReasonedDocument, 'reason'>>(id: string, state: MatrixState, documents: readonly T[], reasonOf: (d: T) => string, justification: string | undefined, cappedBy: readonly string[]): string {
  if (state === 'not-applicable') return justification ? `not applicable: ${justification}` : 'not applicable';
  if (state === 'uncovered') return documents.length === 0 ? 'no approved document maps it' : 'no approved document earns it anything';
  const best = documents.filter((d) => d.state === state);
  if (best.length === 0 && cappedBy.length > 0) return `stale: held at stale while ${cappedBy.join(', ')}, a critical or high vendor, has a warning or an error`;
  const names = best.map((d) => d.id).join(', ');
  if (state === 'covered') return `${names} cover${best.length === 1 ? 's' : ''} it`;
  if (state === 'claimed' || state === 'claimed-stale') {
    const each = best.map((d) => `${d.id} is ${A_AN(d.type)}${d.type === 'control' ? ' without existing evidence' : ''}${state === 'claimed-stale' && d.nextDue ? ` past its review (due ${d.nextDue})` : ''}`);
    return `${legendOf(state).label}: ${each.join(', ')}; no control with current evidence maps ${id}`;
  }
  return `${legendOf(state).label}: ${best.map((d) => `${d.id}: ${reasonOf(d)}`).join('; ')}`;
}

/** Slots per control, computed once per document for one matrix, tree or hover. */
export function slotCache(ws: ComplianceWorkspace): (f: DocumentFacts) => Slots {
  const config = ws.getConfig();
  const today = ws.getToday();
  const type2 = observationPeriod(config) !== undefined;
  const byPath = new Map<string, Slots>();
  return (f) => {
    if (!type2 || f.type !== 'control') return undefined;
    if (!byPath.has(f.path)) byPath.set(f.path, controlSlots(f, config, today));
    return byPath.get(f.path);
  };
}

export interface CriterionExplanation {
  /** Why the criterion has its state. */
  readonly reason: string;
  /** Why each mapping document earns what it does, in the report's order. */
  readonly documents: ReadonlyArray<ReasonedDocument & { readonly path: string }>;
}

/**
 * Why a criterion has its state, and why each document that maps it earns what it does: the words
 * the matrix, the coverage tree and the hover all show.
 */
export function explainCriterion(ws: ComplianceWorkspace, c: CriterionCoverage, slotsOf: (f: DocumentFacts) => Slots = slotCache(ws)): CriterionExplanation {
  const documents = mappingsOf(ws, c).map(({ facts, ...d }): ReasonedDocument & { readonly path: string } => ({ ...d, reason: documentReason(facts, d.state, slotsOf(facts)) }));
  return { reason: criterionReason(c.id, c.state, documents, (d) => d.reason, c.justification, cappedIds(ws, c)), documents };
}

/**
 * Reasons already worked out, by coverage entry. An entry is rebuilt whenever one of its documents is
 * derived again (facts, level, id or title) and with the config or the date, so the same entry with the
 * same config, date and capping vendors has the same reason; a hover need not describe every covering
 * document again.
 */
const reasons = new WeakMap<CriterionCoverage, { readonly config: ResolvedConfig; readonly today: string; readonly capped: string; readonly reason: string }>();

/**
 * explainCriterion's reason alone, for the hover: a document's own reason is worked out only where the
 * sentence quotes it (a criterion of a large repository is mapped by thousands).
 */
export function criterionStateReason(ws: ComplianceWorkspace, c: CriterionCoverage): string {
  const capped = cappedIds(ws, c);
  const config = ws.getConfig();
  const today = ws.getToday();
  const cappedKey = capped.join('\0');
  const memo = reasons.get(c);
  if (memo && memo.config === config && memo.today === today && memo.capped === cappedKey) return memo.reason;
  const slotsOf = slotCache(ws);
  const reason = criterionReason(c.id, c.state, mappingsOf(ws, c), (d) => documentReason(d.facts, d.state, slotsOf(d.facts)), c.justification, capped);
  reasons.set(c, { config, today, capped: cappedKey, reason });
  return reason;
}

function mappingsOf(ws: ComplianceWorkspace, c: CriterionCoverage): Mapping[] {
  const out: Mapping[] = [];
  for (const d of c.documents) {
    const facts = ws.factsOf(d.path);
    if (!facts) continue;
    out.push({ id: d.id, type: d.type, path: d.path, state: d.state, facts, ...(facts.review.kind === 'overdue' ? { nextDue: facts.review.due } : {}) });
  }
  return out;
}

function cappedIds(ws: ComplianceWorkspace, c: CriterionCoverage): string[] {
  return (c.cappedBy ?? []).map((p) => ws.factsOf(p)?.id ?? p);
}

/** Why a document earns nothing, or undefined when it counts toward coverage. */
function notCountedReason(ws: ComplianceWorkspace, path: string, f: DocumentFacts): string | undefined {
  const doc = ws.document(path);
  if (!doc) return undefined;
  if (!f.readable) {
    const syntax = doc.problems.find((p) => p.code === 'frontmatter-syntax' || p.code === 'document-unreadable');
    if (syntax) return `its frontmatter does not parse: ${syntax.message}`;
    return doc.frontmatter ? 'its frontmatter is not a set of `key: value` fields' : 'it has no frontmatter';
  }
  const mapped = ws.criteriaOf(path);
  if (f.status !== 'approved') {
    if (mapped.length === 0 && doc.criteria.length === 0) return undefined;
    return `it is ${f.status === 'draft' ? 'a draft' : 'retired'}${mapped.length ? `: what it maps (${mapped.join(', ')}) counts once it is approved` : ''}`;
  }
  const unknown = doc.criteria.filter((c) => !getCriterion(c.value)).map((c) => c.value);
  if (mapped.length === 0 && unknown.length > 0) return `it maps only IDs that are not SOC 2 criteria: ${unknown.join(', ')}`;
  if (mapped.length > 0 && !mapped.some((id) => { const c = getCriterion(id); return c !== undefined && ws.getConfig().categories.includes(c.category); })) {
    return `it maps only criteria of categories out of scope: ${mapped.join(', ')}`;
  }
  return undefined;
}

export function buildMatrix(ws: ComplianceWorkspace, report: CoverageReport = ws.coverage()): AuditMatrix {
  const config = ws.getConfig();
  const slotsOf = slotCache(ws);
  const evidenceRows = (f: DocumentFacts): MatrixEvidence[] => {
    const slots = slotsOf(f);
    return f.evidence.map((e, i) => {
      if (!slots || !e.link.date) return evidenceOf(e, undefined);
      const slot = slots.find((s) => s.evidence.includes(i));
      if (slot) return evidenceOf(e, slot.label);
      const date = e.link.date;
      const inPeriod = slots.length > 0 && date >= slots[0].start && date <= slots[slots.length - 1].end;
      if (!inPeriod) return evidenceOf(e, 'outside the period');
      return evidenceOf(e, e.state.kind === 'exists' || e.state.kind === 'url' ? 'none: dated after today' : 'none: it does not exist');
    });
  };

  const criteria: MatrixCriterion[] = report.criteria.map((c) => {
    const why = explainCriterion(ws, c, slotsOf);
    const documents: MatrixDocument[] = [];
    for (const d of why.documents) {
      const f = ws.factsOf(d.path) as DocumentFacts;
      const owner = ws.document(d.path)?.owner?.value ?? config.defaults.owner;
      const review = f.review;
      documents.push({
        id: d.id,
        title: f.title,
        type: d.type,
        ...(owner ? { owner } : {}),
        state: d.state,
        reason: d.reason,
        ...('date' in review ? { lastReviewed: review.date } : {}),
        ...('due' in review ? { nextDue: review.due } : {}),
        path: d.path,
        evidence: evidenceRows(f),
      });
    }
    return {
      id: c.id,
      title: c.title,
      series: c.series,
      category: c.category,
      state: c.state,
      reason: why.reason,
      ...(c.justification ? { justification: c.justification } : {}),
      documents,
    };
  });

  const notCounted: NotCountedDocument[] = [];
  for (const p of [...ws.documents()].map((d) => d.path).sort()) {
    const f = ws.factsOf(p);
    const why = f && notCountedReason(ws, p, f);
    if (f && why) notCounted.push({ id: f.id, title: f.title, type: f.type, path: p, reason: why });
  }
  const calendar = periodCalendar(ws, slotsOf);
  const risks = ws.program().byType.risk > 0 ? buildRiskRegister(ws) : undefined;

  return {
    today: ws.getToday(),
    auditType: config.audit.type,
    ...(config.audit.period ? { period: config.audit.period } : {}),
    summary: report.summary,
    legend: STATE_LEGEND,
    criteria,
    calendar,
    notCounted,
    vendors: vendorRegister(ws),
    ...(risks ? { risks } : {}),
  };
}

/** Type II with a period: one row of slots per approved control, by id. Empty (and nothing read) otherwise. */
export function periodCalendar(ws: ComplianceWorkspace, slotsOf: (f: DocumentFacts) => Slots = slotCache(ws)): ControlCalendar[] {
  const config = ws.getConfig();
  if (!observationPeriod(config)) return [];
  const calendar: ControlCalendar[] = [];
  for (const doc of ws.documents()) {
    const f = ws.factsOf(doc.path);
    if (!f || f.type !== 'control') continue;
    const slots = slotsOf(f);
    if (!slots) continue;
    calendar.push({
      id: f.id,
      title: f.title,
      path: f.path,
      frequency: f.frequency,
      slots: slots.map((s) => ({
        label: s.label,
        start: s.start,
        end: s.end,
        status: s.evidence.length > 0 ? 'filled' : s.elapsed ? 'missing' : 'not yet due',
        evidence: s.evidence.map((i) => evidenceOf(f.evidence[i], undefined).target),
      })),
    });
  }
  return calendar.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : a.path < b.path ? -1 : 1));
}
