import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FileChangeType } from 'vscode-languageserver-protocol/node';
import { copyFixture, EXAMPLE, TestClient } from './lspClient';

describe('diagnostics over LSP', function () {
  this.timeout(30000);
  let root: string;
  let client: TestClient;

  beforeEach(async () => {
    root = copyFixture(EXAMPLE);
    client = await TestClient.start({ root });
  });
  afterEach(async () => {
    await client.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('publishes diagnostics for documents that are not open, with rule code, source and exact range', async () => {
    const d = await client.waitForDiagnostics('policies/risk-management.md', (x) => x.some((y) => y.code === 'unknown-criterion'));
    const f = d.find((x) => x.code === 'unknown-criterion');
    assert.equal(f?.source, 'compliance-docs');
    assert.deepEqual(f?.range, { start: { line: 9, character: 4 }, end: { line: 9, character: 9 } });
  });

  it('updates diagnostics as the user types', async () => {
    const rel = 'policies/risk-management.md';
    await client.waitForDiagnostics(rel, (x) => x.some((y) => y.code === 'unknown-criterion'));
    await client.open(rel);
    await client.change(rel, [{ range: { start: { line: 9, character: 4 }, end: { line: 9, character: 9 } }, text: 'CC9.2' }]);
    await client.waitForDiagnostics(rel, (x) => !x.some((y) => y.code === 'unknown-criterion'));
  });

  it('reports a deleted evidence file at once, and clears it when the file comes back', async () => {
    const rel = 'controls/change-audit.md';
    await client.waitForDiagnostics(rel, (x) => x.some((y) => y.code === 'evidence-gap'));
    const text = fs.readFileSync(path.join(root, rel), 'utf8');
    const evidence = /path: \/(evidence\/[^\s]+)/.exec(text)?.[1];
    assert.ok(evidence, 'the control links an evidence file');
    const abs = path.join(root, evidence);
    const content = fs.readFileSync(abs);
    fs.rmSync(abs);
    await client.filesChanged([{ rel: evidence, type: FileChangeType.Deleted }]);
    await client.waitForDiagnostics(rel, (x) => x.some((y) => y.code === 'broken-evidence-link'));
    fs.writeFileSync(abs, content);
    await client.filesChanged([{ rel: evidence, type: FileChangeType.Created }]);
    await client.waitForDiagnostics(rel, (x) => !x.some((y) => y.code === 'broken-evidence-link'));
  });
});
