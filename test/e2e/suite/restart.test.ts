import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { TODAY, codes, diagnosticsOf, extensionApi, file, indexed, waitFor } from './util';

describe('server lifecycle', () => {
  it('restarts the server after it crashes, and the views come back', async () => {
    const api = await extensionApi();
    await indexed();
    const pid = api.serverPid();
    assert.ok(pid);
    const crashes = api.serverCrashes();
    process.kill(pid, 'SIGKILL');
    const next = await waitFor('a new server process', () => {
      const now = api.serverPid();
      return now !== undefined && now !== pid && api.serverStatus() === 'running' ? now : undefined;
    });
    assert.notEqual(next, pid);
    assert.equal(api.serverCrashes(), crashes + 1);
    const snapshot = await indexed();
    assert.equal(snapshot.coverage.folders[0].summary.covered, 16);
    assert.equal(api.statusBarText(), `$(shield) SOC 2 16/37 (as of ${TODAY})`);
    // Diagnostics are served again by the new process.
    const uri = file('procedures/key-rotation.md');
    await vscode.window.showTextDocument(uri);
    try {
      await diagnosticsOf(uri, 'findings from the restarted server', (d) => codes(d).join() === 'missing-review-date,unknown-criterion');
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    }
  });

  it('restarts the server on request', async () => {
    const api = await extensionApi();
    await indexed();
    const pid = api.serverPid();
    const crashes = api.serverCrashes();
    await vscode.commands.executeCommand('complianceDocs.restartServer');
    await waitFor('a new server process', () => {
      const now = api.serverPid();
      return now !== undefined && now !== pid && api.serverStatus() === 'running' ? now : undefined;
    });
    assert.equal(api.serverCrashes(), crashes);
    await indexed();
  });
});
