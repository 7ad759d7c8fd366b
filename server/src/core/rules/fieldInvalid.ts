import { reportParseProblems, type DocumentRule } from './rule';

export const fieldInvalid: DocumentRule = {
  scope: 'document',
  code: 'field-invalid',
  defaultSeverity: 'error',
  description: 'A frontmatter field has the wrong type or format (a date that is not a date, criteria that is not a list, an unknown status or cycle).',
  check: (ctx) => reportParseProblems('field-invalid', ctx),
};
