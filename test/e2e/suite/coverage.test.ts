import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CoverageElement } from '../../../client/src/views/coverageTree';
import { getCriterion } from '../../../server/src/core/catalog/catalog';
import { TODAY, cli, extensionApi, file, indexed, root, waitFor } from './util';

interface CliCoverage {
  readonly summary: { inScope: number; covered: number; stale: number; exception: number; claimed: number; claimedStale: number; uncovered: number; notApplicable: number };
  readonly legend: readonly { state: string; label: string; meaning: string }[];
  readonly criteria: readonly { id: string; title: string; category: string; state: string; reason: string; documents: readonly { id: string; path: string; type: string }[] }[];
}

const ICONS: Record<string, string> = { covered: 'pass-filled', stale: 'history', exception: 'warning', claimed: 'issue-draft', 'claimed-stale': 'watch', uncovered: 'error', 'not-applicable': 'circle-slash' };
const COLOURS: Record<string, string> = {
  covered: 'charts.green',
  stale: 'charts.yellow',
  exception: 'charts.orange',
  claimed: 'charts.blue',
  'claimed-stale': 'charts.purple',
  uncovered: 'charts.red',
  'not-applicable': 'disabledForeground',
};

async function children(element?: CoverageElement): Promise<CoverageElement[]> {
  const api = await extensionApi();
  return (await api.coverageTree.getChildren(element)) ?? [];
}

async function item(element: CoverageElement): Promise<vscode.TreeItem> {
  const api = await extensionApi();
  return api.coverageTree.getTreeItem(element);
}

/** Every criterion row of the tree, in tree order. */
async function criterionRows(): Promise<Extract<CoverageElement, { kind: 'criterion' }>[]> {
  const rows: Extract<CoverageElement, { kind: 'criterion' }>[] = [];
  for (const category of await categoryRows()) {
    for (const series of await children(category)) {
      for (const criterion of await children(series)) {
        assert.equal(criterion.kind, 'criterion');
        if (criterion.kind === 'criterion') rows.push(criterion);
      }
    }
  }
  return rows;
}

/** The category rows at the top of the tree (the Risks row comes after them). */
async function categoryRows(): Promise<CoverageElement[]> {
  return (await children()).filter((c) => c.kind === 'category');
}

function label(i: vscode.TreeItem): string {
  return typeof i.label === 'string' ? i.label : (i.label?.label ?? '');
}

