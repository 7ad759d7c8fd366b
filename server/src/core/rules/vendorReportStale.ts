import { criticalityOf, currentUntil, describeEntry, isStale, monthsBetween, newestSoc2Report } from '../model/vendor';
import type { DocumentRule } from './rule';
import { addAssuranceEntryFix } from './vendorFixes';

export const vendorReportStale: DocumentRule = {
  scope: 'document',
  code: 'vendor-report-stale',
  defaultSeverity: 'warning',
  description: "A vendor's newest SOC 2 report ended (period end, or as-of date) more than 12 months ago; an error for a critical vendor.",
  check(ctx) {
    const { doc, facts, today } = ctx;
    // SOC 2 reports only: certificates, tests and questionnaires have validity terms of their own.
    const newest = newestSoc2Report(doc, facts, today);
    if (!newest || !isStale(newest.date.value, today)) return;
    const { entry, date } = newest;
    const critical = criticalityOf(doc) === 'critical';
    const fix = addAssuranceEntryFix(doc);
    const months = monthsBetween(date.value, today);
    const ended = entry.periodEnd ? `its period ended ${date.value}` : `it is as of ${date.value}`;
    ctx.report(
      date.span,
      `The newest ${describeEntry(entry)} is ${months} months old: ${ended}, so it was current only until ${currentUntil(date.value)}. A report is current for 12 months from its period end, and a bridging letter does not extend it. Obtain the vendor's latest report, review it, and record it under \`assurance:\`.`,
      { ...(critical ? { severity: 'error' as const } : {}), ...(fix ? { fixes: [fix] } : {}) },
    );
  },
};
