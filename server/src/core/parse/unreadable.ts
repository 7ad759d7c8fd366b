// Documents that cannot be read as markdown still appear in the index, with a finding saying why.

import type { ParsedDocument, RawFinding } from '../model/types';

export type UnreadableReason =
  | { readonly kind: 'too-large'; readonly size: number; readonly limit: number }
  | { readonly kind: 'binary' }
  | { readonly kind: 'symlink-outside'; readonly via: string }
  | { readonly kind: 'symlink-loop'; readonly via: string }
  | { readonly kind: 'not-a-file'; readonly what?: 'fifo' | 'socket' | 'device' | 'folder' }
  | { readonly kind: 'io-error'; readonly message: string };

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function unreadableMessage(reason: UnreadableReason): string {
  switch (reason.kind) {
    case 'too-large':
      return `This file is ${mb(reason.size)}; documents over ${mb(reason.limit)} are not checked. Keep policies and controls short and move bulk material into evidence files.`;
    case 'binary':
      return 'This file is binary, not markdown text, so it was not checked. Rename it, or exclude it under `documents.exclude`.';
    case 'symlink-outside':
      return `This document is a symlink (via \`${reason.via}\`) to a file outside the repository; it is not read. Copy the document into the repository.`;
    case 'symlink-loop':
      return `This document is a symlink that loops (via \`${reason.via}\`); it cannot be read. Fix or remove the link.`;
    case 'not-a-file': {
      const what = reason.what === 'fifo' ? 'a named pipe (FIFO)' : reason.what === 'socket' ? 'a socket' : reason.what === 'device' ? 'a device' : reason.what === 'folder' ? 'a folder' : undefined;
      return what ? `This path is ${what}, not a regular file, so it was not read. Rename it, or exclude it under \`documents.exclude\`.` : 'This path is not a regular file, so it was not read.';
    }
    case 'io-error':
      return `This file could not be read (${reason.message}).`;
  }
}

/** A placeholder document carrying the reason it was skipped. */
export function unreadableDocument(path: string, reason: UnreadableReason): ParsedDocument {
  return {
    path,
    length: 0,
    lineStarts: [0],
    format: 'none',
    fields: [],
    criteria: [],
    policies: [],
    controls: [],
    evidence: [],
    lists: {},
    problems: [{ code: 'document-unreadable', span: { start: 0, end: 0 }, message: unreadableMessage(reason), data: { skipped: 'true', reason: reason.kind, ...(reason.kind === 'io-error' ? { error: reason.message } : {}) } }],
  };
}

/** Added to a document that was read with replacement characters because it is not valid UTF-8. */
export function invalidUtf8Problem(text: string): RawFinding {
  const at = Math.max(0, text.indexOf('\uFFFD'));
  return {
    code: 'document-unreadable',
    span: { start: at, end: Math.min(text.length, at + 1) },
    message: 'This file is not valid UTF-8; it was read with the bad bytes replaced (shown as �). Save it as UTF-8 so names and dates are read correctly.',
    data: { skipped: 'false', reason: 'invalid-utf8' },
  };
}

export function withProblem(doc: ParsedDocument, problem: RawFinding): ParsedDocument {
  return { ...doc, problems: [...doc.problems, problem] };
}
