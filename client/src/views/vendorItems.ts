// The Vendors node of the Compliance view: vendors by criticality, each with its newest report's type,
// period end and age, and its findings (a click opens the vendor file at the finding's line).

import * as vscode from 'vscode';
import type { FolderCoverage, VendorFindingNode, VendorGroupNode, VendorNode } from '../../../server/src/protocol';
import { plural } from './states';

export type VendorElement =
  | { readonly kind: 'vendors'; readonly folder: FolderCoverage }
  | { readonly kind: 'vendorGroup'; readonly folder: FolderCoverage; readonly group: VendorGroupNode }
  | { readonly kind: 'vendor'; readonly folder: FolderCoverage; readonly vendor: VendorNode }
  | { readonly kind: 'vendorFinding'; readonly folder: FolderCoverage; readonly vendor: VendorNode; readonly index: number; readonly finding: VendorFindingNode };

/** A vendor that needs attention: a warning or an error. */
function needsWork(v: VendorNode): boolean {
  return v.findings.some((f) => f.severity === 'error' || f.severity === 'warning');
}

/** The Vendors element of a folder, when it has vendors (while showing gaps: vendors with a warning or an error). */
export function vendorsElement(folder: FolderCoverage, gapsOnly: boolean): VendorElement[] {
  if (!folder.complete || !folder.vendors) return [];
  if (gapsOnly && !folder.vendors.some((g) => g.vendors.some(needsWork))) return [];
  return [{ kind: 'vendors', folder }];
}

export function vendorChildren(element: VendorElement, gapsOnly: boolean): VendorElement[] {
  switch (element.kind) {
    case 'vendors':
      return (element.folder.vendors ?? []).filter((g) => !gapsOnly || g.vendors.some(needsWork)).map((group) => ({ kind: 'vendorGroup', folder: element.folder, group }));
    case 'vendorGroup':
      return element.group.vendors.filter((v) => !gapsOnly || needsWork(v)).map((vendor) => ({ kind: 'vendor', folder: element.folder, vendor }));
    case 'vendor':
      return element.vendor.findings.map((finding, index) => ({ kind: 'vendorFinding', folder: element.folder, vendor: element.vendor, index, finding }));
    case 'vendorFinding':
      return [];
  }
}

export function vendorParent(element: VendorElement): VendorElement | undefined {
  switch (element.kind) {
    case 'vendors':
      return undefined;
    case 'vendorGroup':
      return { kind: 'vendors', folder: element.folder };
    case 'vendor': {
      const group = element.folder.vendors?.find((g) => g.vendors.some((v) => v.uri === element.vendor.uri));
      return group ? { kind: 'vendorGroup', folder: element.folder, group } : undefined;
    }
    case 'vendorFinding':
      return { kind: 'vendor', folder: element.folder, vendor: element.vendor };
  }
}

const SEVERITY_ICON: Readonly<Record<VendorFindingNode['severity'], [string, string]>> = {
  error: ['error', 'problemsErrorIcon.foreground'],
  warning: ['warning', 'problemsWarningIcon.foreground'],
  info: ['info', 'problemsInfoIcon.foreground'],
  hint: ['lightbulb', 'problemsInfoIcon.foreground'],
};

function count(vendors: readonly VendorNode[]): { total: number; attention: number } {
  return { total: vendors.length, attention: vendors.filter(needsWork).length };
}

function open(uri: string, line: number): vscode.Command {
  return { title: 'Open Vendor', command: 'vscode.open', arguments: [vscode.Uri.parse(uri), { selection: new vscode.Range(line, 0, line, 0) }] };
}

export function vendorItem(element: VendorElement): vscode.TreeItem {
  switch (element.kind) {
    case 'vendors': {
      const all = (element.folder.vendors ?? []).flatMap((g) => g.vendors);
      const { total, attention } = count(all);
      const item = new vscode.TreeItem('Vendors', vscode.TreeItemCollapsibleState.Collapsed);
      item.id = `${element.folder.uri}#vendors`;
      item.iconPath = new vscode.ThemeIcon('organization');
      item.description = attention > 0 ? `${plural(total, 'vendor')} · ${attention} need attention` : plural(total, 'vendor');
      item.tooltip = `CC9.2: the vendor inventory. ${plural(total, 'vendor')}; ${attention} with a warning or an error${attention > 0 ? ' (a critical or high one holds CC9.2 at stale at best)' : ''}.`;
      item.contextValue = 'vendors';
      return item;
    }
    case 'vendorGroup': {
      const { total, attention } = count(element.group.vendors);
      const item = new vscode.TreeItem(element.group.criticality, vscode.TreeItemCollapsibleState.Expanded);
      item.id = `${element.folder.uri}#vendors#${element.group.criticality}`;
      item.description = attention > 0 ? `${total} · ${attention} need attention` : String(total);
      item.tooltip = `${plural(total, `${element.group.criticality} vendor`)}, ${attention} with a warning or an error`;
      item.contextValue = 'vendorGroup';
      return item;
    }
    case 'vendor': {
      const v = element.vendor;
      const item = new vscode.TreeItem(v.id, v.findings.length > 0 ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
      item.id = `${element.folder.uri}#vendors#${v.uri}`;
      item.resourceUri = vscode.Uri.parse(v.uri);
      item.description = `${v.report}${v.status === 'approved' ? '' : ` · ${v.status}`}`;
      const worst = v.findings.find((f) => f.severity === 'error') ?? v.findings.find((f) => f.severity === 'warning');
      item.iconPath = worst ? new vscode.ThemeIcon(SEVERITY_ICON[worst.severity][0], new vscode.ThemeColor(SEVERITY_ICON[worst.severity][1])) : new vscode.ThemeIcon('pass-filled', new vscode.ThemeColor('charts.green'));
      item.tooltip = `${v.id} ${v.title} (${v.criticality})\nNewest report: ${v.report}\nReview: ${v.review}\n${plural(v.findings.length, 'finding')}`;
      item.command = open(v.uri, v.line);
      item.contextValue = 'vendor';
      return item;
    }
    case 'vendorFinding': {
      const f = element.finding;
      const item = new vscode.TreeItem(f.message, vscode.TreeItemCollapsibleState.None);
      item.id = `${element.folder.uri}#vendors#${element.vendor.uri}#${element.index}`;
      item.description = f.code;
      item.tooltip = `${f.code} (${f.severity}), line ${f.line + 1}: ${f.message}`;
      item.iconPath = new vscode.ThemeIcon(SEVERITY_ICON[f.severity][0], new vscode.ThemeColor(SEVERITY_ICON[f.severity][1]));
      item.command = open(element.vendor.uri, f.line);
      item.contextValue = `vendorFinding.${f.severity}`;
      return item;
    }
  }
}
