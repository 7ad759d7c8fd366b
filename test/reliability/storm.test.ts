// The server under a storm: 2,000 incremental edits in a burst across several open documents, with
// evidence files deleted, created and renamed and the config changed on disk in between. Afterwards
// its diagnostics for every file equal a fresh CLI check of the same files, and its memory comes back
// near where it started.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FileChangeType, type Diagnostic } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseCheckJson, runCli, type JsonFinding } from '../cli/cli';
import type { TestClient } from '../server/lspClient';
import { ask, indexed, residentBytes, startServer } from './lsp';
import { EXAMPLE, TODAY, waitFor } from './support';

const EDITS = Number(process.env.STORM_EDITS) || 2000;
const MB = 1024 * 1024;

/** A small deterministic generator, so a failing storm can be replayed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SNIPPETS = ['', 'CC6.1', 'CC9.9', ', CC7.2', '\n', '\r\n', 'status: draft\n', 'status: approved', '---\n', '- ', '[', ']', '{', ': ', 'owner: ', 'last_reviewed: 2026-02-30', '2026-06-30', ' ../evidence/2026-Q3/okta-access-review.csv', '[log](../evidence/2026-Q4/new.csv)', 'é', '😀', '\t', '#', 'AC-01', 'POL-ACCESS', 'evidence:\n  - /evidence/2026-Q1/okta-access-review.csv\n'];

const SEVERITY: Readonly<Record<string, number>> = { error: 1, warning: 2, info: 3, hint: 4 };

async function cliCheck(root: string): Promise<readonly JsonFinding[]> {
  return parseCheckJson(await runCli(['check', root, '--format', 'json', '--today', TODAY, '--no-cache'])).findings;
}

function key(d: { code: string; severity: number; message: string; range: Diagnostic['range'] }): string {
  return `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.severity} ${d.code} ${d.message}`;
}

describe('the server under a storm', function () {
  this.timeout(300000);
  let root = '';
  let client: TestClient;

  before(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-storm-'));
    fs.cpSync(EXAMPLE, root, { recursive: true });
    client = await startServer({ root });
    await indexed(client);
  });

  after(async () => {
    await client?.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it(`takes ${EDITS} edits with file changes in between, then shows what a fresh check shows, and gives its memory back`, async () => {
    const next = random(20261116);
    const int = (n: number): number => Math.floor(next() * n);
    const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)];
    const opened = ['policies/access-control.md', 'controls/access-review.md', 'controls/change-audit.md', 'procedures/onboarding.md', 'narratives/system-description.md'];
    const docs = new Map<string, TextDocument>();
    for (const rel of opened) {
      const text = fs.readFileSync(path.join(root, rel), 'utf8');
      docs.set(rel, TextDocument.create(client.uri(rel), 'markdown', 1, text));
      await client.open(rel, text);
    }
    const evidence = (): string[] => {
      const out: string[] = [];
      const walk = (dir: string): void => {
        for (const e of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
          const rel = `${dir}/${e.name}`;
          if (e.isDirectory()) walk(rel);
          else out.push(rel);
        }
      };
      walk('evidence');
      return out.sort();
    };
    const pid = client.child.pid as number;
    // Messages are handled in order: the answer to a request sent last comes after every edit before it.
    const settle = async (): Promise<void> => {
      await ask(client, 'complianceDocs/coverageTree', {}, 240000);
    };

    /** One random edit: a range of the current text replaced by a snippet or random characters. */
    const edit = async (): Promise<void> => {
      const rel = pick(opened);
      const doc = docs.get(rel) as TextDocument;
      const text = doc.getText();
      const start = int(text.length + 1);
      const end = Math.min(text.length, start + (next() < 0.6 ? 0 : int(24)));
      const insert = next() < 0.8 ? pick(SNIPPETS) : String.fromCharCode(...Array.from({ length: 1 + int(4) }, () => 32 + int(95)));
      const range = { start: doc.positionAt(start), end: doc.positionAt(end) };
      docs.set(rel, TextDocument.update(doc, [{ range, text: insert }], doc.version + 1));
      await client.change(rel, [{ range, text: insert }]);
    };

    let configChanges = 0;
    /** One change on disk, reported as the editor's file watcher would. */
    const diskChange = async (): Promise<void> => {
      const files = evidence();
      const what = int(5);
      if (what === 0 && files.length > 0) {
        const rel = pick(files);
        fs.rmSync(path.join(root, rel));
        await client.filesChanged([{ rel, type: FileChangeType.Deleted }]);
      } else if (what === 1) {
        const rel = `evidence/2026-Q${1 + int(4)}/storm-${int(1000)}.csv`;
        fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
        fs.writeFileSync(path.join(root, rel), 'x\n');
        await client.filesChanged([{ rel, type: FileChangeType.Created }]);
      } else if (what === 2 && files.length > 0) {
        const from = pick(files);
        const to = `evidence/2026-Q${1 + int(4)}/${path.basename(from)}`;
        if (to === from) return;
        fs.mkdirSync(path.dirname(path.join(root, to)), { recursive: true });
        fs.renameSync(path.join(root, from), path.join(root, to));
        await client.filesChanged([
          { rel: from, type: FileChangeType.Deleted },
          { rel: to, type: FileChangeType.Created },
        ]);
      } else if (what === 3) {
        const config = path.join(root, 'compliance-docs.yml');
        const text = fs.readFileSync(config, 'utf8');
        configChanges++;
        fs.writeFileSync(config, text.includes('missing-owner: off') ? text.replace('  missing-owner: off\n', '') : text.replace('rules:\n', 'rules:\n  missing-owner: off\n'));
        await client.filesChanged([{ rel: 'compliance-docs.yml', type: FileChangeType.Changed }]);
      } else {
        const rel = pick(['policies/vendor-management.md', 'controls/backup-restore.md', 'procedures/offboarding.md']);
        const abs = path.join(root, rel);
        fs.writeFileSync(abs, fs.readFileSync(abs, 'utf8').replace(/criteria: \[/, 'criteria: [CC9.9, '));
        await client.filesChanged([{ rel, type: FileChangeType.Changed }]);
      }
    };

    // Warm up, then measure where memory sits when the server is idle.
    for (let i = 0; i < 100; i++) await edit();
    await settle();
    const baseline = residentBytes(pid);

    const t0 = Date.now();
    for (let i = 0; i < EDITS; i++) {
      await edit();
      if (i % 100 === 50) await diskChange();
      if (i === EDITS / 2) {
        configChanges++;
        const config = path.join(root, 'compliance-docs.yml');
        fs.writeFileSync(config, fs.readFileSync(config, 'utf8').replace('categories: [security, availability, confidentiality]', 'categories: [security, availability]'));
        await client.filesChanged([{ rel: 'compliance-docs.yml', type: FileChangeType.Changed }]);
      }
    }
    await settle();
    const burstMs = Date.now() - t0;
    const peak = residentBytes(pid);
    assert.ok(configChanges > 0);
    assert.equal(client.child.exitCode, null, 'the server is alive');

    // The editors' texts are saved; the same files go to a fresh check.
    for (const [rel, doc] of docs) fs.writeFileSync(path.join(root, rel), doc.getText());
    await settle();
    const cli = await cliCheck(root);
    const expected = new Map<string, string[]>();
    for (const f of cli) {
      if (f.line === undefined || f.column === undefined || f.endLine === undefined || f.endColumn === undefined) continue;
      const uri = client.uri(f.path);
      const list = expected.get(uri) ?? [];
      list.push(key({ code: f.code, severity: SEVERITY[f.severity], message: f.message, range: { start: { line: f.line - 1, character: f.column - 1 }, end: { line: f.endLine - 1, character: f.endColumn - 1 } } }));
      expected.set(uri, list);
    }
    const uris = new Set([...expected.keys(), ...client.diagnostics.keys()]);
    const mismatches: string[] = [];
    for (const uri of uris) {
      const got = (client.diagnostics.get(uri) ?? []).map((d) => key({ code: String(d.code), severity: d.severity ?? 0, message: typeof d.message === 'string' ? d.message : d.message.value, range: d.range })).sort();
      const want = (expected.get(uri) ?? []).sort();
      if (JSON.stringify(got) !== JSON.stringify(want)) mismatches.push(`${uri}\n  server: ${JSON.stringify(got)}\n  check:  ${JSON.stringify(want)}`);
    }
    assert.deepEqual(mismatches, [], `after ${EDITS} edits in ${burstMs} ms`);
    assert.ok(expected.size > 20, 'the check saw the whole repository');

    // Memory: near the baseline once the burst is over ("near": within 30 MB or 30%, whichever is more).
    const allowed = baseline + Math.max(30 * MB, 0.3 * baseline);
    let last = 0;
    await waitFor(
      async () => {
        // A user who pauses still hovers: light requests let the collector run and give memory back.
        await ask(client, 'textDocument/hover', { textDocument: { uri: client.uri(opened[0]) }, position: { line: 1, character: 5 } });
        last = residentBytes(pid);
        return last <= allowed;
      },
      // V8 gives memory back when it next runs a full collection after the burst: typically 20 to 50 s.
      120000,
      () => `resident memory ${Math.round(last / MB)} MB, baseline ${Math.round(baseline / MB)} MB, allowed ${Math.round(allowed / MB)} MB`,
      250,
    );
    if (process.env.STORM_VERBOSE) process.stderr.write(`storm: ${EDITS} edits in ${burstMs} ms; resident ${Math.round(baseline / MB)} MB before, ${Math.round(peak / MB)} MB after the burst, ${Math.round(last / MB)} MB settled\n`);
  });
});
