// Parses documents on worker threads while the calling thread indexes what has arrived and answers
// requests. Batches go to the least busy worker as soon as they fill and come back in the compact
// form (node/cache.ts); they are delivered in the order the documents were given, batch by batch, so
// the caller can index while the rest is still being parsed. A batch whose worker fails or cannot
// start is parsed on the calling thread.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ParsedDocument } from '../core/model/types';
import type { ComplianceWorkspace } from '../core/index/workspace';
import { contentHash, decodeDocument, unpackDocuments, type DocumentCache } from './cache';
import { readAndParse, readBytesInto, resolveDocumentPath } from './readDocument';
import { unreadableDocument } from '../core/parse/unreadable';
import { packFiles, type ParseJob, type ParseJobResult, type WalkJob, type WriteJob } from './worker';
import { writeCacheFile, type FileWriter } from './cacheStore';
import { walkWorkspace, type WalkResult } from './walk';
import { parseDocumentsCached } from './parseCached';

export interface ParseManyOptions {
  /** Parsed documents are taken from it when the bytes match, and new ones are put into it. */
  readonly cache?: DocumentCache;
  /** Receives the documents batch by batch, in the order given, as soon as they are ready. */
  readonly onDocuments?: (docs: readonly ParsedDocument[]) => void;
  /**
   * This thread reads the files of the batches to be parsed (see readsHere): for a command-line run,
   * whose thread has nothing else to do meanwhile. Not for the language server, which must answer
   * requests while it indexes: there the worker reads.
   */
  readonly readHere?: boolean;
  /**
   * This thread parses about this many of the documents itself, every other batch of the first ones,
   * while a worker parses the batch before. For the language server: it parses every edit on this
   * thread afterwards, and a parser that has run here a thousand times parses the first edits about
   * a fifth faster than one that has only run on the workers (docs/BENCHMARKS.md, "The first edits").
   */
  readonly parseHere?: number;
  /**
   * The pool is closed as soon as the last of this stream's batches is back from the workers (unless
   * another stream is still open), before the documents of the last batches are taken in: for a run
   * that needs no worker afterwards, or a server that needs none until it indexes again (a later
   * stream starts them again), so that the workers' memory (about 40 MB at 10,000 documents) is not
   * held while nothing is parsed.
   */
  readonly closeWhenParsed?: boolean;
}

/** Documents given one at a time (as a walk finds them), parsed in batches as soon as a batch fills. */
export interface ParseStream {
  /** A document: the path to read (inside the root), or its model when it cannot be read (a symlink out of the root). */
  add(rel: string, real: string | ParsedDocument): void;
  /** No more documents: all of them, in the order they were added, once each was delivered. */
  finish(): Promise<ParsedDocument[]>;
}

export interface ParsePool {
  /** The documents at `paths`, in the same order. */
  parseMany(rootAbs: string, paths: readonly string[], workspace: ComplianceWorkspace, options?: ParseManyOptions): Promise<ParsedDocument[]>;
  stream(rootAbs: string, workspace: ComplianceWorkspace, options?: ParseManyOptions): ParseStream;
  /** Starts the workers now, so that they are ready when the first batch is. */
  warm(): void;
  /**
   * Lists a folder of the root on a worker (walkWorkspace `under`), while this thread goes on;
   * listed on this thread when the worker fails.
   */
  walk(rootAbs: string, under: string): Promise<WalkResult>;
  /**
   * Writes a cache file on a worker (checksum, write, rename), so that this thread need not come back
   * to it between the steps; the process stays alive until it is written, and close() waits for it.
   */
  readonly writer: FileWriter;
  /** Whether the workers were started (by a stream, warm(), walk() or writer). */
  started(): boolean;
  /** The worker script, whose hash identifies the parser's code for the cache. */
  readonly script: string;
  close(): void;
}

/** Small enough that the first documents arrive quickly, large enough that messages are few. */
const BATCH = 200;
/**
 * Batches queued at each of several workers, so none waits for the main thread between two and the
 * work still spreads over all of them.
 */
const IN_FLIGHT = 2;
/**
 * Batches queued at a single worker. It must not wait for the main thread, which is walking while the
 * first batches fill and hands out the next only when the walk fills one (a worker limited to two sat
 * idle for most of the walk); but a worker handed every batch as it filled held the bytes of all of
 * them at once, read ahead by this thread (33 MB at 10,000 documents, kept by the C allocator once
 * freed). The walk learns how many the worker has finished from a counter they share (`progress`), so
 * the bound holds during the walk too.
 */
