import type { WorkspaceRule } from './rule';

/** A vendor register kept in one file (`Vendor-and-Subservice-Register.md`, `supplier-inventory.md`). */
const VENDOR_REGISTER = /(?:vendor|supplier|subservice|third[-_ ]?party|sub[-_ ]?processor)s?(?:[-_ ](?:and|&)[-_ ][a-z]+)?[-_ ]?(?:register|inventory|list)\b/i;

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
    const register = ctx.firstDocumentMatching(VENDOR_REGISTER);
    const elsewhere = register ? ` \`${register}\` looks like a vendor register kept in one file; its rows are not read as vendors.` : '';
    ctx.report(
      ctx.config.anchor,
      `CC9.2 is in scope but the program has no vendor file, so nothing shows which vendors it relies on or that their reports were reviewed.${elsewhere} Add one file per vendor under \`vendors/\` (\`type: vendor\`, with its criticality, its assurance reports and the CUECs they ask of you).`,
      fix ? { fixes: [fix] } : undefined,
    );
  },
};
