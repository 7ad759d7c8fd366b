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

import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

export type CacheFolder = { readonly ok: true; readonly dir: string } | { readonly ok: false; readonly dir: string; readonly reason: string };

/** Starts every cache file, before the checksum. */
const MAGIC = Buffer.from('compliance-docs cache 1\n', 'latin1');
const SUM_BYTES = 32;

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
 * The contents of a cache file, or undefined when it is missing, not a regular file of this user,
 * or fails its checksum (then it is deleted, so that a damaged cache costs one run, not every run).
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
    // A file whose body does not start with `wanted` is not the one asked for: it is left unread (and
    // unjudged), so a run that will not use it does not pay for its checksum.
    if (wanted !== undefined) {
      const head = Buffer.allocUnsafe(MAGIC.length + SUM_BYTES + wanted.length);
      const n = fs.readSync(fd, head, 0, head.length, 0);
      if (n < head.length || !head.subarray(MAGIC.length + SUM_BYTES).equals(wanted)) return undefined;
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
  const body = bytes.subarray(MAGIC.length + SUM_BYTES);
  if (bytes.length < MAGIC.length + SUM_BYTES || !bytes.subarray(0, MAGIC.length).equals(MAGIC) || !checksum(body).equals(bytes.subarray(MAGIC.length, MAGIC.length + SUM_BYTES))) {
    dropCacheFile(file);
    return undefined;
  }
  return body;
}

/** Writes a cache file atomically: a fresh file of random name (never an existing one), then a rename. */
export function writeCacheFile(file: string, body: Uint8Array): boolean {
  const tmp = `${file}.${crypto.randomBytes(12).toString('hex')}.tmp`;
  try {
    const fd = fs.openSync(tmp, 'wx', 0o600);
    try {
      for (const part of [MAGIC, checksum(body), body]) {
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
export type FileWriter = (file: string, body: Uint8Array) => Promise<boolean>;

/**
 * writeCacheFile off this thread: the thread pool takes the checksum and writes the file while the
 * caller goes on (a 10,000-document check writes about 15 MB here). The process stays alive until it
 * is done; `done` says whether the file was written.
 */
export function writeCacheFileSoon(file: string, body: Uint8Array, done?: (ok: boolean) => void): void {
  const tmp = `${file}.${crypto.randomBytes(12).toString('hex')}.tmp`;
  const fail = (): void => fs.unlink(tmp, () => done?.(false));
  crypto.webcrypto.subtle.digest('SHA-256', body).then(
    (sum) =>
      fs.open(tmp, 'wx', 0o600, (openError, fd) => {
        if (openError) {
          done?.(false);
          return;
        }
        const parts = [MAGIC, Buffer.from(sum), body];
        const total = parts.reduce((n, b) => n + b.length, 0);
        fs.writev(fd, parts, (writeError, written) =>
          fs.close(fd, (closeError) => {
            if (writeError || closeError || written !== total) fail();
            else fs.rename(tmp, file, (renameError) => (renameError ? fail() : done?.(true)));
          }),
        );
      }),
    () => done?.(false),
  );
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
