// Templates for new documents and for the frontmatter of an existing one. Used by `init`, the editor's
// "new policy/control/procedure" commands, and the fixes that create a control or add a skeleton.

import { getCriterion } from '../catalog/catalog';
import type { DocumentType } from './types';
import { idShapeProblem } from '../parse/idShape';

export interface SkeletonInput {
  readonly id: string;
  readonly type: DocumentType;
  readonly title: string;
  readonly today: string;
  /** Criteria ranked from the document's text, offered in a comment. */
  readonly suggested?: readonly string[];
  /** The owner and last review the body states, carried into the block. */
  readonly owner?: string;
  readonly reviewed?: string;
}

/** A frontmatter block to put on top of a document that has none. New blocks start as drafts. */
export function frontmatterSkeleton(input: SkeletonInput): string {
  const lines = ['---', `id: ${input.id}`, `type: ${input.type}`, `title: ${yamlString(input.title)}`, input.owner ? `owner: ${yamlString(input.owner)}` : 'owner: ', 'status: draft'];
  const hint = input.suggested && input.suggested.length > 0 ? `  # suggested from the text: ${input.suggested.join(', ')}` : '';
  lines.push(`criteria: []${hint}`);
  if (input.type === 'control') lines.push('frequency: quarterly', 'evidence: []');
  lines.push(`last_reviewed: ${input.reviewed ?? input.today}`, 'review_cycle: annual', '---', '');
  return `${lines.join('\n')}\n`;
}

export interface NewDocumentInput {
  readonly type: 'policy' | 'procedure' | 'control';
  readonly id: string;
  readonly title: string;
  readonly owner?: string;
  readonly criteria: readonly string[];
  readonly today: string;
  /** New documents are drafts until someone approves them. */
  readonly status?: 'draft' | 'approved';
}

/** The folder each kind of new document goes in. A Map: `__proto__` or `constructor` is no kind. */
export const NEW_DOCUMENT_FOLDERS: ReadonlyMap<NewDocumentInput['type'], string> = new Map([
  ['policy', 'policies'],
  ['procedure', 'procedures'],
  ['control', 'controls'],
]);

export interface NewDocumentRequestInput {
  readonly type: NewDocumentInput['type'];
  readonly id: string;
  readonly title: string;
  readonly criteria: readonly string[];
}

/**
 * A new-document request as it arrives from any client, checked: a known type, an id that is one
 * plain token of frontmatter and of a file name (no line break, nothing YAML or a path reads), a
 * one-line title and a list of criterion ids. Either the checked input or what is wrong, in words.
 */
export function checkNewDocumentRequest(params: { readonly type?: unknown; readonly id?: unknown; readonly title?: unknown; readonly criteria?: unknown }): NewDocumentRequestInput | { readonly error: string } {
  const kinds = [...NEW_DOCUMENT_FOLDERS.keys()].join(', ');
  const type = params.type;
  if (typeof type !== 'string' || !NEW_DOCUMENT_FOLDERS.has(type as NewDocumentInput['type'])) {
    return { error: `The type of a new document must be one of ${kinds}; ${describeValue(type)} is not.` };
  }
  if (typeof params.id !== 'string' || params.id.trim() === '') return { error: `A new ${type} needs an id, such as AC-01; ${describeValue(params.id)} is not one.` };
  const id = params.id.trim();
  const problem = /[/\\]/.test(id) ? 'has a path separator' : /^(?:[\d._-]+|null|true|false|yes|no|on|off)$/i.test(id) ? 'reads as a number or a keyword in YAML, not as text' : idShapeProblem(id);
  if (problem) return { error: `The id ${JSON.stringify(id)} ${problem}. An id is letters, digits and \`-\`, \`_\` or \`.\`, such as AC-01.` };
  if (typeof params.title !== 'string') return { error: `A new ${type} needs a title; ${describeValue(params.title)} is not one.` };
  if (/[\r\n\u2028\u2029]/.test(params.title)) return { error: `The title of a new ${type} must be one line.` };
  const criteria = params.criteria ?? [];
  if (!Array.isArray(criteria) || !criteria.every((c): c is string => typeof c === 'string')) return { error: 'The criteria of a new document must be a list of criterion ids, such as ["CC6.1"].' };
  return { type: type as NewDocumentInput['type'], id, title: params.title.trim(), criteria: criteria.filter((c) => getCriterion(c)) };
}

function describeValue(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  return typeof v === 'object' ? (Array.isArray(v) ? 'a list' : 'an object') : `${typeof v} ${String(v)}`;
}

