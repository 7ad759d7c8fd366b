// textDocument/completion in frontmatter and compliance-docs.yml: criterion IDs, document ids, enum
// values, evidence paths and keys, each with an exact replace range.

import { CompletionItemKind, InsertTextFormat, MarkupKind, type CompletionItem, type CompletionList, type Range } from 'vscode-languageserver/node';
import { completionListAt } from '../core/features/completion';
import type { CompletionEntry, CompletionEntryKind } from '../core/features/completionEntry';
import type { Span } from '../core/model/types';
import type { Feature } from './feature';
import { guard } from './guard';
import { fileText } from './hover';

const KINDS: Readonly<Record<CompletionEntryKind, CompletionItemKind>> = {
  criterion: CompletionItemKind.EnumMember,
  document: CompletionItemKind.Reference,
  value: CompletionItemKind.Value,
  file: CompletionItemKind.File,
  folder: CompletionItemKind.Folder,
  key: CompletionItemKind.Property,
  rule: CompletionItemKind.Property,
};

export const completionFeature: Feature = ({ session, capabilities }) => {
  const item = capabilities.textDocument?.completion?.completionItem;
  const snippets = item?.snippetSupport === true;
  const labelDetails = item?.labelDetailsSupport === true;
  const markdownDocs = item?.documentationFormat?.includes(MarkupKind.Markdown) === true;

  const convert = (e: CompletionEntry, rangeOf: (s: Span) => Range): CompletionItem => {
    const snippet = e.snippet === true && snippets;
    const newText = e.snippet && !snippets ? e.insertText.replace(/\$0/g, '') : e.insertText;
    const detail = labelDetails || !e.description ? e.detail : e.detail ? `${e.detail} (${e.description})` : e.description;
    return {
      label: e.label,
      kind: KINDS[e.kind],
      ...(detail ? { detail } : {}),
      ...(labelDetails && e.description ? { labelDetails: { description: e.description } } : {}),
      ...(e.documentation ? { documentation: markdownDocs ? { kind: MarkupKind.Markdown, value: e.documentation } : e.documentation.replace(/`/g, '') } : {}),
      sortText: e.sortText,
      ...(e.filterText ? { filterText: e.filterText } : {}),
      insertTextFormat: snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
      textEdit: { range: rangeOf(e.span), newText },
    };
  };

  session.connection.onCompletion(
    guard('completion', (params): CompletionList | null => {
      const file = fileText(session, params.textDocument.uri);
      if (!file) return null;
      const { items, incomplete } = completionListAt(file.host.workspace, file.rel, file.text, file.offsetAt(params.position));
      if (items.length === 0) return null;
      return { isIncomplete: incomplete, items: items.map((e) => convert(e, (s) => file.rangeOf(s))) };
    }),
  );
  return { completionProvider: { triggerCharacters: ['[', ',', ' ', '/', ':'], resolveProvider: false } };
};
