import assert from 'node:assert/strict';
import { expectFinding, expectNone, joinLines, marked } from '../../helpers';
import { baseFiles, build } from './fixture';

function withPeriod(period: string, type = 'type2'): { files: Record<string, string>; span: ReturnType<typeof marked>['span'] } {
  const m = marked(joinLines('categories: [security]', 'audit:', `  type: ${type}`, `  period: ${period}`, ''));
  return { files: { ...baseFiles(), 'compliance-docs.yml': m.text }, span: m.span };
}

describe('audit-period-length', () => {
  it('warns on a period shorter than 6 months, on the period, naming the earliest end that would do', () => {
    const { files, span } = withPeriod('«{ start: 2026-01-01, end: 2026-06-29 }»');
    const f = expectFinding(build(files), 'compliance-docs.yml', 'audit-period-length', span, 'warning');
    assert.equal(f.message, 'The observation period (2026-01-01 to 2026-06-29, 180 days) is shorter than 6 months, the least a Type II report covers. End it on 2026-06-30 or later, or plan a Type I report for now.');
  });

  it('warns on a period longer than 12 months', () => {
    const { files, span } = withPeriod('«{ start: 2026-01-01, end: 2027-01-01 }»');
    const f = expectFinding(build(files), 'compliance-docs.yml', 'audit-period-length', span, 'warning');
    assert.match(f.message, /is longer than 12 months, the most a Type II report covers\. End it on 2026-12-31 or earlier\.$/);
  });

  it('accepts exactly 6 and exactly 12 months, and says nothing in a Type I audit', () => {
    expectNone(build(withPeriod('{ start: 2026-01-01, end: 2026-06-30 }').files), 'compliance-docs.yml', 'audit-period-length');
    expectNone(build(withPeriod('{ start: 2026-03-15, end: 2027-03-14 }').files), 'compliance-docs.yml', 'audit-period-length');
    expectNone(build(withPeriod('{ start: 2026-01-01, end: 2026-02-01 }', 'type1').files), 'compliance-docs.yml', 'audit-period-length');
  });
});
