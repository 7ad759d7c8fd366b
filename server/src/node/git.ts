// Reads a repository's history with the `git` program, in a way that runs nothing the repository
// configures. A repository's `.git/config` (and files it includes) can name programs git would run:
// an fsmonitor hook, a pager, external diff and textconv drivers, clean/smudge filters, gpg for
// signatures, hooks, transports. A checked-out pull request may carry such a config, so every call:
//   - ignores the system and global config (GIT_CONFIG_NOSYSTEM, GIT_CONFIG_GLOBAL=/dev/null; their
//     trace2 settings too) and runs with only PATH from the environment (no GIT_DIR, GIT_EXTERNAL_DIFF…);
//   - overrides, on the command line (which wins over the repository's config and anything it
//     includes, includeIf or not), each setting that runs a program: core.fsmonitor, core.hooksPath,
//     core.pager, diff.external, log.showSignature, gpg programs, core.sshCommand, credential
//     helpers, and protocol.allow=never so that nothing is fetched (a partial clone's missing blobs);
//   - passes --no-pager, --no-ext-diff, --no-textconv, --no-show-signature where the command has them;
//   - uses only commands that read objects as stored (log --raw, ls-tree, cat-file --batch): none
//     reads the work tree or the index, so no filter runs.
// One `git log --raw` lists every commit's changes to markdown files; one `git cat-file --batch`
// reads the versions needed to tell a body change from a frontmatter change.

import { execFile, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { bodyHash, bodyStart, sameText, type BodyHistory } from '../core/model/history';
import { parseComplianceDocument, type ParseSettings } from '../core/parse/document';

const NULL_DEVICE = process.platform === 'win32' ? 'NUL' : '/dev/null';

/** Settings that would run a program, each set to run nothing. */
export const SAFE_CONFIG: readonly string[] = [
  'core.fsmonitor=',
  `core.hooksPath=${NULL_DEVICE}`,
  'core.pager=cat',
  'pager.log=false',
  'diff.external=',
  'log.showSignature=false',
  'gpg.program=',
  'gpg.openpgp.program=',
  'gpg.x509.program=',
  'gpg.ssh.program=',
  'core.sshCommand=',
  'credential.helper=',
  'protocol.allow=never',
  'core.askPass=',
  'log.showRoot=true',
  'core.quotePath=false',
  'color.ui=never',
];

/** The environment git runs in: PATH (and what Windows needs), plus settings that keep config and prompts out. */
export function safeGitEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const k of ['PATH', 'Path', 'SystemRoot', 'SYSTEMROOT', 'TEMP', 'TMP']) if (process.env[k] !== undefined) env[k] = process.env[k];
  return {
    ...env,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: NULL_DEVICE,
    GIT_ATTR_NOSYSTEM: '1',
    GIT_TERMINAL_PROMPT: '0',
    GIT_PAGER: 'cat',
    PAGER: 'cat',
    GIT_OPTIONAL_LOCKS: '0',
    GIT_NO_REPLACE_OBJECTS: '1',
    GIT_NO_LAZY_FETCH: '1',
    GIT_PROTOCOL_FROM_USER: '0',
    LC_ALL: 'C',
  };
}

export function gitArgs(args: readonly string[]): string[] {
  return ['--no-pager', ...SAFE_CONFIG.flatMap((c) => ['-c', c]), ...args];
}

/** Runs git in `cwd` with the safe config and environment; resolves to its stdout. */
export function runGit(cwd: string, args: readonly string[], input?: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    if (input === undefined) {
      execFile('git', gitArgs(args), { cwd, env: safeGitEnv(), encoding: 'buffer', maxBuffer: 1 << 30, windowsHide: true }, (err, stdout, stderr) => {
        if (err) reject(new GitError(firstLine(stderr) || err.message));
        else resolve(stdout);
      });
      return;
    }
    const child = spawn('git', gitArgs(args), { cwd, env: safeGitEnv(), stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', (e) => reject(new GitError(e.message)));
    child.on('close', (code) => (code === 0 ? resolve(Buffer.concat(out)) : reject(new GitError(firstLine(Buffer.concat(err)) || `git exited with ${code}`))));
    child.stdin.on('error', () => undefined);
    child.stdin.end(input);
  });
}

