// A failing handler answers with an error and the server keeps serving: malformed requests and
// notifications, each answered (with an error or an empty result), and normal work goes on after them
// in the same process.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-protocol/node';
import type { TestClient } from '../server/lspClient';
import { ask, indexed, startServer, type Answer } from './lsp';
import { EXAMPLE } from './support';

describe('a server that keeps serving', function () {
  this.timeout(120000);
  let root = '';
  let client: TestClient;
  const REL = 'policies/risk-management.md';

  /** The server still works: it is alive, answers a coverage request and a hover, and publishes after an edit. */
  async function stillServing(note: string): Promise<void> {
    assert.equal(client.child.exitCode, null, `${note}: the server exited`);
    const tree = await ask(client, 'complianceDocs/coverageTree', {});
    assert.ok('result' in tree, `${note}: ${JSON.stringify(tree)}`);
    const folders = (tree.result as { folders: Array<{ documentCount: number; summary: { inScope: number } }> }).folders;
    assert.equal(folders.length, 1, note);
    assert.ok(folders[0].documentCount > 20 && folders[0].summary.inScope > 30, `${note}: ${JSON.stringify(folders[0].summary)}`);
    const hover = await ask(client, 'textDocument/hover', { textDocument: { uri: client.uri(REL) }, position: { line: 9, character: 6 } });
    assert.ok('result' in hover && JSON.stringify(hover.result).includes('CC'), `${note}: hover ${JSON.stringify(hover)}`);
  }

  const answered = (a: Answer): boolean => 'result' in a || ('error' in a && typeof a.error.message === 'string');

  before(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-handlers-'));
    fs.cpSync(EXAMPLE, root, { recursive: true });
    client = await startServer({ root });
    await indexed(client);
    await client.open(REL);
  });

  after(async () => {
    await client.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('answers malformed requests with an error or an empty result, and the next request works', async () => {
    const open = { uri: client.uri(REL) };
    const requests: Array<[string, unknown]> = [
      ['textDocument/hover', {}],
      ['textDocument/hover', { textDocument: { uri: 42 }, position: null }],
      ['textDocument/hover', { textDocument: open, position: { line: -3, character: 1e9 } }],
      ['textDocument/completion', { textDocument: { uri: client.uri('controls/not-open.md') }, position: { line: 5, character: 3 } }],
      ['textDocument/completion', { textDocument: { uri: 'untitled:Untitled-1' }, position: { line: 0, character: 0 } }],
      ['complianceDocs/coverageTree', 'every folder, please'],
      ['complianceDocs/coverageTree', { folder: 42 }],
      ['complianceDocs/coverageTree', [1, 2, 3]],
      ['textDocument/codeAction', { textDocument: open, range: { start: { line: 9999, character: 9999 }, end: { line: 99999, character: -5 } }, context: { diagnostics: [] } }],
      ['textDocument/codeAction', { textDocument: open, range: { start: { line: 9, character: 4 }, end: { line: 9, character: 9 } }, context: { diagnostics: [{ range: null, message: 7, data: 'x' }] } }],
      ['textDocument/codeAction', { textDocument: open }],
      ['textDocument/definition', { textDocument: open }],
      ['textDocument/references', { textDocument: open, position: { line: 9, character: 6 } }],
      ['textDocument/prepareRename', { textDocument: open, position: { line: -1, character: -1 } }],
      ['textDocument/rename', { textDocument: open, position: { line: 1, character: 5 }, newName: 42 }],
      ['textDocument/documentLink', { textDocument: null }],
      ['textDocument/documentSymbol', { textDocument: { uri: 'file:///nowhere/at/all.md' } }],
      ['textDocument/codeLens', { textDocument: { uri: '%%%' } }],
      ['workspace/symbol', { query: null }],
      ['complianceDocs/reviewSchedule', 17],
      ['complianceDocs/report', null],
      ['complianceDocs/report', { format: 42, folder: {} }],
      ['complianceDocs/markReviewed', { uri: 42 }],
      ['complianceDocs/markReviewed', {}],
      ['complianceDocs/newDocument', { type: 'bogus', id: 5 }],
      ['complianceDocs/noSuchRequest', {}],
    ];
    for (const [method, params] of requests) {
      const answer = await ask(client, method, params);
      assert.ok(answered(answer), `${method} ${JSON.stringify(params)}: ${JSON.stringify(answer)}`);
      await stillServing(`after ${method} ${JSON.stringify(params)}`);
    }
  });

  it('survives malformed notifications and keeps publishing diagnostics', async () => {
    const notifications: Array<[string, unknown]> = [
      ['textDocument/didOpen', { textDocument: { uri: client.uri('controls/no-text.md'), languageId: 'markdown', version: 1 } }],
      ['textDocument/didOpen', { textDocument: { uri: client.uri('controls/number.md'), languageId: 'markdown', version: 1, text: 42 } }],
      ['textDocument/didChange', { textDocument: { uri: client.uri('controls/never-opened.md'), version: 2 }, contentChanges: [{ text: 'x' }] }],
      ['textDocument/didChange', { textDocument: { uri: client.uri(REL), version: 2 }, contentChanges: [{ range: { start: { line: 5000, character: 0 }, end: { line: 6000, character: 3 } }, text: '' }] }],
      ['textDocument/didClose', { textDocument: { uri: client.uri('controls/never-opened.md') } }],
      ['workspace/didChangeWatchedFiles', { changes: [{ uri: 'not a uri', type: 1 }, { uri: client.uri('evidence/2026-Q3/x.csv'), type: 99 }, { uri: 42 }] }],
      ['workspace/didChangeWatchedFiles', {}],
      ['workspace/didChangeConfiguration', { settings: { complianceDocs: { today: 42 } } }],
      ['workspace/didChangeConfiguration', { settings: { complianceDocs: { today: { year: 2026 } } } }],
      ['workspace/didChangeConfiguration', { settings: null }],
      ['workspace/didChangeWorkspaceFolders', { event: { added: [{ uri: 42 }], removed: null } }],
      ['$/cancelRequest', { id: 'no-such-request' }],
    ];
    for (const [method, params] of notifications) {
      await client.connection.sendNotification(method, params);
      await stillServing(`after ${method} ${JSON.stringify(params)}`);
    }
    // A normal edit still publishes diagnostics, for this document and, after a config change, for others.
    const other = 'controls/access-review.md';
    await client.open(other);
    await client.change(other, [{ range: { start: { line: 6, character: 0 }, end: { line: 6, character: 0 } }, text: 'criteria: [CC9.9]\n' }]);
    const hasUnknown = (d: Diagnostic[]): boolean => d.some((x) => x.code === 'unknown-criterion' || x.code === 'frontmatter-syntax');
    await client.waitForDiagnostics(other, hasUnknown);
    await client.change(other, [{ range: { start: { line: 6, character: 0 }, end: { line: 7, character: 0 } }, text: '' }]);
    await client.waitForDiagnostics(other, (d) => !hasUnknown(d));
    const closed = 'controls/deprovisioning.md';
    assert.ok(!(client.diagnostics.get(client.uri(closed)) ?? []).some((d) => d.code === 'missing-owner'));
    fs.appendFileSync(path.join(root, 'compliance-docs.yml'), '\nfields:\n  owner: [nobody_writes_this_key]\n');
    await client.filesChanged([{ rel: 'compliance-docs.yml', type: 2 }]);
    await client.waitForDiagnostics(closed, (d) => d.some((x) => x.code === 'missing-owner'));
    // The today setting that was not a date left the date as it was.
    const schedule = await ask(client, 'complianceDocs/reviewSchedule', {});
    assert.ok('result' in schedule && (schedule.result as { today: string }).today === '2026-11-16', JSON.stringify(schedule));
  });
});
