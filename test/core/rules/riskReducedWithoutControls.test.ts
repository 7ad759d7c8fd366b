import assert from 'node:assert/strict';
import { expectFinding, expectNone } from '../../helpers';
import { build } from './fixture';
import { ACCEPTED_PATH, RISK_PATH, riskFiles, riskWith, swap } from './riskFixture';

describe('risk-reduced-without-controls', () => {
  it('reports a residual below inherent with no controls, on the residual value', () => {
    const { files, span } = riskWith((l) => swap(swap(l, 'residual:', 'residual: «{ likelihood: 2, impact: 4 }»'), 'controls:'));
    const f = expectFinding(build(files), RISK_PATH, 'risk-reduced-without-controls', span, 'warning');
    assert.match(f.message, /^The residual score \(2 × 4 = 8\) is below the inherent score \(4 × 4 = 16\), but the risk names no control/);
  });

  it('counts an empty controls list as none', () => {
    const { files, span } = riskWith((l) => swap(swap(l, 'residual:', 'residual: «{ likelihood: 2, impact: 4 }»'), 'controls:', 'controls: []'));
    expectFinding(build(files), RISK_PATH, 'risk-reduced-without-controls', span);
  });

  it('is silent with controls, and for a residual equal to the inherent score without controls', () => {
    expectNone(build(riskFiles()), RISK_PATH, 'risk-reduced-without-controls');
    expectNone(build(riskFiles()), ACCEPTED_PATH, 'risk-reduced-without-controls');
  });
});
