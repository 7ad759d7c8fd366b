// `$(shield) SOC 2 16/37`: criteria covered out of those that count, and the date checks run as of
// when it is not today. As VS Code's status bar guidelines ask, the item has no background colour
// unless something needs attention now (the server stopped); a screen reader hears a plain sentence.
// A click opens the coverage tree.

import * as vscode from 'vscode';
import * as config from './config';
import { applicable, totalSummary, type Snapshot } from './store';
import { COVERAGE_VIEW } from './views/coverageTree';
import { isGap, STATE_ORDER, STATES } from './views/states';
import { SUMMARY_KEY } from '../../server/src/core/coverage/states';

/** `unavailable`: the workspace is not on disk (a virtual workspace), so no server runs. */
export type ServerStatus = 'starting' | 'running' | 'stopped' | 'unavailable';

export class CoverageStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('complianceDocs.coverage', vscode.StatusBarAlignment.Left, 10);

  constructor() {
    this.item.name = 'Compliance Docs coverage';
    this.item.command = { title: 'Show Coverage', command: `${COVERAGE_VIEW}.focus` };
  }

  get text(): string {
    return this.item.text;
  }

  /** What a screen reader says for the item. */
  get accessibilityLabel(): string | undefined {
    return this.item.accessibilityInformation?.label;
  }

  /** The tooltip as markdown source (or plain text). */
  get tooltipText(): string | undefined {
    const t = this.item.tooltip;
    return t === undefined ? undefined : typeof t === 'string' ? t : t.value;
  }

  /** The item's background colour id, if it has one. */
  get background(): string | undefined {
    return this.backgroundId;
  }

  private backgroundId: string | undefined;

  private setBackground(id: string | undefined): void {
    this.backgroundId = id;
    this.item.backgroundColor = id ? new vscode.ThemeColor(id) : undefined;
  }

  /** `progress`: documents read and to read in the folders still indexing (total unknown while listing). */
  update(snapshot: Snapshot | undefined, status: ServerStatus, progress?: { readonly read: number; readonly total: number | undefined }): void {
    if (!config.statusBarEnabled() || status === 'unavailable') {
      this.item.hide();
      return;
    }
    if (status === 'stopped') {
      this.item.text = '$(error) SOC 2';
      this.item.tooltip = 'The compliance-docs server is not running. Run "Compliance: Restart Server".';
      this.item.accessibilityInformation = { label: 'SOC 2 coverage: the compliance-docs server is not running. Activate to restart it.', role: 'button' };
      this.item.command = 'complianceDocs.restartServer';
      this.setBackground('statusBarItem.errorBackground');
      this.item.show();
      return;
    }
    this.item.command = { title: 'Show Coverage', command: `${COVERAGE_VIEW}.focus` };
    const folders = snapshot?.coverage.folders ?? [];
    // Nothing to report on: no config and no documents, e.g. a plain markdown project.
    if (snapshot && folders.every((f) => f.documentCount === 0 && !f.configUri)) {
      this.item.hide();
      return;
    }
    if (!snapshot || folders.some((f) => !f.complete)) {
      // A percentage, not counts: `SOC 2 1200/20000` would read as coverage.
      const { read, total } = progress ?? { read: 0, total: undefined };
      const pct = total === undefined ? undefined : total === 0 ? 100 : Math.floor((read / total) * 100);
      const words = total === undefined ? 'listing files' : `${read.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} document${total === 1 ? '' : 's'} read`;
      this.item.text = `$(sync~spin) SOC 2${pct === undefined ? '' : ` indexing ${pct}%`}`;
      this.item.tooltip = `Compliance Docs is reading the workspace: ${words}. Coverage appears when it is done.`;
      this.item.accessibilityInformation = { label: `SOC 2 coverage: reading the workspace, ${words}.`, role: 'button' };
      this.setBackground(undefined);
      this.item.show();
      return;
    }
    const sum = totalSummary(snapshot.coverage);
    const total = applicable(sum);
    const setting = config.today();
    const as = [...new Set(folders.map((f) => f.today))].join(', ');
    // `fieldwork`: the dates the server resolved from each folder's audit.fieldwork.
    const simulated = setting === 'fieldwork' ? `fieldwork, ${as}` : setting;
    this.item.text = `$(shield) SOC 2 ${sum.covered}/${total}${simulated ? ` (as of ${simulated})` : ''}`;
    // Gaps are the normal state of a program in progress, not an alert: no warning background.
    this.setBackground(undefined);
    // Every state that needs attention, in the legend's order and words, as the tree and the exports name them.
    const gaps = STATE_ORDER.filter((st) => isGap(st) && sum[SUMMARY_KEY[st]] > 0).map((st) => `${sum[SUMMARY_KEY[st]]} ${STATES[st].label}`);
    this.item.accessibilityInformation = {
      label: `SOC 2 coverage: ${sum.covered} of ${total} criteria covered${gaps.length ? `; ${gaps.join(', ')}` : ''}${simulated ? `; checked as of ${simulated}, not today` : ''}. Activate to open the coverage tree.`,
      role: 'button',
    };
    const tooltip = new vscode.MarkdownString();
    tooltip.appendMarkdown(`**SOC 2 coverage** as of ${as}${simulated ? ' (the complianceDocs.today setting, not today)' : ''}\n\n`);
    tooltip.appendMarkdown(`${sum.covered} of ${total} criteria covered`);
    if (sum.notApplicable > 0) tooltip.appendMarkdown(` (${sum.notApplicable} not applicable, not counted)`);
    tooltip.appendMarkdown('\n\n');
    for (const line of gaps) tooltip.appendMarkdown(`- ${line}\n`);
    // The server's own words (counts only); a folder's name is escaped.
    const reading = folders.map((f) => (f.reading ? `${folders.length > 1 ? `${f.name.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&')}: ` : ''}${f.reading}` : '')).filter((r) => r !== '');
    if (reading.length > 0) tooltip.appendMarkdown(`\n${reading.join('\n\n')}\n`);
    tooltip.appendMarkdown('\nClick to open the coverage tree.');
    this.item.tooltip = tooltip;
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}
