import type { WorkspaceRule } from './rule';

export const noDocuments: WorkspaceRule = {
  scope: 'workspace',
  code: 'no-documents',
  defaultSeverity: 'error',
  needs: 'index',
  description: 'The run read no document: an empty folder, a wrong path, or documents where the reader does not look.',
  check(ctx) {
    // A repository folder that could not be listed is folder-unreadable: that, not where documents are looked for, is the cause.
    if (ctx.program.documents > 0 || ctx.readGaps.some((g) => g.path === '')) return;
    const { documents } = ctx.config;
    const where = documents.auto
      ? 'It reads markdown files under folders named policies, procedures, controls, standards, plans or narratives (at any depth), and markdown files whose frontmatter has compliance keys such as criteria, doc_type, last_reviewed or approval_date.'
      : `No markdown file matches documents.include (${documents.include.join(', ')})${documents.exclude.length > 0 ? ` outside documents.exclude (${documents.exclude.join(', ')})` : ''}.`;
    // Files that look like a program but are passed over as a tool's example or templates: said, with how to read them.
    const examples = ctx.passedOverAs('example');
    const templates = ctx.passedOverAs('template');
    const passed = [
      ...(examples > 0 ? [`${examples} ${examples === 1 ? 'file' : 'files'} under an examples or samples folder`] : []),
      ...(templates > 0 ? [`${templates} ${templates === 1 ? 'template' : 'templates'} (under a templates or themes folder, or named as one)`] : []),
    ];
    const aside = documents.auto && passed.length > 0 ? ` Passed over as examples and templates, not the program: ${passed.join(' and ')}; if they are your program, list them under \`documents.include\`.` : '';
    ctx.report(ctx.config.anchor, `No compliance document was found, so nothing here can be checked and every criterion is uncovered. ${where}${aside} Check that this is the repository's root, or set \`documents.include\` in compliance-docs.yml to the globs of your policies and controls.`);
  },
};
