// The risk register in the editor, over real LSP on the example: hover on a risk id, completion of
// risk ids and enums, the quick fix that adds an acceptance, and the register in the coverage tree.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { CodeActionRequest, CompletionRequest, HoverRequest, type CodeAction, type CompletionItem, type CompletionList, type MarkupContent, type TextDocumentEdit, type TextEdit } from 'vscode-languageserver-protocol/node';
import { CoverageTreeRequest } from '../../server/src/protocol';
import { copyFixture, EXAMPLE, TestClient } from './lspClient';

describe('risks over LSP', function () {
  this.timeout(30000);
  let root: string;
  let client: TestClient;

  beforeEach(async () => {
    root = copyFixture(EXAMPLE);
    client = await TestClient.start({ root, settings: { today: '2026-11-16' } });
    await client.waitForDiagnostics('compliance-docs.yml', (d) => d.some((x) => x.code === 'uncovered-criterion'));
  });
  afterEach(async () => {
    await client.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  async function complete(rel: string, line: number, character: number): Promise<CompletionItem[]> {
    const r = (await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: client.uri(rel) }, position: { line, character } })) as CompletionList | null;
    return r?.items ?? [];
  }

  it('hover on a risk id an assessment lists: scores, treatment, acceptance and its expiry, controls, last assessment', async () => {
    const rel = 'risks/assessments/2025-annual.md';
    // risks: [RISK-001, RISK-002, RISK-003, RISK-004]: on RISK-004.
    const h = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: client.uri(rel) }, position: { line: 7, character: 42 } });
    assert.ok(h);
    assert.deepEqual(h.range, { start: { line: 7, character: 38 }, end: { line: 7, character: 46 } });
    const value = (h.contents as MarkupContent).value;
    assert.ok(value.startsWith('**RISK-004** Customer data in the legacy reporting database'), value);
    assert.ok(value.includes('Inherent 3 × 4 = 12 · residual 3 × 4 = 12, above the tolerance of 9 (scale 1 to 5)'), value);
    assert.ok(value.includes('Treatment: accept · category technology'), value);
    assert.ok(value.includes('Accepted by cto on 2025-09-30, expired 2026-09-30'), value);
    assert.ok(value.includes('Controls: none'), value);
    assert.ok(value.includes('Last assessed in RA-2025 on 2025-12-08'), value);
  });

  it('completes risk ids under risks:, and category and treatment values in a risk', async () => {
    const rel = 'risks/assessments/2025-annual.md';
    await client.open(rel);
    await client.change(rel, [{ range: { start: { line: 7, character: 18 }, end: { line: 7, character: 47 } }, text: 'RISK-0]' }]);
    const ids = await complete(rel, 7, 24);
    assert.deepEqual(ids.map((i) => i.label).sort(), ['RISK-002', 'RISK-003', 'RISK-004']);
    assert.equal(ids.find((i) => i.label === 'RISK-003')?.detail, 'An unreviewed change reaches production (approved)');

    const risk = 'risks/unreviewed-change.md';
    await client.open(risk);
    await client.change(risk, [{ range: { start: { line: 5, character: 10 }, end: { line: 5, character: 16 } }, text: '' }]);
    assert.deepEqual((await complete(risk, 5, 10)).map((i) => i.label), ['fraud', 'change', 'vendor', 'technology', 'people', 'legal', 'operational', 'other']);
    await client.change(risk, [{ range: { start: { line: 8, character: 11 }, end: { line: 8, character: 19 } }, text: '' }]);
    assert.deepEqual((await complete(risk, 8, 11)).map((i) => i.label), ['mitigate', 'accept', 'transfer', 'avoid']);
  });

  it('offers an acceptance skeleton for an accepted risk with none', async () => {
    const rel = 'risks/legacy-reporting-db.md';
    const text = fs.readFileSync(`${root}/${rel}`, 'utf8').replace(/^acceptance:.*\n/m, '');
    await client.open(rel, text);
    const diags = await client.waitForDiagnostics(rel, (d) => d.some((x) => x.code === 'risk-acceptance-missing'));
    const d = diags.find((x) => x.code === 'risk-acceptance-missing');
    assert.ok(d);
    assert.deepEqual(d.range, { start: { line: 8, character: 11 }, end: { line: 8, character: 17 } });
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: client.uri(rel) }, range: d.range, context: { diagnostics: [d], only: ['quickfix'] } })) as CodeAction[];
    const fix = actions.find((a) => a.title.startsWith('Add an acceptance'));
    assert.ok(fix?.edit?.documentChanges, JSON.stringify(actions.map((a) => a.title)));
    const edit = (fix.edit.documentChanges[0] as TextDocumentEdit).edits[0] as TextEdit;
    assert.match(edit.newText, /^acceptance: \{ by: "", date: \d{4}-\d\d-\d\d, expires: \d{4}-\d\d-\d\d \}\n$/);
    assert.deepEqual(edit.range.start, { line: 10, character: 0 });
  });

  it('sends the register with the coverage tree: above tolerance first, then by residual score, and the heat maps', async () => {
    const tree = await client.connection.sendRequest(CoverageTreeRequest, {});
    const reg = tree.folders[0].risks;
    assert.ok(reg);
    assert.deepEqual(reg.risks.map((r) => [r.id, r.residual?.score, r.aboveTolerance]), [['RISK-004', 12, true], ['RISK-001', 10, true], ['RISK-003', 8, false], ['RISK-002', 6, false]]);
    assert.equal(reg.risks[0].acceptanceGap, true);
    assert.deepEqual(reg.residual[2][3], ['RISK-004']);
    assert.deepEqual(reg.inherent[2][3], ['RISK-004', 'RISK-003']);
    assert.equal(reg.inherent.flat().reduce((n, c) => n + c.length, 0), 4);
  });
});
