import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CoverageTreeRequest, IndexChangedNotification, IndexProgressNotification, type IndexChangedParams, type IndexProgressParams } from '../../server/src/protocol';
import { TestClient } from './lspClient';

interface ProgressValue {
  readonly kind: 'begin' | 'report' | 'end';
  readonly title?: string;
  readonly message?: string;
  readonly percentage?: number;
}

/** A repository of `n` approved policies, enough for indexing to report more than once. */
function repository(n: number): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-progress-'));
  fs.writeFileSync(path.join(root, 'compliance-docs.yml'), 'categories: [security]\n');
  fs.mkdirSync(path.join(root, 'policies'));
  for (let i = 0; i < n; i++) {
    const body = `# Policy ${i}\n\n${'Access is reviewed every quarter by the security lead. '.repeat(40)}\n`;
    fs.writeFileSync(path.join(root, 'policies', `p${i}.md`), `---\nid: POL-${i}\ntitle: Policy ${i}\nowner: security-lead\ncriteria: [CC6.1]\nlast_reviewed: 2026-06-01\n---\n${body}`);
  }
  return root;
}

describe('indexing progress over LSP', function () {
  this.timeout(60000);
  let root: string;
  let client: TestClient | undefined;

  afterEach(async () => {
    await client?.stop();
    client = undefined;
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('reports work-done progress while indexing: begin, reports with documents read of the total, end', async () => {
    root = repository(1500);
    client = await TestClient.start({ root, workDoneProgress: true });
    const c = client;
    await c.waitForNotification<IndexChangedParams>(IndexChangedNotification.method, (p) => p.complete, 45000);
    const values = async (): Promise<ProgressValue[]> => {
      await c.waitForNotification<{ token: unknown; value: ProgressValue }>('$/progress', (p) => p.value.kind === 'end', 15000);
      return c.notifications.filter((n) => n.method === '$/progress').map((n) => (n.params as { token: unknown; value: ProgressValue }).value);
    };
    const seen = await values();
    assert.equal(c.progressTokens.length, 1, 'one progress token, created by the server');
    for (const n of c.notifications.filter((x) => x.method === '$/progress')) assert.equal((n.params as { token: unknown }).token, c.progressTokens[0]);
    assert.equal(seen[0].kind, 'begin');
    assert.equal(seen[0].title, `Indexing ${path.basename(root)}`);
    assert.equal(seen[seen.length - 1].kind, 'end');
    const reports = seen.filter((v) => v.kind === 'report');
    assert.ok(reports.length >= 1, JSON.stringify(seen));
    assert.equal(reports[reports.length - 1].message, '1,500 of 1,500 documents read');
    assert.equal(reports[reports.length - 1].percentage, 100);
    const read = reports.map((r) => Number(/^([\d,]+) of 1,500 documents read$/.exec(r.message ?? '')?.[1].replace(/,/g, '') ?? NaN));
    assert.ok(read.every((x) => Number.isInteger(x)), JSON.stringify(reports));
    assert.deepEqual(read, [...read].sort((a, b) => a - b), 'counts only grow');
    const pct = reports.map((r) => r.percentage ?? -1);
    assert.deepEqual(pct, [...pct].sort((a, b) => a - b));

    // The same counts, for the client's views; the tree carries no progress once indexing is done.
    const done = await c.waitForNotification<IndexProgressParams>(IndexProgressNotification.method, (p) => p.stage === 'done');
    assert.deepEqual(done, { folder: c.uri(''), name: path.basename(root), stage: 'done', read: 1500, total: 1500 });
    const tree = await c.connection.sendRequest(CoverageTreeRequest, {});
    assert.equal(tree.folders[0].complete, true);
    assert.equal(tree.folders[0].progress, undefined);
  });

  it('asks for no progress token from a client without work-done progress, and still tells the views', async () => {
    root = repository(3);
    client = await TestClient.start({ root });
    const done = await client.waitForNotification<IndexProgressParams>(IndexProgressNotification.method, (p) => p.stage === 'done');
    assert.equal(done.read, 3);
    assert.equal(done.total, 3);
    assert.deepEqual(client.progressTokens, []);
    assert.ok(!client.notifications.some((n) => n.method === '$/progress'));
  });
});
