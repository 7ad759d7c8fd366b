import assert from 'node:assert/strict';
import { expectFinding, expectNone } from '../../helpers';
import { baseFiles, build } from './fixture';
import { riskFiles } from './riskFixture';

describe('risk-register-missing', () => {
  it('reports a program with CC3 in scope and no risk document, on the config', () => {
    const f = expectFinding(build(baseFiles()), 'compliance-docs.yml', 'risk-register-missing', { start: 0, end: 10 }, 'warning');
    assert.match(f.message, /^CC3 is in scope but the program has no risk document/);
  });

  it('names a register kept in one file', () => {
    const files = { ...baseFiles(), 'procedures/risk-register.md': '---\ntype: procedure\ncriteria: [CC3.2]\nlast_reviewed: 2026-03-01\n---\n\n| Risk | Likelihood |\n|---|---|\n| Fraud | 3 |\n' };
    const f = expectFinding(build(files), 'compliance-docs.yml', 'risk-register-missing', undefined);
    assert.match(f.message, /`procedures\/risk-register\.md` looks like a register kept in one file/);
  });

  it('is silent with a risk document', () => {
    expectNone(build(riskFiles()), 'compliance-docs.yml', 'risk-register-missing');
  });
});
