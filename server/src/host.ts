// One workspace folder as the server sees it: a ComplianceWorkspace fed from disk (the walk, file
// events) and from open editors (whose content wins over disk). Every change returns the documents
// whose diagnostics must be refreshed.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { CONFIG_FILE_NAMES } from './core/config/config';
import type { ParsedDocument } from './core/model/types';
import { ComplianceWorkspace, type ChangeSet } from './core/index/workspace';
import { parseComplianceDocument } from './core/parse/document';
import { computeLineStarts } from './core/text/lines';
import type { LineSource } from './convert';
import { pathToUri, relativeTo } from './convert';
import type { DocumentCache } from './node/cache';
import { bodyHash, type BodyHistory } from './core/model/history';
import { readBodyHistory, SHALLOW_NOTICE, unreadableNotice } from './node/git';
import { cacheFolderNotice, openCacheFolder, type FileWriter } from './node/cacheStore';
import { openCache, readConfigText } from './node/loadWorkspace';
import { parseDocumentsCached } from './node/parseCached';
import type { ParseManyOptions } from './node/pool';
import { MAX_DOCUMENT_BYTES, parseRead, readAndParse, readText, resolveDocumentPath, specialOf } from './node/readDocument';
import { unreadableDocument, type UnreadableReason } from './core/parse/unreadable';
import { realRoot, SKIPPED_DIRS, symlinkTarget, walkWorkspace } from './node/walk';

/** Documents the server's own thread parses while indexing, so that it parses edits at full speed (node/pool.ts). */
const PARSE_HERE = 2000;

export interface OpenDocument {
  readonly uri: string;
  readonly text: string;
  readonly version: number;
}

export interface HostOptions {
  readonly today: string;
  /** Check as of the config's `audit.fieldwork` once it is read (`today` until then, and without one). */
  readonly fieldwork?: boolean;
  /** The real date, for review records fixes write; `today` when not given. */
  readonly recordDate?: string;
  /** Parses many documents (worker threads); defaults to this thread, in slices. */
  readonly parseMany?: (rootAbs: string, paths: readonly string[], ws: ComplianceWorkspace, options?: ParseManyOptions) => Promise<ParsedDocument[]>;
  /** Where the parse cache lives (the editor's workspace storage); none when undefined. */
  readonly cacheDir?: string;
  /** Writes a cache file off this thread (a worker), so that indexing does not wait on it; on this thread when undefined. */
  readonly writeCache?: FileWriter;
  readonly log?: (message: string) => void;
  /** A file opened with no folder: only open editors and the config are read; nothing is listed. */
  readonly singleFile?: boolean;
  /** No config file is read: the root was not chosen for one, and others may have written it. */
  readonly ignoreConfig?: boolean;
  /** Tells the user something once (a shallow clone whose history cannot be read). */
  readonly notify?: (message: string) => void;
}

/**
 * Why an editor's text would not be read if it were the file on disk: the same 5 MB limit, and a NUL
 * in the first 8 KB (binary). An editor then agrees with a check, and a huge buffer cannot stall
 * every keystroke.
 */
export function unreadableText(text: string): UnreadableReason | undefined {
  const size = Buffer.byteLength(text, 'utf8');
  if (size > MAX_DOCUMENT_BYTES) return { kind: 'too-large', size, limit: MAX_DOCUMENT_BYTES };
  if (Buffer.from(text.slice(0, 8192), 'utf8').subarray(0, 8192).includes(0)) return { kind: 'binary' };
  return undefined;
}

export function mergeChanges(changes: readonly ChangeSet[]): ChangeSet {
  const documents = new Set<string>();
  let workspace = false;
  let coverage = false;
  for (const c of changes) {
    for (const d of c.documents) documents.add(d);
    workspace ||= c.workspace;
    coverage ||= c.coverage;
  }
  return { documents, workspace, coverage };
}

/** Indexing of one folder: listing its files, reading its documents (`read` of `total`), or done. */
export interface IndexProgress {
  readonly stage: 'listing' | 'reading' | 'done';
  readonly read: number;
  /** Documents to read, once the listing is known. */
  readonly total?: number;
}