export class GitError extends Error {}

function firstLine(b: Buffer): string {
  return b.toString('utf8').split('\n').find((l) => l.trim() !== '')?.trim() ?? '';
}

/**
 * Whether `root` is the top of a git repository (it holds `.git`, a folder or a worktree's file),
 * without running anything: a folder outside a repository costs one lstat. Folders above the root are
 * not looked at (nothing outside the root is ever stat'ed), so a folder inside a repository is checked
 * without its history unless git is asked explicitly (`diff`).
 */
export function isRepositoryTop(root: string): boolean {
  try {
    fs.lstatSync(path.join(root, '.git'));
    return true;
  } catch {
    return false;
  }
}

export type RepositoryState =
  | { readonly kind: 'none' }
  | { readonly kind: 'shallow'; readonly head: string }
  | { readonly kind: 'unreadable'; readonly message: string }
  | { readonly kind: 'ok'; readonly head: string };

/**
 * Whether `root` is in a repository with a commit, and whether it is a shallow clone: one git call,
 * none when `root` is not a repository's top, unless `anywhere` (then git finds the repository).
 */
export async function repositoryState(root: string, anywhere = false): Promise<RepositoryState> {
  if (!anywhere && !isRepositoryTop(root)) return { kind: 'none' };
  let out: string;
  try {
    out = (await runGit(root, ['rev-parse', '--is-shallow-repository', '--verify', '-q', 'HEAD'])).toString('utf8');
  } catch (e) {
    const message = (e as Error).message;
    // A folder with an empty `.git`, or a repository with no commit yet, has no history to read.
    if (/not a git repository/i.test(message) || message === '' || /exited with 1/.test(message)) return { kind: 'none' };
    return { kind: 'unreadable', message };
  }
  const [shallow, head] = out.trim().split('\n');
  if (!head) return { kind: 'none' };
  return shallow === 'true' ? { kind: 'shallow', head } : { kind: 'ok', head };
}

/** One change of one file in one commit, from `git log --raw`. */
interface FileChange {
  readonly commit: string;
  readonly date: string;
  readonly subject: string;
  readonly oldBlob: string;
  readonly newBlob: string;
}

/** Every modification (not additions or deletions) of a document under `root`, newest first per file. Paths are filtered here: a pathspec costs git more than the lines it saves. */
async function markdownChanges(root: string, rev: string): Promise<Map<string, FileChange[]>> {
  const out = await runGit(root, ['log', '--no-renames', '--raw', '--diff-filter=M', '--no-abbrev', '-z', '--relative', '--no-ext-diff', '--no-textconv', '--no-show-signature', '--no-color', '--format=%x01%H %aI %s', rev, '--']);
  const changes = new Map<string, FileChange[]>();
  const text = out.toString('utf8');
  let i = 0;
  while (i < text.length) {
    if (text.charCodeAt(i) !== 1) {
      i++;
      continue;
    }
    const headerEnd = text.indexOf('\0', i);
    if (headerEnd === -1) break;
    const header = text.slice(i + 1, headerEnd);
    const sp1 = header.indexOf(' ');
    const sp2 = header.indexOf(' ', sp1 + 1);
    const commit = header.slice(0, sp1);
    const date = header.slice(sp1 + 1, sp1 + 11);
    const subject = sp2 === -1 ? '' : header.slice(sp2 + 1);
    i = headerEnd + 1;
    // Raw entries: `\n:old-mode new-mode old new status\0path\0`, repeated.
    for (;;) {
      while (i < text.length && text.charCodeAt(i) === 10) i++;
      if (i >= text.length || text.charCodeAt(i) !== 58) break;
      const metaEnd = text.indexOf('\0', i);
      const pathEnd = metaEnd === -1 ? -1 : text.indexOf('\0', metaEnd + 1);
      if (pathEnd === -1) {
        i = text.length;
        break;
      }
      const meta = text.slice(i + 1, metaEnd).split(' ');
      const file = text.slice(metaEnd + 1, pathEnd);
      i = pathEnd + 1;
      if (meta[4] !== 'M' || !/\.md$/i.test(file) || !meta[0].startsWith('100') || !meta[1].startsWith('100')) continue;
      let list = changes.get(file);
      if (!list) changes.set(file, (list = []));
      list.push({ commit, date, subject, oldBlob: meta[2], newBlob: meta[3] });
    }
  }
  return changes;
}

