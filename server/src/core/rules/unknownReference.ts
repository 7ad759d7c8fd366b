import type { Fix } from '../model/types';
import { nearest } from '../text/similar';
import type { DocumentRule } from './rule';

export const unknownReference: DocumentRule = {
  scope: 'document',
  code: 'unknown-reference',
  defaultSeverity: 'error',
  needs: 'index',
  description: '`controls:` or `policies:` names an id that no document has.',
  check(ctx) {
    const { doc } = ctx;
    for (const field of ['policies', 'controls'] as const) {
      const wanted = field === 'policies' ? 'policy' : 'control';
      for (const item of doc[field]) {
        if (ctx.workspace.documentsWithId(item.value).length > 0) continue;
        const sameType = [...ctx.workspace.allIds()].filter((id) => ctx.workspace.documentsWithId(id).some((p) => ctx.workspace.factsOf(p)?.type === wanted));
        const prefixed = sameType.filter((id) => item.value.startsWith(`${id}-`) || id.startsWith(`${item.value}-`));
        const near = [...new Set([...prefixed, ...nearest(item.value, sameType, 2)])].slice(0, 2);
        const alt = near.length > 0 ? near : nearest(item.value, ctx.workspace.allIds(), 2);
        const fixes: Fix[] = alt.map((id, i) => ({ title: `Change to ${id}`, isPreferred: i === 0, changes: [{ kind: 'edit', path: doc.path, edits: [{ span: item.span, newText: id }] }] }));
        ctx.report(item.span, `No document has the id \`${item.value}\`.${alt.length ? ` Did you mean ${alt.join(' or ')}?` : ''} Fix the id, or add the ${wanted} it refers to.`, { fixes, data: { id: item.value } });
      }
    }
  },
};
