import assert from 'node:assert/strict';
import { applyEdits, expectFinding, expectNone, findingsOf } from '../../helpers';
import { baseFiles, build, controlWith, replaceLine } from './fixture';

describe('stale-review', () => {
  it('reports a review older than its cycle on the date, with a mark-reviewed fix', () => {
    const { files, span, text } = controlWith((l) => replaceLine(l, 'last_reviewed:', 'last_reviewed: «2025-06-01»'));
    const ws = build(files);
    const f = expectFinding(ws, 'controls/ac-01.md', 'stale-review', span, 'warning');
    assert.match(f.message, /due 2026-06-01, 168 days ago/);
    const fixed = applyEdits(text, f.fixes?.[0].changes[0].kind === 'edit' ? f.fixes[0].changes[0].edits : []);
    assert.match(fixed, /last_reviewed: 2026-11-16/);
    assert.deepEqual(findingsOf(build({ ...files, 'controls/ac-01.md': fixed }), 'controls/ac-01.md').map((x) => x.code), []);
  });

  it('uses the document review_cycle over the default', () => {
    const { files, span } = controlWith((l) => replaceLine(replaceLine(l, 'last_reviewed:', 'last_reviewed: «2026-04-01»'), 'review_cycle:', 'review_cycle: quarterly'));
    expectFinding(build(files), 'controls/ac-01.md', 'stale-review', span);
  });

  it('is silent within the cycle, and for drafts', () => {
    expectNone(build(baseFiles()), 'controls/ac-01.md', 'stale-review');
    const { files } = controlWith((l) => replaceLine(replaceLine(l, 'last_reviewed:', 'last_reviewed: 2020-01-01'), 'status:', 'status: draft'));
    expectNone(build(files), 'controls/ac-01.md', 'stale-review');
  });
});
