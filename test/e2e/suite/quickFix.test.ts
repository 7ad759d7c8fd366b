import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, diagnosticsOf, file, indexed, revertAndClose } from './util';

describe('quick fixes', () => {
  before(async () => {
    await indexed();
  });

  it('a quick fix from the code action provider, applied, makes the document clean', async () => {
    const uri = file('policies/risk-management.md');
    await vscode.window.showTextDocument(uri);
    try {
      const [finding] = await diagnosticsOf(uri, 'the unknown-criterion on CC9.9', (d) => d.length === 1 && codeOf(d[0]) === 'unknown-criterion');
      // What the light bulb at the finding offers.
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, finding.range);
      const quickFixes = actions.filter((a) => a.kind?.value === vscode.CodeActionKind.QuickFix.value);
      assert.deepEqual(
        quickFixes.map((a) => a.title),
        ['Change to CC9.2 (Vendor and partner risk)', 'Change to CC9.1 (Business disruption)'],
      );
      const fix = quickFixes.find((a) => a.isPreferred);
      assert.ok(fix?.edit);
      assert.ok(await vscode.workspace.applyEdit(fix.edit));
      assert.equal(vscode.window.activeTextEditor?.document.lineAt(finding.range.start.line).text, '  - CC9.2');
      await diagnosticsOf(uri, 'no findings', (d) => d.length === 0);
    } finally {
      await revertAndClose(uri);
    }
  });
});
