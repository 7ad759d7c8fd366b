import assert from 'node:assert/strict';
import { expectFinding, expectNone } from '../../helpers';
import { baseFiles, build, controlWith, replaceLine } from './fixture';

describe('stale-evidence', () => {
  it('reports a control whose newest evidence is older than its frequency allows', () => {
    const { files, span } = controlWith((l) => {
      const out = replaceLine(l, '  - url:', null).filter((x) => !x.startsWith('    date: 2026-09-20') && !x.startsWith('See ['));
      return replaceLine(out, 'evidence:', '«evidence»:');
    });
    const ws = build(files);
    const f = expectFinding(ws, 'controls/ac-01.md', 'stale-evidence', span, 'warning');
    assert.match(f.message, /newest evidence is from 2026-06-30/);
    assert.equal(ws.criterionState('CC6.3'), 'stale');
  });

  it('is silent when the newest evidence is recent', () => {
    expectNone(build(baseFiles()), 'controls/ac-01.md', 'stale-evidence');
  });
});