export class FolderHost {
  readonly workspace: ComplianceWorkspace;
  readonly rootAbs: string;
  private readonly rootReal: string;
  /** Open editors, by workspace-relative path. */
  private readonly open = new Map<string, OpenDocument>();
  /** Documents that are symlinks to a file inside the root. */
  private readonly linked = new Set<string>();
  private indexing: Promise<void> | undefined;
  private disposed = false;
  private progressState: IndexProgress = { stage: 'listing', read: 0 };
  /** What git says of the documents' bodies, once read: the history of each, and the body hash of each at HEAD. */
  private git: { readonly histories: ReadonlyMap<string, BodyHistory>; readonly heads: ReadonlyMap<string, number> } | undefined;
  private historyRead: Promise<void> | undefined;
  /** Where indexing publishes; history read again later publishes there too. */
  private publisher: ((change: ChangeSet) => void) | undefined;
  private historyTimer: NodeJS.Timeout | undefined;
  private toldShallow = false;

  constructor(
    readonly name: string,
    readonly rootUri: string,
    rootAbs: string,
    private readonly options: HostOptions,
  ) {
    this.rootAbs = path.resolve(rootAbs);
    this.rootReal = realRoot(this.rootAbs);
    this.workspace = new ComplianceWorkspace({ today: options.today, ...(options.recordDate ? { recordDate: options.recordDate } : {}) });
    this.todayAsked = { date: options.today, fieldwork: options.fieldwork === true };
    this.workspace.setPhase('document');
  }

  get complete(): boolean {
    return this.workspace.getPhase() === 'complete';
  }

  /** How far indexing has got: listing the folder, reading its documents (n of total), or done. */
  get progress(): IndexProgress {
    return this.progressState;
  }

  /** Resolves once the parse cache this host last saved is written (or could not be). */
  async cacheWritten(): Promise<void> {
    await this.cacheWrite;
  }

  private cacheWrite: Promise<boolean> | undefined;

  dispose(): void {
    this.disposed = true;
    if (this.historyTimer) clearTimeout(this.historyTimer);
  }

  relative(abs: string): string | undefined {
    return relativeTo(this.rootAbs, abs);
  }

  uriOf(rel: string): string {
    return pathToUri(path.join(this.rootAbs, rel));
  }

  /** Line starts for a file: the open editor's text, else the parsed document, else the config. */
  linesOf(rel: string): LineSource | undefined {
    const open = this.open.get(rel);
    if (open) return { lineStarts: computeLineStarts(open.text), length: open.text.length };
    const doc = this.workspace.document(rel);
    if (doc) return doc;
    if (rel === this.workspace.getConfig().path) return this.workspace.configLines();
    return undefined;
  }

  openDocument(rel: string): OpenDocument | undefined {
    return this.open.get(rel);
  }

  /** Text of a file: the open editor's, else read from disk (inside the root only). */
  textOf(rel: string): string | undefined {
    const open = this.open.get(rel);
    if (open) return open.text;
    if (this.behindSymlink(rel)) return undefined;
    // A symlinked document is read at its target when that is inside the root, never through the link.
    const real = resolveDocumentPath(this.workspace, rel);
    if (typeof real !== 'string') return undefined;
    const r = readText(path.join(this.rootAbs, real), this.rootAbs);
    return r.kind === 'text' ? r.text : undefined;
  }

  /**
   * Why a new file cannot be created at `rel`, or undefined when it can: something (a file, a folder or
   * a symlink, dangling or not) is already there, or a folder on the way is a symlink or not a folder.
   */
  newFileProblem(rel: string): string | undefined {
    const segments = rel.split('/');
    let p = this.rootAbs;
    for (let i = 0; i < segments.length; i++) {
      p = path.join(p, segments[i]);
      let st: fs.Stats | undefined;
      try {
        st = fs.lstatSync(p, { throwIfNoEntry: false });
      } catch (e) {
        return `${segments.slice(0, i + 1).join('/')} cannot be examined (${(e as NodeJS.ErrnoException).code ?? String(e)})`;
      }
      if (st === undefined) return undefined;
      const sub = segments.slice(0, i + 1).join('/');
      if (i === segments.length - 1) return `${sub} already exists`;
      if (st.isSymbolicLink()) return `${sub} is a symlink, and nothing is written through a link`;
      if (!st.isDirectory()) return `${sub} is not a folder`;
    }
    return undefined;
  }

