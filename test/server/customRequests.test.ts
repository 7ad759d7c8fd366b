import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FileChangeType } from 'vscode-languageserver-protocol/node';
import { CoverageTreeRequest, IndexChangedNotification, ReportRequest, ReviewScheduleRequest, type IndexChangedParams } from '../../server/src/protocol';
import { copyFixture, EXAMPLE, TestClient } from './lspClient';

describe('custom requests over LSP', function () {
  this.timeout(30000);
  let root: string;
  let client: TestClient;

  beforeEach(async () => {
    root = copyFixture(EXAMPLE);
    client = await TestClient.start({ root });
    await client.waitForNotification<IndexChangedParams>(IndexChangedNotification.method, (p) => p.complete);
  });
  afterEach(async () => {
    await client.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('lists documents with missing or broken frontmatter in the review schedule, with the reason, and each owner', async () => {
    const { items } = await client.connection.sendRequest(ReviewScheduleRequest, {});
    const unreadable = items.filter((i) => i.state === 'unreadable');
    assert.deepEqual(unreadable.map((i) => i.uri), [client.uri('policies/encryption.md'), client.uri('procedures/laptop-setup.md')]);
    assert.match(unreadable[0].reason ?? '', /^The frontmatter is not valid YAML: .*until then this document counts for nothing\.$/);
    assert.equal(unreadable[1].reason, 'No frontmatter: add one with owner, status and last_reviewed.');
    assert.deepEqual(items.slice(-2), unreadable, 'after every document that has a review date');
    const conduct = items.find((i) => i.id === 'POL-CONDUCT');
    assert.equal(conduct?.owner, fs.readFileSync(path.join(root, 'policies/code-of-conduct.md'), 'utf8').match(/^owner: (.+)$/m)?.[1]);
  });

  it('tells the client when a deleted document leaves the index, so views drop it', async () => {
    // An approved procedure that maps nothing and that nothing references: no criterion's state moves.
    const rel = 'procedures/vendor-intake.md';
    const before = await client.connection.sendRequest(CoverageTreeRequest, {});
    const count = before.folders[0].documentCount;
    assert.ok((await client.connection.sendRequest(ReviewScheduleRequest, {})).items.some((i) => i.uri === client.uri(rel)));

    client.notifications.length = 0;
    fs.rmSync(path.join(root, rel));
    await client.filesChanged([{ rel, type: FileChangeType.Deleted }]);
    const changed = await client.waitForNotification<IndexChangedParams>(IndexChangedNotification.method);
    assert.equal(changed.documentCount, count - 1);

    const after = await client.connection.sendRequest(CoverageTreeRequest, {});
    assert.equal(after.folders[0].documentCount, count - 1);
    // The tree says what the server read, in words, as check does.
    assert.match(before.folders[0].reading ?? '', new RegExp(`^Read ${count} documents \\(`));
    assert.match(after.folders[0].reading ?? '', new RegExp(`^Read ${count - 1} documents \\(`));
    assert.ok(!(await client.connection.sendRequest(ReviewScheduleRequest, {})).items.some((i) => i.uri === client.uri(rel)));
  });

  it('gives the report view the Type II calendar: each approved control with its slots, filled, missing or not yet due', async () => {
    const folder = (await client.connection.sendRequest(CoverageTreeRequest, {})).folders[0];
    assert.deepEqual(folder.period, { start: '2026-01-01', end: '2026-12-31' });
    const cm02 = folder.calendar?.find((c) => c.id === 'CM-02');
    assert.equal(cm02?.uri, client.uri('controls/change-audit.md'));
    assert.deepEqual(
      cm02?.slots.map((s) => `${s.label}:${s.status}`),
      ['2026-Q1:filled', '2026-Q2:missing', '2026-Q3:filled', '2026-Q4:not yet due'],
    );
    assert.ok(folder.calendar?.every((c) => c.slots.length > 0));
  });

  it('exports the matrix as xlsx in base64 and as text in the other formats', async () => {
    const xlsx = await client.connection.sendRequest(ReportRequest, { format: 'xlsx' });
    assert.equal(xlsx.encoding, 'base64');
    assert.equal(Buffer.from(xlsx.content, 'base64').subarray(0, 2).toString('latin1'), 'PK');
    const html = await client.connection.sendRequest(ReportRequest, { format: 'html' });
    assert.equal(html.encoding, undefined);
    assert.match(html.content, /<tr data-control="CM-02">/);
  });
});
