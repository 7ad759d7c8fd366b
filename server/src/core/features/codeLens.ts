// A summary above the frontmatter: what the document maps, how old its review is, and (for controls)
// how much of its evidence exists. Each lens names a command the editor may implement; a lens
// reads well without one.

import { getCriterion } from '../catalog/catalog';
import { daysBetween } from '../dates';
import type { Span } from '../model/types';
import type { ComplianceWorkspace } from '../index/workspace';
import { vendorStanding } from '../model/vendor';
import { reportSummary } from '../report/vendors';

export interface SummaryLens {
  readonly span: Span;
  readonly title: string;
  readonly command?: { readonly name: string; readonly arguments: readonly string[] };
}

export const SHOW_COVERAGE_COMMAND = 'complianceDocs.showCoverage';
export const SHOW_REVIEW_SCHEDULE_COMMAND = 'complianceDocs.showReviewSchedule';

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

function ago(days: number): string {
  if (days === 0) return 'today';
  return `${plural(days, 'day', 'days')} ago`;
}

/** Lenses for a document in the index whose frontmatter parses; none otherwise. */
export function documentLenses(ws: ComplianceWorkspace, path: string): SummaryLens[] {
  const doc = ws.document(path);
  const facts = ws.factsOf(path);
  if (!doc?.frontmatter?.ok || !facts) return [];
  const span = doc.frontmatter.anchor;
  const today = ws.getToday();
  const lenses: SummaryLens[] = [];

  if (facts.type === 'vendor' && doc.criteria.length === 0) {
    // A vendor maps no criterion of its own: what it is and how current its report is say more.
    const standing = vendorStanding(doc, today);
    lenses.push({ span, title: `${standing.criticality} vendor · ${reportSummary(standing)}` });
  }
  const known = doc.criteria.filter((c) => getCriterion(c.value));
  const unknown = doc.criteria.length - known.length;
  let criteria = doc.criteria.length === 0 ? 'no criteria mapped' : plural(doc.criteria.length, 'criterion', 'criteria');
  if (unknown > 0) criteria += `, ${unknown} not in the catalog`;
  if (doc.criteria.length > 0 && facts.status !== 'approved') criteria += ` (${facts.status}: not counted)`;
  if (facts.type !== 'vendor' || doc.criteria.length > 0) lenses.push({ span, title: criteria, ...(known.length > 0 ? { command: { name: SHOW_COVERAGE_COMMAND, arguments: known.map((c) => c.value) } } : {}) });

  const r = facts.review;
  let review: string;
  switch (r.kind) {
    case 'current':
    case 'due-soon':
      review = `reviewed ${ago(daysBetween(r.date, today))} · ${r.daysLeft === 0 ? 'due today' : `due in ${plural(r.daysLeft, 'day', 'days')}`}`;
      break;
    case 'overdue':
      review = `review overdue by ${plural(-r.daysLeft, 'day', 'days')}`;
      break;
    case 'missing':
      review = 'no review date';
      break;
    case 'future':
      review = `review date ${r.date} is in the future`;
      break;
    case 'not-applicable':
      review = doc.lastReviewed ? `reviewed ${ago(daysBetween(doc.lastReviewed.value, today))}` : 'no review date';
      break;
  }
  lenses.push({ span, title: review, command: { name: SHOW_REVIEW_SCHEDULE_COMMAND, arguments: [] } });

  if (facts.type === 'control') {
    const total = facts.evidence.length;
    const missing = facts.evidence.filter((e) => e.state.kind === 'missing').length;
    const outside = facts.evidence.filter((e) => e.state.kind === 'outside').length;
    let evidence = total === 0 ? 'no evidence' : `${total} evidence`;
    if (missing > 0) evidence += `, ${missing} missing`;
    if (outside > 0) evidence += `, ${outside} outside the repository`;
    lenses.push({ span, title: evidence });
  }
  return lenses;
}
