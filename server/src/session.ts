// The server's state: one FolderHost per workspace folder, the open documents, the settings, and the
// bookkeeping of which diagnostics were pushed. Features reach documents through here.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { TextDocuments, type Connection } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseIsoDate } from './core/dates';
import type { ChangeSet } from './core/model/workspace';
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

  updateSettings(settings: ServerSettings): void {
    this.settings = { ...this.settings, ...settings };
    const today = this.today();
    for (const host of this.hosts.values()) this.emit(host, host.setToday(today, localToday()));
  }

  addFolder(name: string, uri: string): FolderHost | undefined {
    const abs = uriToPath(uri);
    if (!abs || this.hosts.has(uri)) return this.hosts.get(uri);
    const cacheDir = typeof this.settings.cacheDir === 'string' && this.settings.cacheDir !== '' ? this.settings.cacheDir : undefined;
    const host = new FolderHost(name, uri, abs, { ...this.hostOptions, today: this.today(), recordDate: localToday(), ...(cacheDir ? { cacheDir } : {}) });
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

  /** A file opened with no folder: its repository is the nearest folder above with a config file. */
  private adHocHost(abs: string): FolderHost | undefined {
    let dir = path.dirname(abs);
    for (let i = 0; i < 20; i++) {
      if (['compliance-docs.yml', '.compliance-docs.yml'].some((n) => fs.existsSync(path.join(dir, n)))) break;
      const up = path.dirname(dir);
      if (up === dir) {
        dir = path.dirname(abs);
        break;
      }
      dir = up;
    }
    const uri = pathToUri(dir);
    if (!this.hosts.has(uri)) this.adHoc.add(uri);
    const host = this.addFolder(path.basename(dir), uri);
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
