import { markReviewedFix } from './reviewFix';
import { fieldOrAnchor, type DocumentRule } from './rule';

export const missingReviewDate: DocumentRule = {
  scope: 'document',
  code: 'missing-review-date',
  defaultSeverity: 'warning',
  description: 'An approved document has no last_reviewed date.',
  check(ctx) {
    const { doc, facts } = ctx;
    if (!facts.readable || facts.review.kind !== 'missing') return;
    if (doc.problems.some((p) => p.code === 'field-invalid' && doc.fields.some((f) => f.field === 'last_reviewed' && p.span.start >= f.keySpan.start && p.span.start <= f.valueSpan.end))) return;
    const fix = markReviewedFix(doc, ctx.recordDate, ctx.today);
    const key = doc.fields.find((f) => f.field === 'last_reviewed')?.key ?? (doc.format === 'comply' ? 'majorRevisions' : 'last_reviewed');
    const add = key === 'majorRevisions' ? 'Add a `majorRevisions:` entry (`- date: …`, `comment: …`)' : `Add \`${key}:\``;
    ctx.report(fieldOrAnchor(doc, 'last_reviewed'), `No review date. ${add} with the date this ${facts.type} was last reviewed and approved; auditors check that every document is reviewed on its cycle.`, fix ? { fixes: [fix] } : undefined);
  },
};
