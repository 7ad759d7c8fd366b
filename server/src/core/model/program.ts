// Which markdown files are the program's documents when the config does not say: those under a folder
// whose name says what they are, and those whose frontmatter has compliance keys. And the counts every
// run reports: documents read by type, files passed over and why.

import { foldKey, inMaterialFolder, namedAsDocument, typeFromFolder } from '../parse/document';
import type { DocumentType, ParsedDocument } from './types';

/** Frontmatter keys that only a compliance document has (besides every field the parser read as criteria, review, evidence…). */
const COMPLIANCE_KEYS = new Set([
  'doc_type',
  'document_type',
  'policy',
  'policy_id',
  'policy_owner',
  'control_id',
  'approval_date',
  'last_approved',
  'last_approval_date',
  'date_approved',
  'approved_on',
  'reviewed_on',
  'date_reviewed',
  'last_reviewed_date',
  'last_reviewed_on',
  'approved_by',
  'approver',
  'last_reviewed',
  'last_review',
  'review_cycle',
  'review_frequency',
  'next_review',
  'next_review_date',
  'review_due',
  'criteria',
  'tsc',
  'tsc_criteria',
  'soc2',
  'soc2_criteria',
  'satisfies',
  'majorrevisions',
  'major_revisions',
  'controls',
  'policies',
  'evidence',
  'classification',
]);

/** A folder that holds evidence: its markdown files are evidence, not documents. */
export function inEvidenceFolder(path: string): boolean {
  return EVIDENCE_FOLDER.test(path);
}

/** A segment `evidence` or `evidences`, in any case, followed by a `/`. */
const EVIDENCE_FOLDER = /(?:^|\/)evidences?\//i;

export type PassedOver = 'not-a-document' | 'policy-false' | 'unreadable' | 'mapping-file' | 'template' | 'repository-file' | 'material' | 'work-plan' | 'third-party' | 'test-data' | 'example';

/**
 * A template to copy documents from: under a `templates` folder (or one named `… Templates`,
 * `policy-templates`), in a theme (`themes/comply-soc2/policies/…`: the program a tool's `init`
 * copies, beside the example it ships), or named `_template…`, `template…`, `…-template` or
 * `…-templates` (a file of them).
 */
export function isTemplate(path: string): boolean {
  return /(^|\/)(?:[^/]*[-_ ])?_?templates?\//i.test(path) || /(^|\/)themes\/[^/]+\//i.test(path) || /(^|\/)_?template[-_. ]/i.test(path) || /[-_. ]templates?\.(?:md|markdown)$/i.test(path);
}

/** Files named for what they are in any repository (README, LICENSE, CHANGELOG, notes…). */
const REPOSITORY_FILE = /(?:^|\/)(?:readme|licen[cs]e|copying|changelog|changes|history|contributing|code[-_]of[-_]conduct|authors|notes|todo|summary)(?:\.[^/.]+)?\.(?:md|markdown)$/i;

/**
 * Code a package manager copied in: Go's `vendor/github.com/…`, `vendor/golang.org/…` (a folder
 * named like a domain under `vendor/`). Its markdown files are its authors' notes, not vendor files.
 */
const VENDORED_CODE = /(?:^|\/)vendor\/(?:[a-z0-9-]+\.)+[a-z]{2,}\//i;

/**
 * A tool's test data (`fixtures/policies/invalid-access.md`, `testdata/…`): documents written to be
 * wrong, whatever their frontmatter says. A program keeps no such folder.
 */
const TEST_DATA = /(?:^|\/)(?:__)?(?:fixtures|testdata|test[-_]data|test[-_]fixtures)(?:__)?\//i;

/**
 * An example program (`example/policies/access.md`, `samples/…`): what a tool ships to show its format.
 * Beside the program itself it is not the program, whatever its frontmatter says (its ids are the
 * program's own, copied); alone, it is what there is to read.
 */
const EXAMPLE = /(?:^|\/)(?:examples?|samples?)\//i;

/** The folder holding the example folder a path is under ('' for the root), or undefined when it is under none. */
export function exampleParent(path: string): string | undefined {
  const m = EXAMPLE.exec(path);
  if (!m) return undefined;
  return m.index === 0 ? '' : path.slice(0, m.index);
}

/** Whether a folder name is that of an example folder. */
export function isExampleFolder(name: string): boolean {
  return EXAMPLE.test(`${name}/`);
}

/** A form to sign beside the policies (`policy/signature.md`, `acknowledgement.md`): a record to be, not a policy. */
const SIGN_FORM = /(?:^|\/)(?:acknowledge?ments?|signatures?|sign[-_ ]?off)(?:[-_ ]form)?\.(?:md|markdown)$/i;

/** `convert-x-to-y-0517d6ce.plan.md`: the plans code editors and their agents write. */
const WORK_PLAN = /\.plan\.md$/i;

/**
 * Whether a parsed markdown file is one of the program's documents when the config has no
 * `documents.include`: it sits under a folder named for a kind of document, or its frontmatter has
 * compliance keys (`policy: false` says it is not). Otherwise, why it was passed over.
 */
