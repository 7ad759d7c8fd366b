import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CodeActionRequest,
  CreateFile,
  FileChangeType,
  TextDocumentEdit,
  type CodeAction,
  type Diagnostic,
  type Position,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol/node';
import { localToday } from '../../server/src/session';
import { copyFixture, EXAMPLE, TestClient } from './lspClient';

function offsetOf(text: string, p: Position): number {
  let line = 0;
  let i = 0;
  while (line < p.line) {
    const nl = text.indexOf('\n', i);
    if (nl === -1) return text.length;
    i = nl + 1;
    line++;
  }
  return i + p.character;
}

/** Applies a WorkspaceEdit to file texts keyed by URI, as an editor would; returns the new texts. */
function applyWorkspaceEdit(edit: WorkspaceEdit, texts: ReadonlyMap<string, string>): Map<string, string> {
  const out = new Map(texts);
  const editFile = (uri: string, edits: ReadonlyArray<{ range: { start: Position; end: Position }; newText: string }>): void => {
    let text = out.get(uri);
    assert.ok(text !== undefined, `the edit touches ${uri}, which the test did not provide`);
    const sorted = edits.map((e) => ({ start: offsetOf(text as string, e.range.start), end: offsetOf(text as string, e.range.end), newText: e.newText })).sort((a, b) => b.start - a.start);
    for (const e of sorted) text = text.slice(0, e.start) + e.newText + text.slice(e.end);
    out.set(uri, text);
  };
  for (const change of edit.documentChanges ?? []) {
    if (CreateFile.is(change)) {
      if (!out.has(change.uri)) out.set(change.uri, '');
    } else if (TextDocumentEdit.is(change)) editFile(change.textDocument.uri, change.edits as Array<{ range: { start: Position; end: Position }; newText: string }>);
    else assert.fail(`unexpected resource operation ${JSON.stringify(change)}`);
  }
  for (const [uri, edits] of Object.entries(edit.changes ?? {})) editFile(uri, edits);
  return out;
}

