import assert from 'node:assert/strict';
import { expectFinding, expectNone, workspaceOf } from '../../helpers';
import { baseFiles, build } from './fixture';

const policy = (id: string, review: string): string => `---\nid: ${id}\ntype: policy\nowner: cso\ncriteria: [CC1.1]\n${review}---\n# ${id}\n`;

describe('program-never-reviewed', () => {
  it('reports a program where most documents have no review date', () => {
    const ws = workspaceOf({ 'policies/a.md': policy('A', ''), 'policies/b.md': policy('B', ''), 'policies/c.md': policy('C', 'approval_date: 2026-02-01\n') });
    const f = expectFinding(ws, '', 'program-never-reviewed', undefined, 'warning');
    assert.match(f.message, /^2 of the 3 documents have no review date/);
  });

  it('is silent when most documents record a review, under any of the keys read', () => {
    const ws = workspaceOf({ 'policies/a.md': policy('A', 'last_review: 2026-01-05\n'), 'policies/b.md': policy('B', ''), 'policies/c.md': policy('C', 'effective_date: 2026-02-01\n') });
    expectNone(ws, '', 'program-never-reviewed');
    expectNone(build(baseFiles()), 'compliance-docs.yml', 'program-never-reviewed');
  });

  it('leaves small programs to the per-document findings', () => {
    expectNone(workspaceOf({ 'policies/a.md': policy('A', ''), 'policies/b.md': policy('B', '') }), '', 'program-never-reviewed');
  });
});
