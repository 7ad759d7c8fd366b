// The workspace index: every parsed document, the file inventory and the config, updated one change
// at a time. Each update returns the documents whose findings may have changed, so a host refreshes
// only those. Findings are computed lazily per document and cached until something they depend on
// changes: the document itself, an id it references or shares, a file its evidence points at, the
// config, or today's date.

import picomatch from 'picomatch/posix';
import { controlIdFor, newDocument, newVendor } from '../model/templates';
import { CRITERIA, getCriterion } from '../catalog/catalog';
import { DEFAULT_CONFIG, loadConfig, type ResolvedConfig } from '../config/config';
import { dirname } from '../paths';
import { CoverageIndex, contribution, type CoverageReport, type CoverageState, type Level } from '../coverage/coverage';
import { DOCUMENT_RULES, RULE_CODES, WORKSPACE_RULES } from '../rules/registry';
import type { DocumentRule, DocumentRuleContext, IndexPhase, WorkspaceQueries } from '../rules/rule';
import { getRule } from '../rules/registry';
import { computeLineStarts, rangeIn } from '../text/lines';
import { deriveFacts, effectiveId, effectiveStatus, effectiveType, linkTargetsOf, type DocumentFacts, type FactsEnv } from '../model/facts';
import type { BodyHistory } from '../model/history';
import { FileInventory, type InventoryEntry } from '../model/inventory';
import { documentNames, MappingIndex } from '../model/mappings';
import { exampleParent, inEvidenceFolder, isExampleFolder, isTemplate, PASSED_OVER_REASONS, programMembership, type PassedOver, type ProgramStats, type RunSummary } from '../model/program';
import { DOCUMENT_TYPES, type DocumentType, type Finding, type Fix, type ParsedDocument, type RawFinding, type ReadGap, type Severity, type Span, type TableMapping } from '../model/types';
import { typeFromFolder, type FieldAliases, type ParseSettings } from '../parse/document';
import { own } from '../own';
import { SlotMap, SlotSet } from '../slotMap';
import { isKeyVendor } from '../model/vendor';
import { isVersioned, otherVersions } from '../model/versions';
import { assessmentDue, countingAssessmentDate, isFraudRisk, type AssessmentRef } from '../model/risk';
import type { RiskProgram } from '../rules/rule';

/** A path that says it holds a risk register kept another way (`risk-register.md`). */
const REGISTER_LIKE = /risk[-_ ]?(register|inventory)/i;

/** Vendor risk management: the criterion vendor documents speak for. */
const VENDOR_CRITERION = 'CC9.2';

export interface ChangeSet {
  /** Documents whose findings may have changed. */
  readonly documents: ReadonlySet<string>;
  /** Findings on the config file (config-invalid, uncovered-criterion) may have changed. */
  readonly workspace: boolean;
  /** Coverage (states or the documents behind them) may have changed. */
  readonly coverage: boolean;
}

export interface ConfigChange extends ChangeSet {
  /** Files that became documents and must be read and parsed. */
  readonly load: readonly string[];
  /** Documents that are no longer documents (already removed from the index). */
  readonly unload: readonly string[];
  /** `fields:` changed: every document must be parsed again. */
  readonly reparse: boolean;
}

const EMPTY: ChangeSet = { documents: new Set(), workspace: false, coverage: false };

function addAll(target: Set<string>, from: Iterable<string> | undefined): void {
  if (from) for (const x of from) target.add(x);
}

/** Key → values. Most keys have one value (an evidence path, an id), kept without a Set. */
class MultiMap {
  private readonly map = new SlotMap<string, string | SlotSet<string>>();
  /** Each key's values as an array, made when first asked for: rules ask for ids of thousands of documents. */
  private readonly lists = new SlotMap<string, readonly string[]>();
  add(key: string, value: string): void {
    const v = this.map.get(key);
    if (v === undefined) this.map.set(key, value);
    else if (typeof v === 'string') {
      if (v !== value) this.map.set(key, new SlotSet<string>().add(v).add(value));
    } else v.add(value);
    if (this.lists.size > 0) this.lists.delete(key);
  }
  delete(key: string, value: string): void {
    const v = this.map.get(key);
    if (v === undefined) return;
    if (typeof v === 'string') {
      if (v === value) this.map.delete(key);
    } else {
      v.delete(value);
      if (v.size === 0) this.map.delete(key);
    }
    if (this.lists.size > 0) this.lists.delete(key);
  }
  get(key: string): Iterable<string> | undefined {
    const v = this.map.get(key);
    return typeof v === 'string' ? [v] : v;
  }
  has(key: string): boolean {
    return this.map.has(key);
  }
  list(key: string): readonly string[] {
    let l = this.lists.get(key);
    if (l) return l;
    const v = this.map.get(key);
    if (v === undefined) return [];
    // In path order, as an index built in one pass lists them, whatever order the changes came in.
    this.lists.set(key, (l = typeof v === 'string' ? [v] : [...v].sort()));
    return l;
  }
  keys(): IterableIterator<string> {
    return this.map.keys();
  }
  clear(): void {
    this.map.clear();
    this.lists.clear();
  }
}

/** Findings of some rules of one document, in rule order, with the index of the rule of each. */
interface FindingsPart {
  readonly findings: readonly Finding[];
  readonly rules: readonly number[];
}

type ActiveRule = readonly [rule: DocumentRule, severity: Severity, index: number];

export interface WorkspaceOptions {
  /** The date the checks run as of: the real date, or a simulated one (the first day of fieldwork). */
  readonly today: string;
  /** The real date, written into new review records by fixes; `today` when not given. */
  readonly recordDate?: string;
}

export class ComplianceWorkspace implements WorkspaceQueries {
  readonly inventory = new FileInventory();
  private config: ResolvedConfig = DEFAULT_CONFIG;
  private configProblems: readonly RawFinding[] = [];
  private configText: { lineStarts: number[]; length: number } | undefined;
  private today: string;
  /** Set when the real date differs from the date checks run as of; otherwise it follows today. */
  private recordDate: string | undefined;
  private phase: IndexPhase = 'complete';
  private matchInclude: (p: string) => boolean;
  private matchMappings: (p: string) => boolean = () => false;
  private matchExclude: (p: string) => boolean;

  private readonly docs = new Map<string, ParsedDocument>();
  /** Markdown files read and found not to be documents (no `documents.include`), and why. */
  private readonly passedOver = new Map<string, PassedOver>();
  /**
   * The parses of files passed over as not documents (`not-a-document`): one a mapping table starts
   * linking to criteria becomes a document without being read again (withMembership).
   */
  private readonly passedParses = new Map<string, ParsedDocument>();
  /**
   * Folders holding an example folder (`example/policies/…`), with whether a program sits beside it
   * there, as last decided: the files under it, documents or passed over, follow that answer.
   */
  private readonly exampleParents = new Map<string, boolean>();
  /** firstDocumentMatching's answers (null: none), until a document comes or goes. */
  private readonly pathsMatching = new Map<RegExp, string | null>();
  /** Documents only because a mapping table links them: passed over again once none does. */
  private readonly promoted = new Set<string>();
  /** Files whose membership a table's rows changed, taken up once the change that queued them is done. */
  private membershipQueue: Set<string> | undefined;
  private programStats: ProgramStats | undefined;
  /** Markdown files that are not documents, counted when asked, until a file or document comes or goes. */
  private skippedCount: number | undefined;
  private readonly mappings = new MappingIndex();
  /** Per document, what it adds to the program's counts: type, counts (approved), has a review date. */
  private readonly programEntries = new Map<string, number>();

