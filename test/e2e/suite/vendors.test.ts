import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CoverageElement } from '../../../client/src/views/coverageTree';
import { extensionApi, file, indexed, rangeOf, realToday, revertAndClose, waitFor } from './util';

async function children(element?: CoverageElement): Promise<CoverageElement[]> {
  return (await (await extensionApi()).coverageTree.getChildren(element)) ?? [];
}

async function item(element: CoverageElement): Promise<vscode.TreeItem> {
  return (await extensionApi()).coverageTree.getTreeItem(element);
}

function label(i: vscode.TreeItem): string {
  return typeof i.label === 'string' ? i.label : (i.label?.label ?? '');
}

function hoverText(hovers: readonly vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n');
}

describe('vendors', () => {
  before(async () => {
    await indexed();
    await vscode.commands.executeCommand('complianceDocs.showAllCriteria');
  });

  it('the Compliance view has a Vendors node: vendors by criticality, each with its newest report and its findings', async () => {
    const top = await children();
    const vendors = top.find((e) => e.kind === 'vendors');
    assert.ok(vendors, 'a Vendors node after the categories');
    // After the categories; the Risks node, when there are risks, comes last.
    assert.deepEqual(top.slice(-2).map((e) => e.kind), ['vendors', 'risks']);
    const node = await item(vendors);
    assert.equal(label(node), 'Vendors');
    assert.match(String(node.description), /^7 vendors · \d need attention$/);
    const groups = await children(vendors);
    assert.deepEqual(await Promise.all(groups.map(async (g) => label(await item(g)))), ['critical', 'high', 'low']);
    const high = await children(groups[1]);
    const rows = await Promise.all(high.map(async (v) => [label(await item(v)), String((await item(v)).description)]));
    assert.deepEqual(rows[0], ['VEN-DATADOG', 'SOC 2 Type II · period end 2025-06-30 · 16 months, out of date']);
    const datadog = high[0];
    const findings = await children(datadog);
    assert.equal(findings.length, 1);
    const finding = await item(findings[0]);
    assert.equal(finding.description, 'vendor-report-stale');
    assert.match(label(finding), /^The newest SOC 2 Type II report is 16 months old/);
    // A click opens the vendor file at the finding.
    assert.equal(finding.command?.command, 'vscode.open');
    const [uri, options] = finding.command?.arguments as [vscode.Uri, { selection: vscode.Range }];
    assert.equal(uri.toString(), file('vendors/datadog.md').toString());
    assert.equal(options.selection.start.line, (await rangeOf(file('vendors/datadog.md'), '2025-06-30')).start.line);
  });

  it("CC9.2's tooltip names the critical and high vendors that hold it at stale", async () => {
    let found: CoverageElement | undefined;
    for (const category of await children()) {
      if (category.kind !== 'category') continue;
      for (const series of await children(category)) for (const c of await children(series)) if (c.kind === 'criterion' && c.criterion.id === 'CC9.2') found = c;
    }
    assert.ok(found);
    // Markdown escapes the punctuation; the text as shown has none of the backslashes.
    const shown = ((await item(found)).tooltip as vscode.MarkdownString).value.replace(/\\/g, '');
    assert.ok(shown.includes('VEN-DATADOG, VEN-GITHUB, VEN-OKTA, VEN-PAGERDUTY.'), shown);
    assert.match(shown, /Held at stale at best while these critical or high vendors have a warning or an error/);
  });

  it('hover on a vendor id shows its criticality, its newest report with the period end and age', async () => {
    const uri = file('vendors/aws.md');
    const at = await rangeOf(uri, 'VEN-AWS');
    await vscode.workspace.openTextDocument(uri);
    const value = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, at.start.translate(0, 3)));
    assert.ok(value.includes('**Criticality:** critical'), value);
    assert.ok(value.includes('**Newest report:** SOC 2 Type II report, period 2025-10-01 to 2026-09-30, 1 month old; opinion unqualified; current until 2027-09-30.'), value);
  });

  it('completes criticality and the assurance type in a vendor file', async () => {
    const uri = file('vendors/aws.md');
    const editor = await vscode.window.showTextDocument(uri);
    try {
      const line = editor.document.getText().split('\n').findIndex((l) => l.startsWith('criticality:'));
      await editor.edit((e) => e.replace(editor.document.lineAt(line).range, 'criticality: '));
      const labels = async (at: vscode.Position): Promise<string[]> => {
        const list = await waitFor('completion items', async () => {
          const found = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, at);
          return found && found.items.length > 0 ? found : undefined;
        });
        return list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
      };
      assert.deepEqual((await labels(new vscode.Position(line, 13))).slice(0, 4), ['critical', 'high', 'medium', 'low']);
      const typeLine = editor.document.getText().split('\n').findIndex((l) => l.startsWith('  - type:'));
      const types = await labels(new vscode.Position(typeLine, editor.document.lineAt(typeLine).text.length));
      assert.ok(types.includes('soc2-type1') && types.includes('questionnaire') && !types.includes('policy'), types.join());
    } finally {
      await revertAndClose(uri);
    }
  });

  it('offers to add an assurance entry for a stale report, and mark reviewed writes the real date', async () => {
    const uri = file('vendors/datadog.md');
    const at = await rangeOf(uri, '2025-06-30');
    await vscode.workspace.openTextDocument(uri);
    const actions = await waitFor('code actions', async () => {
      const found = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, at);
      return found && found.some((a) => a.title === 'Add an assurance entry for the new report') ? found : undefined;
    });
    const mark = actions.find((a) => a.title.startsWith('Mark reviewed today'));
    assert.ok(mark, actions.map((a) => a.title).join('; '));
    assert.ok(mark.title.includes(realToday()), mark.title);
  });
});

describe('vendor snippets', () => {
  it('expands the vendor snippet into a vendor file whose id comes from the file name', async () => {
    await indexed();
    const fs = await import('node:fs');
    const path = await import('node:path');
    const { extensionPath } = await import('./util');
    const text = fs.readFileSync(path.join(extensionPath(), 'snippets', 'compliance-docs.code-snippets'), 'utf8');
    const snippets = JSON.parse(text.replace(/^\s*\/\/.*$/gm, '')) as Record<string, { prefix: string[]; body: string[] }>;
    const vendor = Object.values(snippets).find((s) => s.prefix.includes('vendor'));
    assert.ok(vendor);
    for (const p of ['assurance', 'bridge_letter', 'cuec']) assert.ok(Object.values(snippets).some((s) => s.prefix.includes(p)), p);
    const uri = file('vendors/snippet-check.md');
    await vscode.workspace.fs.writeFile(uri, new Uint8Array());
    try {
      const editor = await vscode.window.showTextDocument(uri);
      assert.ok(await editor.insertSnippet(new vscode.SnippetString(vendor.body.join('\n'))));
      assert.match(editor.document.getText(), /^---\nid: VEN-SNIPPET-CHECK\ntype: vendor\n/);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      await vscode.workspace.fs.delete(uri);
    }
  });
});
