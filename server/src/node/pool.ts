// Parses documents on worker threads: both cores of a small machine work while the main thread stays
// free to answer requests and to index what has arrived. Batches go to whichever worker is free and
// come back in the compact form (node/cache.ts); they are delivered in path order, batch by batch, so
// the caller can index while the rest is still being parsed. Falls back to the calling thread when
// workers cannot start.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ParsedDocument } from '../core/model/types';
import type { ComplianceWorkspace } from '../core/model/workspace';
import { decodeDocument, unpackDocuments, type DocumentCache } from './cache';
import { readAndParse, resolveDocumentPath } from './loadWorkspace';
import { packFiles, type ParseJob, type ParseJobResult } from './worker';

export interface ParseManyOptions {
  /** Parsed documents are taken from it when the bytes match, and new ones are put into it. */
  readonly cache?: DocumentCache;
  /** Receives the documents batch by batch, in path order, as soon as they are ready. */
  readonly onDocuments?: (docs: readonly ParsedDocument[]) => void;
}

export interface ParsePool {
  /** The documents at `paths`, in the same order. */
  parseMany(rootAbs: string, paths: readonly string[], workspace: ComplianceWorkspace, options?: ParseManyOptions): Promise<ParsedDocument[]>;
  /** Starts the workers now, so that they are ready when the first batch is. */
  warm(): void;
  /** The worker script, whose hash identifies the parser's code for the cache. */
  readonly script: string;
  close(): void;
}

/** Small enough that the first documents arrive quickly, large enough that messages are few. */
const BATCH = 200;
/** Batches queued at a worker, so it never waits for the main thread between two. */
const IN_FLIGHT = 2;

type Item = { readonly rel: string; readonly real: string } | ParsedDocument;

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
      const w = new Worker(script);
      w.unref();
      w.on('message', (r: ParseJobResult) => {
        const p = pending.get(r.id);
        if (!p) return;
        pending.delete(r.id);
        if (r.batch && r.at) p.resolve(r);
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

  const run = (w: Worker, job: ParseJob): Promise<ParseJobResult> =>
    new Promise<ParseJobResult>((resolve, reject) => {
      if (dead.has(w)) {
        reject(new Error('worker exited'));
        return;
      }
      pending.set(job.id, { worker: w, resolve, reject });
      w.postMessage(job);
    });

  return {
    script,
    warm() {
      start();
    },
    async parseMany(rootAbs, paths, workspace, opts = {}) {
      const fields = workspace.parseFields();
      const { cache, onDocuments } = opts;
      const batches: Batch[] = [];
      let items: Item[] = [];
      let files: Array<readonly [string, string]> = [];
      for (const rel of paths) {
        const real = resolveDocumentPath(workspace, rel);
        if (typeof real === 'string') {
          items.push({ rel, real });
          files.push([rel, real]);
        } else items.push(real);
        if (files.length === BATCH) {
          batches.push({ items, files });
          items = [];
          files = [];
        }
      }
      if (items.length > 0) batches.push({ items, files });

      const out: ParsedDocument[] = [];
      let delivered = 0;
      const deliver = (): void => {
        while (delivered < batches.length && batches[delivered].docs) {
          const docs = batches[delivered].docs as ParsedDocument[];
          onDocuments?.(docs);
          for (const d of docs) out.push(d);
          batches[delivered].docs = undefined;
          delivered++;
        }
      };
      const complete = (b: Batch, result: ParseJobResult | undefined): void => {
        let f = 0;
        const batch = result?.batch ? unpackDocuments(result.batch) : undefined;
        const hashes = result?.hashes?.split('\0');
        b.docs = b.items.map((item) => {
          if ('path' in item) return item;
          const k = f++;
          if (!result) return readAndParse(rootAbs, workspace, item.rel, { fields });
          const at = (result.at as Int32Array)[k];
          const hash = hashes?.[k] ?? '';
          if (at === -1 || !batch) return cache?.get(item.rel, hash) ?? readAndParse(rootAbs, workspace, item.rel, { fields });
          if (cache && hash !== '') cache.put(item.rel, hash, batch, at);
          return decodeDocument(batch, at);
        });
        deliver();
      };

      const ws = start();
      let next = 0;
      const feed = async (w: Worker): Promise<void> => {
        while (next < batches.length) {
          const b = batches[next++];
          if (b.files.length === 0) {
            complete(b, undefined);
            continue;
          }
          const job: ParseJob = { id: nextId++, rootAbs, files: packFiles(b.files), fields, ...(cache ? { cached: b.files.map(([rel]) => cache.hashOf(rel) ?? '').join('\0') } : {}) };
          let result: ParseJobResult | undefined;
          try {
            result = await run(w, job);
          } catch {
            result = undefined;
          }
          complete(b, result);
        }
      };
      // Each worker runs IN_FLIGHT feeders, so a second batch waits at it while the first is answered.
      await Promise.all(ws.flatMap((w) => Array.from({ length: IN_FLIGHT }, () => feed(w))));
      deliver();
      return out;
    },
    close() {
      for (const w of workers ?? []) void w.terminate();
      workers = undefined;
    },
  };
}
