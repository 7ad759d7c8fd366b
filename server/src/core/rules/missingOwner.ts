import { fieldOrAnchor, insertLineFix, type DocumentRule } from './rule';

export const missingOwner: DocumentRule = {
  scope: 'document',
  code: 'missing-owner',
  defaultSeverity: 'info',
  description: 'A document names no owner.',
  check(ctx) {
    const { doc, facts } = ctx;
    if (!facts.readable || facts.status === 'retired' || doc.owner || ctx.config.defaults.owner !== undefined) return;
    if (doc.problems.some((p) => p.code === 'field-invalid' && doc.fields.some((f) => f.field === 'owner' && p.span.start >= f.keySpan.start && p.span.start <= f.valueSpan.end))) return;
    const hasKey = doc.fields.some((f) => f.field === 'owner');
    const fix = hasKey ? undefined : insertLineFix(doc, 'Add an `owner:` field', 'owner: ');
    ctx.report(fieldOrAnchor(doc, 'owner'), `No owner. Name the person or role accountable for this ${facts.type} (e.g. \`owner: security-lead\`); auditors ask who maintains each document.`, fix ? { fixes: [fix] } : undefined);
  },
};
