import { criticalityOf, isKeyVendor, newestSoc2Report } from '../model/vendor';
import type { DocumentRule } from './rule';
import { addAssuranceEntryFix } from './vendorFixes';

export const vendorType1Only: DocumentRule = {
  scope: 'document',
  code: 'vendor-type1-only',
  defaultSeverity: 'warning',
  description: "A critical or high vendor's newest SOC 2 report is a Type I: it tested design on one date, not operation over a period.",
  check(ctx) {
    const { doc, facts, today } = ctx;
    if (!isKeyVendor(doc)) return;
    const entry = newestSoc2Report(doc, facts, today)?.entry;
    if (!entry?.type || entry.type.value !== 'soc2-type1') return;
    const fix = addAssuranceEntryFix(doc);
    ctx.report(
      entry.type.span,
      `The newest SOC 2 report of this ${criticalityOf(doc)} vendor is a Type I: it says the controls were suitably designed on one date, not that they operated over a period. Ask the vendor for its Type II report (or when it expects one) and record it under \`assurance:\`.`,
      fix ? { fixes: [fix] } : undefined,
    );
  },
};
