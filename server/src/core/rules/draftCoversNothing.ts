import type { DocumentRule } from './rule';

export const draftCoversNothing: DocumentRule = {
  scope: 'document',
  code: 'draft-covers-nothing',
  defaultSeverity: 'info',
  description: 'A draft maps criteria, which do not count until it is approved.',
  check(ctx) {
    const { doc, facts } = ctx;
    if (!facts.readable || facts.status !== 'draft' || doc.criteria.length === 0 || !doc.status) return;
    const ids = doc.criteria.map((c) => c.value);
    ctx.report(doc.status.span, `This ${facts.type} is a draft, so its mappings (${ids.slice(0, 4).join(', ')}${ids.length > 4 ? ', …' : ''}) count for nothing until it is approved. Set \`status: approved\` once it is signed off.`);
  },
};
