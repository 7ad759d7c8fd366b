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
 * A 53-bit hash of a document's body as text: runs of blanks (line endings included) count as one
 * space and blanks at either end as none, so that a checkout that converts line endings, or an edit
 * of layout only, does not read as a change of text. Equal bodies always hash alike.
 */
export function bodyHash(text: string, from = bodyStart(text)): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  // Words and the single spaces between them: a blank line added, trailing spaces dropped or a
  // paragraph wrapped anew leave the text in force as it was.
  let gap = false;
  let any = false;
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isBlank(c)) {
      gap = true;
      continue;
    }
    if (gap && any) {
      h1 = Math.imul(h1 ^ 32, 2654435761);
      h2 = Math.imul(h2 ^ 32, 1597334677);
    }
    gap = false;
    any = true;
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** Space, tab, line feed, vertical tab, form feed, carriage return. */
function isBlank(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

/**
 * Whether two bodies (from their starts) hold the same text once runs of blanks count as one space
 * and blanks at either end as none: what bodyHash hashes, compared on bytes.
 */
export function sameText(x: Uint8Array, y: Uint8Array): boolean {
  let i = 0;
  let j = 0;
  while (i < x.length && isBlank(x[i])) i++;
  while (j < y.length && isBlank(y[j])) j++;
  for (;;) {
    if (i >= x.length || j >= y.length) {
      // Blanks at the end are none.
      while (i < x.length && isBlank(x[i])) i++;
      while (j < y.length && isBlank(y[j])) j++;
      return i >= x.length && j >= y.length;
    }
    const bx = isBlank(x[i]);
    const by = isBlank(y[j]);
    if (bx !== by) {
      // Blanks on one side only: the same text only if they run to the end of a side that ends there.
      let ii = i;
      let jj = j;
      while (ii < x.length && isBlank(x[ii])) ii++;
      while (jj < y.length && isBlank(y[jj])) jj++;
      return ii >= x.length && jj >= y.length;
    }
    if (bx) {
      while (i < x.length && isBlank(x[i])) i++;
      while (j < y.length && isBlank(y[j])) j++;
      continue;
    }
    if (x[i] !== y[j]) return false;
    i++;
    j++;
  }
}
