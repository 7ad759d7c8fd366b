// Server-side helpers for the reliability suites: start dist/server.js with a preload (an fs spy, a
// network guard), wait for indexing, send requests that may fail, and read what the preload saw.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { ResponseError } from 'vscode-languageserver-protocol/node';
import { TestClient, type ClientOptions } from '../server/lspClient';
import { PROJECT } from './support';

/** The CLI suite's spy: records the path of every fs call as a JSON line in $FS_SPY_LOG. */
export const FS_SPY = path.join(PROJECT, 'test', 'cli', 'fs-spy.cjs');
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

export interface FsCall {
  readonly op: string;
  readonly path: string;
}

export function readJsonLines<T>(file: string): T[] {
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as T);
}

function isInside(dir: string, p: string): boolean {
  const rel = path.relative(dir, p);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** Where a call really lands: links resolved, except the last one for calls that do not follow it. */
function realLocation(p: string, follow: boolean): string {
  if (follow) {
    try {
      return fs.realpathSync(p);
    } catch {
      // missing or looping: judge by its folder
    }
  }
  const realExisting = (q: string): string => {
    try {
      return fs.realpathSync(q);
    } catch {
      const parent = path.dirname(q);
      return parent === q ? q : path.join(realExisting(parent), path.basename(q));
    }
  };
  return path.join(realExisting(path.dirname(p)), path.basename(p));
}

const NO_FOLLOW = /^(?:promises\.)?(?:lstat|readlink|unlink|rm|rmdir|lchown|lchmod|lutimes)(?:Sync)?$/;

/** The calls that touched anything outside `root`, other than the tool's own files in dist/. */
export function callsOutside(calls: readonly FsCall[], root: string): string[] {
  const realRoot = fs.realpathSync(root);
  const tool = path.join(PROJECT, 'dist');
  return calls
    .filter((c) => !isInside(tool, c.path))
    .map((c) => ({ c, real: realLocation(c.path, !NO_FOLLOW.test(c.op)) }))
    .filter(({ real }) => !isInside(realRoot, real))
    .map(({ c, real }) => `${c.op} ${c.path}${real === c.path ? '' : ` (really ${real})`}`);
}

/** Resident memory of a process in bytes (Linux), from /proc/<pid>/status. */
export function residentBytes(pid: number): number {
  const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!m) throw new Error(`no VmRSS for ${pid}`);
  return Number(m[1]) * 1024;
}
