// The vendor register: one row per vendor document, critical first, with its newest report, the
// review and the findings that stand. The matrix holds it; its table (vendorTable in tables.ts) is
// one of the matrix's, so every export (Markdown, CSV, HTML, xlsx) writes it.

import { vendorInventory, type VendorEntry } from './vendors';
import type { ComplianceWorkspace } from '../index/workspace';

export type VendorRegisterEntry = Omit<VendorEntry, 'line' | 'review' | 'cycle'> & {
  readonly lastReviewed?: string;
  readonly nextDue?: string;
  readonly cycle: string;
};

/** Every vendor document, critical first and by id within each criticality. */
export function vendorRegister(ws: ComplianceWorkspace): VendorRegisterEntry[] {
  return vendorInventory(ws).flatMap((g) =>
    g.vendors.map(({ line: _line, review, cycle, ...v }) => ({
      ...v,
      cycle,
      ...('date' in review ? { lastReviewed: review.date } : {}),
      ...('due' in review ? { nextDue: review.due } : {}),
    })),
  );
}
