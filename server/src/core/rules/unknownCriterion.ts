import { getCriterion, suggestCriteria } from '../catalog/catalog';
import type { Fix, Located, ParsedDocument } from '../model/types';
import type { DocumentRule } from './rule';

function replaceItem(doc: ParsedDocument, item: Located, ids: readonly string[]): string {
  const shape = doc.lists.criteria;
  if (!shape || shape.flow || shape.itemPrefix === undefined) return ids.join(', ');
  return ids.join(`\n${shape.itemPrefix}`);
}

export const unknownCriterion: DocumentRule = {
  scope: 'document',
  code: 'unknown-criterion',
  defaultSeverity: 'error',
  description: 'A criterion ID that is not in the SOC 2 catalog (CC9.9, cc6.1, CC6).',
  check(ctx) {
    const { doc } = ctx;
    for (const item of doc.criteria) {
      if (getCriterion(item.value)) continue;
      const s = suggestCriteria(item.value);
      const edit = (title: string, ids: readonly string[], isPreferred: boolean): Fix => ({
        title,
        isPreferred,
        changes: [{ kind: 'edit', path: doc.path, edits: [{ span: item.span, newText: replaceItem(doc, item, ids) }] }],
      });
      if (!s) {
        ctx.report(item.span, `\`${item.value}\` is not a SOC 2 criterion ID. Use IDs from the catalog, such as CC6.1 or A1.2.`, { data: { criterion: item.value } });
      } else if (s.kind === 'normalized') {
        ctx.report(item.span, `\`${item.value}\` is not written as a criterion ID; write \`${s.id}\` (${getCriterion(s.id)?.title ?? ''}).`, {
          fixes: [edit(`Change to ${s.id}`, [s.id], true)],
          data: { criterion: item.value },
        });
      } else if (s.kind === 'family') {
        const series = s.ids[0].replace(/\.\d+$/, '');
        ctx.report(item.span, `\`${item.value}\` is a series, not a criterion. Map the criteria of ${series} this document addresses: ${s.ids.join(', ')}.`, {
          fixes: [edit(`Expand ${item.value} to ${s.ids.join(', ')}`, s.ids, false)],
          data: { criterion: item.value },
        });
      } else {
        const series = item.value.replace(/\.\d+$/, '');
        ctx.report(item.span, `\`${item.value}\` is not a SOC 2 criterion${/\.\d+$/.test(item.value) && s.ids.every((i) => i.startsWith(`${series}.`)) ? ` (${series} ends at ${s.ids[0]})` : ''}. Did you mean ${s.ids.join(' or ')}?`, {
          fixes: s.ids.map((id, i) => edit(`Change to ${id} (${getCriterion(id)?.title ?? ''})`, [id], i === 0)),
          data: { criterion: item.value },
        });
      }
    }
  },
};
