import assert from 'node:assert/strict';
import { prepareRename, renameId, type RenameResult } from '../../../server/src/core/features/rename';
import { applyEdits, joinLines, workspaceOf } from '../../helpers';

const CONTROL = joinLines('---', 'id: AC-01', 'type: control', 'policies: [POL-ACCESS]', 'criteria: [CC6.1]', '---', '', '# AC-01 Access review', '');

const POLICY = joinLines('---', "id: 'POL-ACCESS'", 'criteria: [CC6.1]', 'controls:', '  - AC-01', '  - "AC-02"', '---', '', 'See AC-01.', '');

const SECOND = joinLines('---', 'id: AC-02', 'type: control', 'policies: [POL-ACCESS, handbook]', '---', '');

const HANDBOOK = joinLines('---', 'title: Staff handbook', '---', '', 'Read me.', '');

function files(): Record<string, string> {
  return {
    'controls/ac-01.md': CONTROL,
    'controls/ac-02.md': SECOND,
    'policies/access.md': POLICY,
    'policies/handbook.md': HANDBOOK,
  };
}

function cursor(text: string, probe: string): number {
  const clean = probe.replace('¦', '');
  const at = text.indexOf(clean);
  assert.ok(at >= 0 && text.indexOf(clean, at + 1) === -1, `"${clean}" occurs once`);
  return at + probe.indexOf('¦');
}

function rename(all: Record<string, string>, path: string, probe: string, newName: string): RenameResult {
  const ws = workspaceOf(all);
  const text = all[path];
  return renameId(ws, path, text, cursor(text, probe), newName, (p) => all[p]);
}

/** The files after the rename's edits. */
function applied(all: Record<string, string>, result: RenameResult): Record<string, string> {
  assert.ok('files' in result, 'error' in result ? result.error : '');
  const out = { ...all };
  for (const f of result.files) out[f.path] = applyEdits(out[f.path], f.edits);
  return out;
}

describe('prepare rename', () => {
  it("offers a document's own id, without quotes", () => {
    const ws = workspaceOf(files());
    const text = POLICY;
    const at = text.indexOf('POL-ACCESS');
    assert.deepEqual(prepareRename(ws, 'policies/access.md', text, at + 2), { span: { start: at, end: at + 'POL-ACCESS'.length }, placeholder: 'POL-ACCESS' });
  });

  it('offers a reference to exactly one document', () => {
    const ws = workspaceOf(files());
    const at = POLICY.indexOf('AC-02');
    assert.deepEqual(prepareRename(ws, 'policies/access.md', POLICY, at), { span: { start: at, end: at + 5 }, placeholder: 'AC-02' });
  });

  it('refuses a reference to an id no document has', () => {
    const ws = workspaceOf(files());
    const text = CONTROL.replace('POL-ACCESS', 'POL-GONE');
    assert.deepEqual(prepareRename(ws, 'controls/ac-01.md', text, cursor(text, 'POL-¦GONE')), {
      error: 'No document has the id `POL-GONE`, so there is nothing to rename. Correct this reference instead.',
    });
  });

  it('refuses a reference to an id two documents share', () => {
    const all = { ...files(), 'controls/ac-02.md': SECOND.replace('AC-02', 'AC-01') };
    const ws = workspaceOf(all);
    assert.deepEqual(prepareRename(ws, 'policies/access.md', POLICY, cursor(POLICY, '- AC¦-01')), {
      error: '`AC-01` is the id of 2 documents (`controls/ac-01.md`, `controls/ac-02.md`). Give one of them a new id from its `id:` line first.',
    });
  });

  it('refuses criteria and plain text, saying what can be renamed', () => {
    const ws = workspaceOf(files());
    assert.deepEqual(prepareRename(ws, 'controls/ac-01.md', CONTROL, cursor(CONTROL, 'CC6¦.1')), {
      error: 'CC6.1 is a criterion ID from the SOC 2 catalog; it cannot be renamed. Put the cursor on a document id to rename it.',
    });
    assert.deepEqual(prepareRename(ws, 'controls/ac-01.md', CONTROL, cursor(CONTROL, 'Access re¦view')), {
      error: 'Put the cursor on a document id (the `id:` value, or an item under `controls:` or `policies:`) to rename it.',
    });
  });
});

