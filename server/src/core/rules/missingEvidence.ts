import { fieldOrAnchor, type DocumentRule } from './rule';

export const missingEvidence: DocumentRule = {
  scope: 'document',
  code: 'missing-evidence',
  defaultSeverity: 'warning',
  description: 'An approved control links no evidence.',
  check(ctx) {
    const { doc, facts } = ctx;
    if (!facts.counts || facts.type !== 'control' || facts.evidence.length > 0) return;
    if (doc.problems.some((p) => p.code === 'field-invalid' && doc.fields.some((f) => f.field === 'evidence' && p.span.start >= f.keySpan.start && p.span.start <= f.valueSpan.end))) return;
    ctx.report(fieldOrAnchor(doc, 'evidence'), 'This control links no evidence. Add `evidence:` entries (a file path or ticket URL, with a date) for the records that show it operating; without them an auditor can only test its design.');
  },
};
