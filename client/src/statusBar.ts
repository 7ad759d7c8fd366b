// `SOC 2 16/37`: criteria covered out of those that count, with a warning background while any
// criterion in scope still needs work. A click opens the coverage tree.

import * as vscode from 'vscode';
import * as config from './config';
import { applicable, totalSummary, type Snapshot } from './store';
import { COVERAGE_VIEW } from './views/coverageTree';

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

  update(snapshot: Snapshot | undefined, status: ServerStatus): void {
    if (!config.statusBarEnabled() || status === 'unavailable') {
      this.item.hide();
      return;
    }
    if (status === 'stopped') {
      this.item.text = '$(error) SOC 2';
      this.item.tooltip = 'The compliance-docs server is not running. Run "Compliance: Restart Server".';
      this.item.command = 'complianceDocs.restartServer';
      this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
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
      this.item.text = '$(sync~spin) SOC 2';
      this.item.tooltip = 'Compliance Docs is reading the workspace.';
      this.item.backgroundColor = undefined;
      this.item.show();
      return;
    }
    const sum = totalSummary(snapshot.coverage);
    const total = applicable(sum);
    this.item.text = `SOC 2 ${sum.covered}/${total}`;
    this.item.backgroundColor = sum.covered < total ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    const tooltip = new vscode.MarkdownString();
    const as = [...new Set(folders.map((f) => f.today))].join(', ');
    tooltip.appendMarkdown(`**SOC 2 coverage** as of ${as}\n\n`);
    tooltip.appendMarkdown(`${sum.covered} of ${total} criteria covered`);
    if (sum.notApplicable > 0) tooltip.appendMarkdown(` (${sum.notApplicable} not applicable)`);
    tooltip.appendMarkdown('\n\n');
    const gaps = [
      [sum.stale, 'stale: review or evidence out of date'],
      [sum.claimed, 'claimed only: no control with evidence'],
      [sum.uncovered, 'uncovered: nothing maps them'],
    ] as const;
    for (const [n, what] of gaps) if (n > 0) tooltip.appendMarkdown(`- ${n} ${what}\n`);
    tooltip.appendMarkdown('\nClick to open the coverage tree.');
    this.item.tooltip = tooltip;
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}
