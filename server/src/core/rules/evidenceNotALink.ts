import { reportParseProblems, type DocumentRule } from './rule';

export const evidenceNotALink: DocumentRule = {
  scope: 'document',
  code: 'evidence-not-a-link',
  defaultSeverity: 'error',
  description: 'An evidence entry that is neither a path nor an http(s) URL (`TODO: upload`, `tbd:later`, `javascript:`), so there is nothing to follow.',
  check: (ctx) => reportParseProblems('evidence-not-a-link', ctx),
};
