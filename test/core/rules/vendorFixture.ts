// A critical vendor with a current SOC 2 Type II report and a mapped CUEC: clean on TODAY. Vendor rule
// tests vary it one line at a time.

import { joinLines, marked } from '../../helpers';
import { baseFiles } from './fixture';

export const VENDOR_LINES = [
  '---',
  'id: VEN-AWS',
  'type: vendor',
  'title: Amazon Web Services',
  'owner: it-lead',
  'criticality: critical',
  'services: [hosting, backups]',
  'relies_on: [security, availability]',
  'last_reviewed: 2026-10-01',
  'assurance:',
  '  - type: soc2-type2',
  '    period: { start: 2025-10-01, end: 2026-09-30 }',
  '    opinion: unqualified',
  '    categories: [security, availability]',
  '    report: evidence/vendors/aws-soc2-2026.pdf',
  'cuecs:',
  '  - text: We enforce MFA for console access',
  '    controls: [AC-01]',
  '---',
  '',
  '# Amazon Web Services',
  '',
];

export const VENDOR_PATH = 'vendors/aws.md';

export function vendorFiles(): Record<string, string> {
  return { ...baseFiles(), [VENDOR_PATH]: joinLines(...VENDOR_LINES), 'evidence/vendors/aws-soc2-2026.pdf': '%PDF' };
}

/** The base vendor with some lines replaced: `edit(lines)` returns the new lines (may contain «markers»). */
export function vendorWith(edit: (lines: string[]) => string[]): { files: Record<string, string>; span: ReturnType<typeof marked>['span']; spans: ReturnType<typeof marked>['spans']; text: string } {
  const m = marked(joinLines(...edit([...VENDOR_LINES])));
  return { files: { ...vendorFiles(), [VENDOR_PATH]: m.text }, span: m.span, spans: m.spans, text: m.text };
}

/** Replaces the line starting with `startsWith` (after its indentation and list marker) by `replacement` lines (none: removes it). */
export function swap(lines: string[], startsWith: string, ...replacement: string[]): string[] {
  const i = lines.findIndex((l) => l.trimStart().replace(/^- /, '').startsWith(startsWith));
  if (i < 0) throw new Error(`no line starting with ${startsWith}`);
  lines.splice(i, 1, ...replacement);
  return lines;
}
