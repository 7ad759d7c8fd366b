import { rankCriteria } from '../catalog/catalog';
import { frontmatterSkeleton } from '../model/templates';
import { positionIn } from '../text/lines';
import { idsByTableFile } from '../model/mappings';
import type { TableMapping } from '../model/types';
import { listWords } from '../text/words';
import type { DocumentRule } from './rule';

/** "the table in soc2-mapping.md maps it to CC6.1 and CC6.2", or "its own text maps it to …" (a table, a mapping list or a labelled line in it), each file with its IDs. */
function mappedByText(path: string, mappings: readonly TableMapping[]): string {
  return [...idsByTableFile(mappings)].map(([file, ids]) => `${file === path ? 'its own text' : `the table in ${file}`} maps it to ${listWords(ids)}`).join('; ');
}

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
    const stated = doc.statedInBody;
    const skeleton = frontmatterSkeleton({ id: facts.id, type: facts.type, title: facts.title, today: ctx.recordDate, suggested, ...(stated?.owner ? { owner: stated.owner.value } : {}), ...(stated?.reviewed ? { reviewed: stated.reviewed.value } : {}) });
    const lineOf = (at: number): number => positionIn(doc.lineStarts, doc.length, at).line + 1;
    const parts = [stated?.owner ? `its owner (line ${lineOf(stated.owner.span.start)})` : undefined, stated?.reviewed ? `its last review (line ${lineOf(stated.reviewed.span.start)})` : undefined].filter((p): p is string => p !== undefined);
    const mapped = facts.claimsByTable ? mappedByText(doc.path, facts.mappedBy ?? []) : undefined;
    const message = mapped
      ? `This ${facts.type} has no frontmatter, so neither its owner nor its review date can be read${parts.length > 0 ? ` (its body states ${parts.join(' and ')}, which checks read only from frontmatter)` : ''}: ${mapped}, where it counts only as a claim (nothing shows it approved or reviewed). Add a \`---\` block with id, owner and last_reviewed${parts.length > 0 ? ' (the fix carries over what the body states)' : ''}.`
      : parts.length > 0
        ? `This ${facts.type} has no frontmatter. Its body states ${parts.join(' and ')}, which checks read only from frontmatter, and nothing says which criteria it meets. Add a \`---\` block with id, owner, criteria and last_reviewed (the fix carries over what the body states).`
        : `This ${facts.type} has no frontmatter, so neither its owner, its review date nor the criteria it meets can be read. Add a \`---\` block with id, owner, criteria and last_reviewed.`;
    ctx.report({ start: 0, end: Math.max(0, firstLineEnd) }, message, {
      fixes: [{ title: 'Add a frontmatter skeleton', isPreferred: true, changes: [{ kind: 'edit', path: doc.path, edits: [{ span: { start: 0, end: 0 }, newText: skeleton }] }] }],
    });
  },
};