describe('rename an id', () => {
  it('changes the id: value and every reference to it, keeping quotes and list styles', () => {
    const after = applied(files(), rename(files(), 'controls/ac-02.md', 'policies: [POL-¦ACCESS', 'POL-IAM'));
    assert.equal(after['policies/access.md'], POLICY.replace("'POL-ACCESS'", "'POL-IAM'"));
    assert.equal(after['controls/ac-01.md'], CONTROL.replace('[POL-ACCESS]', '[POL-IAM]'));
    assert.equal(after['controls/ac-02.md'], SECOND.replace('[POL-ACCESS,', '[POL-IAM,'));
  });

  it('gives each file its edits at exact spans, files in path order', () => {
    const result = rename(files(), 'controls/ac-02.md', 'id: AC¦-02', 'AC-03');
    const at = (text: string, needle: string): { start: number; end: number } => ({ start: text.indexOf(needle), end: text.indexOf(needle) + needle.length });
    assert.deepEqual(result, {
      files: [
        { path: 'controls/ac-02.md', edits: [{ span: at(SECOND, 'AC-02'), newText: 'AC-03' }] },
        { path: 'policies/access.md', edits: [{ span: at(POLICY, 'AC-02'), newText: 'AC-03' }] },
      ],
    });
  });

  it('leaves prose alone: only frontmatter ids and references change', () => {
    const after = applied(files(), rename(files(), 'controls/ac-01.md', 'id: AC¦-01', 'AC-10'));
    assert.match(after['policies/access.md'], /- AC-10\n/);
    assert.match(after['policies/access.md'], /See AC-01\./);
    assert.match(after['controls/ac-01.md'], /# AC-01 Access review/);
  });

  it('writes an id: into a document whose id was its file name', () => {
    const after = applied(files(), rename(files(), 'controls/ac-02.md', 'hand¦book', 'POL-HANDBOOK'));
    assert.equal(after['policies/handbook.md'], joinLines('---', 'title: Staff handbook', 'id: POL-HANDBOOK', '---', '', 'Read me.', ''));
    assert.match(after['controls/ac-02.md'], /policies: \[POL-ACCESS, POL-HANDBOOK\]/);
    const ws = workspaceOf(after);
    assert.deepEqual(ws.documentsWithId('POL-HANDBOOK'), ['policies/handbook.md']);
  });

  it('uses the text it is given for the current file and the reader for the others', () => {
    const ws = workspaceOf(files());
    const edited = CONTROL.replace('# AC-01', '# AC-01\n\nNew paragraph.');
    const result = renameId(ws, 'controls/ac-01.md', edited, cursor(edited, '[POL-¦ACCESS'), 'POL-IAM', (p) => (p === 'controls/ac-01.md' ? CONTROL : files()[p]));
    assert.ok('files' in result);
    const mine = result.files.find((f) => f.path === 'controls/ac-01.md');
    assert.equal(applyEdits(edited, mine?.edits ?? []), edited.replace('[POL-ACCESS]', '[POL-IAM]'));
  });

  it('renames only the document itself when its id is shared, since references cannot say which one they meant', () => {
    const all = { ...files(), 'controls/ac-02.md': SECOND.replace('id: AC-02', 'id: AC-01') };
    const result = rename(all, 'controls/ac-02.md', 'id: AC¦-01', 'AC-02');
    assert.ok('files' in result);
    assert.deepEqual(result.files.map((f) => f.path), ['controls/ac-02.md']);
  });

  it('rejects a name another document already has', () => {
    assert.deepEqual(rename(files(), 'controls/ac-01.md', 'id: AC¦-01', 'AC-02'), { error: '`AC-02` is already the id of `controls/ac-02.md`. Choose an id no other document has.' });
    assert.deepEqual(rename(files(), 'controls/ac-01.md', 'id: AC¦-01', 'handbook'), { error: '`handbook` is already the id of `policies/handbook.md`. Choose an id no other document has.' });
  });

  it('rejects an empty name and one that would break the YAML', () => {
    assert.deepEqual(rename(files(), 'controls/ac-01.md', 'id: AC¦-01', '  '), { error: 'The new id is empty. Type an id such as AC-03.' });
    for (const bad of ['AC 01', 'AC:01', 'AC,01', '[AC]', '"AC"', '#AC', '-AC', 'null']) {
      const r = rename(files(), 'controls/ac-01.md', 'id: AC¦-01', bad);
      assert.ok('error' in r && r.error.startsWith(`\`${bad}\` cannot be an id: use letters, digits`), `${bad}: ${JSON.stringify(r)}`);
    }
  });

  it('accepts ids with dots, underscores and letters beyond ASCII', () => {
    for (const good of ['AC.01', 'AC_01', 'ZUGRIFF-Ä1', '2026-AC']) assert.ok('files' in rename(files(), 'controls/ac-01.md', 'id: AC¦-01', good), good);
  });

  it('changes nothing when the name is the same', () => {
    assert.deepEqual(rename(files(), 'controls/ac-01.md', 'id: AC¦-01', 'AC-01'), { files: [] });
  });

  it('fails, changing nothing, when a file to edit cannot be read', () => {
    const ws = workspaceOf(files());
    const result = renameId(ws, 'controls/ac-01.md', CONTROL, cursor(CONTROL, 'id: AC¦-01'), 'AC-10', () => undefined);
    assert.deepEqual(result, { error: '`policies/access.md` could not be read, so nothing was renamed. Check that the file exists and is readable, then try again.' });
  });

  it('leaves no unknown-reference behind', () => {
    const after = applied(files(), rename(files(), 'controls/ac-01.md', 'id: AC¦-01', 'IAM-01'));
    const ws = workspaceOf(after);
    assert.deepEqual([...ws.allFindings()].filter((f) => f.code === 'unknown-reference' || f.code === 'duplicate-id'), []);
  });
});
