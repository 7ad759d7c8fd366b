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

  // Last: it turns the folder into a program.
  it("the walkthrough's first step starts a program here: a starter config, policy and control, and the views appear", async () => {
    const api = await extensionApi();
    await waitFor('the server to answer', () => (api.serverStatus() === 'running' && api.snapshot()?.coverage.folders.every((f) => f.complete) ? true : undefined));
    const uri = await vscode.commands.executeCommand<vscode.Uri | undefined>('complianceDocs.openOrCreateConfig');
    assert.equal(uri?.toString(), file('compliance-docs.yml').toString());
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), uri.toString());
    for (const rel of ['compliance-docs.yml', 'policies/access-control.md', 'controls/ac-01-access-review.md']) await vscode.workspace.fs.stat(file(rel));
    const control = new TextDecoder().decode(await vscode.workspace.fs.readFile(file('controls/ac-01-access-review.md')));
    assert.match(control, /^---\nid: AC-01\ntype: control\n/);
    await waitFor('the Compliance views to appear', () => (api.hasProgram() && api.snapshot()?.coverage.folders[0].configUri === uri.toString() ? true : undefined));
    // Run again, it opens what it made and writes nothing more.
    assert.equal((await vscode.commands.executeCommand<vscode.Uri | undefined>('complianceDocs.openOrCreateConfig'))?.toString(), uri.toString());
  });
});
