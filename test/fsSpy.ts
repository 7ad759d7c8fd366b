// Reading what test/cli/fs-spy.cjs recorded: every fs call of a process, one JSON line each.

import * as fs from 'node:fs';
import * as path from 'node:path';

// Bundled into out/test/<suite>/, three folders below the project.
const PROJECT = path.resolve(__dirname, '../../..');
/** The spy, to preload with `node --require`. */
export const FS_SPY = path.join(PROJECT, 'test', 'cli', 'fs-spy.cjs');
const DIST = path.join(PROJECT, 'dist');

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

export function isInside(dir: string, p: string): boolean {
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
  return calls
    .filter((c) => !isInside(DIST, c.path))
    // The tool asking which file a descriptor it holds names (its check of what it opened) is not a look outside.
    .filter((c) => !(c.op === 'readlinkSync' && /^\/proc\/self\/fd\/\d+$/.test(c.path)))
    .map((c) => ({ c, real: realLocation(c.path, !NO_FOLLOW.test(c.op)) }))
    .filter(({ real }) => !isInside(realRoot, real))
    .map(({ c, real }) => `${c.op} ${c.path}${real === c.path ? '' : ` (really ${real})`}`);
}

/** Calls that opened or read a file (not stat'ed or listed it). */
export function isRead(call: FsCall): boolean {
  return /^(?:promises\.)?(?:open|readFile|createReadStream)/.test(call.op);
}
