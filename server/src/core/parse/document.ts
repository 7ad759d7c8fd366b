// One markdown file → ParsedDocument: frontmatter fields with their exact source ranges, and the local
// links of the body. Independent of every other file and of everything in the config but `fields:`.

import picomatch from 'picomatch/posix';
import { tokenize } from '../catalog/catalog';
import { ambiguousDate, cycleWithinLimit, dateFromPath, MAX_CYCLE_YEARS, parseAnyDate, parseCycle, parseReviewDate, parseWordedCycle } from '../dates';
import { own } from '../own';
import {
  DOCUMENT_STATUSES,
  DOCUMENT_TYPES,
  FREQUENCIES,
  type DocumentStatus,
  type DocumentType,
  type EvidenceLink,
  type FieldSite,
  type Fix,
  type Frequency,
  type ListField,
  type ListShape,
  type Located,
  type MappingRow,
  type ParsedDocument,
  type VendorRecord,
  type AssessmentRecord,
  type RiskRecord,
  type RawFinding,
  type TableMapping,
  type Span,
} from '../model/types';
import { isWebUrl, nameWords, stem } from '../paths';
import { computeLineStarts } from '../text/lines';
import { nearest } from '../text/similar';
import { bodyStatements } from './bodyStatements';
import { criteriaInText, isSingleToken } from './criteriaText';
import { findFrontmatter, type FrontmatterBlock } from './frontmatter';
import { idShapeProblem } from './idShape';
import { remarkLinks, scanLinks, type MarkdownLink } from './links';
import { findPlaceholders } from './placeholders';
import { labelledCriteria, mappingListCriteria } from './mappingLists';
import { mappingRows, type TableRow } from './tables';
import { readAssessment, readRisk } from './risk';
import { readVendor } from './vendor';
import { describeNode, isAlias, isMap, isNullNode, isScalar, isSeq, keyText, parseYaml, scalarText, spanOf, valueSpanOf, type Node, type Pair, type YamlNode } from './yaml';

export const CANONICAL_FIELDS = ['id', 'type', 'title', 'owner', 'status', 'criteria', 'policies', 'controls', 'last_reviewed', 'review_cycle', 'frequency', 'evidence'] as const;
export type CanonicalField = (typeof CANONICAL_FIELDS)[number];

export type FieldAliases = Readonly<Partial<Record<CanonicalField, readonly string[]>>>;

/**
 * `types:` from the config. Globs over workspace-relative paths (first match wins) and foreign type
 * values (normalised as typeValueKey does) onto document types.
 */
export interface TypeMapping {
  readonly globs: ReadonlyArray<{ readonly glob: string; readonly type: DocumentType }>;
  readonly values: ReadonlyArray<readonly [string, DocumentType]>;
}

/** What of the config the parse depends on; it travels to workers and keys the parse cache, so it is plain data. */
export interface ParseSettings {
  /** `fields:` from the config: for each field, the keys that may hold it, first present wins. */
  readonly fields?: FieldAliases;
  /** `types:` from the config. */
  readonly types?: TypeMapping;
}

export interface ParseOptions extends ParseSettings {
  /** The reference path: remark for the body's links and `yaml` for every frontmatter, no fast readers. */
  readonly fullParse?: boolean;
}

/** Lists of dated entries whose latest date is the last review, as comply's `majorRevisions` is. */
const REVISION_LISTS = ['review_history', 'reviews', 'revision_history', 'revisions', 'version_history', 'change_history', 'document_history', 'approval_history'];

/** Whether the review date is read from a list of dated entries under this key (`majorRevisions`, `revision_history`). */
export function isRevisionKey(key: string): boolean {
  return key === 'majorRevisions' || REVISION_LISTS.includes(foldKey(key));
}

/**
 * Maps that hold a document's fields one level down (`metadata: {owner: …, last_reviewed: …}`,
 * `document_control: {…}`): their keys are read as if they stood at the top, after the top's own.
 */
const CONTAINER_KEYS: ReadonlySet<string> = new Set(['metadata', 'meta', 'document', 'document_control', 'doc_control', 'document_info', 'document_information', 'document_metadata', 'properties', 'governance', 'lifecycle']);

/** `review: {last: 2026-06-01, next: 2027-06-01, cycle: annual}`: its keys, as the fields they are. */
const REVIEW_CONTAINER_KEYS: Readonly<Record<string, string>> = {
  last: 'last_reviewed', last_reviewed: 'last_reviewed', last_review: 'last_reviewed', date: 'last_reviewed', completed: 'last_reviewed', reviewed: 'last_reviewed', reviewed_on: 'last_reviewed',
  next: 'next_review', next_review: 'next_review', due: 'next_review',
  cycle: 'review_cycle', frequency: 'review_cycle', interval: 'review_cycle',
};

/**
 * The frontmatter's pairs with those of its containers after them, each with the key it is looked up
 * by and the key as the messages name it (`review.last`).
 */
function flattenedPairs(pairs: Pair[]): { pairs: Pair[]; keys: Array<string | undefined>; names: Array<string | undefined> } {
  const keys = pairs.map(keyText);
  let out: { pairs: Pair[]; keys: Array<string | undefined>; names: Array<string | undefined> } | undefined;
  for (let i = 0; i < pairs.length; i++) {
    const key = keys[i];
    const value = pairs[i].value as YamlNode;
    if (key === undefined || !isMap(value)) continue;
    const folded = foldKey(key);
    const review = folded === 'review';
    if (!review && !CONTAINER_KEYS.has(folded)) continue;
    out ??= { pairs: [...pairs], keys: [...keys], names: [...keys] };
    for (const pair of value.items as Pair[]) {
      const sub = keyText(pair);
      if (sub === undefined) continue;
      const as = review ? REVIEW_CONTAINER_KEYS[foldKey(sub)] : sub;
      if (as === undefined) continue;
      out.pairs.push(pair);
      out.keys.push(as);
      out.names.push(`${key}.${sub}`);
    }
  }
  return out ?? { pairs, keys, names: keys };
}

/** comply's keys, read when the canonical keys (and their aliases) are absent. */
const COMPLY_FALLBACK: Readonly<Partial<Record<CanonicalField, string>>> = {
  id: 'acronym',
  title: 'name',
  criteria: 'satisfies',
  last_reviewed: 'majorRevisions',
};

/**
 * The folders a `<kind>_id` is the document's own id in: elsewhere it names the policy or control the
 * document belongs to (a procedure's `control_id`, a control's `policy_id`), and is not taken.
 */
const ID_FOLDERS: Readonly<Record<string, string>> = {
  control_id: 'controls',
  policy_id: 'policies',
  procedure_id: 'procedures',
  standard_id: 'standards',
  risk_id: 'risks',
  vendor_id: 'vendors',
};

/** Whether a foreign id key names the document itself: the only `…_id` key, and a kind's key only in a folder of that kind. */
function ownIdKey(key: string, keys: ReadonlyArray<string | undefined>, path: string): boolean {
  if (keys.filter((k) => k !== undefined && k.endsWith('_id')).length > 1) return false;
  const folder = ID_FOLDERS[key];
  return folder === undefined || path.toLowerCase().split('/').slice(0, -1).some((d) => d.endsWith(folder));
}

const FOREIGN_IDS = [...Object.keys(ID_FOLDERS), 'document_id', 'doc_id'];

/**
 * The keys programs written for other tools (or by hand) use for each field, read without any
 * configuration, in order of trust. The canonical name and comply's keys are read strictly (a bad
 * value is a finding); the others only when their value means what the field means, so that
 * `approved: true` or `reviewed: yes` is never taken for a date.
 */
const FOREIGN_KEYS: Readonly<Partial<Record<CanonicalField, readonly string[]>>> = {
  // Read only when it names the document itself (ownIdKey): a standard with `standard_id` and
  // `policy_id`, or a process with `process_id` and `policy_id`, names its parent policy by the second.
  id: FOREIGN_IDS,
  type: ['doc_type', 'document_type', 'kind', 'category', 'document_category', 'doc_category'],
  owner: ['owners', 'policy_owner', 'document_owner', 'owner_group', 'owner_team', 'owner_role', 'process_owner', 'control_owner', 'accountable', 'accountable_owner', 'responsible', 'responsible_party', 'maintainer', 'maintainers', 'document_maintainer', 'sme'],
  criteria: ['tsc', 'tsc_criteria', 'soc2', 'soc_2', 'soc2_criteria', 'mappings'],
  last_reviewed: ['last_review', 'last_review_date', 'last_reviewed_date', 'last_reviewed_on', 'reviewed_on', 'date_reviewed', 'reviewed', 'review_date', 'last_updated', 'approval_date', 'last_approved', 'last_approval_date', 'approved_on', 'date_approved', 'approved', 'approved_date', 'effective_date', 'effective', 'reviewed_at', 'last_reviewed_at', 'last_modified', ...REVISION_LISTS],
  review_cycle: ['review_frequency'],
};

/** Fields that are not part of the native schema, read under these keys (first present wins). */
const EXTRA_KEYS = {
  nextReview: ['next_review', 'next_review_date', 'review_due', 'next_review_due'],
  approver: ['approver', 'approved_by', 'approvers'],
  references: ['references', 'frameworks', 'compliance'],
} as const;

