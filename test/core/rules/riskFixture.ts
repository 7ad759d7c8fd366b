// A small, clean risk register on TODAY (2026-11-16): a mitigated fraud risk, an accepted risk above
// tolerance, and the assessment held before the audit period that lists both. Risk rule tests vary
// it one line at a time.

import { joinLines, marked } from '../../helpers';
import { baseFiles, CONFIG } from './fixture';

export const RISK_CONFIG = joinLines(CONFIG.trimEnd(), 'risk:', '  scale: 5', '  tolerance: 9', '  assessment_cycle: annual', '');

export const RISK_LINES = [
  '---',
  'id: RISK-012',
  'type: risk',
  'title: Payroll fraud through a changed vendor bank account',
  'owner: cfo',
  'category: fraud',
  'criteria: [CC3.2, CC3.3]',
  'inherent: { likelihood: 4, impact: 4 }',
  'residual: { likelihood: 2, impact: 4 }',
  'treatment: mitigate',
  'controls: [AC-01]',
  'last_reviewed: 2026-02-01',
  '---',
  '',
  '# Payroll fraud',
  '',
];

export const ACCEPTED_LINES = [
  '---',
  'id: RISK-020',
  'type: risk',
  'title: Single region hosting',
  'owner: cto',
  'category: technology',
  'criteria: [CC3.2]',
  'inherent: { likelihood: 3, impact: 4 }',
  'residual: { likelihood: 3, impact: 4 }',
  'treatment: accept',
  'acceptance: { by: ceo, date: 2026-02-01, expires: 2027-02-01 }',
  'last_reviewed: 2026-02-01',
  '---',
  '',
  '# Single region hosting',
  '',
];

export const ASSESSMENT_LINES = [
  '---',
  'id: RA-2025',
  'type: risk-assessment',
  'title: Annual risk assessment 2025',
  'owner: security-lead',
  'date: 2025-12-15',
  'approved_by: ceo',
  'risks: [RISK-012, RISK-020]',
  '---',
  '',
  '# Annual risk assessment 2025',
  '',
];

export const RISK_PATH = 'risks/payroll-fraud.md';
export const ACCEPTED_PATH = 'risks/single-region.md';
export const ASSESSMENT_PATH = 'risks/assessments/2025.md';

export function riskFiles(): Record<string, string> {
  return {
    ...baseFiles(),
    'compliance-docs.yml': RISK_CONFIG,
    [RISK_PATH]: joinLines(...RISK_LINES),
    [ACCEPTED_PATH]: joinLines(...ACCEPTED_LINES),
    [ASSESSMENT_PATH]: joinLines(...ASSESSMENT_LINES),
  };
}

type Marked = { files: Record<string, string>; span: ReturnType<typeof marked>['span']; spans: ReturnType<typeof marked>['spans']; text: string };

function variant(path: string, base: readonly string[], edit: (lines: string[]) => string[]): Marked {
  const m = marked(joinLines(...edit([...base])));
  return { files: { ...riskFiles(), [path]: m.text }, span: m.span, spans: m.spans, text: m.text };
}

/** The fraud risk with some lines replaced (may contain «markers»). */
export function riskWith(edit: (lines: string[]) => string[]): Marked {
  return variant(RISK_PATH, RISK_LINES, edit);
}

/** The accepted risk with some lines replaced. */
export function acceptedWith(edit: (lines: string[]) => string[]): Marked {
  return variant(ACCEPTED_PATH, ACCEPTED_LINES, edit);
}

/** The assessment with some lines replaced. */
export function assessmentWith(edit: (lines: string[]) => string[]): Marked {
  return variant(ASSESSMENT_PATH, ASSESSMENT_LINES, edit);
}

/** The register's config with `risk:` replaced by `lines` (marked) and the rest kept. */
export function configWith(...lines: string[]): { files: Record<string, string>; span: ReturnType<typeof marked>['span']; text: string } {
  const m = marked(joinLines(CONFIG.trimEnd(), ...lines, ''));
  return { files: { ...riskFiles(), 'compliance-docs.yml': m.text }, span: m.span, text: m.text };
}

export { swap } from './vendorFixture';
