// Parses documents on worker threads: both cores of a small machine work while the main thread stays
// free to answer requests. Falls back to the calling thread when workers cannot start.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ParsedDocument } from '../core/model/types';
import type { ComplianceWorkspace } from '../core/model/workspace';
import { resolveDocumentPath } from './loadWorkspace';
import type { ParseJob, ParseJobResult } from './worker';

export interface ParsePool {
  parseMany(rootAbs: string, paths: readonly string[], workspace: ComplianceWorkspace): Promise<ParsedDocument[]>;
  close(): void;
}

const BATCH = 250;

export function createParsePool(options: { workers?: number; script?: string } = {}): ParsePool | undefined {
  const script = options.script ?? path.join(__dirname, 'worker.js');
  if (!fs.existsSync(script)) return undefined;
  const count = Math.max(1, Math.min(options.workers ?? os.availableParallelism(), 8));
  let workers: Worker[] | undefined;
  let nextId = 0;
  const pending = new Map<number, { resolve: (d: ParsedDocument[]) => void; reject: (e: Error) => void }>();

  const start = (): Worker[] => {
    if (workers) return workers;
    workers = Array.from({ length: count }, () => {
      const w = new Worker(script);
      w.unref();
      w.on('message', (r: ParseJobResult) => {
        const p = pending.get(r.id);
        if (!p) return;
        pending.delete(r.id);
        if (r.docs) p.resolve(r.docs);
        else p.reject(new Error(r.error ?? 'worker failed'));
      });
      w.on('error', (e) => {
        for (const p of pending.values()) p.reject(e);
        pending.clear();
      });
      return w;
    });
    return workers;
  };

  return {
    async parseMany(rootAbs, paths, workspace) {
      const fields = workspace.parseFields();
      const direct: ParsedDocument[] = [];
      const files: Array<readonly [string, string]> = [];
      for (const rel of paths) {
        const real = resolveDocumentPath(workspace, rel);
        if (typeof real === 'string') files.push([rel, real]);
        else direct.push(real);
      }
      if (files.length === 0) return direct;
      const ws = start();
      const jobs: Promise<ParsedDocument[]>[] = [];
      for (let i = 0, n = 0; i < files.length; i += BATCH, n++) {
        const job: ParseJob = { id: nextId++, rootAbs, files: files.slice(i, i + BATCH), fields };
        jobs.push(
          new Promise<ParsedDocument[]>((resolve, reject) => {
            pending.set(job.id, { resolve, reject });
            ws[n % ws.length].postMessage(job);
          }),
        );
      }
      const results = await Promise.all(jobs);
      return [...direct, ...results.flat()];
    },
    close() {
      for (const w of workers ?? []) void w.terminate();
      workers = undefined;
    },
  };
}
