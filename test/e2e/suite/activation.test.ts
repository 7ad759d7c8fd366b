import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, TODAY, extensionApi, indexed } from './util';

describe('activation', () => {
  it('activates in a workspace with compliance-docs.yml and starts the language server', async () => {
    const api = await extensionApi();
    assert.equal(vscode.extensions.getExtension(EXTENSION_ID)?.isActive, true);
    const snapshot = await indexed();
    assert.equal(api.serverStatus(), 'running');
    assert.equal(typeof api.serverPid(), 'number');
    assert.equal(snapshot.coverage.folders.length, 1);
    assert.equal(snapshot.coverage.folders[0].name, 'harborview');
  });

  it('checks as of complianceDocs.today from the workspace settings', async () => {
    await extensionApi();
    assert.equal(vscode.workspace.getConfiguration('complianceDocs').get('today'), TODAY);
    const snapshot = await indexed();
    assert.equal(snapshot.coverage.folders[0].today, TODAY);
    assert.equal(snapshot.schedule.today, TODAY);
  });

  it('registers every command it contributes', async () => {
    await extensionApi();
    const contributed = (vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as { contributes: { commands: { command: string; category: string }[] } }).contributes.commands;
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const c of contributed) {
      assert.equal(c.category, 'Compliance', `${c.command} has the Compliance category`);
      assert.ok(registered.has(c.command), `${c.command} is registered`);
    }
  });
});
