// The coverage tree: categories → series → criteria → the documents that map them → their evidence.
// Built from the server's coverage request; the gaps filter hides criteria that need nothing.

import * as vscode from 'vscode';
import type { CategoryNode, CoverageStateName, CriterionNode, DocumentNode, EvidenceNode, FolderCoverage, RiskNode, SeriesNode } from '../../../server/src/protocol';
import { progressWords, type CoverageStore } from '../store';
import { isGap, plural, stateIcon, STATE_ORDER, STATES } from './states';
import { vendorChildren, vendorItem, vendorParent, vendorsElement, type VendorElement } from './vendorItems';

export const COVERAGE_VIEW = 'complianceDocs.coverage';

export type CoverageElement =
  | { readonly kind: 'folder'; readonly folder: FolderCoverage }
  | { readonly kind: 'category'; readonly folder: FolderCoverage; readonly category: CategoryNode }
  | { readonly kind: 'series'; readonly folder: FolderCoverage; readonly series: SeriesNode }
  | { readonly kind: 'criterion'; readonly folder: FolderCoverage; readonly criterion: CriterionNode }
  | { readonly kind: 'document'; readonly folder: FolderCoverage; readonly criterion: CriterionNode; readonly document: DocumentNode }
  | { readonly kind: 'evidence'; readonly document: DocumentNode; readonly key: string; readonly evidence: EvidenceNode }
  | VendorElement
  | { readonly kind: 'risks'; readonly folder: FolderCoverage }
  | { readonly kind: 'risk'; readonly folder: FolderCoverage; readonly risk: RiskNode };

const DOCUMENT_ICONS: Readonly<Record<string, string>> = {
  policy: 'law',
  procedure: 'list-ordered',
  control: 'shield',
  narrative: 'book',
  vendor: 'organization',
  risk: 'warning',
  'risk-assessment': 'checklist',
};

