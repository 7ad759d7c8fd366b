// The vendor inventory as the editor's Vendors node and the vendor register show it: vendors grouped
// by criticality, each with its newest report (type, period end, age) and its findings.

import type { ReviewState } from '../model/facts';
import type { DocumentStatus, Severity, VendorCriticality } from '../model/types';
import { VENDOR_CRITICALITIES } from '../model/types';
import { vendorStanding, type VendorStanding } from '../model/vendor';
import type { ComplianceWorkspace } from '../index/workspace';
import { positionIn } from '../text/lines';

export interface VendorFindingEntry {
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  /** Zero-based line of the finding. */
  readonly line: number;
}

export interface VendorEntry extends VendorStanding {
  readonly id: string;
  readonly title: string;
  readonly path: string;
  readonly owner?: string;
  readonly status: DocumentStatus;
  readonly review: ReviewState;
  readonly cycle: string;
  /** Zero-based line of the frontmatter. */
  readonly line: number;
  readonly findings: readonly VendorFindingEntry[];
}

export interface VendorGroup {
  readonly criticality: VendorCriticality;
  readonly vendors: readonly VendorEntry[];
}

const SEVERITY_RANK: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2, hint: 3 };

/** One vendor document as the inventory shows it; undefined for a path that is not a vendor. */
export function vendorEntry(ws: ComplianceWorkspace, path: string): VendorEntry | undefined {
  const doc = ws.document(path);
  const facts = ws.factsOf(path);
  if (!doc || !facts || facts.type !== 'vendor') return undefined;
  const at = (offset: number): number => positionIn(doc.lineStarts, doc.length, offset).line;
  const findings = ws
    .findings(path)
    .map((f) => ({ code: f.code, severity: f.severity, message: f.message, line: at(f.span.start) }))
    .sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || a.line - b.line);
  return {
    ...vendorStanding(doc, ws.getToday()),
    id: facts.id,
    title: facts.title,
    path,
    ...(doc.owner ? { owner: doc.owner.value } : {}),
    status: facts.status,
    review: facts.review,
    cycle: facts.cycleText,
    line: at(doc.frontmatter?.anchor.start ?? 0),
    findings,
  };
}

/** Every vendor document, critical first, by id within each criticality; criticalities with no vendor are left out. */
export function vendorInventory(ws: ComplianceWorkspace): VendorGroup[] {
  const entries: VendorEntry[] = [];
  for (const path of ws.vendorDocumentPaths()) {
    const e = vendorEntry(ws, path);
    if (e) entries.push(e);
  }
  entries.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : a.path < b.path ? -1 : 1));
  return VENDOR_CRITICALITIES.map((criticality) => ({ criticality, vendors: entries.filter((e) => e.criticality === criticality) })).filter((g) => g.vendors.length > 0);
}

/** The newest report in a few words: "SOC 2 Type II · period end 2025-12-31 · 10 months", or what is missing. */
export function reportSummary(v: VendorStanding): string {
  const r = v.report;
  if (!r) return 'no assurance recorded';
  const kind = r.label.replace(/ (report|certificate)$/, '');
  const date = r.dateKind === 'period-end' ? `period end ${r.date}` : `as of ${r.date}`;
  return `${kind} · ${date} · ${r.ageMonths} month${r.ageMonths === 1 ? '' : 's'}${r.stale ? ', out of date' : ''}`;
}
