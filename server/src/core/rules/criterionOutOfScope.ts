import { getCategory, getCriterion } from '../catalog/catalog';
import type { DocumentRule } from './rule';

export const criterionOutOfScope: DocumentRule = {
  scope: 'document',
  code: 'criterion-out-of-scope',
  defaultSeverity: 'info',
  description: 'A mapped criterion belongs to a category that is not in scope.',
  check(ctx) {
    for (const item of ctx.doc.criteria) {
      const c = getCriterion(item.value);
      if (!c || ctx.config.categories.includes(c.category)) continue;
      const cat = getCategory(c.category);
      ctx.report(item.span, `${c.id} (${c.title}) is ${/^[AEIOU]/.test(cat.title) ? 'an' : 'a'} ${cat.title} criterion, and ${cat.title} is not in scope (categories: ${ctx.config.categories.join(', ')}). It does not count; add \`${c.category}\` to \`categories\` if the audit covers it.`, {
        data: { criterion: c.id },
      });
    }
  },
};
