import { markReviewedFix, recordReviewStep } from './reviewFix';
import type { DocumentRule } from './rule';

export const bodyChangedAfterReview: DocumentRule = {
  scope: 'document',
  code: 'body-changed-after-review',
  defaultSeverity: 'warning',
  description: "The document's body was changed (by a commit, or by edits not yet committed) after its last review date.",
  check(ctx) {
    const h = ctx.history;
    if (h === undefined) return;
    const { doc, facts } = ctx;
    const reviewed = doc.lastReviewed;
    if (!reviewed || !facts.counts) return;
    const review = reviewed.value;
    const update = recordReviewStep(doc);
    const fix = markReviewedFix(doc, ctx.recordDate, ctx.today);
    const extra = fix ? { fixes: [fix] } : undefined;
    if (h.changedOn !== undefined && review < h.changedOn && !(h.reviewedWith !== undefined && review >= h.reviewedWith)) {
      const commit = h.commit ? ` by commit ${h.commit}${h.subject ? ` (“${clip(h.subject)}”)` : ''}` : '';
      ctx.report(reviewed.span, `The body was changed on ${h.changedOn}${commit}, after the last review on ${review}: the reviewed text is not the text in force. Review the changed text, then ${update}.`, extra);
      return;
    }
    if (h.uncommittedOn !== undefined && review < h.uncommittedOn) {
      ctx.report(reviewed.span, `The body has edits not yet committed, and the last review was on ${review}: the reviewed text will not be the text in force. Review the changed text, then ${update}.`, extra);
    }
  },
};

function clip(s: string): string {
  return s.length > 72 ? `${s.slice(0, 71)}…` : s;
}
