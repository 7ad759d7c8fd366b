import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { file, indexed, revertAndClose, waitFor } from './util';

describe('completion', () => {
  before(async () => {
    await indexed();
  });

  it('finds a criterion by a word of its title ("mal" → CC6.8), with its state in words', async () => {
    const uri = file('controls/access-review.md');
    const editor = await vscode.window.showTextDocument(uri);
    try {
      const line = editor.document.getText().split('\n').findIndex((l) => l.startsWith('criteria:'));
      assert.ok(line >= 0);
      const close = editor.document.lineAt(line).text.lastIndexOf(']');
      assert.ok(close > 0, 'the control lists its criteria in a flow list');
      await editor.edit((e) => e.insert(new vscode.Position(line, close), ', mal'));
      const at = new vscode.Position(line, close + ', mal'.length);
      const list = await waitFor('completion items', async () => {
        const found = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, at);
        return found && found.items.length > 0 ? found : undefined;
      });
      const cc68 = list.items.find((i) => (typeof i.label === 'string' ? i.label : i.label.label) === 'CC6.8');
      assert.ok(cc68, 'CC6.8 is offered');
      // VS Code filters on filterText: the word typed must be in it.
      assert.match(cc68.filterText ?? '', /\bMalicious\b/);
      const descriptions = list.items.map((i) => (typeof i.label === 'string' ? '' : (i.label.description ?? ''))).concat(list.items.map((i) => i.detail ?? ''));
      assert.ok(!descriptions.some((d) => d.includes('not-applicable')), 'states are said in words');
    } finally {
      await revertAndClose(uri);
    }
  });
});
