import { markReviewedFix } from './reviewFix';
import type { DocumentRule } from './rule';

export const futureReviewDate: DocumentRule = {
  scope: 'document',
  code: 'future-review-date',
  defaultSeverity: 'warning',
  description: 'last_reviewed is after today.',
  check(ctx) {
    const { doc, facts } = ctx;
    if (facts.review.kind !== 'future' || !doc.lastReviewed) return;
    const fix = markReviewedFix(doc, ctx.recordDate, ctx.today);
    ctx.report(doc.lastReviewed.span, `The review date ${facts.review.date} is in the future (today is ${ctx.today}). Record the date the review actually happened.`, fix ? { fixes: [{ ...fix, title: `Set the review date to today (${ctx.recordDate})` }] } : undefined);
  },
};
