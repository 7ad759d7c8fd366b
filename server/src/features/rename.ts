// Rename a document id across the repository as one workspace edit. Open files are edited at the
// version the editor has; closed files from their text on disk. A name that cannot be used comes back
// as an error with the reason, which the editor shows.

import {
  LSPErrorCodes,
  ResponseError,
  TextDocumentEdit,
  type PrepareRenameParams,
  type Range,
  type RenameParams,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import { prepareRename, renameId } from '../core/features/rename';
import { LineIndex } from '../core/text/lines';
import type { Feature } from './feature';
import { offsetOf, requestDocument } from './definition';
import { guard } from './guard';

export const renameFeature: Feature = ({ session, capabilities }) => {
  const { connection } = session;
  const documentChanges = capabilities.workspace?.workspaceEdit?.documentChanges === true;

  connection.onPrepareRename(
    guard('prepareRename', (params: PrepareRenameParams): { range: Range; placeholder: string } | null => {
      const doc = requestDocument(session, params.textDocument.uri);
      if (!doc) return null;
      const target = prepareRename(doc.host.workspace, doc.rel, doc.text, offsetOf(doc, params.position));
      if ('error' in target) throw new ResponseError(LSPErrorCodes.RequestFailed, target.error);
      return { range: doc.lines.rangeOf(target.span), placeholder: target.placeholder };
    }),
  );

  connection.onRenameRequest(
    guard('rename', (params: RenameParams): WorkspaceEdit | null => {
      const doc = requestDocument(session, params.textDocument.uri);
      if (!doc) return null;
      // Each file is read once: its edits are placed in the text they were computed on.
      const texts = new Map<string, string>([[doc.rel, doc.text]]);
      const readText = (p: string): string | undefined => {
        if (!texts.has(p)) {
          const t = doc.host.textOf(p);
          if (t === undefined) return undefined;
          texts.set(p, t);
        }
        return texts.get(p);
      };
      const result = renameId(doc.host.workspace, doc.rel, doc.text, offsetOf(doc, params.position), params.newName, readText);
      if ('error' in result) throw new ResponseError(LSPErrorCodes.RequestFailed, result.error);
      const edits = result.files.map((f) => {
        const uri = doc.host.uriOf(f.path);
        const lines = new LineIndex(texts.get(f.path) ?? '');
        const textEdits: TextEdit[] = f.edits.map((e) => ({ range: lines.rangeOf(e.span), newText: e.newText }));
        return { uri, textEdits, version: session.textDocument(uri)?.version ?? null };
      });
      if (documentChanges) return { documentChanges: edits.map((e) => TextDocumentEdit.create({ uri: e.uri, version: e.version }, e.textEdits)) };
      return { changes: Object.fromEntries(edits.map((e) => [e.uri, e.textEdits])) };
    }),
  );

  return { renameProvider: capabilities.textDocument?.rename?.prepareSupport === true ? { prepareProvider: true } : true };
};
