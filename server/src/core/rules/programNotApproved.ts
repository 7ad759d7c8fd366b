import type { WorkspaceRule } from './rule';

export const programNotApproved: WorkspaceRule = {
  scope: 'workspace',
  code: 'program-not-approved',
  defaultSeverity: 'warning',
  needs: 'index',
  description: 'No document of the program is approved: every one is a draft or retired, so nothing counts toward coverage.',
  check(ctx) {
    const { documents, approved } = ctx.program;
    if (documents === 0 || approved > 0) return;
    ctx.report(
      ctx.config.anchor,
      `None of the ${documents} documents is approved (each is a draft, retired, or could not be read), so no criterion is covered. An auditor tests the policies in force: once management has signed a document off, set its status to approved${documents > 1 ? ' (for example `status: approved`, or the value your documents use, such as Published or Final)' : ''}.`,
    );
  },
};