/**
 * Keys holding what a document relates to, by kind (`related: { standards: [SOC 2 CC6.1–CC6.4, ISO
 * 27001 A.9], controls: [SOC 2 CC3.1, CC3.2], procedures: […] }`): criteria are read from the kinds
 * that name frameworks, and from the others' items that name `SOC 2` (or TSC) beside the IDs.
 */
const RELATED_KEYS: ReadonlySet<string> = new Set(['related', 'relations', 'related_to']);
const RELATED_FRAMEWORK_KEYS: ReadonlySet<string> = new Set(['standards', 'frameworks', 'framework', 'compliance', 'references', 'regulations']);

/**
 * A key that names SOC 2's criteria however it is spelt (`trust_services_criteria`, `soc2_controls`,
 * `soc2_tsc`, `applicable_criteria`, `soc_2_type_ii_criteria`): its value's IDs map, as text.
 */
const SOC2_CRITERIA_KEY = /^(?:aicpa_)?(?:soc_?2|tsc|trust_services?(?:_criteria)?)(?:_(?:type_?(?:i|ii|1|2)|criteria|criterion|controls?|tsc|mappings?|ids?|refs?|references?|requirements?|points?_of_focus|\d{4}))+$|^(?:applicable|mapped|relevant)_(?:soc_?2_)?(?:tsc|criteria|trust_services_criteria)$/;

/**
 * A key or value naming SOC 2 itself once folded (`soc2`, `SOC 2 Type II`, `TSC`, `TSC 2017`,
 * `TSC2017`, `SOC2 TSC`, `AICPA TSC 2017`, `Trust Services Criteria`): comply's `satisfies:` key
 * for the standard, and a framework's entry in a map or list by framework.
 */
const SOC2_NAME = /^(?:aicpa_)?(?:soc_?2|tsc|trust_services?(?:_criteria)?)(?:_?(?:type_?(?:i|ii|1|2)|tsc|\d{4}|\(tsc\)))*$/;

/** Whether a map key names SOC 2 (SOC2_NAME, however the key is written). */
function namesSoc2(pair: Pair): boolean {
  return SOC2_NAME.test(foldKey(keyText(pair) ?? ''));
}

/**
 * Keys that map a document to frameworks by name (`compliance: {soc2: [CC6.1], iso27001: [A.5.15]}`,
 * `frameworks: [{name: SOC 2, controls: [CC6.1]}]`): SOC 2's entries map; another framework's show
 * the document is mapped, if not to SOC 2.
 */
const FRAMEWORK_MAP_KEYS: ReadonlySet<string> = new Set(['references', 'frameworks', 'framework', 'compliance', 'compliance_mapping', 'compliance_mappings', 'framework_mapping', 'framework_mappings', 'standards', 'regulations', 'requirements', 'control_mapping', 'control_mappings', 'mappings']);

/** Keys of an item of such a list that name its framework (`name: SOC 2`). */
const FRAMEWORK_NAME_KEYS: ReadonlySet<string> = new Set(['framework', 'name', 'standard', 'id', 'type', 'source']);

/** Keys of free labels, whose items may be criterion IDs (`tags: [soc2, CC6.1]`): only items that are one ID are read. */
const TAG_KEYS: ReadonlySet<string> = new Set(['tags', 'labels', 'keywords']);
const TAG_ID = /^(?:(?:soc ?2|tsc)[\s:/_-]*)?(?:CC|PI|A|C|P)\d{1,2}\.\d{1,2}$/i;

const KNOWN_COMPLY_KEYS = new Set(['name', 'acronym', 'satisfies', 'majorRevisions', 'id', 'title', 'type', 'owner', 'criteria', 'status']);

/** Words that name a kind of document, in folder names, file names and foreign type values. */
const TYPE_WORDS = new Map<string, DocumentType>([
  ['policies', 'policy'],
  ['policy', 'policy'],
  ['standards', 'policy'],
  ['standard', 'policy'],
  ['procedures', 'procedure'],
  ['procedure', 'procedure'],
  ['plans', 'procedure'],
  ['plan', 'procedure'],
  ['runbooks', 'procedure'],
  ['runbook', 'procedure'],
  ['playbooks', 'procedure'],
  ['playbook', 'procedure'],
  ['sops', 'procedure'],
  ['sop', 'procedure'],
  ['controls', 'control'],
  ['control', 'control'],
  ['narratives', 'narrative'],
  ['narrative', 'narrative'],
  ['vendors', 'vendor'],
  ['vendor', 'vendor'],
  ['risks', 'risk'],
  ['risk', 'risk'],
]);

/** Foreign `doc_type` / `kind` values: a standard counts as a policy; a plan, runbook or register as a procedure. */
const TYPE_VALUES = new Map<string, DocumentType>([
  ...TYPE_WORDS,
  ['register', 'procedure'],
  ['guideline', 'policy'],
  ['guidelines', 'policy'],
]);

const STATUS_SYNONYMS = new Map<string, DocumentStatus>([
  ['approved', 'approved'],
  ['published', 'approved'],
  ['active', 'approved'],
  ['final', 'approved'],
  ['effective', 'approved'],
  ['in effect', 'approved'],
  ['released', 'approved'],
  ['ratified', 'approved'],
  ['adopted', 'approved'],
  ['current', 'approved'],
  ['live', 'approved'],
  ['in force', 'approved'],
  ['signed', 'approved'],
  ['signed off', 'approved'],
  ['issued', 'approved'],
  ['endorsed', 'approved'],
  ['draft', 'draft'],
  ['in draft', 'draft'],
  ['in progress', 'draft'],
  ['under development', 'draft'],
  ['not started', 'draft'],
  ['planned', 'draft'],
  ['awaiting approval', 'draft'],
  ['for review', 'draft'],
  ['needs review', 'draft'],
  ['stub', 'draft'],
  ['in review', 'draft'],
  ['under review', 'draft'],
  ['review', 'draft'],
  ['proposed', 'draft'],
  ['pending', 'draft'],
  ['pending approval', 'draft'],
  ['wip', 'draft'],
  ['retired', 'retired'],
  ['superseded', 'retired'],
  ['archived', 'retired'],
  ['deprecated', 'retired'],
  ['obsolete', 'retired'],
  ['withdrawn', 'retired'],
  ['inactive', 'retired'],
  ['expired', 'retired'],
  ['revoked', 'retired'],
  ['discontinued', 'retired'],
  ['replaced', 'retired'],
]);

/** A status with its version or date after it (`Approved – v2.1`, `Final (1.0)`, `Draft 0.3`, `Approved 2026-03-01`). */
const STATUS_WITH_VERSION = /^([a-z][a-z ]*?)[\s–—:,(-]+(?:v(?:ersion)?\.?\s*)?\d[\d./-]*[a-z]?\)?$/;

/** A status value in any case, with `-` and `_` read as spaces. */
export function statusOf(value: string): DocumentStatus | undefined {
  const lower = value.trim().toLowerCase();
  const exact = STATUS_SYNONYMS.get(lower.replace(/[\s_-]+/g, ' '));
  if (exact || lower.length > 60) return exact;
  const m = STATUS_WITH_VERSION.exec(lower);
  return m ? STATUS_SYNONYMS.get(m[1].trim().replace(/\s+/g, ' ')) : undefined;
}

/** The document type a foreign value names (`Policy`, `Standard`, `Runbook`), in any case. */
export function typeOfValue(value: string): DocumentType | undefined {
  const lower = value.trim().toLowerCase();
  const exact = TYPE_VALUES.get(lower) ?? (lower === 'risk assessment' ? 'risk-assessment' : undefined);
  if (exact || lower.length > 60) return exact;
  // A kind named with what it is about or written as (`Security Policy`, `Policy Document`,
  // `Standard Operating Procedure`, `Control Narrative`): the kind its last words name, in three words at most.
  const words = lower.split(/[^a-z]+/).filter((w) => w !== '');
  while (words.length > 1 && GENERIC_TYPE_WORDS.has(words[words.length - 1])) words.pop();
  if (words.length === 0 || words.length > 3) return undefined;
  return TYPE_VALUES.get(words[words.length - 1]);
}

/** Words after a kind that say only that it is written down (`Policy Document`). */
const GENERIC_TYPE_WORDS: ReadonlySet<string> = new Set(['document', 'doc', 'documentation', 'statement', 'file', 'page', 'template']);

/** A type value as `types:` matches it: in any case, with `-`, `_` and runs of spaces alike. */
export function typeValueKey(value: string): string {
  return value.trim().toLowerCase().replace(/[\s_-]+/g, ' ');
}

interface CompiledTypes {
  readonly globs: ReadonlyArray<readonly [(path: string) => boolean, DocumentType]>;
  readonly values: ReadonlyMap<string, DocumentType>;
}

const compiledTypes = new WeakMap<TypeMapping, CompiledTypes>();

function compileTypes(types: TypeMapping): CompiledTypes {
  let c = compiledTypes.get(types);
  if (!c) {
    c = { globs: types.globs.map((g) => [picomatch(g.glob, { dot: true }), g.type] as const), values: new Map(types.values) };
    compiledTypes.set(types, c);
  }
  return c;
}

