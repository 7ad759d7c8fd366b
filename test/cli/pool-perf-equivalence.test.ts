// Documents parsed on worker threads, with or without the cache, must be the documents this thread
// parses; a worker that fails or exits must cost speed, never documents.

import assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ComplianceWorkspace } from '../../server/src/core/index/workspace';
import { findConfigFile, openCache, parseDocumentsSync, readConfigText } from '../../server/src/node/loadWorkspace';
import { createParsePool } from '../../server/src/node/pool';
import { contentHash } from '../../server/src/node/cache';
import { MAX_DOCUMENT_BYTES, readBytes, readBytesInto, resolveDocumentPath } from '../../server/src/node/readDocument';
import { readCacheFile } from '../../server/src/node/cacheStore';
import { walkWorkspace } from '../../server/src/node/walk';
import { packFiles, type ParseJob, type ParseJobResult } from '../../server/src/node/worker';
import { Worker } from 'node:worker_threads';
import { ensureBuilt, PROJECT, removeTemps, tempDir, TODAY } from './cli';

function workspaceAt(root: string): ComplianceWorkspace {
  const ws = new ComplianceWorkspace({ today: TODAY });
  for (const [rel, entry] of walkWorkspace(root).entries) ws.inventory.set(rel, entry);
  const name = findConfigFile(root);
  ws.setConfig(name, name ? readConfigText(root, name) : undefined);
  return ws;
}

