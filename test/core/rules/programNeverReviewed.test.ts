import assert from 'node:assert/strict';
import { expectFinding, expectNone, workspaceOf } from '../../helpers';
import { baseFiles, build } from './fixture';

const policy = (id: string, review: string): string => `---\nid: ${id}\ntype: policy\nowner: cso\ncriteria: [CC1.1]\n${review}---\n# ${id}\n`;

describe('program-never-reviewed', () => {
  it('reports a program where almost no document has a review date', () => {
    const ws = workspaceOf({ 'policies/a.md': policy('A', ''), 'policies/b.md': policy('B', ''), 'policies/c.md': policy('C', '') });
    const f = expectFinding(ws, '', 'program-never-reviewed', undefined, 'warning');
    assert.match(f.message, /^3 of the 3 documents have no review date/);
    const files: Record<string, string> = { 'policies/r.md': policy('R', 'approval_date: 2026-02-01\n') };
    for (let i = 0; i < 10; i++) files[`procedures/p${i}.md`] = policy(`P${i}`, '');
    assert.match(expectFinding(workspaceOf(files), '', 'program-never-reviewed', undefined).message, /^10 of the 11 documents have no review date/);
  });

  it('is silent when one document in ten records a review, under any of the keys read', () => {
    const ws = workspaceOf({ 'policies/a.md': policy('A', 'last_review: 2026-01-05\n'), 'policies/b.md': policy('B', ''), 'policies/c.md': policy('C', 'effective_date: 2026-02-01\n') });
    expectNone(ws, '', 'program-never-reviewed');
    // comply: the policies record their revisions, the procedures never do; each procedure says so itself.
    const files: Record<string, string> = {};
    for (let i = 0; i < 4; i++) files[`policies/r${i}.md`] = policy(`R${i}`, 'approval_date: 2026-02-01\n');
    for (let i = 0; i < 8; i++) files[`procedures/p${i}.md`] = policy(`P${i}`, '');
    expectNone(workspaceOf(files), '', 'program-never-reviewed');
    expectNone(build(baseFiles()), 'compliance-docs.yml', 'program-never-reviewed');
  });

  it('leaves small programs to the per-document findings', () => {
    expectNone(workspaceOf({ 'policies/a.md': policy('A', ''), 'policies/b.md': policy('B', '') }), '', 'program-never-reviewed');
  });
});
