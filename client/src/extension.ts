// Entry point: builds the context, registers the commands, starts the server. Nothing else lives here.

import * as vscode from 'vscode';
import type { ComplianceDocsApi } from './api';
import { COMMANDS } from './commands';
import { Ctx } from './ctx';

let ctx: Ctx | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<ComplianceDocsApi> {
  const c = new Ctx(context);
  ctx = c;
  context.subscriptions.push(c);
  for (const [id, factory] of Object.entries(COMMANDS)) context.subscriptions.push(vscode.commands.registerCommand(id, factory(c)));
  await c.start();
  return {
    coverageTree: c.coverage,
    reviewSchedule: c.schedule,
    snapshot: () => c.store.snapshot,
    statusBarText: () => c.statusBar.text,
    statusBarAccessibility: () => ({ label: c.statusBar.accessibilityLabel, background: c.statusBar.background }),
    statusBarTooltip: () => c.statusBar.tooltipText,
    hasProgram: () => c.hasProgram,
    serverStatus: () => c.serverStatus,
    serverPid: () => c.serverPid(),
    serverCrashes: () => c.crashes,
    reportVisible: () => c.report.visible,
    reportHtml: () => c.report.html,
    selectedCriteria: () => c.selectedCriteria(),
    indexProgress: () => c.progressSeen,
    coverageMessage: () => c.coverage.message(),
  };
}

export async function deactivate(): Promise<void> {
  await ctx?.stop();
  ctx = undefined;
}
