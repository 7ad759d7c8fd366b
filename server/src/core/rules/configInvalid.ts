import type { WorkspaceRule } from './rule';

export const configInvalid: WorkspaceRule = {
  scope: 'workspace',
  code: 'config-invalid',
  defaultSeverity: 'error',
  description: 'compliance-docs.yml does not parse, or has an unknown key or a wrong value.',
  check(ctx) {
    for (const p of ctx.configProblems) ctx.report(p.span, p.message, p.fixes ? { fixes: p.fixes } : undefined);
  },
};
