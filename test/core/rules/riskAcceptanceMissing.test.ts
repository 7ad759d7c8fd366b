import assert from 'node:assert/strict';
import { applyEdits, expectFinding, expectNone } from '../../helpers';
import { build } from './fixture';
import { ACCEPTED_PATH, acceptedWith, RISK_PATH, riskFiles, riskWith, swap } from './riskFixture';

describe('risk-acceptance-missing', () => {
  it('reports treatment accept with no acceptance, on the treatment, with a fix that adds one', () => {
    const { files, span, text } = acceptedWith((l) => swap(swap(l, 'treatment:', 'treatment: «accept»'), 'acceptance:'));
    const f = expectFinding(build(files), ACCEPTED_PATH, 'risk-acceptance-missing', span, 'error');
    assert.match(f.message, /^The treatment is accept, but no acceptance is recorded/);
    const edits = f.fixes?.[0].changes[0];
    assert.ok(edits && edits.kind === 'edit');
    assert.match(applyEdits(text, edits.edits), /\nacceptance: \{ by: "", date: 2026-11-16, expires: 2027-11-16 \}\n---\n/);
  });

  it('reports a residual score above tolerance with no treatment and no acceptance, on the residual', () => {
    const { files, span } = riskWith((l) => swap(swap(l, 'residual:', 'residual: «{ likelihood: 2, impact: 5 }»'), 'treatment:'));
    const f = expectFinding(build(files), RISK_PATH, 'risk-acceptance-missing', span, 'error');
    assert.match(f.message, /^The residual score \(2 × 5 = 10\) is above the risk tolerance of 9, and no treatment or acceptance is recorded\. Treat it/);
  });

  it('is silent for a residual above tolerance that is being mitigated, transferred or avoided', () => {
    for (const t of ['mitigate', 'transfer', 'avoid']) {
      const { files } = riskWith((l) => swap(swap(l, 'residual:', 'residual: { likelihood: 2, impact: 5 }'), 'treatment:', `treatment: ${t}`));
      expectNone(build(files), RISK_PATH, 'risk-acceptance-missing');
    }
  });

  it('reports an acceptance that does not say who accepted it, on the acceptance', () => {
    const { files, span } = acceptedWith((l) => swap(l, 'acceptance:', 'acceptance: «{ date: 2026-02-01, expires: 2027-02-01 }»'));
    const f = expectFinding(build(files), ACCEPTED_PATH, 'risk-acceptance-missing', span);
    assert.match(f.message, /does not say who accepted it \(`by:`\)/);
  });

  it('reads the tolerance from the config', () => {
    const { files } = riskWith((l) => swap(l, 'treatment:'));
    expectNone(build(files), RISK_PATH, 'risk-acceptance-missing');
    expectFinding(build({ ...files, 'compliance-docs.yml': files['compliance-docs.yml'].replace('tolerance: 9', 'tolerance: 7') }), RISK_PATH, 'risk-acceptance-missing', undefined);
  });

  it('is silent for a recorded acceptance, and for a residual at the tolerance', () => {
    expectNone(build(riskFiles()), ACCEPTED_PATH, 'risk-acceptance-missing');
    expectNone(build(riskFiles()), RISK_PATH, 'risk-acceptance-missing');
    const { files } = riskWith((l) => swap(l, 'residual:', 'residual: { likelihood: 3, impact: 3 }'));
    expectNone(build(files), RISK_PATH, 'risk-acceptance-missing');
  });
});