/** The type the first matching glob of `types:` gives a path. */
export function typeFromGlobs(types: TypeMapping | undefined, path: string): DocumentType | undefined {
  if (!types || types.globs.length === 0) return undefined;
  for (const [match, type] of compileTypes(types).globs) if (match(path)) return type;
  return undefined;
}
const FREQUENCY_SYNONYMS: Readonly<Record<string, Frequency>> = {
  continuous: 'continuous',
  continuously: 'continuous',
  daily: 'daily',
  weekly: 'weekly',
  monthly: 'monthly',
  quarterly: 'quarterly',
  semiannual: 'semiannual',
  'semi-annual': 'semiannual',
  semiannually: 'semiannual',
  'semi-annually': 'semiannual',
  annual: 'annual',
  annually: 'annual',
  yearly: 'annual',
};

/** Words that type a name they end (`Access-Control-Policy`); `access-control` is a topic, not a control. */
const TYPE_SUFFIXES = new Set(['policy', 'standard', 'procedure', 'sop', 'runbook', 'playbook', 'narrative']);

/**
 * The type a folder or file name implies: the name itself (`policies`, `control`); for a folder, the
 * first plural type word in it (`security-policies`, `Policies & Procedures`) or a singular one before
 * a word for documents (`policy-documents`); for a file, a singular one that ends it
 * (`Access-Control-Policy`).
 */
function typeOfName(name: string, file = false): DocumentType | undefined {
  const exact = TYPE_WORDS.get(name.toLowerCase());
  if (exact) return exact;
  const words = nameWords(name);
  if (file) {
    const w = words[words.length - 1];
    return TYPE_SUFFIXES.has(w) ? TYPE_WORDS.get(w) : undefined;
  }
  for (let i = 0; i < words.length; i++) {
    const t = TYPE_WORDS.get(words[i]);
    if (t && (words[i].endsWith('s') || (i + 1 < words.length && DOCUMENTS_WORDS.has(words[i + 1])))) return t;
  }
  return undefined;
}

const DOCUMENTS_WORDS: ReadonlySet<string> = new Set(['docs', 'documents', 'documentation', 'library']);

/** Whether a folder's name names two kinds (`policies-and-procedures`): its files' own names say which each is. */
function namesTwoKinds(name: string): boolean {
  let first: DocumentType | undefined;
  for (const w of nameWords(name)) {
    const t = w.endsWith('s') ? TYPE_WORDS.get(w) : undefined;
    if (t === undefined) continue;
    if (first === undefined) first = t;
    else if (t !== first) return true;
  }
  return false;
}

/** Whether a value has a word that names a kind of document (`security-standard`, `SOP procedure`). */
function namesDocumentKind(value: string): boolean {
  return nameWords(value, /[^a-z]+/).some((w) => TYPE_WORDS.has(w));
}

/** Folders of documents no longer in force, and of documents not yet approved. */
const RETIRED_NAMES = 'archives?|archived|retired|superseded|deprecated|obsolete';
const DRAFT_NAMES = 'drafts?|wip|work[-_ ]in[-_ ]progress|proposed|in[-_ ]review';
const folderPattern = (names: string): RegExp => new RegExp(`(?:^|/)(?:${names})/`, 'i');

/**
 * A folder on the path holds what is kept beside the documents, not documents: reference material,
 * attachments, records, archives, examples, assets; or tooling, in a hidden folder (`.github`, `.claude`).
 */
export function inMaterialFolder(path: string): boolean {
  return MATERIAL_FOLDER.test(path);
}

const MATERIAL_FOLDER = folderPattern(`\\.[^/]+|references?|attachments?|acknowledge?ments|records|${RETIRED_NAMES}|examples?|samples?|assets|images|img`);

/** A folder on the path keeps documents no longer in force: one there that states no status is retired. */
export function inRetiredFolder(path: string): boolean {
  return RETIRED_FOLDER.test(path);
}

const RETIRED_FOLDER = folderPattern(RETIRED_NAMES);

/** A folder on the path keeps documents not yet approved: one there that states no status is a draft. */
export function inDraftFolder(path: string): boolean {
  return DRAFT_FOLDER.test(path);
}

const DRAFT_FOLDER = folderPattern(DRAFT_NAMES);

const folderTypes = new Map<string, DocumentType | null>();

/** The document type a folder implies: the deepest folder whose name says policies, controls, … wins. */
export function typeFromFolder(path: string): DocumentType | undefined {
  return typedFolderOf(path)?.type;
}

/** The nearest folder on the path whose name implies a type: the folder's name and the type. */
function typedFolderOf(path: string): { readonly name: string; readonly type: DocumentType } | undefined {
  let end = path.lastIndexOf('/');
  while (end > 0) {
    const start = path.lastIndexOf('/', end - 1) + 1;
    const seg = path.slice(start, end);
    let t = folderTypes.get(seg);
    if (t === undefined) {
      if (folderTypes.size > 10_000) folderTypes.clear();
      folderTypes.set(seg, (t = typeOfName(seg) ?? null));
    }
    if (t) return { name: seg, type: t };
    end = start - 1;
  }
  return undefined;
}

/**
 * Whether a file's name says it is a document: a topic, then the singular word for its kind
 * (`Access-Control-Policy.md`, `secure_coding_policy.md`, `Backup-Procedure.md`). A bare kind
 * (`policy.md`, `vendors.md`) or a kind elsewhere in the name (`policy-ideas.md`) does not.
 */
export function namedAsDocument(path: string): boolean {
  const words = nameWords(stem(path)).filter((w) => w !== '');
  return words.length >= 2 && TYPE_SUFFIXES.has(words[words.length - 1]);
}

/** The document type the path implies: its folder, else its file name (`Access-Control-Policy.md`). */
export function typeFromPath(path: string): DocumentType | undefined {
  const folder = typedFolderOf(path);
  // A `vendors/` or `risks/` folder may also hold the policy for them, and a `policies-and-procedures/`
  // folder holds both: a file named for its type keeps it.
  if (folder === undefined) return typeOfName(stem(path), true);
  if (folder.type === 'vendor' || folder.type === 'risk' || namesTwoKinds(folder.name)) return typeOfName(stem(path), true) ?? folder.type;
  return folder.type;
}

interface Builder {
  /** Offset of the YAML text in the file; YAML node ranges are relative to it. */
  base: number;
  text: string;
  lists: Partial<Record<ListField, ListShape>>;
  fields: FieldSite[];
  problems: RawFinding[];
  id?: Located;
  type?: Located<DocumentType>;
  /** The document names a type of this product (`type: policy`), or a value `types:` maps: no glob overrides it. */
  typeStated?: true;
  /** `types:` values from the config. */
  typeValues?: ReadonlyMap<string, DocumentType>;
  title?: Located;
  owner?: Located;
  status?: Located<DocumentStatus>;
  criteria: Located[];
  series: Located[];
  policies: Located[];
  controls: Located[];
  lastReviewed?: Located;
  nextReview?: Located;
  approver?: Located;
  references?: true;
  reviewCycle?: ParsedDocument['reviewCycle'];
  frequency?: Located<Frequency>;
  evidence: EvidenceLink[];
}

function invalid(b: Builder, span: Span, message: string, fixes?: Fix[]): void {
  b.problems.push({ code: 'field-invalid', span, message, ...(fixes ? { fixes } : {}) });
}