  /** Records what a document adds to the program's counts; true when that changed. */
  private noteProgram(path: string, doc: ParsedDocument | undefined, facts: DocumentFacts | undefined): boolean {
    // type index × 8 + readable × 4 + approved × 2 + reviewed
    const key = doc && facts ? DOCUMENT_TYPES.indexOf(facts.type) * 8 + (facts.readable ? 4 : 0) + (facts.counts ? 2 : 0) + (doc.lastReviewed || doc.assessment?.date ? 1 : 0) : undefined;
    if (facts?.type === 'vendor') this.vendorPaths.add(path);
    else this.vendorPaths.delete(path);
    // What a risk or an assessment adds to the register's program-level findings.
    const riskKey = doc && facts && (facts.type === 'risk' || facts.type === 'risk-assessment') ? `${facts.type === 'risk' ? 'r' : 'a'}${facts.counts ? 1 : 0}${isFraudRisk(doc) ? 1 : 0}${countingAssessmentDate(doc, '9999-12-31') ?? ''}` : undefined;
    if (this.riskEntries.get(path) !== riskKey) {
      if (riskKey === undefined) this.riskEntries.delete(path);
      else this.riskEntries.set(path, riskKey);
      this.riskProgramCache = undefined;
      if (this.programEntries.get(path) === key) return true;
    }
    if (this.programEntries.get(path) === key) return false;
    if (key === undefined) this.programEntries.delete(path);
    else this.programEntries.set(path, key);
    this.programStats = undefined;
    this.skippedCount = undefined;
    return true;
  }
  /** Documents of type vendor: they may cap CC9.2. */
  private readonly vendorPaths = new Set<string>();
  /** Risks and assessments, with what each adds to the register's program-level findings. */
  private readonly riskEntries = new Map<string, string>();
  private riskProgramCache: RiskProgram | undefined;
  /** Risk id → assessments that list it. */
  private readonly assessmentsByRisk = new MultiMap();
  private readonly factsCache = new SlotMap<string, DocumentFacts>();
  /** What git says about each document's body (node/git.ts); empty outside a repository. */
  private readonly histories = new Map<string, BodyHistory>();
  private readonly findingsCache = new SlotMap<string, readonly Finding[]>();
  /**
   * A document's findings in two parts, each in rule order: rules that read only the document (with
   * the inventory, config and today), and rules that read other documents through the index. An
   * edit elsewhere drops only the second part; the first can be computed while documents still load.
   */
  private readonly localParts = new SlotMap<string, FindingsPart>();
  private readonly indexParts = new SlotMap<string, FindingsPart>();
  private workspaceFindingsCache: readonly Finding[] | undefined;
  /** Folders the walk could not list (folder-unreadable). */
  private readGaps: readonly ReadGap[] = [];
  private coverageCache: CoverageReport | undefined;

  private readonly ids = new MultiMap();
  private readonly explicitIds = new MultiMap();
  private readonly references = new MultiMap();
  private readonly evidenceTargets = new MultiMap();
  /** Folder → documents with an evidence target in it: a missing target's fix suggests its siblings. */
  private readonly evidenceFolders = new MultiMap();
  private readonly coverageIndex = new CoverageIndex();

  constructor(options: WorkspaceOptions) {
    this.today = options.today;
    this.recordDate = options.recordDate;
    [this.matchInclude, this.matchExclude] = this.compileGlobs(DEFAULT_CONFIG);
  }

  // ---- queries

  getConfig(): ResolvedConfig {
    return this.config;
  }

  getToday(): string {
    return this.today;
  }

  /** The real date, for review records a fix writes; differs from getToday() when checks run as of another date. */
  getRecordDate(): string {
    return this.recordDate ?? this.today;
  }

  /** The `fields:` aliases documents must be parsed with. */
  parseFields(): FieldAliases {
    return this.config.fields;
  }

  private settings?: { readonly config: ResolvedConfig; readonly value: ParseSettings };

  /** What of the config documents must be parsed with: `fields:` and `types:`. The same object until the config changes. */
  parseSettings(): ParseSettings {
    if (this.settings?.config !== this.config) this.settings = { config: this.config, value: Object.freeze({ fields: this.config.fields, types: this.config.types }) };
    return this.settings.value;
  }

  /** Answers of isDocumentPath for the current globs: the walk's files are asked about more than once. */
  private readonly documentPathAnswers = new Map<string, boolean>();

  /**
   * Whether a markdown file may be a document: matched by the globs (and, when the config does not
   * say, outside evidence folders). With no `documents.include`, a file that may be one is one when
   * it sits under a folder of documents or its frontmatter has compliance keys (programMembership).
   */
  isDocumentPath(path: string): boolean {
    let yes = this.documentPathAnswers.get(path);
    if (yes === undefined) {
      if (this.documentPathAnswers.size > 500_000) this.documentPathAnswers.clear();
      yes = path.toLowerCase().endsWith('.md') && ((this.matchInclude(path) && !this.matchExclude(path) && !(this.config.documents.auto && inEvidenceFolder(path))) || this.matchMappings(path));
      this.documentPathAnswers.set(path, yes);
    }
    return yes;
  }

  /** Markdown files in the inventory that the config makes documents. */
  documentPathsInInventory(): string[] {
    const out: string[] = [];
    for (const p of this.inventory.paths()) {
      const e = this.inventory.get(p);
      // A FIFO, socket or folder named like a document is one that cannot be read: it is reported, not skipped.
      if (e !== undefined && this.isDocumentPath(p)) out.push(p);
    }
    return out.sort();
  }

  document(path: string): ParsedDocument | undefined {
    return this.docs.get(path);
  }

  documents(): IterableIterator<ParsedDocument> {
    return this.docs.values();
  }

  get documentCount(): number {
    return this.docs.size;
  }

  documentsWithId(id: string): readonly string[] {
    return this.ids.list(id);
  }

  documentsWithExplicitId(id: string): readonly string[] {
    return this.explicitIds.list(id);
  }

  allIds(): Iterable<string> {
    return this.ids.keys();
  }

  /** Ids by the type of a document holding them ('all': every id), until an id or a type changes. */
  private idsByType: Map<DocumentType | 'all', readonly string[]> | undefined;
  /** Documents whose cached findings name an id no document has: their suggestions follow the ids. */
  private readonly danglingFindings = new SlotSet<string>();
  /**
   * While a workspace loads: documents whose index findings prepareFindings left for later because
   * they refer to an id not loaded yet, by that id. Taken up when a document with the id comes.
   */
  private readonly waitingFor = new Map<string, string[]>();

  idsOfType(type?: DocumentType): readonly string[] {
    if (!this.idsByType) {
      // Ordered by the first path holding each id: the order of an index built in one pass.
      const first = new Map<string, string>();
      for (const id of this.ids.keys()) first.set(id, this.ids.list(id)[0]);
      const ordered = [...first.keys()].sort((a, b) => ((first.get(a) as string) < (first.get(b) as string) ? -1 : 1));
      const byType = new Map<DocumentType | 'all', string[]>([['all', ordered], ...DOCUMENT_TYPES.map((t): [DocumentType, string[]] => [t, []])]);
      for (const id of ordered) {
        const types = new Set<DocumentType>();
        for (const p of this.ids.list(id)) {
          const doc = this.docs.get(p);
          if (doc) types.add(effectiveType(doc));
        }
        for (const t of types) byType.get(t)?.push(id);
      }
      this.idsByType = byType;
    }
    return this.idsByType.get(type ?? 'all') ?? [];
  }

  /** idsOfType's ids in code-unit order, made when first asked for, until an id or a type changes. */
  private idsByTypeSorted: Map<DocumentType | 'all', readonly string[]> | undefined;

  /** The ids of idsOfType, sorted: a list that shows the first few by id reads only those. */
  idsOfTypeSorted(type?: DocumentType): readonly string[] {
    const ids = this.idsOfType(type);
    if (!this.idsByTypeSorted) this.idsByTypeSorted = new Map();
    let sorted = this.idsByTypeSorted.get(type ?? 'all');
    if (!sorted) this.idsByTypeSorted.set(type ?? 'all', (sorted = [...ids].sort()));
    return sorted;
  }

