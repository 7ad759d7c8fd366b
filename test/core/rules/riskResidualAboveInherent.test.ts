import assert from 'node:assert/strict';
import { expectFinding, expectNone } from '../../helpers';
import { build } from './fixture';
import { ACCEPTED_PATH, acceptedWith, RISK_PATH, riskFiles, riskWith, swap } from './riskFixture';

describe('risk-residual-above-inherent', () => {
  it('reports a residual score above the inherent score, on the residual value', () => {
    const { files, span } = riskWith((l) => swap(l, 'residual:', 'residual: «{ likelihood: 4, impact: 5 }»'));
    const f = expectFinding(build(files), RISK_PATH, 'risk-residual-above-inherent', span, 'error');
    assert.match(f.message, /^The residual score \(4 × 5 = 20\) is above the inherent score \(4 × 4 = 16\)/);
  });

  it('compares scores, not each factor: a higher impact with a lower score is not reported', () => {
    const { files } = riskWith((l) => swap(swap(l, 'inherent:', 'inherent: { likelihood: 4, impact: 2 }'), 'residual:', 'residual: { likelihood: 2, impact: 3 }'));
    expectNone(build(files), RISK_PATH, 'risk-residual-above-inherent');
  });

  it('is silent for residual equal to or below inherent, for a draft, and for scores off the scale (field-invalid says so)', () => {
    expectNone(build(riskFiles()), RISK_PATH, 'risk-residual-above-inherent');
    expectNone(build(riskFiles()), ACCEPTED_PATH, 'risk-residual-above-inherent');
    const { files: draft } = riskWith((l) => swap(swap(l, 'residual:', 'residual: { likelihood: 5, impact: 5 }'), 'treatment:', 'treatment: mitigate', 'status: draft'));
    expectNone(build(draft), RISK_PATH, 'risk-residual-above-inherent');
    const { files: off } = acceptedWith((l) => swap(l, 'residual:', 'residual: { likelihood: 9, impact: 4 }'));
    expectNone(build(off), ACCEPTED_PATH, 'risk-residual-above-inherent');
  });
});
