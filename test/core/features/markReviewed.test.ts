import assert from 'node:assert/strict';
import { codeActionsAt } from '../../../server/src/core/features/codeActions';
import { applyEdits, findingsOf, joinLines, workspaceOf } from '../../helpers';

// Checks run as of a simulated date (the first day of fieldwork); a review record gets the real one.
const STALE = joinLines('---', 'id: POL-ACCESS', 'type: policy', 'owner: it', 'criteria: [CC6.1]', 'last_reviewed: 2025-01-10', '---', '', '# Access', '');

describe('mark reviewed today, while checks run as of another date', () => {
  it('the stale-review fix writes the real date and its label says so', () => {
    const ws = workspaceOf({ 'policies/access.md': STALE }, { today: '2027-02-01', recordDate: '2026-12-03' });
    const stale = findingsOf(ws, 'policies/access.md').find((f) => f.code === 'stale-review');
    assert.ok(stale);
    const fix = stale.fixes?.[0];
    assert.ok(fix);
    assert.equal(fix.title, 'Mark reviewed today (2026-12-03, the real date; checks run as of 2027-02-01)');
    const change = fix.changes[0];
    assert.ok(change.kind === 'edit');
    assert.ok(applyEdits(STALE, change.edits).includes('last_reviewed: 2026-12-03\n'));
  });

  it('the rewrite offered anywhere in the document writes the real date too', () => {
    const ws = workspaceOf({ 'policies/access.md': STALE }, { today: '2027-02-01', recordDate: '2026-12-03' });
    const actions = codeActionsAt(ws, 'policies/access.md', STALE, { start: STALE.indexOf('# Access'), end: STALE.indexOf('# Access') });
    const mark = actions.find((a) => a.title.startsWith('Mark reviewed today'));
    assert.ok(mark, actions.map((a) => a.title).join(' | '));
    const change = mark.fix.changes[0];
    assert.ok(change.kind === 'edit');
    assert.ok(applyEdits(STALE, change.edits).includes('last_reviewed: 2026-12-03\n'));
  });

  it('says only the date when checks run as of the real date', () => {
    const ws = workspaceOf({ 'policies/access.md': STALE }, { today: '2026-12-03' });
    const stale = findingsOf(ws, 'policies/access.md').find((f) => f.code === 'stale-review');
    assert.equal(stale?.fixes?.[0]?.title, 'Mark reviewed today (2026-12-03)');
  });
});
