// A code lens on the frontmatter's first line: criteria mapped, review age, evidence count. Lenses
// read the index, which moves when evidence files or the date change without the document being
// edited, so clients that can are asked to refresh them then.

import { CodeLensRefreshRequest, type CodeLens, type CodeLensParams } from 'vscode-languageserver/node';
import { documentLenses } from '../core/features/codeLens';
import type { Feature } from './feature';
import { requestDocument } from './definition';
import { guard } from './guard';

export const codeLensFeature: Feature = ({ session, capabilities }) => {
  const { connection } = session;

  connection.onCodeLens(
    guard('codeLens', (params: CodeLensParams): CodeLens[] | null => {
      const doc = requestDocument(session, params.textDocument.uri);
      if (!doc) return null;
      return documentLenses(doc.host.workspace, doc.rel).map((l) => ({
        range: doc.lines.rangeOf(l.span),
        // An empty command id shows the title as plain text.
        command: { title: l.title, command: l.command?.name ?? '', ...(l.command && l.command.arguments.length > 0 ? { arguments: [...l.command.arguments] } : {}) },
      }));
    }),
  );

  if (capabilities.workspace?.codeLens?.refreshSupport === true) {
    let pending: NodeJS.Timeout | undefined;
    session.onChange((host, change) => {
      const open = session.documents.all().some((d) => {
        const loc = session.locate(d.uri);
        return loc?.host === host && change.documents.has(loc.rel);
      });
      if (!open || pending) return;
      // Coalesce a burst of changes (a checkout) into one refresh.
      pending = setTimeout(() => {
        pending = undefined;
        void connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
      }, 200);
    });
  }

  return { codeLensProvider: { resolveProvider: false } };
};
