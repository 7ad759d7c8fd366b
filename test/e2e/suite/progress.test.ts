import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { CoverageStatusBar } from '../../../client/src/statusBar';
import type { CoverageElement } from '../../../client/src/views/coverageTree';
import { extensionApi, indexed, waitFor } from './util';

function label(i: vscode.TreeItem): string {
  return typeof i.label === 'string' ? i.label : (i.label?.label ?? '');
}

describe('indexing progress', () => {
  it("reaches the client from the server's indexing: listing, then documents read of the total, then done", async () => {
    const api = await extensionApi();
    const snapshot = await indexed();
    const folder = snapshot.coverage.folders[0];
    const seen = await waitFor('a finished indexing', () => (api.indexProgress().some((p) => p.stage === 'done') ? api.indexProgress() : undefined));
    const first = seen.slice(0, seen.findIndex((p) => p.stage === 'done') + 1);
    assert.equal(first[0].stage, 'listing');
    assert.ok(first.every((p) => p.folder === folder.uri && p.name === folder.name));
    const done = first[first.length - 1];
    assert.equal(done.read, done.total);
    // Other suites add documents after the first indexing, so the count now may be higher.
    assert.ok(done.total !== undefined && done.total > 0 && done.total <= folder.documentCount, `${done.total} of ${folder.documentCount}`);
    assert.equal(api.coverageMessage(), undefined, 'no progress once indexing is done');
  });

  it('shows no counts or states in the tree while a folder is being indexed', async () => {
    const api = await extensionApi();
    const folder = { ...(await indexed()).coverage.folders[0], complete: false, progress: { stage: 'reading' as const, read: 10, total: 30 } };
    const category = folder.categories[0];
    const series = category.series.find((s) => s.id === 'CC6');
    assert.ok(series);
    const criterion = series.criteria[0];
    const rows: CoverageElement[] = [
      { kind: 'category', folder, category },
      { kind: 'series', folder, series },
      { kind: 'criterion', folder, criterion },
    ];
    const items = await Promise.all(rows.map((r) => api.coverageTree.getTreeItem(r)));
    assert.deepEqual(
      items.map((i) => [label(i), i.description, i.iconPath]),
      [
        ['Security', 'indexing…', undefined],
        ['CC6 Logical and Physical Access', 'indexing…', undefined],
        [`${criterion.id} ${criterion.title}`, 'indexing…', undefined],
      ],
    );
    // Once done, the same rows have their counts and states.
    const complete = await Promise.all(rows.map((r) => api.coverageTree.getTreeItem({ ...r, folder: { ...folder, complete: true } } as CoverageElement)));
    assert.match(label(complete[1]), /^CC6 \d+\/\d+ Logical and Physical Access$/);
    assert.ok(complete[2].iconPath instanceof vscode.ThemeIcon);
  });

  it('shows the share of documents read in the status bar while indexing, not counts that read as coverage', async () => {
    const snapshot = await indexed();
    const indexing = { ...snapshot, coverage: { folders: snapshot.coverage.folders.map((f) => ({ ...f, complete: false })) } };
    const bar = new CoverageStatusBar();
    try {
      bar.update(indexing, 'running', { read: 1234, total: 20000 });
      assert.equal(bar.text, '$(sync~spin) SOC 2 indexing 6%');
      assert.equal(bar.accessibilityLabel, 'SOC 2 coverage: reading the workspace, 1,234 of 20,000 documents read.');
      assert.match(bar.tooltipText ?? '', /1,234 of 20,000 documents read\. Coverage appears when it is done\.$/);
      bar.update(indexing, 'running', { read: 0, total: undefined });
      assert.equal(bar.text, '$(sync~spin) SOC 2');
      assert.equal(bar.accessibilityLabel, 'SOC 2 coverage: reading the workspace, listing files.');
      bar.update(snapshot, 'running', { read: 0, total: 0 });
      assert.match(bar.text, /^\$\(shield\) SOC 2 \d+\/\d+/);
    } finally {
      bar.dispose();
    }
  });
});