  namesIn(dir: string): readonly string[] {
    return this.inventory.namesIn(dir);
  }

  factsOf(path: string): DocumentFacts | undefined {
    const cached = this.factsCache.get(path);
    if (cached) return cached;
    const doc = this.docs.get(path);
    if (!doc) return undefined;
    const facts = deriveFacts(doc, this.factsEnv());
    this.factsCache.set(path, facts);
    return facts;
  }

  private env: FactsEnv | undefined;
  private factsEnv(): FactsEnv {
    return (this.env ??= {
      config: this.config,
      today: this.today,
      inventory: this.inventory,
      isDocumentPath: (p) => this.isDocumentPath(p),
      mappedBy: (p) => this.mappings.mappedBy(p),
      linkedByTable: (p) => this.mappings.linked(p),
      unknownMappedBy: (p) => this.mappings.unknownFor(p),
      assessmentOf: (id) => this.assessmentOf(id),
      statusAt: (p) => {
        const d = this.docs.get(p);
        return d ? effectiveStatus(d) : undefined;
      },
    });
  }

  /** The newest approved, dated assessment listing a risk id (on the same date, the first by path). */
  assessmentOf(riskId: string): AssessmentRef | undefined {
    let best: { path: string; date: string } | undefined;
    for (const p of this.assessmentsByRisk.list(riskId)) {
      const doc = this.docs.get(p);
      const date = doc && countingAssessmentDate(doc, this.today);
      if (date !== undefined && (!best || date > best.date)) best = { path: p, date };
    }
    if (!best) return undefined;
    const doc = this.docs.get(best.path) as ParsedDocument;
    return { path: best.path, id: effectiveId(doc), date: best.date, current: assessmentDue(best.date, this.config) >= this.today };
  }

  /** Paths of documents a risk id names, other than `except`. */
  private risksNamed(ids: Iterable<string>, except: string): Set<string> {
    const out = new Set<string>();
    for (const id of ids) for (const p of this.ids.list(id)) if (p !== except) out.add(p);
    return out;
  }

  /** What the register's program-level rules read: risks, fraud, and the newest assessments. */
  riskProgram(): RiskProgram {
    if (this.riskProgramCache) return this.riskProgramCache;
    let risks = 0;
    let counting = 0;
    let fraud = false;
    let assessments = 0;
    let newest: { path: string; date: string } | undefined;
    let beforePeriod: { path: string; date: string } | undefined;
    const start = this.config.audit.period?.start;
    for (const [p, key] of [...this.riskEntries].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      if (key[0] === 'r') {
        risks++;
        if (key[1] === '1') {
          counting++;
          if (key[2] === '1') fraud = true;
        }
        continue;
      }
      assessments++;
      const date = key.slice(3);
      if (date === '' || date > this.today) continue;
      if (!newest || date > newest.date) newest = { path: p, date };
      if (start !== undefined && date <= start && (!beforePeriod || date > beforePeriod.date)) beforePeriod = { path: p, date };
    }
    const registerLike = risks === 0 ? this.firstDocumentMatching(REGISTER_LIKE) : undefined;
    return (this.riskProgramCache = {
      risks,
      counting,
      fraud,
      assessments,
      ...(newest ? { newest: { ...newest, due: assessmentDue(newest.date, this.config) } } : {}),
      ...(beforePeriod ? { beforePeriod } : {}),
      ...(registerLike ? { registerLike } : {}),
    });
  }

  /** The first document in path order whose path matches, without sorting every path of a large repository; kept until a document comes or goes. */
  private firstDocumentMatching(pattern: RegExp): string | undefined {
    const kept = this.pathsMatching.get(pattern);
    if (kept !== undefined) return kept ?? undefined;
    let first: string | undefined;
    for (const p of this.docs.keys()) if ((first === undefined || p < first) && pattern.test(p)) first = p;
    this.pathsMatching.set(pattern, first ?? null);
    return first;
  }

  getPhase(): IndexPhase {
    return this.phase;
  }

  private active: { readonly local: readonly ActiveRule[]; readonly index: readonly ActiveRule[] } | undefined;

  /** The document rules that run, with their severities, for the current config and phase. */
  private activeRules(): { readonly local: readonly ActiveRule[]; readonly index: readonly ActiveRule[] } {
    if (this.active) return this.active;
    const local: ActiveRule[] = [];
    const index: ActiveRule[] = [];
    DOCUMENT_RULES.forEach((rule, i) => {
      const severity = this.severityOf(rule.code);
      if (severity !== 'off' && this.ready(rule)) (rule.needs === 'index' ? index : local).push([rule, severity, i]);
    });
    return (this.active = { local, index });
  }

  private ready(rule: { needs?: 'inventory' | 'index' }): boolean {
    if (!rule.needs || this.phase === 'complete') return true;
    return rule.needs === 'inventory' && this.phase === 'inventory';
  }

  // ---- updates

  /**
   * How much of the workspace is known. A host that answers before indexing finishes sets 'document'
   * (only single-document rules run), then 'inventory' (evidence rules too), then 'complete'.
   */
  setPhase(phase: IndexPhase): ChangeSet {
    if (phase === this.phase) return EMPTY;
    // Facts and coverage do not depend on the phase; which rules run does. Rules that read only the
    // document run alike in 'inventory' and 'complete', so their findings are kept between the two.
    const keepLocal = phase !== 'document' && this.phase !== 'document';
    this.phase = phase;
    this.active = undefined;
    this.findingsCache.clear();
    this.indexParts.clear();
    this.danglingFindings.clear();
    this.waitingFor.clear();
    if (!keepLocal) this.localParts.clear();
    this.workspaceFindingsCache = undefined;
    return { documents: new Set(this.docs.keys()), workspace: true, coverage: true };
  }

  /** The folders the walk of the repository could not list; their findings sit on each folder. */
  setReadGaps(gaps: readonly ReadGap[]): ChangeSet {
    if (gaps.length === 0 && this.readGaps.length === 0) return EMPTY;
    this.readGaps = gaps.map((g) => ({ path: g.path, message: g.message }));
    this.workspaceFindingsCache = undefined;
    return { documents: new Set(), workspace: true, coverage: false };
  }

  setToday(today: string, recordDate: string | undefined = this.recordDate): ChangeSet {
    if (today === this.today && recordDate === this.recordDate) return EMPTY;
    this.today = today;
    this.recordDate = recordDate;
    return this.invalidateAll();
  }

  /** What history says about each document's body; replaces what was known. Only documents whose entry changed are checked again. */
  setHistories(entries: ReadonlyMap<string, BodyHistory>): ChangeSet {
    const changed = new Set<string>();
    for (const p of this.histories.keys()) if (!entries.has(p)) changed.add(p);
    for (const [p, h] of entries) if (!sameHistory(this.histories.get(p), h)) changed.add(p);
    for (const p of changed) {
      const h = entries.get(p);
      if (h) this.histories.set(p, h);
      else this.histories.delete(p);
    }
    return this.historyChanged(changed);
  }

  /** What history says about one document's body (undefined: nothing). */
  setHistory(path: string, history: BodyHistory | undefined): ChangeSet {
    if (sameHistory(this.histories.get(path), history)) return EMPTY;
    if (history) this.histories.set(path, history);
    else this.histories.delete(path);
    return this.historyChanged(new Set([path]));
  }

  historyOf(path: string): BodyHistory | undefined {
    return this.histories.get(path);
  }

  /** Only findings read history: facts and coverage stay, except CC9.2's cap, which reads vendors' findings. */
  private historyChanged(changed: Set<string>): ChangeSet {
    const docs = new Set<string>();
    for (const p of changed) {
      if (!this.docs.has(p)) continue;
      docs.add(p);
      this.findingsCache.delete(p);
      this.localParts.delete(p);
    }
    if (docs.size === 0) return EMPTY;
    const vendors = [...docs].some((p) => this.vendorPaths.has(p));
    if (vendors) this.coverageCache = undefined;
    return { documents: docs, workspace: vendors, coverage: vendors };
  }

