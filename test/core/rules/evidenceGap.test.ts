import assert from 'node:assert/strict';
import { expectFinding, expectNone, findingsOf } from '../../helpers';
import { baseFiles, build, controlWith, replaceLine } from './fixture';

describe('evidence-gap', () => {
  it('reports the elapsed quarters with no dated evidence on the frequency, in a Type II period', () => {
    const { files, span } = controlWith((l) => replaceLine(replaceLine(l, '  - ../evidence/2026-Q2', null), 'frequency:', 'frequency: «quarterly»'));
    const f = expectFinding(build(files), 'controls/ac-01.md', 'evidence-gap', span, 'warning');
    assert.match(f.message, /2026-Q2/);
    assert.doesNotMatch(f.message, /2026-Q4/);
  });

  it('does not count evidence that does not exist', () => {
    const { files } = controlWith((l) => replaceLine(l, '  - ../evidence/2026-Q2', '  - ../evidence/2026-Q2/missing.csv'));
    assert.match(findingsOf(build(files), 'controls/ac-01.md', 'evidence-gap')[0]?.message ?? '', /2026-Q2/);
  });

  it('does not apply to Type I audits', () => {
    const { files } = controlWith((l) => replaceLine(l, '  - ../evidence/2026-Q2', null));
    files['compliance-docs.yml'] = 'categories: [security]\n';
    expectNone(build(files), 'controls/ac-01.md', 'evidence-gap');
  });

  it('is silent when every elapsed slot has evidence', () => {
    expectNone(build(baseFiles()), 'controls/ac-01.md', 'evidence-gap');
  });
});
