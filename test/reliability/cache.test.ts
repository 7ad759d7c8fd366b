// The cache on disk is input like any other: a byte flipped by a failing disk, a folder on shared CI
// storage that someone else owns, a file swapped for a symlink or for a forged result. None of them
// may crash a run, change what it prints, or make it write outside its own files.

import assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import type { ParsedDocument } from '../../server/src/core/model/types';
import { parseComplianceDocument } from '../../server/src/core/parse/document';
import { CorruptDocuments, decodeDocument, DocumentEncoder, UnencodableDocument } from '../../server/src/node/cache';
import { readCacheFile, writeCacheFile, writeCacheFileSoon } from '../../server/src/node/cacheStore';
import { ensureBuilt, HARBORVIEW, lines, removeTemps, runCli, tempDir, TODAY, type RunResult } from '../cli/cli';
import { indexed, startServer } from './lsp';

const IS_ROOT = typeof process.getuid === 'function' && process.getuid() === 0;
const POSIX = process.platform !== 'win32';

function copyOfExample(): string {
  const root = tempDir('cd-cache-root-');
  fs.cpSync(HARBORVIEW, root, { recursive: true });
  return root;
}

const check = (root: string, ...extra: string[]): Promise<RunResult> => runCli(['check', root, '--format', 'json', '--today', TODAY, ...extra]);
const coverage = (root: string, ...extra: string[]): Promise<RunResult> => runCli(['coverage', root, '--format', 'json', '--today', TODAY, ...extra]);

function filesIn(dir: string, ext: string): string[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(ext))
    .map((f) => path.join(dir, f));
}

function assertSameRun(r: RunResult, reference: RunResult, what: string): void {
  assert.doesNotMatch(r.stderr, /internal error/, `${what}: ${r.stderr}`);
  assert.equal(r.stdout, reference.stdout, what);
  assert.equal(r.code, reference.code, what);
}

/** Offsets spread over a file, past its first bytes. */
function offsets(size: number, n: number): number[] {
  return Array.from({ length: n }, (_, k) => Math.floor(((k + 0.5) * size) / n));
}

