// A real LSP client for tests: starts dist/server.js as a child process and speaks JSON-RPC over its
// stdio with vscode-languageserver-protocol, as Neovim or any other editor would.

import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  WorkDoneProgress,
  type ClientCapabilities,
  type Diagnostic,
  type FileEvent,
  type InitializeResult,
  type ProtocolConnection,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';

export const SERVER = path.resolve(__dirname, '../../../dist/server.js');

export function fileUri(abs: string): string {
  return pathToFileURL(abs).href;
}

/** Copies a fixture folder to a fresh temporary folder, so a test can change files on disk. */
export function copyFixture(src: string): string {
  const dst = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-lsp-'));
  fs.cpSync(src, dst, { recursive: true });
  return dst;
}

export interface ClientOptions {
  readonly root: string;
  readonly today?: string;
  /** Ask for pull diagnostics (off by default: push, as most clients). */
  readonly pull?: boolean;
  readonly watchFiles?: boolean;
  readonly settings?: Record<string, unknown>;
  readonly capabilities?: ClientCapabilities;
  /** Start with no workspace folder (rootUri and workspaceFolders null), as an editor that opened a lone file. */
  readonly noFolder?: boolean;
  /** More initialization options (such as `cacheDir`), besides `today`. */
  readonly initializationOptions?: Record<string, unknown>;
  /** Say the client supports server-initiated work-done progress (window.workDoneProgress). */
  readonly workDoneProgress?: boolean;
}

type Waiter = { uri: string; test: (d: Diagnostic[]) => boolean; resolve: (d: Diagnostic[]) => void };

export class TestClient {
  readonly connection: ProtocolConnection;
  readonly diagnostics = new Map<string, Diagnostic[]>();
  readonly logs: string[] = [];
  readonly notifications: Array<{ method: string; params: unknown }> = [];
  /** Tokens the server asked for with window/workDoneProgress/create. */
  readonly progressTokens: Array<string | number> = [];
  private readonly waiters: Waiter[] = [];
  private readonly versions = new Map<string, number>();
  initializeResult: InitializeResult | undefined;

  private constructor(
    readonly child: ChildProcess,
    readonly options: ClientOptions,
  ) {
    this.connection = createProtocolConnection(new StreamMessageReader(child.stdout as NodeJS.ReadableStream), new StreamMessageWriter(child.stdin as NodeJS.WritableStream));
    this.connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
      this.diagnostics.set(p.uri, p.diagnostics);
      for (const w of [...this.waiters]) {
        if (w.uri === p.uri && w.test(p.diagnostics)) {
          this.waiters.splice(this.waiters.indexOf(w), 1);
          w.resolve(p.diagnostics);
        }
      }
    });
    this.connection.onNotification('window/logMessage', (p: { message: string }) => {
      this.logs.push(p.message);
    });
    this.connection.onUnhandledNotification((n) => {
      this.notifications.push({ method: n.method, params: n.params });
    });
    this.connection.onRequest(RegistrationRequest.type, () => undefined);
    this.connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => options.settings ?? {}));
    this.connection.onRequest('window/workDoneProgress/create', (p: { token: string | number }) => {
      this.progressTokens.push(p.token);
      // The connection hands $/progress only to a handler for its token, not to onUnhandledNotification.
      this.connection.onProgress(WorkDoneProgress.type, p.token, (value) => {
        this.notifications.push({ method: '$/progress', params: { token: p.token, value } });
      });
      return null;
    });
    this.connection.onRequest('workspace/diagnostic/refresh', () => null);
    this.connection.listen();
  }

  static async start(options: ClientOptions): Promise<TestClient> {
    const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const client = new TestClient(child, options);
    child.stderr?.on('data', (d: Buffer) => client.logs.push(d.toString()));
    const capabilities: ClientCapabilities = options.capabilities ?? {
      workspace: {
        didChangeWatchedFiles: { dynamicRegistration: options.watchFiles !== false },
        configuration: true,
        workspaceFolders: true,
        workspaceEdit: { documentChanges: true, resourceOperations: ['create', 'rename', 'delete'] },
        ...(options.pull ? { diagnostics: { refreshSupport: true } } : {}),
      },
      textDocument: {
        synchronization: { dynamicRegistration: false },
        hover: { contentFormat: ['markdown', 'plaintext'] },
        completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown'] } },
        codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'refactor', 'source'] } } },
        rename: { prepareSupport: true },
        ...(options.pull ? { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } } : {}),
      },
      ...(options.workDoneProgress ? { window: { workDoneProgress: true } } : {}),
    };
    client.initializeResult = await client.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: options.noFolder ? null : fileUri(options.root),
      capabilities,
      workspaceFolders: options.noFolder ? null : [{ uri: fileUri(options.root), name: path.basename(options.root) }],
      initializationOptions: { today: options.today ?? '2026-11-16', ...options.initializationOptions },
    });
    await client.connection.sendNotification(InitializedNotification.type, {});
    return client;
  }

  uri(rel: string): string {
    return fileUri(path.join(this.options.root, rel));
  }

  /** Resolves when the diagnostics published for `rel` satisfy `test` (now or later). */
  waitForDiagnostics(rel: string, test: (d: Diagnostic[]) => boolean = () => true, timeoutMs = 15000): Promise<Diagnostic[]> {
    const uri = this.uri(rel);
    const current = this.diagnostics.get(uri);
    if (current && test(current)) return Promise.resolve(current);
    return new Promise((resolve, reject) => {
      const w: Waiter = { uri, test, resolve };
      this.waiters.push(w);
      setTimeout(() => {
        const i = this.waiters.indexOf(w);
        if (i >= 0) {
          this.waiters.splice(i, 1);
          reject(new Error(`timed out waiting for diagnostics of ${rel}; last: ${JSON.stringify(this.diagnostics.get(uri)?.map((d) => d.code))}`));
        }
      }, timeoutMs);
    });
  }

  /** Waits for a notification of `method` whose params satisfy `test`. */
  async waitForNotification<T>(method: string, test: (p: T) => boolean = () => true, timeoutMs = 15000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const hit = this.notifications.find((n) => n.method === method && test(n.params as T));
      if (hit) return hit.params as T;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${method}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  async open(rel: string, text?: string): Promise<string> {
    const uri = this.uri(rel);
    const content = text ?? fs.readFileSync(path.join(this.options.root, rel), 'utf8');
    this.versions.set(uri, 1);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: rel.endsWith('.md') ? 'markdown' : 'yaml', version: 1, text: content } });
    return uri;
  }

  async change(rel: string, changes: TextDocumentContentChangeEvent[]): Promise<void> {
    const uri = this.uri(rel);
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: changes });
  }

  async close(rel: string): Promise<void> {
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: this.uri(rel) } });
  }

  async filesChanged(changes: Array<{ rel: string; type: FileEvent['type'] }>): Promise<void> {
    await this.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: changes.map((c) => ({ uri: this.uri(c.rel), type: c.type })) });
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest(ShutdownRequest.type), new Promise((r) => setTimeout(r, 2000))]);
      await this.connection.sendNotification(ExitNotification.type);
    } catch {
      // already gone
    }
    this.connection.dispose();
    if (this.child.exitCode === null) {
      await new Promise<void>((resolve) => {
        const t = setTimeout(() => {
          this.child.kill('SIGKILL');
          resolve();
        }, 2000);
        this.child.once('exit', () => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }
}

export const EXAMPLE = path.resolve(__dirname, '../../../examples/harborview');
