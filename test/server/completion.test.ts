import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { CompletionRequest, type CompletionItem, type CompletionList, type TextEdit } from 'vscode-languageserver-protocol/node';
import { COMPLETION_LIMIT } from '../../server/src/core/features/completion';
import { copyFixture, EXAMPLE, TestClient } from './lspClient';

describe('completion over LSP', function () {
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

  it('in a flow list: criteria not yet listed, with titles, replacing the partial ID', async () => {
    const rel = 'controls/vendor-review.md';
    await client.open(rel);
    // criteria: [CC9.2]  ->  criteria: [CC9.2, CC9]
    await client.change(rel, [{ range: { start: { line: 6, character: 16 }, end: { line: 6, character: 16 } }, text: ', CC9' }]);
    const items = await complete(rel, 6, 21);
    assert.ok(!items.some((i) => i.label === 'CC9.2'), 'CC9.2 is listed already');
    const cc91 = items.find((i) => i.label === 'CC9.1');
    assert.deepEqual(cc91 && { detail: cc91.detail, textEdit: cc91.textEdit }, {
      detail: 'Business disruption (covered)',
      textEdit: { range: { start: { line: 6, character: 18 }, end: { line: 6, character: 21 } }, newText: 'CC9.1' } satisfies TextEdit,
    });
  });

  it('in a block list: the uncovered CC3.3 is offered, the IDs above are not', async () => {
    const rel = 'policies/risk-management.md';
    await client.open(rel);
    // A new item under `- CC9.9`.
    await client.change(rel, [{ range: { start: { line: 9, character: 9 }, end: { line: 9, character: 9 } }, text: '\n  - CC3' }]);
    const items = await complete(rel, 10, 7);
    for (const listed of ['CC3.1', 'CC3.2', 'CC3.4']) assert.ok(!items.some((i) => i.label === listed), `${listed} is listed already`);
    const cc33 = items.find((i) => i.label === 'CC3.3');
    assert.deepEqual(cc33 && { detail: cc33.detail, textEdit: cc33.textEdit }, {
      detail: 'Fraud risk (uncovered)',
      textEdit: { range: { start: { line: 10, character: 4 }, end: { line: 10, character: 7 } }, newText: 'CC3.3' },
    });
  });

  it('evidence paths relative to the document, and values after status:', async () => {
    const rel = 'controls/vendor-review.md';
    await client.open(rel);
    // `  - path: ../evidence/2025-Q4/vendor-review-2025.csv` -> keep `../evidence/` and ask there.
    const paths = await complete(rel, 12, 22);
    assert.deepEqual(
      paths.filter((i) => i.label.startsWith('2026')).map((i) => i.label),
      ['2026-Q1/', '2026-Q2/', '2026-Q3/', '2026-Q4/'],
    );
    assert.deepEqual(paths.find((i) => i.label === '2025-Q4/')?.textEdit, { range: { start: { line: 12, character: 22 }, end: { line: 12, character: 30 } }, newText: '2025-Q4/' });
    const statuses = await complete(rel, 5, 8);
    assert.deepEqual(statuses.map((i) => i.label), ['draft', 'approved', 'retired']);
  });

  it('offers nothing in the body', async () => {
    assert.deepEqual(await complete('controls/vendor-review.md', 20, 5), []);
  });
});

describe('completion over LSP in a large repository', function () {
  this.timeout(60000);
  let root: string;
  let client: TestClient;

  before(async () => {
    root = copyFixture(EXAMPLE);
    // More policies than one completion list holds.
    for (let i = 0; i < 150; i++) fs.writeFileSync(`${root}/policies/generated-${i}.md`, `---\nid: POL-GEN-${String(i).padStart(3, '0')}\ntype: policy\ntitle: Generated policy ${i}\nowner: owner-${i}\nlast_reviewed: 2026-06-01\n---\n`);
    client = await TestClient.start({ root, settings: { today: '2026-11-16' } });
    await client.waitForDiagnostics('compliance-docs.yml', (d) => d.some((x) => x.code === 'uncovered-criterion'));
  });
  after(async () => {
    await client.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('returns the best matches of the ids, bounded, and marks the list incomplete so the editor asks again', async () => {
    const rel = 'controls/vendor-review.md';
    await client.open(rel);
    // policies: [POL-VENDOR]  ->  policies: [POL-VENDOR, POL-GEN-1]
    await client.change(rel, [{ range: { start: { line: 7, character: 21 }, end: { line: 7, character: 21 } }, text: ', POL-GEN-1' }]);
    const r = (await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: client.uri(rel) }, position: { line: 7, character: 32 } })) as CompletionList | null;
    assert.ok(r);
    assert.equal(r.isIncomplete, true);
    assert.equal(r.items.length, COMPLETION_LIMIT);
    // The ids that start with what is typed come first: POL-GEN-1, POL-GEN-10 … POL-GEN-149.
    assert.deepEqual(r.items.slice(0, 3).map((i) => i.label), ['POL-GEN-100', 'POL-GEN-101', 'POL-GEN-102']);
    assert.ok(r.items.find((i) => i.label === 'POL-GEN-149')?.textEdit);
  });
});
