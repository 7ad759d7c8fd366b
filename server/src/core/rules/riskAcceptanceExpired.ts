import { acceptanceNeeded } from '../model/risk';
import type { DocumentRule } from './rule';

export const riskAcceptanceExpired: DocumentRule = {
  scope: 'document',
  code: 'risk-acceptance-expired',
  defaultSeverity: 'warning',
  description: "A risk that needs an acceptance (treatment accept, or residual above tolerance with no treatment) has one whose `expires` date is before today.",
  check(ctx) {
    const { doc, facts, config, today } = ctx;
    const expires = doc.risk?.acceptance?.expires;
    if (facts.type !== 'risk' || !facts.counts || !expires || expires.value >= today || !acceptanceNeeded(doc, config)) return;
    const by = doc.risk?.acceptance?.by?.value;
    ctx.report(
      expires.span,
      `The acceptance${by ? ` by ${by}` : ''} expired on ${expires.value}, so the risk is carried with no one having accepted it since. Have management review the risk and renew the acceptance (a new \`date\` and \`expires\`), or treat the risk.`,
    );
  },
};
