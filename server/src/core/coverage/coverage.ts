// Coverage states per criterion. Each document contributes a level to each criterion it maps; the
// state of a criterion is the best level any document earns it (or not-applicable when scoped out).

import { CRITERIA, getCriterion, type Category } from '../catalog/catalog';
import type { ResolvedConfig } from '../config/config';
import type { DocumentFacts } from '../model/facts';
import type { DocumentType, ParsedDocument } from '../model/types';
import { own } from '../own';

export type CoverageState = 'covered' | 'stale' | 'claimed' | 'uncovered' | 'not-applicable';
export const COVERAGE_STATES: readonly CoverageState[] = ['covered', 'stale', 'claimed', 'uncovered', 'not-applicable'];

const TYPE_ORDER: Readonly<Record<DocumentType, number>> = { control: 0, policy: 1, procedure: 2, narrative: 3, vendor: 4 };

/** 3 covered, 2 stale, 1 claimed, 0.5 claimed by documents whose review is overdue ("claimed (stale)"). */
export type Level = 0.5 | 1 | 2 | 3;
const LEVEL_STATE: Readonly<Record<Level, CoverageState>> = { 0.5: 'claimed', 1: 'claimed', 2: 'stale', 3: 'covered' };

/** The state's words, with "claimed (stale)" when every claim comes from a document overdue for review. */
export function stateLabelOf(c: { readonly state: CoverageState; readonly reviewOverdue?: boolean }): string {
  if (c.state === 'claimed' && c.reviewOverdue) return 'claimed (stale)';
  return c.state === 'not-applicable' ? 'not applicable' : c.state;
}

export interface CoverageDocument {
  readonly id: string;
  readonly path: string;
  readonly type: DocumentType;
  readonly title: string;
  /** The state this document alone would give the criterion. */
  readonly state: CoverageState;
  /** Claimed by a document whose review is overdue. */
  readonly reviewOverdue?: boolean;
}

export interface CriterionCoverage {
  readonly id: string;
  readonly title: string;
  readonly series: string;
  readonly category: Category;
  readonly state: CoverageState;
  /** Claimed only, and only by documents whose review is overdue: "claimed (stale)". */
  readonly reviewOverdue?: boolean;
  readonly documents: readonly CoverageDocument[];
  readonly justification?: string;
  /** Vendor documents that hold the criterion at `stale` at best (a critical or high vendor with a warning or error). */
  readonly cappedBy?: readonly string[];
}

export interface CoverageSummary {
  readonly inScope: number;
  readonly covered: number;
  readonly stale: number;
  readonly claimed: number;
  readonly uncovered: number;
  readonly notApplicable: number;
}

export interface CoverageReport {
  readonly summary: CoverageSummary;
  readonly criteria: readonly CriterionCoverage[];
}

/** What one document earns each criterion it maps. Drafts, retired and unreadable documents earn nothing. */
export function contribution(doc: ParsedDocument, facts: DocumentFacts, config: ResolvedConfig): Map<string, Level> {
  const out = new Map<string, Level>();
  if (!facts.counts) return out;
  let level: Level = facts.review.kind === 'overdue' ? 0.5 : 1;
  if (facts.type === 'control' && facts.existingEvidence > 0) {
    const reviewed = facts.review.kind === 'current' || facts.review.kind === 'due-soon';
    level = reviewed && !facts.evidenceStale ? 3 : 2;
  }
  for (const item of doc.criteria) {
    const c = getCriterion(item.value);
    if (c && config.categories.includes(c.category)) out.set(c.id, level);
  }
  for (const m of facts.mappedBy ?? []) {
    const c = getCriterion(m.id);
    if (c && config.categories.includes(c.category)) out.set(c.id, level);
  }
  return out;
}

