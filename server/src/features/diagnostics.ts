// Diagnostics for every document of the workspace. Open documents are pulled by clients that support
// pull diagnostics; everything else is pushed, so closed files show their problems too, in any client.

import { DocumentDiagnosticReportKind, type ClientCapabilities, type Diagnostic } from 'vscode-languageserver/node';
import type { Finding } from '../core/model/types';
import { toDiagnostic, type LineSource } from '../convert';
import type { FolderHost } from '../host';
import type { Session } from '../session';
import { guard } from './guard';

export function diagnosticsFor(host: FolderHost, rel: string): Diagnostic[] {
  const findings: readonly Finding[] = rel === host.workspace.getConfig().path ? host.workspace.workspaceFindings() : host.workspace.findings(rel);
  if (findings.length === 0) return [];
  const lines: LineSource | undefined = host.linesOf(rel);
  if (!lines) return [];
  const uri = host.uriOf(rel);
  return findings.filter((f) => f.hasRegion).map((f) => toDiagnostic(f, lines, uri));
}

export function registerDiagnostics(session: Session, capabilities: ClientCapabilities): { pull: boolean } {
  const { connection } = session;
  const pull = capabilities.textDocument?.diagnostic !== undefined;
  const canRefresh = capabilities.workspace?.diagnostics?.refreshSupport === true;
  /** URIs we pushed a non-empty list for, so we know to clear them. */
  const pushed = new Set<string>();
  let refreshTimer: NodeJS.Timeout | undefined;

  const push = (uri: string, diagnostics: Diagnostic[]): void => {
    if (diagnostics.length === 0 && !pushed.has(uri)) return;
    if (diagnostics.length === 0) pushed.delete(uri);
    else pushed.add(uri);
    void connection.sendDiagnostics({ uri, diagnostics });
  };

  const isPulled = (uri: string): boolean => pull && session.documents.get(uri) !== undefined;

  session.onChange((host, change) => {
    const paths = new Set(change.documents);
    const configPath = host.workspace.getConfig().path;
    if (change.workspace) paths.add(configPath ?? '');
    let pulledChanged = false;
    for (const rel of paths) {
      if (rel === '') continue;
      const uri = host.uriOf(rel);
      if (isPulled(uri)) {
        pulledChanged = true;
        continue;
      }
      push(uri, diagnosticsFor(host, rel));
    }
    if (pulledChanged && canRefresh) {
      // Coalesce bursts (a workspace-wide change) into one refresh.
      refreshTimer ??= setTimeout(() => {
        refreshTimer = undefined;
        void connection.languages.diagnostics.refresh();
      }, 10);
    }
  });

  if (pull) {
    connection.languages.diagnostics.on(
      guard('diagnostics', async (params) => {
        const loc = session.locate(params.textDocument.uri);
        if (!loc) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
        // A pushed list for this URI would show twice next to the pulled one.
        if (pushed.has(loc.uri)) push(loc.uri, []);
        return { kind: DocumentDiagnosticReportKind.Full, items: diagnosticsFor(loc.host, loc.rel) };
      }),
    );
    session.documents.onDidClose((e) => {
      // The client drops pulled diagnostics on close; push them so the file keeps showing its problems.
      const loc = session.locate(e.document.uri);
      if (loc) setImmediate(() => push(loc.uri, diagnosticsFor(loc.host, loc.rel)));
    });
  }
  return { pull };
}
