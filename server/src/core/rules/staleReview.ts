import { markReviewedFix, recordReviewStep } from './reviewFix';
import type { DocumentRule } from './rule';

export const staleReview: DocumentRule = {
  scope: 'document',
  code: 'stale-review',
  defaultSeverity: 'warning',
  description: 'The review is overdue: last_reviewed + review cycle is before today.',
  check(ctx) {
    const { doc, facts } = ctx;
    if (facts.review.kind !== 'overdue' || !doc.lastReviewed) return;
    const r = facts.review;
    const fix = markReviewedFix(doc, ctx.recordDate, ctx.today, r.date === doc.lastReviewed.value ? undefined : '');
    const update = recordReviewStep(doc);
    const stated = doc.nextReview && doc.nextReview.value === r.due ? ` (its stated next review date)` : '';
    ctx.report(doc.lastReviewed.span, `Last reviewed ${r.date}; the ${facts.cycleText} review was due ${r.due}${stated}, ${-r.daysLeft} day${r.daysLeft === -1 ? '' : 's'} ago. Review the document, then ${update}.`, fix ? { fixes: [fix] } : undefined);
  },
};
