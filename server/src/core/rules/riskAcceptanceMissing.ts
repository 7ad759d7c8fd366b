import type { Fix, ParsedDocument } from '../model/types';
import { acceptanceNeeded, scoreOf } from '../model/risk';
import { addPeriod } from '../dates';
import { describeScore } from './riskScores';
import { insertLineFix, type DocumentRule } from './rule';

/** Adds `acceptance: { by: …, date: today, expires: a year on }` for the owner to complete. */
export function acceptanceSkeletonFix(doc: ParsedDocument, recordDate: string): Fix | undefined {
  const expires = addPeriod(recordDate, { years: 1, months: 0, days: 0 });
  return insertLineFix(doc, 'Add an acceptance (then fill in who accepted it)', `acceptance: { by: "", date: ${recordDate}, expires: ${expires} }`, true);
}

export const riskAcceptanceMissing: DocumentRule = {
  scope: 'document',
  code: 'risk-acceptance-missing',
  defaultSeverity: 'error',
  description: 'A risk whose treatment is accept, or whose residual score is above the tolerance, has no recorded acceptance (who accepted it, and when).',
  check(ctx) {
    const { doc, facts, config } = ctx;
    const r = doc.risk;
    if (facts.type !== 'risk' || !facts.counts || !r) return;
    const need = acceptanceNeeded(doc, config);
    if (!need) return;
    const why =
      need === 'accept'
        ? 'The treatment is accept'
        : `The residual score (${describeScore(r.residual ?? { span: { start: 0, end: 0 } })}) is above the risk tolerance of ${config.risk.tolerance}`;
    if (r.acceptance) {
      const lacks = [r.acceptance.by ? '' : 'who accepted it (`by:`)', r.acceptance.date ? '' : 'when (`date:`)'].filter(Boolean);
      if (lacks.length === 0) return;
      ctx.report(r.acceptance.span, `${why}, and the acceptance does not say ${lacks.join(' or ')}. An auditor accepts a risk left above tolerance only on a record of who in management accepted it and when; add ${lacks.length === 1 ? 'it' : 'them'}.`);
      return;
    }
    const span = need === 'accept' && r.treatment ? r.treatment.span : (r.residual?.span ?? r.treatment?.span);
    if (!span) return;
    const fix = acceptanceSkeletonFix(doc, ctx.recordDate);
    const tail =
      need === 'tolerance' && scoreOf(r.residual, config.risk.scale) !== undefined
        ? ' Reduce the risk further with controls, or record that management accepts it'
        : ' Record that management accepts it';
    ctx.report(span, `${why}, but no acceptance is recorded.${tail}: \`acceptance: { by: <who>, date: YYYY-MM-DD, expires: YYYY-MM-DD }\`.`, fix ? { fixes: [fix] } : undefined);
  },
};