export function programMembership(doc: ParsedDocument, programBeside: (dir: string) => boolean = () => true): PassedOver | undefined {
  if (VENDORED_CODE.test(doc.path)) return 'third-party';
  if (TEST_DATA.test(doc.path)) return 'test-data';
  const example = exampleParent(doc.path);
  if (example !== undefined && programBeside(example)) return 'example';
  if (isTemplate(doc.path)) return 'template';
  // A README or LICENSE with no frontmatter describes its folder, even in a folder of policies.
  if (!doc.frontmatter && !doc.type && REPOSITORY_FILE.test(doc.path)) return 'repository-file';
  const policyFalse = doc.fields.some((f) => f.key.toLowerCase() === 'policy' && doc.type === undefined);
  // Below a folder of references or archives, or a hidden one, only compliance frontmatter makes a document.
  const material = inMaterialFolder(doc.path) || SIGN_FORM.test(doc.path);
  // An editor's or agent's plan of work (`*.plan.md`), though it sits in a `plans` folder.
  const workPlan = WORK_PLAN.test(doc.path);
  // So does a name that ends in what it is (`secure_coding_policy.md`, `Backup-Procedure.md`), in any folder.
  if (!material && !workPlan && (typeFromFolder(doc.path) !== undefined || namedAsDocument(doc.path))) return undefined;
  // Only a glob of `types:` types a file with no frontmatter outside such a folder.
  const otherwise: PassedOver = workPlan ? 'work-plan' : material ? 'material' : 'not-a-document';
  if (!doc.frontmatter) return doc.type ? undefined : doc.problems.some((p) => p.code === 'document-unreadable') ? 'unreadable' : otherwise;
  if (doc.format === 'comply') return undefined;
  if (doc.type || doc.criteria.length > 0 || (doc.series?.length ?? 0) > 0) return undefined;
  for (const f of doc.fields) {
    const key = foldKey(f.key);
    if (key === 'policy') continue;
    // A key read from a container (`metadata.owner`) counts as the field it was read as.
    if (COMPLIANCE_KEYS.has(key) || (f.field !== f.key && COMPLIANCE_KEYS.has(f.field))) return undefined;
  }
  return policyFalse ? 'policy-false' : otherwise;
}

export const PASSED_OVER_REASONS: Readonly<Record<PassedOver | 'excluded' | 'evidence' | 'not-included', string>> = {
  'not-a-document': 'not under a policies, procedures, controls, standards, plans or narratives folder, not named as one (`…-policy.md`), and its frontmatter has no compliance keys',
  'policy-false': 'its frontmatter says `policy: false`',
  unreadable: 'it could not be read, and it is not under a folder of documents',
  'mapping-file': 'listed under mappings: its tables are read, it is not a document',
  template: 'a template (under a templates or themes folder, or named template… or …-template)',
  'repository-file': 'a README, LICENSE, CHANGELOG, CONTRIBUTING or notes file with no frontmatter: it describes the repository or its folder',
  'work-plan': 'a plan of work written by or for a code editor (`*.plan.md`), and its frontmatter has no compliance keys',
  'third-party': 'code a package manager copied in (`vendor/github.com/…`), not a vendor file',
  'test-data': 'test data of a tool (under a fixtures or testdata folder), not the program',
  example: 'an example (under an examples or samples folder) beside the program, not the program',
  material: 'under a folder of reference material, attachments, records, archives, examples or assets, or a hidden folder, or a form to sign (`signature.md`, `acknowledgement.md`), and its frontmatter has no compliance keys',
  excluded: 'matched by documents.exclude',
  evidence: 'in an evidence folder',
  'not-included': 'not matched by documents.include',
};

export interface ProgramStats {
  readonly documents: number;
  readonly byType: Readonly<Record<DocumentType, number>>;
  /** Documents whose frontmatter was read (not missing, parsed). */
  readonly readable: number;
  /** Documents that count: readable and approved. */
  readonly approved: number;
  /** Documents with a review date. */
  readonly reviewed: number;
}

/** "12 documents (8 policies, 3 procedures, 1 control)". */
export function describeDocuments(stats: Pick<ProgramStats, 'documents' | 'byType'>): string {
  const plural: Record<DocumentType, string> = { policy: 'policies', procedure: 'procedures', control: 'controls', narrative: 'narratives', vendor: 'vendors', risk: 'risks', 'risk-assessment': 'risk assessments' };
  const parts = (Object.keys(plural) as DocumentType[]).filter((t) => stats.byType[t] > 0).map((t) => `${stats.byType[t]} ${stats.byType[t] === 1 ? t.replace('-', ' ') : plural[t]}`);
  return `${stats.documents} document${stats.documents === 1 ? '' : 's'}${parts.length > 0 ? ` (${parts.join(', ')})` : ''}`;
}

/** "Read 12 documents (8 policies, 4 procedures); passed over 3 other markdown files", then `more`, then a full stop. */
export function describeReading(stats: Pick<ProgramStats, 'documents' | 'byType'>, skipped: number, more = ''): string {
  const passed = skipped > 0 ? `; passed over ${skipped} other markdown file${skipped === 1 ? '' : 's'}${more}` : '';
  return `Read ${describeDocuments(stats)}${passed}.`;
}

/** The markdown files a page path may be published from: the file, `X.md` (for `X` or `X.html`), `X/index.md`, `X/README.md`, `X/_index.md`. */
export function pageCandidates(path: string): string[] {
  const base = path.replace(/\.html?$/i, '');
  return [path, `${base}.md`, `${path}/index.md`, `${path}/README.md`, `${path}/_index.md`];
}

/** What a run read: every document with what it means, and the markdown files it passed over. */
export interface RunSummary {
  readonly documents: ReadonlyArray<{ readonly path: string; readonly type: DocumentType; readonly id: string; readonly status: string; readonly criteria: readonly string[] }>;
  readonly skipped: ReadonlyArray<{ readonly path: string; readonly reason: string }>;
}
