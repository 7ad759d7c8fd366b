import * as assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import * as vscode from 'vscode';
import type { CoverageElement } from '../../../client/src/views/coverageTree';
import { TODAY, cli, realToday, codes, diagnosticsOf, extensionApi, file, indexed, revertAndClose, root, waitFor } from './util';

async function readText(uri: vscode.Uri): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

describe('commands', () => {
  before(async () => {
    await indexed();
  });

  it('creates a new control from the template and opens it', async () => {
    const api = await extensionApi();
    const before = api.snapshot()?.coverage.folders[0].documentCount ?? 0;
    const uri = await vscode.commands.executeCommand<vscode.Uri>('complianceDocs.newControl', { id: 'NET-01', title: 'Quarterly firewall rule review' });
    try {
      assert.ok(uri);
      assert.equal(uri.toString(), file('controls/net-01.md').toString());
      const lines = (await readText(uri)).split('\n');
      assert.deepEqual(lines.slice(0, 4), ['---', 'id: NET-01', 'type: control', 'title: Quarterly firewall rule review']);
      assert.ok(lines.includes('status: draft'));
      assert.ok(lines.includes(`last_reviewed: ${realToday()}`), 'a new document is reviewed on the real date');
      assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), uri.toString());
      // The server takes the new file into the index.
      await indexed('the new control in the index', (s) => s.coverage.folders[0].documentCount === before + 1);
      await diagnosticsOf(uri, 'the checks of a new draft control', (d) => codes(d).includes('unmapped-document'));
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      // The server keeps the text until VS Code releases the closed document; nothing waits on that.
      if (uri) await vscode.workspace.fs.delete(uri);
    }
  });

  it('creates a control that maps an uncovered criterion from the coverage tree', async () => {
    const api = await extensionApi();
    const element: CoverageElement | undefined = await (async () => {
      for (const category of (await api.coverageTree.getChildren()) ?? []) {
        for (const series of (await api.coverageTree.getChildren(category)) ?? []) {
          const hit = ((await api.coverageTree.getChildren(series)) ?? []).find((c) => c.kind === 'criterion' && c.criterion.id === 'CC3.3');
          if (hit) return hit;
        }
      }
      return undefined;
    })();
    assert.ok(element);
    assert.equal((await api.coverageTree.getTreeItem(element)).contextValue, 'criterion.uncovered');
    const uri = await vscode.commands.executeCommand<vscode.Uri>('complianceDocs.newControlForCriterion', element, { id: 'FR-01', title: 'Fraud risk assessment' });
    try {
      assert.equal(uri?.toString(), file('controls/fr-01.md').toString());
      const text = await readText(uri);
      assert.ok(text.includes('criteria: [CC3.3]'));
      assert.ok(text.includes('- CC3.3 Fraud risk'));
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      // The server keeps the text until VS Code releases the closed document; nothing waits on that.
      if (uri) await vscode.workspace.fs.delete(uri);
    }
  });

  it('marks the active document reviewed on the real date, not the simulated complianceDocs.today', async () => {
    const uri = file('policies/code-of-conduct.md');
    await vscode.window.showTextDocument(uri);
    assert.notEqual(realToday(), TODAY, 'the e2e run simulates another date');
    try {
      await diagnosticsOf(uri, 'stale-review', (d) => codes(d).includes('stale-review'));
      assert.equal(await vscode.commands.executeCommand('complianceDocs.markReviewed'), true);
      const doc = vscode.window.activeTextEditor?.document;
      assert.ok(doc?.getText().includes(`last_reviewed: ${realToday()}`), doc?.getText().slice(0, 300));
      await diagnosticsOf(uri, 'no stale-review', (d) => !codes(d).includes('stale-review'));
      // The real date is after the simulated one, so the schedule no longer has the policy overdue.
      await indexed('the policy no longer overdue in the schedule', (s) => s.schedule.items.some((i) => i.id === 'POL-CONDUCT' && i.state !== 'overdue'));
    } finally {
      await revertAndClose(uri);
    }
    // Reverted without saving: the schedule shows the date on disk again.
    await indexed('the policy overdue again after the revert', (s) => s.schedule.items.some((i) => i.id === 'POL-CONDUCT' && i.state === 'overdue'));
  });

  it('exports the coverage report in the format asked for', async () => {
    const target = vscode.Uri.joinPath(root(), 'soc2-coverage.md');
    try {
      const written = await vscode.commands.executeCommand<vscode.Uri>('complianceDocs.exportReport', { format: 'md', uri: target });
      assert.equal(written?.toString(), target.toString());
      const text = await readText(target);
      const fromCli = await cli('coverage', root().fsPath, '--format', 'md', '--today', TODAY);
      // The same matrix rows as the CLI's Markdown writer.
      const rows = (s: string): string[] => s.split('\n').filter((l) => l.startsWith('| CC') || l.startsWith('| A1') || l.startsWith('| C1'));
      assert.deepEqual(rows(text), rows(fromCli));
      assert.ok(rows(text).some((r) => r.startsWith('| CC1.2 |') && r.includes('uncovered')));
    } finally {
      await vscode.workspace.fs.delete(target);
    }
  });

  it('exports the matrix as an Excel workbook, one sheet per table', async () => {
    const target = vscode.Uri.joinPath(root(), 'soc2-coverage.xlsx');
    try {
      const written = await vscode.commands.executeCommand<vscode.Uri>('complianceDocs.exportReport', { format: 'xlsx', uri: target });
      assert.equal(written?.toString(), target.toString());
      const bytes = await vscode.workspace.fs.readFile(target);
      assert.equal(new TextDecoder('latin1').decode(bytes.subarray(0, 2)), 'PK', 'a zip archive, written as bytes rather than as text');
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(Buffer.from(bytes) as unknown as Parameters<typeof book.xlsx.load>[0]);
      assert.deepEqual(
        book.worksheets.map((w) => w.name),
        ['Matrix', 'Period calendar', 'Not counted', 'Vendors', 'Risk register', 'Legend'],
      );
      assert.equal(book.getWorksheet('Matrix')?.getRow(1).getCell(1).value, 'Criterion');
      // The vendor register: the example's seven vendors, critical first.
      const vendors = book.getWorksheet('Vendors');
      assert.equal(vendors?.getRow(1).getCell(1).value, 'Vendor');
      assert.equal(vendors?.getRow(2).getCell(3).value, 'critical');
      assert.equal(vendors?.rowCount, 8);
    } finally {
      await vscode.workspace.fs.delete(target);
    }
  });

  it('shows the coverage report in a webview', async () => {
    const api = await extensionApi();
    await vscode.commands.executeCommand('complianceDocs.showReport');
    await waitFor('the report panel', () => (api.reportVisible() ? true : undefined));
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await waitFor('the report panel to close', () => (api.reportVisible() ? undefined : true));
  });

  it('applies a new complianceDocs.today without restarting the server', async () => {
    const api = await extensionApi();
    const pid = api.serverPid();
    const settings = vscode.workspace.getConfiguration('complianceDocs');
    try {
      await settings.update('today', '2027-03-01', vscode.ConfigurationTarget.Workspace);
      const later = await indexed('coverage as of 2027-03-01', (s) => s.coverage.folders[0].today === '2027-03-01');
      // Past the audit period's end every annual review from early 2026 has come due.
      assert.ok(later.schedule.items.filter((i) => i.state === 'overdue').length > 1);
      assert.equal(api.serverPid(), pid);
    } finally {
      await settings.update('today', TODAY, vscode.ConfigurationTarget.Workspace);
    }
    await indexed('coverage as of the pinned date again', (s) => s.coverage.folders[0].today === TODAY);
    assert.equal(api.statusBarText(), `$(shield) SOC 2 16/37 (as of ${TODAY})`);
  });
});
