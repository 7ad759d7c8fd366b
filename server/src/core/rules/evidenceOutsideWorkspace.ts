import type { DocumentRule } from './rule';

export const evidenceOutsideWorkspace: DocumentRule = {
  scope: 'document',
  code: 'evidence-outside-workspace',
  defaultSeverity: 'error',
  needs: 'inventory',
  description: 'An evidence path that leaves the repository root; it is never read.',
  check(ctx) {
    for (const e of ctx.facts.evidence) {
      if (e.state.kind !== 'outside') continue;
      ctx.report(e.link.span, `Evidence \`${e.link.target}\` points outside the repository (${e.state.reason}), so it is not checked and an auditor reading the repository cannot follow it. Copy the record into the repository, or link the system of record by URL.`);
    }
  },
};
