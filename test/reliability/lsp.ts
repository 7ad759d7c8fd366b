// Server-side helpers for the reliability suites: start dist/server.js with a preload (an fs spy, a
// network guard), wait for indexing, send requests that may fail, and read what the preload saw.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { ResponseError } from 'vscode-languageserver-protocol/node';
import { TestClient, type ClientOptions } from '../server/lspClient';
import { PROJECT } from './support';

/** The CLI suite's spy: records the path of every fs call as a JSON line in $FS_SPY_LOG. */
export { callsOutside, FS_SPY, readJsonLines, type FsCall } from '../fsSpy';
/** Makes every network call throw and records it in $NO_NETWORK_LOG. */
export const NO_NETWORK = path.join(PROJECT, 'test', 'reliability', 'no-network.cjs');

/**
 * Starts the server with `--require` preloads and extra environment. TestClient spawns synchronously
 * when start() is called, so the environment is set only for that moment.
 */
export function startServer(options: ClientOptions, preload: { require?: readonly string[]; env?: Readonly<Record<string, string>> } = {}): Promise<TestClient> {
  const keys = ['NODE_OPTIONS', ...Object.keys(preload.env ?? {})];
  const saved = new Map(keys.map((k) => [k, process.env[k]]));
  try {
    process.env.NODE_OPTIONS = (preload.require ?? []).map((r) => `--require ${r}`).join(' ');
    for (const [k, v] of Object.entries(preload.env ?? {})) process.env[k] = v;
    return TestClient.start({ settings: { today: options.today ?? '2026-11-16' }, ...options });
  } finally {
    for (const [k, v] of saved) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

/** Resolves when the server says a folder's index is complete. */
export function indexed(client: TestClient, timeoutMs = 30000): Promise<unknown> {
  return client.waitForNotification<{ complete: boolean }>('complianceDocs/indexChanged', (p) => p.complete, timeoutMs);
}

export type Answer = { readonly result: unknown } | { readonly error: { readonly code: number; readonly message: string } };

/** Sends a request and resolves with its result or its error; rejects only when no answer comes. */
export async function ask(client: TestClient, method: string, params: unknown, timeoutMs = 20000): Promise<Answer> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer to ${method} within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    const result: unknown = await Promise.race([client.connection.sendRequest(method, params), deadline]);
    return { result };
  } catch (e) {
    if (e instanceof ResponseError) return { error: { code: e.code, message: e.message } };
    throw e;
  } finally {
    clearTimeout(timer);
  }
}

/** Resident memory of a process in bytes (Linux), from /proc/<pid>/status. */
export function residentBytes(pid: number): number {
  const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!m) throw new Error(`no VmRSS for ${pid}`);
  return Number(m[1]) * 1024;
}
