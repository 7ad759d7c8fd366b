// A small, clean repository (no findings in its documents on TODAY) that rule tests vary one line at a time.

import { joinLines, marked, workspaceOf, type FileSpec } from '../../helpers';

export const CONFIG = joinLines('categories: [security]', 'audit:', '  type: type2', '  period: { start: 2026-01-01, end: 2026-12-31 }', '');

export const POLICY = joinLines(
  '---',
  'id: POL-ACCESS',
  'type: policy',
  'title: Access Control Policy',
  'owner: security-lead',
  'criteria: [CC6.1, CC6.2]',
  'controls: [AC-01]',
  'last_reviewed: 2026-03-01',
  '---',
  '',
  '# Access control',
  '',
  'Access is granted on least privilege and reviewed every quarter.',
  '',
);

export const CONTROL_LINES = [
  '---',
  'id: AC-01',
  'type: control',
  'title: Quarterly access review',
  'owner: it-lead',
  'status: approved',
  'criteria: [CC6.2, CC6.3]',
  'policies: [POL-ACCESS]',
  'frequency: quarterly',
  'last_reviewed: 2026-06-01',
  'review_cycle: annual',
  'evidence:',
  '  - path: ../evidence/2026-Q1/review.csv',
  '    date: 2026-03-20',
  '  - ../evidence/2026-Q2/review.csv',
  '  - url: https://tickets.example.com/SEC-9',
  '    date: 2026-09-20',
  '---',
  '',
  '# Quarterly access review',
  '',
  'See [the Q3 export](../evidence/2026-Q3/review.csv).',
  '',
];

export const CONTROL = joinLines(...CONTROL_LINES);

export function baseFiles(): Record<string, string> {
  return {
    'compliance-docs.yml': CONFIG,
    'policies/access.md': POLICY,
    'controls/ac-01.md': CONTROL,
    'evidence/2026-Q1/review.csv': 'user,decision\n',
    'evidence/2026-Q2/review.csv': 'user,decision\n',
    'evidence/2026-Q3/review.csv': 'user,decision\n',
  };
}

/** The base control with some lines replaced: `edit(lines)` returns the new lines (may contain «markers»). */
export function controlWith(edit: (lines: string[]) => string[]): { files: Record<string, string>; span: ReturnType<typeof marked>['span']; text: string } {
  const m = marked(joinLines(...edit([...CONTROL_LINES])));
  return { files: { ...baseFiles(), 'controls/ac-01.md': m.text }, span: m.span, text: m.text };
}

export function replaceLine(lines: string[], startsWith: string, replacement: string | null): string[] {
  const i = lines.findIndex((l) => l.startsWith(startsWith));
  if (i < 0) throw new Error(`no line starting with ${startsWith}`);
  if (replacement === null) lines.splice(i, 1);
  else lines[i] = replacement;
  return lines;
}

export function build(files: FileSpec, today?: string): ReturnType<typeof workspaceOf> {
  return workspaceOf(files, today ? { today } : {});
}