describe('coverage tree', () => {
  let expected: CliCoverage;

  before(async () => {
    await extensionApi();
    await indexed();
    await vscode.commands.executeCommand('complianceDocs.showAllCriteria');
    expected = JSON.parse(await cli('coverage', root().fsPath, '--format', 'json', '--today', TODAY)) as CliCoverage;
  });

  it('lists the same criteria in the same states as `compliance-docs coverage --format json`', async () => {
    const rows = await criterionRows();
    assert.deepEqual(
      rows.map((r) => [r.criterion.id, r.criterion.state]),
      expected.criteria.map((c) => [c.id, c.state]),
    );
    for (const row of rows) {
      const want = expected.criteria.find((c) => c.id === row.criterion.id);
      assert.ok(want);
      const tree = await item(row);
      assert.equal(label(tree), `${want.id} ${want.title}`);
      const icon = tree.iconPath as vscode.ThemeIcon;
      assert.equal(icon.id, ICONS[want.state], `${want.id} icon`);
      assert.equal((icon.color as { id?: string } | undefined)?.id, COLOURS[want.state], `${want.id} colour`);
      const docs = await children(row);
      assert.deepEqual(
        docs.map((d) => (d.kind === 'document' ? d.document.id : d.kind)).sort(),
        want.documents.map((d) => d.id).sort(),
        `${want.id} documents`,
      );
      if (want.state !== 'not-applicable') assert.match(String(tree.description), new RegExp(`${want.documents.length} documents?$`));
    }
  });

  it('groups criteria by category and series, each series with its covered count', async () => {
    const categories = await categoryRows();
    assert.deepEqual(
      await Promise.all((await children()).map(async (c) => label(await item(c)))),
      ['Security', 'Availability', 'Confidentiality', 'Vendors', 'Risks'],
    );
    const security = await children(categories[0]);
    const cc6 = security.find((s) => s.kind === 'series' && s.series.id === 'CC6');
    assert.ok(cc6);
    const inCc6 = expected.criteria.filter((c) => c.id.startsWith('CC6.'));
    const covered = inCc6.filter((c) => c.state === 'covered').length;
    const applicable = inCc6.filter((c) => c.state !== 'not-applicable').length;
    // The count right after the id, so a narrow view cuts the title rather than the count. Covered out of
    // in scope and not scoped out, as the status bar and the CLI count: CC6.4 is on neither side.
    assert.equal(label(await item(cc6)), `CC6 ${covered}/${applicable} Logical and Physical Access`);
    assert.equal(label(await item(cc6)), 'CC6 6/7 Logical and Physical Access');
    const text = await cli('coverage', root().fsPath, '--today', TODAY);
    assert.match(text, /^CC6 Logical and Physical Access · 6\/7$/m);
    const folderCounts = categories.map(async (c) => String((await item(c)).description));
    assert.equal((await Promise.all(folderCounts))[0], `${expected.criteria.filter((c) => c.category === 'security' && c.state === 'covered').length}/${expected.criteria.filter((c) => c.category === 'security' && c.state !== 'not-applicable').length}`);
  });

  it('gives each series the state icon of its weakest criterion', async () => {
    const rank = expected.legend.map((l) => l.state);
    for (const category of await categoryRows()) {
      for (const series of await children(category)) {
        assert.ok(series.kind === 'series');
        const states = expected.criteria.filter((c) => c.id.startsWith(`${series.series.id}.`)).map((c) => c.state);
        const worst = states.reduce((w, st) => (rank.indexOf(st) > rank.indexOf(w) ? st : w), 'not-applicable');
        const icon = (await item(series)).iconPath as vscode.ThemeIcon;
        assert.equal(icon?.id, ICONS[worst], `${series.series.id} icon`);
        assert.equal((icon.color as { id?: string } | undefined)?.id, COLOURS[worst], `${series.series.id} colour`);
      }
    }
  });

  it("explains a criterion in its tooltip with the catalog's explanation", async () => {
    const row = (await criterionRows()).find((r) => r.criterion.id === 'CC1.2');
    assert.ok(row);
    const tooltip = (await item(row)).tooltip;
    assert.ok(tooltip instanceof vscode.MarkdownString);
    const explanation = getCriterion('CC1.2')?.explanation ?? '';
    const firstWords = explanation.split(' ').slice(0, 4).join(' ');
    assert.ok(tooltip.value.replace(/\\/g, '').includes(firstWords), `tooltip: ${tooltip.value}`);
    assert.match(tooltip.value, /uncovered/);
  });

  it('says in each tooltip why the criterion has its state, in the words of the exported matrix', async () => {
    for (const row of await criterionRows()) {
      const want = expected.criteria.find((c) => c.id === row.criterion.id);
      assert.ok(want);
      const tooltip = (await item(row)).tooltip;
      assert.ok(tooltip instanceof vscode.MarkdownString);
      const meaning = expected.legend.find((l) => l.state === want.state)?.meaning ?? '';
      assert.ok(tooltip.value.replace(/\\/g, '').includes(meaning), `${want.id}: ${tooltip.value}`);
      if (want.state !== 'not-applicable') assert.ok(tooltip.value.replace(/\\/g, '').includes(`Why:** ${want.reason}`), `${want.id}: ${tooltip.value}`);
    }
  });

  it('opens a document at its frontmatter line when clicked', async () => {
    const row = (await criterionRows()).find((r) => r.criterion.id === 'CC6.2');
    assert.ok(row);
    const doc = (await children(row)).find((d) => d.kind === 'document' && d.document.id === 'AC-01');
    assert.ok(doc);
    const command = (await item(doc)).command;
    assert.ok(command);
    await vscode.commands.executeCommand(command.command, ...(command.arguments ?? []));
    const editor = await waitFor('the access review control in the editor', () =>
      vscode.window.activeTextEditor?.document.uri.toString() === file('controls/access-review.md').toString() ? vscode.window.activeTextEditor : undefined,
    );
    assert.equal(editor.selection.active.line, 0);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('lists evidence under a document, each opening its file', async () => {
    const row = (await criterionRows()).find((r) => r.criterion.id === 'CC6.2');
    assert.ok(row);
    const doc = (await children(row)).find((d) => d.kind === 'document' && d.document.id === 'AC-01');
    assert.ok(doc);
    const evidence = await children(doc);
    assert.ok(evidence.length > 0);
    const first = evidence[0];
    assert.equal(first.kind, 'evidence');
    const tree = await item(first);
    assert.equal(tree.command?.command, 'complianceDocs.openEvidence');
    await vscode.commands.executeCommand(tree.command.command, ...(tree.command.arguments ?? []));
    await waitFor('the evidence file in the editor', () => (vscode.window.activeTextEditor?.document.uri.path.includes('/evidence/') ? true : undefined));
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('shows only the criteria that are neither covered nor scoped out while the gaps filter is on', async () => {
    try {
      await vscode.commands.executeCommand('complianceDocs.showGapsOnly');
      const rows = await criterionRows();
      const gaps = expected.criteria.filter((c) => c.state !== 'covered' && c.state !== 'not-applicable');
      assert.deepEqual(
        rows.map((r) => r.criterion.id),
        gaps.map((c) => c.id),
      );
    } finally {
      await vscode.commands.executeCommand('complianceDocs.showAllCriteria');
    }
    assert.equal((await criterionRows()).length, expected.criteria.length);
  });

  it('keeps the ids of category and series rows when the gaps filter changes, so their expansion is kept', async () => {
    const ids = async (): Promise<Map<string, string | undefined>> => {
      const out = new Map<string, string | undefined>();
      for (const category of await categoryRows()) {
        out.set(label(await item(category)), (await item(category)).id);
        for (const series of await children(category)) if (series.kind === 'series') out.set(series.series.id, (await item(series)).id);
      }
      return out;
    };
    const all = await ids();
    let gaps: Map<string, string | undefined>;
    try {
      await vscode.commands.executeCommand('complianceDocs.showGapsOnly');
      gaps = await ids();
    } finally {
      await vscode.commands.executeCommand('complianceDocs.showAllCriteria');
    }
    assert.ok(gaps.size > 0);
    for (const [key, id] of gaps) assert.equal(id, all.get(key), key);
  });

  it('shows covered over applicable criteria in the status bar', async () => {
    const api = await extensionApi();
    const { covered, inScope, notApplicable } = expected.summary;
    assert.equal(api.statusBarText(), `$(shield) SOC 2 ${covered}/${inScope - notApplicable} (as of ${TODAY})`);
    assert.equal(api.statusBarText(), '$(shield) SOC 2 16/37 (as of 2026-11-16)');
  });

  it('follows the status bar guidelines: no standing warning colour, a plain sentence for screen readers', async () => {
    const api = await extensionApi();
    const { label, background } = api.statusBarAccessibility();
    assert.equal(background, undefined, 'gaps are not an alert');
    assert.ok(label, 'an accessibility label');
    assert.ok(!/[$*_`[\]]/.test(label), `no markdown or icon syntax in "${label}"`);
    assert.match(label, /^SOC 2 coverage: 16 of 37 criteria covered; .*checked as of 2026-11-16, not today\. Activate to open the coverage tree\.$/);
  });

  it('says in its tooltip how many documents the server read, by type', async () => {
    const api = await extensionApi();
    const count = api.snapshot()?.coverage.folders[0].documentCount ?? 0;
    assert.ok(count > 0);
    assert.match(api.statusBarTooltip() ?? '', new RegExp(`Read ${count} documents \\(\\d+ polic`));
  });
});

describe('review schedule', () => {
  async function groups(): Promise<Array<{ label: string; count: string; rows: Array<[string, string]> }>> {
    const api = await extensionApi();
    const out: Array<{ label: string; count: string; rows: Array<[string, string]> }> = [];
    for (const group of (await api.reviewSchedule.getChildren()) ?? []) {
      assert.equal(group.kind, 'group');
      const tree = await api.reviewSchedule.getTreeItem(group);
      const rows: Array<[string, string]> = [];
      for (const r of (await api.reviewSchedule.getChildren(group)) ?? []) {
        assert.ok(r.kind === 'document');
        rows.push([r.item.id, String((await api.reviewSchedule.getTreeItem(r)).description)]);
      }
      out.push({ label: label(tree), count: String(tree.description), rows });
    }
    return out;
  }

  it('groups documents as overdue, due soon and later, each with its owner and a relative date', async () => {
    await indexed();
    const shown = await groups();
    // Other suites edit the workspace (a review recorded on the real date, after the simulated today).
    const order = ['Overdue', 'Due soon', 'Later', 'Review date after today', 'Frontmatter missing or broken'];
    assert.deepEqual(shown.map((g) => g.label), order.filter((l) => shown.some((g) => g.label === l)));
    for (const l of ['Overdue', 'Due soon', 'Later', 'Frontmatter missing or broken']) assert.ok(shown.some((g) => g.label === l), l);
    for (const g of shown) assert.equal(g.count, String(g.rows.length));
    assert.deepEqual(shown[0].rows.slice(0, 2), [
      ['PROC-KEY-ROTATION', 'sre-lead · never reviewed: add last_reviewed'],
      ['POL-CONDUCT', 'amara.osei@harborview.io · overdue by 2 months'],
    ]);
    assert.deepEqual(shown[1].rows[0], ['POL-BCDR', 'sre-lead · due in 18 days']);
    const api = await extensionApi();
    const days = (api.snapshot()?.schedule.items ?? []).map((i) => i.daysLeft).filter((d): d is number => d !== undefined);
    assert.deepEqual(days, [...days].sort((a, b) => a - b));
  });

  it('lists documents whose frontmatter is missing or broken in a group of their own, with the reason', async () => {
    await indexed();
    const broken = (await groups()).find((g) => g.label === 'Frontmatter missing or broken');
    assert.ok(broken);
    const row = (id: string): string | undefined => broken.rows.find(([k]) => k === id)?.[1];
    assert.match(row('encryption') ?? '', /^no owner · The frontmatter is not valid YAML: /);
    assert.equal(row('laptop-setup'), 'no owner · No frontmatter: add one with owner, status and last_reviewed.');
  });
});
