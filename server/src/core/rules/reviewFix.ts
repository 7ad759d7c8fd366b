import { formatHumanDate } from '../dates';
import type { Fix, ParsedDocument } from '../model/types';
import { insertLineFix } from './rule';

/** "Mark reviewed today": sets the review date (in the style it is written in), or adds one. */
export function markReviewedFix(doc: ParsedDocument, today: string, text?: string): Fix | undefined {
  const site = doc.fields.find((f) => f.field === 'last_reviewed');
  const current = doc.lastReviewed;
  if (current) {
    const human = site?.key === 'majorRevisions' || (text !== undefined && /^[A-Za-z]/.test(text));
    return {
      title: `Mark reviewed today (${today})`,
      isPreferred: true,
      changes: [{ kind: 'edit', path: doc.path, edits: [{ span: current.span, newText: human ? formatHumanDate(today) : today }] }],
    };
  }
  return insertLineFix(doc, `Mark reviewed today (${today})`, `${site?.key ?? 'last_reviewed'}: ${today}`, true);
}
