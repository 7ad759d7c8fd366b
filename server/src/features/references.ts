// Find references: an id's declaration and the controls:/policies: items naming it; a criterion's
// mappings, its not_applicable entry and its mentions in every document's prose. Prose of closed
// documents is read from disk once per version of each file, in slices, so a first search over a
// large repository neither blocks edits nor outlives a cancelled request.

import type { CancellationToken, Location, ReferenceParams } from 'vscode-languageserver/node';
import { documentForText, symbolAt } from '../core/features/locate';
import { findReferences, ProseMentions, type ReadText } from '../core/features/navigation';
import type { FolderHost } from '../host';
import type { Feature } from './feature';
import { offsetOf, placeLocation, requestDocument } from './definition';
import { guard } from './guard';

const SLICE = 200;
const mentionsByHost = new WeakMap<FolderHost, ProseMentions>();

export function proseMentions(host: FolderHost): ProseMentions {
  let m = mentionsByHost.get(host);
  if (!m) mentionsByHost.set(host, (m = new ProseMentions()));
  return m;
}

/** Reads every document's prose into the cache, yielding between slices; false when cancelled. */
async function readProse(host: FolderHost, readText: ReadText, token: CancellationToken): Promise<boolean> {
  const mentions = proseMentions(host);
  const docs = [...host.workspace.documents()];
  for (let i = 0; i < docs.length; i += SLICE) {
    for (const doc of docs.slice(i, i + SLICE)) mentions.of(doc, readText);
    await new Promise((resolve) => setImmediate(resolve));
    if (token.isCancellationRequested) return false;
  }
  return true;
}

export const referencesFeature: Feature = ({ session }) => {
  session.connection.onReferences(
    guard('references', async (params: ReferenceParams, token): Promise<Location[] | null> => {
      const first = requestDocument(session, params.textDocument.uri);
      if (!first) return null;
      const host = first.host;
      const readText: ReadText = (p) => host.textOf(p);
      const onCriterion = symbolAt(documentForText(host.workspace, first.rel, first.text), first.text, offsetOf(first, params.position))?.kind === 'criterion';
      if (onCriterion && !(await readProse(host, readText, token))) return null;
      // Edits may have arrived while prose was read.
      const doc = requestDocument(session, params.textDocument.uri) ?? first;
      const places = findReferences(host.workspace, doc.rel, doc.text, offsetOf(doc, params.position), {
        includeDeclaration: params.context.includeDeclaration,
        readText,
        mentions: proseMentions(host),
        isCancelled: () => token.isCancellationRequested,
      });
      return places ? places.map((p) => placeLocation(doc, p)) : null;
    }),
  );
  return { referencesProvider: true };
};
