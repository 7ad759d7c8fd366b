// Walks the workspace root once, recording files, folders and symlinks. Symlinks are never followed:
// a link's target is read as text (readlink) and resolved against the root without touching it, so
// nothing outside the root is ever stat'ed or read.

import { isUtf8 } from 'node:buffer';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { InventoryEntry } from '../core/model/inventory';

/** Folders that never hold compliance documents or evidence, and can be huge. */
export const SKIPPED_DIRS = new Set(['.git', 'node_modules', '.hg', '.svn', '.vscode-test']);

/** A folder that could not be listed, or (`file`) a file that cannot be read, with the reason. */
export interface ReadGap {
  readonly path: string;
  readonly message: string;
  readonly file?: boolean;
}

export interface WalkResult {
  readonly entries: Array<[string, InventoryEntry]>;
  /** What the listing left out, with the reason: nothing is dropped without a word. */
  readonly errors: ReadGap[];
  readonly truncated: boolean;
}

/** A walk with some folders left to another walk (`defer`): those folders, each already an entry. */
export interface PartialWalk extends WalkResult {
  readonly deferred: string[];
}

export interface WalkOptions {
  readonly maxEntries?: number;
  readonly maxDepth?: number;
  /** Called for each entry as it is found, so that a caller can start on documents during the walk. */
  readonly onEntry?: (rel: string, entry: InventoryEntry) => void;
  /** Folders listed before all others (where documents are), so that a caller gets them early. */
  readonly first?: (dir: string) => boolean;
  /**
   * Lists only this folder (relative to the root) and what is below it. Paths, and the targets of
   * symlinks, are still relative to the root, so a link resolves as it does in a walk of the root.
   */
  readonly under?: string;
  /**
   * Folders recorded as entries but not listed: the caller has them walked elsewhere (`under`, on
   * another thread) and joins the listings with joinWalks. Each is passed to `onDeferred` when found.
   */
  readonly defer?: (dir: string) => boolean;
  readonly onDeferred?: (dir: string) => void;
}

/**
 * The target of a symlink at `rel` as a root-relative POSIX path, or null when it is an absolute path
 * outside the root. It is not normalized: `s/..` stays as written, for the inventory to resolve
 * segment by segment as the kernel does (`s` may itself be a link).
 */
export function symlinkTarget(rootAbs: string, rootReal: string, rel: string): string | null {
  let link: string;
  try {
    link = fs.readlinkSync(path.join(rootAbs, rel));
  } catch {
    return null;
  }
  if (path.isAbsolute(link)) {
    for (const base of [rootAbs, rootReal]) {
      if (link === base) return '';
      if (link.startsWith(base + path.sep)) return link.slice(base.length + 1).split(path.sep).join('/');
    }
    return null;
  }
  const slash = rel.lastIndexOf('/');
  const posix = link.split(path.sep).join('/');
  return slash === -1 ? posix : `${rel.slice(0, slash)}/${posix}`;
}

export function realRoot(rootAbs: string): string {
  try {
    return fs.realpathSync(rootAbs);
  } catch {
    return rootAbs;
  }
}

export function walkWorkspace(root: string, options: WalkOptions & { defer: (dir: string) => boolean }): PartialWalk;
export function walkWorkspace(root: string, options?: WalkOptions): WalkResult;
export function walkWorkspace(root: string, options: WalkOptions = {}): WalkResult | PartialWalk {
  const rootAbs = path.resolve(root);
  const rootReal = realRoot(rootAbs);
  const maxEntries = options.maxEntries ?? 2_000_000;
  const maxDepth = options.maxDepth ?? 64;
  const entries: Array<[string, InventoryEntry]> = [];
  const errors: ReadGap[] = [];
  const under = options.under ?? '';
  const stack: Array<[string, number]> = [[under, under === '' ? 0 : under.split('/').length]];
  const firstStack: Array<[string, number]> = [];
  const deferred: string[] = [];
  let truncated = false;
  while (stack.length > 0 || firstStack.length > 0) {
    const [dir, depth] = (firstStack.length > 0 ? firstStack.pop() : stack.pop()) as [string, number];
    let list: Array<fs.Dirent | fs.Dirent<Buffer>>;
    try {
      const abs = dir === '' ? rootAbs : path.join(rootAbs, dir);
      list = fs.readdirSync(abs, { withFileTypes: true });
      // A name that is not UTF-8 has no string that opens it, and is reported as such. It reads as
      // U+FFFD, so only a folder with that character in a name is listed again, as bytes, to tell.
      if (list.some((d) => (d.name as string).includes('\uFFFD'))) list = fs.readdirSync(abs, { withFileTypes: true, encoding: 'buffer' });
    } catch (e) {
      errors.push({ path: dir, message: (e as NodeJS.ErrnoException).code ?? String(e) });
      continue;
    }
    for (const d of list) {
      if (entries.length >= maxEntries) {
        if (!truncated) errors.push({ path: '', message: `it holds more than ${maxEntries} files and folders; the listing stopped there` });
        truncated = true;
        break;
      }
      const raw = d.name;
      const name = typeof raw === 'string' ? raw : raw.toString('utf8');
      const rel = dir === '' ? name : `${dir}/${name}`;
      if (typeof raw !== 'string' && !isUtf8(raw)) {
        errors.push({ path: rel, message: 'its name is not valid UTF-8, so it cannot be opened by name; rename it', file: !d.isDirectory() });
        continue;
      }
      let entry: InventoryEntry;
      if (d.isDirectory()) {
        if (SKIPPED_DIRS.has(name)) continue;
        entry = { kind: 'dir' };
        if (depth + 1 >= maxDepth) errors.push({ path: rel, message: `it is more than ${maxDepth} folders deep` });
        else if (options.defer?.(rel)) {
          deferred.push(rel);
          options.onDeferred?.(rel);
        } else (options.first?.(rel) ? firstStack : stack).push([rel, depth + 1]);
      } else if (d.isSymbolicLink()) {
        entry = { kind: 'symlink', target: symlinkTarget(rootAbs, rootReal, rel) };
      } else if (d.isFile()) {
        // Sizes are read when a file is opened; evidence only needs to exist.
        entry = { kind: 'file', size: -1 };
      } else if (d.isFIFO()) entry = { kind: 'special', what: 'fifo' };
      else if (d.isSocket()) entry = { kind: 'special', what: 'socket' };
      else if (d.isBlockDevice() || d.isCharacterDevice()) entry = { kind: 'special', what: 'device' };
      else continue;
      entries.push([rel, entry]);
      options.onEntry?.(rel, entry);
    }
  }
  return options.defer ? { entries, errors, truncated, deferred } : { entries, errors, truncated };
}

/**
 * A walk and the walks of the folders it deferred (`under` each), as one walk of the root: the same
 * entries and errors, up to the same limit on entries.
 */
export function joinWalks(main: WalkResult, parts: readonly WalkResult[], maxEntries = 2_000_000): WalkResult {
  const entries = main.entries.slice();
  const errors = main.errors.slice();
  let truncated = main.truncated;
  for (const part of parts) {
    for (const e of part.errors) if (!(e.path === '' && part.truncated)) errors.push(e);
    for (const entry of part.entries) {
      if (entries.length >= maxEntries) {
        truncated = true;
        break;
      }
      entries.push(entry);
    }
    truncated ||= part.truncated;
  }
  if (truncated && !main.truncated) errors.push({ path: '', message: `it holds more than ${maxEntries} files and folders; the listing stopped there` });
  return { entries, errors, truncated };
}
