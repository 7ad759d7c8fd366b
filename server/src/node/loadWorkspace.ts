// Builds a ComplianceWorkspace from a folder on disk: one walk for the inventory, the config, then
// every document read and parsed (in worker threads when there are many), and indexed.

import * as fs from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';
import { CONFIG_FILE_NAMES } from '../core/config/config';
import { ComplianceWorkspace } from '../core/index/workspace';
import type { InventoryEntry } from '../core/model/inventory';
import type { ParsedDocument, ReadGap } from '../core/model/types';
import type { ParseSettings } from '../core/parse/document';
import { cacheContext, DocumentCache } from './cache';
import type { ParsePool, ParseStream } from './pool';
import { parseDocumentsCached } from './parseCached';
import { readAndParse, readText, resolveDocumentPath } from './readDocument';
import { joinWalks, realRoot, walkWorkspace, type WalkResult } from './walk';

export interface LoadOptions {
  readonly today: string;
  /** The reference path: remark and `yaml` for every document, on this thread, no cache. */
  readonly fullParse?: boolean;
  /** Parses documents; defaults to parsing on this thread. */
  readonly parseMany?: (root: string, paths: readonly string[], settings: ParseSettings) => Promise<ParsedDocument[]>;
  /** Worker threads, used when there are enough documents to pay for them. */
  readonly pool?: ParsePool;
  /** Where the parse cache lives; none when undefined. */
  readonly cacheDir?: string;
  /** The config file and the walk, when the caller already read them: they are used as they are. */
  readonly read?: { readonly config: ConfigSource; readonly walk: WalkResult };
  /**
   * False: findings are not computed while documents load (the caller may keep most of an earlier
   * result, and asks for those it needs).
   */
  readonly prepare?: boolean;
  /**
   * True: the pool is closed as soon as the documents are parsed, and the parse cache written from
   * this thread (compressed on the thread pool). For a run that loads once: a worker kept alive to
   * write the cache holds its heap through the rest of the run, about 25 MB of a 10,000-document
   * check's peak RSS, and writing it here costs no time (docs/BENCHMARKS.md).
   */
  readonly closePool?: boolean;
}

/** The config file's name and text (undefined when there is none or it cannot be read). */
export interface ConfigSource {
  readonly name: string | undefined;
  readonly text: string | undefined;
}

/** Below this many documents, starting worker threads costs more than it saves. */
export const POOL_THRESHOLD = 400;

export interface LoadedWorkspace {
  readonly root: string;
  readonly workspace: ComplianceWorkspace;
  readonly walkErrors: ReadonlyArray<{ path: string; message: string }>;
  /** The parse cache, when one was used: it knows the hash and signature of each file read. */
  readonly cache?: DocumentCache;
  /** The config file and the walk the workspace was built from (not with `fullParse` or `parseMany`). */
  readonly read?: { readonly config: ConfigSource; readonly walk: WalkResult };
}

export function findConfigFile(rootAbs: string): string | undefined {
  for (const name of CONFIG_FILE_NAMES) {
    try {
      if (fs.lstatSync(path.join(rootAbs, name)).isFile()) return name;
    } catch {
      // not there
    }
  }
  return undefined;
}

export function readConfigText(rootAbs: string, name: string): string | undefined {
  const r = readText(path.join(rootAbs, name), rootAbs);
  return r.kind === 'text' ? r.text : undefined;
}

export function readConfigSource(rootAbs: string): ConfigSource {
  const name = findConfigFile(rootAbs);
  return { name, text: name ? readConfigText(rootAbs, name) : undefined };
}

/** Reads and parses documents on this thread; symlinked documents are resolved through the inventory. */
export function parseDocumentsSync(rootAbs: string, workspace: ComplianceWorkspace, paths: readonly string[], fullParse = false): ParsedDocument[] {
  const settings = workspace.parseSettings();
  return paths.map((rel) => readAndParse(rootAbs, workspace, rel, { ...settings, fullParse }));
}

/** The folders the walk could not list (files it could not open are document-unreadable, or said on stderr). */
function folderGaps(walk: WalkResult): ReadGap[] {
  return walk.errors.length === 0 ? [] : walk.errors.filter((e) => !e.file);
}

