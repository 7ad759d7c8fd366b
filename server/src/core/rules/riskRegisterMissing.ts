import type { WorkspaceRule } from './rule';

export const riskRegisterMissing: WorkspaceRule = {
  scope: 'workspace',
  code: 'risk-register-missing',
  defaultSeverity: 'warning',
  needs: 'index',
  description: 'CC3 (risk assessment) is in scope and the program has no risk document.',
  check(ctx) {
    const { program, coverage, risks } = ctx;
    // An empty run says so itself (no-documents).
    if (program.documents === 0 || risks.risks > 0) return;
    if (!coverage.criteria.some((c) => c.id.startsWith('CC3.') && c.state !== 'not-applicable')) return;
    const elsewhere = risks.registerLike ? ` \`${risks.registerLike}\` looks like a register kept in one file; its rows are not read as risks.` : '';
    ctx.report(
      ctx.config.riskAnchor ?? ctx.config.anchor,
      `CC3 is in scope but the program has no risk document, so nothing shows the risks identified, their likelihood and impact, owner and treatment.${elsewhere} Add one file per risk under \`risks/\` (\`type: risk\`, with \`inherent\`, \`residual\`, \`treatment\` and \`controls\`), and the periodic assessment as a \`type: risk-assessment\` document that lists them.`,
    );
  },
};
