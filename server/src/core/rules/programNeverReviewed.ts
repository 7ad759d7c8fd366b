import type { WorkspaceRule } from './rule';

/** Below this many documents, the per-document review findings say it better. */
const MIN_DOCUMENTS = 3;

export const programNeverReviewed: WorkspaceRule = {
  scope: 'workspace',
  code: 'program-never-reviewed',
  defaultSeverity: 'warning',
  needs: 'index',
  description: 'Most documents of the program have no review date: the program shows no sign of its periodic review.',
  check(ctx) {
    const { documents, reviewed, readable } = ctx.program;
    // Where no document has frontmatter to read, each already says so (frontmatter-missing or -syntax).
    if (documents < MIN_DOCUMENTS || reviewed * 2 >= documents || readable === 0) return;
    ctx.report(
      ctx.config.anchor,
      `${documents - reviewed} of the ${documents} documents have no review date, so nothing shows that the program is reviewed on a cycle, which an auditor asks for first. Record the date each document was last reviewed and approved (\`last_reviewed: YYYY-MM-DD\`, or the key your documents use, such as approval_date).`,
    );
  },
};
