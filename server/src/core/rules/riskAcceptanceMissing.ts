import type { Fix, ParsedDocument } from '../model/types';
import { acceptanceNeeded } from '../model/risk';
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
  description: 'A risk whose treatment is accept, or whose residual score is above the tolerance with no treatment stated, has no recorded acceptance (who accepted it, and when).',
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
    const message =
      need === 'tolerance'
        ? `${why}, and no treatment or acceptance is recorded. Treat it (\`treatment: mitigate\`, \`transfer\` or \`avoid\`), or record that management accepts it as it is: \`acceptance: { by: <who>, date: YYYY-MM-DD, expires: YYYY-MM-DD }\`.`
        : `${why}, but no acceptance is recorded. Record that management accepts it: \`acceptance: { by: <who>, date: YYYY-MM-DD, expires: YYYY-MM-DD }\`.`;
    ctx.report(span, message, fix ? { fixes: [fix] } : undefined);
  },
};
