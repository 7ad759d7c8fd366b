// `check` prints the recorded result of its last run when nothing it depends on changed, without
// reading a document; any change to a document's bytes, the listing, the config or the date makes it
// check again, and the answer is always the one a run without any cache gives.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { contentHash } from '../../server/src/node/cache';
import * as v8 from 'node:v8';
import { readCacheFile, writeCacheFile } from '../../server/src/node/cacheStore';
import { fileSignature } from '../../server/src/node/readDocument';
import { lookupResult, resultFile, storeResult, type CheckResult, type RunInputs } from '../../server/src/node/resultCache';
import { FS_SPY, isInside, isRead, readJsonLines, type FsCall } from '../fsSpy';
import { joinLines } from '../helpers';
import { ensureBuilt, HARBORVIEW, removeTemps, runCli, tempDir, TODAY, writeFiles, type RunResult } from './cli';

const ROUND_TIME = new Date('2026-01-02T03:04:05Z');

describe('check: the recorded result of the last run', function () {
  this.timeout(60000);
  let root = '';
  let cacheDir = '';
  let logDir = '';
  let logs = 0;

  /** Runs check with the cache; returns the result and the documents (markdown files of the root) it opened or read. */
  const cached = async (...args: string[]): Promise<RunResult & { readDocs: string[] }> => {
    const log = path.join(logDir, `run-${logs++}.log`);
    const r = await runCli(['check', root, '--format', 'json', '--today', TODAY, '--cache-dir', cacheDir, ...args], { nodeArgs: ['--require', FS_SPY], env: { FS_SPY_LOG: log } });
    const readDocs = new Set<string>();
    for (const call of readJsonLines<FsCall>(log)) {
      if (isRead(call) && isInside(root, call.path) && call.path.endsWith('.md')) readDocs.add(path.relative(root, call.path));
    }
    return { ...r, readDocs: [...readDocs].sort() };
  };
  const uncached = (...args: string[]): Promise<RunResult> => runCli(['check', root, '--format', 'json', '--today', TODAY, '--no-cache', ...args]);
  const expectSameAsUncached = async (r: RunResult, ...args: string[]): Promise<void> => {
    const reference = await uncached(...args);
    assert.equal(r.stdout, reference.stdout);
    assert.equal(r.stderr, reference.stderr);
    assert.equal(r.code, reference.code);
  };
  /** Replaces text in a file keeping its size and its modification time, as a careless tool might. */
  const rewriteSameSize = (rel: string, from: string, to: string): void => {
    assert.equal(from.length, to.length);
    const abs = path.join(root, rel);
    const before = fs.statSync(abs);
    assert.equal(before.mtimeMs, ROUND_TIME.getTime());
    const text = fs.readFileSync(abs, 'utf8');
    assert.ok(text.includes(from), `${rel} contains ${from}`);
    fs.writeFileSync(abs, text.replace(from, to));
    fs.utimesSync(abs, ROUND_TIME, ROUND_TIME);
    assert.equal(fs.statSync(abs).mtimeMs, before.mtimeMs);
    assert.equal(fs.statSync(abs).size, before.size);
  };
  /** Waits until files changed now are older than the window in which a signature is not trusted. */
  const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 2100));

  before(async () => {
    ensureBuilt();
    root = tempDir('cd-result-');
    cacheDir = tempDir('cd-result-cache-');
    logDir = tempDir('cd-result-log-');
    fs.cpSync(HARBORVIEW, root, { recursive: true });
    writeFiles(root, { 'policies/binary.md': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1]) });
    // A whole second, which setting a time back preserves exactly.
    fs.utimesSync(path.join(root, 'controls/access-review.md'), ROUND_TIME, ROUND_TIME);
    await settle();
  });
  after(removeTemps);

  it('reads no document when nothing changed, and prints the same result', async () => {
    const first = await cached();
    assert.ok(first.readDocs.length > 20, `the first run reads the documents (read ${first.readDocs.length})`);
    await expectSameAsUncached(first);
    assert.ok(fs.readdirSync(cacheDir).some((f) => f.endsWith('.check')), 'a result was recorded');
    const second = await cached();
    assert.deepEqual(second.readDocs, [], 'the second run reads no document');
    assert.equal(second.stdout, first.stdout);
    assert.equal(second.stderr, first.stderr);
    assert.equal(second.code, first.code);
    // Each form is printed from the result, then kept: asked for again, the kept bytes are printed.
    for (const format of ['text', 'sarif', 'sarif', 'json', 'text', 'text']) {
      const r = await cached('--format', format);
      assert.deepEqual(r.readDocs, [], `--format ${format} reads no document either`);
      await expectSameAsUncached(r, '--format', format);
    }
    const kept = fs.readdirSync(cacheDir).find((f) => f.endsWith('.check')) as string;
    const last = await cached('--format', 'text');
    const recorded = readCacheFile(path.join(cacheDir, kept));
    assert.ok(recorded?.includes(Buffer.from(last.stdout)), 'the text report is kept with the result');
  });

  it('prints for the root written another way what a run without the cache prints', async () => {
    const rel = path.basename(root);
    const cwd = path.dirname(root);
    await cached();
    const b = await runCli(['check', rel, '--format', 'json', '--today', TODAY, '--cache-dir', cacheDir], { cwd });
    const reference = await runCli(['check', rel, '--format', 'json', '--today', TODAY, '--no-cache'], { cwd });
    assert.equal(b.stdout, reference.stdout);
    assert.equal(b.code, reference.code);
  });

  it('sees a document whose bytes changed with the same size and modification time', async () => {
    rewriteSameSize('controls/access-review.md', 'last_reviewed: 2026', 'last_reviewed: 2016');
    const r = await cached();
    assert.ok(r.readDocs.includes('controls/access-review.md'));
    assert.match(r.stdout, /controls\/access-review\.md[\s\S]*stale-review|stale-review[\s\S]*controls\/access-review\.md/);
    await expectSameAsUncached(r);
  });

  it('sees a changed binary document, which it only knows by its signature', async () => {
    fs.writeFileSync(path.join(root, 'policies/binary.md'), joinLines('---', 'id: POL-WAS-BINARY', 'type: policy', '---', ''));
    const r = await cached();
    assert.match(r.stdout, /POL-WAS-BINARY|policies\/binary\.md/);
    await expectSameAsUncached(r);
  });

  it('sees evidence deleted and restored, a config change and another date', async () => {
    const evidence = fs.readdirSync(path.join(root, 'evidence'), { recursive: true, withFileTypes: true }).find((d) => d.isFile());
    assert.ok(evidence);
    const abs = path.join(evidence.parentPath, evidence.name);
    const bytes = fs.readFileSync(abs);
    fs.rmSync(abs);
    const deleted = await cached();
    await expectSameAsUncached(deleted);
    fs.writeFileSync(abs, bytes);
    await expectSameAsUncached(await cached());

    const config = path.join(root, 'compliance-docs.yml');
    const configText = fs.readFileSync(config, 'utf8');
    fs.appendFileSync(config, joinLines('', 'rules:', '  stale-review: off', ''));
    await expectSameAsUncached(await cached());
    fs.writeFileSync(config, configText);
    await expectSameAsUncached(await cached());

    await expectSameAsUncached(await cached('--today', '2027-06-01'), '--today', '2027-06-01');
  });

  it('ignores a recorded result that is corrupt or truncated, and records a good one again', async () => {
    await cached();
    const file = fs.readdirSync(cacheDir).find((f) => f.endsWith('.check'));
    assert.ok(file);
    const abs = path.join(cacheDir, file);
    const bytes = fs.readFileSync(abs);
    const flipped = (at: number): Buffer => {
      const b = Buffer.from(bytes);
      b[at] ^= 1;
      return b;
    };
    // Cut short, not a result, empty, a byte changed in the key it starts with, a byte changed after it.
    for (const broken of [bytes.subarray(0, Math.floor(bytes.length / 2)), Buffer.from('not a result'), Buffer.alloc(0), flipped(60), flipped(bytes.length - 10)]) {
      fs.writeFileSync(abs, broken);
      const r = await cached();
      await expectSameAsUncached(r);
      assert.ok(fs.readFileSync(abs).length > 100, 'a good result was recorded again');
    }
  });

  it('keeps the printed report after the result, and drops a file whose report is not as long as it says', async () => {
    await cached();
    const json = await cached('--format', 'json');
    const file = path.join(cacheDir, fs.readdirSync(cacheDir).find((f) => f.endsWith('.check')) as string);
    const body = readCacheFile(file);
    assert.ok(body);
    const keyLine = body.subarray(0, body.indexOf(10) + 1);
    const reader = new v8.DefaultDeserializer(body.subarray(keyLine.length));
    reader.readHeader();
    const form = reader.readValue() as { rendered: { key: string; length: number } | null };
    assert.ok(form.rendered, 'the report is recorded');
    const report = reader.readRawBytes(form.rendered.length);
    assert.equal(report.toString('utf8'), json.stdout, 'the report follows the result, as printed');
    // The same file (right checksum), saying its report is longer than what follows, then shorter.
    for (const length of [form.rendered.length + 1, form.rendered.length - 1]) {
      const ser = new v8.DefaultSerializer();
      ser.writeHeader();
      ser.writeValue({ ...form, rendered: { ...form.rendered, length } });
      assert.ok(writeCacheFile(file, Buffer.concat([keyLine, ser.releaseBuffer()]), keyLine.length, 'fast', report));
      const r = await cached('--format', 'json');
      assert.ok(r.readDocs.length > 20, `a report of ${length} bytes where ${form.rendered.length} follow: the file is dropped, the documents read again`);
      await expectSameAsUncached(r, '--format', 'json');
    }
  });

  it('reads documents whose signature changed but not their bytes once, then trusts their new signature', async () => {
    await cached();
    const now = new Date();
    for (const d of fs.readdirSync(path.join(root, 'policies'))) fs.utimesSync(path.join(root, 'policies', d), now, now);
    const touched = await cached();
    assert.ok(touched.readDocs.some((d) => d.startsWith('policies/')), 'documents with a new signature are read to compare their bytes');
    assert.ok(!touched.readDocs.some((d) => d.startsWith('controls/')), 'the others are not');
    await expectSameAsUncached(touched);
    await settle();
    await cached();
    const again = await cached();
    assert.deepEqual(again.readDocs, [], 'their new signatures were recorded');
    await expectSameAsUncached(again);
  });
});