export function parseComplianceDocument(path: string, text: string, options: ParseOptions = {}): ParsedDocument {
  const block = findFrontmatter(text);
  const b: Builder = { base: 'yaml' in block ? block.yaml.start : 0, text, lists: {}, fields: [], problems: [], criteria: [], series: [], policies: [], controls: [], evidence: [] };
  if (options.types && options.types.values.length > 0) b.typeValues = compileTypes(options.types).values;
  let format: ParsedDocument['format'] = 'none';
  let frontmatter: ParsedDocument['frontmatter'];
  let bodyStart = block.bodyStart;
  let pairs: Pair[] | undefined;

  if (block.kind !== 'none') {
    const yamlText = text.slice(block.yaml.start, block.yaml.end);
    const parsed = parseYaml(yamlText, block.yaml.start, { fast: options.fullParse !== true });
    const contents = parsed.contents;
    const accepted = block.kind === 'native' || isComplyFrontmatter(contents, yamlText, parsed.errors.length > 0);
    if (accepted) {
      format = block.kind;
      const anchor = anchorOf(block, text);
      const insertAt = block.kind === 'native' && block.close === undefined ? block.yaml.end : (block.close as Span).start;
      let ok = parsed.errors.length === 0;
      if (block.kind === 'native' && block.close === undefined) {
        ok = false;
        b.problems.push({ code: 'frontmatter-syntax', span: block.open, message: 'The frontmatter that starts here is never closed. Add a `---` line after its last key.' });
      } else if (parsed.errors.length > 0) {
        const e = parsed.errors[0];
        const more = parsed.errors.length > 1 ? ` (and ${parsed.errors.length - 1} more YAML error${parsed.errors.length > 2 ? 's' : ''})` : '';
        b.problems.push({ code: 'frontmatter-syntax', span: e.span, message: `The frontmatter is not valid YAML: ${e.message}${more}. Fix it; until then this document counts for nothing.` });
      } else if (contents && !isMap(contents)) {
        ok = false;
        b.problems.push({ code: 'frontmatter-syntax', span: spanOf(contents, block.yaml.start, text), message: `The frontmatter must be \`key: value\` lines, but it is ${describeNode(contents)}.` });
      }
      if (ok && contents && isMap(contents)) readFields((pairs = contents.items as Pair[]), path, options.fields ?? NO_ALIASES, b);
      frontmatter = { span: { start: 'open' in block ? block.open.start : block.yaml.start, end: block.close ? block.close.end : text.length }, anchor, insertAt, ok };
    } else {
      bodyStart = block.yaml.start;
    }
  }

  if (!b.typeStated) {
    // A glob of `types:` beats what the folder, the file name or a foreign value implies.
    const t = typeFromGlobs(options.types, path);
    if (t) b.type = { value: t, span: b.type?.span ?? frontmatter?.anchor ?? { start: 0, end: 0 } };
  }

  let vendor: VendorRecord | undefined;
  let risk: RiskRecord | undefined;
  let assessment: AssessmentRecord | undefined;
  let early = pairs ? (b.type?.value ?? typeFromPath(path)) : undefined;
  // Under `risks/`, a document that states no type and lists `risks:` is an assessment of them.
  if (early === 'risk' && !b.type && pairs && frontmatter && pairs.some((p) => keyText(p) === 'risks')) {
    early = 'risk-assessment';
    b.type = { value: early, span: frontmatter.anchor };
  }
  if (pairs && early === 'risk') risk = readRisk(pairs, { path, base: b.base, text, problems: b.problems });
  else if (pairs && frontmatter && early === 'risk-assessment') {
    assessment = readAssessment(pairs, { path, base: b.base, text, problems: b.problems });
    if (!assessment.date && !pairs.some((p) => keyText(p) === 'date' && !isNullNode(p.value as YamlNode))) {
      invalid(b, frontmatter.anchor, 'This risk assessment has no `date:`. The date it was held is what shows the assessment is current and came before the audit period; add `date: YYYY-MM-DD`.');
    }
  }
  if (pairs && early === 'vendor') {
    const read = readVendor(pairs, { path, base: b.base, text, problems: b.problems }, text.slice(bodyStart));
    vendor = read.vendor;
    for (const c of read.controls) if (!b.controls.some((x) => x.value === c.value && x.span.start === c.span.start)) b.controls.push(c);
    for (const l of read.reports) {
      if (notALink(l.value, l.span, b)) continue;
      const link = makeLink(l.value, l.span, undefined, b);
      // Reports are written from the repository root (`evidence/vendors/…`), unless they start with `./` or `../`.
      b.evidence.push(link.kind === 'path' && !/^\.\.?\//.test(l.value) ? { ...link, fromRoot: true as const } : link);
    }
  }

  if (frontmatter?.ok && (b.type?.value ?? typeFromPath(path)) === 'control' && !b.id) {
    const idText = stem(path).toUpperCase().replace(/[^A-Z0-9]+/g, '-');
    invalid(b, frontmatter.anchor, 'This control has no `id:`. Policies and reports refer to controls by id; add one.', [
      { title: `Add \`id: ${idText}\``, changes: [{ kind: 'edit', path, edits: [{ span: { start: frontmatter.insertAt, end: frontmatter.insertAt }, newText: `id: ${idText}\n` }] }] },
    ]);
  }

  const links = bodyLinks(text, bodyStart, options.fullParse === true, b);
  for (const link of links) {
    const dest = link.destination.trim();
    if (dest === '' || dest.startsWith('#') || /^[A-Za-z][A-Za-z0-9+.-]*:/.test(dest) || dest.startsWith('//')) {
      // URLs, anchors and mail links in prose are references, not evidence. Windows drive paths are kept.
      if (!/^[A-Za-z]:[\\/]/.test(dest)) continue;
    }
    const date = dateFromPath(dest);
    b.evidence.push({ source: 'body', target: link.destination, kind: 'path', span: link.span, ...(date ? { date, dateFrom: 'path' as const } : {}) });
  }

  const type = b.type?.value ?? typeFromPath(path) ?? 'narrative';
  // The body is read for template text and tables unless the frontmatter is broken.
  const readBody = frontmatter === undefined || frontmatter.ok;
  // Template text matters only in an approved document: a draft is expected to have it.
  const placeholders = readBody && (b.status === undefined || b.status.value === 'approved') ? findPlaceholders(text, bodyStart, placeholderSpans(b)) : undefined;
  const { rows, own } = splitRows(path, type, readBody ? mappingRows(text, bodyStart, new Set(b.criteria.map((c) => c.value))) : [], b.criteria);
  // A `## TSC Mapping` list maps the policy, procedure or control it ends (a narrative's list is a catalog).
  if (readBody && (type === 'policy' || type === 'procedure' || type === 'control')) {
    for (const c of mappingListCriteria(text, bodyStart)) if (!own.some((m) => m.id === c.value) && !b.criteria.some((x) => x.value === c.value)) own.push({ id: c.value, from: path, span: c.span });
    // Labelled lines (`**SOC 2 Criteria:** CC6.1`) only when nothing else maps it: the body of a
    // document its frontmatter or tables map is not searched line by line.
    if (own.length === 0 && b.criteria.length === 0 && b.series.length === 0) for (const c of labelledCriteria(text, bodyStart)) own.push({ id: c.value, from: path, span: c.span });
  }
  const statedInBody = frontmatter === undefined ? bodyStatements(text, bodyStart) : undefined;
  const heading = b.title ? undefined : openingHeading(text, bodyStart);
  let words: Record<string, number> | undefined;
  if (readBody && b.criteria.length === 0 && b.series.length === 0 && type !== 'narrative' && type !== 'vendor' && type !== 'risk' && type !== 'risk-assessment') {
    words = tokenize(`${b.title?.value ?? ''} ${b.title?.value ?? ''} ${text.slice(bodyStart)}`);
  }

  return {
    path,
    length: text.length,
    lineStarts: computeLineStarts(text),
    format,
    ...(frontmatter ? { frontmatter } : {}),
    fields: b.fields,
    ...(b.id ? { id: b.id } : {}),
    ...(b.type ? { type: b.type } : {}),
    ...(b.title ? { title: b.title } : {}),
    ...(b.owner ? { owner: b.owner } : {}),
    ...(b.status ? { status: b.status } : {}),
    criteria: b.criteria,
    policies: b.policies,
    controls: b.controls,
    ...(b.lastReviewed ? { lastReviewed: b.lastReviewed } : {}),
    ...(b.reviewCycle ? { reviewCycle: b.reviewCycle } : {}),
    ...(b.frequency ? { frequency: b.frequency } : {}),
    evidence: b.evidence,
    lists: b.lists,
    problems: b.problems,
    ...(words ? { words } : {}),
    // Keys added after the cache's layout: they travel as JSON, in this order.
    ...(b.series.length > 0 ? { series: b.series } : {}),
    ...(b.nextReview ? { nextReview: b.nextReview } : {}),
    ...(b.approver ? { approver: b.approver } : {}),
    ...(rows.length > 0 ? { mappingRows: rows } : {}),
    ...(own.length > 0 ? { ownMappings: own } : {}),
    ...(b.references ? { references: true as const } : {}),
    ...(vendor ? { vendor } : {}),
    ...(placeholders && placeholders.length > 0 ? { placeholders } : {}),
    ...(risk ? { risk } : {}),
    ...(assessment ? { assessment } : {}),
    ...(statedInBody ? { statedInBody } : {}),
    ...(heading ? { heading } : {}),
  };
}

/** How many non-blank lines into the body the opening heading is looked for (a logo or a notice may come first). */
const HEADING_LINES = 8;
/** Longer is a paragraph behind a `#`, not a document's name. */
const MAX_HEADING_NAME = 120;

/**
 * The level-1 heading among the body's first lines, read as headingName reads a table's heading
 * (`# **1. Access Control Policy** #` → Access Control Policy). By hand, in one pass over each line.
 */
function openingHeading(text: string, bodyStart: number): Located | undefined {
  let at = bodyStart;
  for (let seen = 0; seen < HEADING_LINES && at < text.length; ) {
    let end = text.indexOf('\n', at);
    if (end === -1) end = text.length;
    const lineStart = at;
    at = end + 1;
    let i = lineStart;
    while (i < end && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9 || text.charCodeAt(i) === 13)) i++;
    if (i === end) continue; // blank
    seen++;
    const after = text.charCodeAt(i + 1);
    if (i - lineStart > 3 || text.charCodeAt(i) !== 35 || (after !== 32 && after !== 9)) continue;
    let to = end;
    if (to > i && text.charCodeAt(to - 1) === 13) to--;
    if (to - i > 4 * MAX_HEADING_NAME) return undefined;
    let from = i + 1;
    while (from < to && (text.charCodeAt(from) === 32 || text.charCodeAt(from) === 9)) from++;
    const name = headingName({ value: text.slice(from, to), span: { start: from, end: to } });
    return name && name.value.length <= MAX_HEADING_NAME ? name : undefined;
  }
  return undefined;
}

/** The frontmatter values searched for template text: not the lists other rules judge item by item. */
function placeholderSpans(b: Builder): Span[] {
  const spans: Span[] = [];
  for (const f of b.fields) if (f.field !== 'criteria' && f.field !== 'policies' && f.field !== 'controls' && f.field !== 'evidence') spans.push(f.valueSpan);
  return spans;
}

/**
 * A table that names no document at all, under a heading or header that says it maps, maps the
 * policy, procedure or control it sits in (a narrative's table of criteria is a catalog). The
 * others name documents, for the workspace to find.
 */
/**
 * A document's tables split into rows that name other documents (for the workspace) and the criteria
 * of its own tables that name none (`ownMappings`), leaving out those its frontmatter already maps.
 */
