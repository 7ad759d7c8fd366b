import { criticalityOf, currentUntil, entryDate, isSoc2, isStale, monthsBetween, newestEntry } from '../model/vendor';
import type { AssuranceEntry } from '../model/types';
import type { DocumentRule } from './rule';

/** "SOC 2 Type II report", "ISO 27001 certificate", … */
export function describeEntry(e: AssuranceEntry): string {
  switch (e.type?.value) {
    case 'soc2-type2':
      return 'SOC 2 Type II report';
    case 'soc2-type1':
      return 'SOC 2 Type I report';
    case 'iso27001':
      return 'ISO 27001 certificate';
    case 'pentest':
      return 'penetration test';
    case 'questionnaire':
      return 'security questionnaire';
    default:
      return 'assurance entry';
  }
}


export const vendorReportStale: DocumentRule = {
  scope: 'document',
  code: 'vendor-report-stale',
  defaultSeverity: 'warning',
  description: "A vendor's newest SOC 2 report ended (period end, or as-of date) more than 12 months ago; an error for a critical vendor.",
  check(ctx) {
    const { doc, facts, today } = ctx;
    if (facts.type !== 'vendor' || !facts.counts || !doc.vendor) return;
    // SOC 2 reports only: certificates, tests and questionnaires have validity terms of their own.
    const entry = newestEntry(doc, today, isSoc2);
    const date = entry && entryDate(entry);
    if (!entry || !date || !isStale(date.value, today)) return;
    const critical = criticalityOf(doc) === 'critical';
    const months = monthsBetween(date.value, today);
    const ended = entry.periodEnd ? `its period ended ${date.value}` : `it is as of ${date.value}`;
    ctx.report(
      date.span,
      `The newest ${describeEntry(entry)} is ${months} months old: ${ended}, so it was current only until ${currentUntil(date.value)}. A report is current for 12 months from its period end, and a bridging letter does not extend it. Obtain the vendor's latest report, review it, and record it under \`assurance:\`.`,
      critical ? { severity: 'error' } : undefined,
    );
  },
};
