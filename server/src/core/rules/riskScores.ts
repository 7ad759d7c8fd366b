// Words for risk scores in messages, shared by the risk rules.

import type { RiskScore } from '../model/types';

/** "4 × 4 = 16". */
export function describeScore(s: RiskScore): string {
  const l = s.likelihood?.value ?? 0;
  const i = s.impact?.value ?? 0;
  return `${l} × ${i} = ${l * i}`;
}
