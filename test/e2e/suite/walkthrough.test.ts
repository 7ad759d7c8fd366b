import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ID, extensionApi, extensionPath, file, indexed } from './util';

interface Step {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly media: { readonly markdown?: string };
  readonly completionEvents?: readonly string[];
}

interface Walkthrough {
  readonly id: string;
  readonly title: string;
  readonly steps: readonly Step[];
}

function walkthroughs(): readonly Walkthrough[] {
  const json = vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as { contributes: { walkthroughs?: Walkthrough[] } };
  return json.contributes.walkthroughs ?? [];
}

describe('getting-started walkthrough', () => {
  it('is contributed with its four steps: config, gaps, fix one, export', () => {
    const [w] = walkthroughs();
    assert.ok(w, 'a walkthrough');
    assert.equal(w.id, 'complianceDocs.gettingStarted');
    assert.deepEqual(w.steps.map((s) => s.id), ['config', 'gaps', 'fix', 'export']);
  });

  it('links only commands that exist, completes on them, and has its markdown media', async () => {
    await extensionApi();
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const step of walkthroughs()[0].steps) {
      const linked = [...step.description.matchAll(/\(command:([\w.]+)\)/g)].map((m) => m[1]);
      assert.equal(linked.length, 1, `${step.id} has one button`);
      const completing = (step.completionEvents ?? []).filter((e) => e.startsWith('onCommand:')).map((e) => e.slice('onCommand:'.length));
      assert.ok(completing.includes(linked[0]), `${step.id} completes when its button runs`);
      for (const command of [...linked, ...completing]) assert.ok(registered.has(command), `${step.id}: ${command} is registered`);
      assert.ok(step.media.markdown, `${step.id} media`);
      const media = fs.readFileSync(path.join(extensionPath(), step.media.markdown), 'utf8');
      assert.match(media, /^# \S/, `${step.id} media is markdown with a heading`);
    }
    // VS Code opens it by id.
    await vscode.commands.executeCommand('workbench.action.openWalkthrough', `${EXTENSION_ID}#complianceDocs.gettingStarted`, false);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('step 1 opens the existing compliance-docs.yml', async () => {
    await indexed();
    const uri = await vscode.commands.executeCommand<vscode.Uri | undefined>('complianceDocs.openOrCreateConfig');
    assert.equal(uri?.toString(), file('compliance-docs.yml').toString());
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), file('compliance-docs.yml').toString());
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('step 2 shows the gaps in the coverage view', async () => {
    const api = await extensionApi();
    await indexed();
    try {
      assert.equal(await vscode.commands.executeCommand('complianceDocs.showGaps'), true);
      const shown = (await api.coverageTree.getChildren()) ?? [];
      assert.ok(shown.length > 0);
      assert.equal(api.coverageMessage(), undefined);
    } finally {
      await vscode.commands.executeCommand('complianceDocs.showAllCriteria');
    }
  });
});
