import assert from 'node:assert/strict';
import { expectFinding, expectNone } from '../../helpers';
import { baseFiles, build } from './fixture';
import { riskFiles, riskWith, swap } from './riskFixture';

describe('fraud-risk-missing', () => {
  it('reports a register with no risk of category fraud, on the `risk` key of the config', () => {
    const { files } = riskWith((l) => swap(swap(l, 'category:', 'category: people'), 'title:', 'title: Payroll errors'));
    const f = expectFinding(build(files), 'compliance-docs.yml', 'fraud-risk-missing', { start: 93, end: 97 }, 'warning');
    assert.match(f.message, /^No approved risk in the register is of category fraud\. CC3\.3/);
  });

  it('counts a draft fraud risk as none', () => {
    const { files } = riskWith((l) => swap(l, 'treatment:', 'treatment: mitigate', 'status: draft'));
    expectFinding(build(files), 'compliance-docs.yml', 'fraud-risk-missing', undefined);
  });

  it('is silent with a fraud risk, with a risk that states no category and names fraud, and with no register at all', () => {
    expectNone(build(riskFiles()), 'compliance-docs.yml', 'fraud-risk-missing');
    const { files } = riskWith((l) => swap(l, 'category:'));
    expectNone(build(files), 'compliance-docs.yml', 'fraud-risk-missing');
    expectNone(build(baseFiles()), 'compliance-docs.yml', 'fraud-risk-missing');
  });
});
