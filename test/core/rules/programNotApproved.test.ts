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

  it('one draft is "the one document"; a program whose documents have no frontmatter is told so by each document, not again for the program', () => {
    const one = workspaceOf({ 'policies/a.md': draft('POL-A') });
    assert.match(expectFinding(one, '', 'program-not-approved', undefined).message, /^The one document is not approved \(it is a draft or retired\)/);
    const plain = workspaceOf({ 'policies/a.md': '# Access control\n', 'policies/b.md': '# Backups\n', 'policies/c.md': '# Change\n' });
    expectNone(plain, '', 'program-not-approved');
    expectNone(plain, '', 'program-never-reviewed');
    for (const p of ['policies/a.md', 'policies/b.md', 'policies/c.md']) expectFinding(plain, p, 'frontmatter-missing', undefined);
    // One document with frontmatter is enough for the program not approved to speak; the review
    // dates are counted over the documents with frontmatter.
    const mixed = workspaceOf({ 'policies/a.md': draft('POL-A'), 'policies/b.md': '# Backups\n', 'policies/c.md': '# Change\n' });
    assert.match(expectFinding(mixed, '', 'program-not-approved', undefined).message, /None of the 3 documents is approved \(each is a draft, retired, or has no frontmatter that can be read\)/);
    expectNone(mixed, '', 'program-never-reviewed');
    const more = workspaceOf({ 'policies/a.md': draft('POL-A'), 'policies/b.md': draft('POL-B'), 'policies/c.md': draft('POL-C'), 'policies/d.md': '# Backups\n' });
    assert.match(expectFinding(more, '', 'program-never-reviewed', undefined).message, /^3 of the 3 documents whose frontmatter was read have no review date/);
  });
});