describe('code actions over LSP', function () {
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

  async function actionsFor(rel: string, diagnostic: Diagnostic, only?: string[]): Promise<CodeAction[]> {
    const r = await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: client.uri(rel) },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic], ...(only ? { only } : {}) },
    });
    return (r ?? []) as CodeAction[];
  }

  it('a quick fix, applied to the text, makes the document clean', async () => {
    const rel = 'policies/risk-management.md';
    const before = await client.waitForDiagnostics(rel, (d) => d.some((x) => x.code === 'unknown-criterion'));
    assert.equal(before.length, 1);
    const actions = await actionsFor(rel, before[0], ['quickfix']);
    const preferred = actions.find((a) => a.isPreferred);
    assert.equal(preferred?.title, 'Change to CC9.2 (Vendor and partner risk)');
    assert.equal(preferred?.kind, 'quickfix');
    assert.deepEqual(preferred?.diagnostics, [before[0]]);

    const uri = client.uri(rel);
    const text = fs.readFileSync(path.join(root, rel), 'utf8');
    await client.open(rel, text);
    const after = applyWorkspaceEdit(preferred?.edit as WorkspaceEdit, new Map([[uri, text]])).get(uri) as string;
    assert.ok(after.includes('  - CC9.2\ncontrols:'));
    await client.change(rel, [{ text: after }]);
    await client.waitForDiagnostics(rel, (d) => d.length === 0);
  });

  it('fixes two findings of one document: mark reviewed today and the misspelt evidence link', async () => {
    const rel = 'policies/code-of-conduct.md';
    const uri = client.uri(rel);
    const diagnostics = await client.waitForDiagnostics(rel, (d) => d.length === 2);
    let text = fs.readFileSync(path.join(root, rel), 'utf8');
    await client.open(rel, text);
    for (const code of ['stale-review', 'broken-evidence-link']) {
      const diagnostic = diagnostics.find((d) => d.code === code) as Diagnostic;
      const fix = (await actionsFor(rel, diagnostic)).find((a) => a.isPreferred && a.diagnostics?.[0]?.code === code);
      assert.ok(fix, `a preferred fix for ${code}`);
      text = applyWorkspaceEdit(fix.edit as WorkspaceEdit, new Map([[uri, text]])).get(uri) as string;
    }
    // A review record gets the real date, not the simulated one the checks run as of.
    assert.ok(text.includes(`last_reviewed: ${localToday()}\n`));
    assert.ok(text.includes('(../evidence/2026-Q1/policy-acknowledgements.csv)'));
    await client.change(rel, [{ text }]);
    // Checks run as of 2026-11-16; a review recorded on a later real date is in their future.
    const later = localToday() > '2026-11-16';
    await client.waitForDiagnostics(rel, (d) => (later ? d.length === 1 && d[0].code === 'future-review-date' : d.length === 0));
  });

  it('creates a control for an uncovered criterion; once approved and on disk, the criterion is no longer uncovered', async () => {
    const config = 'compliance-docs.yml';
    const diagnostics = await client.waitForDiagnostics(config, (d) => d.some((x) => x.code === 'uncovered-criterion'));
    const cc12 = diagnostics.find((d) => (d.data as { series?: string }).series === 'CC1') as Diagnostic;
    assert.equal((cc12.data as { criteria?: string }).criteria, 'CC1.2');
    const actions = await actionsFor(config, cc12);
    // A common criterion is never offered as not applicable: auditors do not accept it.
    assert.deepEqual(
      actions.filter((a) => a.diagnostics?.[0] === undefined || a.diagnostics[0].message === cc12.message).map((a) => a.title).filter((t) => t.includes('CC1.2')),
      ['Create a draft control for CC1.2 (controls/ctl-cc1-2.md)'],
    );
    assert.ok(!actions.some((a) => /not_applicable/.test(a.title)), actions.map((a) => a.title).join('\n'));
    const create = actions.find((a) => a.title.startsWith('Create a draft control for CC1.2')) as CodeAction;
    assert.deepEqual(create.diagnostics, [cc12]);
    const changes = create.edit?.documentChanges ?? [];
    const newUri = client.uri('controls/ctl-cc1-2.md');
    assert.deepEqual(changes[0], { kind: 'create', uri: newUri, options: { ignoreIfExists: true } });
    const content = applyWorkspaceEdit(create.edit as WorkspaceEdit, new Map()).get(newUri) as string;
    assert.match(content, /^---\nid: CTL-CC1-2\ntype: control\ntitle: Board independence and oversight\nowner: \nstatus: draft\ncriteria: \[CC1\.2\]\n/);

    fs.writeFileSync(fileURLToPath(newUri), content.replace('status: draft', 'status: approved').replace('owner: ', 'owner: security-lead'));
    await client.filesChanged([{ rel: 'controls/ctl-cc1-2.md', type: FileChangeType.Created }]);
    const after = await client.waitForDiagnostics(config, (d) => !d.some((x) => (x.data as { series?: string }).series === 'CC1'));
    assert.ok(after.some((x) => (x.data as { criteria?: string }).criteria === 'CC3.3'), 'CC3.3 is still uncovered');
  });

  it('offers "Mark reviewed today" on any document, and a control for an uncovered criterion under the cursor', async () => {
    const rel = 'narratives/control-environment.md';
    const text = `${fs.readFileSync(path.join(root, rel), 'utf8')}\nBoard oversight (CC1.2) is still being written up.\n`;
    await client.open(rel, text);
    const line = text.split('\n').findIndex((l) => l.startsWith('Board oversight'));
    const r = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: client.uri(rel) },
      range: { start: { line, character: 19 }, end: { line, character: 19 } },
      context: { diagnostics: [] },
    })) as CodeAction[];
    assert.deepEqual(
      r.map((a) => [a.title, a.kind]),
      [
        ['Create a draft control for CC1.2 (controls/ctl-cc1-2.md)', 'quickfix'],
        [`Mark reviewed today (${localToday()}, the real date; checks run as of 2026-11-16)`, 'refactor.rewrite'],
      ],
    );
  });

  it('scopes out a criterion of an optional category from its diagnostic, after the last not_applicable entry', async () => {
    const rel = 'compliance-docs.yml';
    const uri = client.uri(rel);
    const text = fs.readFileSync(path.join(root, rel), 'utf8').replace('confidentiality]', 'confidentiality, processing_integrity]');
    await client.open(rel, text);
    const diagnostics = await client.waitForDiagnostics(rel, (d) => d.some((x) => (x.data as { series?: string }).series === 'PI1'));
    const pi1 = diagnostics.find((x) => (x.data as { series?: string }).series === 'PI1') as Diagnostic;
    const actions = (await actionsFor(rel, pi1)).filter((a) => a.diagnostics?.[0]?.message === pi1.message);
    assert.equal(actions.filter((a) => a.title.startsWith('Create a draft control for PI1.')).length, 5);
    const scopeOut = actions.find((a) => a.title === 'Add PI1.3 to not_applicable (then write the justification)');
    assert.ok(scopeOut, actions.map((a) => a.title).join('\n'));
    const edited = applyWorkspaceEdit(scopeOut.edit as WorkspaceEdit, new Map([[uri, text]])).get(uri) as string;
    const entry = edited.indexOf('\n  PI1.3: ""\n');
    assert.ok(entry > edited.indexOf('not_applicable:') && entry < edited.indexOf('\nrules:'), edited);
  });
});
