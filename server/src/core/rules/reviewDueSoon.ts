import { markReviewedFix } from './reviewFix';
import type { DocumentRule } from './rule';

export const reviewDueSoon: DocumentRule = {
  scope: 'document',
  code: 'review-due-soon',
  defaultSeverity: 'info',
  description: 'The next review is due within `review.due_soon_days`.',
  check(ctx) {
    const { doc, facts } = ctx;
    if (facts.review.kind !== 'due-soon' || !doc.lastReviewed) return;
    const r = facts.review;
    const when = r.daysLeft === 0 ? 'today' : `in ${r.daysLeft} day${r.daysLeft === 1 ? '' : 's'}`;
    const fix = markReviewedFix(doc, ctx.recordDate, ctx.today);
    ctx.report(doc.lastReviewed.span, `The ${facts.cycleText} review is due ${r.due} (${when}); last reviewed ${r.date}. Plan the review before it lapses.`, fix ? { fixes: [fix] } : undefined);
  },
};
