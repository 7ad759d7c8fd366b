// The server's state: one FolderHost per workspace folder, the open documents, the settings, and the
// bookkeeping of which diagnostics were pushed. Features reach documents through here.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TextDocuments, type Connection } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CONFIG_FILE_NAMES } from './core/config/config';
import { parseIsoDate } from './core/dates';
import type { ChangeSet } from './core/index/workspace';
import { pathToUri, uriToPath } from './convert';
import { FolderHost, mergeChanges, type HostOptions } from './host';
import { IndexChangedNotification, type IndexChangedParams, type ServerSettings } from './protocol';

export interface Located {
  readonly host: FolderHost;
  readonly rel: string;
  readonly uri: string;
}

export function localToday(now = new Date()): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

export type ChangeListener = (host: FolderHost, change: ChangeSet) => void;

export class Session {
  readonly documents = new TextDocuments(TextDocument);
  private readonly hosts = new Map<string, FolderHost>();
  /** Hosts made for files opened with no workspace folder. */
  private readonly adHoc = new Set<string>();
  private settings: ServerSettings = {};
  private listeners: ChangeListener[] = [];
  private indexVersion = 0;

  constructor(
    readonly connection: Connection,
    private readonly hostOptions: Omit<HostOptions, 'today'>,
  ) {}

  onChange(listener: ChangeListener): void {
    this.listeners.push(listener);
  }

  /** Publishes a change: diagnostics, and the client's views when coverage moved. */
  emit(host: FolderHost, change: ChangeSet): void {
    if (change.documents.size === 0 && !change.workspace && !change.coverage) return;
    for (const l of this.listeners) l(host, change);
    if (change.coverage || change.workspace) {
      const params: IndexChangedParams = { version: ++this.indexVersion, complete: host.complete, documentCount: host.workspace.documentCount };
      void this.connection.sendNotification(IndexChangedNotification, params);
    }
  }

  today(): string {
    // Settings come from the client as JSON: a number or an object here must not break every request.
    const t = typeof this.settings.today === 'string' ? this.settings.today.trim() : undefined;
    return t && parseIsoDate(t) && t.length === 10 ? t : localToday();
  }

  /** `today: fieldwork`: each folder checks as of its config's audit.fieldwork (the real date where it has none). */
  private fieldwork(): boolean {
    return typeof this.settings.today === 'string' && this.settings.today.trim().toLowerCase() === 'fieldwork';
  }

  updateSettings(settings: ServerSettings): void {
    this.settings = { ...this.settings, ...settings };
    const today = this.today();
    const fieldwork = this.fieldwork();
    for (const host of this.hosts.values()) this.emit(host, host.setToday(today, localToday(), fieldwork));
  }

  addFolder(name: string, uri: string, singleFile?: { readonly config: boolean }): FolderHost | undefined {
    const abs = uriToPath(uri);
    if (!abs || this.hosts.has(uri)) return this.hosts.get(uri);
    const cacheDir = typeof this.settings.cacheDir === 'string' && this.settings.cacheDir !== '' ? this.settings.cacheDir : undefined;
    const host = new FolderHost(name, uri, abs, { ...this.hostOptions, today: this.today(), recordDate: localToday(), ...(this.fieldwork() ? { fieldwork: true } : {}), ...(cacheDir && !singleFile ? { cacheDir } : {}), ...(singleFile ? { singleFile: true, ...(singleFile.config ? {} : { ignoreConfig: true }) } : {}) });
    this.hosts.set(uri, host);
    return host;
  }

  removeFolder(uri: string): void {
    this.hosts.get(uri)?.dispose();
    this.hosts.delete(uri);
    this.adHoc.delete(uri);
  }

  allHosts(): FolderHost[] {
    return [...this.hosts.values()];
  }

  /** The folder that holds a URI (the deepest one), and the path inside it. */
  locate(uri: string): Located | undefined {
    const abs = uriToPath(uri);
    if (!abs) return undefined;
    let best: FolderHost | undefined;
    for (const host of this.hosts.values()) {
      const rel = host.relative(abs);
      if (rel !== undefined && rel !== '' && (!best || host.rootAbs.length > best.rootAbs.length)) best = host;
    }
    // A file outside every open folder is not ours to read around; with no folder open, its own is.
    if (!best && [...this.hosts.keys()].every((u) => this.adHoc.has(u))) best = this.adHocHost(abs);
    if (!best) return undefined;
    const rel = best.relative(abs);
    return rel === undefined ? undefined : { host: best, rel, uri };
  }

  /**
   * A file opened with no folder is checked alone: nothing around it is listed or read. Its config is
   * that of the nearest folder above holding one, if that folder is below the home directory and it
   * and every folder on the way are the user's own and not writable by others (a config planted in
   * /tmp or a shared folder is never taken); otherwise the defaults.
   */
  private adHocHost(abs: string): FolderHost | undefined {
    const { dir, config } = adHocRoot(abs);
    const uri = pathToUri(dir);
    if (!this.hosts.has(uri)) this.adHoc.add(uri);
    const host = this.addFolder(path.basename(dir), uri, { config });
    if (host) void host.index((c) => this.emit(host, c));
    return host;
  }

  textDocument(uri: string): TextDocument | undefined {
    return this.documents.get(uri);
  }

  merge(changes: ChangeSet[]): ChangeSet {
    return mergeChanges(changes);
  }
}

/** Whether a folder is the user's own and only the user can write to it. */
function ownedFolder(dir: string): boolean {
  let st: fs.Stats;
  try {
    st = fs.lstatSync(dir);
  } catch {
    return false;
  }
  if (!st.isDirectory()) return false;
  const uid = typeof process.getuid === 'function' ? process.getuid() : undefined;
  return uid === undefined || (st.uid === uid && (st.mode & 0o022) === 0);
}

/** The root for a file opened with no folder (see Session.adHocHost), and whether its config is taken. */
export function adHocRoot(abs: string, home = os.homedir()): { readonly dir: string; readonly config: boolean } {
  const own = path.dirname(abs);
  let dir = own;
  for (let i = 0; i < 20; i++) {
    // Never the home directory or above it, and never through a folder others can write to.
    if (dir === home || home.startsWith(dir.endsWith(path.sep) ? dir : dir + path.sep) || !ownedFolder(dir)) break;
    if (CONFIG_FILE_NAMES.some((n) => fs.lstatSync(path.join(dir, n), { throwIfNoEntry: false })?.isFile() === true)) return { dir, config: true };
    const up = path.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return { dir: own, config: false };
}