const IN_FLIGHT_ALONE = 8;
/** With parseHere: every other batch, while the worker parses the one before. */
const HERE_EVERY = 2;

type Item = { readonly rel: string; readonly real: string } | ParsedDocument;

/**
 * Whether this thread reads a batch's files itself. It does when they are to be parsed: the worker
 * then has the parse to do, and this thread only indexes what comes back, with time to spare (10,000
 * new documents: the worker was busy for the whole load, this thread idle a third of it). When the
 * cache holds most of them, this thread decodes them and is the busier one: the worker reads.
 */
function readsHere(cached: readonly string[] | undefined): boolean {
  if (!cached) return true;
  let held = 0;
  for (const h of cached) if (h !== '') held++;
  return held * 2 < cached.length;
}

interface Batch {
  readonly items: readonly Item[];
  readonly files: ReadonlyArray<readonly [string, string]>;
  docs?: ParsedDocument[];
}

export function createParsePool(options: { workers?: number; script?: string } = {}): ParsePool | undefined {
  const script = options.script ?? path.join(__dirname, 'worker.js');
  if (!fs.existsSync(script)) return undefined;
  // One core stays with the calling thread, which indexes what the workers send (and answers requests).
  const count = Math.max(1, Math.min(options.workers ?? os.availableParallelism() - 1, 8));
  let workers: Worker[] | undefined;
  let nextId = 0;
  type Pending = { readonly worker: Worker; resolve: (r: ParseJobResult) => void; reject: (e: Error) => void };
  const pending = new Map<number, Pending>();
  const dead = new WeakSet<Worker>();

  const start = (): Worker[] => {
    if (workers) return workers;
    workers = Array.from({ length: count }, () => {
      // A worker keeps nothing between batches: a small young generation is enough, and it took
      // about 18 MB off the peak RSS of a 10,000-document check (and was no slower).
      const w = new Worker(script, { resourceLimits: { maxYoungGenerationSizeMb: 16 } });
      w.unref();
      w.on('message', (r: ParseJobResult) => {
        const p = pending.get(r.id);
        if (!p) return;
        pending.delete(r.id);
        if ((r.batch && r.at) || r.walked || r.written !== undefined) p.resolve(r);
        else p.reject(new Error(r.error ?? 'worker failed'));
      });
      // A worker that fails or exits fails its jobs; their documents are parsed on this thread.
      const fail = (e: Error): void => {
        dead.add(w);
        for (const [id, p] of [...pending]) {
          if (p.worker !== w) continue;
          pending.delete(id);
          p.reject(e);
        }
      };
      w.on('error', fail);
      w.on('exit', () => fail(new Error('worker exited')));
      return w;
    });
    return workers;
  };

  let writes = 0;
  let closing = false;
  /** Streams not yet finished. */
  let open = 0;
  const terminate = (): void => {
    for (const w of workers ?? []) void w.terminate();
    workers = undefined;
    closing = false;
  };
  const run = (w: Worker, job: ParseJob | WalkJob | WriteJob, transfer: ArrayBuffer[]): Promise<ParseJobResult> =>
    new Promise<ParseJobResult>((resolve, reject) => {
      if (dead.has(w)) {
        reject(new Error('worker exited'));
        return;
      }
      pending.set(job.id, { worker: w, resolve, reject });
      w.postMessage(job, transfer);
    });

  const close = (): void => {
    if (writes > 0) closing = true;
    else terminate();
  };

  return {
    script,
    warm() {
      start();
    },
    // Not methods that use `this`: hosts pass pool.parseMany around on its own.
    parseMany(rootAbs, paths, workspace, opts = {}) {
      const s = stream(rootAbs, workspace, opts);
      for (const rel of paths) s.add(rel, resolveDocumentPath(workspace, rel));
      return s.finish();
    },
    stream: (rootAbs, workspace, opts = {}) => stream(rootAbs, workspace, opts),
    walk(rootAbs, under) {
      const ws = start();
      // The first worker: with one, it lists the folder before it parses the batches sent after.
      return run(ws[0], { id: nextId++, walk: { rootAbs, under } }, []).then(
        (r) => r.walked as WalkResult,
        () => walkWorkspace(rootAbs, { under }),
      );
    },
    writer(file, body, head = 0, squeeze = 'fast') {
      const w = start()[0];
      // Handed over, not copied: a view of part of a larger buffer is copied first.
      const own = body.byteOffset === 0 && body.byteLength === body.buffer.byteLength ? body : new Uint8Array(body);
      writes++;
      w.ref();
      const settle = (ok: boolean): boolean => {
        if (--writes === 0) {
          w.unref();
          if (closing) terminate();
        }
        return ok;
      };
      return run(w, { id: nextId++, write: { file, body: own, head, squeeze } }, [own.buffer as ArrayBuffer]).then(
        (r) => settle(r.written === true),
        // A worker that failed before it took the bytes leaves them here to write.
        () => settle(own.byteLength > 0 && writeCacheFile(file, own, head, squeeze)),
      );
    },
    started: () => workers !== undefined,
    close,
  };

  function stream(rootAbs: string, workspace: ComplianceWorkspace, opts: ParseManyOptions): ParseStream {
    const settings = workspace.parseSettings();
    const { cache, onDocuments } = opts;
    // In use again: a close still waiting for a write to finish no longer ends the workers.
    closing = false;
    const ws = start();
    const batches: Batch[] = [];
    let items: Item[] = [];
    let files: Array<readonly [string, string]> = [];
    const out: ParsedDocument[] = [];
    let delivered = 0;
    let dispatched = 0;
    let closed = false;
    open++;
    let ended = false;
    let done: () => void = () => undefined;
    const finished = new Promise<void>((resolve) => (done = resolve));
    const busy = new Map<Worker, number>(ws.map((w) => [w, 0]));
    const inFlight = ws.length === 1 ? IN_FLIGHT_ALONE : IN_FLIGHT;
    // Batches sent to each worker, and (shared with the workers, which count up as they finish one)
    // how many of those each has finished: known while this thread is busy, unlike `busy`, which
    // counts the results taken in.
    const sent = ws.map(() => 0);
    const progress = new Int32Array(new SharedArrayBuffer(4 * ws.length));
    /** Batches at the k-th worker not yet finished, as far as this thread can tell. */
    const queued = (k: number): number => Math.min(busy.get(ws[k]) as number, sent[k] - Atomics.load(progress, k));
    let hereLeft = opts.parseHere ?? 0;

    const deliver = (): void => {
      while (delivered < batches.length && batches[delivered].docs) {
        const docs = batches[delivered].docs as ParsedDocument[];
        onDocuments?.(docs);
        for (const d of docs) out.push(d);
        batches[delivered].docs = undefined;
        delivered++;
      }
      if (closed && delivered === batches.length && !ended) {
        ended = true;
        open--;
        done();
      }
    };
    const complete = (b: Batch, result: ParseJobResult | undefined): void => {
      let f = 0;
      const batch = result?.batch ? unpackDocuments(result.batch) : undefined;
      const hashes = result?.hashes?.split('\0');
      b.docs = b.items.map((item) => {
        if ('path' in item) return item;
        const k = f++;
        if (!result) return readAndParse(rootAbs, workspace, item.rel, settings);
        const at = (result.at as Int32Array)[k];
        const hash = hashes?.[k] ?? '';
        const sig = result.signatures;
        if (cache && sig && !Number.isNaN(sig[k * 4])) cache.noteSignature(item.rel, [sig[k * 4], sig[k * 4 + 1], sig[k * 4 + 2], sig[k * 4 + 3]]);
        if (at === -2) return readAndParse(rootAbs, workspace, item.rel, settings);
        if (at === -1 || !batch) return cache?.get(item.rel, hash) ?? readAndParse(rootAbs, workspace, item.rel, settings);
        if (cache && hash !== '') cache.put(item.rel, hash, batch, at);
        return decodeDocument(batch, at, true);
      });
      deliver();
    };
    // Batches go out as soon as they fill, to the least busy worker, IN_FLIGHT at most each, so a
    // worker always has the next batch while the main thread takes in the one it finished.
    const pump = (): void => {
      while (dispatched < batches.length) {
        const b = batches[dispatched];
        if (b.files.length === 0) {
          dispatched++;
          complete(b, undefined);
          continue;
        }
        if (hereLeft > 0 && dispatched % HERE_EVERY === HERE_EVERY - 1) {
          hereLeft -= b.files.length;
          dispatched++;
          parseHereBatch(b);
          continue;
        }
        let slot = -1;
        let least = inFlight;
        for (let k = 0; k < ws.length; k++) {
          const n = queued(k);
          if (n < least) {
            least = n;
            slot = k;
          }
        }
        if (slot < 0) return;
        const worker = ws[slot];
        dispatched++;
        sent[slot]++;
        busy.set(worker, (busy.get(worker) as number) + 1);
        const cached = cache ? b.files.map(([rel]) => cache.hashOf(rel) ?? '') : undefined;
        const given = opts.readHere === true && readsHere(cached) ? readBatch(b) : undefined;
        if (given) {
          batches[dispatched - 1] = given.batch;
          if (given.batch.files.length === 0) {
            // Nothing left to send (no file could be read): not the worker's.
            sent[slot]--;
            busy.set(worker, (busy.get(worker) as number) - 1);
            complete(given.batch, undefined);
            continue;
          }
        }
        const files = given ? given.batch.files : b.files;
        const job: ParseJob = {
          id: nextId++,
          rootAbs,
          files: packFiles(files),
          settings,
          progress,
          slot,
          ...(cache ? { cached: (given ? files.map(([rel]) => cache.hashOf(rel) ?? '') : (cached as string[])).join('\0') } : {}),
          ...(given ? { bytes: given.bytes, ends: given.ends, ...(cache ? { hashes: given.hashes.join('\0') } : {}) } : {}),
        };
        const batch = given ? given.batch : b;
        run(worker, job, given ? [given.bytes.buffer as ArrayBuffer, given.ends.buffer as ArrayBuffer] : []).then(
          (result) => finishJob(worker, batch, result),
          () => finishJob(worker, batch, undefined),
        );
      }
    };
    /** A batch parsed on this thread, through the cache when there is one. */
    const parseHereBatch = (b: Batch): void => {
      const rels = b.files.map(([rel]) => rel);
      const parsed = cache ? parseDocumentsCached(rootAbs, workspace, rels, cache) : rels.map((rel) => readAndParse(rootAbs, workspace, rel, settings));
      let f = 0;
      b.docs = b.items.map((item) => ('path' in item ? item : parsed[f++]));
      deliver();
    };
    const finishJob = (worker: Worker, b: Batch, result: ParseJobResult | undefined): void => {
      busy.set(worker, (busy.get(worker) as number) - 1);
      closeIfParsed();
      complete(b, result);
      pump();
    };
    /** With closeWhenParsed: once every batch has been sent and none is at a worker. */
    const closeIfParsed = (): void => {
      if (opts.closeWhenParsed && closed && dispatched === batches.length && open === 1 && [...busy.values()].every((n) => n === 0)) close();
    };
    /** Bytes of the last batch read here: the next one's buffer starts a little larger, so it seldom grows. */
    let lastRead = 0;
    /**
     * The batch with its files read on this thread: their bytes in one buffer for the worker, and the
     * files that cannot be read replaced by their model.
     */
    const readBatch = (b: Batch): { batch: Batch; bytes: Uint8Array; ends: Int32Array; hashes: string[] } => {
      const kept: Array<readonly [string, string]> = [];
      const hashes: string[] = [];
      const unread = new Map<string, ParsedDocument>();
      const read = readBytesInto(
        b.files.map(([, real]) => path.join(rootAbs, real)),
        rootAbs,
        lastRead + (lastRead >> 3),
      );
      b.files.forEach(([rel, real], k) => {
        const r = read.results[k];
        if (r.kind === 'unreadable') unread.set(rel, unreadableDocument(rel, r.reason));
        else {
          if (cache) {
            cache.noteSignature(rel, r.signature);
            const n = kept.length;
            hashes.push(contentHash(read.bytes.subarray(n === 0 ? 0 : read.ends[n - 1], read.ends[n])));
          }
          kept.push([rel, real]);
        }
      });
      lastRead = read.ends.length > 0 ? read.ends[read.ends.length - 1] : 0;
      const items = unread.size === 0 ? b.items : b.items.map((item) => ('path' in item ? item : (unread.get(item.rel) ?? item)));
      return { batch: { items, files: kept }, bytes: read.bytes, ends: read.ends, hashes };
    };
    const cut = (): void => {
      if (items.length === 0) return;
      batches.push({ items, files });
      items = [];
      files = [];
    };
    return {
      add(rel, real) {
        if (typeof real === 'string') {
          items.push({ rel, real });
          files.push([rel, real]);
        } else items.push(real);
        if (files.length === BATCH) {
          cut();
          pump();
        }
      },
      async finish() {
        closed = true;
        cut();
        pump();
        closeIfParsed();
        deliver();
        await finished;
        return out;
      },
    };
  }
}
