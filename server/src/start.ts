import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { watchFraming } from './framing';
import { createServer } from './server';

/** Starts the language server on the transport named on the command line (--stdio, --node-ipc, …). */
export function startServer(): void {
  const connection = createConnection(ProposedFeatures.all);
  // A bug in one handler must not take the server down with the editor session.
  process.on('uncaughtException', (e) => connection.console.error(`Uncaught: ${e.stack ?? e.message}`));
  process.on('unhandledRejection', (e) => connection.console.error(`Unhandled rejection: ${String(e)}`));
  createServer(connection);
  // A framing error would leave the server alive but deaf; exiting lets the client start a fresh one.
  if (process.argv.includes('--stdio')) {
    watchFraming(process.stdin, (why) => {
      process.stderr.write(`compliance-docs: the client broke the message framing (${why}); exiting so that it starts a fresh server.\n`);
      process.exit(1);
    });
  }
}