/** Reads blobs with one `git cat-file --batch` (objects as stored: no filter, no textconv); each a view into one buffer. */
async function readBlobs(root: string, ids: readonly string[]): Promise<Map<string, Buffer>> {
  const blobs = new Map<string, Buffer>();
  if (ids.length === 0) return blobs;
  const out = await runGit(root, ['cat-file', '--batch'], `${ids.join('\n')}\n`);
  let i = 0;
  while (i < out.length) {
    const nl = out.indexOf(10, i);
    if (nl === -1) break;
    const header = out.subarray(i, nl).toString('latin1').split(' ');
    i = nl + 1;
    if (header[1] !== 'blob' || header.length < 3) continue; // `<id> missing`: a partial clone, never fetched
    const size = Number(header[2]);
    blobs.set(header[0], out.subarray(i, i + size));
    i += size + 1;
  }
  return blobs;
}

/**
 * Where the body of a version starts, in bytes. The frontmatter's delimiters are ASCII, so the
 * parser's own finder runs on the bytes read as Latin-1, where a character is a byte.
 */
function bodyOffset(bytes: Buffer): number {
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  return bom + bodyStart(bytes.toString('latin1', bom));
}

/** Whether two versions have the same body: the same bytes, or the same text but for blanks (core/model/history.ts, sameText). */
function sameBody(a: Buffer, b: Buffer): boolean {
  const x = a.subarray(bodyOffset(a));
  const y = b.subarray(bodyOffset(b));
  return x.equals(y) || sameText(x, y);
}

export interface HistoryResult {
  readonly state: RepositoryState;
  /** Per document with a body change in history. */
  readonly histories: Map<string, BodyHistory>;
  /** Body hash (core/model/history.ts) of each tracked document at HEAD, when asked for. */
  readonly headBodies?: Map<string, number>;
}

export interface HistoryOptions {
  /** Also the body hash of every document at HEAD, to compare with the text an editor holds. */
  readonly headBodies?: boolean;
  /** The repository state, when the caller already asked. */
  readonly state?: RepositoryState;
  /**
   * The review date each document states now, when it cannot change during the run (a check): a
   * change on or before it needs no look at the review that commit recorded, which is the costly part.
   */
  readonly reviewOf?: (path: string) => string | undefined;
}

/** What git printed, before it is matched with the documents: every modification of a markdown file, and the blobs. */
export interface RawHistory {
  readonly state: RepositoryState;
  readonly changes: ReadonlyMap<string, readonly FileChange[]>;
  readonly heads: ReadonlyMap<string, string> | undefined;
  readonly blobs: ReadonlyMap<string, Buffer>;
}

/**
 * Runs git for the whole repository (one `log`, one `cat-file`, and with `headBodies` one `ls-tree`).
 * Needs no document: a check starts it before reading them, so git runs while documents are parsed.
 */
