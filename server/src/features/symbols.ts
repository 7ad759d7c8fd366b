// Document symbols (the frontmatter's keys and the heading tree) and workspace symbols (documents by
// id and title, across every folder).

import {
  SymbolKind,
  SymbolTag,
  type DocumentSymbol,
  type DocumentSymbolParams,
  type SymbolInformation,
  type WorkspaceSymbolParams,
} from 'vscode-languageserver/node';
import { documentForText } from '../core/features/locate';
import { documentOutline, workspaceSymbols, WORKSPACE_SYMBOL_LIMIT, type OutlineKind, type OutlineSymbol } from '../core/features/symbols';
import type { DocumentType } from '../core/model/types';
import { toRange } from '../convert';
import type { Feature } from './feature';
import { requestDocument, type RequestDocument } from './definition';
import { guard } from './guard';

const OUTLINE_KINDS: Readonly<Record<OutlineKind, SymbolKind>> = {
  frontmatter: SymbolKind.Module,
  field: SymbolKind.Property,
  criterion: SymbolKind.Constant,
  reference: SymbolKind.Key,
  evidence: SymbolKind.File,
  heading: SymbolKind.String,
};

const DOCUMENT_KINDS: Readonly<Record<DocumentType, SymbolKind>> = {
  policy: SymbolKind.Module,
  procedure: SymbolKind.Function,
  control: SymbolKind.Class,
  narrative: SymbolKind.File,
  vendor: SymbolKind.Object,
  risk: SymbolKind.Event,
  'risk-assessment': SymbolKind.Event,
};

function toDocumentSymbol(doc: RequestDocument, s: OutlineSymbol): DocumentSymbol {
  return {
    name: s.name,
    ...(s.detail ? { detail: s.detail } : {}),
    kind: OUTLINE_KINDS[s.kind],
    range: doc.lines.rangeOf(s.span),
    selectionRange: doc.lines.rangeOf(s.selectionSpan),
    children: s.children.map((c) => toDocumentSymbol(doc, c)),
  };
}

/** For clients without hierarchical symbols: the tree flattened, each symbol naming its parent. */
function flatten(doc: RequestDocument, symbols: readonly OutlineSymbol[], container?: string): SymbolInformation[] {
  return symbols.flatMap((s) => [
    { name: s.name, kind: OUTLINE_KINDS[s.kind], location: { uri: doc.uri, range: doc.lines.rangeOf(s.span) }, ...(container ? { containerName: container } : {}) },
    ...flatten(doc, s.children, s.name),
  ]);
}

export const symbolsFeature: Feature = ({ session, capabilities }) => {
  const { connection } = session;
  const hierarchical = capabilities.textDocument?.documentSymbol?.hierarchicalDocumentSymbolSupport === true;

  connection.onDocumentSymbol(
    guard('documentSymbol', (params: DocumentSymbolParams): DocumentSymbol[] | SymbolInformation[] | null => {
      const doc = requestDocument(session, params.textDocument.uri);
      // Only documents of the program: any other markdown file keeps the outline its own extension gives.
      if (!doc || !doc.rel.toLowerCase().endsWith('.md') || !doc.host.workspace.isDocumentPath(doc.rel) || !doc.host.workspace.document(doc.rel)) return null;
      const outline = documentOutline(documentForText(doc.host.workspace, doc.rel, doc.text), doc.text);
      return hierarchical ? outline.map((s) => toDocumentSymbol(doc, s)) : flatten(doc, outline);
    }),
  );

  connection.onWorkspaceSymbol(
    guard('workspaceSymbol', (params: WorkspaceSymbolParams): SymbolInformation[] => {
      const out: SymbolInformation[] = [];
      for (const host of session.allHosts()) {
        for (const entry of workspaceSymbols(host.workspace, params.query, WORKSPACE_SYMBOL_LIMIT - out.length)) {
          const lines = host.linesOf(entry.path);
          out.push({
            name: entry.name,
            kind: DOCUMENT_KINDS[entry.type],
            ...(entry.status === 'retired' ? { tags: [SymbolTag.Deprecated] } : {}),
            location: { uri: host.uriOf(entry.path), range: lines ? toRange(lines, entry.span) : { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } },
            containerName: entry.path,
          });
        }
        if (out.length >= WORKSPACE_SYMBOL_LIMIT) break;
      }
      return out;
    }),
  );

  return { documentSymbolProvider: { label: 'Compliance' }, workspaceSymbolProvider: true };
};
