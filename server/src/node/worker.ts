// Worker thread: reads and parses the documents it is sent and sends them back in the compact form
// (node/cache.ts), its integer run transferred rather than copied. With a cache, it hashes each
// file's bytes first and skips the parse when they match what the cache holds.

import * as path from 'node:path';
import { parentPort } from 'node:worker_threads';
import type { ParseSettings } from '../core/parse/document';
import { unreadableDocument } from '../core/parse/unreadable';
import { contentHash, DocumentEncoder, packDocuments, type PackedDocuments } from './cache';
import { decode, parseRead, readBytes, type BytesResult } from './readDocument';
import { walkWorkspace, type WalkResult } from './walk';
import { writeCacheFile, type Squeeze } from './cacheStore';

export interface ParseJob {
  readonly id: number;
  readonly rootAbs: string;
  /**
   * Document path and path to read (they differ for symlinked documents), for each file, all joined
   * by NUL (which no path contains): one string crosses threads faster than hundreds.
   */
  readonly files: string;
  /** `fields:` and `types:` of the config. */
  readonly settings: ParseSettings;
  /** With a cache: the content hash it holds for each file ('' for none), joined by NUL; the files are hashed. */
  readonly cached?: string;
  /**
   * The files' bytes, when the calling thread read them (it does when the files are to be parsed and
   * it has time to spare): each file's bytes end at `ends[k]`. The worker then reads nothing.
   */
  readonly bytes?: Uint8Array;
  readonly ends?: Int32Array;
  /**
   * With `bytes` and a cache: each file's content hash, joined by NUL, taken by the calling thread as
   * it read them (it waits on the worker meanwhile; the worker is the one a cold check waits for).
   */
  readonly hashes?: string;
  /** Counts, at `slot`, the jobs this worker has finished (node/pool.ts), shared with the calling thread. */
  readonly progress?: Int32Array;
  readonly slot?: number;
}

/** The `files` of a job. */
export function packFiles(files: ReadonlyArray<readonly [string, string]>): string {
  return files.map(([rel, real]) => `${rel}\0${real}`).join('\0');
}

/** A cache file to write (node/cacheStore.ts) while the calling thread goes on. */
export interface WriteJob {
  readonly id: number;
  readonly write: { readonly file: string; readonly body: Uint8Array; readonly head: number; readonly squeeze: Squeeze };
}

/** A folder to list (node/walk.ts, `under`) while the calling thread walks the rest. */
export interface WalkJob {
  readonly id: number;
  readonly walk: { readonly rootAbs: string; readonly under: string };
}

export interface ParseJobResult {
  readonly id: number;
  /** For a WalkJob: the folder's listing. */
  readonly walked?: WalkResult;
  /** For a WriteJob: whether the file was written. */
  readonly written?: boolean;
  readonly batch?: PackedDocuments;
  /**
   * Per file: where its document starts in `batch`, -1 when the cache's entry is still valid, -2 when
   * the document cannot travel in the compact form (the calling thread parses it, and caches nothing).
   */
  readonly at?: Int32Array;
  /** Per file, with a cache: the hash of its bytes ('' when it could not be read), joined by NUL. */
  readonly hashes?: string;
  /** Per file, with a cache: its signature (node/readDocument.ts), four numbers, NaN when it could not be read (or was read by the calling thread). */
  readonly signatures?: Float64Array;
  readonly error?: string;
}

export function runJob(job: ParseJob): ParseJobResult {
  const encoder = new DocumentEncoder();
  const parts = job.files === '' ? [] : job.files.split('\0');
  const files: Array<[string, string]> = [];
  for (let k = 0; k + 1 < parts.length; k += 2) files.push([parts[k], parts[k + 1]]);
  const cached = job.cached?.split('\0');
  const at = new Int32Array(files.length);
  const hashes: string[] = [];
  const signatures = cached ? new Float64Array(files.length * 4).fill(Number.NaN) : undefined;
  const given = job.bytes && job.ends ? { bytes: job.bytes, ends: job.ends } : undefined;
  const givenHashes = given && job.hashes !== undefined ? job.hashes.split('\0') : undefined;
  files.forEach(([rel, real], k) => {
    const r: BytesResult | { kind: 'given'; bytes: Buffer } = given
      ? { kind: 'given', bytes: Buffer.from(given.bytes.buffer, given.bytes.byteOffset + (k === 0 ? 0 : given.ends[k - 1]), given.ends[k] - (k === 0 ? 0 : given.ends[k - 1])) }
      : readBytes(path.join(job.rootAbs, real), job.rootAbs);
    if (r.kind === 'unreadable') {
      if (cached) hashes.push('');
      at[k] = encodeOrRefuse(encoder, unreadableDocument(rel, r.reason));
      return;
    }
    if (cached) {
      if (r.kind === 'bytes') (signatures as Float64Array).set(r.signature, k * 4);
      const hash = givenHashes?.[k] ?? contentHash(r.bytes);
      hashes.push(hash);
      if (cached[k] === hash) {
        at[k] = -1;
        return;
      }
    }
    at[k] = encodeOrRefuse(encoder, parseRead(rel, decode(r.bytes), job.settings));
  });
  return { id: job.id, batch: packDocuments(encoder.finish()), at, ...(cached ? { hashes: hashes.join('\0'), signatures } : {}) };
}

function encodeOrRefuse(encoder: DocumentEncoder, doc: Parameters<DocumentEncoder['add']>[0]): number {
  try {
    return encoder.add(doc);
  } catch {
    return -2;
  }
}

parentPort?.on('message', (job: ParseJob | WalkJob | WriteJob) => {
  if ('write' in job) {
    parentPort?.postMessage({ id: job.id, written: writeCacheFile(job.write.file, job.write.body, job.write.head, job.write.squeeze) } satisfies ParseJobResult);
    return;
  }
  if ('walk' in job) {
    let walked: WalkResult;
    try {
      walked = walkWorkspace(job.walk.rootAbs, { under: job.walk.under });
    } catch (e) {
      parentPort?.postMessage({ id: job.id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) } satisfies ParseJobResult);
      return;
    }
    parentPort?.postMessage({ id: job.id, walked } satisfies ParseJobResult);
    return;
  }
  let result: ParseJobResult;
  try {
    result = runJob(job);
  } catch (e) {
    finished(job);
    parentPort?.postMessage({ id: job.id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) } satisfies ParseJobResult);
    return;
  }
  const batch = result.batch as PackedDocuments;
  const transfer = [batch.nums.buffer as ArrayBuffer, batch.ends.buffer as ArrayBuffer, (result.at as Int32Array).buffer as ArrayBuffer];
  if (result.signatures) transfer.push(result.signatures.buffer as ArrayBuffer);
  finished(job);
  parentPort?.postMessage(result, transfer);
});

/** Tells the calling thread, through the counter it shares, that the job is done (before its result is sent). */
function finished(job: ParseJob): void {
  if (job.progress && job.slot !== undefined && job.slot >= 0 && job.slot < job.progress.length) Atomics.add(job.progress, job.slot, 1);
}
