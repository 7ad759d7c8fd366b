// The document model and findings. Plain data only (no classes, no Maps), so that a parsed
// document can be cached on disk and passed between worker threads unchanged.

/** Half-open range of UTF-16 offsets into a file's text: [start, end). */
export interface Span {
  readonly start: number;
  readonly end: number;
}

export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type SeverityOverride = Severity | 'off';

export type DocumentType = 'policy' | 'procedure' | 'control' | 'narrative' | 'vendor' | 'risk' | 'risk-assessment';
export const DOCUMENT_TYPES: readonly DocumentType[] = ['policy', 'procedure', 'control', 'narrative', 'vendor', 'risk', 'risk-assessment'];

export type DocumentStatus = 'draft' | 'approved' | 'retired';
export const DOCUMENT_STATUSES: readonly DocumentStatus[] = ['draft', 'approved', 'retired'];

export type Frequency = 'continuous' | 'daily' | 'weekly' | 'monthly' | 'quarterly' | 'semiannual' | 'annual';
export const FREQUENCIES: readonly Frequency[] = ['continuous', 'daily', 'weekly', 'monthly', 'quarterly', 'semiannual', 'annual'];

/** A named cycle or an ISO 8601 period (P6M, P90D, P1Y, P2W). */
export interface Period {
  readonly years: number;
  readonly months: number;
  readonly days: number;
}

/** A string value read from the frontmatter with where it sits. */
export interface Located<T = string> {
  readonly value: T;
  readonly span: Span;
}

/** Where a frontmatter key and its value sit. */
export interface FieldSite {
  /** The canonical field name (after aliases), e.g. `last_reviewed`. */
  readonly field: string;
  /** The key as written, e.g. `approval_date` or `majorRevisions`. */
  readonly key: string;
  readonly keySpan: Span;
  /** The value node; for an empty value, the end of the key. */
  readonly valueSpan: Span;
}

export type EvidenceSource = 'frontmatter' | 'body';

export interface EvidenceLink {
  readonly source: EvidenceSource;
  /** The target as written (path or URL). */
  readonly target: string;
  readonly kind: 'path' | 'url';
  /** The path or URL text (the list item for the short form, the `path:`/`url:` value otherwise, the link destination in the body). */
  readonly span: Span;
  /** ISO date (YYYY-MM-DD), from `date:` or read from the path. */
  readonly date?: string;
  readonly dateFrom?: 'field' | 'path';
  /** Read from the repository root rather than the document's folder (a vendor's `report:` written as `evidence/…`). */
  readonly fromRoot?: true;
  /** The `date:` value, when the date was recorded in a field. */
  readonly dateSpan?: Span;
}

/** How a list is written, so that fixes can add or replace items in the same style. */
export interface ListShape {
  readonly flow: boolean;
  readonly span: Span;
  /** Block lists: what precedes an item on its line, e.g. `  - `. */
  readonly itemPrefix?: string;
}

export type ListField = 'criteria' | 'policies' | 'controls' | 'evidence';

export type VendorCriticality = 'critical' | 'high' | 'medium' | 'low';
export const VENDOR_CRITICALITIES: readonly VendorCriticality[] = ['critical', 'high', 'medium', 'low'];

export type AssuranceType = 'soc2-type2' | 'soc2-type1' | 'iso27001' | 'pentest' | 'questionnaire';
export const ASSURANCE_TYPES: readonly AssuranceType[] = ['soc2-type2', 'soc2-type1', 'iso27001', 'pentest', 'questionnaire'];

export type AuditOpinion = 'unqualified' | 'qualified' | 'adverse' | 'disclaimer';
export const AUDIT_OPINIONS: readonly AuditOpinion[] = ['unqualified', 'qualified', 'adverse', 'disclaimer'];

/** The SOC 2 categories a vendor is relied on for, or a report examined (`processing-integrity` as written). */
export type TrustCategory = 'security' | 'availability' | 'confidentiality' | 'processing-integrity' | 'privacy';
export const TRUST_CATEGORIES: readonly TrustCategory[] = ['security', 'availability', 'confidentiality', 'processing-integrity', 'privacy'];

export type SubserviceMethod = 'carve-out' | 'inclusive';
export const SUBSERVICE_METHODS: readonly SubserviceMethod[] = ['carve-out', 'inclusive'];

/** A bridging letter: the vendor's management says nothing changed since the report's period ended. */
export interface BridgeLetter {
  /** The whole `bridge_letter:` value. */
  readonly span: Span;
  readonly date?: Located;
  /** The last day the letter speaks for. */
  readonly through?: Located;
  readonly report?: Located;
}

