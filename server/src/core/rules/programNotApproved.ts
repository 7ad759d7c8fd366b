import type { WorkspaceRule } from './rule';

export const programNotApproved: WorkspaceRule = {
  scope: 'workspace',
  code: 'program-not-approved',
  defaultSeverity: 'warning',
  needs: 'index',
  description: 'No document of the program is approved: every one is a draft or retired, so nothing counts toward coverage.',
  check(ctx) {
    const { documents, approved, readable } = ctx.program;
    // Where no document has frontmatter to read, each already says so (frontmatter-missing or -syntax).
    if (documents === 0 || approved > 0 || readable === 0) return;
    ctx.report(
      ctx.config.anchor,
      `${documents === 1 ? 'The one document is not approved (it is a draft or retired)' : `None of the ${documents} documents is approved (each is a draft, retired, or has no frontmatter that can be read)`}, so no criterion is covered. An auditor tests the policies in force: once management has signed a document off, set its status to approved${documents > 1 ? ' (for example `status: approved`, or the value your documents use, such as Published or Final)' : ''}.`,
    );
  },
};
