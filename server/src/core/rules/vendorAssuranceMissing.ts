import { criticalityOf, isKeyVendor } from '../model/vendor';
import { fieldOrAnchor, insertLineFix, type DocumentRule } from './rule';
import { addAssuranceEntryFix } from './vendorFixes';

export const vendorAssuranceMissing: DocumentRule = {
  scope: 'document',
  code: 'vendor-assurance-missing',
  defaultSeverity: 'error',
  description: 'A critical or high vendor lists no assurance (SOC 2 report, ISO 27001 certificate, penetration test or questionnaire).',
  check(ctx) {
    const { doc, facts } = ctx;
    if (facts.type !== 'vendor' || !facts.counts || !doc.vendor || !isKeyVendor(doc) || doc.vendor.assurance.length > 0) return;
    // An `assurance:` value that could not be read is field-invalid already.
    if (doc.problems.some((p) => p.code === 'field-invalid' && doc.fields.some((f) => f.field === 'assurance' && p.span.start >= f.keySpan.start && p.span.start <= f.valueSpan.end))) return;
    const hasKey = doc.fields.some((f) => f.field === 'assurance');
    const fix = hasKey
      ? addAssuranceEntryFix(doc)
      : insertLineFix(doc, 'Add an assurance entry', 'assurance:\n  - type: soc2-type2\n    period: { start: YYYY-MM-DD, end: YYYY-MM-DD }\n    opinion: unqualified\n    categories: [security]\n    report: evidence/vendors/REPORT.pdf');
    ctx.report(
      fieldOrAnchor(doc, 'assurance'),
      `This ${criticalityOf(doc)} vendor lists no assurance, so nothing shows that its controls work. Obtain its SOC 2 Type II report (or an ISO 27001 certificate), review it, and record it under \`assurance:\` with its period, opinion and report file.`,
      fix ? { fixes: [fix] } : undefined,
    );
  },
};