/** One `assurance:` entry of a vendor: a report, certificate, test or questionnaire. */
export interface AssuranceEntry {
  /** The list item. */
  readonly span: Span;
  readonly type?: Located<AssuranceType>;
  readonly periodStart?: Located;
  readonly periodEnd?: Located;
  readonly asOf?: Located;
  readonly opinion?: Located<AuditOpinion>;
  readonly categories?: readonly Located<TrustCategory>[];
  readonly report?: Located;
  readonly bridgeLetter?: BridgeLetter;
  /** What precedes the entry on its line in a block list (`  - `): fixes add entries and keys in the same style. */
  readonly itemPrefix?: string;
}

/** A complementary user entity control: what the vendor's report asks of us, and the controls that do it. */
export interface Cuec {
  /** The list item. */
  readonly span: Span;
  readonly text?: Located;
  readonly controls: readonly Located[];
}

/** What a vendor document states beyond the common fields (kept only for documents of type vendor). */
export interface VendorRecord {
  readonly criticality?: Located<VendorCriticality>;
  readonly services: readonly Located[];
  readonly reliesOn?: readonly Located<TrustCategory>[];
  readonly subservice?: Located<SubserviceMethod>;
  readonly assurance: readonly AssuranceEntry[];
  readonly cuecs: readonly Cuec[];
  /** The body has a `## Response` section (management's response to a report's exceptions). */
  readonly response?: true;
}

export type RiskCategory = 'fraud' | 'change' | 'vendor' | 'technology' | 'people' | 'legal' | 'operational' | 'other';
export const RISK_CATEGORIES: readonly RiskCategory[] = ['fraud', 'change', 'vendor', 'technology', 'people', 'legal', 'operational', 'other'];

export type RiskTreatment = 'mitigate' | 'accept' | 'transfer' | 'avoid';
export const RISK_TREATMENTS: readonly RiskTreatment[] = ['mitigate', 'accept', 'transfer', 'avoid'];

/** `inherent:` or `residual:`, `{ likelihood, impact }`; each a whole number of at least 1 (the scale is judged against the config). */
export interface RiskScore {
  /** The whole value. */
  readonly span: Span;
  readonly likelihood?: Located<number>;
  readonly impact?: Located<number>;
}

/** Management's acceptance of a risk: who, when, and until when. */
export interface RiskAcceptance {
  /** The whole `acceptance:` value. */
  readonly span: Span;
  readonly by?: Located;
  readonly date?: Located;
  readonly expires?: Located;
}

/** What a risk document states beyond the common fields (kept only for documents of type risk). */
export interface RiskRecord {
  readonly category?: Located<RiskCategory>;
  readonly inherent?: RiskScore;
  readonly residual?: RiskScore;
  readonly treatment?: Located<RiskTreatment>;
  readonly acceptance?: RiskAcceptance;
}

/** What a risk assessment states: when it was held and the risks it reviewed (kept only for documents of type risk-assessment). */
export interface AssessmentRecord {
  readonly date?: Located;
  /** The ids under `risks:`. */
  readonly risks: readonly Located[];
}

/** A criterion a mapping table gives a document. */
export interface TableMapping {
  /** The criterion. */
  readonly id: string;
  /** The file holding the table. */
  readonly from: string;
  /** Where the criterion is written in that file. */
  readonly span: Span;
}

/** A row of a mapping table: a markdown table with a column of criterion IDs (parse/tables.ts). */
export interface MappingRow {
  /** Which table of the file the row belongs to (0-based). */
  readonly table: number;
  /** Catalog criteria named in the table's ID column(s). */
  readonly criteria: readonly Located[];
  /** Link destinations in the other cells. */
  readonly links: readonly Located[];
  /** Plain text items (split at `;`, `,` and `<br>`) of the other cells, which may name documents. */
  readonly names: readonly Located[];
  /** The table sits under a heading or header that says it maps criteria (`TSC mapping`, `SOC 2`, `Criteria`). */
  readonly mappingHeading: boolean;
  /** Criterion IDs in the ID column(s) that the catalog does not have (`P1.0`): they map nothing. */
  readonly unknown?: readonly Located[];
}

