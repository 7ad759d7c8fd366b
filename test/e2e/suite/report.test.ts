import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { TODAY, cli, extensionApi, indexed, root, waitFor } from './util';

interface CliMatrix {
  readonly auditType: string;
  readonly summary: { readonly inScope: number; readonly covered: number; readonly notApplicable: number };
  readonly legend: readonly { state: string; label: string }[];
  readonly criteria: readonly { id: string; state: string; reason: string }[];
  readonly calendar: readonly { id: string; slots: readonly { label: string; status: string }[] }[];
}

/** The attribute values of `name` in every tag the pattern of `tag` matches, in page order. */
function attributes(html: string, tag: RegExp, name: string): string[] {
  return [...html.matchAll(tag)].map((m) => new RegExp(`${name}="([^"]*)"`).exec(m[0])?.[1] ?? '');
}

describe('coverage report view on a Type II workspace', () => {
  let expected: CliMatrix;
  let html: string;

  before(async () => {
    const api = await extensionApi();
    await indexed();
    expected = JSON.parse(await cli('coverage', root().fsPath, '--format', 'json', '--today', TODAY)) as CliMatrix;
    assert.equal(expected.auditType, 'type2', 'the example workspace is a Type II program');
    await vscode.commands.executeCommand('complianceDocs.showReport');
    html = await waitFor('the report page with its calendar', () => {
      const page = api.reportHtml();
      return page?.includes('<table class="calendar">') ? page : undefined;
    });
  });

  after(async () => {
    const api = await extensionApi();
    if (api.reportVisible()) await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('draws each control of the period calendar with the slots the CLI reports, filled, missing or not yet due', () => {
    const rows = [...html.matchAll(/<tr data-control="([^"]*)">(.*?)<\/table><\/td><\/tr>/g)].map((m) => ({ id: m[1], statuses: attributes(m[2], /<td class="slot[^>]*>/g, 'data-status') }));
    assert.deepEqual(
      rows,
      expected.calendar.map((c) => ({ id: c.id, statuses: c.slots.map((s) => s.status) })),
    );
    assert.ok(rows.some((r) => r.statuses.includes('missing')), 'the example has a control with a missing slot');
  });

  it('gives each criterion the state the CLI gives it, with the reason as its tooltip', () => {
    const decode = (text: string): string => text.replace(/&#(\d+);/g, (_m, n: string) => String.fromCharCode(Number(n)));
    const rows = [...html.matchAll(/<tr data-criterion="([^"]*)" data-state="([^"]*)">.*?<td class="state" title="([^"]*)">.*?<\/tr>/g)].map((m) => [m[1], m[2], decode(m[3])]);
    assert.deepEqual(
      rows,
      expected.criteria.map((c) => [c.id, c.state, c.reason]),
    );
    const exception = expected.criteria.find((c) => c.state === 'exception');
    assert.ok(exception, 'the example has a criterion in exception');
  });

  it('has a legend entry for every state of the legend, and the count the status bar shows', async () => {
    assert.deepEqual(
      attributes(html, /<li title="[^"]*" data-state="[^"]*">/g, 'data-state'),
      expected.legend.map((l) => l.state),
    );
    const api = await extensionApi();
    const { covered, inScope, notApplicable } = expected.summary;
    assert.ok(html.includes(`${covered} of ${inScope - notApplicable} criteria covered`), 'the same count as the status bar');
    assert.ok(api.statusBarText().includes(`${covered}/${inScope - notApplicable}`), api.statusBarText());
  });
});