  /**
   * Whether a folder between the root and `rel` is a symlink. Opening or stat'ing such a path would
   * follow the link, perhaps out of the root; the walk never goes there either. Each folder is
   * lstat'ed in order, so no call follows a link.
   */
  private behindSymlink(rel: string): boolean {
    const segments = rel.split('/');
    let p = this.rootAbs;
    for (let i = 0; i < segments.length - 1; i++) {
      p = path.join(p, segments[i]);
      try {
        if (fs.lstatSync(p).isSymbolicLink()) return true;
      } catch {
        return false;
      }
    }
    return false;
  }

  // ---- indexing

  /**
   * Reads the config, walks the folder, then parses every document. Each phase widens the rules that
   * run, and each returns its changes through `publish` so diagnostics appear as soon as they are sure.
   */
  index(publish: (change: ChangeSet) => void, onProgress?: (progress: IndexProgress) => void): Promise<void> {
    this.indexing ??= this.runIndex(publish, onProgress ?? (() => undefined));
    return this.indexing;
  }

  private async runIndex(publish: (change: ChangeSet) => void, onProgress: (progress: IndexProgress) => void): Promise<void> {
    const log = this.options.log ?? (() => undefined);
    const t0 = Date.now();
    const progress = (p: IndexProgress): void => {
      this.progressState = p;
      onProgress(p);
    };
    progress({ stage: 'listing', read: 0 });
    publish(this.reloadConfig().change);
    // The rules that need the listing or the index never run: they would judge a folder never read.
    if (this.options.singleFile) {
      progress({ stage: 'done', read: this.workspace.documentCount, total: this.workspace.documentCount });
      return;
    }
    const walk = await new Promise<ReturnType<typeof walkWorkspace>>((resolve) => setImmediate(() => resolve(walkWorkspace(this.rootAbs))));
    if (this.disposed) return;
    for (const [rel, entry] of walk.entries) this.workspace.inventory.set(rel, entry);
    for (const e of walk.errors) log(`Could not list ${e.path || '.'}: ${e.message}`);
    // The config decides which files are documents; read it again now the inventory is known.
    const configChange = this.reloadConfig().change;
    publish(mergeChanges([configChange, this.workspace.setPhase('inventory')]));
    const paths = this.workspace.documentPathsInInventory().filter((p) => !this.open.has(p));
    const total = paths.length;
    let read = 0;
    progress({ stage: 'reading', read, total });
    const cache = this.openCache(log);
    // Batches are indexed as they arrive, between requests, while the workers parse the next ones.
    const upsert = (docs: readonly ParsedDocument[]): void => {
      if (this.disposed) return;
      for (const d of docs) if (!this.open.has(d.path)) this.workspace.upsertDocument(d);
      for (const d of docs) if (this.workspace.inventory.get(d.path)?.kind === 'symlink') this.linked.add(d.path);
      // The rules that need no other document run now; the index rules when indexing completes.
      for (const d of docs) if (!this.open.has(d.path)) this.workspace.prepareFindings(d.path);
      read = Math.min(total, read + docs.length);
      progress({ stage: 'reading', read, total });
    };
    if (this.options.parseMany) await this.options.parseMany(this.rootAbs, paths, this.workspace, { ...(cache ? { cache } : {}), onDocuments: upsert, parseHere: PARSE_HERE });
    else upsert(await this.parseInSlices(paths, cache, (n) => progress({ stage: 'reading', read: Math.min(total, n), total })));
    if (this.disposed) return;
    publish(this.workspace.setPhase('complete'));
    // Compressed and written off this thread while the diagnostics go out (cacheWritten waits for it).
    const { writeCache } = this.options;
    cache?.save(writeCache ? { writer: (file, body, head, squeeze) => (this.cacheWrite = writeCache(file, body, head, squeeze)) } : {});
    progress({ stage: 'done', read: total, total });
    log(`Indexed ${this.workspace.documentCount} documents in ${this.name} in ${Date.now() - t0} ms.`);
    this.publisher = publish;
    this.historyRead = this.readHistory(publish, log);
  }

