// The shape of a rule. Document rules look at one document (and may ask the workspace about ids);
// workspace rules look at the repository as a whole and report on the config file.

import type { ResolvedConfig } from '../config/config';
import type { CoverageReport } from '../coverage/coverage';
import type { DocumentFacts } from '../model/facts';
import type { BodyHistory } from '../model/history';
import type { PassedOver, ProgramStats } from '../model/program';
import type { DocumentType, Fix, ParsedDocument, RawFinding, ReadGap, RelatedNote, Severity, Span } from '../model/types';

export interface RuleInfo {
  readonly code: string;
  readonly defaultSeverity: Severity;
  /** One line: what the rule finds. */
  readonly description: string;
  /**
   * What must be known before the rule can run without false positives: the file inventory (evidence
   * existence) or the whole index (ids of other documents). A language server answers an opened
   * document before indexing finishes, with the rules that need neither.
   */
  readonly needs?: 'inventory' | 'index';
}

export type IndexPhase = 'document' | 'inventory' | 'complete';

/** What a document rule may ask about the rest of the workspace. */
export interface WorkspaceQueries {
  /** Paths of documents with this effective id (explicit or from the file name). */
  documentsWithId(id: string): readonly string[];
  /** Paths of documents whose explicit `id:` is this one. */
  documentsWithExplicitId(id: string): readonly string[];
  /** Every effective id, for nearest-id suggestions. */
  allIds(): Iterable<string>;
  /**
   * Every effective id, or those a document of `type` holds, ordered by the first path holding each
   * (as an index built in one pass lists them). The same array until an id or a document's type
   * changes, so suggestions computed from it can be kept until then.
   */
  idsOfType(type?: DocumentType): readonly string[];
  /** Names of the files and folders directly inside a folder. */
  namesIn(dir: string): readonly string[];
  /** Facts of another document, to tell a policy from a control. */
  factsOf(path: string): DocumentFacts | undefined;
}

export interface DocumentRuleContext {
  readonly doc: ParsedDocument;
  readonly facts: DocumentFacts;
  readonly config: ResolvedConfig;
  readonly today: string;
  /** The real date, for review records a fix writes (today may be simulated). */
  readonly recordDate: string;
  readonly workspace: WorkspaceQueries;
  /** What the repository's history says about the document's body; undefined outside git, in a shallow clone, or for a file git does not track. */
  readonly history: BodyHistory | undefined;
  /** `severity` raises or lowers this finding from the rule's default, unless the config sets the rule's severity. */
  report(span: Span, message: string, extra?: { fixes?: readonly Fix[]; data?: Readonly<Record<string, string>>; severity?: Severity }): void;
}

export interface DocumentRule extends RuleInfo {
  readonly scope: 'document';
  check(ctx: DocumentRuleContext): void;
}

/** The risk register as the program-level rules see it. */
export interface RiskProgram {
  /** Documents of type risk, in any status. */
  readonly risks: number;
  /** Risks that count: readable and approved. */
  readonly counting: number;
  /** A risk that counts is of category fraud (or, stating no category, names fraud). */
  readonly fraud: boolean;
  /** Documents of type risk-assessment. */
  readonly assessments: number;
  /** The newest approved assessment dated on or before today, and the last day it is current. */
  readonly newest?: { readonly path: string; readonly date: string; readonly due: string };
  /** The newest approved assessment dated on or before the audit period's start. */
  readonly beforePeriod?: { readonly path: string; readonly date: string };
  /** With no risk document: a document whose path says it is a risk register kept another way. */
  readonly registerLike?: string;
}

export interface WorkspaceRuleContext {
  readonly config: ResolvedConfig;
  /** Problems the config loader found. */
  readonly configProblems: readonly RawFinding[];
  readonly coverage: CoverageReport;
  /** Documents read, by type, and how many are approved and reviewed. */
  readonly program: ProgramStats;
  readonly risks: RiskProgram;
  readonly today: string;
  /** Folders of the repository that could not be listed, so nothing in them was checked. */
  readonly readGaps: readonly ReadGap[];
  /** The first document (in path order) whose path matches. */
  readonly firstDocumentMatching: (pattern: RegExp) => string | undefined;
  /** How many markdown files were passed over for this reason. */
  readonly passedOverAs: (reason: PassedOver) => number;
  /** Builds the fix that creates a draft control mapping a criterion (a new file from the template). */
  readonly createControl?: (criterionId: string) => Fix;
  /** Builds the fix that lists a criterion under `not_applicable` in the config. */
  readonly scopeOut?: (criterionId: string) => Fix;
  /** Builds the fix that creates a draft vendor file from the template. */
  readonly createVendor?: () => Fix;
  /**
   * Reports on the config file (at `span`), or on the repository root when there is no config file;
   * with `path`, on that folder of the repository ('' for the root) instead, with no region.
   */
  report(span: Span | undefined, message: string, extra?: { fixes?: readonly Fix[]; data?: Readonly<Record<string, string>>; related?: readonly RelatedNote[]; path?: string }): void;
}

export interface WorkspaceRule extends RuleInfo {
  readonly scope: 'workspace';
  check(ctx: WorkspaceRuleContext): void;
}

export type Rule = DocumentRule | WorkspaceRule;

/** For rules whose findings the parser produced (frontmatter-syntax, field-invalid, document-unreadable). */
export function reportParseProblems(code: string, ctx: DocumentRuleContext): void {
  for (const p of ctx.doc.problems) {
    if (p.code === code) ctx.report(p.span, p.message, { ...(p.fixes ? { fixes: p.fixes } : {}), ...(p.data ? { data: p.data } : {}) });
  }
}

/** Where to put a finding about a field that is absent: its key if present, else the frontmatter anchor. */
export function fieldOrAnchor(doc: ParsedDocument, field: string): Span {
  const site = doc.fields.find((f) => f.field === field);
  if (site) return site.keySpan;
  return doc.frontmatter?.anchor ?? { start: 0, end: 0 };
}

/** An edit inserting a line into the frontmatter, just above its closing line. */
export function insertLineFix(doc: ParsedDocument, title: string, line: string, isPreferred = false): Fix | undefined {
  const at = doc.frontmatter?.insertAt;
  if (at === undefined || !doc.frontmatter?.ok) return undefined;
  return { title, isPreferred, changes: [{ kind: 'edit', path: doc.path, edits: [{ span: { start: at, end: at }, newText: `${line}\n` }] }] };
}
