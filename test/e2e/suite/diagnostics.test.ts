import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, codes, diagnosticsOf, file, indexed, rangeOf, revertAndClose } from './util';

describe('diagnostics', () => {
  before(async () => {
    await indexed();
  });

  it("shows a closed document's findings with their codes and exact ranges", async () => {
    const uri = file('procedures/key-rotation.md');
    const diagnostics = await diagnosticsOf(uri, 'missing-review-date and unknown-criterion', (d) => codes(d).join() === 'missing-review-date,unknown-criterion');
    const unknown = diagnostics.find((d) => codeOf(d) === 'unknown-criterion');
    assert.ok(unknown);
    assert.deepEqual(unknown.range, await rangeOf(uri, 'cc6.7'));
    assert.equal(unknown.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(unknown.source, 'compliance-docs');
    assert.match(unknown.message, /CC6\.7/);
    const missing = diagnostics.find((d) => codeOf(d) === 'missing-review-date');
    assert.ok(missing);
    assert.deepEqual(missing.range, new vscode.Range(0, 0, 0, 3));
    assert.equal(missing.severity, vscode.DiagnosticSeverity.Warning);
  });

  it('reports configuration problems and uncovered criteria on compliance-docs.yml', async () => {
    const uri = file('compliance-docs.yml');
    const diagnostics = await diagnosticsOf(uri, 'config findings', (d) => codes(d).join() === 'config-invalid,fraud-risk-missing,uncovered-criterion,uncovered-criterion');
    const invalid = diagnostics.find((d) => codeOf(d) === 'config-invalid');
    assert.ok(invalid);
    assert.deepEqual(invalid.range, await rangeOf(uri, 'due_son_days'));
    for (const d of diagnostics.filter((x) => codeOf(x) === 'uncovered-criterion')) assert.deepEqual(d.range, await rangeOf(uri, 'categories'));
    assert.deepEqual(
      diagnostics.filter((d) => codeOf(d) === 'uncovered-criterion').map((d) => d.message.slice(0, 5)).sort(),
      ['CC1.2', 'CC3.3'],
    );
  });

  it('updates an open document as it is edited, without saving', async () => {
    const uri = file('policies/access-control.md');
    const editor = await vscode.window.showTextDocument(uri);
    try {
      await diagnosticsOf(uri, 'no findings', (d) => d.length === 0);
      const at = await rangeOf(uri, 'CC6.6]');
      const inserted = ', CC6.9';
      const end = at.start.translate(0, 'CC6.6'.length);
      assert.ok(await editor.edit((e) => e.insert(end, inserted)));
      const [d] = await diagnosticsOf(uri, 'unknown-criterion on CC6.9', (ds) => codes(ds).join() === 'unknown-criterion');
      assert.deepEqual(d.range, new vscode.Range(end.translate(0, 2), end.translate(0, inserted.length)));
      await vscode.commands.executeCommand('undo');
      await diagnosticsOf(uri, 'no findings after undo', (ds) => ds.length === 0);
    } finally {
      await revertAndClose(uri);
    }
  });
});
