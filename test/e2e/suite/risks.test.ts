// The risk register in the real editor, on the example: the Risks node of the Compliance view (above
// tolerance first, then by residual score), hover on a risk id, and the heat maps of the report view.

import * as assert from 'node:assert/strict';
import { parseHTML } from 'linkedom';
import * as vscode from 'vscode';
import type { CoverageElement } from '../../../client/src/views/coverageTree';
import { extensionApi, file, indexed, waitFor } from './util';

/** What the test reads of the parsed page (the project compiles without the DOM library's types). */
interface Element {
  readonly textContent: string | null;
  getAttribute(name: string): string | null;
  querySelector(selector: string): Element | null;
  querySelectorAll(selector: string): ArrayLike<Element> & Iterable<Element>;
}

function label(i: vscode.TreeItem): string {
  return typeof i.label === 'string' ? i.label : (i.label?.label ?? '');
}

describe('risk register', () => {
  before(async () => {
    await extensionApi();
    await indexed();
    await vscode.commands.executeCommand('complianceDocs.showAllCriteria');
  });

  it('lists the risks under a Risks node of the Compliance view, above tolerance first, then by residual score', async () => {
    const api = await extensionApi();
    const top = (await api.coverageTree.getChildren()) ?? [];
    const risks = top.find((e) => e.kind === 'risks') as CoverageElement | undefined;
    assert.ok(risks, 'a Risks node');
    const node = await api.coverageTree.getTreeItem(risks);
    assert.equal(label(node), 'Risks');
    assert.equal(node.description, '4 risks · 2 above tolerance');
    const rows = (await api.coverageTree.getChildren(risks)) ?? [];
    const items = await Promise.all(rows.map((r) => api.coverageTree.getTreeItem(r)));
    assert.deepEqual(
      items.map((i) => [label(i), i.description]),
      [
        ['RISK-004 Customer data in the legacy reporting database', 'residual 12 · above tolerance · accept · acceptance needed'],
        ['RISK-001 Loss of the primary AWS region', 'residual 10 · above tolerance · mitigate'],
        ['RISK-003 An unreviewed change reaches production', 'residual 8 · mitigate'],
        ['RISK-002 An engineer\'s credentials are phished', 'residual 6 · mitigate'],
      ],
    );
    assert.equal(items[0].command?.command, 'vscode.open');
  });

  it('shows a risk’s scores, acceptance and last assessment on hover over its id in the assessment', async () => {
    const doc = await vscode.workspace.openTextDocument(file('risks/assessments/2025-annual.md'));
    const line = doc.lineAt(7).text;
    const at = new vscode.Position(7, line.indexOf('RISK-004') + 2);
    const hovers = await waitFor('a hover on RISK-004', async () => {
      const h = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, at);
      return h && h.length > 0 ? h : undefined;
    });
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /Inherent 3 × 4 = 12 · residual 3 × 4 = 12, above the tolerance of 9/);
    assert.match(text, /Accepted by cto on 2025-09-30, expired 2026-09-30/);
  });

  it('draws the inherent and residual heat maps in the report view, each cell the number of risks scored there', async () => {
    const api = await extensionApi();
    await vscode.commands.executeCommand('complianceDocs.showReport');
    try {
      const html = await waitFor('the report with its heat maps', () => (api.reportHtml()?.includes('figure class="heat"') ? api.reportHtml() : undefined));
      const page = (parseHTML(html) as unknown as { document: Element }).document;
      const count = (kind: string, l: number, i: number): string | null => page.querySelector(`figure.heat[data-kind="${kind}"] td[data-likelihood="${l}"][data-impact="${i}"]`)?.getAttribute('data-count') ?? null;
      assert.equal(page.querySelectorAll('figure.heat[data-kind="residual"] td.cell').length, 25);
      assert.equal(count('inherent', 3, 4), '2');
      assert.equal(count('inherent', 3, 5), '1');
      assert.equal(count('inherent', 4, 4), '1');
      assert.equal(count('residual', 3, 4), '1');
      assert.equal(count('residual', 2, 5), '1');
      assert.equal(page.querySelector('figure.heat[data-kind="inherent"] td[data-likelihood="3"][data-impact="4"]')?.getAttribute('data-risks'), 'RISK-004 RISK-003');
      assert.deepEqual([...page.querySelectorAll('#heat-list-0 li')].map((li) => li.getAttribute('data-id')), ['RISK-004', 'RISK-001', 'RISK-003', 'RISK-002']);

      // The page's own script, run on the parsed page: clicking a cell lists only its risks.
      const dom = parseHTML(html) as unknown as { document: Element & { getElementById(id: string): Element | null }; window: { Element: unknown; Event: new (type: string, init: { bubbles: boolean }) => unknown } };
      const scripts = [...dom.document.querySelectorAll('script')];
      const script = scripts[scripts.length - 1].textContent ?? '';
      new Function('acquireVsCodeApi', 'document', 'Element', script)(() => ({ postMessage: () => undefined }), dom.document, dom.window.Element);
      const cell = dom.document.querySelector('figure.heat[data-kind="inherent"] td[data-likelihood="3"][data-impact="4"]') as Element & { dispatchEvent(e: unknown): boolean };
      cell.dispatchEvent(new dom.window.Event('click', { bubbles: true }));
      const shown = [...dom.document.querySelectorAll('#heat-list-0 li')].filter((li) => !(li.getAttribute('class') ?? '').includes('hidden')).map((li) => li.getAttribute('data-id'));
      assert.deepEqual(shown, ['RISK-004', 'RISK-003']);
      assert.equal(dom.document.getElementById('heat-caption-0')?.textContent, 'Inherent likelihood 3 × impact 4: 2 risks:');
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    }
  });
});
