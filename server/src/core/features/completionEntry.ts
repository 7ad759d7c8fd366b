// What completion offers, as the core says it: the entry the language server turns into an LSP
// CompletionItem. Its own module, so that completion.ts and the completions it delegates to
// (vendorCompletion.ts) both use it without importing each other.

import type { Span } from '../model/types';

export type CompletionEntryKind = 'criterion' | 'document' | 'value' | 'file' | 'folder' | 'key' | 'rule';

export interface CompletionEntry {
  readonly label: string;
  readonly kind: CompletionEntryKind;
  /** One line next to the label, e.g. a criterion's title. */
  readonly detail?: string;
  /** A short qualifier shown after the label, e.g. a criterion's coverage state. */
  readonly description?: string;
  /** Markdown. */
  readonly documentation?: string;
  /** What replaces `span`. */
  readonly insertText: string;
  /** `insertText` holds a `$0` cursor stop. */
  readonly snippet?: boolean;
  /** The text the item replaces: what has been typed of it, and the rest of that word. */
  readonly span: Span;
  readonly sortText: string;
  readonly filterText?: string;
}
