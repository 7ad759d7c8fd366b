import { scoreOf } from '../model/risk';
import { describeScore } from './riskScores';
import type { DocumentRule } from './rule';

export const riskReducedWithoutControls: DocumentRule = {
  scope: 'document',
  code: 'risk-reduced-without-controls',
  defaultSeverity: 'warning',
  description: 'A risk scores its residual below its inherent score but names no control that reduces it.',
  check(ctx) {
    const { doc, facts, config } = ctx;
    const r = doc.risk;
    if (facts.type !== 'risk' || !facts.counts || !r?.inherent || !r.residual || doc.controls.length > 0) return;
    const inherent = scoreOf(r.inherent, config.risk.scale);
    const residual = scoreOf(r.residual, config.risk.scale);
    if (inherent === undefined || residual === undefined || residual >= inherent) return;
    ctx.report(
      r.residual.span,
      `The residual score (${describeScore(r.residual)}) is below the inherent score (${describeScore(r.inherent)}), but the risk names no control, so nothing shows what brings it down. List the controls that reduce it under \`controls: [ids]\`, or score the residual risk the same as the inherent one.`,
    );
  },
};