  /**
   * A commit, checkout, reset or `git init` moved HEAD (the watcher reports `.git/HEAD`, its reflog or
   * a branch): history is read again, once the burst of events is over.
   */
  private headMoved(rel: string): boolean {
    if (!/^\.git\/(HEAD|logs\/HEAD|packed-refs|refs\/heads\/.+)$/.test(rel)) return false;
    const publish = this.publisher;
    if (!publish || this.disposed) return true;
    if (this.historyTimer) clearTimeout(this.historyTimer);
    this.historyTimer = setTimeout(() => {
      this.historyTimer = undefined;
      const before = this.historyRead ?? Promise.resolve();
      this.historyRead = before.then(() => (this.disposed ? undefined : this.readHistory(publish, this.options.log ?? (() => undefined))));
    }, 300);
    return true;
  }

  /** Resolves once git history has been read (or found not to be readable), after indexing. */
  async history(): Promise<void> {
    await this.indexing;
    await this.historyRead;
  }

  /**
   * Reads git history once indexing is done (one `git log`, one `git cat-file`, nothing the
   * repository configures runs), then marks the documents whose body differs from HEAD's.
   */
  private async readHistory(publish: (change: ChangeSet) => void, log: (message: string) => void): Promise<void> {
    const t0 = Date.now();
    const paths = [...this.workspace.documents()].map((d) => d.path);
    const result = await readBodyHistory(this.rootAbs, paths, this.workspace.parseSettings(), { headBodies: true });
    if (this.disposed) return;
    if (result.state.kind === 'shallow') {
      log(`${this.name}: ${SHALLOW_NOTICE}`);
      if (!this.toldShallow) this.options.notify?.(`Compliance Docs: ${SHALLOW_NOTICE}`);
      this.toldShallow = true;
    } else if (result.state.kind === 'unreadable') log(`${this.name}: ${unreadableNotice(result.state.message)}`);
    if (result.state.kind !== 'ok') return;
    this.git = { histories: result.histories, heads: result.headBodies ?? new Map() };
    const entries = new Map<string, BodyHistory>();
    let n = 0;
    for (const rel of new Set([...result.histories.keys(), ...this.git.heads.keys()])) {
      const h = this.historyOf(rel);
      if (h) entries.set(rel, h);
      // Reading every document again to compare with HEAD: let requests through now and then.
      if (++n % 500 === 0) await new Promise((r) => setImmediate(r));
      if (this.disposed) return;
    }
    publish(this.workspace.setHistories(entries));
    log(`Read the git history of ${this.name} in ${Date.now() - t0} ms: ${result.histories.size} documents with body changes, ${[...entries.values()].filter((h) => h.uncommittedOn).length} with edits not committed.`);
  }

  /** A document's history, with its current text (the editor's, else the file's) compared with HEAD's. */
  private historyOf(rel: string): BodyHistory | undefined {
    if (!this.git) return undefined;
    const base = this.git.histories.get(rel);
    const head = this.git.heads.get(rel);
    if (head === undefined) return base;
    const text = this.textOf(rel);
    if (text === undefined || bodyHash(text) === head) return base;
    return { ...base, uncommittedOn: this.workspace.getRecordDate() };
  }

  /** After a document's text changed: whether its body still matches HEAD's. */
  private refreshHistory(rel: string, change: ChangeSet): ChangeSet {
    if (!this.git || !this.workspace.document(rel)) return change;
    return mergeChanges([change, this.workspace.setHistory(rel, this.historyOf(rel))]);
  }

  /** The parse cache, when a folder for it was given and is safe to use (node/cacheStore.ts). */
  private openCache(log: (message: string) => void): DocumentCache | undefined {
    if (this.options.cacheDir === undefined) return undefined;
    const folder = openCacheFolder(this.options.cacheDir);
    if (!folder.ok) {
      log(`Parse cache: ${cacheFolderNotice(folder).replace(/; pass --cache-dir.*$/, '.')}`);
      return undefined;
    }
    return openCache(folder.dir, this.rootAbs, this.workspace, undefined);
  }

  private async parseInSlices(paths: readonly string[], cache: DocumentCache | undefined, onRead: (read: number) => void): Promise<ParsedDocument[]> {
    const out: ParsedDocument[] = [];
    const settings = this.workspace.parseSettings();
    for (let i = 0; i < paths.length; i += 100) {
      const slice = paths.slice(i, i + 100);
      if (cache) out.push(...parseDocumentsCached(this.rootAbs, this.workspace, slice, cache));
      else for (const rel of slice) out.push(readAndParse(this.rootAbs, this.workspace, rel, settings));
      onRead(out.length);
      // Let requests and edits through between slices.
      await new Promise((r) => setImmediate(r));
      if (this.disposed) break;
    }
    return out;
  }

