import type { WorkspaceRule } from './rule';

export const riskAssessmentStale: WorkspaceRule = {
  scope: 'workspace',
  code: 'risk-assessment-stale',
  defaultSeverity: 'warning',
  needs: 'index',
  description: 'The program has risks but no approved risk assessment dated within `risk.assessment_cycle` (annual by default).',
  check(ctx) {
    const { risks, today, config } = ctx;
    if (risks.risks === 0 && risks.assessments === 0) return;
    const cycle = config.risk.assessmentCycleText;
    const span = config.riskAnchor ?? config.anchor;
    if (!risks.newest) {
      ctx.report(
        span,
        `The register has ${risks.risks} risk${risks.risks === 1 ? '' : 's'} but no approved risk assessment dated on or before today. Auditors ask for the assessment itself, held at least ${cycle === 'annual' ? 'once a year' : `on the ${cycle} cycle`} and approved: record it as a \`type: risk-assessment\` document with \`date:\`, \`approved_by:\` and \`risks: [ids]\`.`,
      );
      return;
    }
    if (risks.newest.due >= today) return;
    ctx.report(
      span,
      `The newest risk assessment, ${risks.newest.path}, is dated ${risks.newest.date}; on the ${cycle} assessment cycle the next was due ${risks.newest.due}. Hold the assessment, have it approved, and record it as a new \`type: risk-assessment\` document with its date and the risks it reviewed.`,
    );
  },
};
