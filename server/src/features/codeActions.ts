// textDocument/codeAction: the fixes findings carry, as quick fixes attached to their diagnostics, and
// the actions that need no finding (mark reviewed today; create a control for, or scope out, an
// uncovered criterion). Edits to other files and new files travel in the same WorkspaceEdit.

import * as path from 'node:path';
import { CodeActionKind, CreateFile, TextDocumentEdit, type CodeAction, type Diagnostic, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver/node';
import { codeActionsAt } from '../core/features/codeActions';
import { computeLineStarts } from '../core/text/lines';
import type { Finding, Fix } from '../core/model/types';
import { pathToUri, toDiagnostic, toRange } from '../convert';
import type { FolderHost } from '../host';
import type { Feature } from './feature';
import { guard } from './guard';
import { fileText } from './hover';

interface EditSupport {
  readonly documentChanges: boolean;
  readonly create: boolean;
}

/**
 * A fix as a WorkspaceEdit the client can apply, or undefined when it cannot: a new file needs
 * resource operations, and an edit needs the file's lines.
 */
function workspaceEditOf(fix: Fix, host: FolderHost, support: EditSupport): WorkspaceEdit | undefined {
  const uriOf = (rel: string): string => pathToUri(path.join(host.rootAbs, rel));
  if (!support.documentChanges) {
    const changes: Record<string, TextEdit[]> = {};
    for (const change of fix.changes) {
      if (change.kind === 'create') return undefined;
      const lines = host.linesOf(change.path);
      if (!lines) return undefined;
      const edits = (changes[uriOf(change.path)] ??= []);
      for (const e of change.edits) edits.push({ range: toRange(lines, e.span), newText: e.newText });
    }
    return { changes };
  }
  const documentChanges: Array<TextDocumentEdit | CreateFile> = [];
  for (const change of fix.changes) {
    const uri = uriOf(change.path);
    if (change.kind === 'create') {
      if (!support.create) return undefined;
      documentChanges.push(CreateFile.create(uri, { ignoreIfExists: true }));
      if (change.content !== '') documentChanges.push(TextDocumentEdit.create({ uri, version: null }, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: change.content }]));
      continue;
    }
    const lines = host.linesOf(change.path);
    if (!lines) return undefined;
    documentChanges.push(TextDocumentEdit.create({ uri, version: null }, change.edits.map((e) => ({ range: toRange(lines, e.span), newText: e.newText }))));
  }
  return { documentChanges };
}

/** The client's own diagnostic for a finding when it sent one, so the action attaches to it. */
function diagnosticFor(f: Finding, sent: readonly Diagnostic[], make: () => Diagnostic): Diagnostic {
  const match = sent.find((d) => {
    if (d.source !== 'compliance-docs' || d.code !== f.code) return false;
    const data = d.data as { start?: number; end?: number; criterion?: string; series?: string } | undefined;
    if (!data || data.start !== f.span.start || data.end !== f.span.end) return false;
    return data.criterion === f.data?.criterion && data.series === f.data?.series;
  });
  return match ?? make();
}

export const codeActionsFeature: Feature = ({ session, capabilities }) => {
  const edit = capabilities.workspace?.workspaceEdit;
  const support: EditSupport = { documentChanges: edit?.documentChanges === true, create: edit?.resourceOperations?.includes('create') === true };
  const literals = capabilities.textDocument?.codeAction?.codeActionLiteralSupport !== undefined;

  session.connection.onCodeAction(
    guard('codeAction', (params): CodeAction[] | null => {
      const file = fileText(session, params.textDocument.uri);
      if (!file) return null;
      const span = { start: file.offsetAt(params.range.start), end: file.offsetAt(params.range.end) };
      const entries = codeActionsAt(file.host.workspace, file.rel, file.text, span, params.context.only);
      const out: CodeAction[] = [];
      for (const entry of entries) {
        const workspaceEdit = workspaceEditOf(entry.fix, file.host, support);
        if (!workspaceEdit) continue;
        const finding = entry.finding;
        const diagnostics = finding ? [diagnosticFor(finding, params.context.diagnostics, () => toDiagnostic(finding, { lineStarts: computeLineStarts(file.text), length: file.text.length }, params.textDocument.uri))] : undefined;
        out.push({ title: entry.title, kind: entry.kind, ...(diagnostics ? { diagnostics } : {}), ...(entry.isPreferred ? { isPreferred: true } : {}), edit: workspaceEdit });
      }
      return out;
    }),
  );
  return { codeActionProvider: literals ? { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.RefactorRewrite], resolveProvider: false } : true };
};
