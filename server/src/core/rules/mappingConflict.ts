import { fieldOrAnchor, type DocumentRule } from './rule';

export const mappingConflict: DocumentRule = {
  scope: 'document',
  code: 'mapping-conflict',
  defaultSeverity: 'info',
  needs: 'index',
  description: 'A document’s frontmatter and a mapping table disagree about the criteria it maps.',
  check(ctx) {
    const { doc, facts } = ctx;
    const tables = (facts.mappedBy ?? []).filter((m) => m.from !== doc.path);
    // Only a criteria field is a mapping to compare; IDs mentioned in `references:` text are not.
    if (tables.length === 0 || doc.criteria.length === 0 || !doc.fields.some((f) => f.field === 'criteria')) return;
    const own = new Set(doc.criteria.map((c) => c.value));
    const fromTables = new Set(tables.map((m) => m.id));
    const onlyTables = [...fromTables].filter((id) => !own.has(id));
    const onlyOwn = [...own].filter((id) => !fromTables.has(id));
    if (onlyTables.length === 0 && onlyOwn.length === 0) return;
    const files = [...new Set(tables.map((m) => m.from))].join(', ');
    const parts = [
      ...(onlyTables.length > 0 ? [`${files} map${files.includes(',') ? '' : 's'} it to ${onlyTables.join(', ')}, which its frontmatter does not list`] : []),
      ...(onlyOwn.length > 0 ? [`its frontmatter lists ${onlyOwn.join(', ')}, which the table${files.includes(',') ? 's do' : ' does'} not`] : []),
    ];
    ctx.report(fieldOrAnchor(doc, 'criteria'), `The frontmatter and the mapping table disagree: ${parts.join('; ')}. Both count toward coverage; make them agree so the matrix an auditor samples from says one thing.`, { data: { tables: files } });
  },
};
