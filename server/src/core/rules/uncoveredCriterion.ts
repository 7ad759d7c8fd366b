import { getSeries, mayBeScopedOut } from '../catalog/catalog';
import type { CriterionCoverage } from '../coverage/coverage';
import type { Fix, RelatedNote, Span } from '../model/types';
import { listWords } from '../text/words';
import type { WorkspaceRule, WorkspaceRuleContext } from './rule';

/** What to do about the uncovered criteria of one series: map them, and scope out only those that plausibly do not apply. */
function advice(ids: readonly string[], scopable: readonly string[]): string {
  const one = ids.length === 1;
  const map = one ? 'Map it from a control that addresses it' : 'Map each from a control that addresses it';
  if (scopable.length === 0) return `${map}.`;
  if (scopable.length === ids.length) {
    return one
      ? `${map}, or, if it does not apply to your system, list it under \`not_applicable\` with a justification.`
      : `${map}, or list those that do not apply to your system under \`not_applicable\` with a justification.`;
  }
  return `${map}; ${listWords(scopable)} may instead be listed under \`not_applicable\` with a justification if it does not apply to your system.`;
}

/** One finding for the uncovered criteria of a series, each named in a related note. */
function reportSeries(ctx: WorkspaceRuleContext, span: Span | undefined, series: string, gaps: readonly CriterionCoverage[]): void {
  const ids = gaps.map((c) => c.id);
  const scopable = ids.filter(mayBeScopedOut);
  const title = getSeries(series)?.title ?? series;
  const fixes: Fix[] = [];
  if (ctx.createControl) for (const id of ids) fixes.push(ctx.createControl(id));
  if (ctx.scopeOut) for (const id of scopable) fixes.push(ctx.scopeOut(id));
  const related: RelatedNote[] = span ? gaps.map((c) => ({ span, message: `${c.id} ${c.title}: no approved document maps it` })) : [];
  const subject = ids.length === 1 ? `${ids[0]} (${gaps[0].title}, ${series} ${title}) is in scope but no approved document maps it.` : `${listWords(ids)} (${series} ${title}) are in scope but no approved document maps them.`;
  ctx.report(span, `${subject} ${advice(ids, scopable)}`, { fixes, related, data: { series, criteria: ids.join(' ') } });
}

export const uncoveredCriterion: WorkspaceRule = {
  scope: 'workspace',
  code: 'uncovered-criterion',
  defaultSeverity: 'warning',
  needs: 'index',
  description: 'The in-scope criteria of a series that no approved document covers, one finding per series.',
  check(ctx) {
    // With no document, or none approved, no-documents or program-not-approved says it once.
    if (ctx.program.documents === 0 || ctx.program.approved === 0) return;
    // Criteria come in catalog order, so a series' criteria are consecutive.
    let series = '';
    let gaps: CriterionCoverage[] = [];
    for (const c of ctx.coverage.criteria) {
      if (c.state !== 'uncovered') continue;
      if (c.series !== series && gaps.length) {
        reportSeries(ctx, ctx.config.anchor, series, gaps);
        gaps = [];
      }
      series = c.series;
      gaps.push(c);
    }
    if (gaps.length) reportSeries(ctx, ctx.config.anchor, series, gaps);
  },
};