describe('worker pool (perf equivalence)', function () {
  this.timeout(120000);
  const WORKER = path.join(PROJECT, 'dist', 'worker.js');
  let root = '';

  before(() => {
    ensureBuilt();
    root = tempDir('cd-pool-');
    execFileSync(process.execPath, [path.join(PROJECT, 'bench', 'gen-corpus.mjs'), root, '450', '3']);
    fs.writeFileSync(path.join(root, 'policies/g000/binary.md'), Buffer.from([0, 1, 2, 3]));
    fs.symlinkSync('POL-00000.md', path.join(root, 'policies/g000/linked.md'));
    fs.symlinkSync('../../../outside.md', path.join(root, 'policies/g000/escape.md'));
    // Files the listing holds but that cannot be read: refused by whichever thread reads them.
    fs.writeFileSync(path.join(root, 'policies/g000/huge.md'), Buffer.alloc(MAX_DOCUMENT_BYTES + 1, 0x61));
    fs.writeFileSync(path.join(root, 'policies/g000/vanishing.md'), '---\nid: POL-GONE\n---\n');
  });
  after(removeTemps);

  it('parses every document as this thread does, in the order asked, through the cache or not', async () => {
    const ws = workspaceAt(root);
    const paths = ws.documentPathsInInventory();
    // Listed, then gone before it is read.
    fs.rmSync(path.join(root, 'policies/g000/vanishing.md'));
    const expected = parseDocumentsSync(root, ws, paths);
    assert.deepEqual(
      ['policies/g000/huge.md', 'policies/g000/vanishing.md'].map((p) => expected.find((d) => d.path === p)?.problems[0]?.code),
      ['document-unreadable', 'document-unreadable'],
    );
    const pool = createParsePool({ script: WORKER, workers: 2 });
    assert.ok(pool, 'the worker script was built');
    try {
      const delivered: string[] = [];
      assert.deepEqual(await pool.parseMany(root, paths, ws, { onDocuments: (docs) => delivered.push(...docs.map((d) => d.path)) }), expected);
      assert.deepEqual(delivered, paths, 'delivered in order, each once');
      assert.deepEqual(await pool.parseMany(root, paths, ws, { readHere: true }), expected, 'the files read on this thread, the bytes handed to the worker');

      const cacheDir = tempDir('cd-pool-cache-');
      const written = openCache(cacheDir, root, ws, WORKER);
      assert.ok(written);
      assert.deepEqual(await pool.parseMany(root, paths, ws, { cache: written, readHere: true }), expected, 'parsed and written to the cache');
      // Hashed on this thread as the bytes were read: each the hash of the file's bytes, as the worker takes it.
      const wrong = paths.filter((p) => {
        const h = written.hashOf(p);
        return h !== undefined && h !== contentHash(fs.readFileSync(path.join(root, resolveDocumentPath(ws, p) as string)));
      });
      assert.deepEqual(wrong, [], 'every cached hash is the hash of its file');
      assert.ok(paths.filter((p) => written.hashOf(p) !== undefined).length > paths.length / 2, 'most documents are cached');
      written.save();
      const read = openCache(cacheDir, root, ws, WORKER);
      assert.ok(read);
      assert.deepEqual(await pool.parseMany(root, paths, ws, { cache: read }), expected, 'taken from the cache');

      // Every other batch of the first ones parsed on this thread (the language server's way).
      const here: string[] = [];
      assert.deepEqual(await pool.parseMany(root, paths, ws, { parseHere: 1000, onDocuments: (docs) => here.push(...docs.map((d) => d.path)) }), expected, 'some batches parsed on this thread');
      assert.deepEqual(here, paths, 'delivered in order, each once, wherever parsed');
      const hereDir = tempDir('cd-pool-cache-here-');
      const hereCache = openCache(hereDir, root, ws, WORKER);
      assert.ok(hereCache);
      assert.deepEqual(await pool.parseMany(root, paths, ws, { cache: hereCache, parseHere: 1000 }), expected, 'parsed on either thread and written to the cache');
      hereCache.save();
      const reread = openCache(hereDir, root, ws, WORKER);
      assert.ok(reread);
      const unreadable = new Set(expected.filter((d) => d.problems.some((p) => p.code === 'document-unreadable')).map((d) => d.path));
      assert.deepEqual(
        paths.filter((p) => !unreadable.has(p) && reread.hashOf(p) === undefined),
        [],
        'the documents parsed on this thread are in the cache as well',
      );
      assert.deepEqual(await pool.parseMany(root, paths, ws, { cache: reread, parseHere: 1000 }), expected, 'taken from the cache on either thread');
    } finally {
      pool.close();
    }
  });

  it('reads a batch straight into one buffer: the same bytes as one read per file, the unreadable ones refused in place', () => {
    const dir = tempDir('cd-read-into-');
    const names = ['a.md', 'big.md', 'fifo.md', 'empty.md', 'huge.md', 'b.md'];
    fs.writeFileSync(path.join(dir, 'a.md'), '---\nid: A\n---\n');
    fs.writeFileSync(path.join(dir, 'big.md'), Buffer.alloc(70000, 0x62));
    execFileSync('mkfifo', [path.join(dir, 'fifo.md')]);
    fs.writeFileSync(path.join(dir, 'empty.md'), '');
    fs.writeFileSync(path.join(dir, 'huge.md'), Buffer.alloc(MAX_DOCUMENT_BYTES + 1, 0x61));
    fs.writeFileSync(path.join(dir, 'b.md'), 'é\n');
    const abs = names.map((n) => path.join(dir, n));
    // A hint far too small: the buffer grows as it goes, and what was read before stays.
    const into = readBytesInto(abs, dir, 8);
    const one = abs.map((a) => readBytes(a, dir));
    assert.deepEqual(
      into.results.map((r) => (r.kind === 'read' ? 'read' : r.reason.kind)),
      ['read', 'read', 'not-a-file', 'read', 'too-large', 'read'],
    );
    const read = one.filter((r) => r.kind === 'bytes');
    assert.equal(into.ends.length, read.length);
    read.forEach((r, k) => {
      const start = k === 0 ? 0 : into.ends[k - 1];
      assert.deepEqual(Buffer.from(into.bytes.buffer, into.bytes.byteOffset + start, into.ends[k] - start), r.bytes, `file ${k}`);
    });
    assert.equal(into.bytes.byteOffset, 0, 'a buffer of its own, to hand over');
    assert.equal(into.bytes.byteLength, into.bytes.buffer.byteLength);
  });

  it('takes documents one at a time and returns them in that order', async () => {
    const ws = workspaceAt(root);
    const paths = ws.documentPathsInInventory().reverse();
    const pool = createParsePool({ script: WORKER, workers: 1 });
    assert.ok(pool);
    try {
      const stream = pool.stream(root, ws);
      for (const rel of paths) stream.add(rel, rel === 'policies/g000/linked.md' ? 'policies/g000/POL-00000.md' : rel);
      const docs = await stream.finish();
      assert.deepEqual(
        docs.map((d) => d.path),
        paths,
      );
    } finally {
      pool.close();
    }
  });

  it('writes a cache file on the worker, and closes only once it is written', async () => {
    const pool = createParsePool({ script: WORKER, workers: 1 });
    assert.ok(pool);
    const file = path.join(tempDir('cd-pool-write-'), 'x.cache');
    const body = Buffer.alloc(1 << 20, 7);
    const written = pool.writer(file, body.subarray(1));
    pool.close();
    assert.equal(await written, true);
    assert.deepEqual(readCacheFile(file), body.subarray(1), 'read back whole, past its checksum');
    assert.equal(body.length, 1 << 20, 'the caller keeps its bytes (a view of a larger buffer is copied)');
  });

  it('a close waiting for a write does not end the workers of a stream started meanwhile', async () => {
    const ws = workspaceAt(root);
    const paths = ws.documentPathsInInventory();
    const expected = parseDocumentsSync(root, ws, paths);
    const pool = createParsePool({ script: WORKER, workers: 1 });
    assert.ok(pool);
    try {
      const file = path.join(tempDir('cd-pool-write-'), 'x.cache');
      const written = pool.writer(file, crypto.randomBytes(4 << 20));
      pool.close();
      assert.equal(pool.started(), true, 'kept until the file is written');
      const stream = pool.stream(root, ws);
      for (const rel of paths) stream.add(rel, resolveDocumentPath(ws, rel));
      assert.equal(await written, true);
      assert.equal(pool.started(), true, 'the stream keeps its workers once the write is done');
      assert.deepEqual(await stream.finish(), expected);
    } finally {
      pool.close();
    }
    assert.equal(pool.started(), false);
  });

  it('with parseHere, parses every other batch of the first ones on this thread, up to that many, and sends the rest to the worker', async () => {
    const ws = workspaceAt(root);
    const paths = ws.documentPathsInInventory();
    assert.ok(paths.length > 400, 'three batches at least');
    const expected = parseDocumentsSync(root, ws, paths);
    const dir = tempDir('cd-pool-here-');
    const log = path.join(dir, 'sent.log');
    // A worker that notes the documents it is sent and fails each job: this thread parses them then.
    const script = path.join(dir, 'notes.js');
    fs.writeFileSync(
      script,
      `const fs = require('node:fs'); const { parentPort } = require('node:worker_threads');
parentPort.on('message', (job) => { if (job.files !== undefined) fs.appendFileSync(${JSON.stringify(log)}, job.files.split('\\0').filter((_, i) => i % 2 === 0).join('\\n') + '\\n'); parentPort.postMessage({ id: job.id, error: 'no' }); });`,
    );
    const pool = createParsePool({ script, workers: 1 });
    assert.ok(pool);
    try {
      assert.deepEqual(await pool.parseMany(root, paths, ws, { parseHere: 200 }), expected);
    } finally {
      pool.close();
    }
    const sent = fs.readFileSync(log, 'utf8').trim().split('\n');
    // Batches of 200 files; the link out of the root is no file to read (its model is made here).
    const files = paths.filter((p) => !p.endsWith('escape.md'));
    const batch = (k: number): string[] => files.slice(k * 200, (k + 1) * 200);
    const kept = batch(1);
    assert.deepEqual(
      sent.filter((p) => kept.includes(p)),
      [],
      'the second batch was parsed here, and no other once 200 were',
    );
    assert.deepEqual(new Set(sent), new Set(files.filter((p) => !kept.includes(p))), 'every other document went to the worker');
  });

  it('parses on this thread what a failing worker could not', async () => {
    const ws = workspaceAt(root);
    const paths = ws.documentPathsInInventory();
    const expected = parseDocumentsSync(root, ws, paths);
    const dir = tempDir('cd-pool-bad-');
    for (const [name, body] of [
      ['exits.js', 'process.exit(3);'],
      ['throws.js', "require('node:worker_threads').parentPort.on('message', () => { throw new Error('boom'); });"],
      ['answers-badly.js', "const { parentPort } = require('node:worker_threads'); parentPort.on('message', (job) => parentPort.postMessage({ id: job.id, error: 'no' }));"],
    ]) {
      const script = path.join(dir, name);
      fs.writeFileSync(script, body);
      const pool = createParsePool({ script, workers: 1 });
      assert.ok(pool);
      try {
        assert.deepEqual(await pool.parseMany(root, paths, ws), expected, name);
      } finally {
        pool.close();
      }
    }
  });

  // A single worker is sent at most eight batches ahead, and learns of the ones it has finished
  // through a counter it shares with this thread, so the bound holds while this thread is busy
  // (walking) and cannot take in results.
  describe('batches sent ahead to a single worker while this thread is busy', () => {
    /** Documents given without a pause, then a synchronous wait: the batches the worker was sent by then. */
    async function sentWhileBusy(body: string): Promise<{ sent: number; batches: number; same: boolean }> {
      const ws = workspaceAt(root);
      const once = ws.documentPathsInInventory();
      const expected = parseDocumentsSync(root, ws, once);
      const dir = tempDir('cd-pool-ahead-');
      const log = path.join(dir, 'sent.log');
      fs.writeFileSync(log, '');
      const script = path.join(dir, 'worker.js');
      fs.writeFileSync(script, `const fs = require('node:fs'); const { parentPort } = require('node:worker_threads'); const LOG = ${JSON.stringify(log)};\n${body}`);
      const pool = createParsePool({ script, workers: 1 });
      assert.ok(pool);
      try {
        const stream = pool.stream(root, ws, { readHere: true });
        const rounds = 10;
        // Busy throughout, as in a walk: half the documents, a pause in which the worker (started
        // meanwhile) takes what it was sent, the other half, a pause; this thread takes in nothing.
        const nap = (ms: number): void => {
          const until = Date.now() + ms;
          const cell = new Int32Array(new SharedArrayBuffer(4));
          while (Date.now() < until) Atomics.wait(cell, 0, 0, 50);
        };
        for (let r = 0; r < rounds; r++) {
          for (const rel of once) stream.add(rel, resolveDocumentPath(ws, rel));
          if (r === rounds / 2 - 1) nap(1500);
        }
        nap(1500);
        const sent = fs.readFileSync(log, 'utf8').split('\n').filter(Boolean).length;
        const docs = await stream.finish();
        const all = Array.from({ length: rounds }, () => expected).flat();
        return { sent, batches: Math.floor((once.length * rounds) / 200), same: JSON.stringify(docs) === JSON.stringify(all) };
      } finally {
        pool.close();
      }
    }

    it('holds the rest back while the worker has not finished any', async () => {
      // Notes each job and fails it (this thread then parses the batch), the first ones only after a while.
      const r = await sentWhileBusy(
        `let open = false; const held = []; parentPort.on('message', (job) => { fs.appendFileSync(LOG, job.id + '\\n'); if (open) parentPort.postMessage({ id: job.id, error: 'no' }); else if (held.push(job.id) === 1) setTimeout(() => { open = true; for (const id of held) parentPort.postMessage({ id, error: 'no' }); }, 2500); });`,
      );
      assert.ok(r.batches > 20, `${r.batches} batches`);
      assert.equal(r.sent, 8, 'eight batches sent ahead, the rest held');
      assert.ok(r.same, 'every document delivered, in order, parsed as this thread parses it');
    });

    it('sends more as the worker counts the ones it finished, though their results are not taken in yet', async () => {
      // Counts each job finished at once (as worker.js does before it answers), and answers it only later.
      const r = await sentWhileBusy(`parentPort.on('message', (job) => { fs.appendFileSync(LOG, job.id + '\\n'); Atomics.add(job.progress, job.slot, 1); setTimeout(() => parentPort.postMessage({ id: job.id, error: 'no' }), 2500); });`);
      assert.ok(r.sent > 16, `${r.sent} of ${r.batches} batches sent while this thread was busy`);
      assert.ok(r.same, 'every document delivered, in order, parsed as this thread parses it');
    });

    it('worker.js counts each batch it finishes, before it answers', async () => {
      const ws = workspaceAt(root);
      const progress = new Int32Array(new SharedArrayBuffer(8));
      const w = new Worker(WORKER);
      try {
        const files = ws.documentPathsInInventory().slice(0, 5);
        const answer = await new Promise<ParseJobResult>((resolve) => {
          w.once('message', resolve);
          w.postMessage({ id: 1, rootAbs: root, files: packFiles(files.map((f) => [f, f])), settings: ws.parseSettings(), progress, slot: 1 } satisfies ParseJob);
        });
        assert.ok(answer.batch, answer.error);
        assert.deepEqual([...progress], [0, 1]);
      } finally {
        await w.terminate();
      }
    });

    it('with closeWhenParsed, the workers are closed before the last batch is taken in', async () => {
      const ws = workspaceAt(root);
      const pool = createParsePool({ script: WORKER, workers: 1 });
      assert.ok(pool);
      const paths = ws.documentPathsInInventory();
      try {
        let seen = -1;
        const docs = await pool.parseMany(root, paths, ws, { readHere: true, closeWhenParsed: true, onDocuments: () => (seen = pool.started() ? 1 : 0) });
        assert.equal(docs.length, paths.length);
        assert.equal(seen, 0, 'with closeWhenParsed, the workers are gone before the last batch is taken in');
        // Indexing again (the language server's next folder or config change) starts them again.
        const again = await pool.parseMany(root, paths, ws, { readHere: true, closeWhenParsed: true });
        assert.deepEqual(again, docs);
        assert.equal(pool.started(), false);
        // Not closed while another stream is still open: its batches stay with the workers.
        const other = pool.stream(root, ws);
        for (const rel of paths) other.add(rel, resolveDocumentPath(ws, rel));
        assert.deepEqual(await pool.parseMany(root, paths, ws, { closeWhenParsed: true }), docs);
        assert.equal(pool.started(), true, 'kept for the stream still open');
        assert.deepEqual(await other.finish(), docs);
      } finally {
        pool.close();
      }
    });
  });
});