  /** Reads the config file (undefined: there is none). */
  setConfig(path: string | undefined, text: string | undefined): ConfigChange {
    const loaded = loadConfig(path, text, RULE_CODES);
    const before = this.config;
    this.config = loaded.config;
    this.configProblems = loaded.findings;
    // A config file that could not be read still has a place for its finding: its first line.
    this.configText = text === undefined ? (path === undefined ? undefined : { lineStarts: [0], length: 0 }) : { lineStarts: computeLineStarts(text), length: text.length };
    [this.matchInclude, this.matchExclude] = this.compileGlobs(this.config);
    this.matchMappings = this.config.mappings.length === 0 ? () => false : picomatch(this.config.mappings as string[], { dot: true });
    this.documentPathAnswers.clear();
    const reparse = JSON.stringify([before.fields, before.types]) !== JSON.stringify([this.config.fields, this.config.types]);
    const unload: string[] = [];
    for (const p of [...this.docs.keys()]) {
      if (!this.isDocumentPath(p)) {
        this.dropDocument(p);
        unload.push(p);
      }
    }
    for (const p of [...this.passedOver.keys()]) if (!this.isDocumentPath(p) || !this.config.documents.auto) this.passedOver.delete(p);
    for (const p of [...this.passedParses.keys()]) if (!this.passedOver.has(p)) this.passedParses.delete(p);
    for (const p of [...this.promoted]) if (!this.docs.has(p)) this.promoted.delete(p);
    for (const p of this.mappings.filesWithRows()) if (!this.docs.has(p) && !this.passedOver.has(p)) this.mappings.setRows(p, undefined);
    const load = this.documentPathsInInventory().filter((p) => !this.docs.has(p) && !this.passedOver.has(p));
    const all = this.invalidateAll();
    addAll(all.documents as Set<string>, unload);
    return { ...all, load, unload, reparse };
  }

  upsertDocument(doc: ParsedDocument): ChangeSet {
    return this.withMembership(() => this.upsertOne(doc));
  }

  /**
   * Runs a change, then takes up the files whose membership it changed (a table that now links a
   * file passed over, or no longer links one it made a document), and merges what they change.
   */
  private withMembership(run: () => ChangeSet): ChangeSet {
    if (this.membershipQueue) return run();
    const queue = (this.membershipQueue = new Set<string>());
    let change: ChangeSet;
    try {
      change = run();
      // Each pass takes what the last queued; a file's membership follows the rows alone, so passes end.
      for (let pass = 0; queue.size > 0 && pass < 8; pass++) {
        const paths = [...queue];
        queue.clear();
        for (const p of paths) {
          const doc = this.docs.get(p) ?? this.passedParses.get(p);
          if (!doc) continue;
          const more = this.upsertOne(doc);
          change = { documents: new Set([...change.documents, ...more.documents]), workspace: true, coverage: true };
        }
      }
    } finally {
      this.membershipQueue = undefined;
    }
    return change;
  }

  private upsertOne(doc: ParsedDocument): ChangeSet {
    // Rows and names first, so that the document's own facts see them; names are withdrawn if it is passed over.
    const touched = this.mappings.setRows(doc.path, doc.mappingRows);
    if (!this.mappings.namesIndexed && this.mappings.hasNameRefs) {
      // The first table that names documents: the names of those already loaded are indexed now.
      this.mappings.namesIndexed = true;
      for (const d of this.docs.values()) this.mappings.setDocumentNames(d.path, documentNames(d.path, d.id?.value, d.title?.value ?? d.heading?.value));
    }
    const names = this.mappings.namesIndexed;
    const others = names ? this.mappings.setDocumentNames(doc.path, documentNames(doc.path, doc.id?.value, doc.title?.value ?? doc.heading?.value)) : [];
    const change = this.upsertMember(doc);
    if (names && !this.docs.has(doc.path)) others.push(...this.mappings.setDocumentNames(doc.path, undefined));
    if (!touched && others.length === 0) return change;
    const affected = this.mappingsChanged(doc.path, touched, others);
    if (affected.size === 0) return change;
    addAll(affected, change.documents);
    return { documents: affected, workspace: true, coverage: true };
  }

  /**
   * The documents a file's rows (old and new) point at, and those whose names it shares, have other
   * table mappings now: their facts, findings and coverage are computed again.
   */
  private mappingsChanged(file: string, touched: { targets: string[]; names: string[] } | undefined, others: readonly string[]): Set<string> {
    const affected = new Set<string>(others);
    if (touched) {
      affected.add(file);
      for (const t of touched.targets) {
        if (this.docs.has(t)) affected.add(t);
        // A file passed over that a table now links to criteria is a document; one a table made a document that none links so is not.
        if ((this.passedParses.has(t) && this.mappings.linksWithCriteria(t)) || (this.promoted.has(t) && !this.mappings.linksWithCriteria(t))) this.membershipQueue?.add(t);
      }
      for (const n of touched.names) addAll(affected, this.mappings.documentsNamed(n));
    }
    for (const p of affected) {
      const doc = this.docs.get(p);
      if (!doc || p === file) continue;
      this.factsCache.delete(p);
      this.findingsCache.delete(p);
      this.localParts.delete(p);
      this.indexParts.delete(p);
      const facts = this.factsOf(p) as DocumentFacts;
      this.noteProgram(p, doc, facts);
      this.coverageIndex.set(p, contribution(doc, facts, this.config, this.today));
      this.coverageIndex.touch(p);
      this.listingChanged(doc);
    }
    if (affected.size > 0) {
      this.coverageCache = undefined;
      this.workspaceFindingsCache = undefined;
    }
    return affected;
  }

  private upsertMember(doc: ParsedDocument): ChangeSet {
    const mappingOnly = !this.config.documents.auto && this.matchMappings(doc.path) && !(this.matchInclude(doc.path) && !this.matchExclude(doc.path));
    if (this.config.documents.auto || mappingOnly) {
      const membership = mappingOnly ? 'mapping-file' : programMembership(doc, (dir) => this.programBeside(dir));
      // A file a mapping table links to SOC 2 criteria is one the program means as a document.
      const linked = membership === 'not-a-document' && this.mappings.linksWithCriteria(doc.path);
      const passed = linked ? undefined : membership;
      if (linked) this.promoted.add(doc.path);
      else this.promoted.delete(doc.path);
      // An example is read again when the program beside it comes or goes (examplesMoved).
      if (passed === 'not-a-document' || passed === 'example') this.passedParses.set(doc.path, doc);
      else this.passedParses.delete(doc.path);
      if (passed !== undefined) {
        this.passedOver.set(doc.path, passed);
        this.programStats = undefined;
        this.skippedCount = undefined;
        this.workspaceFindingsCache = undefined;
        // Its rows stay: a table in a file that is not a document still maps.
        return this.docs.has(doc.path) ? this.passOver(doc.path) : { documents: new Set([doc.path]), workspace: true, coverage: false };
      }
    } else {
      this.passedParses.delete(doc.path);
      this.promoted.delete(doc.path);
    }
    if (this.passedOver.delete(doc.path)) this.workspaceFindingsCache = undefined;
    const affected = new Set<string>([doc.path]);
    const old = this.docs.get(doc.path);
    // A document new to the index changes the counts; an edit of one changes them only through its
    // type, status or review, which noteProgram (in invalidate) compares.
    if (!old) {
      this.programStats = undefined;
      this.skippedCount = undefined;
    }
    if (!old || effectiveId(old) !== effectiveId(doc) || effectiveType(old) !== effectiveType(doc)) this.idsChanged(affected);
    if (old) this.unindex(old, affected);
    else this.pathsMatching.clear();
    this.docs.set(doc.path, doc);
    this.index(doc, affected);
    // Facts are a function of the document alone (and the config, today and the inventory); the
    // others only see new ids, so only their findings are dropped. An assessment is the exception:
    // the risks it lists (before and after) stand on it.
    let change = this.invalidate(affected, doc.path);
    // A version that came, went or changed status decides whether the other versions in its folder are in force.
    if (isVersioned(doc.path) && (!old || effectiveStatus(old) !== effectiveStatus(doc))) {
      const versions = new Set(otherVersions(doc.path, this.inventory).filter((p) => this.docs.has(p)));
      if (versions.size > 0) {
        const more = this.invalidate(versions);
        change = { documents: new Set([...change.documents, ...more.documents]), workspace: true, coverage: true };
      }
    }
    if (!old?.assessment && !doc.assessment) return change;
    const risks = this.risksNamed([...(old?.assessment?.risks ?? []), ...(doc.assessment?.risks ?? [])].map((r) => r.value), doc.path);
    if (risks.size === 0) return change;
    const more = this.invalidate(risks);
    return { documents: new Set([...change.documents, ...more.documents]), workspace: true, coverage: true };
  }

