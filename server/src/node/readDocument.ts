// Reads one document from disk into a ParsedDocument, refusing what must not be parsed: files over the
// size limit, binary files, and symlinks that leave the root or loop. Text that is not valid UTF-8 is
// read with replacement characters and reported.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { isUtf8 } from 'node:buffer';
import { parseComplianceDocument, type ParseOptions } from '../core/parse/document';
import { invalidUtf8Problem, unreadableDocument, withProblem, type UnreadableReason } from '../core/parse/unreadable';
import type { ParsedDocument } from '../core/model/types';
import type { ComplianceWorkspace } from '../core/index/workspace';

export const MAX_DOCUMENT_BYTES = 5 * 1024 * 1024;

export type ReadResult = { readonly kind: 'text'; readonly text: string; readonly invalidUtf8: boolean } | { readonly kind: 'unreadable'; readonly reason: UnreadableReason };

/**
 * What the file system says about a file, taken before its bytes are read: size, modification and
 * change times (ms), inode. When all four are the same on a later run, the bytes are taken to be the
 * same (the change time cannot be set back by tools that preserve modification times).
 */
export type FileSignature = readonly [size: number, mtimeMs: number, ctimeMs: number, ino: number];

export function fileSignature(st: fs.Stats): FileSignature {
  return [st.size, st.mtimeMs, st.ctimeMs, st.ino];
}

export type BytesResult = { readonly kind: 'bytes'; readonly bytes: Buffer; readonly signature: FileSignature } | { readonly kind: 'unreadable'; readonly reason: UnreadableReason };

/** Reads a file that is inside the root (the caller resolved symlinks through the inventory). */
export function readText(absPath: string, root?: string): ReadResult {
  const r = readBytes(absPath, root);
  return r.kind === 'bytes' ? decode(r.bytes) : r;
}

/** The real path of each root, as last seen. */
const realRoots = new Map<string, string>();

function realRootOf(root: string, fresh: boolean): string | undefined {
  let real = fresh ? undefined : realRoots.get(root);
  if (real === undefined) {
    try {
      real = fs.realpathSync(root);
    } catch {
      return undefined;
    }
    if (realRoots.size > 100) realRoots.clear();
    realRoots.set(root, real);
  }
  return real;
}

/**
 * Whether the file open at `fd` is the one at `absPath` under `root`, with no symlink on the way.
 * O_NOFOLLOW guards only the last component: a folder swapped for a symlink between the listing and
 * the open would otherwise be followed. Linux says what was opened (/proc/self/fd); elsewhere, true.
 */
function openedInside(fd: number, absPath: string, root: string): boolean {
  let opened: string;
  try {
    opened = fs.readlinkSync(`/proc/self/fd/${fd}`);
  } catch {
    return true;
  }
  // The path below the root, as the callers build it (root + '/' + rel); otherwise path's own reckoning.
  const rel = absPath.length > root.length + 1 && absPath.startsWith(root) && absPath.charCodeAt(root.length) === 47 && !root.endsWith('/') ? absPath.slice(root.length) : undefined;
  for (const fresh of [false, true]) {
    const real = realRootOf(root, fresh);
    if (real === undefined) continue;
    if (rel !== undefined && real !== '/' && !rel.includes('/.') && !rel.includes('//') ? opened === real + rel : opened === path.join(real, path.relative(root, absPath))) return true;
  }
  return false;
}

/** A read that failed, as the document's reason: the error's code (ENOENT, EACCES…). */
function ioError(e: unknown): { readonly kind: 'unreadable'; readonly reason: UnreadableReason } {
  return { kind: 'unreadable', reason: { kind: 'io-error', message: (e as NodeJS.ErrnoException).code ?? String(e) } };
}

type Opened = { readonly kind: 'open'; readonly fd: number; readonly st: fs.Stats } | { readonly kind: 'unreadable'; readonly reason: UnreadableReason };

/** Opens a file to read it, or says why it must not be read; the caller closes what it opened. */
function openChecked(absPath: string, root: string | undefined): Opened {
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer, forever.
    fd = fs.openSync(absPath, fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0) | (fs.constants.O_NONBLOCK ?? 0));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') return { kind: 'unreadable', reason: { kind: 'symlink-loop', via: path.basename(absPath) } };
    return ioError(e);
  }
  let keep = false;
  try {
    if (root !== undefined && !openedInside(fd, absPath, root)) return { kind: 'unreadable', reason: { kind: 'io-error', message: 'a folder on its path was replaced by a symlink after the folder was listed; it was not read' } };
    const st = fs.fstatSync(fd);
    if (!st.isFile()) return { kind: 'unreadable', reason: { kind: 'not-a-file', ...(specialOf(st) ? { what: specialOf(st) } : {}) } };
    if (st.size > MAX_DOCUMENT_BYTES) return { kind: 'unreadable', reason: { kind: 'too-large', size: st.size, limit: MAX_DOCUMENT_BYTES } };
    keep = true;
    return { kind: 'open', fd, st };
  } catch (e) {
    return ioError(e);
  } finally {
    if (!keep) fs.closeSync(fd);
  }
}

