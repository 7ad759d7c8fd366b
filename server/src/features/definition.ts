// Go to definition: from a reference to the document's id, from a criterion to the documents that map
// it (or its not_applicable entry), from an evidence path to the file. Also holds what the navigation
// features share: the text a request is about, and places turned into LSP locations.

import type { DefinitionParams, Location, LocationLink, Position, Range } from 'vscode-languageserver/node';
import { findDefinition, type Place } from '../core/features/navigation';
import { LineIndex } from '../core/text/lines';
import { toRange } from '../convert';
import type { FolderHost } from '../host';
import type { Feature } from './feature';
import type { Session } from '../session';
import { guard } from './guard';

/** The file a request is about, with the text the user sees in it. */
export interface RequestDocument {
  readonly host: FolderHost;
  readonly rel: string;
  readonly uri: string;
  readonly text: string;
  readonly lines: LineIndex;
}

export function requestDocument(session: Session, uri: string): RequestDocument | undefined {
  const loc = session.locate(uri);
  if (!loc) return undefined;
  const text = session.textDocument(uri)?.getText() ?? loc.host.textOf(loc.rel);
  if (text === undefined) return undefined;
  return { host: loc.host, rel: loc.rel, uri: loc.uri, text, lines: new LineIndex(text) };
}

export function offsetOf(doc: RequestDocument, position: Position): number {
  return doc.lines.offsetAt(position);
}

/** A place's range: in the request's own text, else in the file's indexed or open text. */
export function placeRange(doc: RequestDocument, place: Place): Range {
  if (place.path === doc.rel) return doc.lines.rangeOf(place.span);
  const lines = doc.host.linesOf(place.path);
  // Files outside the index (evidence) are only ever targeted at their start.
  return lines ? toRange(lines, place.span) : { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
}

export function placeLocation(doc: RequestDocument, place: Place): Location {
  return { uri: doc.host.uriOf(place.path), range: placeRange(doc, place) };
}

export const definitionFeature: Feature = ({ session, capabilities }) => {
  const linkSupport = capabilities.textDocument?.definition?.linkSupport === true;
  session.connection.onDefinition(
    guard('definition', (params: DefinitionParams): Location[] | LocationLink[] | null => {
      const doc = requestDocument(session, params.textDocument.uri);
      if (!doc) return null;
      const found = findDefinition(doc.host.workspace, doc.rel, doc.text, offsetOf(doc, params.position));
      if (!found || found.targets.length === 0) return null;
      if (!linkSupport) return found.targets.map((t) => placeLocation(doc, t));
      const origin = doc.lines.rangeOf(found.origin);
      return found.targets.map((t) => {
        const range = placeRange(doc, t);
        return { originSelectionRange: origin, targetUri: doc.host.uriOf(t.path), targetRange: range, targetSelectionRange: range };
      });
    }),
  );
  return { definitionProvider: true };
};