  removeDocument(path: string): ChangeSet {
    return this.withMembership(() => this.removeOne(path));
  }

  private removeOne(path: string): ChangeSet {
    this.passedParses.delete(path);
    this.promoted.delete(path);
    if (this.passedOver.delete(path)) this.workspaceFindingsCache = undefined;
    const touched = this.mappings.setRows(path, undefined);
    const others = this.mappings.setDocumentNames(path, undefined);
    if (touched || others.length > 0) {
      const change = this.docs.has(path) ? this.passOver(path) : EMPTY;
      const affected = this.mappingsChanged(path, touched, others);
      affected.delete(path);
      addAll(affected, change.documents);
      return { documents: affected, workspace: true, coverage: true };
    }
    return this.passOver(path);
  }

  /** Drops a document from the index (its rows, kept or cleared by the caller, are not touched). */
  private passOver(path: string): ChangeSet {
    if (!this.docs.has(path)) return EMPTY;
    this.programStats = undefined;
    this.skippedCount = undefined;
    const affected = new Set<string>();
    this.dropDocument(path, affected);
    const change = this.invalidate(affected);
    // A fresh set (`change` may be the shared EMPTY); the views must drop the document even when no
    // criterion's state moved.
    return { documents: new Set([...change.documents, path]), workspace: change.workspace, coverage: true };
  }

  /** A file or folder appeared (or changed kind) on disk. */
  addFile(path: string, entry: InventoryEntry): ChangeSet {
    this.skippedCount = undefined;
    const before = this.inventory.get(path);
    this.inventory.set(path, entry);
    if (before && before.kind === entry.kind && entry.kind === 'file') return EMPTY;
    return this.merge(this.invalidate(this.documentsPointingAt(path)), this.examplesMoved());
  }

  /** A file or folder disappeared from disk. */
  deleteFile(path: string): ChangeSet {
    this.skippedCount = undefined;
    if (!this.inventory.get(path)) return EMPTY;
    this.inventory.delete(path);
    return this.merge(this.invalidate(this.documentsPointingAt(path)), this.examplesMoved());
  }

  private merge(a: ChangeSet, b: ChangeSet | undefined): ChangeSet {
    if (!b) return a;
    return { documents: new Set([...a.documents, ...b.documents]), workspace: a.workspace || b.workspace, coverage: a.coverage || b.coverage };
  }

  /**
   * Whether a program sits beside an example folder held in `dir`: a folder named for documents
   * (`policies/`, `narratives/`) that is no example or templates folder, in `dir` or a folder above
   * it, or `dir` itself is one.
   */
  private programBeside(dir: string): boolean {
    let beside = typeFromFolder(`${dir}/_`) !== undefined;
    for (let at: string | undefined = dir; !beside && at !== undefined; at = at === '' ? undefined : dirname(at)) {
      for (const name of this.inventory.namesIn(at)) {
        const p = at === '' ? name : `${at}/${name}`;
        if (this.inventory.get(p)?.kind !== 'dir' || isExampleFolder(name) || isTemplate(`${p}/_`)) continue;
        if (typeFromFolder(`${name}/_`) !== undefined && this.holdsMarkdown(p, 2)) {
          beside = true;
          break;
        }
      }
    }
    this.exampleParents.set(dir, beside);
    return beside;
  }

  /** Whether a folder holds a markdown file as the listing counts them, in it or `depth - 1` folders below (Go's `vendor/` holds none). */
  private holdsMarkdown(dir: string, depth: number): boolean {
    for (const name of this.inventory.namesIn(dir)) {
      const p = `${dir}/${name}`;
      const entry = this.inventory.get(p);
      if (isMarkdownFile(entry, p)) return true;
      if (entry?.kind === 'dir' && depth > 1 && this.holdsMarkdown(p, depth - 1)) return true;
    }
    return false;
  }

  /** After a folder came or went: the files under example folders whose program beside them did too are taken up again. */
  private examplesMoved(): ChangeSet | undefined {
    if (this.exampleParents.size === 0) return undefined;
    const moved = [...this.exampleParents].filter(([dir, was]) => this.programBeside(dir) !== was).map(([dir]) => dir);
    if (moved.length === 0) return undefined;
    const paths = [...this.docs.keys(), ...this.passedParses.keys()].filter((p) => {
      const parent = exampleParent(p);
      return parent !== undefined && moved.includes(parent);
    });
    if (paths.length === 0) return undefined;
    return this.withMembership(() => {
      let change: ChangeSet = EMPTY;
      for (const p of new Set(paths)) {
        const doc = this.docs.get(p) ?? this.passedParses.get(p);
        if (doc) change = this.merge(change, this.upsertOne(doc));
      }
      return change;
    });
  }

  /** An id appeared, disappeared or changed type: suggestions for unknown ids may change. */
  private idsChanged(affected: Set<string>): void {
    this.idsByType = undefined;
    this.idsByTypeSorted = undefined;
    addAll(affected, this.danglingFindings);
  }

  private dropDocument(path: string, affected = new Set<string>()): void {
    const old = this.docs.get(path);
    if (!old) return;
    this.mappings.setDocumentNames(path, undefined);
    this.idsChanged(affected);
    this.unindex(old, affected);
    if (old.assessment) addAll(affected, this.risksNamed(old.assessment.risks.map((r) => r.value), path));
    this.docs.delete(path);
    this.pathsMatching.clear();
    this.factsCache.delete(path);
    this.findingsCache.delete(path);
    this.localParts.delete(path);
    this.indexParts.delete(path);
    this.danglingFindings.delete(path);
    this.noteProgram(path, undefined, undefined);
    if (isVersioned(path)) for (const p of otherVersions(path, this.inventory)) if (this.docs.has(p)) affected.add(p);
    affected.delete(path);
    if (this.coverageIndex.set(path, undefined).length > 0) this.coverageCache = undefined;
    this.workspaceFindingsCache = undefined;
  }

  /** Criterion id → documents whose frontmatter lists it: built when first asked for, then kept with each change. */
  private listing: MultiMap | undefined;

  /** The documents whose frontmatter lists a criterion id, in path order. */
  documentsListing(id: string): readonly string[] {
    if (!this.listing) {
      this.listing = new MultiMap();
      for (const d of this.docs.values()) for (const c of d.criteria) this.listing.add(c.value, d.path);
    }
    return this.listing.list(id);
  }

  /** Per criterion id: what listingSummary keeps, and the listing documents that changed since (undefined: none). */
  private readonly listingMemos = new Map<string, { value: unknown; changed: Set<string> | undefined }>();

