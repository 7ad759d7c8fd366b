// Every handler runs through this: an exception becomes an error response (and a log line), never a
// crash; a cancelled request answers as cancelled.

import { LSPErrorCodes, ResponseError, type CancellationToken } from 'vscode-languageserver/node';

let logger: (message: string) => void = (m) => process.stderr.write(`${m}\n`);

export function setGuardLogger(log: (message: string) => void): void {
  logger = log;
}

export function guard<P, R>(name: string, handler: (params: P, token: CancellationToken) => R | Promise<R>): (params: P, token: CancellationToken) => Promise<R> {
  return async (params, token) => {
    // The connection answers a rejected ResponseError with that error.
    if (token?.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, `${name} cancelled`);
    let result: R;
    try {
      result = await handler(params, token);
    } catch (e) {
      if (e instanceof ResponseError) throw e;
      logger(`[${name}] failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      throw new ResponseError(LSPErrorCodes.RequestFailed, `compliance-docs: ${name} failed: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (token?.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, `${name} cancelled`);
    return result;
  };
}

/** For notifications, which have no response: log and carry on. */
export function guardNotification<P>(name: string, handler: (params: P) => void): (params: P) => void {
  return (params) => {
    try {
      handler(params);
    } catch (e) {
      logger(`[${name}] failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    }
  };
}
