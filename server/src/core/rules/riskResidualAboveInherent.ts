import { scoreOf } from '../model/risk';
import { describeScore } from './riskScores';
import type { DocumentRule } from './rule';

export const riskResidualAboveInherent: DocumentRule = {
  scope: 'document',
  code: 'risk-residual-above-inherent',
  defaultSeverity: 'error',
  description: "A risk's residual score (likelihood × impact after its treatment) is above its inherent score.",
  check(ctx) {
    const { doc, facts, config } = ctx;
    const r = doc.risk;
    if (facts.type !== 'risk' || !facts.counts || !r?.inherent || !r.residual) return;
    const inherent = scoreOf(r.inherent, config.risk.scale);
    const residual = scoreOf(r.residual, config.risk.scale);
    if (inherent === undefined || residual === undefined || residual <= inherent) return;
    ctx.report(
      r.residual.span,
      `The residual score (${describeScore(r.residual)}) is above the inherent score (${describeScore(r.inherent)}). Controls and treatment lower a risk; they cannot raise it, so one of the two scores is wrong. Score the residual risk as it stands with its controls, at most the inherent score, or correct the inherent score.`,
    );
  },
};
