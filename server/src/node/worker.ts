// Worker thread: reads and parses the documents it is sent, and sends the parsed models back.

import * as path from 'node:path';
import { parentPort } from 'node:worker_threads';
import type { FieldAliases } from '../core/parse/document';
import type { ParsedDocument } from '../core/model/types';
import { parseRead, readText } from './readDocument';

export interface ParseJob {
  readonly id: number;
  readonly rootAbs: string;
  /** [document path, path to read] (they differ for symlinked documents). */
  readonly files: ReadonlyArray<readonly [string, string]>;
  readonly fields: FieldAliases;
}

export interface ParseJobResult {
  readonly id: number;
  readonly docs?: ParsedDocument[];
  readonly error?: string;
}

parentPort?.on('message', (job: ParseJob) => {
  try {
    const docs = job.files.map(([rel, real]) => parseRead(rel, readText(path.join(job.rootAbs, real)), { fields: job.fields }));
    parentPort?.postMessage({ id: job.id, docs } satisfies ParseJobResult);
  } catch (e) {
    parentPort?.postMessage({ id: job.id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) } satisfies ParseJobResult);
  }
});