/** Controls first, then policies, procedures and narratives; by id, then path, within each. */
function sortDocuments(documents: CoverageDocument[]): void {
  // One string comparison per step instead of three: the type's rank, the id and the path joined by
  // a character below any other (ids with a NUL in them take the plain comparison).
  if (documents.some((d) => d.id.includes('\0'))) {
    documents.sort((a, b) => TYPE_ORDER[a.type] - TYPE_ORDER[b.type] || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) || (a.path < b.path ? -1 : 1));
    return;
  }
  const keyed = documents.map((d) => ({ d, key: `${TYPE_ORDER[d.type]}\0${d.id}\0${d.path}` }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  keyed.forEach((k, i) => (documents[i] = k.d));
}

/**
 * Per-criterion contributions, updated one document at a time. The report is rebuilt only for the
 * criteria whose contributions, or whose documents' names, changed since the last one.
 */
export class CoverageIndex {
  private readonly byCriterion = new Map<string, Map<string, Level>>();
  private readonly byDocument = new Map<string, Map<string, Level>>();
  private readonly entries = new Map<string, CriterionCoverage>();
  private readonly dirty = new Set<string>();
  /** Criterion → documents that hold it at `stale` at best. */
  private readonly caps = new Map<string, readonly string[]>();

  /** Replaces a document's contribution; returns the criteria whose contributions changed. */
  set(path: string, levels: Map<string, Level> | undefined): string[] {
    const before = this.byDocument.get(path);
    const changed: string[] = [];
    // forEach rather than for-of over entries: this runs for every document of a load.
    before?.forEach((level, id) => {
      if (levels?.get(id) !== level) {
        this.byCriterion.get(id)?.delete(path);
        changed.push(id);
      }
    });
    if (levels && levels.size > 0) {
      levels.forEach((level, id) => {
        if (before?.get(id) === level) return;
        let m = this.byCriterion.get(id);
        if (!m) this.byCriterion.set(id, (m = new Map()));
        m.set(path, level);
        if (!changed.includes(id)) changed.push(id);
      });
      this.byDocument.set(path, levels);
    } else this.byDocument.delete(path);
    for (const id of changed) this.dirty.add(id);
    return changed;
  }

  /** The document's id, type or title may have changed: rebuild the entries of the criteria it maps. */
  touch(path: string): void {
    this.byDocument.get(path)?.forEach((_level, id) => this.dirty.add(id));
  }

  /** Sets the documents that hold a criterion at `stale` at best (none: no cap). */
  setCap(id: string, paths: readonly string[]): void {
    const before = this.caps.get(id) ?? [];
    if (before.length === paths.length && before.every((p, i) => p === paths[i])) return;
    if (paths.length === 0) this.caps.delete(id);
    else this.caps.set(id, paths);
    this.dirty.add(id);
  }

  /** Forgets every contribution, and every entry of the report (the config or today changed). */
  clear(): void {
    this.caps.clear();
    this.byCriterion.clear();
    this.byDocument.clear();
    this.entries.clear();
    this.dirty.clear();
  }

  /** The state of one criterion; cost is the number of documents mapping it. */
  state(id: string, config: ResolvedConfig): CoverageState {
    const na = own(config.notApplicable, id);
    if (na && na.justification.trim() !== '') return 'not-applicable';
    let best = 0;
    this.byCriterion.get(id)?.forEach((level) => {
      if (level > best) best = level;
    });
    if (best > 2 && this.caps.has(id)) best = 2;
    return best === 0 ? 'uncovered' : LEVEL_STATE[best as Level];
  }

  /** True when the criterion is claimed only by documents overdue for review. */
  private claimedStale(id: string): boolean {
    let best = 0;
    this.byCriterion.get(id)?.forEach((level) => {
      if (level > best) best = level;
    });
    return best === 0.5;
  }

  mappers(id: string): ReadonlyMap<string, Level> {
    return this.byCriterion.get(id) ?? new Map();
  }

  /** The report, for a config that has not changed since the last `clear()`. */
  report(config: ResolvedConfig, describe: (path: string) => { id: string; type: DocumentType; title: string } | undefined): CoverageReport {
    const criteria: CriterionCoverage[] = [];
    const counts = { covered: 0, stale: 0, claimed: 0, uncovered: 0, notApplicable: 0 };
    for (const c of CRITERIA) {
      if (!config.categories.includes(c.category)) continue;
      let entry = this.entries.get(c.id);
      if (!entry || this.dirty.has(c.id)) {
        const state = this.state(c.id, config);
        const documents: CoverageDocument[] = [];
        this.byCriterion.get(c.id)?.forEach((level, path) => {
          const d = describe(path);
          if (d) documents.push({ id: d.id, type: d.type, title: d.title, path, state: LEVEL_STATE[level], ...(level === 0.5 ? { reviewOverdue: true } : {}) });
        });
        sortDocuments(documents);
        const na = own(config.notApplicable, c.id);
        const reviewOverdue = state === 'claimed' && this.claimedStale(c.id);
        const cappedBy = state !== 'not-applicable' ? this.caps.get(c.id) : undefined;
        entry = {
          id: c.id,
          title: c.title,
          series: c.series,
          category: c.category,
          state,
          ...(reviewOverdue ? { reviewOverdue } : {}),
          documents,
          ...(state === 'not-applicable' && na ? { justification: na.justification } : {}),
          ...(cappedBy ? { cappedBy } : {}),
        };
        this.entries.set(c.id, entry);
      }
      criteria.push(entry);
      if (entry.state === 'not-applicable') counts.notApplicable++;
      else counts[entry.state]++;
    }
    this.dirty.clear();
    return { summary: { inScope: criteria.length, ...counts }, criteria };
  }
}
