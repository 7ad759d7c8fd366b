// The cache folder and its files. The folder may sit on shared storage (`--cache-dir`,
// `XDG_CACHE_HOME` on a CI volume), so nothing in it is trusted by its name alone:
//
// - the folder is created 0700, and one that is a symlink, belongs to another user or can be written
//   by group or others is not used at all (the run goes on without a cache, and says so once);
// - files are written under a random name with `wx` (never through a planted file or symlink), mode
//   0600, then renamed into place;
// - files are opened with O_NOFOLLOW and O_NONBLOCK, and read only when they are regular files of
//   this user;
// - every file carries a SHA-256 of its contents: a file that was cut short, had a byte changed or
//   was swapped for another is detected, deleted and treated as absent.
//
// A file is the magic line, the checksum of what follows, the length of the head (4 bytes), the head
// as it was given, and the rest of the body compressed (brotli). The head is what a reader checks
// before it reads on (a result's inputs key); the rest is compressed because the bytes written, not
// the compression, are what a run waits for: a disk that writes back about 80 MB/s holds a writer
// about 12 ms per MB once the page cache has taken its share, and the bodies here compress five to
// twenty times in about 2 ms per MB.

import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';

export type CacheFolder = { readonly ok: true; readonly dir: string } | { readonly ok: false; readonly dir: string; readonly reason: string };

/** Starts every cache file, before the checksum. */
const MAGIC = Buffer.from('compliance-docs cache 2\n', 'latin1');
const SUM_BYTES = 32;
/** The head's length, after the checksum. */
const HEAD_BYTES = 4;
const START = MAGIC.length + SUM_BYTES;
/** No body here decompresses to more: a file that would is treated as damaged. */
const MAX_BODY = 1 << 30;

/** How hard the rest of a body is compressed: quality 1 when the run waits for it, 2 when it is written while the run goes on (smaller, and faster to read back). */
export type Squeeze = 'fast' | 'small';

function compressOptions(squeeze: Squeeze, size: number): zlib.BrotliOptions {
  return { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: squeeze === 'fast' ? 1 : 2, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: size } };
}

/** What follows the checksum, for a body whose first `head` bytes stay as they are. */
function storedParts(body: Uint8Array, head: number, rest: Uint8Array): Buffer[] {
  const len = Buffer.allocUnsafe(HEAD_BYTES);
  len.writeUInt32LE(head, 0);
  return [len, Buffer.from(body.buffer, body.byteOffset, head), Buffer.from(rest.buffer, rest.byteOffset, rest.byteLength)];
}

function uid(): number | undefined {
  return typeof process.getuid === 'function' ? process.getuid() : undefined;
}

/** Creates the folder (0700) when it is missing, and says whether it is safe to use. */
export function openCacheFolder(dir: string): CacheFolder {
  const abs = path.resolve(dir);
  try {
    fs.mkdirSync(abs, { recursive: true, mode: 0o700 });
  } catch (e) {
    return { ok: false, dir: abs, reason: `it cannot be created (${(e as NodeJS.ErrnoException).code ?? String(e)})` };
  }
  let st: fs.Stats;
  try {
    st = fs.lstatSync(abs);
  } catch (e) {
    return { ok: false, dir: abs, reason: `it cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)})` };
  }
  if (st.isSymbolicLink()) return { ok: false, dir: abs, reason: 'it is a symlink, which someone else may point elsewhere' };
  if (!st.isDirectory()) return { ok: false, dir: abs, reason: 'it is not a folder' };
  const me = uid();
  if (me === undefined) return { ok: true, dir: abs };
  if (st.uid !== me) return { ok: false, dir: abs, reason: `it belongs to another user (uid ${st.uid}), who could change what it holds` };
  if ((st.mode & 0o022) !== 0) return { ok: false, dir: abs, reason: `others can write to it (mode ${(st.mode & 0o777).toString(8)}); run \`chmod 700 ${abs}\`` };
  return { ok: true, dir: abs };
}

/** The one line a run prints when it cannot use its cache folder. */
export function cacheFolderNotice(folder: CacheFolder): string {
  return folder.ok ? '' : `not using the cache folder ${folder.dir}: ${folder.reason}. This run reads and writes no cache; pass --cache-dir with a folder of your own, or --no-cache.`;
}

/**
 * The body of a cache file past `wanted` (the whole body when nothing is wanted), or undefined when
 * the file is missing, not a regular file of this user, not one whose body starts with `wanted`, or
 * fails its checksum or its decompression (then it is deleted, so that a damaged cache costs one run,
 * not every run).
 */
