// Documents read and parsed on the calling thread through the parse cache: the language server's
// own share of a load (node/pool.ts, parseHere), and a load with no worker.

import * as path from 'node:path';
import type { ComplianceWorkspace } from '../core/index/workspace';
import type { ParsedDocument } from '../core/model/types';
import { unreadableDocument } from '../core/parse/unreadable';
import { contentHash, DocumentEncoder, type DocumentCache } from './cache';
import { decode, parseRead, readBytes, resolveDocumentPath } from './readDocument';

/** Reads and parses documents on this thread, through the cache: unchanged bytes are not parsed again. */
export function parseDocumentsCached(rootAbs: string, workspace: ComplianceWorkspace, paths: readonly string[], cache: DocumentCache): ParsedDocument[] {
  const settings = workspace.parseSettings();
  const encoder = new DocumentEncoder();
  const fresh: Array<[string, string, number]> = [];
  const docs = paths.map((rel): ParsedDocument => {
    const real = resolveDocumentPath(workspace, rel);
    if (typeof real !== 'string') return real;
    const r = readBytes(path.join(rootAbs, real), rootAbs);
    if (r.kind === 'unreadable') return unreadableDocument(rel, r.reason);
    const hash = contentHash(r.bytes);
    cache.noteSignature(rel, r.signature);
    const cached = cache.get(rel, hash);
    if (cached) return cached;
    const doc = parseRead(rel, decode(r.bytes), settings);
    try {
      fresh.push([rel, hash, encoder.add(doc)]);
    } catch {
      // A document the cache cannot hold exactly is parsed again next time, never stored wrong.
    }
    return doc;
  });
  if (fresh.length > 0) {
    const chunk = encoder.finish();
    for (const [rel, hash, at] of fresh) cache.put(rel, hash, chunk, at);
  }
  return docs;
}
