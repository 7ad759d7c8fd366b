import type { WorkspaceRule } from './rule';

export const vendorInventoryMissing: WorkspaceRule = {
  scope: 'workspace',
  code: 'vendor-inventory-missing',
  defaultSeverity: 'warning',
  needs: 'index',
  description: 'CC9.2 (vendor risk) is in scope and the program has no vendor document.',
  check(ctx) {
    const { program, coverage } = ctx;
    // An empty run says so itself (no-documents).
    if (program.documents === 0 || program.byType.vendor > 0) return;
    const cc92 = coverage.criteria.find((c) => c.id === 'CC9.2');
    if (!cc92 || cc92.state === 'not-applicable') return;
    const fix = ctx.createVendor?.();
    ctx.report(
      ctx.config.anchor,
      'CC9.2 is in scope but the program has no vendor file, so nothing shows which vendors it relies on or that their reports were reviewed. Add one file per vendor under `vendors/` (`type: vendor`, with its criticality, its assurance reports and the CUECs they ask of you).',
      fix ? { fixes: [fix] } : undefined,
    );
  },
};
