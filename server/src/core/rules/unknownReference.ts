import type { DocumentType, Fix } from '../model/types';
import { nearest } from '../text/similar';
import type { DocumentRule, WorkspaceQueries } from './rule';

/** Suggestions per unknown id, kept as long as the workspace's ids are (a new list means they changed). */
const suggestionsByIds = new WeakMap<readonly string[], Map<string, readonly string[]>>();

function suggest(ws: WorkspaceQueries, value: string, wanted: DocumentType): readonly string[] {
  const sameType = ws.idsOfType(wanted);
  let known = suggestionsByIds.get(sameType);
  if (!known) suggestionsByIds.set(sameType, (known = new Map()));
  const kept = known.get(value);
  if (kept) return kept;
  const prefixed = sameType.filter((id) => value.startsWith(`${id}-`) || id.startsWith(`${value}-`));
  const near = [...new Set([...prefixed, ...nearest(value, sameType, 2)])].slice(0, 2);
  const alt = near.length > 0 ? near : nearest(value, ws.idsOfType(), 2);
  known.set(value, alt);
  return alt;
}

export const unknownReference: DocumentRule = {
  scope: 'document',
  code: 'unknown-reference',
  defaultSeverity: 'error',
  needs: 'index',
  description: '`controls:` or `policies:` (or an assessment\'s `risks:`) names an id that no document has.',
  check(ctx) {
    const { doc } = ctx;
    for (const field of ['policies', 'controls'] as const) {
      const wanted = field === 'policies' ? 'policy' : 'control';
      for (const item of doc[field]) {
        if (ctx.workspace.documentsWithId(item.value).length > 0) continue;
        const alt = suggest(ctx.workspace, item.value, wanted);
        const fixes: Fix[] = alt.map((id, i) => ({ title: `Change to ${id}`, isPreferred: i === 0, changes: [{ kind: 'edit', path: doc.path, edits: [{ span: item.span, newText: id }] }] }));
        ctx.report(item.span, `No document has the id \`${item.value}\`.${alt.length ? ` Did you mean ${alt.join(' or ')}?` : ''} Fix the id, or add the ${wanted} it refers to.`, { fixes, data: { id: item.value } });
      }
    }
    // The risks an assessment reviewed.
    for (const item of doc.assessment?.risks ?? []) {
      if (ctx.workspace.documentsWithId(item.value).length > 0) continue;
      const alt = suggest(ctx.workspace, item.value, 'risk');
      const fixes: Fix[] = alt.map((id, i) => ({ title: `Change to ${id}`, isPreferred: i === 0, changes: [{ kind: 'edit', path: doc.path, edits: [{ span: item.span, newText: id }] }] }));
      ctx.report(item.span, `No document has the id \`${item.value}\`.${alt.length ? ` Did you mean ${alt.join(' or ')}?` : ''} Fix the id, or add the risk it refers to (a \`type: risk\` document under \`risks/\`).`, { fixes, data: { id: item.value } });
    }
  },
};
