// Which parts of a parsed document only say where things are in its own text.

import type { ParsedDocument } from './types';

/** Keys of a ParsedDocument, and of what it holds, that locate something in the document's own text. */
const POSITIONAL: ReadonlySet<string> = new Set(['span', 'keySpan', 'valueSpan', 'dateSpan', 'anchor', 'insertAt', 'lineStarts', 'length', 'hash']);

/**
 * The document with every position in its own text left out. Two versions with the same view differ
 * only in where things are (lines added or removed above them, text moved): what other documents'
 * findings, the workspace's findings, coverage and the run summary read of a document is the same in
 * both. Its own findings are not: they are placed by those positions.
 */
export function positionFreeView(doc: ParsedDocument): string {
  return JSON.stringify(doc, (key: string, value: unknown) => (POSITIONAL.has(key) ? undefined : value));
}