  /**
   * What `build` makes of the documents whose frontmatter lists criterion `id`, kept while none of them
   * changes. When some did (listed or not any more, or their facts or coverage derived again), `update`
   * is given the last value and their paths, so that the cost follows what changed, not how many list it.
   */
  listingSummary<T>(id: string, build: () => T, update: (last: T, changed: ReadonlySet<string>) => T): T {
    const memo = this.listingMemos.get(id);
    if (memo && !memo.changed) return memo.value as T;
    const value = memo?.changed ? update(memo.value as T, memo.changed) : build();
    this.listingMemos.set(id, { value, changed: undefined });
    return value;
  }

  /** The document (as listed before or after a change) changed: the summaries of the criteria it lists are updated when next asked for. */
  private listingChanged(doc: ParsedDocument | undefined): void {
    if (!doc || this.listingMemos.size === 0) return;
    for (const c of doc.criteria) {
      const memo = this.listingMemos.get(c.value);
      if (!memo) continue;
      (memo.changed ??= new Set()).add(doc.path);
      // Many changed (a config or mapping change passes through here): built again instead.
      if (memo.changed.size > 256) this.listingMemos.delete(c.value);
    }
  }

  private index(doc: ParsedDocument, affected: Set<string>): void {
    this.listingChanged(doc);
    if (this.listing) for (const c of doc.criteria) this.listing.add(c.value, doc.path);
    const id = effectiveId(doc);
    this.ids.add(id, doc.path);
    addAll(affected, this.ids.get(id));
    addAll(affected, this.references.get(id));
    if (doc.id && doc.frontmatter?.ok) {
      this.explicitIds.add(doc.id.value, doc.path);
      addAll(affected, this.explicitIds.get(doc.id.value));
    }
    for (const r of doc.policies) this.references.add(r.value, doc.path);
    for (const r of doc.controls) this.references.add(r.value, doc.path);
    if (doc.assessment) {
      for (const r of doc.assessment.risks) {
        this.references.add(r.value, doc.path);
        this.assessmentsByRisk.add(r.value, doc.path);
      }
    }
    for (const key of this.evidenceKeys(doc)) {
      this.evidenceTargets.add(key, doc.path);
      this.evidenceFolders.add(dirname(key), doc.path);
    }
  }

  private unindex(doc: ParsedDocument, affected: Set<string>): void {
    this.listingChanged(doc);
    if (this.listing) for (const c of doc.criteria) this.listing.delete(c.value, doc.path);
    const id = effectiveId(doc);
    this.ids.delete(id, doc.path);
    addAll(affected, this.ids.get(id));
    addAll(affected, this.references.get(id));
    if (doc.id) {
      this.explicitIds.delete(doc.id.value, doc.path);
      addAll(affected, this.explicitIds.get(doc.id.value));
    }
    for (const r of doc.policies) this.references.delete(r.value, doc.path);
    for (const r of doc.controls) this.references.delete(r.value, doc.path);
    if (doc.assessment) {
      for (const r of doc.assessment.risks) {
        this.references.delete(r.value, doc.path);
        this.assessmentsByRisk.delete(r.value, doc.path);
      }
    }
    for (const key of this.evidenceKeys(doc)) {
      this.evidenceTargets.delete(key, doc.path);
      this.evidenceFolders.delete(dirname(key), doc.path);
    }
  }

  private evidenceKeys(doc: ParsedDocument): Set<string> {
    const keys = new Set<string>();
    const targets = linkTargetsOf(doc);
    for (let k = 0; k < targets.length; k++) {
      const t = targets[k];
      if (doc.evidence[k].kind !== 'path' || t === undefined || t.kind !== 'path') continue;
      keys.add(t.path);
      const r = this.inventory.resolve(t.path);
      if ((r.kind === 'file' || r.kind === 'dir') && r.path !== t.path) keys.add(r.path);
    }
    return keys;
  }

  private documentsPointingAt(path: string): Set<string> {
    const out = new Set<string>();
    addAll(out, this.evidenceTargets.get(path));
    // A new or removed sibling changes what a missing target's fix suggests.
    addAll(out, this.evidenceFolders.get(dirname(path)));
    const prefix = `${path}/`;
    const entry = this.inventory.get(path);
    // A folder or symlink changing affects every link below it.
    if (entry === undefined || entry.kind !== 'file') {
      for (const key of this.evidenceTargets.keys()) if (key.startsWith(prefix)) addAll(out, this.evidenceTargets.get(key));
    }
    return out;
  }

  /** Drops the findings of `affected`, and their facts and coverage contributions (only `refreshOnly`'s, when given). */
  private invalidate(affected: Set<string>, refreshOnly?: string): ChangeSet {
    if (affected.size === 0) return EMPTY;
    let coverage = false;
    let workspace = false;
    const env = this.factsEnv();
    for (const p of affected) {
      this.findingsCache.delete(p);
      this.indexParts.delete(p);
      this.danglingFindings.delete(p);
      if (refreshOnly !== undefined && p !== refreshOnly) continue;
      this.factsCache.delete(p);
      this.localParts.delete(p);
      const doc = this.docs.get(p);
      const facts = doc ? (this.factsOf(p) ?? deriveFacts(doc, env)) : undefined;
      if (this.noteProgram(p, doc, facts)) workspace = true;
      const levels = doc && facts ? contribution(doc, facts, this.config, this.today) : undefined;
      const changed = this.coverageIndex.set(p, levels);
      // Its id, type or title may have changed: the coverage entries that list it are rebuilt.
      this.coverageIndex.touch(p);
      this.listingChanged(doc);
      if (changed.length > 0) {
        coverage = true;
        workspace = true;
      }
    }
    // Document titles and ids show in coverage even when no state changes.
    coverage = true;
    if (coverage) this.coverageCache = undefined;
    if (workspace) this.workspaceFindingsCache = undefined;
    return { documents: affected, workspace, coverage };
  }

  private invalidateAll(): ChangeSet {
    this.env = undefined;
    this.programStats = undefined;
    this.skippedCount = undefined;
    this.active = undefined;
    this.factsCache.clear();
    this.findingsCache.clear();
    this.localParts.clear();
    this.indexParts.clear();
    this.danglingFindings.clear();
    this.waitingFor.clear();
    this.coverageIndex.clear();
    this.listingMemos.clear();
    this.coverageCache = undefined;
    this.workspaceFindingsCache = undefined;
    this.programEntries.clear();
    this.riskEntries.clear();
    this.riskProgramCache = undefined;
    this.docs.forEach((doc, p) => {
      const facts = this.factsOf(p) as DocumentFacts;
      this.noteProgram(p, doc, facts);
      this.coverageIndex.set(p, contribution(doc, facts, this.config, this.today));
    });
    return { documents: new Set(this.docs.keys()), workspace: true, coverage: true };
  }

  private compileGlobs(config: ResolvedConfig): [(p: string) => boolean, (p: string) => boolean] {
    const compile = (globs: readonly string[]): ((p: string) => boolean) => {
      if (globs.length === 0) return () => false;
      const m = picomatch(globs as string[], { dot: true });
      // What picomatch's matcher does with these options (a path equal to a glob, or its regex),
      // without the result object it builds per call: every file of the walk is tested.
      let regexes: RegExp[];
      try {
        regexes = globs.map((g) => picomatch.makeRe(g, { dot: true }));
      } catch {
        return (p) => m(p);
      }
      if (globs.includes('') || regexes.some((r) => r.global || r.sticky)) return (p) => m(p);
      return (p) => p !== '' && (globs.includes(p) || regexes.some((r) => r.test(p)));
    };
    return [compile(config.documents.include), compile(config.documents.exclude)];
  }

  // ---- findings

  severityOf(code: string): Severity | 'off' {
    return own(this.config.rules, code) ?? getRule(code)?.defaultSeverity ?? 'warning';
  }

