import { formatHumanDate } from '../dates';
import type { Fix, ParsedDocument } from '../model/types';
import { isRevisionKey } from '../parse/document';
import { insertLineFix } from './rule';

/**
 * "Mark reviewed today": sets the review date (in the style it is written in), or adds one. A review
 * record always gets the real date (`recordDate`), even while checks run as of another date.
 */
export function markReviewedFix(doc: ParsedDocument, recordDate: string, checkedAsOf: string = recordDate, text?: string): Fix | undefined {
  const today = recordDate;
  const title = markReviewedTitle(recordDate, checkedAsOf);
  const site = doc.fields.find((f) => f.field === 'last_reviewed');
  const current = doc.lastReviewed;
  if (current) {
    const human = site?.key === 'majorRevisions' || (text !== undefined && /^[A-Za-z]/.test(text));
    return {
      title,
      isPreferred: true,
      changes: [{ kind: 'edit', path: doc.path, edits: [{ span: current.span, newText: human ? formatHumanDate(today) : today }] }],
    };
  }
  if (!site && doc.format === 'comply') {
    // comply records reviews as revisions.
    return insertLineFix(doc, title, `majorRevisions:\n  - date: ${formatHumanDate(today)}\n    comment: Reviewed and approved`, true);
  }
  return insertLineFix(doc, title, `${site?.key ?? 'last_reviewed'}: ${today}`, true);
}

/** The fix's label; says which date is written when checks run as of another one. */
export function markReviewedTitle(recordDate: string, checkedAsOf: string): string {
  return recordDate === checkedAsOf ? `Mark reviewed today (${recordDate})` : `Mark reviewed today (${recordDate}, the real date; checks run as of ${checkedAsOf})`;
}

/** What the document does to record a review, under the key it uses: `update \`approval_date\``, or `add a \`majorRevisions\` entry with the date`. */
export function recordReviewStep(doc: ParsedDocument): string {
  const key = doc.fields.find((f) => f.field === 'last_reviewed')?.key ?? 'last_reviewed';
  return isRevisionKey(key) ? `add a \`${key}\` entry with the date` : `update \`${key}\``;
}
