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

describe('missing-review-date', () => {
  it('reports an approved document with no last_reviewed on the anchor', () => {
    const { files, span } = controlWith((l) => replaceLine(replaceLine(l, '---', '«---»'), 'last_reviewed:', null));
    const f = expectFinding(build(files), 'controls/ac-01.md', 'missing-review-date', span, 'warning');
    assert.ok(f.fixes?.[0].title.startsWith('Mark reviewed today'));
  });

  it('is silent when a review date is present', () => {
    expectNone(build(baseFiles()), 'controls/ac-01.md', 'missing-review-date');
  });
});

describe('future-review-date', () => {
  it('reports a review date after today', () => {
    const { files, span } = controlWith((l) => replaceLine(l, 'last_reviewed:', 'last_reviewed: «2026-12-01»'));
    expectFinding(build(files), 'controls/ac-01.md', 'future-review-date', span, 'warning');
  });

  it('is silent for past dates', () => {
    expectNone(build(baseFiles()), 'controls/ac-01.md', 'future-review-date');
  });
});
