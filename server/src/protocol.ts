// Custom requests and notifications shared by the server and the VS Code client. Only protocol types:
// the client imports this file without pulling in the server.

import { NotificationType, RequestType, type WorkspaceEdit } from 'vscode-languageserver-protocol';
import type { CoverageCounts, CoverageState } from './core/coverage/states';

/** The core's coverage states (a type only: nothing of the server is bundled with the client through it). */
export type CoverageStateName = CoverageState;

export interface EvidenceNode {
  readonly target: string;
  /** Set for local files inside the workspace and for URLs. */
  readonly uri?: string;
  readonly state: 'exists' | 'missing' | 'outside' | 'url';
  readonly date?: string;
  /** `inferred`: the date was read from the path (2026-Q2, 2026-06), not recorded in a `date:` field. */
  readonly dateSource?: 'recorded' | 'inferred';
}

export interface DocumentNode {
  readonly id: string;
  readonly title: string;
  readonly type: string;
  readonly uri: string;
  /** Zero-based line of the frontmatter (where a click lands). */
  readonly line: number;
  /** The state this document alone earns the criterion. */
  readonly state: CoverageStateName;
  /** Why it earns that state, in the matrix's words. */
  readonly reason: string;
  readonly evidence: readonly EvidenceNode[];
}

export interface CriterionNode {
  readonly id: string;
  readonly title: string;
  readonly explanation: string;
  readonly state: CoverageStateName;
  /** Why the criterion has its state ("claimed: POL-ACCESS is a policy; …"), in the matrix's words. */
  readonly reason: string;
  readonly justification?: string;
  readonly documents: readonly DocumentNode[];
  /** Ids of the critical or high vendors whose findings hold it at stale at best (CC9.2). */
  readonly heldBy?: readonly string[];
}

export interface SeriesNode {
  readonly id: string;
  readonly title: string;
  /** Criteria covered, out of `applicable`: in scope and not scoped out (the `6/7` every view shows). */
  readonly covered: number;
  readonly applicable: number;
  readonly criteria: readonly CriterionNode[];
}

export interface CategoryNode {
  readonly id: string;
  readonly title: string;
  readonly series: readonly SeriesNode[];
}

/** Criteria in scope by state; `covered` out of `inScope - notApplicable` is the count every view shows. */
export type CoverageSummaryData = CoverageCounts;

/** One Type II period slot of a control: a record in it, none though it has ended, or not ended yet. */
export interface CalendarSlotNode {
  readonly label: string;
  readonly start: string;
  readonly end: string;
  readonly status: 'filled' | 'missing' | 'not yet due';
  /** The records that fill it. */
  readonly evidence: readonly string[];
}

export interface ControlCalendarNode {
  readonly id: string;
  readonly title: string;
  readonly uri: string;
  readonly line: number;
  readonly frequency: string;
  readonly slots: readonly CalendarSlotNode[];
}

/** A risk as the tree and the report show it. */
export interface RiskNode {
  readonly id: string;
  readonly title: string;
  readonly uri: string;
  readonly line: number;
  readonly status: string;
  readonly category?: string;
  readonly treatment?: string;
  readonly inherent?: { readonly likelihood: number; readonly impact: number; readonly score: number };
  readonly residual?: { readonly likelihood: number; readonly impact: number; readonly score: number };
  readonly aboveTolerance: boolean;
  /** An acceptance is needed and none that says who and when is recorded, or it has expired. */
  readonly acceptanceGap: boolean;
  readonly lastAssessment?: { readonly id: string; readonly date: string; readonly current: boolean };
}

/** The register: every risk (above tolerance first, then by residual score) and the two heat maps, each cell the ids of the approved risks scored there. */
export interface RiskRegisterNode {
  readonly scale: number;
  readonly tolerance: number;
  readonly risks: readonly RiskNode[];
  /** `[likelihood - 1][impact - 1]` → risk ids. */
  readonly inherent: readonly (readonly (readonly string[])[])[];
  readonly residual: readonly (readonly (readonly string[])[])[];
}

export interface FolderCoverage {
  readonly name: string;
  readonly uri: string;
  readonly configUri?: string;
  readonly today: string;
  /** False while the folder is still being indexed: its counts and states are not yet true. */
  readonly complete: boolean;
  readonly documentCount: number;
  /** How far indexing has got, while it runs. */
  readonly progress?: IndexProgressData;
  /** What the server read: documents by type and markdown files passed over, in words. */
  readonly reading?: string;
  readonly summary: CoverageSummaryData;
  readonly categories: readonly CategoryNode[];
  /** Type II with a period: the observation period and each approved control's row of slots. */
  readonly period?: { readonly start: string; readonly end: string };
  readonly calendar?: readonly ControlCalendarNode[];
  /** The vendor documents by criticality, critical first; absent when there is none. */
  readonly vendors?: readonly VendorGroupNode[];
  /** The risk register, when the folder has risk documents. */
  readonly risks?: RiskRegisterNode;
}

export interface VendorFindingNode {
  readonly code: string;
  readonly severity: 'error' | 'warning' | 'info' | 'hint';
  readonly message: string;
  /** Zero-based line of the finding. */
  readonly line: number;
}

