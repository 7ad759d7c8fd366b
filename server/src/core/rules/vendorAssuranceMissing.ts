import type { ParsedDocument } from '../model/types';
import { criticalityOf, isKeyVendor } from '../model/vendor';
import { VENDOR_KEYS } from '../parse/vendor';
import { fieldOrAnchor, insertLineFix, type DocumentRule } from './rule';
import { addAssuranceEntryFix } from './vendorFixes';

/** A key of the vendor's own that names a report (`soc2_report_date`, `iso_certificate`, `last_pentest`), as written. */
const REPORT_KEY = /soc|iso|pen_?test|report|audit|certif|attestation/i;

/** A key the document uses for a report, outside `assurance:`, which is read only there. */
function statedReport(doc: ParsedDocument): string | undefined {
  return doc.fields.find((f) => f.field === f.key && !VENDOR_KEYS.has(f.key) && REPORT_KEY.test(f.key))?.key;
}

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
    const stated = hasKey ? undefined : statedReport(doc);
    ctx.report(
      fieldOrAnchor(doc, 'assurance'),
      stated
        ? `This ${criticalityOf(doc)} vendor lists no assurance entry (\`${stated}\` is not read as one), so nothing shows that its controls work. Record the report under \`assurance:\` with its type, period, opinion and report file.`
        : `This ${criticalityOf(doc)} vendor lists no assurance, so nothing shows that its controls work. Obtain its SOC 2 Type II report (or an ISO 27001 certificate), review it, and record it under \`assurance:\` with its period, opinion and report file.`,
      fix ? { fixes: [fix] } : undefined,
    );
  },
};
