// Indexing progress: LSP work-done progress (window/workDoneProgress/create, then $/progress begin,
// report and end) for any client that supports it, and complianceDocs/indexProgress with the same
// counts for the VS Code client's views. Reports are sent at most a few times a second.

import type { ClientCapabilities, WorkDoneProgressServerReporter } from 'vscode-languageserver/node';
import type { FolderHost, IndexProgress } from '../host';
import { IndexProgressNotification } from '../protocol';
import type { Session } from '../session';

const INTERVAL_MS = 200;

function count(n: number): string {
  return n.toLocaleString('en-US');
}

/** "1,234 of 20,000 documents read", or "listing files" before the listing is known. */
export function progressMessage(p: IndexProgress): string {
  if (p.stage === 'listing' || p.total === undefined) return 'listing files';
  return `${count(p.read)} of ${count(p.total)} document${p.total === 1 ? '' : 's'} read`;
}

function percentage(p: IndexProgress): number | undefined {
  if (p.total === undefined) return undefined;
  return p.total === 0 ? 100 : Math.floor((p.read / p.total) * 100);
}

/** Indexes a folder, reporting its progress to the client. */
export function indexWithProgress(session: Session, capabilities: ClientCapabilities, host: FolderHost): Promise<void> {
  const title = `Indexing ${host.name}`;
  let latest: IndexProgress = host.progress;
  let sentAt = 0;
  let ended = false;
  let reporter: WorkDoneProgressServerReporter | undefined;

  const notify = (p: IndexProgress): void => {
    void session.connection.sendNotification(IndexProgressNotification, { folder: host.rootUri, name: host.name, ...p });
  };
  let reported = '';
  const report = (p: IndexProgress): void => {
    const message = progressMessage(p);
    if (!reporter || message === reported) return;
    reported = message;
    reporter.report(percentage(p) ?? 0, message);
  };
  const send = (p: IndexProgress): void => {
    sentAt = Date.now();
    notify(p);
    report(p);
  };

  if (capabilities.window?.workDoneProgress === true) {
    void session.connection.window.createWorkDoneProgress().then(
      (r) => {
        reporter = r;
        r.begin(title, percentage(latest) ?? 0, progressMessage(latest), false);
        // Indexing may have ended while the client created the token: say how it ended, then end.
        if (ended) {
          report(latest);
          r.done();
        }
      },
      () => undefined,
    );
  }

  const promise = host.index(
    (c) => session.emit(host, c),
    (p) => {
      latest = p;
      if (p.stage === 'done' || ended) return;
      if (Date.now() - sentAt >= INTERVAL_MS || (p.stage === 'reading' && p.read === p.total)) send(p);
    },
  );
  const end = (): void => {
    if (ended) return;
    const final = latest;
    report(final);
    ended = true;
    notify({ ...final, stage: 'done' });
    reporter?.done();
  };
  return promise.then(end, (e: unknown) => {
    end();
    throw e;
  });
}
