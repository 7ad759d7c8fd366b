// What `init` writes, for the CLI and the editor's "Open or Create compliance-docs.yml": in a
// repository that already has documents, the config that reads them (detectConfig.ts), with lines
// saying what was found; in an empty one, a commented config, one policy, one control and one vendor.

import type { ComplianceWorkspace } from '../index/workspace';
import { CONFIG_TEMPLATE } from './configTemplate';
import { detectedConfig } from './detectConfig';
import { newAssessment, newDocument, newRisk, newVendor } from '../model/templates';

export interface InitPlan {
  /** Files to create, relative to the root, in order; none may exist yet. */
  readonly files: ReadonlyArray<{ readonly path: string; readonly content: string }>;
  /** What was found, when a program was detected. */
  readonly found: readonly string[];
  readonly detected: boolean;
}

/** `ws` is the workspace read with no config; `today` dates the starter documents. */
export function initPlan(ws: ComplianceWorkspace, today: string): InitPlan {
  if (ws.documentCount > 0) {
    const detected = detectedConfig(ws);
    return { files: [{ path: 'compliance-docs.yml', content: detected.text }], found: detected.found, detected: true };
  }
  return { files: starterFiles(today), found: [], detected: false };
}

/** A commented config, one policy, one control that implements it, a draft vendor, and a draft risk and assessment. */
export function starterFiles(today: string): Array<{ path: string; content: string }> {
  return [
    { path: 'compliance-docs.yml', content: CONFIG_TEMPLATE },
    { path: 'policies/access-control.md', content: newDocument({ type: 'policy', id: 'POL-ACCESS', title: 'Access Control Policy', criteria: ['CC6.1', 'CC6.2', 'CC6.3'], today }) },
    {
      path: 'controls/ac-01-access-review.md',
      content: newDocument({ type: 'control', id: 'AC-01', title: 'Quarterly user access review', criteria: ['CC6.2', 'CC6.3'], today }).replace('policies: []', 'policies: [POL-ACCESS]'),
    },
    { path: 'vendors/hosting-provider.md', content: newVendor(today) },
    { path: 'risks/payroll-fraud.md', content: newRisk(today) },
    { path: 'risks/assessments/annual-risk-assessment.md', content: newAssessment(today) },
  ];
}
