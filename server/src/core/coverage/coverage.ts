// Coverage states per criterion. Each document contributes a level to each criterion it maps; the
// state of a criterion is the best level any document earns it (or not-applicable when scoped out).

import { CRITERIA, getCriterion, type Category } from '../catalog/catalog';
import { observationPeriod, type ResolvedConfig } from '../config/config';
import type { DocumentFacts } from '../model/facts';
import type { DocumentType, ParsedDocument } from '../model/types';
import { own } from '../own';
import { SlotMap } from '../slotMap';
import { insertSorted } from '../sorted';
import { controlSlots, missingSlots } from './slots';
import { countStates, type CoverageCounts, type CoverageState } from './states';

export type { CoverageState } from './states';
export { COVERAGE_STATES } from './states';

const TYPE_ORDER: Readonly<Record<DocumentType, number>> = { control: 0, policy: 1, procedure: 2, narrative: 3, vendor: 4, risk: 5, 'risk-assessment': 6 };

/**
 * What a document earns a criterion, as a number so the best is the largest: 5 covered, 4 stale,
 * 3 exception (Type II: a control with current evidence and an elapsed slot without a record),
 * 2 claimed, 1 claimed by a document whose review is overdue ("claimed (stale)").
 */
export type Level = 1 | 2 | 3 | 4 | 5;
export const LEVEL_STATE: Readonly<Record<Level, CoverageState>> = { 1: 'claimed-stale', 2: 'claimed', 3: 'exception', 4: 'stale', 5: 'covered' };
const STALE: Level = 4;

export interface CoverageDocument {
  readonly id: string;
  readonly path: string;
  readonly type: DocumentType;
  readonly title: string;
  /** The state this document alone would give the criterion. */
  readonly state: CoverageState;
}

export interface CriterionCoverage {
  readonly id: string;
  readonly title: string;
  readonly series: string;
  readonly category: Category;
  readonly state: CoverageState;
  readonly documents: readonly CoverageDocument[];
  readonly justification?: string;
  /** Vendor documents that hold the criterion at `stale` at best (a critical or high vendor with a warning or error). */
  readonly cappedBy?: readonly string[];
}

/** Criteria in scope by state; `covered` out of `inScope - notApplicable` is the `7/8` every view shows. */
export type CoverageSummary = CoverageCounts;

export interface CoverageReport {
  readonly summary: CoverageSummary;
  readonly criteria: readonly CriterionCoverage[];
}

/**
 * What one document earns each criterion it maps (a document with no frontmatter only what mapping
 * tables give it: facts.claimsByTable). Drafts, retired and unreadable documents earn
 * nothing. `today` matters only in a Type II audit, for a control that would otherwise cover.
 */
