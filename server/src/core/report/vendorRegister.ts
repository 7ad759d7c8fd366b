// The vendor register: one row per vendor document, critical first, with its newest report, the
// review and the findings that stand. A table of the auditor's matrix like the others, so every
// export (Markdown, CSV, HTML, xlsx) writes it.

import { vendorInventory, type VendorEntry } from '../features/vendors';
import type { ComplianceWorkspace } from '../index/workspace';
import type { MatrixTable } from './tables';

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

export const vendorTable: MatrixTable = {
  key: 'vendors',
  title: 'Vendor register',
  sheet: 'Vendors',
  columns: [
    'Vendor',
    'Vendor title',
    'Criticality',
    'Status',
    'Owner',
    'Services',
    'Relied on for',
    'Newest report',
    'Report period start',
    'Report period end or as of',
    'Report age (months)',
    'Opinion',
    'Categories examined',
    'Current until',
    'Bridging letter through',
    'CUECs',
    'CUECs without a control',
    'Last review',
    'Next review due',
    'Findings',
    'File',
  ],
  rows: (m) =>
    (m.vendors ?? []).map((v) => {
      const r = v.report;
      return [
        v.id,
        v.title,
        v.criticality,
        v.status,
        v.owner ?? '',
        v.services.join(', '),
        (v.reliesOn.length > 0 ? v.reliesOn : ['security']).join(', '),
        r ? r.label : 'none recorded',
        r?.periodStart ?? '',
        r ? (r.dateKind === 'as-of' ? `as of ${r.date}` : r.date) : '',
        r ? String(r.ageMonths) : '',
        r?.opinion ?? '',
        r?.categories.join(', ') ?? '',
        r?.currentUntil ? `${r.currentUntil}${r.stale ? ' (out of date)' : ''}` : '',
        r?.bridgeThrough ?? '',
        String(v.cuecs),
        String(v.cuecsUnmapped),
        v.lastReviewed ?? '',
        v.nextDue ?? '',
        v.findings.map((f) => `${f.code} (${f.severity})`).join('; '),
        v.path,
      ];
    }),
};
