import assert from 'node:assert/strict';
import { expectFinding, expectNone, workspaceOf } from '../../helpers';
import { baseFiles, build } from './fixture';

const draft = (id: string): string => `---\nid: ${id}\ndoc_type: "Policy"\nstatus: "Draft"\nowner: ISMS Manager\napproval_date: ""\n---\n# ${id}\n`;

describe('program-not-approved', () => {
  it('says so once when every document is a draft, whatever word the status uses', () => {
    const ws = workspaceOf({ 'policies/a.md': draft('POL-A'), 'policies/b.md': draft('POL-B'), 'standards/c.md': draft('STD-C').replace('Draft', 'In Review') });
    const f = expectFinding(ws, '', 'program-not-approved', undefined, 'warning');
    assert.match(f.message, /None of the 3 documents is approved/);
  });

  it('is silent when one document is approved (Published counts as approved)', () => {
    const ws = workspaceOf({ 'policies/a.md': draft('POL-A'), 'policies/b.md': draft('POL-B').replace('"Draft"', 'Published') });
    expectNone(ws, '', 'program-not-approved');
    expectNone(build(baseFiles()), 'compliance-docs.yml', 'program-not-approved');
  });
});
