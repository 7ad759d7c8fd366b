// Conversions between the core's offsets and paths and LSP positions and URIs.

import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CodeAction, CodeActionKind, CreateFile, DiagnosticSeverity, DiagnosticTag, TextDocumentEdit, type Diagnostic, type Range, type WorkspaceEdit } from 'vscode-languageserver/node';
import type { Finding, Fix, Severity, Span } from './core/model/types';
import { positionIn } from './core/text/lines';

/** Anything that can turn offsets into positions: an open TextDocument or a parsed document's line starts. */
export interface LineSource {
  readonly lineStarts: readonly number[];
  readonly length: number;
}

export function toRange(lines: LineSource, span: Span): Range {
  return { start: positionIn(lines.lineStarts, lines.length, span.start), end: positionIn(lines.lineStarts, lines.length, span.end) };
}

export function toOffset(lines: LineSource, position: { line: number; character: number }): number {
  if (position.line >= lines.lineStarts.length) return lines.length;
  const start = lines.lineStarts[Math.max(0, position.line)];
  const next = position.line + 1 < lines.lineStarts.length ? lines.lineStarts[position.line + 1] - 1 : lines.length;
  return Math.min(start + Math.max(0, position.character), next);
}

const SEVERITY: Readonly<Record<Severity, DiagnosticSeverity>> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** The finding as a diagnostic of the file at `uri`; its related notes become related information there. */
export function toDiagnostic(f: Finding, lines: LineSource, uri?: string): Diagnostic {
  return {
    range: toRange(lines, f.span),
    severity: SEVERITY[f.severity],
    code: f.code,
    codeDescription: { href: `https://github.com/compliance-docs/compliance-docs/blob/main/docs/rules.md#${f.code}` },
    source: 'compliance-docs',
    message: f.message,
    ...(f.code === 'draft-covers-nothing' ? { tags: [DiagnosticTag.Unnecessary] } : {}),
    ...(uri && f.related?.length ? { relatedInformation: f.related.map((r) => ({ location: { uri, range: toRange(lines, r.span) }, message: r.message })) } : {}),
    data: { code: f.code, start: f.span.start, end: f.span.end, ...(f.data ?? {}) },
  };
}

export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

export function pathToUri(abs: string): string {
  return pathToFileURL(abs).href;
}

/** Workspace-relative POSIX path of an absolute path, or undefined when outside the root. */
export function relativeTo(rootAbs: string, abs: string): string | undefined {
  const rel = path.relative(rootAbs, abs);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return rel === '' ? '' : undefined;
  return rel.split(path.sep).join('/');
}

/** Turns a core Fix into an LSP WorkspaceEdit; `linesOf` gives line starts for each edited file. */
export function toWorkspaceEdit(fix: Fix, rootAbs: string, linesOf: (rel: string) => LineSource | undefined): WorkspaceEdit | undefined {
  const documentChanges: Array<TextDocumentEdit | CreateFile> = [];
  for (const change of fix.changes) {
    const uri = pathToUri(path.join(rootAbs, change.path));
    if (change.kind === 'create') {
      documentChanges.push(CreateFile.create(uri, { ignoreIfExists: true }));
      if (change.content !== '') {
        documentChanges.push(TextDocumentEdit.create({ uri, version: null }, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: change.content }]));
      }
    } else {
      const lines = linesOf(change.path);
      if (!lines) return undefined;
      documentChanges.push(TextDocumentEdit.create({ uri, version: null }, change.edits.map((e) => ({ range: toRange(lines, e.span), newText: e.newText }))));
    }
  }
  return { documentChanges };
}

export function toCodeAction(fix: Fix, diagnostics: Diagnostic[], edit: WorkspaceEdit): CodeAction {
  return { title: fix.title, kind: CodeActionKind.QuickFix, diagnostics, isPreferred: fix.isPreferred === true, edit };
}
