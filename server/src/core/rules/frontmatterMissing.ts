import { rankCriteria } from '../catalog/catalog';
import { frontmatterSkeleton } from '../model/templates';
import type { DocumentRule } from './rule';

export const frontmatterMissing: DocumentRule = {
  scope: 'document',
  code: 'frontmatter-missing',
  defaultSeverity: 'warning',
  description: 'A document under an included folder has no frontmatter.',
  check(ctx) {
    const { doc, facts } = ctx;
    if (doc.frontmatter || doc.problems.some((p) => p.code === 'document-unreadable' && p.data?.skipped === 'true')) return;
    const firstLineEnd = doc.lineStarts.length > 1 ? doc.lineStarts[1] - 1 : doc.length;
    const suggested = doc.words ? rankCriteria(doc.words, { limit: 3, include: (c) => ctx.config.categories.includes(c.category) }).map((c) => c.id) : [];
    const skeleton = frontmatterSkeleton({ id: facts.id, type: facts.type, title: facts.title, today: ctx.recordDate, suggested });
    ctx.report({ start: 0, end: Math.max(0, firstLineEnd) }, `This ${facts.type} has no frontmatter, so neither its owner, its review date nor the criteria it meets can be read. Add a \`---\` block with id, owner, criteria and last_reviewed.`, {
      fixes: [{ title: 'Add a frontmatter skeleton', isPreferred: true, changes: [{ kind: 'edit', path: doc.path, edits: [{ span: { start: 0, end: 0 }, newText: skeleton }] }] }],
    });
  },
};
