import type { WorkspaceRule } from './rule';

export const fraudRiskMissing: WorkspaceRule = {
  scope: 'workspace',
  code: 'fraud-risk-missing',
  defaultSeverity: 'warning',
  needs: 'index',
  description: 'The risk register has no risk of category fraud (CC3.3).',
  check(ctx) {
    const { coverage, risks } = ctx;
    if (risks.counting === 0 || risks.fraud) return;
    const cc33 = coverage.criteria.find((c) => c.id === 'CC3.3');
    if (!cc33 || cc33.state === 'not-applicable') return;
    ctx.report(
      ctx.config.riskAnchor ?? ctx.config.anchor,
      `No approved risk in the register is of category fraud. CC3.3 asks that the assessment considers how fraud could be committed against or through the organisation (misused access, falsified records, payment or payroll fraud, theft of assets). Add a risk with \`category: fraud\`, or set that category on the risk that covers it.`,
    );
  },
};
