import { reportParseProblems, type DocumentRule } from './rule';

export const documentUnreadable: DocumentRule = {
  scope: 'document',
  code: 'document-unreadable',
  defaultSeverity: 'warning',
  description: 'A document could not be read as text: binary content, too large, not UTF-8, or a symlink that leaves the repository.',
  check: (ctx) => reportParseProblems('document-unreadable', ctx),
};
