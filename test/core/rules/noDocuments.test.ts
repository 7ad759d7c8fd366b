import assert from 'node:assert/strict';
import { expectFinding, expectNone, findingsOf, workspaceOf } from '../../helpers';
import { baseFiles, build } from './fixture';

describe('no-documents', () => {
  it('reports an empty repository once, as an error, and nothing about each criterion', () => {
    const ws = workspaceOf({ 'README.md': '# Handbook\n', 'notes/todo.md': 'Some notes.\n' });
    const f = expectFinding(ws, '', 'no-documents', undefined, 'error');
    assert.match(f.message, /No compliance document was found/);
    assert.match(f.message, /policies, procedures, controls/);
    assert.equal(findingsOf(ws, '', 'uncovered-criterion').length, 0);
  });

  it('says how many files it passed over as a tool\'s example or templates, and how to read them', () => {
    // The program's own folder holds nothing yet; the example beside it is not the program.
    const ws = workspaceOf({ 'policies/README.md': '# Our policies go here\n', 'example/policies/access.md': '---\ncriteria: [CC6.1]\n---\n', 'example/policies/change.md': '---\ncriteria: [CC8.1]\n---\n', 'themes/soc2/policies/access.md': '# Access\n' });
    const f = expectFinding(ws, '', 'no-documents', undefined, 'error');
    assert.match(f.message, /Passed over as examples and templates, not the program: 2 files under an examples or samples folder and 1 template \(under a templates or themes folder, or named as one\); if they are your program, list them under `documents\.include`\./);
    assert.doesNotMatch(expectFinding(workspaceOf({ 'README.md': '# Handbook\n' }), '', 'no-documents', undefined).message, /Passed over as examples/);
  });

  it('names the globs when documents.include matches nothing', () => {
    const ws = workspaceOf({ 'compliance-docs.yml': 'documents:\n  include: [handbook/**/*.md]\n', 'policies/a.md': '---\ncriteria: [CC6.1]\n---\n' });
    const f = expectFinding(ws, 'compliance-docs.yml', 'no-documents', undefined, 'error');
    assert.match(f.message, /No markdown file matches documents\.include \(handbook\/\*\*\/\*\.md\)/);
  });

  it('is silent when a document was read', () => {
    expectNone(build(baseFiles()), 'compliance-docs.yml', 'no-documents');
  });
});
