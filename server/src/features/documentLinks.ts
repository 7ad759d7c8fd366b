// Document links on evidence paths and evidence URLs. Only targets that exist get a link; a missing
// file or a path outside the repository is left to its diagnostic.

import type { DocumentLink, DocumentLinkParams } from 'vscode-languageserver/node';
import { documentLinks } from '../core/features/links';
import type { Feature } from './feature';
import { requestDocument } from './definition';
import { guard } from './guard';

export const documentLinksFeature: Feature = ({ session }) => {
  session.connection.onDocumentLinks(
    guard('documentLinks', (params: DocumentLinkParams): DocumentLink[] | null => {
      const doc = requestDocument(session, params.textDocument.uri);
      if (!doc || !doc.rel.toLowerCase().endsWith('.md')) return null;
      return documentLinks(doc.host.workspace, doc.rel, doc.text).map((l) => ({
        range: doc.lines.rangeOf(l.span),
        target: l.target.kind === 'file' ? doc.host.uriOf(l.target.path) : l.target.url,
        tooltip: l.tooltip,
      }));
    }),
  );
  return { documentLinkProvider: { resolveProvider: false } };
};