  private reloadConfig(): { change: ChangeSet; reparse: boolean } {
    const name = this.options.ignoreConfig ? undefined : CONFIG_FILE_NAMES.find((n) => {
      if (this.open.has(n)) return true;
      try {
        return fs.lstatSync(path.join(this.rootAbs, n)).isFile();
      } catch {
        return false;
      }
    });
    const open = name === undefined ? undefined : this.open.get(name)?.text;
    // An editor's config goes through the same limits as the file: one a check would skip is skipped.
    const text = name === undefined ? undefined : open !== undefined ? (unreadableText(open) ? undefined : open) : readConfigText(this.rootAbs, name);
    const result = this.workspace.setConfig(name, text);
    const changes: ChangeSet[] = [result];
    // Checking as of fieldwork: the config says which day that is.
    if (this.todayAsked.fieldwork) changes.push(this.workspace.setToday(this.effectiveToday()));
    if (this.workspace.getPhase() !== 'document') {
      const settings = this.workspace.parseSettings();
      const toParse = result.reparse ? [...this.workspace.documentPathsInInventory()] : [...result.load];
      for (const rel of toParse) changes.push(this.workspace.upsertDocument(this.parseCurrent(rel, settings)));
    }
    return { change: mergeChanges(changes), reparse: result.reparse };
  }

  private parseCurrent(rel: string, settings = this.workspace.parseSettings()): ParsedDocument {
    if (this.workspace.inventory.get(rel)?.kind === 'symlink') this.linked.add(rel);
    const open = this.open.get(rel);
    if (open) {
      const refused = unreadableText(open.text);
      return refused ? unreadableDocument(rel, refused) : parseComplianceDocument(rel, open.text, settings);
    }
    return readAndParse(this.rootAbs, this.workspace, rel, settings);
  }

  /** Documents that are symlinks show their target's text, which any change on disk may have changed. */
  private refreshLinked(except: string): ChangeSet[] {
    const out: ChangeSet[] = [];
    if (this.workspace.getPhase() === 'document') return out;
    for (const p of [...this.linked]) {
      if (this.workspace.inventory.get(p)?.kind !== 'symlink' || !this.workspace.document(p)) this.linked.delete(p);
      else if (p !== except && !this.open.has(p)) out.push(this.workspace.upsertDocument(this.parseCurrent(p)));
    }
    return out;
  }

  // ---- editors

  didOpen(rel: string, doc: OpenDocument): ChangeSet {
    this.open.set(rel, doc);
    return this.contentChanged(rel);
  }

  didChange(rel: string, doc: OpenDocument): ChangeSet {
    this.open.set(rel, doc);
    return this.contentChanged(rel);
  }

  /** The editor closed: disk is the truth again. */
  didClose(rel: string): ChangeSet {
    if (!this.open.delete(rel)) return mergeChanges([]);
    if (CONFIG_FILE_NAMES.includes(rel as (typeof CONFIG_FILE_NAMES)[number])) return this.reloadConfig().change;
    if (!this.workspace.isDocumentPath(rel)) return mergeChanges([]);
    if (!this.workspace.inventory.get(rel)) return this.workspace.removeDocument(rel);
    return this.refreshHistory(rel, this.workspace.upsertDocument(this.parseCurrent(rel)));
  }

  private contentChanged(rel: string): ChangeSet {
    if (CONFIG_FILE_NAMES.includes(rel as (typeof CONFIG_FILE_NAMES)[number])) return this.reloadConfig().change;
    if (!this.workspace.isDocumentPath(rel)) return mergeChanges([]);
    return this.refreshHistory(rel, this.workspace.upsertDocument(this.parseCurrent(rel)));
  }

  // ---- disk

