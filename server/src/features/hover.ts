// textDocument/hover: criterion IDs and document ids, as markdown with links to the documents, or as
// plain text for clients that ask for it.

import { MarkupKind, type Hover, type Position, type Range } from 'vscode-languageserver/node';
import { hoverAt, renderHover } from '../core/features/hover';
import type { Span } from '../core/model/types';
import { LineIndex } from '../core/text/lines';
import type { FolderHost } from '../host';
import type { Feature } from './feature';
import type { Session } from '../session';
import { guard } from './guard';

/** A file as an editor feature sees it: its folder, its current text, and position conversions. */
export interface FileText {
  readonly host: FolderHost;
  readonly rel: string;
  readonly text: string;
  offsetAt(position: Position): number;
  rangeOf(span: Span): Range;
}

/** The open editor's text of a URI, else the file on disk; undefined outside every folder. */
export function fileText(session: Session, uri: string): FileText | undefined {
  const loc = session.locate(uri);
  if (!loc) return undefined;
  const open = session.textDocument(uri);
  const text = open?.getText() ?? loc.host.textOf(loc.rel);
  if (text === undefined) return undefined;
  let index: LineIndex | undefined;
  const lines = (): LineIndex => (index ??= new LineIndex(text));
  return {
    host: loc.host,
    rel: loc.rel,
    text,
    offsetAt: (position) => (open ? open.offsetAt(position) : lines().offsetAt(position)),
    rangeOf: (span) => (open ? { start: open.positionAt(span.start), end: open.positionAt(span.end) } : lines().rangeOf(span)),
  };
}

export const hoverFeature: Feature = ({ session, capabilities }) => {
  const formats = capabilities.textDocument?.hover?.contentFormat ?? [];
  // The client lists formats in order of preference; without a list, plain text is the safe choice.
  const markdown = formats.find((f) => f === MarkupKind.Markdown || f === MarkupKind.PlainText) === MarkupKind.Markdown;

  session.connection.onHover(
    guard('hover', (params): Hover | null => {
      const file = fileText(session, params.textDocument.uri);
      if (!file) return null;
      const info = hoverAt(file.host.workspace, file.rel, file.text, file.offsetAt(params.position));
      if (!info) return null;
      let value = renderHover(info, { format: markdown ? 'markdown' : 'plaintext', link: (rel, line) => `${file.host.uriOf(rel).replace(/\(/g, '%28').replace(/\)/g, '%29')}#L${line + 1}` });
      if (!file.host.complete && (info.kind === 'criterion' || info.kind === 'unknown-id')) value += markdown ? '\n\n_Still reading the workspace: this may change._' : '\n\nStill reading the workspace: this may change.';
      return { contents: { kind: markdown ? MarkupKind.Markdown : MarkupKind.PlainText, value }, range: file.rangeOf(info.span) };
    }),
  );
  return { hoverProvider: true };
};