export function contribution(doc: ParsedDocument, facts: DocumentFacts, config: ResolvedConfig, today: string): Map<string, Level> {
  const out = new Map<string, Level>();
  if (!facts.counts && !facts.claimsByTable) return out;
  const level = levelOf(facts, config, today);
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

/** The level a counting document earns every criterion it maps. */
export function levelOf(facts: DocumentFacts, config: ResolvedConfig, today: string): Level {
  if (facts.type === 'risk' && facts.assessment) {
    // A risk counts like a control whose evidence is the newest assessment that lists it.
    const reviewed = facts.review.kind === 'current' || facts.review.kind === 'due-soon';
    return reviewed && facts.assessment.current ? 5 : 4;
  }
  if (facts.type !== 'control' || facts.existingEvidence === 0) return facts.review.kind === 'overdue' ? 1 : 2;
  const reviewed = facts.review.kind === 'current' || facts.review.kind === 'due-soon';
  if (!reviewed || facts.evidenceStale) return 4;
  // Type II: covered only when every elapsed slot of the period has a record (the evidence-gap rule's slots).
  if (observationPeriod(config)) {
    const slots = controlSlots(facts, config, today);
    if (slots && missingSlots(slots).length > 0) return 3;
  }
  return 5;
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
  private readonly byCriterion = new Map<string, SlotMap<string, Level>>();
  private readonly byDocument = new Map<string, Map<string, Level>>();
  private readonly entries = new Map<string, CriterionCoverage>();
  private readonly dirty = new Set<string>();
  /**
   * Criterion → the documents whose level, id, type or title changed since its entry was built: an
   * entry is rebuilt from the last one with those taken out and put back in place, so that an edit
   * costs the same at 1,000 and 50,000 documents (a full rebuild sorts every document of the criterion).
   */
  private readonly changedPaths = new Map<string, Set<string>>();
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
        if (!m) this.byCriterion.set(id, (m = new SlotMap()));
        m.set(path, level);
        if (!changed.includes(id)) changed.push(id);
      });
      this.byDocument.set(path, levels);
    } else this.byDocument.delete(path);
    for (const id of changed) this.markChanged(id, path);
    return changed;
  }

  private markChanged(id: string, path: string): void {
    this.dirty.add(id);
    // No entry yet (a first load): the report builds it whole, whatever changed.
    if (!this.entries.has(id)) return;
    let paths = this.changedPaths.get(id);
    if (!paths) this.changedPaths.set(id, (paths = new Set()));
    paths.add(path);
  }

  /** The level a document earns a criterion, as last set (undefined: none). */
  levelIn(path: string, id: string): Level | undefined {
    return this.byDocument.get(path)?.get(id);
  }

  /** The document's id, type or title may have changed: rebuild the entries of the criteria it maps. */
  touch(path: string): void {
    this.byDocument.get(path)?.forEach((_level, id) => this.markChanged(id, path));
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
    this.changedPaths.clear();
  }

  /** The state of one criterion; cost is the number of documents mapping it. */
  state(id: string, config: ResolvedConfig): CoverageState {
    const na = own(config.notApplicable, id);
    if (na && na.justification.trim() !== '') return 'not-applicable';
    let best = 0;
    this.byCriterion.get(id)?.forEach((level) => {
      if (level > best) best = level;
    });
    if (best > STALE && this.caps.has(id)) best = STALE;
    return best === 0 ? 'uncovered' : LEVEL_STATE[best as Level];
  }

  /** The report, for a config that has not changed since the last `clear()`. */
  report(config: ResolvedConfig, describe: Describe): CoverageReport {
    const criteria: CriterionCoverage[] = [];
    for (const c of CRITERIA) {
      if (!config.categories.includes(c.category)) continue;
      let entry = this.entries.get(c.id);
      if (!entry || this.dirty.has(c.id)) {
        const state = this.state(c.id, config);
        const changed = this.changedPaths.get(c.id);
        const documents = entry && changed && changed.size * 8 < entry.documents.length ? this.updated(c.id, entry.documents, changed, describe) : this.built(c.id, describe);
        const na = own(config.notApplicable, c.id);
        const cappedBy = state !== 'not-applicable' ? this.caps.get(c.id) : undefined;
        entry = {
          id: c.id,
          title: c.title,
          series: c.series,
          category: c.category,
          state,
          documents,
          ...(state === 'not-applicable' && na ? { justification: na.justification } : {}),
          ...(cappedBy ? { cappedBy } : {}),
        };
        this.entries.set(c.id, entry);
      }
      criteria.push(entry);
    }
    this.dirty.clear();
    this.changedPaths.clear();
    return { summary: countStates(criteria.map((c) => c.state)), criteria };
  }

  private built(id: string, describe: Describe): CoverageDocument[] {
    const documents: CoverageDocument[] = [];
    this.byCriterion.get(id)?.forEach((level, path) => {
      const d = describe(path);
      if (d) documents.push({ id: d.id, type: d.type, title: d.title, path, state: LEVEL_STATE[level] });
    });
    sortDocuments(documents);
    return documents;
  }

  /** The last entry's documents with the changed ones taken out and put back where they sort (a new array: reports handed out keep theirs). */
  private updated(id: string, before: readonly CoverageDocument[], changed: ReadonlySet<string>, describe: Describe): CoverageDocument[] {
    const documents = before.filter((d) => !changed.has(d.path));
    const levels = this.byCriterion.get(id);
    for (const path of changed) {
      const level = levels?.get(path);
      const d = level === undefined ? undefined : describe(path);
      if (!d || level === undefined) continue;
      insertSorted(documents, { id: d.id, type: d.type, title: d.title, path, state: LEVEL_STATE[level] }, compareDocuments);
    }
    return documents;
  }
}

type Describe = (path: string) => { id: string; type: DocumentType; title: string } | undefined;

/** The order sortDocuments gives: type, then id, then path. */
function compareDocuments(a: CoverageDocument, b: CoverageDocument): number {
  return TYPE_ORDER[a.type] - TYPE_ORDER[b.type] || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
}
