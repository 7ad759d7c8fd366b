// What the repository's history says about a document's body (the text after the frontmatter): when
// a commit last changed it, and whether the text being checked differs from the committed one. The
// Node adapter reads git (node/git.ts); the core only compares dates.

import { findFrontmatter } from '../parse/frontmatter';

export interface BodyHistory {
  /** Author's date (YYYY-MM-DD) of the newest commit that changed the body, not counting the commit that added the file. */
  readonly changedOn?: string;
  /** That commit: abbreviated id and subject line. */
  readonly commit?: string;
  readonly subject?: string;
  /** The review date that commit recorded, when it changed the review date too: the change was reviewed with it. */
  readonly reviewedWith?: string;
  /** The text being checked has a body that differs from the committed one (editor: unsaved or uncommitted edits), as of this date. */
  readonly uncommittedOn?: string;
}

/** Offset where a document's body starts: after its frontmatter block, as the parser finds it. */
export function bodyStart(text: string): number {
  return findFrontmatter(text).bodyStart;
}

/**
 * A 53-bit hash of a document's body, line endings ignored (`\r` is skipped), so that a checkout
 * that converts them does not read as an edit. Equal bodies always hash alike.
 */
export function bodyHash(text: string, from = bodyStart(text)): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13) continue;
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}
