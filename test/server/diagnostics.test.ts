import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FileChangeType } from 'vscode-languageserver-protocol/node';
import { copyFixture, EXAMPLE, TestClient } from './lspClient';

describe('diagnostics over LSP', function () {
  this.timeout(30000);
  let root: string;
  let client: TestClient;

  beforeEach(async () => {
    root = copyFixture(EXAMPLE);
    client = await TestClient.start({ root });
  });
  afterEach(async () => {
    await client.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('publishes diagnostics for documents that are not open, with rule code, source and exact range', async () => {
    const d = await client.waitForDiagnostics('policies/risk-management.md', (x) => x.some((y) => y.code === 'unknown-criterion'));
    const f = d.find((x) => x.code === 'unknown-criterion');
    assert.equal(f?.source, 'compliance-docs');
    assert.deepEqual(f?.range, { start: { line: 9, character: 4 }, end: { line: 9, character: 9 } });
  });

  it('updates diagnostics as the user types', async () => {
    const rel = 'policies/risk-management.md';
    await client.waitForDiagnostics(rel, (x) => x.some((y) => y.code === 'unknown-criterion'));
    await client.open(rel);
    await client.change(rel, [{ range: { start: { line: 9, character: 4 }, end: { line: 9, character: 9 } }, text: 'CC9.2' }]);
    await client.waitForDiagnostics(rel, (x) => !x.some((y) => y.code === 'unknown-criterion'));
  });

  it('groups uncovered criteria: one diagnostic per series on the categories key, each criterion in its related information', async () => {
    const rel = 'compliance-docs.yml';
    const text = fs.readFileSync(path.join(root, rel), 'utf8').replace('categories: [security, availability, confidentiality]', 'categories: [security, availability, confidentiality, processing_integrity]');
    await client.open(rel, text);
    const d = await client.waitForDiagnostics(rel, (x) => x.some((y) => (y.data as { series?: string }).series === 'PI1'));
    const uncovered = d.filter((x) => x.code === 'uncovered-criterion');
    assert.deepEqual(uncovered.map((x) => (x.data as { series?: string }).series), ['CC1', 'CC3', 'PI1']);
    const categories = { start: { line: 7, character: 0 }, end: { line: 7, character: 10 } };
    const pi1 = uncovered[2];
    assert.deepEqual(pi1.range, categories);
    assert.match(String(pi1.message), /^PI1\.1, PI1\.2, PI1\.3, PI1\.4 and PI1\.5 \(PI1 Processing Integrity\) are in scope/);
    assert.deepEqual(
      pi1.relatedInformation?.map((r) => [r.location.uri, r.location.range, r.message.split(' ')[0], r.message.endsWith(': no approved document maps it')]),
      ['PI1.1', 'PI1.2', 'PI1.3', 'PI1.4', 'PI1.5'].map((id) => [client.uri(rel), categories, id, true]),
    );
    assert.equal(uncovered[1].relatedInformation?.[0].message, 'CC3.3 Fraud risk: no approved document maps it');
  });

  it('reports a deleted evidence file at once, and clears it when the file comes back', async () => {
    const rel = 'controls/change-audit.md';
    await client.waitForDiagnostics(rel, (x) => x.some((y) => y.code === 'evidence-gap'));
    const text = fs.readFileSync(path.join(root, rel), 'utf8');
    const evidence = /path: \/(evidence\/[^\s]+)/.exec(text)?.[1];
    assert.ok(evidence, 'the control links an evidence file');
    const abs = path.join(root, evidence);
    const content = fs.readFileSync(abs);
    fs.rmSync(abs);
    await client.filesChanged([{ rel: evidence, type: FileChangeType.Deleted }]);
    await client.waitForDiagnostics(rel, (x) => x.some((y) => y.code === 'broken-evidence-link'));
    fs.writeFileSync(abs, content);
    await client.filesChanged([{ rel: evidence, type: FileChangeType.Created }]);
    await client.waitForDiagnostics(rel, (x) => !x.some((y) => y.code === 'broken-evidence-link'));
  });
});

describe('a file a mapping table links, over LSP', function () {
  this.timeout(30000);
  it('is checked as a document while the table links it, and its diagnostics are cleared when the link is edited away', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-linked-'));
    const table = '| Criterion | Document |\n|---|---|\n| CC8.1 | [Change](engineering/change.md) |\n';
    fs.mkdirSync(path.join(root, 'engineering'));
    fs.mkdirSync(path.join(root, 'policies'));
    fs.writeFileSync(path.join(root, 'engineering', 'change.md'), '# Change Management\n\nEvery change is reviewed before it ships.\n');
    fs.writeFileSync(path.join(root, 'policies', 'access-policy.md'), '---\nowner: CTO\ncriteria: [CC6.1]\nlast_reviewed: 2026-06-01\n---\n# Access\n');
    fs.writeFileSync(path.join(root, 'soc2-mapping.md'), table);
    const client = await TestClient.start({ root });
    try {
      const d = await client.waitForDiagnostics('engineering/change.md', (x) => x.some((y) => y.code === 'frontmatter-missing'));
      assert.match(String(d.find((y) => y.code === 'frontmatter-missing')?.message), /the table in soc2-mapping\.md maps it to CC8\.1/);
      await client.open('soc2-mapping.md', table);
      await client.change('soc2-mapping.md', [{ range: { start: { line: 2, character: 0 }, end: { line: 3, character: 0 } }, text: '| CC8.1 | Change Management |\n' }]);
      await client.waitForDiagnostics('engineering/change.md', (x) => x.length === 0);
      await client.change('soc2-mapping.md', [{ range: { start: { line: 2, character: 0 }, end: { line: 3, character: 0 } }, text: '| CC8.1 | [Change](engineering/change.md) |\n' }]);
      await client.waitForDiagnostics('engineering/change.md', (x) => x.some((y) => y.code === 'frontmatter-missing'));
    } finally {
      await client.stop();
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