  findings(path: string): readonly Finding[] {
    const cached = this.findingsCache.get(path);
    if (cached) return cached;
    const doc = this.docs.get(path);
    if (!doc) return [];
    const active = this.activeRules();
    let local = this.localParts.get(path);
    if (!local) this.localParts.set(path, (local = this.runRules(doc, active.local)));
    let index = this.indexParts.get(path);
    if (!index) {
      this.indexParts.set(path, (index = this.runRules(doc, active.index)));
      if (this.refersToMissing(doc)) this.danglingFindings.add(path);
    }
    // Both parts merged back into rule order, then sorted as one run of all rules would be.
    const out: Finding[] = [];
    let i = 0;
    let j = 0;
    while (i < local.findings.length || j < index.findings.length) {
      if (j >= index.findings.length || (i < local.findings.length && local.rules[i] < index.rules[j])) out.push(local.findings[i++]);
      else out.push(index.findings[j++]);
    }
    out.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end || (a.code < b.code ? -1 : 1));
    this.findingsCache.set(path, out);
    return out;
  }

  /**
   * Computes and keeps the findings of a document that do not depend on other documents, so that a
   * host can do that work while the rest of the workspace is still loading. With `index`, also those
   * that read the index, unless the document refers to an id not loaded yet: the index drops them
   * again when what they read changes (as after an edit), so they come out as if computed at the end.
   */
  prepareFindings(path: string, index = false): void {
    const doc = this.docs.get(path);
    if (!doc) return;
    if (!this.localParts.has(path)) this.localParts.set(path, this.runRules(doc, this.activeRules().local));
    if (!index) return;
    if (!this.findingsCache.has(path)) {
      const missing = this.missingRef(doc);
      if (missing === undefined) this.findings(path);
      else {
        // Prepared once a document with that id has come (controls often load before their policies).
        const waiting = this.waitingFor.get(missing);
        if (waiting) waiting.push(path);
        else this.waitingFor.set(missing, [path]);
      }
    }
    // The id the index holds the document under (its file name when it states none).
    const id = effectiveId(doc);
    const waiting = this.waitingFor.get(id);
    if (waiting) {
      this.waitingFor.delete(id);
      for (const p of waiting) if (p !== path) this.prepareFindings(p, true);
    }
  }

  /** Whether the document refers to an id no loaded document has. */
  private refersToMissing(doc: ParsedDocument): boolean {
    return this.missingRef(doc) !== undefined;
  }

  /** The first id the document refers to that no loaded document has. */
  private missingRef(doc: ParsedDocument): string | undefined {
    for (const r of doc.policies) if (!this.ids.has(r.value)) return r.value;
    for (const r of doc.controls) if (!this.ids.has(r.value)) return r.value;
    for (const r of doc.assessment?.risks ?? []) if (!this.ids.has(r.value)) return r.value;
    return undefined;
  }

  private runRules(doc: ParsedDocument, rules: readonly ActiveRule[]): FindingsPart {
    const findings: Finding[] = [];
    const ruleOf: number[] = [];
    if (rules.length === 0) return { findings, rules: ruleOf };
    const path = doc.path;
    // One context for all rules of the document; `report` files under the rule being run.
    let code = '';
    let severity: Severity = 'error';
    let index = 0;
    const ctx: DocumentRuleContext = {
      doc,
      facts: this.factsOf(path) as DocumentFacts,
      config: this.config,
      today: this.today,
      recordDate: this.getRecordDate(),
      workspace: this,
      history: this.histories.size === 0 ? undefined : this.histories.get(path),
      report: (span, message, extra) => {
        const f: { -readonly [K in keyof Finding]: Finding[K] } = { code, severity, path, span, message, hasRegion: true };
        if (extra?.severity && own(this.config.rules, code) === undefined) f.severity = extra.severity;
        if (extra?.fixes && extra.fixes.length) f.fixes = extra.fixes;
        if (extra?.data) f.data = extra.data;
        findings.push(f);
        ruleOf.push(index);
      },
    };
    for (let k = 0; k < rules.length; k++) {
      const active = rules[k];
      code = active[0].code;
      severity = active[1];
      index = active[2];
      active[0].check(ctx);
    }
    return { findings, rules: ruleOf };
  }

  /** Findings on the config file, or on the root when there is none. */
  workspaceFindings(): readonly Finding[] {
    if (this.workspaceFindingsCache) return this.workspaceFindingsCache;
    const out: Finding[] = [];
    const path = this.config.path ?? '';
    for (const rule of WORKSPACE_RULES) {
      const severity = this.severityOf(rule.code);
      if (severity === 'off' || !this.ready(rule)) continue;
      rule.check({
        config: this.config,
        configProblems: this.configProblems,
        coverage: this.coverage(),
        program: this.program(),
        risks: this.riskProgram(),
        today: this.today,
        readGaps: this.readGaps,
        firstDocumentMatching: (pattern) => this.firstDocumentMatching(pattern),
        passedOverAs: (reason) => {
          let n = 0;
          for (const r of this.passedOver.values()) if (r === reason) n++;
          return n;
        },
        createControl: (id) => this.createControlFix(id),
        scopeOut: (id) => this.scopeOutFix(id),
        createVendor: () => this.createVendorFix(),
        report: (span, message, extra) => {
          const at = extra?.path;
          if (at !== undefined) {
            out.push({ code: rule.code, severity, path: at, span: { start: 0, end: 0 }, message, hasRegion: false, ...(extra?.data ? { data: extra.data } : {}) });
            return;
          }
          out.push({
            code: rule.code,
            severity,
            path,
            span: span ?? { start: 0, end: 0 },
            message,
            hasRegion: span !== undefined && this.config.path !== undefined,
            ...(extra?.fixes && extra.fixes.length ? { fixes: extra.fixes } : {}),
            ...(extra?.data ? { data: extra.data } : {}),
            ...(extra?.related?.length && span !== undefined && this.config.path !== undefined ? { related: extra.related } : {}),
          });
        },
      });
    }
    out.sort((a, b) => Number(b.hasRegion) - Number(a.hasRegion) || a.span.start - b.span.start || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
    this.workspaceFindingsCache = out;
    return out;
  }

  /** Line starts of the config file, to place its findings. */
  configLines(): { lineStarts: readonly number[]; length: number } | undefined {
    return this.configText;
  }

  *allFindings(): IterableIterator<Finding> {
    yield* this.workspaceFindings();
    for (const p of [...this.docs.keys()].sort()) yield* this.findings(p);
  }

  /** Documents read, by type, how many count and are reviewed, and how many markdown files were passed over. */
  program(): ProgramStats {
    if (this.programStats) return this.programStats;
    const byType: Record<DocumentType, number> = { policy: 0, procedure: 0, control: 0, narrative: 0, vendor: 0, risk: 0, 'risk-assessment': 0 };
    let approved = 0;
    let reviewed = 0;
    let readable = 0;
    for (const p of this.docs.keys()) {
      let key = this.programEntries.get(p);
      if (key === undefined) {
        this.noteProgram(p, this.docs.get(p), this.factsOf(p));
        key = this.programEntries.get(p) as number;
      }
      byType[DOCUMENT_TYPES[key >> 3]]++;
      if (key & 4) readable++;
      if (key & 2) approved++;
      if (key & 1) reviewed++;
    }
    return (this.programStats = { documents: this.docs.size, byType, readable, approved, reviewed });
  }

  /** Every document with its type, id, status and the criteria it maps, and every file passed over: what `check` reports it read. */
  runSummary(): RunSummary {
    const documents = [...this.docs.keys()].sort().map((p) => {
      const f = this.factsOf(p) as DocumentFacts;
      return { path: p, type: f.type, id: f.id, status: f.status, criteria: this.criteriaOf(p) };
    });
    return { documents, skipped: this.skipped() };
  }

  /** Files whose mapping tables are read (documents or not). */
  mappingFiles(): string[] {
    return this.mappings.filesWithRows().sort();
  }

  /** The catalog criteria a document maps, in catalog order. */
  criteriaOf(path: string): string[] {
    const doc = this.docs.get(path);
    if (!doc) return [];
    // By catalog position: a few small integers to sort and deduplicate, asked of every document.
    const at: number[] = [];
    for (const c of doc.criteria) {
      const i = CATALOG_ORDER.get(c.value);
      if (i !== undefined) at.push(i);
    }
    const mappedBy = this.factsOf(path)?.mappedBy;
    if (mappedBy) {
      for (const m of mappedBy) {
        const i = CATALOG_ORDER.get(m.id);
        if (i === undefined) return this.criteriaOfAnyIds(doc, mappedBy);
        at.push(i);
      }
    }
    if (at.length > 1) at.sort((a, b) => a - b);
    const out: string[] = [];
    for (let k = 0; k < at.length; k++) if (k === 0 || at[k] !== at[k - 1]) out.push(CRITERIA[at[k]].id);
    return out;
  }

  /** criteriaOf when a table maps an id the catalog does not have: it is kept, placed first. */
  private criteriaOfAnyIds(doc: ParsedDocument, mappedBy: readonly TableMapping[]): string[] {
    const ids = new Set<string>();
    for (const c of doc.criteria) if (getCriterion(c.value)) ids.add(c.value);
    for (const m of mappedBy) ids.add(m.id);
    return [...ids].sort(compareCriteria);
  }

  /** "Read 12 documents (8 policies, 4 procedures); passed over 3 other markdown files." */
  readingSummary(): { documents: number; byType: Readonly<Record<DocumentType, number>>; skipped: number } {
    if (this.skippedCount === undefined) {
      let n = 0;
      for (const p of this.inventory.paths()) if (!this.docs.has(p) && isMarkdownFile(this.inventory.get(p), p)) n++;
      this.skippedCount = n;
    }
    const p = this.program();
    return { documents: p.documents, byType: p.byType, skipped: this.skippedCount };
  }

  /** The markdown files that are not documents, and why, in path order. */
  skipped(): Array<{ path: string; reason: string }> {
    const out: Array<{ path: string; reason: string }> = [];
    for (const p of this.inventory.paths()) {
      if (this.docs.has(p) || !isMarkdownFile(this.inventory.get(p), p)) continue;
      const passed = this.passedOver.get(p);
      let reason: keyof typeof PASSED_OVER_REASONS;
      if (passed) reason = passed;
      else if (this.matchExclude(p)) reason = 'excluded';
      else if (this.config.documents.auto && inEvidenceFolder(p)) reason = 'evidence';
      else if (!this.matchInclude(p)) reason = 'not-included';
      else reason = 'unreadable';
      out.push({ path: p, reason: PASSED_OVER_REASONS[reason] });
    }
    return out.sort((a, b) => (a.path < b.path ? -1 : 1));
  }

  coverage(): CoverageReport {
    if (!this.coverageCache) this.capVendorCriteria();
    return (this.coverageCache ??= this.coverageIndex.report(this.config, (p) => {
      const f = this.factsOf(p);
      return f && { id: f.id, type: f.type, title: f.title };
    }));
  }

  /** The paths of documents of type vendor, sorted. */
  vendorDocumentPaths(): string[] {
    return [...this.vendorPaths].sort();
  }

  /** The level a document earns a criterion toward coverage, as the coverage index holds it (undefined: none). */
  coverageLevel(path: string, id: string): Level | undefined {
    return this.coverageIndex.levelIn(path, id);
  }

  criterionState(id: string): CoverageState | undefined {
    const c = getCriterion(id);
    if (!c || !this.config.categories.includes(c.category)) return undefined;
    if (id === VENDOR_CRITERION) this.capVendorCriteria();
    return this.coverageIndex.state(id, this.config);
  }

  /** CC9.2 is at best stale while an approved critical or high vendor has a warning or an error. */
  private capVendorCriteria(): void {
    const capping: string[] = [];
    for (const p of [...this.vendorPaths].sort()) {
      const doc = this.docs.get(p);
      // A draft or retired vendor is not relied on (yet, or any more): its findings hold nothing.
      if (!doc || !isKeyVendor(doc) || !this.factsOf(p)?.counts) continue;
      if (this.findings(p).some((f) => f.severity === 'error' || f.severity === 'warning')) capping.push(p);
    }
    this.coverageIndex.setCap(VENDOR_CRITERION, capping);
  }

  // ---- fixes that need the workspace

  private controlsFolder(): string {
    const glob = this.config.documents.include.find((g) => /(^|\/)controls?\//i.test(g));
    return glob ? glob.slice(0, glob.search(/controls?\//i) + glob.slice(glob.search(/controls?\//i)).indexOf('/')) : 'controls';
  }

  createControlFix(criterionId: string): Fix {
    const c = getCriterion(criterionId);
    let id = controlIdFor(criterionId);
    const folder = this.controlsFolder();
    let path = `${folder}/${id.toLowerCase()}.md`;
    for (let n = 2; this.inventory.get(path) || this.docs.has(path) || this.ids.has(id); n++) {
      id = `${controlIdFor(criterionId)}-${n}`;
      path = `${folder}/${id.toLowerCase()}.md`;
    }
    const content = newDocument({ type: 'control', id, title: c?.title ?? criterionId, criteria: [criterionId], today: this.getRecordDate() });
    return { title: `Create a draft control for ${criterionId} (${path})`, changes: [{ kind: 'create', path, content }] };
  }

  /** A draft vendor file from the template, under `vendors/`, with a file name and id no one has. */
  createVendorFix(): Fix {
    let id = 'VEN-HOSTING';
    let path = 'vendors/hosting-provider.md';
    for (let n = 2; this.inventory.get(path) || this.docs.has(path) || this.ids.has(id); n++) {
      id = `VEN-HOSTING-${n}`;
      path = `vendors/hosting-provider-${n}.md`;
    }
    const content = newVendor(this.getRecordDate()).replace('id: VEN-HOSTING\n', `id: ${id}\n`);
    const unread = this.isDocumentPath(path) ? '' : '; add "vendors/**/*.md" to documents.include so that it is read';
    return { title: `Create a draft vendor file (${path}${unread})`, changes: [{ kind: 'create', path, content }] };
  }

  scopeOutFix(criterionId: string): Fix {
    const at = this.config.notApplicableInsert;
    if (!this.config.path || !at) {
      return { title: `Scope out ${criterionId} in a new compliance-docs.yml`, changes: [{ kind: 'create', path: 'compliance-docs.yml', content: `not_applicable:\n  ${criterionId}: ""  # why this criterion does not apply\n` }] };
    }
    const span: Span = { start: at.offset, end: at.offset };
    return { title: `Add ${criterionId} to not_applicable (then write the justification)`, changes: [{ kind: 'edit', path: this.config.path, edits: [{ span, newText: `${at.prefix}${at.indent}${criterionId}: ""\n` }] }] };
  }
}

const CATALOG_ORDER = new Map(CRITERIA.map((c, i) => [c.id, i]));
function compareCriteria(a: string, b: string): number {
  return (CATALOG_ORDER.get(a) ?? 0) - (CATALOG_ORDER.get(b) ?? 0);
}

function sameHistory(a: BodyHistory | undefined, b: BodyHistory | undefined): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  return a.changedOn === b.changedOn && a.commit === b.commit && a.subject === b.subject && a.reviewedWith === b.reviewedWith && a.uncommittedOn === b.uncommittedOn;
}

function isMarkdownFile(entry: InventoryEntry | undefined, path: string): boolean {
  return (entry?.kind === 'file' || entry?.kind === 'symlink') && /\.md$/i.test(path);
}

/** Zero-based line/character range of a finding, or undefined for findings on the root. */
export function locateFinding(ws: ComplianceWorkspace, f: Finding): { start: { line: number; character: number }; end: { line: number; character: number } } | undefined {
  if (!f.hasRegion) return undefined;
  const lines = f.path === ws.getConfig().path ? ws.configLines() : ws.document(f.path);
  if (!lines) return undefined;
  return rangeIn(lines.lineStarts, lines.length, f.span);
}