export async function readRawHistory(root: string, state: RepositoryState, headBodies = false, rev = 'HEAD'): Promise<RawHistory> {
  const empty = { changes: new Map(), heads: undefined, blobs: new Map() };
  if (state.kind !== 'ok') return { state, ...empty };
  try {
    const [changes, heads] = await Promise.all([markdownChanges(root, rev), headBodies ? headBlobs(root) : Promise.resolve(undefined)]);
    const ids = new Set<string>();
    for (const list of changes.values()) for (const c of list) ids.add(c.oldBlob).add(c.newBlob);
    if (heads) for (const id of heads.values()) ids.add(id);
    return { state, changes, heads, blobs: await readBlobs(root, [...ids]) };
  } catch (e) {
    return { state: { kind: 'unreadable', message: (e as Error).message }, ...empty };
  }
}

/**
 * For each document, the newest commit that changed its body (not its frontmatter), and the review
 * date that commit recorded if it changed that too. Not read in a shallow clone (its oldest commit
 * would seem to add every file) or outside a repository.
 */
export async function readBodyHistory(root: string, documents: readonly string[], settings: ParseSettings, options: HistoryOptions = {}): Promise<HistoryResult> {
  const state = options.state ?? (await repositoryState(root));
  return bodyHistories(await readRawHistory(root, state, options.headBodies), documents, settings, options);
}

export function bodyHistories(raw: RawHistory, documents: readonly string[], settings: ParseSettings, options: Pick<HistoryOptions, 'reviewOf'> = {}): HistoryResult {
  const { state, blobs } = raw;
  const histories = new Map<string, BodyHistory>();
  if (state.kind !== 'ok') return { state, histories };
  for (const file of documents) {
    const list = raw.changes.get(file);
    if (!list) continue;
    // The newest change by author's date (log order breaks ties), of those that changed the body.
    let found: FileChange | undefined;
    for (const c of list) {
      if (found && c.date <= found.date) continue;
      const before = blobs.get(c.oldBlob);
      const after = blobs.get(c.newBlob);
      if (before !== undefined && after !== undefined && !sameBody(before, after)) found = c;
    }
    if (!found) continue;
    const now = options.reviewOf?.(file);
    if (options.reviewOf && (now === undefined || now >= found.date)) {
      histories.set(file, { changedOn: found.date, commit: found.commit.slice(0, 10), subject: found.subject });
      continue;
    }
    const reviewedAfter = reviewDate(file, blobs.get(found.newBlob), settings);
    const reviewedBefore = reviewDate(file, blobs.get(found.oldBlob), settings);
    histories.set(file, {
      changedOn: found.date,
      commit: found.commit.slice(0, 10),
      subject: found.subject,
      ...(reviewedAfter !== undefined && reviewedAfter !== reviewedBefore ? { reviewedWith: reviewedAfter } : {}),
    });
  }
  if (!raw.heads) return { state, histories };
  const wanted = new Set(documents);
  const headBodies = new Map<string, number>();
  for (const [file, id] of raw.heads) {
    const bytes = blobs.get(id);
    if (bytes !== undefined && wanted.has(file)) headBodies.set(file, bodyHash(bytes.toString('utf8')));
  }
  return { state, histories, headBodies };
}

/** Blob id at HEAD of each markdown file under `root`. */
async function headBlobs(root: string): Promise<Map<string, string>> {
  const out = (await runGit(root, ['ls-tree', '-r', '-z', 'HEAD'])).toString('utf8');
  const heads = new Map<string, string>();
  for (const entry of out.split('\0')) {
    const tab = entry.indexOf('\t');
    if (tab === -1) continue;
    const [mode, type, id] = entry.slice(0, tab).split(' ');
    const file = entry.slice(tab + 1);
    if (type === 'blob' && mode.startsWith('100') && /\.md$/i.test(file)) heads.set(file, id);
  }
  return heads;
}

/** The review date a version of a document states (its frontmatter only is parsed). */
function reviewDate(file: string, bytes: Buffer | undefined, settings: ParseSettings): string | undefined {
  if (bytes === undefined) return undefined;
  return parseComplianceDocument(file, bytes.subarray(0, bodyOffset(bytes)).toString('utf8'), settings).lastReviewed?.value;
}

