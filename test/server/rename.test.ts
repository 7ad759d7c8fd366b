import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  DefinitionRequest,
  FileChangeType,
  PrepareRenameRequest,
  RenameRequest,
  ResponseError,
  TextDocumentEdit,
  type Position,
  type Range,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { copyFixture, EXAMPLE, TestClient } from './lspClient';

const CLI = path.resolve(__dirname, '../../../dist/cli.js');

describe('rename over LSP', function () {
  this.timeout(30000);
  let root: string;
  let client: TestClient;

  const read = (rel: string): string => fs.readFileSync(path.join(root, rel), 'utf8');
  const rangeOf = (rel: string, needle: string, text = read(rel)): Range => {
    const at = text.indexOf(needle);
    assert.ok(at >= 0, `${needle} in ${rel}`);
    const doc = TextDocument.create('file:///x', 'markdown', 1, text);
    return { start: doc.positionAt(at), end: doc.positionAt(at + needle.length) };
  };
  const inside = (r: Range): Position => ({ line: r.start.line, character: r.start.character + 2 });
  const errorOf = async (p: Promise<unknown>): Promise<string> => {
    try {
      await p;
    } catch (e) {
      assert.ok(e instanceof ResponseError, String(e));
      return e.message;
    }
    assert.fail('expected an error response');
  };

  beforeEach(async () => {
    root = copyFixture(EXAMPLE);
    client = await TestClient.start({ root });
    await client.waitForNotification<{ complete: boolean }>('complianceDocs/indexChanged', (p) => p.complete);
  });
  afterEach(async () => {
    await client.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('prepares a rename on a reference: the id without quotes, and its text', async () => {
    assert.deepEqual(client.initializeResult?.capabilities.renameProvider, { prepareProvider: true });
    const rel = 'controls/change-audit.md';
    const range = rangeOf(rel, 'POL-CHANGE');
    assert.deepEqual(await client.connection.sendRequest(PrepareRenameRequest.type, { textDocument: { uri: client.uri(rel) }, position: inside(range) }), { range, placeholder: 'POL-CHANGE' });
  });

  it('refuses to prepare a rename off an id, saying why', async () => {
    const rel = 'controls/code-review.md';
    const onCriterion = client.connection.sendRequest(PrepareRenameRequest.type, { textDocument: { uri: client.uri(rel) }, position: inside(rangeOf(rel, 'CC8.1')) });
    assert.equal(await errorOf(onCriterion), 'CC8.1 is a criterion ID from the SOC 2 catalog; it cannot be renamed. Put the cursor on a document id to rename it.');
    const onUnknown = client.connection.sendRequest(PrepareRenameRequest.type, { textDocument: { uri: client.uri(rel) }, position: inside(rangeOf(rel, 'POL-CHANGE-MGMT')) });
    assert.equal(await errorOf(onUnknown), 'No document has the id `POL-CHANGE-MGMT`, so there is nothing to rename. Correct this reference instead.');
  });

  it('renames a policy id in every document as one workspace edit, which leaves no unknown reference once applied', async () => {
    // Before: code-review.md still names the policy by its old id.
    await client.waitForDiagnostics('controls/code-review.md', (d) => d.some((x) => x.code === 'unknown-reference'));
    const open = 'controls/change-audit.md';
    await client.open(open);
    const edit = (await client.connection.sendRequest(RenameRequest.type, {
      textDocument: { uri: client.uri(open) },
      position: inside(rangeOf(open, 'POL-CHANGE')),
      newName: 'POL-CHANGE-MGMT',
    })) as WorkspaceEdit;

    // The open file is edited at the editor's version, the closed one as on disk.
    assert.deepEqual(edit, {
      documentChanges: [
        TextDocumentEdit.create({ uri: client.uri(open), version: 1 }, [{ range: rangeOf(open, 'POL-CHANGE'), newText: 'POL-CHANGE-MGMT' }]),
        TextDocumentEdit.create({ uri: client.uri('policies/change-management.md'), version: null }, [{ range: rangeOf('policies/change-management.md', 'POL-CHANGE'), newText: 'POL-CHANGE-MGMT' }]),
      ],
    });

    // Apply it as an editor would: the open file through didChange, the closed one on disk.
    for (const change of edit.documentChanges as TextDocumentEdit[]) {
      const rel = path.relative(root, fileURLToPath(change.textDocument.uri));
      const edits = change.edits.map((e) => ({ range: e.range, newText: 'newText' in e ? e.newText : '' }));
      const saved = TextDocument.applyEdits(TextDocument.create(change.textDocument.uri, 'markdown', 1, read(rel)), edits);
      if (change.textDocument.version !== null) await client.change(rel, edits.map((e) => ({ range: e.range, text: e.newText })));
      // Open files are saved too, so the command line below sees what the editor has.
      fs.writeFileSync(path.join(root, rel), saved);
      if (change.textDocument.version === null) await client.filesChanged([{ rel, type: FileChangeType.Changed }]);
    }

    // The server sees the new id: the old unknown reference clears, and the renamed reference resolves.
    await client.waitForDiagnostics('controls/code-review.md', (d) => !d.some((x) => x.code === 'unknown-reference'));
    const target = await client.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri: client.uri(open) }, position: inside(rangeOf(open, 'POL-CHANGE-MGMT')) });
    assert.deepEqual(target, [{ uri: client.uri('policies/change-management.md'), range: rangeOf('policies/change-management.md', 'POL-CHANGE-MGMT') }]);

    // And so does the command line, over the files as saved.
    const check = spawnSync(process.execPath, [CLI, 'check', root, '--format', 'json', '--today', '2026-11-16'], { encoding: 'utf8' });
    const codes = (JSON.parse(check.stdout) as { findings: Array<{ code: string }> }).findings.map((f) => f.code);
    assert.ok(codes.length > 0, check.stderr);
    assert.equal(codes.filter((c) => c === 'unknown-reference').length, 0, JSON.stringify(codes));
  });

  it('rejects a new name another document has, or one that would break the YAML', async () => {
    const rel = 'controls/code-review.md';
    const rename = (newName: string): Promise<unknown> => client.connection.sendRequest(RenameRequest.type, { textDocument: { uri: client.uri(rel) }, position: inside(rangeOf(rel, 'CM-01')), newName });
    assert.equal(await errorOf(rename('CM-02')), '`CM-02` is already the id of `controls/change-audit.md`. Choose an id no other document has.');
    assert.match(await errorOf(rename('CM 01')), /^`CM 01` cannot be an id: use letters, digits/);
    assert.equal(await errorOf(rename('')), 'The new id is empty. Type an id such as AC-03.');
  });
});
