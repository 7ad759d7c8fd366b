// Worker thread: reads and parses the documents it is sent and sends them back in the compact form
// (node/cache.ts), its integer run transferred rather than copied. With a cache, it hashes each
// file's bytes first and skips the parse when they match what the cache holds.

import * as path from 'node:path';
import { parentPort } from 'node:worker_threads';
import type { FieldAliases } from '../core/parse/document';
import { unreadableDocument } from '../core/parse/unreadable';
import { contentHash, DocumentEncoder, packDocuments, type PackedDocuments } from './cache';
import { decode, parseRead, readBytes } from './readDocument';

export interface ParseJob {
  readonly id: number;
  readonly rootAbs: string;
  /** [document path, path to read] (they differ for symlinked documents). */
  readonly files: ReadonlyArray<readonly [string, string]>;
  readonly fields: FieldAliases;
  /** With a cache: the content hash it holds for each file ('' for none); the files are hashed. */
  readonly cached?: readonly string[];
}

export interface ParseJobResult {
  readonly id: number;
  readonly batch?: PackedDocuments;
  /** Per file: where its document starts in `batch`, or -1 when the cache's entry is still valid. */
  readonly at?: Int32Array;
  /** Per file, with a cache: the hash of its bytes ('' when it could not be read). */
  readonly hashes?: readonly string[];
  readonly error?: string;
}

export function runJob(job: ParseJob): ParseJobResult {
  const encoder = new DocumentEncoder();
  const at = new Int32Array(job.files.length);
  const hashes: string[] = [];
  job.files.forEach(([rel, real], k) => {
    const r = readBytes(path.join(job.rootAbs, real));
    if (r.kind === 'unreadable') {
      if (job.cached) hashes.push('');
      at[k] = encoder.add(unreadableDocument(rel, r.reason));
      return;
    }
    if (job.cached) {
      const hash = contentHash(r.bytes);
      hashes.push(hash);
      if (job.cached[k] === hash) {
        at[k] = -1;
        return;
      }
    }
    at[k] = encoder.add(parseRead(rel, decode(r.bytes), { fields: job.fields }));
  });
  return { id: job.id, batch: packDocuments(encoder.finish()), at, ...(job.cached ? { hashes } : {}) };
}

parentPort?.on('message', (job: ParseJob) => {
  let result: ParseJobResult;
  try {
    result = runJob(job);
  } catch (e) {
    parentPort?.postMessage({ id: job.id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) } satisfies ParseJobResult);
    return;
  }
  const batch = result.batch as PackedDocuments;
  parentPort?.postMessage(result, [batch.nums.buffer as ArrayBuffer, batch.ends.buffer as ArrayBuffer, (result.at as Int32Array).buffer as ArrayBuffer]);
});
