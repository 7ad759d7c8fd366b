// Vendors in the editor, over real LSP on the example repository: the Vendors node of the coverage
// tree, hover on a vendor id, completion in a vendor file, and the quick fixes vendor findings carry.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  CodeActionRequest,
  CodeLensRequest,
  CompletionRequest,
  HoverRequest,
  TextDocumentEdit,
  type CodeAction,
  type CompletionItem,
  type CompletionList,
  type Diagnostic,
  type MarkupContent,
} from 'vscode-languageserver-protocol/node';
import { computeLineStarts } from '../../server/src/core/text/lines';
import { CoverageTreeRequest } from '../../server/src/protocol';
import { localToday } from '../../server/src/session';
import { copyFixture, EXAMPLE, TestClient } from './lspClient';

const ACME = [
  '---',
  'id: VEN-ACME',
  'type: vendor',
  'title: Acme Mail',
  'owner: it-lead',
  'criticality: high',
  'last_reviewed: 2025-10-01',
  'assurance:',
  '  - type: soc2-type2',
  '    period: { start: 2025-05-01, end: 2026-04-30 }',
  '    opinion: unqualified',
  'cuecs:',
  '  - text: We turn on SSO',
  '    controls: []',
  '---',
  '',
  '# Acme Mail',
  '',
].join('\n');

