import { observationPeriod } from '../config/config';
import type { WorkspaceRule } from './rule';

export const riskAssessmentLate: WorkspaceRule = {
  scope: 'workspace',
  code: 'risk-assessment-late',
  defaultSeverity: 'warning',
  needs: 'index',
  description: 'Type II: no approved risk assessment is dated on or before the start of the audit period.',
  check(ctx) {
    const { risks, today, config } = ctx;
    const start = observationPeriod(config)?.start;
    if (start === undefined || start > today) return;
    if (risks.risks === 0 && risks.assessments === 0) return;
    if (risks.beforePeriod) return;
    const first = risks.newest ? ` Every assessment recorded is dated after it (the newest is ${risks.newest.path}, ${risks.newest.date}).` : '';
    ctx.report(
      config.periodStartSpan ?? config.riskAnchor ?? config.anchor,
      `No approved risk assessment is dated on or before the audit period's start, ${start}.${first} A Type II auditor checks that risks were assessed before the period whose controls answer them; record the assessment held before ${start} as a \`type: risk-assessment\` document with its date, or, if none was held, tell the auditor before fieldwork.`,
    );
  },
};