/** A complete new document: frontmatter and a body outline for its kind. */
export function newDocument(input: NewDocumentInput): string {
  const fm = [
    '---',
    `id: ${input.id}`,
    `type: ${input.type}`,
    `title: ${yamlString(input.title)}`,
    `owner: ${input.owner ?? ''}`,
    `status: ${input.status ?? 'draft'}`,
    `criteria: [${input.criteria.join(', ')}]`,
  ];
  if (input.type === 'control') fm.push('policies: []', 'frequency: quarterly');
  fm.push(`last_reviewed: ${input.today}`, 'review_cycle: annual');
  if (input.type === 'control') fm.push('evidence: []');
  fm.push('---', '');
  const mapped = input.criteria.map((id) => `- ${id} ${getCriterion(id)?.title ?? ''}`.trimEnd());
  const body =
    input.type === 'control'
      ? [
          `# ${input.title}`,
          '',
          '## Objective',
          '',
          `What this control makes sure of, in one sentence. It addresses:`,
          '',
          ...mapped,
          '',
          '## How it operates',
          '',
          '1. Who does what, with which system.',
          '2. How often (matches `frequency`).',
          '3. What record it leaves, and where that record is kept.',
          '',
          '## Evidence',
          '',
          'Each time the control operates, add the record under `evidence:` with its date.',
          '',
        ]
      : input.type === 'policy'
        ? [`# ${input.title}`, '', '## Purpose', '', 'Why this policy exists.', '', '## Scope', '', 'The people, systems and data it applies to.', '', '## Policy', '', '- The rules, each one something that can be checked.', '', '## Roles and responsibilities', '', '## Exceptions', '', 'How exceptions are requested, approved and recorded.', '']
        : [`# ${input.title}`, '', '## Purpose', '', '## Steps', '', '1. First step.', '2. Next step.', '', '## Records', '', 'What record each run leaves and where it is kept.', ''];
  return `${fm.join('\n')}\n${body.join('\n')}`;
}

/** Quotes a YAML scalar only when it needs it. */
export function yamlString(text: string): string {
  return /^[A-Za-z0-9][A-Za-z0-9 _./()&,+-]*$/.test(text) && !/[:#]/.test(text) && !/\s$/.test(text) ? text : JSON.stringify(text);
}

/** The default id and file name for a new control that maps one criterion, e.g. CTL-CC1-2. */
export function controlIdFor(criterionId: string): string {
  return `CTL-${criterionId.replace('.', '-')}`;
}

/** A vendor file to start from: a draft (so that nothing is judged until it is filled in), with every vendor field shown. */
export function newVendor(today: string): string {
  return [
    '---',
    'id: VEN-HOSTING',
    'type: vendor',
    'title: Hosting provider',
    'owner: ',
    'status: draft',
    'criticality: critical        # critical | high | medium | low',
    'services: [hosting]',
    'relies_on: [security, availability]   # the categories you rely on this vendor for',
    `last_reviewed: ${today}       # your review of the vendor and its report`,
    '# review_cycle defaults by criticality: critical semiannual, high annual, medium and low P2Y',
    'assurance: []',
    '# assurance:',
    '#   - type: soc2-type2          # soc2-type2 | soc2-type1 | iso27001 | pentest | questionnaire',
    '#     period: { start: 2025-10-01, end: 2026-09-30 }   # a Type I has as_of: DATE instead',
    '#     opinion: unqualified      # unqualified | qualified | adverse | disclaimer',
    '#     categories: [security, availability]',
    '#     report: evidence/vendors/hosting-soc2.pdf        # from the repository root, or an https URL',
    '#     bridge_letter: { date: 2026-12-15, through: 2026-12-31, report: evidence/vendors/hosting-bridge.pdf }',
    'cuecs: []',
    '# cuecs:                        # what the report asks of you, and the controls that do it',
    '#   - text: We manage user accounts and enforce MFA for console access',
    '#     controls: [AC-01]',
    '---',
    '',
    '# Hosting provider',
    '',
    'What the vendor does for you, what data it holds, and how you would replace it.',
    '',
    '## Review',
    '',
    "Each review: the report's period and opinion, the exceptions and what they mean for you, and the",
    'CUECs with the controls that implement them.',
    '',
  ].join('\n');
}

/** A risk to start the register from: a draft (judged once approved), with every risk field shown. */
export function newRisk(today: string): string {
  return [
    '---',
    'id: RISK-001',
    'type: risk',
    'title: Payroll fraud through a changed vendor bank account',
    'owner: ',
    'status: draft',
    'category: fraud              # fraud | change | vendor | technology | people | legal | operational | other',
    'criteria: [CC3.2, CC3.3]',
    'inherent: { likelihood: 4, impact: 4 }   # before controls; 1..risk.scale each',
    'residual: { likelihood: 2, impact: 4 }   # with the controls below',
    'treatment: mitigate          # mitigate | accept | transfer | avoid',
    'controls: []                 # the controls that bring it from inherent to residual',
    '# acceptance: { by: ceo, date: YYYY-MM-DD, expires: YYYY-MM-DD }   # needed when accepted, or above tolerance',
    `last_reviewed: ${today}`,
    '---',
    '',
    '# Payroll fraud through a changed vendor bank account',
    '',
    'How it could happen, what it would cost, and what keeps it from happening.',
    '',
  ].join('\n');
}

/** The periodic risk assessment: a draft dated today that lists the starter risk. */
export function newAssessment(today: string): string {
  return [
    '---',
    `id: RA-${today.slice(0, 4)}`,
    'type: risk-assessment',
    `title: Risk assessment ${today.slice(0, 4)}`,
    'owner: ',
    'status: draft                # approved once management signs it off',
    `date: ${today}               # the day it was held`,
    'approved_by: ',
    'risks: [RISK-001]            # every risk it reviewed',
    '---',
    '',
    `# Risk assessment ${today.slice(0, 4)}`,
    '',
    'Who took part, the method (scales, tolerance), the risks added, re-scored or closed, and the changes considered.',
    '',
  ].join('\n');
}
