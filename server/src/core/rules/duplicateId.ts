import { areTranslations } from '../model/translations';
import type { DocumentRule } from './rule';

export const duplicateId: DocumentRule = {
  scope: 'document',
  code: 'duplicate-id',
  defaultSeverity: 'error',
  needs: 'index',
  description: 'Two documents share an id.',
  check(ctx) {
    const { doc } = ctx;
    if (!doc.id || !ctx.facts.readable) return;
    // Translations of one document share its id.
    const others = ctx.workspace.documentsWithExplicitId(doc.id.value).filter((p) => p !== doc.path && !areTranslations(p, doc.path));
    if (others.length === 0) return;
    ctx.report(doc.id.span, `The id \`${doc.id.value}\` is also used by ${others.slice(0, 3).join(', ')}${others.length > 3 ? ` and ${others.length - 3} more` : ''}. References and the matrix must point at one document: give each its own id.`, {
      data: { id: doc.id.value },
    });
  },
};