describe('vendors over LSP', function () {
  this.timeout(30000);
  let root: string;
  let client: TestClient;

  before(async () => {
    root = copyFixture(EXAMPLE);
    fs.writeFileSync(path.join(root, 'vendors/acme.md'), ACME);
    client = await TestClient.start({ root, settings: { today: '2026-11-16' } });
    await client.waitForDiagnostics('compliance-docs.yml', (d) => d.some((x) => x.code === 'uncovered-criterion'));
  });
  after(async () => {
    await client.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  async function complete(rel: string, text: string, line: number, character: number): Promise<CompletionItem[]> {
    await client.open(rel, text);
    const r = (await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: client.uri(rel) }, position: { line, character } })) as CompletionList | null;
    await client.close(rel);
    return r?.items ?? [];
  }

  async function actions(rel: string, diagnostic: Diagnostic): Promise<CodeAction[]> {
    return ((await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: client.uri(rel) }, range: diagnostic.range, context: { diagnostics: [diagnostic] } })) ?? []) as CodeAction[];
  }

  /** The text after an action's edits to `rel`. */
  function applied(rel: string, action: CodeAction | undefined): string {
    assert.ok(action?.edit?.documentChanges, 'the action edits the file');
    let text = fs.readFileSync(path.join(root, rel), 'utf8');
    const edit = action.edit.documentChanges.find((c): c is TextDocumentEdit => TextDocumentEdit.is(c) && c.textDocument.uri === client.uri(rel));
    assert.ok(edit);
    const starts = computeLineStarts(text);
    const offsets = edit.edits.map((e) => ({ start: starts[e.range.start.line] + e.range.start.character, end: starts[e.range.end.line] + e.range.end.character, newText: 'newText' in e ? e.newText : '' }));
    for (const e of offsets.sort((a, b) => b.start - a.start)) text = text.slice(0, e.start) + e.newText + text.slice(e.end);
    return text;
  }

  it('the coverage tree has the vendors by criticality, each with its newest report and its findings', async () => {
    const tree = await client.connection.sendRequest(CoverageTreeRequest, {});
    const groups = tree.folders[0].vendors ?? [];
    assert.deepEqual(
      groups.map((g) => [g.criticality, g.vendors.map((v) => v.id)]),
      [
        ['critical', ['VEN-AWS', 'VEN-GITHUB', 'VEN-OKTA']],
        ['high', ['VEN-ACME', 'VEN-DATADOG', 'VEN-PAGERDUTY', 'VEN-SNOWFLAKE']],
        ['low', ['VEN-FIGMA']],
      ],
    );
    const all = groups.flatMap((g) => g.vendors);
    const aws = all.find((v) => v.id === 'VEN-AWS');
    assert.deepEqual(aws && { report: aws.report, type: aws.reportType, date: aws.reportDate, age: aws.reportAgeMonths, findings: aws.findings, uri: aws.uri, line: aws.line }, {
      report: 'SOC 2 Type II · period end 2026-09-30 · 1 month',
      type: 'soc2-type2',
      date: '2026-09-30',
      age: 1,
      findings: [],
      uri: client.uri('vendors/aws.md'),
      line: 0,
    });
    const datadog = all.find((v) => v.id === 'VEN-DATADOG');
    assert.equal(datadog?.report, 'SOC 2 Type II · period end 2025-06-30 · 16 months, out of date');
    assert.deepEqual(datadog?.findings.map((f) => [f.code, f.severity, f.line]), [['vendor-report-stale', 'warning', 11]]);
    // CC9.2 says which of them hold it at stale.
    const cc92 = tree.folders[0].categories.flatMap((c) => c.series).flatMap((x) => x.criteria).find((c) => c.id === 'CC9.2');
    assert.deepEqual([cc92?.state, cc92?.heldBy], ['stale', ['VEN-ACME', 'VEN-DATADOG', 'VEN-GITHUB', 'VEN-OKTA', 'VEN-PAGERDUTY']]);
    const github = all.find((v) => v.id === 'VEN-GITHUB');
    assert.equal(github?.report, 'no assurance recorded');
    assert.deepEqual(github?.findings.map((f) => [f.code, f.severity]), [['vendor-assurance-missing', 'error']]);
  });

  it('hover on a vendor id: criticality, the newest report with its period end and age, and the review', async () => {
    const h = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: client.uri('vendors/aws.md') }, position: { line: 1, character: 6 } });
    assert.ok(h);
    const value = (h.contents as MarkupContent).value;
    assert.ok(value.startsWith('**VEN-AWS** Amazon Web Services\n\nvendor · approved · owner security-lead'), value);
    assert.ok(value.includes('**Criticality:** critical · hosting, backups, key management'), value);
    assert.ok(value.includes('**Newest report:** SOC 2 Type II report, period 2025-10-01 to 2026-09-30, 1 month old; opinion unqualified; current until 2027-09-30.'), value);
    assert.ok(value.includes('**CUECs:** 2, each mapped to a control.'), value);
    assert.match(value, /\*\*Review:\*\* last reviewed 2026-10-20, next due 2027-04-20 \(in \d+ days, semiannual cycle\)/);

    const criterion = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: client.uri('controls/vendor-review.md') }, position: { line: 6, character: 13 } });
    assert.ok(
      (criterion?.contents as MarkupContent).value.includes('Held at stale at best while these critical or high vendors have a warning or an error: VEN-ACME, VEN-DATADOG, VEN-GITHUB, VEN-OKTA, VEN-PAGERDUTY.'),
      (criterion?.contents as MarkupContent).value,
    );

    const stale = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: client.uri('vendors/datadog.md') }, position: { line: 1, character: 6 } });
    assert.match((stale?.contents as MarkupContent).value, /16 months old; opinion \w+; out of date since 2026-06-30\./);
  });

  it('the code lens on a vendor says its criticality and its newest report instead of "no criteria mapped"', async () => {
    const lenses = (await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri: client.uri('vendors/aws.md') } })) ?? [];
    const titles = lenses.map((l) => l.command?.title);
    assert.equal(titles[0], 'critical vendor · SOC 2 Type II · period end 2026-09-30 · 1 month');
    assert.ok(!titles.includes('no criteria mapped'), titles.join(' | '));
    assert.match(titles[1] ?? '', /^reviewed \d+ days ago · due in \d+ days$/);
    const github = (await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri: client.uri('vendors/github.md') } })) ?? [];
    assert.equal(github[0]?.command?.title, 'critical vendor · no assurance recorded');
  });

  it('completes the enums of a vendor, control ids under cuecs, and an id from the file name', async () => {
    const rel = 'vendors/acme.md';
    const lines = ACME.split('\n');
    const at = (i: number, line: string): string => [...lines.slice(0, i), line, ...lines.slice(i + 1)].join('\n');
    const labels = (items: CompletionItem[]): string[] => items.map((i) => i.label);

    assert.deepEqual(labels(await complete(rel, at(5, 'criticality: '), 5, 13)), ['critical', 'high', 'medium', 'low']);
    assert.deepEqual(labels(await complete(rel, at(8, '  - type: soc'), 8, 13)), ['soc2-type2', 'soc2-type1', 'iso27001', 'pentest', 'questionnaire']);
    assert.deepEqual(labels(await complete(rel, at(10, '    opinion: '), 10, 13)), ['unqualified', 'qualified', 'adverse', 'disclaimer']);
    const categories = await complete(rel, at(10, '    categories: [security, '), 10, 30);
    assert.deepEqual(labels(categories), ['availability', 'confidentiality', 'processing-integrity', 'privacy']);

    const controls = await complete(rel, at(13, '    controls: [AC'), 13, 17);
    assert.ok(labels(controls).includes('AC-02'), labels(controls).join());
    assert.ok(!labels(controls).some((l) => l.startsWith('VEN-') || l.startsWith('POL-')), 'only controls');

    // A report path is written from the repository root, whatever folder the vendor file is in.
    const report = await complete(rel, at(10, '    report: ev'), 10, 14);
    assert.deepEqual(labels(report), ['evidence/']);
    const inside = labels(await complete(rel, at(10, '    report: evidence/'), 10, 21));
    assert.ok(inside.includes('2026-Q1/') && inside.includes('README.md'), inside.join());

    const id = await complete(rel, at(1, 'id: '), 1, 4);
    assert.deepEqual(id.map((i) => [i.label, i.detail]), [['VEN-ACME', 'an id for this vendor, from its file name']]);

    const keys = labels(await complete(rel, at(11, 'crit'), 11, 4));
    assert.ok(keys.includes('subservice') && keys.includes('services'), keys.join());
    const entryKeys = labels(await complete(rel, at(10, '    bri'), 10, 7));
    assert.ok(entryKeys.includes('bridge_letter') && entryKeys.includes('as_of'), entryKeys.join());
  });

  it('offers a bridging letter entry, an assurance entry and mark reviewed with the real date', async () => {
    const rel = 'vendors/acme.md';
    const diagnostics = await client.waitForDiagnostics(rel, (d) => d.some((x) => x.code === 'vendor-bridge-letter'));
    const bridge = diagnostics.find((d) => d.code === 'vendor-bridge-letter');
    assert.ok(bridge);
    const bridgeFix = (await actions(rel, bridge)).find((a) => a.title === 'Add a bridging letter entry to this report');
    assert.equal(bridgeFix?.kind, 'quickfix');
    assert.ok(applied(rel, bridgeFix).includes('    opinion: unqualified\n    bridge_letter: { date: YYYY-MM-DD, through: YYYY-MM-DD, report: evidence/vendors/BRIDGE-LETTER.pdf }\ncuecs:'));

    const review = diagnostics.find((d) => d.code === 'stale-review');
    assert.ok(review, JSON.stringify(diagnostics.map((d) => d.code)));
    const mark = (await actions(rel, review)).find((a) => a.title.startsWith('Mark reviewed today'));
    // The checks run as of the complianceDocs.today setting; the review record gets the real date.
    assert.equal(mark?.title, `Mark reviewed today (${localToday()}, the real date; checks run as of 2026-11-16)`);
    assert.ok(applied(rel, mark).includes(`last_reviewed: ${localToday()}\n`));

    const datadog = 'vendors/datadog.md';
    const stale = (await client.waitForDiagnostics(datadog, (d) => d.some((x) => x.code === 'vendor-report-stale'))).find((d) => d.code === 'vendor-report-stale');
    assert.ok(stale);
    const entry = (await actions(datadog, stale)).find((a) => a.title === 'Add an assurance entry for the new report');
    assert.match(applied(datadog, entry), /\nassurance:\n  - type: soc2-type2\n    period: \{ start: YYYY-MM-DD, end: YYYY-MM-DD \}\n    opinion: unqualified\n    categories: \[security\]\n    report: evidence\/vendors\/REPORT\.pdf\n  - type: soc2-type2\n/);
  });
});