export class CoverageTreeProvider implements vscode.TreeDataProvider<CoverageElement>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<CoverageElement | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private gapsOnly = false;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly store: CoverageStore) {
    this.subscription = store.onDidChange(() => this.changed.fire(undefined));
  }

  get showsOnlyGaps(): boolean {
    return this.gapsOnly;
  }

  setGapsOnly(value: boolean): void {
    this.gapsOnly = value;
    this.changed.fire(undefined);
  }

  /** What the view says above the tree, or undefined when the tree speaks for itself. */
  message(): string | undefined {
    const snapshot = this.store.snapshot;
    if (!snapshot) return undefined;
    const folders = snapshot.coverage.folders;
    const indexing = folders.filter((f) => !f.complete);
    if (indexing.length > 0) {
      const each = indexing.map((f) => `${f.name}, ${progressWords(this.store.progressOf(f))}`).join('; ');
      return `Indexing ${each}. Counts and states appear when it is done.`;
    }
    if (this.gapsOnly && folders.every((f) => !f.categories.some((c) => c.series.some((s) => s.criteria.some((k) => isGap(k.state)))))) {
      return 'No gaps: every criterion in scope is covered or not applicable.';
    }
    return undefined;
  }

  getChildren(element?: CoverageElement): CoverageElement[] {
    const folders = this.store.snapshot?.coverage.folders ?? [];
    if (!element) {
      if (folders.length === 1) return this.categories(folders[0]);
      return folders.map((folder) => ({ kind: 'folder', folder }));
    }
    switch (element.kind) {
      case 'folder':
        return this.categories(element.folder);
      case 'category':
        return element.category.series.filter((s) => this.keepSeries(s)).map((series) => ({ kind: 'series', folder: element.folder, series }));
      case 'series':
        return element.series.criteria.filter((c) => this.keepCriterion(c)).map((criterion) => ({ kind: 'criterion', folder: element.folder, criterion }));
      case 'criterion':
        return element.criterion.documents.map((document) => ({ kind: 'document', folder: element.folder, criterion: element.criterion, document }));
      case 'document':
        return element.document.evidence.map((evidence, i) => ({ kind: 'evidence', document: element.document, key: `${element.folder.uri}#${element.criterion.id}#${element.document.uri}#${i}`, evidence }));
      case 'evidence':
        return [];
      case 'risks':
        // The server sends them above tolerance first, then by residual score; the gaps filter keeps those that need something.
        return (element.folder.risks?.risks ?? []).filter((r) => !this.gapsOnly || r.aboveTolerance || r.acceptanceGap).map((risk) => ({ kind: 'risk', folder: element.folder, risk }));
      case 'risk':
        return [];
      default:
        return vendorChildren(element, this.gapsOnly);
    }
  }

  getTreeItem(element: CoverageElement): vscode.TreeItem {
    switch (element.kind) {
      case 'folder':
        return folderItem(element.folder);
      case 'category':
        return categoryItem(element.folder, element.category);
      case 'series':
        return seriesItem(element.folder, element.series, this.gapsOnly);
      case 'criterion':
        return criterionItem(element.folder, element.criterion);
      case 'document':
        return documentItem(element.folder, element.criterion, element.document);
      case 'evidence':
        return evidenceItem(element.key, element.evidence);
      case 'risks':
        return risksItem(element.folder);
      case 'risk':
        return riskItem(element.folder, element.risk);
      default:
        return vendorItem(element);
    }
  }

  /** The parent of an element, so that the view can reveal a criterion (from a code lens). */
  getParent(element: CoverageElement): CoverageElement | undefined {
    const folders = this.store.snapshot?.coverage.folders ?? [];
    const folderElement = (folder: FolderCoverage): CoverageElement | undefined => (folders.length === 1 ? undefined : { kind: 'folder', folder });
    switch (element.kind) {
      case 'folder':
        return undefined;
      case 'category':
        return folderElement(element.folder);
      case 'series': {
        const category = element.folder.categories.find((c) => c.series.some((s) => s.id === element.series.id));
        return category ? { kind: 'category', folder: element.folder, category } : undefined;
      }
      case 'criterion': {
        for (const category of element.folder.categories) {
          const series = category.series.find((s) => s.criteria.some((c) => c.id === element.criterion.id));
          if (series) return { kind: 'series', folder: element.folder, series };
        }
        return undefined;
      }
      case 'document':
        return { kind: 'criterion', folder: element.folder, criterion: element.criterion };
      case 'evidence':
        return undefined;
      case 'risks':
        return folderElement(element.folder);
      case 'risk':
        return { kind: 'risks', folder: element.folder };
      case 'vendors':
        return folderElement(element.folder);
      default:
        return vendorParent(element);
    }
  }

  /** The criterion's element in the folder holding `uri` (or the first folder), if the view shows it. */
  criterionElement(id: string, uri?: string): CoverageElement | undefined {
    const folders = this.store.snapshot?.coverage.folders ?? [];
    const folder = folders.find((f) => uri !== undefined && uri.startsWith(f.uri.endsWith('/') ? f.uri : `${f.uri}/`)) ?? folders[0];
    if (!folder) return undefined;
    for (const category of folder.categories) {
      for (const series of category.series) {
        const criterion = series.criteria.find((c) => c.id === id);
        if (criterion && this.keepCriterion(criterion)) return { kind: 'criterion', folder, criterion };
      }
    }
    return undefined;
  }

  private categories(folder: FolderCoverage): CoverageElement[] {
    const categories: CoverageElement[] = folder.categories.filter((c) => c.series.some((s) => this.keepSeries(s))).map((category) => ({ kind: 'category', folder, category }));
    // The register after the vendors, once indexing is done (scores before then would not be true).
    const risks: CoverageElement[] = folder.complete && folder.risks && folder.risks.risks.length > 0 ? [{ kind: 'risks', folder }] : [];
    return [...categories, ...vendorsElement(folder, this.gapsOnly), ...risks];
  }

  private keepSeries(series: SeriesNode): boolean {
    return series.criteria.some((c) => this.keepCriterion(c));
  }

  private keepCriterion(criterion: CriterionNode): boolean {
    return !this.gapsOnly || isGap(criterion.state);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

/** What rows say instead of counts and states while their folder is being indexed. */
const INDEXING = 'indexing…';

function folderItem(folder: FolderCoverage): vscode.TreeItem {
  const item = new vscode.TreeItem(folder.name, vscode.TreeItemCollapsibleState.Expanded);
  item.id = folder.uri;
  const s = folder.summary;
  item.description = folder.complete ? `${s.covered}/${s.inScope - s.notApplicable} covered` : INDEXING;
  item.iconPath = new vscode.ThemeIcon('root-folder');
  item.contextValue = 'folder';
  return item;
}

function categoryItem(folder: FolderCoverage, category: CategoryNode): vscode.TreeItem {
  const item = new vscode.TreeItem(category.title, vscode.TreeItemCollapsibleState.Expanded);
  // The same id in both filter modes, so switching the gaps filter keeps what the user expanded.
  item.id = `${folder.uri}#${category.id}`;
  item.contextValue = 'category';
  if (!folder.complete) {
    item.description = INDEXING;
    item.tooltip = `${category.title}: counts appear when indexing is done.`;
    return item;
  }
  const covered = category.series.reduce((n, s) => n + s.covered, 0);
  const applicable = category.series.reduce((n, s) => n + s.applicable, 0);
  item.description = `${covered}/${applicable}`;
  item.tooltip = `${category.title}: ${covered} of ${applicable} criteria covered${notApplicableWords(category.series.reduce((n, s) => n + s.criteria.length - s.applicable, 0))}`;
  return item;
}

/** `(1 not applicable, not counted)`, or nothing: what the counts leave out. */
function notApplicableWords(n: number): string {
  return n > 0 ? ` (${n} not applicable, not counted)` : '';
}

/** The state a series shows: its weakest criterion's, so a series with a gap never looks done. */
export function seriesState(series: SeriesNode): CoverageStateName {
  let worst: CoverageStateName = 'not-applicable';
  for (const c of series.criteria) if (STATE_ORDER.indexOf(c.state) > STATE_ORDER.indexOf(worst)) worst = c.state;
  return worst;
}

function seriesItem(folder: FolderCoverage, series: SeriesNode, gapsOnly: boolean): vscode.TreeItem {
  // Expanded by default while showing gaps; an id already seen keeps the state the user gave it.
  const state = gapsOnly ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed;
  // The count right after the id: a narrow view cuts the end of the label, which is the title.
  const item = new vscode.TreeItem(folder.complete ? `${series.id} ${series.covered}/${series.applicable} ${series.title}` : `${series.id} ${series.title}`, state);
  item.id = `${folder.uri}#${series.id}`;
  item.contextValue = 'series';
  // Until indexing is done the counts and states are not true yet: show none.
  if (!folder.complete) {
    item.description = INDEXING;
    item.tooltip = `${series.id} ${series.title}: counts appear when indexing is done.`;
    return item;
  }
  const worst = seriesState(series);
  item.iconPath = stateIcon(worst);
  const weakest = worst === 'covered' || worst === 'not-applicable' ? 'every criterion covered or not applicable' : `weakest criterion ${STATES[worst].label}`;
  const na = notApplicableWords(series.criteria.length - series.applicable);
  item.tooltip = `${series.id} ${series.title}: ${series.covered} of ${series.applicable} criteria covered${na}; ${weakest}`;
  item.accessibilityInformation = { label: `${series.id} ${series.title}, ${series.covered} of ${series.applicable} covered${na}, ${weakest}` };
  return item;
}

function criterionItem(folder: FolderCoverage, criterion: CriterionNode): vscode.TreeItem {
  const look = STATES[criterion.state];
  const n = criterion.documents.length;
  const item = new vscode.TreeItem(`${criterion.id} ${criterion.title}`, n > 0 ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
  item.id = `${folder.uri}#${criterion.id}`;
  if (!folder.complete) {
    item.description = INDEXING;
    item.tooltip = `${criterion.id} ${criterion.title}: its state appears when indexing is done.`;
    item.contextValue = 'criterion.indexing';
    return item;
  }
  item.iconPath = stateIcon(criterion.state);
  item.description = criterion.state === 'not-applicable' ? look.label : `${look.label} · ${plural(n, 'document')}`;
  const tooltip = new vscode.MarkdownString();
  tooltip.appendMarkdown(`**${criterion.id} ${escape(criterion.title)}**: ${look.label}\n\n`);
  if (criterion.explanation) tooltip.appendMarkdown(`${escape(criterion.explanation)}\n\n`);
  // Why this state, in the matrix's words ("claimed: POL-ACCESS is a policy; …"), then what it means.
  if (criterion.reason && criterion.state !== 'not-applicable') tooltip.appendMarkdown(`**Why:** ${escape(criterion.reason)}\n\n`);
  tooltip.appendMarkdown(escape(look.meaning));
  if (criterion.justification) tooltip.appendMarkdown(`\n\nJustification: ${escape(criterion.justification)}`);
  if (criterion.heldBy && criterion.state === 'stale' && !(criterion.reason ?? '').includes('held at stale')) tooltip.appendMarkdown(`\n\n${escape(`Held at stale at best while these critical or high vendors have a warning or an error: ${criterion.heldBy.join(', ')}. See the Vendors node.`)}`);
  item.tooltip = tooltip;
  item.accessibilityInformation = { label: `${criterion.id} ${criterion.title}, ${item.description}` };
  // e.g. criterion.uncovered: menus offer "New Control for This Criterion" on the gaps.
  item.contextValue = `criterion.${criterion.state}`;
  return item;
}

function documentItem(folder: FolderCoverage, criterion: CriterionNode, document: DocumentNode): vscode.TreeItem {
  const uri = vscode.Uri.parse(document.uri);
  const item = new vscode.TreeItem(document.id, document.evidence.length > 0 ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
  item.id = `${folder.uri}#${criterion.id}#${document.uri}`;
  item.resourceUri = uri;
  item.description = document.title;
  item.iconPath = new vscode.ThemeIcon(DOCUMENT_ICONS[document.type] ?? 'file');
  item.tooltip = `${document.id} (${document.type}): ${document.title}\nEarns ${criterion.id}: ${STATES[document.state].label}${document.reason ? `: ${document.reason}` : ''}\n${vscode.workspace.asRelativePath(uri)}`;
  item.command = { title: 'Open Document', command: 'vscode.open', arguments: [uri, { selection: new vscode.Range(document.line, 0, document.line, 0) }] };
  item.contextValue = 'document';
  return item;
}

function evidenceItem(key: string, evidence: EvidenceNode): vscode.TreeItem {
  const item = new vscode.TreeItem(evidence.target, vscode.TreeItemCollapsibleState.None);
  item.id = key;
  // A date read from the path is what the folder name says, not a recorded date: shown as such.
  const dated = evidence.date ? (evidence.dateSource === 'inferred' ? `dated ${evidence.date}, inferred from the path` : `dated ${evidence.date}`) : 'no date';
  switch (evidence.state) {
    case 'exists':
      item.iconPath = new vscode.ThemeIcon('file');
      item.description = dated;
      break;
    case 'url':
      item.iconPath = new vscode.ThemeIcon('link-external');
      item.description = dated;
      break;
    case 'missing':
      item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('charts.red'));
      item.description = 'file not found';
      item.tooltip = `${evidence.target} does not exist. Fix the path or commit the file.`;
      break;
    case 'outside':
      item.iconPath = new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('charts.red'));
      item.description = 'outside the workspace';
      item.tooltip = `${evidence.target} leaves the repository, so it is never read. Copy the evidence into the repository.`;
      break;
  }
  if (evidence.uri && (evidence.state === 'exists' || evidence.state === 'url')) {
    item.command = { title: 'Open Evidence', command: 'complianceDocs.openEvidence', arguments: [evidence.uri] };
    item.tooltip = `${evidence.target} (${dated})`;
  }
  item.contextValue = `evidence.${evidence.state}`;
  return item;
}

function risksItem(folder: FolderCoverage): vscode.TreeItem {
  const reg = folder.risks;
  const item = new vscode.TreeItem('Risks', vscode.TreeItemCollapsibleState.Collapsed);
  item.id = `${folder.uri}#risks`;
  item.contextValue = 'risks';
  item.iconPath = new vscode.ThemeIcon('flame');
  const above = reg?.risks.filter((r) => r.aboveTolerance).length ?? 0;
  const n = reg?.risks.length ?? 0;
  item.description = `${plural(n, 'risk')}${above ? ` · ${above} above tolerance` : ''}`;
  item.tooltip = `The risk register: ${plural(n, 'risk')}, above the tolerance of ${reg?.tolerance ?? ''} first, then by residual score (likelihood × impact, scale 1 to ${reg?.scale ?? ''}).`;
  return item;
}

function riskItem(folder: FolderCoverage, risk: RiskNode): vscode.TreeItem {
  const uri = vscode.Uri.parse(risk.uri);
  const item = new vscode.TreeItem(`${risk.id} ${risk.title}`, vscode.TreeItemCollapsibleState.None);
  item.id = `${folder.uri}#risk#${risk.uri}`;
  item.resourceUri = uri;
  const residual = risk.residual ? `residual ${risk.residual.score}` : 'not scored';
  const parts = [residual];
  if (risk.aboveTolerance) parts.push('above tolerance');
  if (risk.treatment) parts.push(risk.treatment);
  if (risk.acceptanceGap) parts.push('acceptance needed');
  if (risk.status !== 'approved') parts.push(risk.status);
  item.description = parts.join(' · ');
  item.iconPath = risk.aboveTolerance || risk.acceptanceGap ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('charts.red')) : new vscode.ThemeIcon('pass', new vscode.ThemeColor('charts.green'));
  const score = (s: RiskNode['inherent']): string => (s ? `${s.likelihood} × ${s.impact} = ${s.score}` : 'not scored');
  item.tooltip = `${risk.id}: ${risk.title}\nInherent ${score(risk.inherent)} · residual ${score(risk.residual)}${risk.aboveTolerance ? ` (above the tolerance of ${folder.risks?.tolerance ?? ''})` : ''}\nTreatment: ${risk.treatment ?? 'not stated'}${risk.acceptanceGap ? ' · needs a current acceptance' : ''}\n${risk.lastAssessment ? `Last assessed in ${risk.lastAssessment.id} on ${risk.lastAssessment.date}` : 'No approved assessment lists it'}`;
  item.accessibilityInformation = { label: `${risk.id} ${risk.title}, ${item.description}` };
  item.command = { title: 'Open Risk', command: 'vscode.open', arguments: [uri, { selection: new vscode.Range(risk.line, 0, risk.line, 0) }] };
  item.contextValue = 'risk';
  return item;
}

function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!<>|]/g, '\\$&');
}
