import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DocumentSymbolRequest, SymbolKind, SymbolTag, WorkspaceSymbolRequest, type DocumentSymbol, type SymbolInformation } from 'vscode-languageserver-protocol/node';
import { copyFixture, EXAMPLE, TestClient } from './lspClient';

/** name → children, to compare the outline's shape at a glance. */
function shape(symbols: readonly DocumentSymbol[]): unknown[] {
  return symbols.map((s) => (s.children && s.children.length > 0 ? { [s.name]: shape(s.children) } : s.name));
}

describe('document and workspace symbols over LSP', function () {
  this.timeout(30000);
  let root: string;
  let client: TestClient;

  before(async () => {
    root = copyFixture(EXAMPLE);
    // A retired control, to see it marked as such.
    const background = path.join(root, 'controls/background-checks.md');
    fs.writeFileSync(background, fs.readFileSync(background, 'utf8').replace('status: approved', 'status: retired'));
    client = await TestClient.start({
      root,
      capabilities: { textDocument: { documentSymbol: { hierarchicalDocumentSymbolSupport: true } }, workspace: { configuration: true, workspaceFolders: true } },
    });
    await client.waitForNotification<{ complete: boolean }>('complianceDocs/indexChanged', (p) => p.complete);
  });
  after(async () => {
    await client.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('outlines a document: the frontmatter with its keys, then its headings as a tree', async () => {
    const rel = 'policies/change-management.md';
    await client.open(rel);
    const symbols = (await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: client.uri(rel) } })) as DocumentSymbol[];
    assert.deepEqual(shape(symbols), [
      {
        frontmatter: [
          'id',
          'title',
          'owner',
          'status',
          { criteria: ['CC3.4', 'CC5.2', 'CC8.1'] },
          { controls: ['CM-01', 'CM-02'] },
          'last_reviewed',
          'review_cycle',
        ],
      },
      { 'Change Management Policy': ['Scope', 'Rules', 'Monitoring', 'Significant changes'] },
    ]);
    const [frontmatter, policy] = symbols;
    assert.equal(frontmatter.kind, SymbolKind.Module);
    assert.deepEqual(frontmatter.range, { start: { line: 0, character: 0 }, end: { line: 9, character: 3 } });
    const criteria = frontmatter.children?.[4];
    assert.deepEqual(criteria?.selectionRange, { start: { line: 5, character: 0 }, end: { line: 5, character: 8 } });
    assert.deepEqual(criteria?.children?.[2].range, { start: { line: 5, character: 25 }, end: { line: 5, character: 30 } });
    assert.equal(policy.kind, SymbolKind.String);
    assert.deepEqual(policy.selectionRange, { start: { line: 11, character: 0 }, end: { line: 11, character: 26 } });
    const scope = policy.children?.[0];
    assert.deepEqual(scope?.range.start, { line: 16, character: 0 });
    assert.equal(scope?.range.end.line, 20);
  });

  it('finds documents across the workspace by id or title, with their kind and where the id is written', async () => {
    const found = (await client.connection.sendRequest(WorkspaceSymbolRequest.type, { query: 'peer review' })) as SymbolInformation[];
    assert.deepEqual(found, [
      {
        name: 'CM-01 Peer review required before merge to main',
        kind: SymbolKind.Class,
        location: { uri: client.uri('controls/code-review.md'), range: { start: { line: 1, character: 4 }, end: { line: 1, character: 9 } } },
        containerName: 'controls/code-review.md',
      },
    ]);
    const policies = (await client.connection.sendRequest(WorkspaceSymbolRequest.type, { query: 'pol-' })) as SymbolInformation[];
    assert.ok(policies.length >= 8 && policies.every((s) => s.kind === SymbolKind.Module && s.name.startsWith('POL-')), JSON.stringify(policies.map((s) => s.name)));
  });

  it('gives no outline for a markdown file that is not a document of the program', async () => {
    // The example's README.md sits at the root, outside every document folder: a second "Compliance"
    // outline repeating its headings would only be noise.
    const rel = 'README.md';
    assert.ok(fs.existsSync(path.join(root, rel)));
    await client.open(rel);
    const symbols = await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: client.uri(rel) } });
    assert.equal(symbols, null);
  });

  it('marks retired documents as deprecated', async () => {
    const found = (await client.connection.sendRequest(WorkspaceSymbolRequest.type, { query: 'HR-01' })) as SymbolInformation[];
    assert.deepEqual(found.map((s) => [s.name.split(' ')[0], s.tags]), [['HR-01', [SymbolTag.Deprecated]]]);
  });
});

describe('document symbols for clients without hierarchical symbols', function () {
  this.timeout(30000);
  let root: string;
  let client: TestClient;

  before(async () => {
    root = copyFixture(EXAMPLE);
    client = await TestClient.start({ root });
  });
  after(async () => {
    await client.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('flattens the outline, each symbol naming its parent', async () => {
    const rel = 'procedures/laptop-setup.md';
    await client.open(rel);
    const symbols = (await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: client.uri(rel) } })) as SymbolInformation[];
    assert.ok(symbols.length > 1, JSON.stringify(symbols));
    assert.equal(symbols[0].containerName, undefined);
    assert.equal(symbols[1].containerName, symbols[0].name);
    assert.ok(symbols.every((s) => s.kind === SymbolKind.String && s.location.uri === client.uri(rel)));
  });
});
