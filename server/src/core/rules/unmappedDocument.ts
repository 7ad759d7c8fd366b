import { criteriaInSeries, rankCriteria } from '../catalog/catalog';
import { idsByTableFile } from '../model/mappings';
import type { Fix } from '../model/types';
import { fieldOrAnchor, insertLineFix, type DocumentRule } from './rule';

export const unmappedDocument: DocumentRule = {
  scope: 'document',
  code: 'unmapped-document',
  defaultSeverity: 'warning',
  // Mapping tables in other files may map the document.
  needs: 'index',
  description: 'A policy, procedure or control maps no criterion, in its frontmatter or in any mapping table.',
  check(ctx) {
    const { doc, facts } = ctx;
    if (!facts.readable || facts.type === 'narrative' || facts.type === 'vendor' || facts.type === 'risk' || facts.type === 'risk-assessment' || facts.status === 'retired' || doc.criteria.length > 0 || (doc.series?.length ?? 0) > 0 || (facts.mappedBy?.length ?? 0) > 0 || doc.references || facts.linkedByTable) return;
    if (doc.problems.some((p) => p.code === 'field-invalid' && doc.lists.criteria === undefined && doc.fields.some((f) => f.field === 'criteria' && p.span.start >= f.valueSpan.start && p.span.start < Math.max(f.valueSpan.end, f.valueSpan.start + 1)))) return;
    const ranked = doc.words ? rankCriteria(doc.words, { limit: 3, include: (c) => ctx.config.categories.includes(c.category) }) : [];
    const site = doc.fields.find((f) => f.field === 'criteria');
    // comply maps under `satisfies: {TSC: [...]}`.
    const comply = doc.format === 'comply' && !site;
    const mapTo = (ids: readonly string[], title: string, isPreferred: boolean): Fix | undefined => {
      if (comply) return insertLineFix(doc, title, `satisfies:\n  TSC:\n${ids.map((id) => `    - ${id}`).join('\n')}`, isPreferred);
      if (site) {
        return { title, isPreferred, changes: [{ kind: 'edit', path: doc.path, edits: [{ span: site.valueSpan, newText: site.valueSpan.start === site.valueSpan.end ? ` [${ids.join(', ')}]` : `[${ids.join(', ')}]` }] }] };
      }
      return insertLineFix(doc, title, `criteria: [${ids.join(', ')}]`, isPreferred);
    };
    const fixes = ranked.map((c, i) => mapTo([c.id], `Map to ${c.id} (${c.title})`, i === 0)).filter((f): f is Fix => f !== undefined);
    if (ranked.length > 1) {
      const all = mapTo(ranked.map((c) => c.id), `Map to ${ranked.map((c) => c.id).join(', ')}`, false);
      if (all) fixes.push(all);
    }
    const hint = ranked.length > 0 ? ` Its text suggests ${ranked.map((c) => `${c.id} (${c.title})`).join(', ')}.` : '';
    const unknown = facts.mappedToUnknown;
    if (unknown) {
      // Mapped, but only to IDs no criterion has: the fix is in the table.
      const where = [...idsByTableFile(unknown)].map(([from, ids]) => `the table in ${from} maps it to ${ids.map((id) => `\`${id}\``).join(', ')}`).join('; ');
      const one = unknown.length === 1;
      ctx.report(fieldOrAnchor(doc, 'criteria'), `This ${facts.type} maps no SOC 2 criterion, so it counts toward none: ${where}, which ${one ? 'is not a criterion' : 'are not criteria'} of the 2017 Trust Services Criteria. Correct ${one ? 'the ID' : 'the IDs'} in the table (${seriesNote(unknown.map((m) => m.id))}).${hint}`, { fixes });
      return;
    }
    const add = comply ? 'Add `satisfies:` with the `TSC:` IDs it addresses' : `Add \`${site?.key ?? 'criteria'}:\` with the IDs it addresses, or map it in a mapping table`;
    ctx.report(fieldOrAnchor(doc, 'criteria'), `This ${facts.type} maps no SOC 2 criterion, so it counts toward none. ${add}.${hint}`, { fixes });
  },
};

/** What the series of each ID holds: `P1 has only P1.1`, `CC6 has CC6.1 to CC6.8`, `there is no CC10`. */
function seriesNote(ids: readonly string[]): string {
  const notes: string[] = [];
  for (const id of ids) {
    const series = id.slice(0, id.indexOf('.'));
    const items = criteriaInSeries(series);
    const note = items.length === 0 ? `there is no ${series}` : items.length === 1 ? `${series} has only ${items[0].id}` : `${series} has ${items[0].id} to ${items[items.length - 1].id}`;
    if (!notes.includes(note)) notes.push(note);
  }
  return notes.join('; ');
}
