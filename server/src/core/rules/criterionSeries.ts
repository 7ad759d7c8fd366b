import { criteriaInSeries } from '../catalog/catalog';
import type { DocumentRule } from './rule';

/** Above this many series in one document, one finding names them all. */
const MAX_SEPARATE = 3;

export const criterionSeries: DocumentRule = {
  scope: 'document',
  code: 'criterion-series',
  defaultSeverity: 'warning',
  description: 'Criteria written as text name a whole series (`SOC 2 CC6/CC7`), which maps no criterion.',
  check(ctx) {
    const series = ctx.doc.series ?? [];
    const fixOf = (value: string, ids: readonly string[], span: { start: number; end: number }) => ({
      title: `List the criteria of ${value} (${ids.join(', ')})`,
      changes: [{ kind: 'edit' as const, path: ctx.doc.path, edits: [{ span, newText: ids.join(', ') }] }],
    });
    if (series.length > MAX_SEPARATE) {
      // A document that lists series after series (`CC1`…`CC9`) is told once, at the first.
      const names = series.map((s) => `\`${s.value}\``);
      ctx.report(
        series[0].span,
        `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]} name whole series, so they map no criterion and this document counts toward none of them. Name the criteria of each series the document addresses (for ${series[0].value}: ${criteriaInSeries(series[0].value).map((c) => c.id).join(', ')}).`,
        { fixes: series.map((s) => fixOf(s.value, criteriaInSeries(s.value).map((c) => c.id), s.span)), data: { criterion: series[0].value } },
      );
      return;
    }
    for (const s of series) {
      const ids = criteriaInSeries(s.value).map((c) => c.id);
      ctx.report(s.span, `\`${s.value}\` names a whole series, so it maps no criterion and this document counts toward none of it. Name the criteria of ${s.value} the document addresses: ${ids.join(', ')}.`, {
        fixes: [fixOf(s.value, ids, s.span)],
        data: { criterion: s.value },
      });
    }
  },
};