/** Reads up to `size` bytes of the open file into `into` at `at`; how many it read (fewer when the file shrank). */
function readOpen(fd: number, into: Uint8Array, at: number, size: number): number {
  let read = 0;
  while (read < size) {
    const n = fs.readSync(fd, into, at + read, size - read, read);
    if (n === 0) break;
    read += n;
  }
  return read;
}

/**
 * The bytes of a file inside the root, refusing what is not a regular file or is over the size limit.
 * With `root`, also what was reached through a symlink that appeared on the way after the listing.
 */
export function readBytes(absPath: string, root?: string): BytesResult {
  const o = openChecked(absPath, root);
  if (o.kind === 'unreadable') return o;
  try {
    const buf = Buffer.allocUnsafe(o.st.size);
    const read = readOpen(o.fd, buf, 0, o.st.size);
    return { kind: 'bytes', bytes: buf.subarray(0, read), signature: fileSignature(o.st) };
  } catch (e) {
    return ioError(e);
  } finally {
    fs.closeSync(o.fd);
  }
}

export type ReadInto = { readonly kind: 'read'; readonly signature: FileSignature } | { readonly kind: 'unreadable'; readonly reason: UnreadableReason };

/**
 * Reads files inside the root, as readBytes does, one after another into one buffer of its own (not
 * Node's shared pool, so that it can be handed to a worker): the k-th file read ends at `ends[k]`.
 * Read straight into place, the bytes are neither copied nor held twice. `sizeHint` is what the
 * buffer starts at (it grows when the files need more).
 */
export function readBytesInto(absPaths: readonly string[], root: string, sizeHint: number): { readonly bytes: Uint8Array; readonly ends: Int32Array; readonly results: readonly ReadInto[] } {
  let bytes = new Uint8Array(Math.max(sizeHint, 4096));
  const ends: number[] = [];
  const results: ReadInto[] = [];
  let at = 0;
  for (const absPath of absPaths) {
    const o = openChecked(absPath, root);
    if (o.kind === 'unreadable') {
      results.push(o);
      continue;
    }
    try {
      const size = o.st.size;
      if (at + size > bytes.length) {
        const grown = new Uint8Array(Math.max(bytes.length * 2, at + size));
        grown.set(bytes.subarray(0, at));
        bytes = grown;
      }
      at += readOpen(o.fd, bytes, at, size);
      ends.push(at);
      results.push({ kind: 'read', signature: fileSignature(o.st) });
    } catch (e) {
      results.push(ioError(e));
    } finally {
      fs.closeSync(o.fd);
    }
  }
  return { bytes, ends: Int32Array.from(ends), results };
}

/** What a non-file is, for the message; undefined for a regular file. */
export function specialOf(st: fs.Stats | fs.Dirent): 'fifo' | 'socket' | 'device' | 'folder' | undefined {
  if (st.isFIFO()) return 'fifo';
  if (st.isSocket()) return 'socket';
  if (st.isBlockDevice() || st.isCharacterDevice()) return 'device';
  if (st.isDirectory()) return 'folder';
  return undefined;
}

export function decode(buf: Buffer): ReadResult {
  // A NUL byte in the first 8 KB is how git and most editors tell binary from text.
  const head = buf.subarray(0, 8192);
  if (head.includes(0)) return { kind: 'unreadable', reason: { kind: 'binary' } };
  const valid = isUtf8(buf);
  let text = buf.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { kind: 'text', text, invalidUtf8: !valid };
}

export function parseRead(rel: string, result: ReadResult, options: ParseOptions): ParsedDocument {
  if (result.kind === 'unreadable') return unreadableDocument(rel, result.reason);
  const doc = parseComplianceDocument(rel, result.text, options);
  return result.invalidUtf8 ? withProblem(doc, invalidUtf8Problem(result.text)) : doc;
}

/** Reads and parses one document of the workspace; a symlinked document is read where it points inside the root. */
export function readAndParse(rootAbs: string, workspace: ComplianceWorkspace, rel: string, options: ParseOptions): ParsedDocument {
  const real = resolveDocumentPath(workspace, rel);
  if (typeof real !== 'string') return real;
  return parseRead(rel, readText(path.join(rootAbs, real), rootAbs), options);
}

/**
 * The path to read for a document, following symlinks that stay inside the root. Only a path the
 * listing holds as a file (or a link to one) is ever read: a FIFO, a socket or a folder is not.
 */
export function resolveDocumentPath(workspace: ComplianceWorkspace, rel: string): string | ParsedDocument {
  const entry = workspace.inventory.get(rel);
  if (entry === undefined) return unreadableDocument(rel, { kind: 'io-error', message: 'it is not in the folder listing' });
  if (entry.kind === 'file') return rel;
  const r = workspace.inventory.resolve(rel);
  if (r.kind === 'file') return r.path;
  if (r.kind === 'special') return unreadableDocument(rel, { kind: 'not-a-file', what: r.what });
  if (r.kind === 'outside') return unreadableDocument(rel, { kind: 'symlink-outside', via: r.via });
  if (r.kind === 'loop') return unreadableDocument(rel, { kind: 'symlink-loop', via: r.via });
  if (r.kind === 'dir') return unreadableDocument(rel, { kind: 'not-a-file', what: 'folder' });
  return unreadableDocument(rel, { kind: 'io-error', message: 'the link target does not exist' });
}
