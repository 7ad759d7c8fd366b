import { format } from 'node:util';
import { createConnection, ProposedFeatures, StreamMessageReader, type Connection } from 'vscode-languageserver/node';
import { watchFraming } from './framing';
import { createServer } from './server';
import { OneChunkWriter } from './transport';

/** Starts the language server on the transport named on the command line (--stdio, --node-ipc, …). */
export function startServer(): void {
  const stdio = process.argv.includes('--stdio');
  const connection = stdio ? stdioConnection() : createConnection(ProposedFeatures.all);
  // A bug in one handler must not take the server down with the editor session.
  process.on('uncaughtException', (e) => connection.console.error(`Uncaught: ${e.stack ?? e.message}`));
  process.on('unhandledRejection', (e) => connection.console.error(`Unhandled rejection: ${String(e)}`));
  let shutdown = false;
  createServer(connection, { onShutdown: () => (shutdown = true) });
  if (stdio) {
    // The editor closed our input without `exit`: it is gone, so are we.
    const gone = (): never => process.exit(shutdown ? 0 : 1);
    process.stdin.on('end', gone);
    process.stdin.on('close', gone);
    // A framing error would leave the server alive but deaf; exiting lets the client start a fresh one.
    watchFraming(process.stdin, (why) => {
      process.stderr.write(`compliance-docs: the client broke the message framing (${why}); exiting so that it starts a fresh server.\n`);
      process.exit(1);
    });
  }
}

/**
 * Messages over stdin/stdout, each written in one chunk (transport.ts). Standard output is the
 * protocol's, so anything a dependency prints with `console` goes to the editor's log instead.
 */
function stdioConnection(): Connection {
  const connection = createConnection(ProposedFeatures.all, new StreamMessageReader(process.stdin), new OneChunkWriter(process.stdout));
  const log = (...args: unknown[]): void => connection.console.log(format(...args));
  console.log = log;
  console.info = log;
  console.debug = log;
  console.warn = (...args: unknown[]) => connection.console.warn(format(...args));
  console.error = (...args: unknown[]) => connection.console.error(format(...args));
  console.trace = (...args: unknown[]) => connection.console.log(`${format(...args)}\n${new Error().stack ?? ''}`);
  console.dir = (value: unknown) => connection.console.log(format('%O', value));
  return connection;
}
