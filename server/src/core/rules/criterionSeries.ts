import { criteriaInSeries } from '../catalog/catalog';
import type { DocumentRule } from './rule';

export const criterionSeries: DocumentRule = {
  scope: 'document',
  code: 'criterion-series',
  defaultSeverity: 'warning',
  description: 'Criteria written as text name a whole series (`SOC 2 CC6/CC7`), which maps no criterion.',
  check(ctx) {
    for (const s of ctx.doc.series ?? []) {
      const ids = criteriaInSeries(s.value).map((c) => c.id);
      ctx.report(s.span, `\`${s.value}\` names a whole series, so it maps no criterion and this document counts toward none of it. Name the criteria of ${s.value} the document addresses: ${ids.join(', ')}.`, {
        fixes: [{ title: `List the criteria of ${s.value} (${ids.join(', ')})`, changes: [{ kind: 'edit', path: ctx.doc.path, edits: [{ span: s.span, newText: ids.join(', ') }] }] }],
        data: { criterion: s.value },
      });
    }
  },
};
