import type { WorkspaceRule } from './rule';

/** Below this many documents, the per-document review findings say it better. */
const MIN_DOCUMENTS = 3;

export const programNeverReviewed: WorkspaceRule = {
  scope: 'workspace',
  code: 'program-never-reviewed',
  defaultSeverity: 'warning',
  needs: 'index',
  description: 'Almost no document of the program (fewer than one in ten) has a review date: the program shows no sign of its periodic review.',
  check(ctx) {
    // Counted over the documents with frontmatter to read: the others each say so already
    // (frontmatter-missing or -syntax).
    const { documents, reviewed, readable } = ctx.program;
    // Some documents reviewed show a review, however many others lack one: those have their own findings.
    if (readable < MIN_DOCUMENTS || reviewed * 10 >= readable) return;
    const of = readable === documents ? `of the ${documents} documents` : `of the ${readable} documents whose frontmatter was read`;
    ctx.report(
      ctx.config.anchor,
      `${readable - reviewed} ${of} have no review date, so nothing shows that the program is reviewed on a cycle, which an auditor asks for first. Record the date each document was last reviewed and approved (\`last_reviewed: YYYY-MM-DD\`, or the key your documents use, such as approval_date).`,
    );
  },
};