  /** A file or folder was created or changed on disk. */
  fileChanged(abs: string): ChangeSet {
    const rel = this.relative(abs);
    if (this.options.singleFile) return rel !== undefined && CONFIG_FILE_NAMES.includes(rel as (typeof CONFIG_FILE_NAMES)[number]) && !this.open.has(rel) ? this.reloadConfig().change : mergeChanges([]);
    if (rel !== undefined && this.headMoved(rel)) return mergeChanges([]);
    if (rel === undefined || rel === '' || rel.split('/').some((s) => SKIPPED_DIRS.has(s)) || this.behindSymlink(rel)) return mergeChanges([]);
    let st: fs.Stats;
    try {
      st = fs.lstatSync(abs);
    } catch {
      return this.fileDeleted(abs);
    }
    const changes: ChangeSet[] = [];
    if (st.isSymbolicLink()) changes.push(this.workspace.addFile(rel, { kind: 'symlink', target: symlinkTarget(this.rootAbs, this.rootReal, rel) }));
    else if (st.isDirectory()) {
      // A folder that appeared at once (a move, a checkout): take in everything below it.
      changes.push(this.workspace.addFile(rel, { kind: 'dir' }));
      for (const [r, entry] of walkWorkspace(this.rootAbs, { under: rel }).entries) {
        changes.push(this.workspace.addFile(r, entry));
        if (this.workspace.isDocumentPath(r) && !this.open.has(r)) changes.push(this.workspace.upsertDocument(this.parseCurrent(r)));
      }
    } else if (st.isFile()) changes.push(this.workspace.addFile(rel, { kind: 'file', size: st.size }));
    else {
      // A FIFO, socket or device: listed so that it is reported, never opened.
      const what = specialOf(st);
      if (what === 'fifo' || what === 'socket' || what === 'device') changes.push(this.workspace.addFile(rel, { kind: 'special', what }));
    }
    if (CONFIG_FILE_NAMES.includes(rel as (typeof CONFIG_FILE_NAMES)[number]) && !this.open.has(rel)) changes.push(this.reloadConfig().change);
    else if (this.workspace.getPhase() !== 'document' && this.workspace.isDocumentPath(rel) && !this.open.has(rel)) {
      changes.push(this.refreshHistory(rel, this.workspace.upsertDocument(this.parseCurrent(rel))));
    }
    changes.push(...this.refreshLinked(rel));
    return mergeChanges(changes);
  }

  fileDeleted(abs: string): ChangeSet {
    const rel = this.relative(abs);
    if (this.options.singleFile) return rel !== undefined && CONFIG_FILE_NAMES.includes(rel as (typeof CONFIG_FILE_NAMES)[number]) && !this.open.has(rel) ? this.reloadConfig().change : mergeChanges([]);
    if (rel === undefined || rel === '') return mergeChanges([]);
    if (this.headMoved(rel)) return mergeChanges([]);
    const changes: ChangeSet[] = [this.workspace.deleteFile(rel)];
    const prefix = `${rel}/`;
    for (const d of [...this.workspace.documents()]) {
      if ((d.path === rel || d.path.startsWith(prefix)) && !this.open.has(d.path)) changes.push(this.workspace.removeDocument(d.path));
    }
    if (CONFIG_FILE_NAMES.includes(rel as (typeof CONFIG_FILE_NAMES)[number])) changes.push(this.reloadConfig().change);
    changes.push(...this.refreshLinked(rel));
    return mergeChanges(changes);
  }

  /** The date asked for, and whether the config's audit.fieldwork stands in for it. */
  private todayAsked: { date: string; fieldwork: boolean };

  /** `fieldwork`: as of the config's audit.fieldwork, or `today` when it has none. */
  setToday(today: string, recordDate?: string, fieldwork = false): ChangeSet {
    this.todayAsked = { date: today, fieldwork };
    return this.workspace.setToday(this.effectiveToday(), recordDate);
  }

  private effectiveToday(): string {
    const { date, fieldwork } = this.todayAsked;
    return fieldwork ? (this.workspace.getConfig().audit.fieldwork ?? date) : date;
  }

  /** Re-reads a single document from disk (used after a parse request for a closed file). */
  reparseFromDisk(rel: string): ParsedDocument {
    if (this.behindSymlink(rel)) return parseRead(rel, { kind: 'unreadable', reason: { kind: 'not-a-file' } }, this.workspace.parseSettings());
    return readAndParse(this.rootAbs, this.workspace, rel, this.workspace.parseSettings());
  }
}