function splitRows(path: string, type: DocumentType, all: readonly TableRow[], mapped: readonly Located[]): { rows: MappingRow[]; own: TableMapping[] } {
  const rows: MappingRow[] = [];
  const own: TableMapping[] = [];
  if (all.length === 0) return { rows, own };
  const tables = new Map<number, TableRow[]>();
  for (const r of all) {
    const list = tables.get(r.table);
    if (list) list.push(r);
    else tables.set(r.table, [r]);
  }
  const row = (r: TableRow, names: readonly Located[] = r.names): MappingRow =>
    r.unknown ? { table: r.table, criteria: r.criteria, links: r.links, names, mappingHeading: r.mappingHeading, unknown: r.unknown } : { table: r.table, criteria: r.criteria, links: r.links, names, mappingHeading: r.mappingHeading };
  for (const list of tables.values()) {
    const linksNothing = list.every((r) => r.links.length === 0 && r.names.length === 0);
    // A table naming each row's framework in a column, in a policy, procedure or control, that names
    // no document, maps the document it sits in, whatever its heading (`## 5. Standards Compliance`).
    if (linksNothing && type !== 'narrative' && list[0].framework) {
      for (const r of list) for (const c of r.criteria) if (!own.some((m) => m.id === c.value) && !mapped.some((m) => m.value === c.value)) own.push({ id: c.value, from: path, span: c.span });
      continue;
    }
    // Under a heading that is a name (`### Access Control Policy`, not `## TSC mapping`), a table that
    // links nothing names it too: it maps the document that goes by that name, if one does (the
    // other names of its rows, such as a `Control Name` column of criterion titles, seldom do).
    const named = list[0].heading && !list.some((r) => r.mappingHeading || r.links.length > 0) ? headingName(list[0].heading) : undefined;
    if (named) {
      for (const r of list) rows.push(row(r, [...r.names, named]));
      continue;
    }
    if (!linksNothing) {
      for (const r of list) rows.push(row(r));
      // A control matrix in a policy, procedure or control (its rows name controls, link nothing):
      // the document meets what its controls do, whether or not other documents go by those names.
      if (type !== 'narrative' && list.every((r) => r.controlNames)) {
        for (const r of list) for (const c of r.criteria) if (!own.some((m) => m.id === c.value) && !mapped.some((m) => m.value === c.value)) own.push({ id: c.value, from: path, span: c.span });
      }
      continue;
    }
    if (type === 'narrative' || !list.some((r) => r.mappingHeading)) continue;
    for (const r of list) for (const c of r.criteria) if (!own.some((m) => m.id === c.value) && !mapped.some((m) => m.value === c.value)) own.push({ id: c.value, from: path, span: c.span });
  }
  return { rows, own };
}

/**
 * A heading read as a document's name: without its numbering (`3.2`, `4.`), closing `#`s and emphasis;
 * undefined when too short to be one. Trimmed by hand: a pattern with a lazy middle and optional
 * tails backtracks for minutes on a heading of a few thousand spaces.
 */
