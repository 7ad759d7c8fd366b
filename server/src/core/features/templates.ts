// Templates for new documents and for the frontmatter of an existing one. Used by `init`, the editor's
// "new policy/control/procedure" commands, and the fixes that create a control or add a skeleton.

import { getCriterion } from '../catalog/catalog';
import type { DocumentType } from '../model/types';

export interface SkeletonInput {
  readonly id: string;
  readonly type: DocumentType;
  readonly title: string;
  readonly today: string;
  /** Criteria ranked from the document's text, offered in a comment. */
  readonly suggested?: readonly string[];
}

/** A frontmatter block to put on top of a document that has none. New blocks start as drafts. */
export function frontmatterSkeleton(input: SkeletonInput): string {
  const lines = ['---', `id: ${input.id}`, `type: ${input.type}`, `title: ${yamlString(input.title)}`, 'owner: ', 'status: draft'];
  const hint = input.suggested && input.suggested.length > 0 ? `  # suggested from the text: ${input.suggested.join(', ')}` : '';
  lines.push(`criteria: []${hint}`);
  if (input.type === 'control') lines.push('frequency: quarterly', 'evidence: []');
  lines.push(`last_reviewed: ${input.today}`, 'review_cycle: annual', '---', '');
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
