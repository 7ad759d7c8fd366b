import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DidChangeConfigurationNotification, FileChangeType } from 'vscode-languageserver-protocol/node';
import { CoverageTreeRequest, IndexChangedNotification, type IndexChangedParams } from '../../server/src/protocol';
import { copyFixture, EXAMPLE, TestClient } from './lspClient';

describe('complianceDocs.today = fieldwork over LSP', function () {
  this.timeout(30000);
  let root: string;
  let client: TestClient;

  beforeEach(async () => {
    root = copyFixture(EXAMPLE);
    client = await TestClient.start({ root, settings: { today: 'fieldwork' } });
    await client.waitForNotification<IndexChangedParams>(IndexChangedNotification.method, (p) => p.complete);
  });
  afterEach(async () => {
    await client.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  async function today(): Promise<string> {
    return (await client.connection.sendRequest(CoverageTreeRequest, {})).folders[0].today;
  }

  /** Waits until the coverage tree is as of `date`. */
  async function todayBecomes(date: string): Promise<void> {
    const deadline = Date.now() + 15000;
    while ((await today()) !== date) {
      if (Date.now() > deadline) assert.fail(`today is ${await today()}, not ${date}`);
      await client.waitForNotification<IndexChangedParams>(IndexChangedNotification.method, undefined, 2000).catch(() => undefined);
    }
  }

  it("checks as of the config's audit.fieldwork, and follows the config when it changes", async () => {
    assert.equal(await today(), '2027-01-18');
    const config = path.join(root, 'compliance-docs.yml');
    fs.writeFileSync(config, fs.readFileSync(config, 'utf8').replace('fieldwork: 2027-01-18', 'fieldwork: 2027-02-01'));
    await client.filesChanged([{ rel: 'compliance-docs.yml', type: FileChangeType.Changed }]);
    await todayBecomes('2027-02-01');
  });

  it('goes back to a date, and to fieldwork, when the setting changes', async () => {
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { complianceDocs: { today: '2026-11-16' } } });
    await todayBecomes('2026-11-16');
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { complianceDocs: { today: 'fieldwork' } } });
    await todayBecomes('2027-01-18');
  });
});
