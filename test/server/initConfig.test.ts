import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { InitConfigRequest, IndexChangedNotification, type IndexChangedParams, type InitConfigResult } from '../../server/src/protocol';
import { runCli } from '../cli/cli';
import { copyFixture, EXAMPLE, TestClient } from './lspClient';

describe('complianceDocs/initConfig over LSP (Open or Create compliance-docs.yml)', function () {
  this.timeout(30000);
  const roots: string[] = [];
  let client: TestClient | undefined;

  async function start(root: string): Promise<TestClient> {
    roots.push(root);
    client = await TestClient.start({ root });
    await client.waitForNotification<IndexChangedParams>(IndexChangedNotification.method, (p) => p.complete);
    return client;
  }

  afterEach(async () => {
    await client?.stop();
    client = undefined;
    for (const r of roots.splice(0)) fs.rmSync(r, { recursive: true, force: true });
  });

  it('names the config a folder already has', async () => {
    const c = await start(copyFixture(EXAMPLE));
    assert.deepEqual(await c.connection.sendRequest(InitConfigRequest, {}), { existing: c.uri('compliance-docs.yml') });
  });

  it('in a program with no config: the config `compliance-docs init` writes, byte for byte, and what it found', async () => {
    const root = copyFixture(EXAMPLE);
    fs.rmSync(path.join(root, 'compliance-docs.yml'));
    const twin = copyFixture(root);
    roots.push(twin);
    const c = await start(root);
    const r = (await c.connection.sendRequest(InitConfigRequest, {})) as Extract<InitConfigResult, { files: unknown }>;
    assert.equal(r.detected, true);
    assert.deepEqual(r.files.map((f) => f.uri), [c.uri('compliance-docs.yml')]);
    const init = await runCli(['init', twin]);
    assert.equal(init.code, 0, init.stderr);
    assert.equal(r.files[0].content, fs.readFileSync(path.join(twin, 'compliance-docs.yml'), 'utf8'));
    assert.ok(r.found.length > 0);
    for (const line of r.found) assert.ok(init.stdout.includes(line), line);
    assert.ok(!fs.existsSync(path.join(root, 'compliance-docs.yml')), 'the server writes nothing itself');
  });

  it('in an empty folder: a starter config, policy and control', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-init-'));
    const c = await start(root);
    const r = (await c.connection.sendRequest(InitConfigRequest, { folder: c.uri('') })) as Extract<InitConfigResult, { files: unknown }>;
    assert.equal(r.detected, false);
    assert.deepEqual(
      r.files.map((f) => path.relative(root, fileURLToPath(f.uri))),
      ['compliance-docs.yml', path.join('policies', 'access-control.md'), path.join('controls', 'ac-01-access-review.md'), path.join('vendors', 'hosting-provider.md'), path.join('risks', 'payroll-fraud.md'), path.join('risks', 'assessments', 'annual-risk-assessment.md')],
    );
    assert.match(r.files[2].content, /^---\nid: AC-01\ntype: control\n/);
  });

  it('refuses, writing nothing, when a starter file is in the way or a folder on the way is a symlink', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-init-'));
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-init-outside-'));
    roots.push(outside);
    fs.symlinkSync(outside, path.join(root, 'controls'));
    const c = await start(root);
    await assert.rejects(c.connection.sendRequest(InitConfigRequest, {}), /controls is a symlink, and nothing is written through a link; nothing was written\. Init overwrites nothing\./);
    fs.rmSync(path.join(root, 'controls'));
    fs.mkdirSync(path.join(root, 'controls'));
    fs.writeFileSync(path.join(root, 'controls', 'ac-01-access-review.md'), 'mine\n');
    await assert.rejects(c.connection.sendRequest(InitConfigRequest, {}), /controls\/ac-01-access-review\.md already exists; nothing was written/);
    assert.deepEqual(fs.readdirSync(outside), []);
  });
});