describe('result cache: signatures of files that changed around the recorded run', () => {
  it('does not trust a signature taken within the window before the run began', () => {
    const root = tempDir('cd-result-racy-');
    const cacheDir = tempDir('cd-result-racy-cache-');
    const doc = path.join(root, 'a.md');
    fs.writeFileSync(doc, 'old bytes');
    const oldHash = contentHash(fs.readFileSync(doc));
    // The file changes, keeping its size, in the same clock tick as the run that read the old bytes:
    // its signature then is the one a later run sees.
    fs.writeFileSync(doc, 'new bytes');
    const sig = fileSignature(fs.statSync(doc));
    const inputs: RunInputs = { code: 'x', rootReal: root, today: TODAY, configName: undefined, configText: undefined, listing: [['a.md', { kind: 'file', size: -1 }]], walkErrors: [] };
    const result: CheckResult = { findings: [], workspaceCount: 0, severities: {}, configPath: undefined, walkErrors: [], summary: { documents: [], skipped: [] } };
    const file = resultFile(cacheDir, root);
    storeResult(file, inputs, root, [{ rel: 'a.md', real: 'a.md', hash: oldHash, signature: sig }], Date.now(), result);
    const found = lookupResult(file, inputs, root, Date.now());
    assert.equal(found?.kind, 'changed', 'the bytes are compared, and differ: the result is only a previous one');
    assert.deepEqual(found.changed, [{ rel: 'a.md', hash: oldHash }]);
    // The same record from a run that began long after the file last changed is trusted.
    storeResult(file, inputs, root, [{ rel: 'a.md', real: 'a.md', hash: contentHash(fs.readFileSync(doc)), signature: sig }], Date.now() + 10_000, result);
    assert.deepEqual(lookupResult(file, inputs, root, Date.now())?.result, result);
    removeTemps();
  });

  it('records nothing for a document it can recognise neither by bytes nor by a trusted signature', () => {
    const root = tempDir('cd-result-none-');
    const cacheDir = tempDir('cd-result-none-cache-');
    fs.writeFileSync(path.join(root, 'b.md'), Buffer.from([0, 1, 2]));
    const inputs: RunInputs = { code: 'x', rootReal: root, today: TODAY, configName: undefined, configText: undefined, listing: [['b.md', { kind: 'file', size: -1 }]], walkErrors: [] };
    const file = resultFile(cacheDir, root);
    storeResult(file, inputs, root, [{ rel: 'b.md', real: 'b.md', hash: '', signature: undefined }], Date.now(), { findings: [], workspaceCount: 0, severities: {}, configPath: undefined, walkErrors: [], summary: { documents: [], skipped: [] } });
    assert.equal(fs.existsSync(file), false);
    removeTemps();
  });
});