describe('a cache that cannot be trusted', function () {
  this.timeout(240000);
  before(ensureBuilt);
  after(removeTemps);

  it('a parse cache with one byte changed anywhere is dropped: every later run prints what an uncached run does', async () => {
    const root = copyOfExample();
    const cacheDir = tempDir('cd-cache-');
    const reference = await coverage(root, '--no-cache');
    assertSameRun(await coverage(root, '--cache-dir', cacheDir), reference, 'first cached run');
    const [file] = filesIn(cacheDir, '.cache');
    assert.ok(file, 'a parse cache was written');
    const good = fs.readFileSync(file);
    for (const at of offsets(good.length, 24)) {
      const bad = Buffer.from(good);
      bad[at] ^= 0x01;
      fs.writeFileSync(file, bad, { mode: 0o600 });
      assertSameRun(await coverage(root, '--cache-dir', cacheDir), reference, `byte ${at} of ${good.length} flipped`);
      // The damaged file was dropped and a good one written: the next run is right too.
      assertSameRun(await coverage(root, '--cache-dir', cacheDir), reference, `the run after byte ${at} was flipped`);
    }
  });

  it('a recorded check result with one byte changed anywhere is ignored, and recorded again', async () => {
    const root = copyOfExample();
    const cacheDir = tempDir('cd-cache-');
    const reference = await check(root, '--no-cache');
    assertSameRun(await check(root, '--cache-dir', cacheDir), reference, 'first cached run');
    const [file] = filesIn(cacheDir, '.check');
    assert.ok(file, 'a result was recorded');
    const good = fs.readFileSync(file);
    for (const at of offsets(good.length, 16)) {
      const bad = Buffer.from(good);
      bad[at] ^= 0x20;
      fs.writeFileSync(file, bad, { mode: 0o600 });
      assertSameRun(await check(root, '--cache-dir', cacheDir), reference, `byte ${at} of ${good.length} flipped`);
    }
    assert.ok(readCacheFile(file), 'a good result was recorded again');
  });

  it('the server finishes indexing over a parse cache damaged past its checksum, and shows what a fresh server shows', async () => {
    const root = copyOfExample();
    const cacheDir = tempDir('cd-cache-');
    const doc = 'procedures/onboarding.md';
    const first = await startServer({ root, initializationOptions: { cacheDir } });
    let fresh;
    try {
      await indexed(first);
      fresh = await first.waitForDiagnostics(doc, (d) => d.length > 0);
    } finally {
      await first.stop();
    }
    const [file] = filesIn(cacheDir, '.cache');
    assert.ok(file, 'the server wrote a parse cache');
    // Damage that passes the checksum (a writer that went wrong): integers of every document's run
    // point past the string table and past the text.
    const body = readCacheFile(file);
    assert.ok(body);
    const stored = v8.deserialize(body) as { chunks: Array<{ nums: Int32Array }> };
    for (const chunk of stored.chunks) for (let k = 7; k < chunk.nums.length; k += 97) chunk.nums[k] = 1 << 20;
    assert.ok(writeCacheFile(file, v8.serialize(stored)));
    const second = await startServer({ root, initializationOptions: { cacheDir } });
    try {
      await indexed(second);
      const again = await second.waitForDiagnostics(doc, (d) => d.length === fresh.length);
      assert.deepEqual(again, fresh);
    } finally {
      await second.stop();
    }
  });

  it('the encoder refuses a document holding a value of the wrong type, and shifts no later string', () => {
    const good = parseComplianceDocument('controls/b.md', lines('---', 'id: B-1', 'type: control', 'frequency: quarterly', 'owner: it-lead', '---', '', '# B'), {});
    const base = parseComplianceDocument('controls/a.md', lines('---', 'id: A-1', 'type: control', 'frequency: monthly', '---'), {});
    assert.ok(base.frequency);
    // What a lookup that took an inherited name would have put there.
    const hostile = { ...base, frequency: { ...base.frequency, value: Object.prototype.constructor } } as unknown as ParsedDocument;
    const numeric = { ...base, owner: { value: 42, span: { start: 0, end: 1 } } } as unknown as ParsedDocument;
    const encoder = new DocumentEncoder();
    const before = encoder.add(good);
    assert.throws(() => encoder.add(hostile), UnencodableDocument);
    assert.throws(() => encoder.add(numeric), UnencodableDocument);
    const after = encoder.add(good);
    const batch = encoder.finish();
    assert.equal(batch.count, 2, 'only the two good documents were taken');
    assert.deepEqual(decodeDocument(batch, before), good);
    assert.deepEqual(decodeDocument(batch, after), good);
  });

  it('the decoder refuses a run that does not hold what the layout says', () => {
    const doc = parseComplianceDocument('controls/a.md', lines('---', 'id: A-1', 'type: control', 'owner: it-lead', 'criteria: [CC6.1]', '---', '', 'See [x](../evidence/x.csv).'), {});
    const encoder = new DocumentEncoder();
    const at = encoder.add(doc);
    const batch = encoder.finish();
    assert.deepEqual(decodeDocument(batch, at), doc);
    for (let k = 0; k < batch.nums.length; k++) {
      for (const value of [-1, 1 << 20, batch.strs.length]) {
        const nums = Int32Array.from(batch.nums);
        nums[k] = value;
        let decoded: ParsedDocument | undefined;
        try {
          decoded = decodeDocument({ ...batch, nums }, at);
        } catch (e) {
          assert.ok(e instanceof CorruptDocuments || e instanceof SyntaxError, `integer ${k} set to ${value}: ${String(e)}`);
          continue;
        }
        // Accepted: then it is a document whose every span lies inside it, with strings where strings go.
        for (const s of [...decoded.criteria, ...(decoded.id ? [decoded.id] : []), ...(decoded.owner ? [decoded.owner] : [])]) {
          assert.equal(typeof s.value, 'string');
          assert.ok(s.span.start >= 0 && s.span.end <= decoded.length && s.span.start <= s.span.end, `integer ${k} set to ${value}: span ${JSON.stringify(s.span)}`);
        }
        for (const e of decoded.evidence) assert.ok(e.span.start >= 0 && e.span.end <= decoded.length, `integer ${k} set to ${value}: evidence span`);
      }
    }
  });

  it('a cache folder that others can write to, or that is a symlink, is not used: one notice, and nothing written in it', async function () {
    if (!POSIX) this.skip();
    const root = copyOfExample();
    const reference = await check(root, '--no-cache');
    const open = tempDir('cd-cache-open-');
    fs.chmodSync(open, 0o777);
    const target = tempDir('cd-cache-target-');
    const link = path.join(tempDir('cd-cache-link-'), 'cache');
    fs.symlinkSync(target, link);
    for (const [dir, why] of [
      [open, /others can write to it/],
      [link, /is a symlink/],
    ] as const) {
      const r = await check(root, '--cache-dir', dir);
      assert.equal(r.stdout, reference.stdout);
      assert.equal(r.code, reference.code);
      const notices = r.stderr.split('\n').filter((l) => l.includes('cache'));
      assert.equal(notices.length, 1, r.stderr);
      assert.match(notices[0], /^compliance-docs: not using the cache folder .*: /);
      assert.match(notices[0], why);
      assert.deepEqual(fs.readdirSync(dir), [], `nothing was written in ${dir}`);
    }
    assert.deepEqual(fs.readdirSync(target), []);
  });

  it('a cache folder of another user is not used, through --cache-dir or XDG_CACHE_HOME', async function () {
    if (!POSIX || !IS_ROOT) this.skip();
    const root = copyOfExample();
    const reference = await check(root, '--no-cache');
    const shared = tempDir('cd-cache-shared-');
    const theirs = path.join(shared, 'compliance-docs');
    fs.mkdirSync(theirs, { mode: 0o755 });
    fs.chownSync(theirs, 65534, 65534);
    for (const r of [await check(root, '--cache-dir', theirs), await runCli(['check', root, '--format', 'json', '--today', TODAY], { env: { XDG_CACHE_HOME: shared } })]) {
      assert.equal(r.stdout, reference.stdout);
      assert.equal(r.code, reference.code);
      assert.match(r.stderr, /not using the cache folder .*compliance-docs: it belongs to another user \(uid 65534\)/);
      assert.deepEqual(fs.readdirSync(theirs), []);
    }
  });

  it('a cache folder it makes is 0700, its files 0600, and it writes through no planted symlink', async function () {
    if (!POSIX) this.skip();
    const root = copyOfExample();
    const xdg = tempDir('cd-cache-xdg-');
    const env = { XDG_CACHE_HOME: xdg };
    const reference = await check(root, '--no-cache');
    assertSameRun(await runCli(['check', root, '--format', 'json', '--today', TODAY], { env }), reference, 'first run');
    const dir = path.join(xdg, 'compliance-docs');
    assert.equal(fs.statSync(dir).mode & 0o777, 0o700);
    const files = fs.readdirSync(dir);
    assert.deepEqual(files.map((f) => path.extname(f)).sort(), ['.cache', '.check']);
    for (const f of files) assert.equal(fs.statSync(path.join(dir, f)).mode & 0o777, 0o600, f);
    // Someone who could write there swaps each file for a symlink to a file of the victim's.
    const victim = path.join(tempDir('cd-cache-victim-'), 'precious.txt');
    fs.writeFileSync(victim, 'precious');
    for (const f of files) {
      fs.rmSync(path.join(dir, f));
      fs.symlinkSync(victim, path.join(dir, f));
    }
    fs.writeFileSync(path.join(root, 'policies', 'new.md'), lines('---', 'id: POL-NEW', 'type: policy', '---'));
    const reference2 = await check(root, '--no-cache');
    assertSameRun(await runCli(['check', root, '--format', 'json', '--today', TODAY], { env }), reference2, 'run over planted symlinks');
    assert.equal(fs.readFileSync(victim, 'utf8'), 'precious', 'the symlinks were not written through');
    for (const f of files) assert.ok(fs.lstatSync(path.join(dir, f)).isFile(), `${f} is a file of its own again`);
  });

  it('a recorded result replaced by one that says "no problems" is detected and ignored', async function () {
    if (!POSIX) this.skip();
    const root = copyOfExample();
    const cacheDir = tempDir('cd-cache-');
    const reference = await check(root, '--no-cache');
    assert.ok((JSON.parse(reference.stdout) as { findings: unknown[] }).findings.length > 0, 'the example has findings');
    await check(root, '--cache-dir', cacheDir);
    const [file] = filesIn(cacheDir, '.check');
    const body = readCacheFile(file);
    assert.ok(body);
    // The body: the key it was recorded for on a line, then the result.
    const keyLine = body.subarray(0, body.indexOf(10) + 1);
    const stored = v8.deserialize(body.subarray(keyLine.length)) as { result: { refs: Int32Array; messages: string[]; ranges: Int32Array } };
    stored.result = { ...stored.result, refs: new Int32Array(0), messages: [], ranges: new Int32Array(0) };
    const forged = Buffer.concat([keyLine, v8.serialize(stored)]);
    // Forged with the old checksum (the file's first line, then 32 bytes): the checksum gives it away.
    const original = fs.readFileSync(file);
    const sumAt = original.indexOf(10) + 1;
    const elsewhere = path.join(tempDir('cd-forged-'), 'forged.check');
    assert.ok(writeCacheFile(elsewhere, forged, keyLine.length));
    const withOldSum = fs.readFileSync(elsewhere);
    original.copy(withOldSum, sumAt, sumAt, sumAt + 32);
    assert.notDeepEqual(withOldSum, original);
    fs.writeFileSync(file, withOldSum, { mode: 0o600 });
    assertSameRun(await check(root, '--cache-dir', cacheDir), reference, 'forged result, old checksum');
    if (IS_ROOT) {
      // Forged with a right checksum, by another user: its owner gives it away.
      assert.ok(writeCacheFile(file, forged, keyLine.length));
      fs.chownSync(file, 65534, 65534);
      assertSameRun(await check(root, '--cache-dir', cacheDir), reference, 'forged result of another user');
    }
  });

  describe('the file layout', () => {
    // A body like a recorded result: a key line, then much that repeats.
    const key = Buffer.from('cd-result:0123456789abcdef\n', 'latin1');
    const body = Buffer.concat([key, Buffer.from('{"path":"policies/access.md","code":"stale-review"}'.repeat(20000))]);

    it('keeps the head as written and compresses the rest: read back whole, or past the head asked for', () => {
      const file = path.join(tempDir('cd-layout-'), 'r.check');
      assert.ok(writeCacheFile(file, body, key.length));
      const onDisk = fs.readFileSync(file);
      assert.ok(onDisk.length * 10 < body.length, `${onDisk.length} bytes on disk for a body of ${body.length}`);
      assert.ok(onDisk.includes(key), 'the head is stored as it is');
      assert.deepEqual(readCacheFile(file), body);
      assert.deepEqual(readCacheFile(file, key), body.subarray(key.length));
      // Another head is not read on, and the file is kept for the run it belongs to.
      assert.equal(readCacheFile(file, Buffer.from('cd-result:fedcba9876543210\n', 'latin1')), undefined);
      assert.equal(readCacheFile(file, key.subarray(0, key.length - 1)), undefined);
      assert.ok(fs.existsSync(file));
    });

    it('writes the same file off this thread', async () => {
      const file = path.join(tempDir('cd-layout-'), 'r.check');
      const ok = await new Promise<boolean>((done) => writeCacheFileSoon(file, body, { head: key.length, squeeze: 'small', done }));
      assert.equal(ok, true);
      assert.deepEqual(readCacheFile(file, key), body.subarray(key.length));
    });

    it('a tail given apart is read back as the end of the body, written here or off this thread', async () => {
      const tail = Buffer.from('a report of its own\n'.repeat(5000));
      const dir = tempDir('cd-layout-');
      const here = path.join(dir, 'here.check');
      assert.ok(writeCacheFile(here, body, key.length, 'fast', tail));
      const soon = path.join(dir, 'soon.check');
      assert.equal(await new Promise<boolean>((done) => writeCacheFileSoon(soon, body, { head: key.length, tail, done })), true);
      for (const file of [here, soon]) {
        assert.deepEqual(readCacheFile(file), Buffer.concat([body, tail]), path.basename(file));
        assert.deepEqual(readCacheFile(file, key), Buffer.concat([body.subarray(key.length), tail]), path.basename(file));
      }
    });

    it('a file whose checksum holds but whose compressed part does not decompress is dropped', () => {
      const file = path.join(tempDir('cd-layout-'), 'r.cache');
      assert.ok(writeCacheFile(file, body));
      const good = fs.readFileSync(file);
      const sumAt = good.indexOf(10) + 1;
      // The same head length (none), then bytes that are not brotli, under a checksum that is right for them.
      const stored = Buffer.concat([Buffer.alloc(4), crypto.randomBytes(4096)]);
      fs.writeFileSync(file, Buffer.concat([good.subarray(0, sumAt), crypto.createHash('sha256').update(stored).digest(), stored]), { mode: 0o600 });
      assert.equal(readCacheFile(file), undefined);
      assert.equal(fs.existsSync(file), false, 'dropped');
    });

    it('a head length past the end of the file is refused, not read', () => {
      const file = path.join(tempDir('cd-layout-'), 'r.cache');
      assert.ok(writeCacheFile(file, body));
      const good = fs.readFileSync(file);
      const sumAt = good.indexOf(10) + 1;
      const stored = Buffer.from(good.subarray(sumAt + 32));
      stored.writeUInt32LE(stored.length, 0);
      fs.writeFileSync(file, Buffer.concat([good.subarray(0, sumAt), crypto.createHash('sha256').update(stored).digest(), stored]), { mode: 0o600 });
      assert.equal(readCacheFile(file), undefined);
      assert.equal(fs.existsSync(file), false, 'dropped');
    });
  });
});
