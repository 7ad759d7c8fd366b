import assert from 'node:assert/strict';
import { expectFinding, expectNone } from '../../helpers';
import { build, CONFIG } from './fixture';
import { ASSESSMENT_PATH, assessmentWith, riskFiles, swap } from './riskFixture';

describe('risk-assessment-late', () => {
  it('reports a type2 program whose assessments all come after the period start, on the start date', () => {
    const { files } = assessmentWith((l) => swap(l, 'date:', 'date: 2026-01-02'));
    const start = CONFIG.indexOf('2026-01-01');
    const f = expectFinding(build(files), 'compliance-docs.yml', 'risk-assessment-late', { start, end: start + 10 }, 'warning');
    assert.equal(f.message.startsWith(`No approved risk assessment is dated on or before the audit period's start, 2026-01-01. Every assessment recorded is dated after it (the newest is ${ASSESSMENT_PATH}, 2026-01-02).`), true, f.message);
  });

  it('counts an assessment dated on the start day, and says nothing before the period begins or in a type1 audit', () => {
    const { files } = assessmentWith((l) => swap(l, 'date:', 'date: 2026-01-01'));
    expectNone(build(files), 'compliance-docs.yml', 'risk-assessment-late');
    const { files: late } = assessmentWith((l) => swap(l, 'date:', 'date: 2026-01-02'));
    expectNone(build(late, '2025-12-31'), 'compliance-docs.yml', 'risk-assessment-late');
    const type1 = { ...late, 'compliance-docs.yml': late['compliance-docs.yml'].replace('type: type2', 'type: type1') };
    expectNone(build(type1), 'compliance-docs.yml', 'risk-assessment-late');
  });

  it('is silent for the clean register', () => {
    expectNone(build(riskFiles()), 'compliance-docs.yml', 'risk-assessment-late');
  });
});