function headingName(h: Located): Located | undefined {
  const text = h.value;
  const numbering = /^\d+(?:\.\d+)*\.?\s+/.exec(text);
  const from = numbering ? numbering[0].length : 0;
  let to = text.length;
  while (to > from && /\s/.test(text.charAt(to - 1))) to--;
  while (to > from && text.charCodeAt(to - 1) === 35) to--;
  while (to > from && /\s/.test(text.charAt(to - 1))) to--;
  const value = text.slice(from, to).replace(/[*_`]/g, '').trim();
  if (value.length < 3) return undefined;
  return { value, span: { start: h.span.start + from, end: h.span.start + to } };
}

/**
 * Limits that keep a hostile body from stalling a check or a keystroke. The scanner's time grows
 * with how deeply lines nest, so bodies nested beyond any real document are not read. remark's
 * time grows far faster than the text on some inputs (runs of `*`, unclosed `[` or backticks, deep
 * nesting: seconds for a few kilobytes), so a body the scanner gives up on goes to remark only
 * within the FULL_PARSE_ limits.
 */
export const MAX_LINE_PREFIX = 128;
export const FULL_PARSE_MAX_CHARS = 32 * 1024;
export const FULL_PARSE_MAX_MARKERS = 1000;
export const FULL_PARSE_MAX_PREFIX = 32;

/** The longest run of spaces, tabs and `>` that starts a line of the body. */
export function deepestLinePrefix(text: string, from: number): number {
  let deepest = 0;
  for (let i = from; i < text.length; ) {
    let j = i;
    for (let c = text.charCodeAt(j); c === 32 || c === 9 || c === 62; c = text.charCodeAt(++j));
    if (j - i > deepest) deepest = j - i;
    const nl = text.indexOf('\n', j);
    if (nl === -1) break;
    i = nl + 1;
  }
  return deepest;
}

/** `*`, `[`, `]` and backticks: what remark's slow paths feed on. */
export function countMarkers(text: string, from: number): number {
  let n = 0;
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 42 || c === 91 || c === 93 || c === 96) n++;
  }
  return n;
}

function bodyNotRead(text: string, bodyStart: number, why: string, todo: string): RawFinding {
  const nl = text.indexOf('\n', bodyStart);
  let end = nl === -1 ? text.length : nl;
  if (end > bodyStart && text.charCodeAt(end - 1) === 13) end--;
  return {
    code: 'document-unreadable',
    span: { start: bodyStart, end },
    message: `The links in this document's body were not checked: ${why}. ${todo}, or list its evidence under \`evidence:\`.`,
    data: { skipped: 'false', reason: 'body-not-read' },
  };
}

function bodyLinks(text: string, bodyStart: number, full: boolean, b: Builder): MarkdownLink[] {
  if (!full) {
    // Every link, image and definition has a `[`.
    if (text.indexOf('[', bodyStart) === -1) return [];
    const prefix = deepestLinePrefix(text, bodyStart);
    if (prefix > MAX_LINE_PREFIX) {
      b.problems.push(bodyNotRead(text, bodyStart, `a line starts with ${prefix} spaces, tabs or \`>\` marks, and markdown nested deeper than ${MAX_LINE_PREFIX} is not read`, 'Remove the excess indentation'));
      return [];
    }
    const fast = scanLinks(text, bodyStart);
    if (fast) return fast;
    const size = text.length - bodyStart;
    const markers = countMarkers(text, bodyStart);
    if (size > FULL_PARSE_MAX_CHARS || markers > FULL_PARSE_MAX_MARKERS || prefix > FULL_PARSE_MAX_PREFIX) {
      const kb = (n: number): string => `${Math.ceil(n / 1024)} KB`;
      const over = [
        ...(size > FULL_PARSE_MAX_CHARS ? [`${kb(size)} of text`] : []),
        ...(markers > FULL_PARSE_MAX_MARKERS ? [`${markers} \`*\`, \`[\`, \`]\` and backticks`] : []),
        ...(prefix > FULL_PARSE_MAX_PREFIX ? [`lines nested ${prefix} deep`] : []),
      ].join(' and ');
      const why = `part of its markdown (such as a lone carriage return, or a character reference in a link) needs the full markdown parser, and with ${over} it is over that parser's limits (${kb(FULL_PARSE_MAX_CHARS)}, ${FULL_PARSE_MAX_MARKERS} such characters, lines nested ${FULL_PARSE_MAX_PREFIX} deep)`;
      b.problems.push(bodyNotRead(text, bodyStart, why, 'Split the document'));
      return [];
    }
  }
  try {
    return remarkLinks(text, bodyStart);
  } catch {
    // Deep nesting overflows remark's stack.
    const fast = full ? scanLinks(text, bodyStart) : undefined;
    if (fast) return fast;
    b.problems.push(bodyNotRead(text, bodyStart, 'its markdown is nested too deeply to read', 'Remove the excess nesting'));
    return [];
  }
}

function anchorOf(block: FrontmatterBlock, text: string): Span {
  if (block.kind === 'native') return block.open;
  if (block.kind === 'comply') {
    const nl = text.indexOf('\n', block.yaml.start);
    let end = nl === -1 ? text.length : nl;
    if (end > block.yaml.start && text.charCodeAt(end - 1) === 13) end--;
    return { start: block.yaml.start, end };
  }
  return { start: 0, end: 0 };
}

function isComplyFrontmatter(contents: YamlNode, yamlText: string, hasErrors: boolean): boolean {
  if (!hasErrors && contents && isMap(contents)) {
    return (contents.items as Pair[]).some((p) => KNOWN_COMPLY_KEYS.has(keyText(p) ?? ''));
  }
  // A broken block still counts when it starts with a key only frontmatter would have.
  const firstKey = /^([A-Za-z_][A-Za-z0-9_.-]*)\s*:/.exec(yamlText.replace(/^\uFEFF/, ''));
  return hasErrors && firstKey !== null && KNOWN_COMPLY_KEYS.has(firstKey[1]);
}

const NO_ALIASES: FieldAliases = Object.freeze({});

interface Candidate {
  /** The key, lower-cased for foreign keys (matched in any case), as written otherwise. */
  readonly key: string;
  /** Read only when its value means what the field means; never reported. */
  readonly lenient: boolean;
}

const candidatesByAliases = new WeakMap<FieldAliases, ReadonlyArray<readonly [CanonicalField, readonly Candidate[]]>>();

/**
 * For each field, the keys that may hold it, first present wins: its configured aliases (or its
 * name), then comply's key, then the names used in the wild when no alias is configured.
 */
function candidateKeys(aliases: FieldAliases): ReadonlyArray<readonly [CanonicalField, readonly Candidate[]]> {
  let list = candidatesByAliases.get(aliases);
  if (!list) {
    list = CANONICAL_FIELDS.map((field) => {
      const configured = aliases[field];
      const candidates: Candidate[] = (configured ?? [field]).map((key) => ({ key, lenient: false }));
      const fallback = COMPLY_FALLBACK[field];
      if (fallback && !candidates.some((c) => c.key === fallback)) candidates.push({ key: fallback, lenient: false });
      // Its own name written otherwise (`lastReviewed`, `Last Reviewed`, `Owner`), then the names used in the wild.
      if (!configured) for (const key of [field, ...(FOREIGN_KEYS[field] ?? [])]) candidates.push({ key, lenient: true });
      return [field, candidates] as const;
    });
    candidatesByAliases.set(aliases, list);
  }
  return list;
}

/** What a lenient read must have set for the field to count as read. */
function fieldSet(field: CanonicalField, b: Builder): boolean {
  switch (field) {
    case 'id':
    case 'title':
    case 'owner':
    case 'type':
    case 'status':
    case 'frequency':
      return b[field] !== undefined;
    case 'review_cycle':
      return b.reviewCycle !== undefined;
    case 'last_reviewed':
      return b.lastReviewed !== undefined;
    case 'criteria':
      return b.criteria.length > 0 || b.series.length > 0;
    case 'policies':
    case 'controls':
      return b[field].length > 0;
    case 'evidence':
      return b.evidence.length > 0;
  }
}

function readFields(top: Pair[], path: string, aliases: FieldAliases, b: Builder): void {
  // Arrays over a dozen keys rather than Maps: this runs for every document of a repository.
  const { pairs, keys, names } = flattenedPairs(top);
  let lower: Array<string | undefined> | undefined;
  const usedAs: Array<CanonicalField | undefined> = new Array(pairs.length);
  for (const [field, candidates] of candidateKeys(aliases)) {
    for (const c of candidates) {
      // The first pair with the key, as with duplicate keys the first one is read.
      const i = c.lenient ? (lower ??= keys.map((k) => (k === undefined ? undefined : foldKey(k)))).indexOf(c.key) : keys.indexOf(c.key);
      if (i < 0 || usedAs[i] !== undefined) continue;
      if (c.lenient && field === 'id' && c.key !== 'id' && !ownIdKey(c.key, lower as Array<string | undefined>, path)) continue;
      if (!c.lenient) {
        usedAs[i] = field;
        readField(field, names[i] as string, pairs[i], path, b);
        break;
      }
      const problems = b.problems.length;
      const lists = b.lists[field as ListField];
      readField(field, names[i] as string, pairs[i], path, b, true);
      if (fieldSet(field, b)) {
        usedAs[i] = field;
        break;
      }
      b.problems.length = problems;
      if (lists === undefined) delete b.lists[field as ListField];
    }
  }
  readExtras(pairs, keys, usedAs, b);
  for (let i = 0; i < pairs.length; i++) {
    const key = names[i];
    const k = pairs[i].key as YamlNode;
    if (key === undefined || !k) continue;
    b.fields.push({ field: usedAs[i] ?? key, key, keySpan: spanOf(k, b.base, b.text), valueSpan: valueSpanOf(pairs[i], b.base, b.text) });
  }
}

/**
 * A key as the names used in the wild are compared: lower case, its words joined by `_`
 * (`lastReviewed`, `Last Reviewed`, `last-reviewed`, `LAST_REVIEWED` are `last_reviewed`).
 */
export function foldKey(key: string): string {
  if (/^[a-z0-9_]*$/.test(key)) return key;
  return key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase().replace(/[\s-]+/g, '_');
}

/** The next review date, the approver, `policy: true` and criteria named in `references:`, from keys nothing else read. */
function readExtras(pairs: Pair[], keys: Array<string | undefined>, usedAs: Array<CanonicalField | undefined>, b: Builder): void {
  for (let i = 0; i < pairs.length; i++) {
    if (usedAs[i] !== undefined || keys[i] === undefined) continue;
    const key = foldKey(keys[i] as string);
    const value = pairs[i].value as YamlNode;
    const vspan = valueSpanOf(pairs[i], b.base, b.text);
    if (!b.nextReview && (EXTRA_KEYS.nextReview as readonly string[]).includes(key)) {
      const s = scalarText(value);
      const d = s === undefined ? undefined : parseReviewDate(s);
      if (d) b.nextReview = { value: d, span: vspan };
    } else if (!b.approver && (EXTRA_KEYS.approver as readonly string[]).includes(key)) {
      const v = readString(key, value, vspan, b, true);
      if (v && !/^(true|false|yes|no)$/i.test(v.value)) b.approver = v;
    } else if (SOC2_CRITERIA_KEY.test(key)) {
      readCriteriaText(value, b);
    } else if (FRAMEWORK_MAP_KEYS.has(key) && (isMap(value) || (isSeq(value) && value.items.some(isMap)))) {
      if (readByFramework(value, b)) b.references = true;
    } else if ((EXTRA_KEYS.references as readonly string[]).includes(key)) {
      readCriteriaText(value, b);
      if (namesSomething(value)) b.references = true;
    } else if (TAG_KEYS.has(key) && isSeq(value)) {
      for (const item of value.items as YamlNode[]) {
        const s = isScalar(item) ? scalarText(item)?.trim() : undefined;
        if (s !== undefined && TAG_ID.test(s)) addMentions(s.toUpperCase(), spanOf(item as Node, b.base, b.text), b);
      }
    } else if (isMap(value) && (value.items as Pair[]).some(namesSoc2)) {
      // Any other key holding a map with a SOC 2 entry (`soc: {soc2: [CC6.1]}`): that entry maps.
      readByFramework(value, b);
    } else if (RELATED_KEYS.has(key) && isMap(value)) {
      for (const pair of value.items as Pair[]) {
        const text = keyText(pair);
        const sub = text === undefined ? undefined : foldKey(text);
        // Not a reference key: a document that relates to `SOC 2 Type II` still maps no criterion.
        if (sub !== undefined) readCriteriaText(pair.value as YamlNode, b, RELATED_FRAMEWORK_KEYS.has(sub) ? undefined : SAYS_SOC2);
      }
    } else if (!b.type && key === 'policy' && isScalar(value) && (value as { value?: unknown }).value === true) {
      b.type = { value: 'policy', span: vspan };
    }
  }
}

/**
 * Criteria from a map of frameworks to IDs (`{soc2: [CC6.1], iso27001: [A.5.15]}`) or a list of
 * framework items (`[{name: SOC 2, controls: [CC6.1]}, {name: ISO 27001, …}]`): SOC 2's entries are
 * read as text, the others not. Whether another framework's entry names something: the document is
 * mapped, if not to SOC 2 (a SOC 2 entry without IDs, `soc2: Type II`, maps it to nothing).
 */
function readByFramework(value: YamlNode, b: Builder): boolean {
  let named = false;
  if (isMap(value)) {
    for (const pair of value.items as Pair[]) {
      const sub = foldKey(keyText(pair) ?? '');
      const v = pair.value as YamlNode;
      if (isNullNode(v) || isAlias(v)) continue;
      if (SOC2_NAME.test(sub) || SOC2_CRITERIA_KEY.test(sub)) readCriteriaText(v, b);
      else named = true;
    }
    return named;
  }
  if (!isSeq(value)) return false;
  for (const item of value.items as YamlNode[]) {
    if (isScalar(item)) {
      const s = scalarText(item);
      if (s === undefined || s.trim() === '') continue;
      if (SAYS_SOC2.test(s)) readCriteriaText(item, b);
      else named = true;
      continue;
    }
    if (!isMap(item)) continue;
    const pairs = item.items as Pair[];
    const name = pairs.find((p) => FRAMEWORK_NAME_KEYS.has(foldKey(keyText(p) ?? '')) && isScalar(p.value));
    const nameText = name ? scalarText(name.value as YamlNode) : undefined;
    if (nameText === undefined || nameText.trim() === '') continue;
    if (!SOC2_NAME.test(foldKey(nameText.trim()).replace(/_+/g, '_'))) {
      named = true;
      continue;
    }
    for (const p of pairs) if (p !== name && !isAlias(p.value)) readCriteriaText(p.value as YamlNode, b);
  }
  return named;
}

/** An item that names SOC 2 (or its criteria) beside the IDs it lists: `SOC 2 CC3.1, CC3.2`, `TSC: CC6.1`. */
const SAYS_SOC2 = /\b(?:SOC[\s-]?2|TSC|Trust Services Criteria)\b/i;

/** A scalar that is not blank, or a list with one. */
function namesSomething(value: YamlNode): boolean {
  return (isSeq(value) && value.items.some((i) => (scalarText(i as YamlNode) ?? '').trim() !== '')) || (isScalar(value) && (scalarText(value) ?? '').trim() !== '');
}

/** Criteria named in free text (a scalar, or a list of scalars): exact IDs and ranges map, series are kept apart, the rest is ignored. */
function readCriteriaText(value: YamlNode, b: Builder, only?: RegExp): void {
  if (isNullNode(value)) return;
  const items = isSeq(value) ? (value.items as YamlNode[]) : [value];
  for (const item of items) {
    if (!item || !isScalar(item)) continue;
    const s = scalarText(item);
    if (s === undefined || (only && !only.test(s))) continue;
    addMentions(s, spanOf(item as Node, b.base, b.text), b);
  }
}

/** Adds the criteria and series named in `s` (the value of the node at `span`), each at its own text when it can be found there. */
function addMentions(s: string, span: Span, b: Builder, criteria: Located[] = b.criteria, apart = true): number {
  let added = 0;
  const raw = b.text.slice(span.start, span.end);
  let from = 0;
  for (const m of criteriaInText(s, apart)) {
    const written = s.slice(m.start, m.end);
    const at = raw.indexOf(written, from);
    const mspan = at === -1 ? span : { start: span.start + at, end: span.start + at + written.length };
    if (at !== -1 && m.start === m.end - written.length) from = at;
    const located = { value: m.id, span: mspan };
    added++;
    if (m.kind === 'series') {
      if (!b.series.some((x) => x.value === m.id)) b.series.push(located);
    } else if (!criteria.some((x) => x.value === m.id)) criteria.push(located);
  }
  return added;
}

function readField(field: CanonicalField, key: string, pair: Pair, path: string, b: Builder, lenient = false): void {
  const value = pair.value as YamlNode;
  const vspan = valueSpanOf(pair, b.base, b.text);
  if (isAlias(value)) {
    invalid(b, vspan, `\`${key}\` uses a YAML alias (*${String((value as { source?: string }).source ?? '')}). Write the value out; aliases are not read.`);
    return;
  }
  switch (field) {
    case 'id':
    case 'title':
    case 'owner': {
      // `owner: {name: Jane Doe, role: CISO}`: the person and the role.
      const v = field === 'owner' && isMap(value) ? ownerOfMap(value, vspan) : readString(key, value, vspan, b, field === 'owner');
      const problem = v && field === 'id' ? idShapeProblem(v.value) : undefined;
      if (v && problem) invalid(b, v.span, `\`${key}\` ${JSON.stringify(v.value)} ${problem}. An id is letters, digits and \`-\`, \`_\`, \`.\` or \`/\`, such as AC-01: reports and links print it as it is.`);
      if (v) b[field] = v;
      return;
    }
    case 'type': {
      const v = readString(key, value, vspan, b);
      if (!v) return;
      const lower = v.value.toLowerCase();
      const native = (DOCUMENT_TYPES as readonly string[]).includes(lower) ? (lower as DocumentType) : undefined;
      const mapped = native ?? b.typeValues?.get(typeValueKey(v.value));
      const t = mapped ?? typeOfValue(v.value);
      // A `category:` says what a document is about as often as what it is: `category: vendor` on a
      // risk is the risk's kind. Read from it, only the kinds of written documents count.
      if (t && lenient && /categ/.test(key.toLowerCase()) && !b.typeValues?.get(typeValueKey(v.value)) && (t === 'vendor' || t === 'risk' || t === 'risk-assessment')) return;
      if (t) {
        b.type = { value: t, span: v.span };
        if (mapped) b.typeStated = true;
        return;
      }
      // A misspelt type, or a value that names a kind of document (`security-standard`), is reported;
      // another tool's `type:` (`page`, `agent-registry`) decides nothing and is not.
      const fixes = enumFixes(path, v.span, DOCUMENT_TYPES, v.value);
      if (fixes || namesDocumentKind(v.value)) invalid(b, v.span, `\`${key}\` is \`${v.value}\`, which is not a document type. Use one of: ${DOCUMENT_TYPES.join(', ')}, or map the value to one under \`types:\` in the config.`, fixes);
      return;
    }
    case 'status': {
      const v = readString(key, value, vspan, b);
      if (!v) return;
      const s = statusOf(v.value);
      if (s) b.status = { value: s, span: v.span };
      else invalid(b, v.span, `\`${key}\` is \`${v.value}\`, which is not a status. Use one of: ${DOCUMENT_STATUSES.join(', ')}.`, enumFixes(path, v.span, DOCUMENT_STATUSES, v.value));
      return;
    }
    case 'frequency': {
      const v = readString(key, value, vspan, b);
      if (!v) return;
      const f = own(FREQUENCY_SYNONYMS, v.value.toLowerCase());
      if (f) b.frequency = { value: f, span: v.span };
      else invalid(b, v.span, `\`${key}\` is \`${v.value}\`, which is not a frequency. Use one of: ${FREQUENCIES.join(', ')}.`, enumFixes(path, v.span, FREQUENCIES, v.value));
      return;
    }
    case 'review_cycle': {
      const v = readString(key, value, vspan, b);
      if (!v) return;
      const p = parseCycle(v.value.replace(/-/g, '')) ?? (lenient ? parseWordedCycle(v.value) : undefined);
      if (p && !cycleWithinLimit(p)) invalid(b, v.span, `\`${key}\` is \`${v.value}\`, longer than ${MAX_CYCLE_YEARS} years, the longest review cycle read. Use a shorter cycle, such as annual or P2Y.`);
      else if (p) b.reviewCycle = { value: p, span: v.span, text: v.value };
      else invalid(b, v.span, `\`${key}\` is \`${v.value}\`, which is not a review cycle. Use annual, semiannual, quarterly, monthly, or an ISO 8601 period such as P6M or P90D.`);
      return;
    }
    case 'last_reviewed': {
      if (key === 'majorRevisions') return readRevisions(key, value, vspan, b);
      if (lenient && REVISION_LISTS.includes(foldKey(key))) return readRevisions(key, value, vspan, b, true);
      const v = readString(key, value, vspan, b);
      if (!v) return;
      // The schema's own key takes the schema's dates; other tools' keys, dates as people write them.
      const d = lenient ? parseReviewDate(v.value) : parseAnyDate(v.value);
      if (d) b.lastReviewed = { value: d, span: v.span };
      else invalid(b, v.span, `\`${key}\` is \`${v.value}\`, which is ${ambiguousDate(v.value) ?? 'not a date'}. Write it as YYYY-MM-DD, for example 2026-06-30.`);
      return;
    }
    case 'criteria': {
      if ((key === 'satisfies' || lenient) && isMap(value)) {
        // comply's `satisfies: {TSC: [...]}` (the standard's name as its standards/ file gives it:
        // `TSC 2017`, `SOC2`), and `mappings: {soc2: [...]}`.
        const tsc = (value.items as Pair[]).find(namesSoc2);
        if (tsc) b.criteria = readList(keyText(tsc) ?? 'TSC', tsc.value as YamlNode, valueSpanOf(tsc, b.base, b.text), path, b, 'criteria', lenient || key !== 'satisfies');
        return;
      }
      if (lenient && isScalar(value)) {
        // `tsc: CC6.1, CC6.2` or `soc2: "CC6.1–CC6.3"`: criteria written as text.
        const s = scalarText(value);
        if (s !== undefined) addMentions(s, vspan, b);
        return;
      }
      b.criteria = readList(key, value, vspan, path, b, 'criteria', lenient);
      return;
    }
    case 'policies':
    case 'controls':
      // `controls: {soc2: [CC6.1], iso27001: [A.5.15]}` maps criteria by framework; it names no control.
      if (isMap(value) && (value.items as Pair[]).some(namesSoc2)) {
        readByFramework(value, b);
        b.references = true;
        return;
      }
      b[field] = readList(key, value, vspan, path, b, field);
      return;
    case 'evidence':
      readEvidence(key, value, vspan, path, b);
      return;
  }
}

/** An owner written as a map: its name, with its role or team in brackets; undefined when it has neither. */
function ownerOfMap(value: YamlNode, span: Span): Located | undefined {
  if (!isMap(value)) return undefined;
  const part = (names: readonly string[]): string | undefined => {
    const pair = (value.items as Pair[]).find((p) => names.includes(foldKey(keyText(p) ?? '')));
    const s = pair ? scalarText(pair.value as YamlNode)?.trim() : undefined;
    return s === '' ? undefined : s;
  };
  const name = part(['name', 'person', 'owner', 'email']);
  const role = part(['role', 'title', 'team', 'group', 'department']);
  const text = name && role ? `${name} (${role})` : (name ?? role);
  return text === undefined ? undefined : { value: text, span };
}

function readString(key: string, value: YamlNode, span: Span, b: Builder, allowList = false): Located | undefined {
  if (isNullNode(value)) return undefined;
  if (allowList && isSeq(value)) {
    const items = (value.items as YamlNode[]).map(scalarText).filter((s): s is string => s !== undefined && s.trim() !== '');
    return items.length > 0 ? { value: items.join(', '), span } : undefined;
  }
  const s = scalarText(value);
  if (s === undefined) {
    invalid(b, span, `\`${key}\` must be a single value, but it is ${describeNode(value)}.`);
    return undefined;
  }
  if (s.trim() === '') return undefined;
  return { value: s.trim(), span };
}

function recordShape(b: Builder, field: ListField, seq: Node, span: Span): void {
  const flow = (seq as { flow?: boolean }).flow === true;
  const first = isSeq(seq) ? (seq.items[0] as YamlNode) : undefined;
  let itemPrefix: string | undefined;
  if (!flow && first?.range) {
    const at = b.base + first.range[0];
    itemPrefix = b.text.slice(b.text.lastIndexOf('\n', at - 1) + 1, at);
  }
  b.lists[field] = { flow, span, ...(itemPrefix !== undefined ? { itemPrefix } : {}) };
}

function readList(key: string, value: YamlNode, span: Span, path: string, b: Builder, field: ListField, lenient = false): Located[] {
  if (isNullNode(value)) return [];
  if (isScalar(value)) {
    const s = scalarText(value) ?? '';
    const items = s.split(',').map((x) => x.trim()).filter(Boolean);
    invalid(b, span, `\`${key}\` must be a list, for example \`${key}: [${items.join(', ') || '…'}]\`.`, [
      { title: `Make \`${key}\` a list`, isPreferred: true, changes: [{ kind: 'edit', path, edits: [{ span, newText: `[${items.join(', ')}]` }] }] },
    ]);
    return [];
  }
  if (!isSeq(value)) {
    invalid(b, span, `\`${key}\` must be a list, but it is ${describeNode(value)}.`);
    return [];
  }
  recordShape(b, field, value, span);
  const out: Located[] = [];
  for (const item of value.items as YamlNode[]) {
    if (!item) continue;
    const s = scalarText(item);
    const ispan = spanOf(item as Node, b.base, b.text);
    if (s === undefined || isAlias(item)) {
      if (!isNullNode(item)) invalid(b, ispan, `Each item of \`${key}\` must be a single value, but this one is ${describeNode(item)}.`);
      continue;
    }
    const t = s.trim();
    if (t === '') continue;
    if (field === 'criteria' && (lenient || !isSingleToken(t))) {
      // `CC6.1, CC6.2` or `CC7.3 - User provisioning` in one item: the IDs it names. Text naming
      // none stays as written under the native key (and is reported), and is ignored elsewhere.
      // Under the native key an ID written apart (`CC 6.1`) stays as written, to be reported with its fix.
      if (addMentions(t, ispan, b, out, lenient) > 0 || lenient) continue;
    }
    out.push({ value: t, span: ispan });
  }
  return out;
}

/** The key of a revision entry's date (`- date: …`, `- reviewed: …`). */
const REVISION_DATE_KEYS: ReadonlySet<string> = new Set(['date', 'reviewed', 'review_date', 'reviewed_on', 'approved', 'approval_date', 'approved_on', 'effective_date']);

function readRevisions(key: string, value: YamlNode, span: Span, b: Builder, foreign = false): void {
  if (isNullNode(value)) return;
  if (!isSeq(value)) {
    invalid(b, span, `\`${key}\` must be a list of \`- date: …\` entries, but it is ${describeNode(value)}.`);
    return;
  }
  let latest: Located | undefined;
  for (const item of value.items as YamlNode[]) {
    if (!item || !isMap(item)) continue;
    const datePair = (item.items as Pair[]).find((p) => REVISION_DATE_KEYS.has(foldKey(keyText(p) ?? '')));
    if (!datePair) continue;
    const s = scalarText(datePair.value as YamlNode);
    const dspan = valueSpanOf(datePair, b.base, b.text);
    const d = s === undefined ? undefined : foreign ? parseReviewDate(s) : parseAnyDate(s);
    if (!d) {
      invalid(b, dspan, `This revision date \`${s ?? ''}\` is not a date. Write it as \`Jun 1 2026\` or 2026-06-01.`);
      continue;
    }
    if (!latest || d > latest.value) latest = { value: d, span: dspan };
  }
  if (latest) b.lastReviewed = latest;
}

function readEvidence(key: string, value: YamlNode, span: Span, path: string, b: Builder): void {
  if (isNullNode(value)) return;
  if (!isSeq(value)) {
    const s = scalarText(value);
    invalid(b, span, `\`${key}\` must be a list of evidence entries, but it is ${describeNode(value)}.`, s === undefined ? undefined : [
      { title: `Make \`${key}\` a list`, isPreferred: true, changes: [{ kind: 'edit', path, edits: [{ span, newText: `[${s}]` }] }] },
    ]);
    return;
  }
  recordShape(b, 'evidence', value, span);
  for (const item of value.items as YamlNode[]) {
    if (!item || isNullNode(item)) continue;
    const ispan = spanOf(item as Node, b.base, b.text);
    if (isScalar(item)) {
      const target = (scalarText(item) ?? '').trim();
      if (target === '') continue;
      if (notALink(target, ispan, b)) continue;
      b.evidence.push(makeLink(target, ispan, undefined, b));
      continue;
    }
    if (!isMap(item)) {
      invalid(b, ispan, `Each evidence entry must be a path, a URL, or \`{path: …, date: …}\` / \`{url: …, date: …}\`; this one is ${describeNode(item)}.`);
      continue;
    }
    const pairs = item.items as Pair[];
    const pathPair = pairs.find((p) => keyText(p) === 'path');
    const urlPair = pairs.find((p) => keyText(p) === 'url');
    const datePair = pairs.find((p) => keyText(p) === 'date');
    if (!pathPair && !urlPair && !datePair && pairs.length === 1 && isScalar(pairs[0].value as YamlNode)) {
      // `- TODO: upload` reads as YAML as a one-key map: it is a placeholder, not an entry.
      notALink(`${keyText(pairs[0]) ?? ''}: ${scalarText(pairs[0].value as YamlNode) ?? ''}`, ispan, b, true);
      continue;
    }
    if (!pathPair && !urlPair) {
      invalid(b, ispan, 'This evidence entry has neither `path:` nor `url:`. Add the file path or the ticket URL.');
      continue;
    }
    if (pathPair && urlPair) {
      invalid(b, ispan, 'This evidence entry has both `path:` and `url:`. Split it into two entries.');
      continue;
    }
    const targetPair = (pathPair ?? urlPair) as Pair;
    const target = scalarText(targetPair.value as YamlNode)?.trim();
    const tspan = valueSpanOf(targetPair, b.base, b.text);
    if (!target) {
      invalid(b, tspan, `This evidence entry's \`${pathPair ? 'path' : 'url'}\` is empty.`);
      continue;
    }
    let date: string | undefined;
    let dateSpan: Span | undefined;
    if (datePair && !isNullNode(datePair.value as YamlNode)) {
      const s = scalarText(datePair.value as YamlNode);
      date = s === undefined ? undefined : parseAnyDate(s);
      dateSpan = valueSpanOf(datePair, b.base, b.text);
      if (!date) invalid(b, dateSpan, `This evidence date \`${s ?? ''}\` is ${ambiguousDate(s ?? '') ?? 'not a date'}. Write it as YYYY-MM-DD.`);
    }
    if (notALink(target, tspan, b)) continue;
    if (urlPair && !/^[A-Za-z][A-Za-z0-9+.-]*:/.test(target)) {
      invalid(b, tspan, `\`url: ${target}\` is not a URL. Use \`path:\` for a file in the repository, or a full https:// link.`);
      continue;
    }
    b.evidence.push(makeLink(target, tspan, date, b, dateSpan));
  }
}

/**
 * Evidence that is neither a path nor a web address: `TODO: upload`, `tbd:later`, `javascript:…`,
 * or a description in words. Only http(s) strings are URLs. Reported as evidence-not-a-link.
 */
function notALink(target: string, span: Span, b: Builder, always = false): boolean {
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(target);
  const isDrive = /^[A-Za-z]:[\\/]/.test(target);
  let bad = false;
  if (scheme && !isDrive) bad = !/^(https?|file)$/i.test(scheme[1]);
  else if (!scheme) bad = /\s/.test(target) && !target.includes('/') && !/\.[A-Za-z0-9]{1,5}$/.test(target);
  if (!bad && !always) return false;
  b.problems.push({
    code: 'evidence-not-a-link',
    span,
    message: `\`${target}\` is not a link to evidence: only a path in the repository or an http(s) URL can be followed. Replace it with the file's path or the ticket's URL, or remove the entry until the evidence exists.`,
  });
  return true;
}

function makeLink(target: string, span: Span, date: string | undefined, b: Builder, dateSpan?: Span): EvidenceLink {
  // A file: URL names a path on this machine: it is judged as a path (and so leaves the root), never as a web link.
  const isUrl = /^[A-Za-z][A-Za-z0-9+.-]*:/.test(target) && !/^[A-Za-z]:[\\/]/.test(target) && !/^file:/i.test(target);
  if (isUrl && /^https?:/i.test(target) && !isWebUrl(target)) {
    invalid(b, span, `\`${target}\` is not a valid web address. Write the full link, e.g. https://tickets.example.com/SEC-123.`);
  }
  const fromPath = !date && !isUrl ? dateFromPath(target) : undefined;
  const d = date ?? fromPath;
  return { source: 'frontmatter', target, kind: isUrl ? 'url' : 'path', span, ...(d ? { date: d, dateFrom: date ? ('field' as const) : ('path' as const) } : {}), ...(date && dateSpan ? { dateSpan } : {}) };
}

function enumFixes(path: string, span: Span, allowed: readonly string[], actual: string): Fix[] | undefined {
  const best = nearest(actual, allowed, 2);
  if (best.length === 0) return undefined;
  return best.slice(0, 2).map((a, i) => ({ title: `Change to \`${a}\``, isPreferred: i === 0, changes: [{ kind: 'edit' as const, path, edits: [{ span, newText: a }] }] }));
}
