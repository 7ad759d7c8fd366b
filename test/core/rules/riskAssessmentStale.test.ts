import assert from 'node:assert/strict';
import { expectFinding, expectNone } from '../../helpers';
import { baseFiles, build } from './fixture';
import { ASSESSMENT_PATH, assessmentWith, riskFiles, swap } from './riskFixture';

describe('risk-assessment-stale', () => {
  it('reports a newest assessment older than the cycle, on the `risk` key, naming it', () => {
    const { files } = assessmentWith((l) => swap(l, 'date:', 'date: 2025-11-15'));
    const f = expectFinding(build(files), 'compliance-docs.yml', 'risk-assessment-stale', { start: 93, end: 97 }, 'warning');
    assert.equal(f.message.startsWith(`The newest risk assessment, ${ASSESSMENT_PATH}, is dated 2025-11-15; on the annual assessment cycle the next was due 2026-11-15.`), true, f.message);
  });

  it('reports risks with no approved assessment', () => {
    const { files } = assessmentWith((l) => swap(l, 'approved_by:', 'approved_by: ceo', 'status: draft'));
    const f = expectFinding(build(files), 'compliance-docs.yml', 'risk-assessment-stale', undefined);
    assert.match(f.message, /^The register has 2 risks but no approved risk assessment/);
  });

  it('reads the cycle from the config and the date from --today', () => {
    const files = { ...riskFiles(), 'compliance-docs.yml': riskFiles()['compliance-docs.yml'].replace('assessment_cycle: annual', 'assessment_cycle: semiannual') };
    expectFinding(build(files), 'compliance-docs.yml', 'risk-assessment-stale', undefined);
    expectNone(build(riskFiles(), '2026-12-15'), 'compliance-docs.yml', 'risk-assessment-stale');
    expectFinding(build(riskFiles(), '2026-12-16'), 'compliance-docs.yml', 'risk-assessment-stale', undefined);
  });

  it('is silent for a current assessment, and with no register (risk-register-missing says so)', () => {
    expectNone(build(riskFiles()), 'compliance-docs.yml', 'risk-assessment-stale');
    expectNone(build(baseFiles()), 'compliance-docs.yml', 'risk-assessment-stale');
  });
});