export function readCacheFile(file: string, wanted?: Buffer): Buffer | undefined {
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0) | (fs.constants.O_NONBLOCK ?? 0));
  } catch {
    return undefined;
  }
  let bytes: Buffer;
  try {
    const st = fs.fstatSync(fd);
    const me = uid();
    if (!st.isFile() || (me !== undefined && (st.uid !== me || (st.mode & 0o022) !== 0))) return undefined;
    // A file whose head is not `wanted` is not the one asked for: it is left unread (and unjudged),
    // so a run that will not use it does not pay for its checksum.
    if (wanted !== undefined) {
      const first = Buffer.allocUnsafe(START + HEAD_BYTES + wanted.length);
      const n = fs.readSync(fd, first, 0, first.length, 0);
      if (n < first.length || first.readUInt32LE(START) !== wanted.length || !first.subarray(START + HEAD_BYTES).equals(wanted)) return undefined;
    }
    bytes = Buffer.allocUnsafe(st.size);
    let read = 0;
    while (read < st.size) {
      const n = fs.readSync(fd, bytes, read, st.size - read, read);
      if (n === 0) break;
      read += n;
    }
    bytes = bytes.subarray(0, read);
  } catch {
    return undefined;
  } finally {
    fs.closeSync(fd);
  }
  const stored = bytes.subarray(START);
  const head = bytes.length < START + HEAD_BYTES ? -1 : bytes.readUInt32LE(START);
  if (head < 0 || head > stored.length - HEAD_BYTES || !bytes.subarray(0, MAGIC.length).equals(MAGIC) || !checksum(stored).equals(bytes.subarray(MAGIC.length, START))) {
    dropCacheFile(file);
    return undefined;
  }
  let rest: Buffer;
  try {
    rest = zlib.brotliDecompressSync(stored.subarray(HEAD_BYTES + head), { maxOutputLength: MAX_BODY });
  } catch {
    dropCacheFile(file);
    return undefined;
  }
  if (wanted !== undefined || head === 0) return rest;
  return Buffer.concat([stored.subarray(HEAD_BYTES, HEAD_BYTES + head), rest]);
}

/**
 * Writes a cache file atomically: a fresh file of random name (never an existing one), then a rename.
 * The first `head` bytes of the body are kept as they are (readCacheFile's `wanted`), the rest compressed;
 * `tail`, when given, is read back as the end of the body.
 */
export function writeCacheFile(file: string, body: Uint8Array, head = 0, squeeze: Squeeze = 'fast', tail?: Uint8Array): boolean {
  const tmp = `${file}.${crypto.randomBytes(12).toString('hex')}.tmp`;
  try {
    const rest = tail && tail.length > 0 ? Buffer.concat([body.subarray(head), tail]) : body.subarray(head);
    const parts = storedParts(body, head, zlib.brotliCompressSync(rest, compressOptions(squeeze, rest.length)));
    const sum = crypto.createHash('sha256');
    for (const part of parts) sum.update(part);
    const fd = fs.openSync(tmp, 'wx', 0o600);
    try {
      for (const part of [MAGIC, sum.digest(), ...parts]) {
        let written = 0;
        while (written < part.length) written += fs.writeSync(fd, part, written, part.length - written);
      }
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, file);
    return true;
  } catch {
    try {
      fs.unlinkSync(tmp);
    } catch {
      // never created
    }
    return false;
  }
}

/** writeCacheFile somewhere else (a worker thread): whether the file was written. */
export type FileWriter = (file: string, body: Uint8Array, head?: number, squeeze?: Squeeze) => Promise<boolean>;

/**
 * writeCacheFile off this thread: the thread pool compresses the body, takes the checksum and writes
 * the file while the caller goes on. The process stays alive until it is done; `done` says whether
 * the file was written. `tail` is compressed after the body without being copied beside it first.
 */
export function writeCacheFileSoon(file: string, body: Uint8Array, options: { head?: number; squeeze?: Squeeze; done?: (ok: boolean) => void; tail?: Uint8Array } = {}): void {
  const { head = 0, squeeze = 'fast', done, tail } = options;
  const tmp = `${file}.${crypto.randomBytes(12).toString('hex')}.tmp`;
  const fail = (): void => fs.unlink(tmp, () => done?.(false));
  const rest = body.subarray(head);
  compressParts(tail && tail.length > 0 ? [rest, tail] : [rest], squeeze, (compressError, packed) => {
    if (compressError) {
      done?.(false);
      return;
    }
    // One buffer of what follows the checksum: the digest takes one, and it is small now.
    const stored = Buffer.concat(storedParts(body, head, packed));
    crypto.webcrypto.subtle.digest('SHA-256', stored).then(
      (sum) =>
        fs.open(tmp, 'wx', 0o600, (openError, fd) => {
          if (openError) {
            done?.(false);
            return;
          }
          const all = [MAGIC, Buffer.from(sum), stored];
          const total = all.reduce((n, b) => n + b.length, 0);
          fs.writev(fd, all, (writeError, written) =>
            fs.close(fd, (closeError) => {
              if (writeError || closeError || written !== total) fail();
              else fs.rename(tmp, file, (renameError) => (renameError ? fail() : done?.(true)));
            }),
          );
        }),
      () => done?.(false),
    );
  });
}

/** The parts compressed as one stream, on the thread pool. */
function compressParts(parts: readonly Uint8Array[], squeeze: Squeeze, done: (error: Error | null, packed: Buffer) => void): void {
  const size = parts.reduce((n, p) => n + p.length, 0);
  if (parts.length === 1) {
    zlib.brotliCompress(parts[0], compressOptions(squeeze, size), done);
    return;
  }
  const z = zlib.createBrotliCompress(compressOptions(squeeze, size));
  const out: Buffer[] = [];
  let settled = false;
  const settle = (error: Error | null): void => {
    if (settled) return;
    settled = true;
    done(error, error ? Buffer.alloc(0) : Buffer.concat(out));
  };
  z.on('data', (chunk: Buffer) => out.push(chunk));
  z.on('error', (e: Error) => settle(e));
  z.on('end', () => settle(null));
  for (const part of parts) z.write(part);
  z.end();
}

/** Deletes a cache file that cannot be used. */
export function dropCacheFile(file: string): void {
  try {
    fs.unlinkSync(file);
  } catch {
    // already gone, or not ours to delete
  }
}

function checksum(body: Uint8Array): Buffer {
  return crypto.createHash('sha256').update(body).digest();
}
