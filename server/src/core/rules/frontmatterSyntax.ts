import { reportParseProblems, type DocumentRule } from './rule';

export const frontmatterSyntax: DocumentRule = {
  scope: 'document',
  code: 'frontmatter-syntax',
  defaultSeverity: 'error',
  description: 'The frontmatter YAML does not parse, is never closed, or is not a mapping.',
  check: (ctx) => reportParseProblems('frontmatter-syntax', ctx),
};