/** Everything parsing one file yields; independent of the rest of the workspace. */
export interface ParsedDocument {
  /** Workspace-relative POSIX path. */
  readonly path: string;
  /** Length of the text the spans refer to. */
  readonly length: number;
  /** Offsets at which lines start, so findings can be placed without the text. */
  readonly lineStarts: readonly number[];
  /** Content hash of the text, when the host computed one (cache key). */
  readonly hash?: string;
  readonly format: 'native' | 'comply' | 'none';
  /** The frontmatter block including its delimiters, when there is one. */
  readonly frontmatter?: {
    readonly span: Span;
    /** Where to anchor findings about the document as a whole: the opening `---` line, or the first key. */
    readonly anchor: Span;
    /** Offset where a new key can be inserted (start of the line of the closing delimiter). */
    readonly insertAt: number;
    /** True when the YAML parsed into a mapping. */
    readonly ok: boolean;
  };
  readonly fields: readonly FieldSite[];
  readonly id?: Located;
  readonly type?: Located<DocumentType>;
  readonly title?: Located;
  readonly owner?: Located;
  readonly status?: Located<DocumentStatus>;
  readonly criteria: readonly Located[];
  /** Series (`CC6`) named in criteria written as text: they map nothing and are reported. */
  readonly series?: readonly Located[];
  readonly policies: readonly Located[];
  readonly controls: readonly Located[];
  readonly lastReviewed?: Located;
  /** The date the next review is due, when the document states it (`next_review`, `next_review_date`, `review_due`). */
  readonly nextReview?: Located;
  /** Who approved the document (`approver`, `approved_by`). */
  readonly approver?: Located;
  readonly reviewCycle?: Located<Period> & { readonly text: string };
  readonly frequency?: Located<Frequency>;
  readonly evidence: readonly EvidenceLink[];
  readonly lists: Readonly<Partial<Record<ListField, ListShape>>>;
  /** Problems found while parsing (frontmatter-syntax, field-invalid, document-unreadable). */
  readonly problems: readonly RawFinding[];
  /** Rows of mapping tables in the body that name documents: criteria with the documents they name. */
  readonly mappingRows?: readonly MappingRow[];
  /** The document lists references to requirements (`references:`), of SOC 2 or another framework: it is mapped, if not to SOC 2. */
  readonly references?: true;
  /** Criteria the document's own mapping tables give it (tables under a mapping heading that name no document). */
  readonly ownMappings?: readonly TableMapping[];
  /** With no title in frontmatter: the level-1 heading the body opens with (`# Access Control Policy`), a name tables may call it by. */
  readonly heading?: Located;
  /** With no frontmatter: the owner and review date the body states in its first lines (parse/bodyStatements.ts). */
  readonly statedInBody?: { readonly owner?: Located; readonly reviewed?: Located };
  /** Word counts of the title and body, for ranking criterion suggestions. Only kept for unmapped documents. */
  readonly words?: Readonly<Record<string, number>>;
  /** Vendor fields, for documents of type vendor. */
  readonly vendor?: VendorRecord;
  /** Template text (`TBD`, `[Company Name]`, `YYYY-MM-DD` where a date belongs) in an approved document's prose and frontmatter values, each at its text. */
  readonly placeholders?: readonly Located[];
  /** Risk fields, for documents of type risk. */
  readonly risk?: RiskRecord;
  /** Assessment fields, for documents of type risk-assessment. */
  readonly assessment?: AssessmentRecord;
}

/** A finding before severity overrides and location are applied. */
export interface RawFinding {
  readonly code: string;
  readonly span: Span;
  readonly message: string;
  readonly fixes?: readonly Fix[];
  /** Extra facts for editor features (e.g. the criteria an uncovered-criterion finding names). */
  readonly data?: Readonly<Record<string, string>>;
  /** Notes on places in the same file, one per item the finding groups (LSP related information). */
  readonly related?: readonly RelatedNote[];
}

export interface RelatedNote {
  readonly span: Span;
  readonly message: string;
}

export interface Finding extends RawFinding {
  /** Workspace-relative path of the file the finding sits in; '' for the repository root. */
  readonly path: string;
  readonly severity: Severity;
  /** False for findings on the repository root (no config file), which have no region. */
  readonly hasRegion: boolean;
}

export interface TextEdit {
  readonly span: Span;
  readonly newText: string;
}

export type FileChange =
  | { readonly kind: 'edit'; readonly path: string; readonly edits: readonly TextEdit[] }
  | { readonly kind: 'create'; readonly path: string; readonly content: string };

export interface Fix {
  readonly title: string;
  readonly changes: readonly FileChange[];
  readonly isPreferred?: boolean;
}

/** A folder (root-relative, '' for the root) the walk could not list, and why: an errno code or a sentence. */
export interface ReadGap {
  readonly path: string;
  readonly message: string;
}