export async function loadWorkspace(root: string, options: LoadOptions): Promise<LoadedWorkspace> {
  const rootAbs = path.resolve(root);
  const workspace = new ComplianceWorkspace({ today: options.today });
  if (options.fullParse || options.parseMany) {
    const walk = walkWorkspace(rootAbs);
    for (const [rel, entry] of walk.entries) workspace.inventory.set(rel, entry);
    readConfig(rootAbs, workspace);
    const paths = workspace.documentPathsInInventory();
    const docs = options.parseMany ? await options.parseMany(rootAbs, paths, workspace.parseSettings()) : parseDocumentsSync(rootAbs, workspace, paths, true);
    for (const d of docs) workspace.upsertDocument(d);
    workspace.setReadGaps(folderGaps(walk));
    return { root: rootAbs, workspace, walkErrors: walk.errors };
  }
  // The config first: it says which files of the walk are documents, so that once there are enough
  // to pay for a worker, it parses them while the walk goes on.
  const config = options.read?.config ?? readConfigSource(rootAbs);
  workspace.setConfig(config.name, config.text);
  const cache = options.cacheDir === undefined ? undefined : openCache(options.cacheDir, rootAbs, workspace, options.pool?.script);
  let stream: ParseStream | undefined;
  const found: string[] = [];
  const linked: string[] = [];
  // Each batch is indexed as it arrives, and its findings are computed while the worker parses the
  // next: the index drops those that a later document changes (its id, a table mapping it), as it
  // does after an edit, and they are computed again at the end.
  // Held while folders are still being listed on the worker: facts read the whole listing.
  let held: ParsedDocument[][] | undefined;
  const onDocuments = (docs: readonly ParsedDocument[]): void => {
    if (held) {
      held.push(docs.slice());
      return;
    }
    for (const d of docs) workspace.upsertDocument(d);
    if (options.prepare !== false) for (const d of docs) workspace.prepareFindings(d.path, true);
  };
  const onEntry = (rel: string, entry: InventoryEntry): void => {
    workspace.inventory.set(rel, entry);
    if (!workspace.isDocumentPath(rel)) return;
    // A symlinked document is resolved once the walk has seen what it points at; a FIFO, socket or
    // folder named like a document is reported as unreadable, never opened.
    if (entry.kind !== 'file') linked.push(rel);
    else if (stream) stream.add(rel, rel);
    else {
      found.push(rel);
      if (options.pool && found.length >= POOL_THRESHOLD) {
        options.pool.warm();
        // Listed on the worker before it parses the first batch.
        split.start(options.pool);
        stream = options.pool.stream(rootAbs, workspace, { ...(cache ? { cache } : {}), onDocuments, readHere: true, ...(options.closePool ? { closeWhenParsed: true } : {}) });
        for (const f of found) stream.add(f, f);
      }
    }
  };
  const first = options.read ? undefined : documentFolders(workspace);
  const split = new SplitWalk(rootAbs, onEntry);
  let walk: WalkResult;
  if (options.read) {
    walk = options.read.walk;
    for (const [rel, entry] of walk.entries) onEntry(rel, entry);
  } else {
    const own = walkWorkspace(rootAbs, { ...(first ? { first, defer: (dir: string) => !first(dir), onDeferred: (dir: string) => split.defer(dir) } : {}), onEntry });
    // No document may be indexed before the listing is whole: facts read the evidence.
    held = [];
    try {
      walk = await split.join(own);
    } finally {
      const batches = held;
      held = undefined;
      for (const docs of batches) onDocuments(docs);
    }
  }
  if (stream) {
    // Documents arrive only after the walk (this thread was walking), so the inventory is complete
    // when each is indexed.
    for (const rel of linked) stream.add(rel, resolveDocumentPath(workspace, rel));
    await stream.finish();
  } else {
    const paths = workspace.documentPathsInInventory();
    for (const d of cache ? parseDocumentsCached(rootAbs, workspace, paths, cache) : parseDocumentsSync(rootAbs, workspace, paths)) workspace.upsertDocument(d);
  }
  if (options.closePool) options.pool?.close();
  // Written while the rules run: a command-line run stays alive until the file is written.
  cache?.save({ soon: true, ...(stream && options.pool && !options.closePool ? { writer: options.pool.writer } : {}) });
  workspace.setReadGaps(folderGaps(walk));
  return { root: rootAbs, workspace, walkErrors: walk.errors, read: { config, walk }, ...(cache ? { cache } : {}) };
}

/**
 * The folders where the includes say no document is (evidence, mostly), left out of the walk of the
 * document folders: once there are documents enough for a worker, the worker lists them while this
 * thread walks the rest and reads the documents; otherwise they are listed here after the walk.
 */
class SplitWalk {
  private readonly waiting: string[] = [];
  private readonly parts: Array<WalkResult | Promise<WalkResult>> = [];
  private pool: ParsePool | undefined;

  constructor(
    private readonly rootAbs: string,
    private readonly onEntry: (rel: string, entry: InventoryEntry) => void,
  ) {}

  defer(dir: string): void {
    if (this.pool) this.parts.push(this.pool.walk(this.rootAbs, dir));
    else this.waiting.push(dir);
  }

  start(pool: ParsePool): void {
    this.pool = pool;
    for (const dir of this.waiting.splice(0)) this.parts.push(pool.walk(this.rootAbs, dir));
  }

  /** The walk of the root: `own` with the listings of the folders it left out. */
  async join(own: WalkResult): Promise<WalkResult> {
    // Listed here, in order: one may hold documents that start the worker (a mapping file).
    for (const dir of this.waiting.splice(0)) {
      const part = walkWorkspace(this.rootAbs, { under: dir });
      this.parts.push(part);
    }
    if (this.parts.length === 0) return own;
    const walk = joinWalks(own, await Promise.all(this.parts));
    for (let k = own.entries.length; k < walk.entries.length; k++) this.onEntry(walk.entries[k][0], walk.entries[k][1]);
    return walk;
  }
}

/**
 * Which folders may hold documents, from the fixed start of each include glob (`policies/**` →
 * `policies`), so the walk lists them before the evidence tree and the worker starts sooner. Only
 * an order: every folder is walked either way.
 */
function documentFolders(workspace: ComplianceWorkspace): ((dir: string) => boolean) | undefined {
  const bases = workspace.getConfig().documents.include.map((g) => picomatch.scan(g).base);
  if (bases.length === 0 || bases.includes('')) return undefined;
  return (dir) => bases.some((b) => dir === b || dir.startsWith(`${b}/`) || b.startsWith(`${dir}/`));
}

function readConfig(rootAbs: string, workspace: ComplianceWorkspace): void {
  const configName = findConfigFile(rootAbs);
  workspace.setConfig(configName, configName ? readConfigText(rootAbs, configName) : undefined);
}

/** The parse cache of a root, keyed to the code that parses (this bundle and the worker's). */
export function openCache(dir: string, rootAbs: string, workspace: ComplianceWorkspace, workerScript: string | undefined): DocumentCache | undefined {
  const worker = workerScript ?? path.join(__dirname, 'worker.js');
  const context = cacheContext([__filename, ...(fs.existsSync(worker) ? [worker] : [])], workspace.parseSettings());
  return context === undefined ? undefined : DocumentCache.open(dir, realRoot(rootAbs), context);
}