/** The advice printed once for a shallow clone. */
export const SHALLOW_NOTICE =
  'this is a shallow clone, so the history that shows when each document body last changed is not all here; body-changed-after-review was skipped. In GitHub Actions, check out with `fetch-depth: 0` (actions/checkout); elsewhere run `git fetch --unshallow`.';

export function unreadableNotice(message: string): string {
  return `could not read the git history (${message}); body-changed-after-review was skipped.`;
}

/** The commit a revision names, or undefined when there is none (`--end-of-options`: a revision is never read as an option). */
export async function resolveCommit(root: string, rev: string): Promise<string | undefined> {
  try {
    const out = (await runGit(root, ['rev-parse', '--verify', '-q', '--end-of-options', `${rev}^{commit}`])).toString('utf8').trim();
    return /^[0-9a-f]{40,64}$/.test(out) ? out : undefined;
  } catch {
    return undefined;
  }
}

/** A path from a tree that is safe to write under a folder: no empty, `.` or `..` segment, no `.git`, not absolute. */
function safeTreePath(p: string): boolean {
  if (p === '' || p.startsWith('/') || p.includes('\\') || p.includes('\0')) return false;
  return p.split('/').every((seg) => seg !== '' && seg !== '.' && seg !== '..' && seg.toLowerCase() !== '.git' && !/^[A-Za-z]:$/.test(seg));
}

const CONTENT_NEEDED = /\.(md|markdown|ya?ml)$/i;

/**
 * Writes the files of `commit` below `root` (the root's own folder of that tree) into `dest`, from
 * objects as stored (no checkout, so no filter, hook or attribute runs, and the work tree and index
 * are untouched). Markdown and YAML files get their content; other files are written empty, since
 * only their existence is read; symlinks are made last, so that none is written through.
 */
export async function exportTree(root: string, commit: string, dest: string): Promise<number> {
  const listing = (await runGit(root, ['ls-tree', '-r', '-z', '--end-of-options', commit])).toString('utf8');
  const files: Array<{ path: string; id: string }> = [];
  const links: Array<{ path: string; id: string }> = [];
  const dirs: string[] = [];
  for (const entry of listing.split('\0')) {
    const tab = entry.indexOf('\t');
    if (tab === -1) continue;
    const [mode, type, id] = entry.slice(0, tab).split(' ');
    const rel = entry.slice(tab + 1);
    if (!safeTreePath(rel)) continue;
    if (type === 'blob' && mode === '120000') links.push({ path: rel, id });
    else if (type === 'blob') files.push({ path: rel, id });
    else if (type === 'commit') dirs.push(rel);
  }
  const wanted = [...files.filter((f) => CONTENT_NEEDED.test(f.path)), ...links].map((f) => f.id);
  const blobs = await readBlobs(root, [...new Set(wanted)]);
  const made = new Set<string>();
  const mkdirFor = (rel: string): void => {
    const dir = path.dirname(rel);
    if (dir === '.' || made.has(dir)) return;
    fs.mkdirSync(path.join(dest, dir), { recursive: true });
    made.add(dir);
  };
  for (const d of dirs) fs.mkdirSync(path.join(dest, d), { recursive: true });
  for (const f of files) {
    mkdirFor(f.path);
    fs.writeFileSync(path.join(dest, f.path), CONTENT_NEEDED.test(f.path) ? (blobs.get(f.id) ?? Buffer.alloc(0)) : Buffer.alloc(0), { flag: 'wx' });
  }
  if (process.platform !== 'win32') {
    for (const l of links) {
      const target = blobs.get(l.id)?.toString('utf8');
      if (target === undefined) continue;
      mkdirFor(l.path);
      try {
        fs.symlinkSync(target, path.join(dest, l.path));
      } catch {
        // A name taken already (a case-insensitive file system): the link is left out.
      }
    }
  }
  return files.length + links.length;
}
