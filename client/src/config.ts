// Typed access to the extension's settings. Nothing is cached: every getter reads the current value,
// so a change takes effect without a restart (the language client forwards it to the server).

import * as vscode from 'vscode';
import type { ServerSettings } from '../../server/src/protocol';

export const SECTION = 'complianceDocs';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function section(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration(SECTION);
}

/** The date to check as of (YYYY-MM-DD), `fieldwork` (each folder's audit.fieldwork), or undefined for the real today. */
export function today(): string | undefined {
  const value = section().get<string>('today', '').trim();
  if (value.toLowerCase() === 'fieldwork') return 'fieldwork';
  return ISO_DATE.test(value) ? value : undefined;
}

export function statusBarEnabled(): boolean {
  return section().get<boolean>('statusBar.enabled', true);
}

/** What the server reads from initializationOptions and workspace/configuration. */
export function serverSettings(cacheDir: string | undefined): ServerSettings {
  return { today: today() ?? '', ...(cacheDir ? { cacheDir } : {}) };
}

/** True when a configuration change touches one of our settings. */
export function affectsUs(event: vscode.ConfigurationChangeEvent): boolean {
  return event.affectsConfiguration(SECTION);
}
