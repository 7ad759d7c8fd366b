import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CodeLensRefreshRequest, CodeLensRequest, FileChangeType, type CodeLens } from 'vscode-languageserver-protocol/node';
import { copyFixture, EXAMPLE, TestClient } from './lspClient';

async function until(condition: () => boolean, what: string, timeoutMs = 15000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('code lens over LSP', function () {
  this.timeout(30000);
  let root: string;
  let client: TestClient;
  let refreshes = 0;

  const lenses = async (rel: string): Promise<CodeLens[]> => (await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri: client.uri(rel) } })) ?? [];
  const titles = async (rel: string): Promise<string[]> => (await lenses(rel)).map((l) => l.command?.title ?? '');

  before(async () => {
    root = copyFixture(EXAMPLE);
    client = await TestClient.start({
      root,
      // The client's settings win over initializationOptions once the server pulls them.
      settings: { today: '2026-11-16' },
      capabilities: { workspace: { codeLens: { refreshSupport: true }, didChangeWatchedFiles: { dynamicRegistration: true }, configuration: true, workspaceFolders: true } },
    });
    client.connection.onRequest(CodeLensRefreshRequest.type, () => {
      refreshes++;
    });
    await client.waitForNotification<{ complete: boolean }>('complianceDocs/indexChanged', (p) => p.complete);
  });
  after(async () => {
    await client.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it("summarises a control on its frontmatter's first line: criteria, review age, evidence", async () => {
    const rel = 'controls/code-review.md';
    await client.open(rel);
    const top = { start: { line: 0, character: 0 }, end: { line: 0, character: 3 } };
    assert.deepEqual(await lenses(rel), [
      { range: top, command: { title: '1 criterion', command: 'complianceDocs.showCoverage', arguments: ['CC8.1'] } },
      { range: top, command: { title: 'reviewed 273 days ago · due in 92 days', command: 'complianceDocs.showReviewSchedule' } },
      { range: top, command: { title: '5 evidence', command: '' } },
    ]);
  });

  it('says when a review is overdue, and when evidence is missing or outside the repository', async () => {
    assert.deepEqual(await titles('policies/code-of-conduct.md'), ['3 criteria', 'review overdue by 62 days']);
    assert.deepEqual((await titles('controls/deprovisioning.md'))[2], '5 evidence, 1 missing');
    assert.deepEqual((await titles('controls/penetration-test.md'))[2], '3 evidence, 1 outside the repository');
    assert.deepEqual(await titles('procedures/key-rotation.md'), ['2 criteria, 1 not in the catalog', 'no review date']);
    assert.deepEqual(await titles('procedures/laptop-setup.md'), []);
  });

  it('counts an evidence file as missing once it is deleted, and asks the editor to refresh', async () => {
    const rel = 'controls/code-review.md';
    const evidence = 'evidence/2026-Q3/merged-pr-sample.csv';
    const before = refreshes;
    fs.rmSync(path.join(root, evidence));
    await client.filesChanged([{ rel: evidence, type: FileChangeType.Deleted }]);
    await until(() => refreshes > before, 'a code lens refresh');
    assert.equal((await titles(rel))[2], '5 evidence, 1 missing');
  });
});
