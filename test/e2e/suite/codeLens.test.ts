import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { extensionApi, file, indexed, waitFor } from './util';

describe('code lenses', () => {
  before(async () => {
    await indexed();
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('hands out only commands the extension registers, and each one runs', async () => {
    const uri = file('controls/access-review.md');
    await vscode.window.showTextDocument(uri);
    const lenses = await waitFor('the code lenses of a control', async () => {
      const found = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 10);
      return found && found.some((l) => l.command?.command) ? found : undefined;
    });
    const registered = new Set(await vscode.commands.getCommands(true));
    const commands = lenses.flatMap((l) => (l.command?.command ? [l.command] : []));
    assert.ok(commands.length >= 2, `expected at least two lenses with a command, got ${commands.map((c) => c.command).join(', ')}`);
    for (const command of commands) {
      assert.ok(registered.has(command.command), `the lens "${command.title}" runs ${command.command}, which the extension does not register`);
      // Clicking a lens runs its command with its arguments; it must not fail.
      await vscode.commands.executeCommand(command.command, ...(command.arguments ?? []));
    }
  });

  it('the criteria lens selects the first mapped criterion in the coverage view', async () => {
    const uri = file('controls/access-review.md');
    await vscode.window.showTextDocument(uri);
    const lens = await waitFor('the criteria lens', async () => {
      const found = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 10);
      return found?.find((l) => l.command?.command === 'complianceDocs.showCoverage');
    });
    const args = (lens.command?.arguments ?? []) as string[];
    assert.ok(args.length > 0 && args.every((a) => /^[A-Z]+\d+\.\d+$/.test(a)), `lens arguments are criterion ids: ${args.join(', ')}`);
    const shown = await vscode.commands.executeCommand<boolean>('complianceDocs.showCoverage', ...args);
    assert.equal(shown, true);
    const api = await extensionApi();
    await waitFor('the criterion selected in the coverage view', () => (api.selectedCriteria().includes(args[0]) ? true : undefined));
  });
});
