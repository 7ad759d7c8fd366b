import assert from 'node:assert/strict';
import { expectFinding, expectNone, joinLines, marked } from '../../helpers';
import { baseFiles, build } from './fixture';

function withPeriod(period: string): { files: Record<string, string>; span: ReturnType<typeof marked>['span'] } {
  const m = marked(joinLines('categories: [security]', 'audit:', '  type: type2', `  period: ${period}`, ''));
  return { files: { ...baseFiles(), 'compliance-docs.yml': m.text }, span: m.span };
}

describe('audit-period-not-begun', () => {
  it('notes a period that starts after today, on the period', () => {
    const { files, span } = withPeriod('«{ start: 2027-01-01, end: 2027-12-31 }»');
    const ws = build(files);
    const f = expectFinding(ws, 'compliance-docs.yml', 'audit-period-not-begun', span, 'info');
    assert.match(f.message, /^The observation period starts on 2027-01-01, after today \(2026-11-16\): no slot of it has elapsed/);
    // Nothing has elapsed, so nothing is in exception.
    assert.equal(ws.coverage().summary.exception, 0);
  });

  it('is silent once the period has begun, on its first day too', () => {
    expectNone(build(withPeriod('{ start: 2026-01-01, end: 2026-12-31 }').files), 'compliance-docs.yml', 'audit-period-not-begun');
    expectNone(build(withPeriod('{ start: 2026-11-16, end: 2027-06-30 }').files), 'compliance-docs.yml', 'audit-period-not-begun');
  });
});
