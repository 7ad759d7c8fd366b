// Capabilities, lifecycle and wiring: every feature is a register function over the session.

import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  MessageType,
  ShowMessageNotification,
  TextDocumentSyncKind,
  WatchKind,
  type ClientCapabilities,
  type Connection,
  type InitializeParams,
  type InitializeResult,
  type ServerCapabilities,
} from 'vscode-languageserver/node';
import { uriToPath } from './convert';
import { registerDiagnostics } from './features/diagnostics';
import { guardNotification, setGuardLogger } from './features/guard';
import { registerCustomRequests } from './features/customRequests';
import type { FeatureContext } from './features/feature';
import { FEATURES } from './features/index';
import { indexWithProgress } from './features/progress';
import type { FolderHost } from './host';
import { Session } from './session';
import type { ServerSettings } from './protocol';
import { createParsePool } from './node/pool';
import { writeCacheFileSoon, type FileWriter } from './node/cacheStore';
import { VERSION } from './version';

/** `onShutdown`: told when the client asks the server to shut down (before it says `exit`). */
export function createServer(connection: Connection, hooks: { onShutdown?: () => void } = {}): void {
  const log = (m: string): void => connection.console.log(m);
  setGuardLogger((m) => connection.console.error(m));
  const pool = createParsePool();
  const notify = (m: string): void => void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: m });
  // A cache file is written on a worker when one runs (while the diagnostics go out), else on the
  // thread pool: never on this thread, which answers the editor.
  const writeCache: FileWriter = (file, body, head, squeeze) =>
    pool?.started() ? pool.writer(file, body, head, squeeze) : new Promise<boolean>((done) => writeCacheFileSoon(file, body, { ...(head !== undefined ? { head } : {}), ...(squeeze ? { squeeze } : {}), done }));
  // The workers are closed once a folder is indexed: edits are parsed here, and an idle worker held
  // about 40 MB (docs/BENCHMARKS.md). Indexing again starts them again.
  const session = new Session(connection, { log, notify, writeCache, ...(pool ? { parseMany: (root, paths, ws, options) => pool.parseMany(root, paths, ws, { ...options, closeWhenParsed: true }) } : {}) });
  let capabilities: ClientCapabilities = {};
  let fallbackWatcher: fs.FSWatcher[] = [];

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    capabilities = params.capabilities;
    const options = (params.initializationOptions ?? {}) as ServerSettings;
    session.updateSettings(options);
    const folders = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: path.basename(uriToPath(params.rootUri) ?? 'workspace') }] : []);
    for (const f of folders) session.addFolder(f.name, f.uri);

    const ctx: FeatureContext = { session, capabilities };
    const { pull } = registerDiagnostics(session, capabilities);
    registerCustomRequests(ctx);
    let served: ServerCapabilities = {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: false },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      ...(pull ? { diagnosticProvider: { interFileDependencies: true, workspaceDiagnostics: false } } : {}),
    };
    for (const feature of FEATURES) served = { ...served, ...feature(ctx) };
    return { capabilities: served, serverInfo: { name: 'compliance-docs', version: VERSION } };
  });

  connection.onInitialized(async () => {
    if (capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
      await connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: '**/*', kind: WatchKind.Create | WatchKind.Change | WatchKind.Delete }],
      });
    } else {
      fallbackWatcher = session.allHosts().map((h) => watchWithNode(h, session));
    }
    if (capabilities.workspace?.didChangeConfiguration?.dynamicRegistration) {
      await connection.client.register(DidChangeConfigurationNotification.type, { section: 'complianceDocs' });
    }
    if (capabilities.workspace?.workspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders((e) => {
        for (const f of e.removed) session.removeFolder(f.uri);
        for (const f of e.added) {
          const host = session.addFolder(f.name, f.uri);
          if (host) void indexWithProgress(session, capabilities, host);
        }
      });
    }
    await pullSettings();
    for (const host of session.allHosts()) void indexWithProgress(session, capabilities, host);
  });

  const pullSettings = async (): Promise<void> => {
    if (!capabilities.workspace?.configuration) return;
    try {
      const s = (await connection.workspace.getConfiguration('complianceDocs')) as ServerSettings | null;
      if (s && s.today !== undefined) session.updateSettings({ today: s.today });
    } catch {
      // The client may not answer; initializationOptions stand.
    }
  };

  connection.onDidChangeConfiguration(
    guardNotification('configuration', (params) => {
      const s = (params.settings as { complianceDocs?: ServerSettings } | undefined)?.complianceDocs;
      if (s && s.today !== undefined) session.updateSettings({ today: s.today });
      else void pullSettings();
    }),
  );

  session.documents.onDidOpen(
    guardNotification('didOpen', (e) => {
      const loc = session.locate(e.document.uri);
      if (loc) session.emit(loc.host, loc.host.didOpen(loc.rel, { uri: e.document.uri, text: e.document.getText(), version: e.document.version }));
    }),
  );
  session.documents.onDidChangeContent(
    guardNotification('didChange', (e) => {
      const loc = session.locate(e.document.uri);
      if (loc && loc.host.openDocument(loc.rel)?.version !== e.document.version) {
        session.emit(loc.host, loc.host.didChange(loc.rel, { uri: e.document.uri, text: e.document.getText(), version: e.document.version }));
      }
    }),
  );
  session.documents.onDidClose(
    guardNotification('didClose', (e) => {
      const loc = session.locate(e.document.uri);
      if (loc) session.emit(loc.host, loc.host.didClose(loc.rel));
    }),
  );

  connection.onDidChangeWatchedFiles(
    guardNotification('watchedFiles', (params) => {
      for (const change of params.changes) {
        const loc = session.locate(change.uri);
        const abs = uriToPath(change.uri);
        if (!loc || !abs) continue;
        session.emit(loc.host, change.type === FileChangeType.Deleted ? loc.host.fileDeleted(abs) : loc.host.fileChanged(abs));
      }
    }),
  );

  connection.onShutdown(async () => {
    hooks.onShutdown?.();
    for (const w of fallbackWatcher) w.close();
    // The parse cache being written is finished first: `exit` ends the process at once.
    await Promise.all(session.allHosts().map((h) => h.cacheWritten()));
    for (const h of session.allHosts()) h.dispose();
    pool?.close();
  });

  session.documents.listen(connection);
  connection.listen();
}

/** For clients that cannot watch files for us: Node's recursive watcher on the folder. */
function watchWithNode(host: FolderHost, session: Session): fs.FSWatcher {
  const watcher = fs.watch(host.rootAbs, { recursive: true }, (_event, name) => {
    if (!name) return;
    const abs = path.join(host.rootAbs, name.toString());
    try {
      // fileChanged lstat()s the path and treats a missing one as deleted; it never follows links.
      session.emit(host, host.fileChanged(abs));
    } catch (e) {
      session.connection.console.error(`watch ${abs}: ${String(e)}`);
    }
  });
  watcher.on('error', (e) => session.connection.console.error(`File watching stopped: ${e.message}`));
  return watcher;
}