export interface VendorNode {
  readonly id: string;
  readonly title: string;
  readonly uri: string;
  /** Zero-based line of the frontmatter. */
  readonly line: number;
  readonly criticality: string;
  readonly status: string;
  /** The newest report in a few words: "SOC 2 Type II · period end 2025-12-31 · 10 months". */
  readonly report: string;
  /** Its type (soc2-type2, …), period end or as-of date and age in months; absent when none is recorded. */
  readonly reportType?: string;
  readonly reportDate?: string;
  readonly reportAgeMonths?: number;
  /** The review, in words (last reviewed, next due). */
  readonly review: string;
  readonly findings: readonly VendorFindingNode[];
}

export interface VendorGroupNode {
  readonly criticality: string;
  readonly vendors: readonly VendorNode[];
}

export interface CoverageTreeResult {
  readonly folders: readonly FolderCoverage[];
}

export interface FolderParams {
  /** A workspace folder URI; every folder when absent. */
  readonly folder?: string;
}

export const CoverageTreeRequest = new RequestType<FolderParams, CoverageTreeResult, void>('complianceDocs/coverageTree');

export interface ReviewItem {
  readonly id: string;
  readonly title: string;
  readonly type: string;
  readonly uri: string;
  readonly line: number;
  readonly lastReviewed?: string;
  readonly due?: string;
  /** Days until due; negative when overdue. */
  readonly daysLeft?: number;
  /** `unreadable`: the frontmatter is missing or does not parse, so the review date cannot be read (see `reason`). */
  readonly state: 'overdue' | 'due-soon' | 'current' | 'missing' | 'future' | 'unreadable';
  readonly cycle: string;
  /** The document's owner, or the config's `defaults.owner`. */
  readonly owner?: string;
  /** Why an unreadable document has no review date, and what to do. */
  readonly reason?: string;
}

export interface ReviewScheduleResult {
  readonly today: string;
  readonly items: readonly ReviewItem[];
}

export const ReviewScheduleRequest = new RequestType<FolderParams, ReviewScheduleResult, void>('complianceDocs/reviewSchedule');

export type ReportFormat = 'md' | 'csv' | 'html' | 'json' | 'xlsx';

export interface ReportParams {
  /** A workspace folder URI; the first folder when absent. */
  readonly folder?: string;
  readonly format: ReportFormat;
}

export interface ReportResult {
  /** The file's text, or its bytes in base64 when `encoding` is `base64` (xlsx). */
  readonly content: string;
  readonly encoding?: 'base64';
  readonly folderName: string;
}

export const ReportRequest = new RequestType<ReportParams, ReportResult, void>('complianceDocs/report');

export interface NewDocumentParams {
  readonly folder?: string;
  readonly type: 'policy' | 'procedure' | 'control';
  readonly id: string;
  readonly title: string;
  readonly criteria?: readonly string[];
}

export interface NewDocumentResult {
  /** Where the new document goes (it does not exist yet). */
  readonly uri: string;
  readonly content: string;
}

export const NewDocumentRequest = new RequestType<NewDocumentParams, NewDocumentResult, void>('complianceDocs/newDocument');

export type InitConfigResult =
  /** The folder already has a config: open it. */
  | { readonly existing: string }
  /**
   * The files `init` writes there: the config that reads the documents found (`detected`), or a
   * starter config, policy and control; none exists yet. `found` says what was read.
   */
  | { readonly files: ReadonlyArray<{ readonly uri: string; readonly content: string }>; readonly found: readonly string[]; readonly detected: boolean };

/** What `compliance-docs init` would write in a folder, computed from the server's index of it. */
export const InitConfigRequest = new RequestType<FolderParams, InitConfigResult, void>('complianceDocs/initConfig');

export interface MarkReviewedParams {
  readonly uri: string;
}

/** The edit that sets the review date to today, or null when the document has no frontmatter to edit. */
export const MarkReviewedRequest = new RequestType<MarkReviewedParams, WorkspaceEdit | null, void>('complianceDocs/markReviewed');

export interface IndexChangedParams {
  readonly version: number;
  readonly complete: boolean;
  readonly documentCount: number;
}

/** Sent by the server whenever coverage or the review schedule may have changed. */
export const IndexChangedNotification = new NotificationType<IndexChangedParams>('complianceDocs/indexChanged');

export interface IndexProgressData {
  /** Listing the folder's files, reading its documents, or done. */
  readonly stage: 'listing' | 'reading' | 'done';
  /** Documents read so far. */
  readonly read: number;
  /** Documents to read, once the listing is known. */
  readonly total?: number;
}

export interface IndexProgressParams extends IndexProgressData {
  /** The workspace folder's URI and name. */
  readonly folder: string;
  readonly name: string;
}

/**
 * Indexing progress of a folder, at most a few times a second, with the same counts as the LSP
 * work-done progress the server reports: for views that show it beside the coverage.
 */
export const IndexProgressNotification = new NotificationType<IndexProgressParams>('complianceDocs/indexProgress');

/** Settings the client passes in initializationOptions and workspace/configuration (section complianceDocs). */
export interface ServerSettings {
  /** Check as of this date (YYYY-MM-DD) instead of today. */
  readonly today?: string;
  /** Where the parse cache lives (the extension's workspace storage). */
  readonly cacheDir?: string;
}
