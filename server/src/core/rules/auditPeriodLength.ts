import { observationPeriod } from '../config/config';
import { addPeriod, daysBetween } from '../dates';
import type { WorkspaceRule } from './rule';

/** The last day of a period of `months` months from `start` (2026-01-01 + 6 → 2026-06-30). */
function lastDay(start: string, months: number): string {
  return addPeriod(start, { years: 0, months, days: -1 });
}

export const auditPeriodLength: WorkspaceRule = {
  scope: 'workspace',
  code: 'audit-period-length',
  defaultSeverity: 'warning',
  description: 'Type II: the observation period is shorter than 6 months or longer than 12.',
  check(ctx) {
    const { audit } = ctx.config;
    const period = observationPeriod(ctx.config);
    if (!period) return;
    const days = daysBetween(period.start, period.end) + 1;
    const shortest = lastDay(period.start, 6);
    const longest = lastDay(period.start, 12);
    const span = `${period.start} to ${period.end}, ${days} day${days === 1 ? '' : 's'}`;
    if (period.end < shortest) {
      ctx.report(
        audit.periodSpan ?? ctx.config.anchor,
        `The observation period (${span}) is shorter than 6 months, the least a Type II report covers. End it on ${shortest} or later, or plan a Type I report for now.`,
        { data: { shortest } },
      );
    } else if (period.end > longest) {
      ctx.report(
        audit.periodSpan ?? ctx.config.anchor,
        `The observation period (${span}) is longer than 12 months, the most a Type II report covers. End it on ${longest} or earlier.`,
        { data: { longest } },
      );
    }
  },
};
