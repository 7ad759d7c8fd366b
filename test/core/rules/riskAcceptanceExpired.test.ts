import assert from 'node:assert/strict';
import { expectFinding, expectNone } from '../../helpers';
import { build } from './fixture';
import { ACCEPTED_PATH, acceptedWith, riskFiles, swap } from './riskFixture';

describe('risk-acceptance-expired', () => {
  it('reports an acceptance that expired before today, on its expiry date', () => {
    const { files, span } = acceptedWith((l) => swap(l, 'acceptance:', 'acceptance: { by: ceo, date: 2025-02-01, expires: «2026-02-01» }'));
    const f = expectFinding(build(files), ACCEPTED_PATH, 'risk-acceptance-expired', span, 'warning');
    assert.match(f.message, /^The acceptance by ceo expired on 2026-02-01/);
  });

  it('judges the date against --today', () => {
    expectFinding(build(riskFiles(), '2027-02-02'), ACCEPTED_PATH, 'risk-acceptance-expired', undefined);
    expectNone(build(riskFiles(), '2027-02-01'), ACCEPTED_PATH, 'risk-acceptance-expired');
  });

  it('is silent when the acceptance is no longer needed (mitigated to within tolerance)', () => {
    const { files } = acceptedWith((l) =>
      swap(swap(swap(l, 'acceptance:', 'acceptance: { by: ceo, date: 2025-02-01, expires: 2026-02-01 }'), 'treatment:', 'treatment: mitigate', 'controls: [AC-01]'), 'residual:', 'residual: { likelihood: 2, impact: 4 }'),
    );
    expectNone(build(files), ACCEPTED_PATH, 'risk-acceptance-expired');
  });
});
