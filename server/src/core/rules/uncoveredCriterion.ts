import { getCriterion } from '../catalog/catalog';
import type { Fix } from '../model/types';
import type { WorkspaceRule } from './rule';

export const uncoveredCriterion: WorkspaceRule = {
  scope: 'workspace',
  code: 'uncovered-criterion',
  defaultSeverity: 'warning',
  needs: 'index',
  description: 'An in-scope criterion that no approved document covers.',
  check(ctx) {
    // With no document, or none approved, no-documents or program-not-approved says it once.
    if (ctx.program.documents === 0 || ctx.program.approved === 0) return;
    for (const c of ctx.coverage.criteria) {
      if (c.state !== 'uncovered') continue;
      const criterion = getCriterion(c.id);
      const fixes: Fix[] = [];
      if (ctx.createControl) fixes.push(ctx.createControl(c.id));
      if (ctx.scopeOut) fixes.push(ctx.scopeOut(c.id));
      ctx.report(ctx.config.anchor, `${c.id} (${criterion?.title ?? c.title}) is in scope but no approved document maps it. Map it from a control that addresses it, or list it under \`not_applicable\` with a justification.`, {
        fixes,
        data: { criterion: c.id },
      });
    }
  },
};
