// Shared by the e2e suites: the extension's API, the workspace copy, and waiting for a condition with
// a deadline (the extension host is asynchronous everywhere; nothing here sleeps for a fixed time).

import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ComplianceDocsApi } from '../../../client/src/api';
import type { Snapshot } from '../../../client/src/store';

export const EXTENSION_ID = 'compliance-docs.compliance-docs';
/** The date run.mjs pins in the workspace copy's settings (complianceDocs.today). */
export const TODAY = '2026-11-16';

/** The real local date: what review records and new documents get, whatever complianceDocs.today says. */
export function realToday(now = new Date()): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

export async function extensionApi(): Promise<ComplianceDocsApi> {
  const ext = vscode.extensions.getExtension<ComplianceDocsApi>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not installed`);
  return ext.activate();
}

export function extensionPath(): string {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext);
  return ext.extensionPath;
}

export function root(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the e2e run opens a workspace folder');
  return folder.uri;
}

export function file(rel: string): vscode.Uri {
  return vscode.Uri.joinPath(root(), ...rel.split('/'));
}

/**
 * Re-checks `probe` until it returns something other than undefined, or fails after `timeoutMs`
 * with what was awaited and the last value seen.
 */
export async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) assert.fail(`timed out after ${timeoutMs / 1000} s waiting for ${what}${last ? ` (last error: ${String(last)})` : ''}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The extension's latest coverage once the server runs, every folder is indexed and `accept` holds. */
export async function indexed(what = 'the workspace to be indexed', accept: (s: Snapshot) => boolean = () => true): Promise<Snapshot> {
  const api = await extensionApi();
  return waitFor(what, () => {
    const s = api.snapshot();
    return s && api.serverStatus() === 'running' && s.coverage.folders.every((f) => f.complete) && accept(s) ? s : undefined;
  });
}

/** The code of a diagnostic as a string (VS Code wraps it with its link when there is one). */
export function codeOf(d: vscode.Diagnostic): string {
  return String(typeof d.code === 'object' ? d.code.value : d.code);
}

/** Diagnostics of a file once `accept` holds for them. */
export function diagnosticsOf(uri: vscode.Uri, what: string, accept: (d: readonly vscode.Diagnostic[]) => boolean): Promise<readonly vscode.Diagnostic[]> {
  return waitFor(`${what} in ${vscode.workspace.asRelativePath(uri)} (now: ${codes(vscode.languages.getDiagnostics(uri)).join(', ') || 'none'})`, () => {
    const d = vscode.languages.getDiagnostics(uri);
    return accept(d) ? d : undefined;
  });
}

export function codes(diagnostics: readonly vscode.Diagnostic[]): string[] {
  return diagnostics.map(codeOf).sort();
}

/** Runs the project's CLI from the extension folder on the workspace copy; resolves with stdout. */
export function cli(...args: string[]): Promise<string> {
  const main = path.join(extensionPath(), 'dist', 'cli.js');
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [main, ...args], { maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      // `check` exits 1 or 2 by design; only a missing output is a failure here.
      if (err && !stdout) reject(new Error(`compliance-docs ${args.join(' ')} failed: ${stderr || err.message}`));
      else resolve(stdout);
    });
  });
}

/** Closes the active editor without saving, so a test leaves the files on disk as it found them. */
export async function revertAndClose(uri: vscode.Uri): Promise<void> {
  const editor = await vscode.window.showTextDocument(uri);
  if (editor.document.isDirty) await vscode.commands.executeCommand('workbench.action.files.revert');
  await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
}

/**
 * Zero-based range of the first `needle` on disk (to assert exact ranges). Read from disk rather than
 * opened, so the file stays closed and its diagnostics stay pushed.
 */
export async function rangeOf(uri: vscode.Uri, needle: string): Promise<vscode.Range> {
  const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  const offset = text.indexOf(needle);
  assert.ok(offset >= 0, `${needle} not found in ${uri.fsPath}`);
  const at = (o: number): vscode.Position => {
    const before = text.slice(0, o).split('\n');
    return new vscode.Position(before.length - 1, before[before.length - 1].length);
  };
  return new vscode.Range(at(offset), at(offset + needle.length));
}
