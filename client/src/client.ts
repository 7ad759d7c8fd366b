// How the language client is set up: the bundled server over Node IPC, which files it sees, the
// settings it starts with, and what happens when the server process dies.

import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  CloseAction,
  DidChangeConfigurationNotification,
  ErrorAction,
  LanguageClient,
  RevealOutputChannelOn,
  TransportKind,
  type CloseHandlerResult,
  type ErrorHandler,
  type ErrorHandlerResult,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { SECTION, serverSettings } from './config';

/** Also the prefix of the `complianceDocs.trace.server` setting, which the language client reads. */
export const CLIENT_ID = SECTION;
export const CLIENT_NAME = 'Compliance Docs';

/** More crashes than this within the window and we stop restarting (a server that dies on start). */
const MAX_RESTARTS = 4;
const RESTART_WINDOW_MS = 3 * 60 * 1000;

export const DOCUMENT_SELECTOR = [
  { scheme: 'file', language: 'markdown' },
  { scheme: 'file', pattern: '**/{compliance-docs,.compliance-docs}.yml' },
];

/** Restarts a crashed server a few times, telling the output channel rather than interrupting. */
class RestartingErrorHandler implements ErrorHandler {
  private crashes: number[] = [];

  constructor(private readonly onCrash: (restarting: boolean) => void) {}

  error(_error: Error, _message: unknown, count: number | undefined): ErrorHandlerResult {
    // A few garbled messages are survivable; a stream of them means the connection is gone.
    return { action: count !== undefined && count <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown };
  }

  closed(): CloseHandlerResult {
    const now = Date.now();
    this.crashes = this.crashes.filter((t) => now - t < RESTART_WINDOW_MS).concat(now);
    if (this.crashes.length > MAX_RESTARTS) {
      this.onCrash(false);
      return {
        action: CloseAction.DoNotRestart,
        message: `The compliance-docs server stopped ${this.crashes.length} times in 3 minutes and was not restarted. ` +
          'The "Compliance Docs" output has the details; run "Compliance: Restart Server" to try again.',
      };
    }
    this.onCrash(true);
    return {
      action: CloseAction.Restart,
      message: 'The compliance-docs server stopped unexpectedly and is being restarted. Diagnostics and views come back once it has re-indexed the workspace.',
      // Logged to the output channel only: a recovered crash needs no notification.
      handled: true,
    };
  }
}

export interface ClientDeps {
  readonly context: vscode.ExtensionContext;
  readonly output: vscode.LogOutputChannel;
  /** Called when the server process dies; `restarting` is false when we gave up. */
  readonly onCrash: (restarting: boolean) => void;
}

export function createClient({ context, output, onCrash }: ClientDeps): LanguageClient {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const storage = context.storageUri?.scheme === 'file' ? context.storageUri.fsPath : undefined;
  const cacheDir = storage ? path.join(storage, 'parse-cache') : undefined;

  let client: LanguageClient | undefined;
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    initializationOptions: serverSettings(cacheDir),
    outputChannel: output,
    traceOutputChannel: output,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    errorHandler: new RestartingErrorHandler(onCrash),
    middleware: {
      workspace: {
        // The server reads our settings in the shape protocol.ts declares, not VS Code's raw section.
        configuration: (params, token, next) => {
          if (params.items.every((item) => item.section === SECTION)) return params.items.map(() => serverSettings(cacheDir));
          return next(params, token);
        },
        didChangeConfiguration: async (_sections, _next) => {
          await client?.sendNotification(DidChangeConfigurationNotification.type, { settings: { [SECTION]: serverSettings(cacheDir) } });
        },
      },
    },
  };
  client = new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
  return client;
}
