import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DefinitionRequest, ReferencesRequest, type Location, type Position, type Range } from 'vscode-languageserver-protocol/node';
import { copyFixture, EXAMPLE, TestClient } from './lspClient';

describe('definition and references over LSP', function () {
  this.timeout(30000);
  let root: string;
  let client: TestClient;

  /** Where the `nth` occurrence of `needle` sits in a file of the copy, as an LSP range. */
  const rangeOf = (rel: string, needle: string, nth = 0): Range => {
    const text = fs.readFileSync(path.join(root, rel), 'utf8');
    let at = -1;
    for (let i = 0; i <= nth; i++) at = text.indexOf(needle, at + 1);
    assert.ok(at >= 0, `${needle} in ${rel}`);
    const before = text.slice(0, at).split('\n');
    const line = before.length - 1;
    const character = before[line].length;
    return { start: { line, character }, end: { line, character: character + needle.length } };
  };
  const inside = (r: Range): Position => ({ line: r.start.line, character: r.start.character + 2 });
  const loc = (rel: string, range: Range): Location => ({ uri: client.uri(rel), range });
  const sortLocations = (l: Location[] | null): Location[] => [...(l ?? [])].sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : a.range.start.line - b.range.start.line));

  before(async () => {
    root = copyFixture(EXAMPLE);
    // A closed document that mentions a criterion in its prose.
    fs.appendFileSync(path.join(root, 'narratives/system-description.md'), '\nChanges are reviewed before release (CC8.1).\n');
    client = await TestClient.start({ root });
    await client.waitForNotification<{ complete: boolean }>('complianceDocs/indexChanged', (p) => p.complete);
  });
  after(async () => {
    await client.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('serves definition and references', () => {
    const caps = client.initializeResult?.capabilities;
    assert.equal(caps?.definitionProvider, true);
    assert.equal(caps?.referencesProvider, true);
  });

  it("goes from a policies: reference to the policy's id", async () => {
    const rel = 'controls/change-audit.md';
    await client.open(rel);
    const found = await client.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri: client.uri(rel) }, position: inside(rangeOf(rel, 'POL-CHANGE')) });
    assert.deepEqual(found, [loc('policies/change-management.md', rangeOf('policies/change-management.md', 'POL-CHANGE'))]);
  });

  it('goes from a criterion to the approved documents that map it, controls first', async () => {
    const rel = 'policies/change-management.md';
    const found = await client.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri: client.uri(rel) }, position: inside(rangeOf(rel, 'CC8.1')) });
    assert.deepEqual(found, [
      loc('controls/change-audit.md', rangeOf('controls/change-audit.md', 'CC8.1')),
      loc('controls/code-review.md', rangeOf('controls/code-review.md', 'CC8.1')),
      loc('policies/change-management.md', rangeOf('policies/change-management.md', 'CC8.1')),
    ]);
  });

  it('goes from a scoped-out criterion to its not_applicable entry in compliance-docs.yml', async () => {
    const rel = 'controls/change-audit.md';
    const text = `${fs.readFileSync(path.join(root, rel), 'utf8')}\nPhysical security (CC6.4) is AWS's.\n`;
    await client.change(rel, [{ text }]);
    const lines = text.split('\n');
    const line = lines.findIndex((l) => l.includes('(CC6.4)'));
    const found = await client.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri: client.uri(rel) }, position: { line, character: lines[line].indexOf('CC6.4') + 1 } });
    assert.deepEqual(found, [loc('compliance-docs.yml', rangeOf('compliance-docs.yml', 'CC6.4'))]);
  });

  it('goes from an evidence path to the file', async () => {
    const rel = 'controls/code-review.md';
    const found = await client.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri: client.uri(rel) }, position: inside(rangeOf(rel, '/evidence/2026-Q2/merged-pr-sample.csv')) });
    assert.deepEqual(found, [loc('evidence/2026-Q2/merged-pr-sample.csv', { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } })]);
  });

  it('answers null where there is nothing to go to', async () => {
    const rel = 'controls/code-review.md';
    assert.equal(await client.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri: client.uri(rel) }, position: inside(rangeOf(rel, 'Terraform')) }), null);
  });

  it("finds an id's declaration and every controls: item naming it, honouring includeDeclaration", async () => {
    const rel = 'controls/code-review.md';
    const params = { textDocument: { uri: client.uri(rel) }, position: inside(rangeOf(rel, 'CM-01')) };
    const all = await client.connection.sendRequest(ReferencesRequest.type, { ...params, context: { includeDeclaration: true } });
    // A vendor's CUEC naming the control is a reference too.
    const cuec = loc('vendors/github.md', rangeOf('vendors/github.md', 'CM-01'));
    assert.deepEqual(sortLocations(all), [loc('controls/code-review.md', rangeOf(rel, 'CM-01')), loc('policies/change-management.md', rangeOf('policies/change-management.md', 'CM-01')), cuec]);
    const refs = await client.connection.sendRequest(ReferencesRequest.type, { ...params, context: { includeDeclaration: false } });
    assert.deepEqual(sortLocations(refs), [loc('policies/change-management.md', rangeOf('policies/change-management.md', 'CM-01')), cuec]);
  });

  it('finds every mapping of a criterion and its mentions in the prose of closed documents', async () => {
    const rel = 'controls/code-review.md';
    const found = await client.connection.sendRequest(ReferencesRequest.type, { textDocument: { uri: client.uri(rel) }, position: inside(rangeOf(rel, 'CC8.1')), context: { includeDeclaration: true } });
    assert.deepEqual(sortLocations(found), [
      loc('controls/change-audit.md', rangeOf('controls/change-audit.md', 'CC8.1')),
      loc('controls/code-review.md', rangeOf(rel, 'CC8.1')),
      loc('narratives/system-description.md', rangeOf('narratives/system-description.md', 'CC8.1')),
      loc('policies/change-management.md', rangeOf('policies/change-management.md', 'CC8.1')),
    ]);
  });
});
