import * as fs from 'node:fs';
import * as path from 'node:path';
import { printable } from '../core/report/findings';
import { parseIsoDate } from '../core/dates';
import { CONFIG_FILE_NAMES, loadConfig } from '../core/config/config';
import { RULE_CODES } from '../core/rules/registry';
import { defaultCacheDir } from '../node/cache';
import { cacheFolderNotice, openCacheFolder } from '../node/cacheStore';
import { loadWorkspace, readConfigText, type LoadedWorkspace } from '../node/loadWorkspace';
import { createParsePool } from '../node/pool';
import type { ReadGap } from '../node/walk';

export { VERSION } from '../version';

/** A mistake in how the command was called: exit code 2, message on stderr. */
export class UsageError extends Error {}

export interface CommonOptions {
  readonly dir: string;
  readonly today: string | undefined;
  readonly noCache: boolean;
  readonly cacheDir: string | undefined;
  readonly fullParse: boolean;
  readonly color: boolean;
  readonly write: (text: string | Uint8Array) => void;
}

/** Today as a calendar date in the local time zone, which is what a user means by "today". */
export function localToday(now = new Date()): string {
  const y = now.getFullYear();
  const m = String(now.getMonth() + 1).padStart(2, '0');
  const d = String(now.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

/**
 * The date checks run as of: the real date, `--today YYYY-MM-DD`, or `--today fieldwork`, the
 * `audit.fieldwork` date of the config in `root`.
 */
export function resolveToday(value: string | undefined, root?: string): string {
  if (value === undefined) return localToday();
  if (value.trim().toLowerCase() === 'fieldwork') return fieldworkDate(root);
  const d = parseIsoDate(value);
  if (/^\d{4}-\d{2}-\d{2}$/.test(value) && !d) throw new UsageError(`--today \`${value}\` is not a real date (that month has no such day).`);
  if (!d || value.length !== 10) throw new UsageError(`--today must be a date as YYYY-MM-DD, got \`${value}\``);
  return d;
}

/** `audit.fieldwork` of the config at `root`, read as a check reads it; a usage error without one. */
function fieldworkDate(root: string | undefined): string {
  if (root === undefined) throw new UsageError('--today fieldwork reads audit.fieldwork from the config of a checked folder; pass --today YYYY-MM-DD here.');
  const name = CONFIG_FILE_NAMES.find((n) => {
    try {
      return fs.lstatSync(path.join(root, n)).isFile();
    } catch {
      return false;
    }
  });
  if (name === undefined) throw new UsageError(`--today fieldwork reads audit.fieldwork from compliance-docs.yml, and ${root} has none. Pass --today YYYY-MM-DD, or add the config.`);
  const text = readConfigText(root, name);
  const fieldwork = loadConfig(name, text, RULE_CODES).config.audit.fieldwork;
  if (fieldwork === undefined) throw new UsageError(`--today fieldwork: ${name} has no audit.fieldwork date. Add \`fieldwork: YYYY-MM-DD\` (the first day of fieldwork) under \`audit:\`, or pass --today YYYY-MM-DD.`);
  return fieldwork;
}

export function checkDirectory(dir: string): string {
  const abs = path.resolve(dir);
  let st: fs.Stats;
  try {
    st = fs.statSync(abs);
  } catch {
    throw new UsageError(`directory not found: ${dir}`);
  }
  if (!st.isDirectory()) throw new UsageError(`not a directory: ${dir}`);
  return abs;
}

/**
 * The cache folder this run uses: the one given, else the user's; undefined for none. A folder that
 * is not safe to use (node/cacheStore.ts) is not used, and one line on stderr says why.
 */
export function usableCacheDir(options: Pick<CommonOptions, 'noCache' | 'cacheDir' | 'fullParse'>): string | undefined {
  if (options.noCache || options.fullParse) return undefined;
  const folder = openCacheFolder(options.cacheDir ?? defaultCacheDir());
  if (folder.ok) return folder.dir;
  process.stderr.write(`compliance-docs: ${printable(cacheFolderNotice(folder))}\n`);
  return undefined;
}

/** Loads the workspace of `options.dir`, through the cache in `cacheDir` when there is one. */
export async function openWorkspace(options: CommonOptions, cacheDir: string | undefined): Promise<LoadedWorkspace> {
  const root = checkDirectory(options.dir);
  const today = resolveToday(options.today, root);
  if (options.fullParse) return loadWorkspace(root, { today, fullParse: true });
  const pool = createParsePool();
  try {
    return await loadWorkspace(root, { today, ...(pool ? { pool } : {}), ...(cacheDir !== undefined ? { cacheDir } : {}) });
  } finally {
    pool?.close();
  }
}

/**
 * What a run could not read: the folders the walk could not list, then the documents that could not
 * be opened (permissions, an I/O error), which are gaps in the check as unlisted folders are.
 */
export function readGaps(loaded: LoadedWorkspace): ReadGap[] {
  const unread: ReadGap[] = [];
  for (const d of loaded.workspace.documents()) {
    const p = d.problems.find((x) => x.code === 'document-unreadable' && x.data?.reason === 'io-error');
    if (p) unread.push({ path: d.path, message: p.data?.error ?? 'it could not be read', file: true });
  }
  unread.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return [...loaded.walkErrors, ...unread];
}
