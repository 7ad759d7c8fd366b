import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { extensionApi, file, waitFor } from '../suite/util';

// A markdown project with no program: the extension must not intrude (no Compliance views, no
// second outline of every markdown file).
describe('a workspace that is not a compliance repository', () => {
  it('has no program, so the Compliance views stay hidden', async () => {
    const uri = file('README.md');
    await vscode.window.showTextDocument(uri);
    const api = await extensionApi();
    await waitFor('the server to answer', () => (api.serverStatus() === 'running' && api.snapshot() ? true : undefined));
    assert.equal(api.hasProgram(), false);
    const manifest = vscode.extensions.getExtension('compliance-docs.compliance-docs')?.packageJSON as { contributes: { views: Record<string, { id: string; when?: string }[]> } };
    for (const view of manifest.contributes.views.compliance) assert.match(view.when ?? '', /complianceDocs\.hasProgram/, `${view.id} is shown only where a program exists`);
  });

  it('adds no Compliance outline to a markdown file', async () => {
    const uri = file('docs/design.md');
    await vscode.window.showTextDocument(uri);
    const symbols = (await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', uri)) ?? [];
    // VS Code's own markdown outline names the heading "# Design"; ours would add a second "Design".
    const names = symbols.map((s) => s.name);
    assert.ok(names.includes('# Design'), JSON.stringify(names));
    assert.ok(!names.includes('Design'), `a second outline: ${JSON.stringify(names)}`);
  });
});
