import assert from 'node:assert/strict';
import { expectFinding, expectNone } from '../../helpers';
import { baseFiles, build, controlWith, replaceLine } from './fixture';

describe('review-due-soon', () => {
  it('reports a review due within due_soon_days as info', () => {
    const { files, span } = controlWith((l) => replaceLine(l, 'last_reviewed:', 'last_reviewed: «2025-12-01»'));
    const f = expectFinding(build(files), 'controls/ac-01.md', 'review-due-soon', span, 'info');
    assert.match(f.message, /due 2026-12-01 \(in 15 days\)/);
  });

  it('is silent when the review is further away', () => {
    expectNone(build(baseFiles()), 'controls/ac-01.md', 'review-due-soon');
  });
});
