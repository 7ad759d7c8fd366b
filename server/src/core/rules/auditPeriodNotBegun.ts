import { observationPeriod } from '../config/config';
import type { WorkspaceRule } from './rule';

export const auditPeriodNotBegun: WorkspaceRule = {
  scope: 'workspace',
  code: 'audit-period-not-begun',
  defaultSeverity: 'info',
  description: 'Type II: the observation period starts after today, so no slot of it has elapsed yet.',
  check(ctx) {
    const { audit } = ctx.config;
    const period = observationPeriod(ctx.config);
    if (!period || period.start <= ctx.today) return;
    ctx.report(
      audit.periodSpan ?? ctx.config.anchor,
      `The observation period starts on ${period.start}, after today (${ctx.today}): no slot of it has elapsed, so no control can be in exception yet and the period calendar is all not yet due. Evidence from before ${period.start} fills no slot.`,
    );
  },
};
