// FIFOs, sockets and folders named like documents or evidence. Opening a FIFO for reading waits for
// a writer, forever: none is ever opened, by the CLI or the server, whether the walk found it, a
// watcher event announced it or a request names it. Each is reported for what it is.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { FileChangeType, type Diagnostic } from 'vscode-languageserver-protocol/node';
import { ensureBuilt, lines, parseCheckJson, removeTemps, repoOf, runCli, TODAY } from '../cli/cli';
import { ask, indexed, startServer } from './lsp';

const POSIX = process.platform !== 'win32';

function mkfifo(abs: string): void {
  fs.mkdirSync(path.dirname(abs), { recursive: true });
  execFileSync('mkfifo', [abs]);
}

function listenOn(abs: string): Promise<net.Server> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(abs, () => resolve(server));
  });
}

function messages(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => (typeof d.message === 'string' ? d.message : d.message.value));
}

function specialRepo(): string {
  return repoOf({
    'compliance-docs.yml': lines('categories: [security]'),
    'controls/ac-01.md': lines('---', 'id: AC-01', 'type: control', 'title: Access review', 'owner: it-lead', 'criteria: [CC6.1]', 'last_reviewed: 2026-10-01', 'evidence:', '  - ../evidence/pipe.csv', '---', '', '# Access review'),
    'policies/folder.md/inside.txt': 'not a document',
  });
}

describe('FIFOs, sockets and folders named like documents', function () {
  this.timeout(120000);
  before(ensureBuilt);
  after(removeTemps);

  it('check reports a FIFO, a socket and a folder named .md as unreadable documents, FIFO evidence as a FIFO, and opens none of them', async function () {
    if (!POSIX) this.skip();
    const root = specialRepo();
    mkfifo(path.join(root, 'policies', 'pipe.md'));
    mkfifo(path.join(root, 'evidence', 'pipe.csv'));
    const socket = await listenOn(path.join(root, 'policies', 'sock.md'));
    try {
      const r = await runCli(['check', root, '--format', 'json', '--today', TODAY, '--no-cache']);
      const report = parseCheckJson(r);
      const unreadable = (p: string): string => report.findings.filter((f) => f.path === p && f.code === 'document-unreadable').map((f) => f.message).join('\n');
      assert.match(unreadable('policies/pipe.md'), /This path is a named pipe \(FIFO\), not a regular file, so it was not read/);
      assert.match(unreadable('policies/sock.md'), /This path is a socket, not a regular file/);
      assert.match(unreadable('policies/folder.md'), /This path is a folder, not a regular file/);
      const evidence = report.findings.filter((f) => f.path === 'controls/ac-01.md' && f.code === 'broken-evidence-link').map((f) => f.message);
      assert.equal(evidence.length, 1, JSON.stringify(report.findings));
      assert.match(evidence[0], /^Evidence `\.\.\/evidence\/pipe\.csv` is a named pipe \(FIFO\) at evidence\/pipe\.csv, not a file/);
      assert.doesNotMatch(evidence[0], /does not exist/);
      assert.equal(r.code, 1, 'a document that cannot be read and broken evidence fail the check');
      // The cached path (parse cache and recorded result) says the same.
      const cached = await runCli(['check', root, '--format', 'json', '--today', TODAY]);
      assert.equal(cached.stdout, r.stdout);
    } finally {
      socket.close();
    }
  });

  it('the server never blocks on a FIFO: found by the walk, announced by a watcher event, or named by a request', async function () {
    if (!POSIX) this.skip();
    const root = specialRepo();
    mkfifo(path.join(root, 'policies', 'pipe.md'));
    const client = await startServer({ root });
    try {
      await indexed(client);
      const found = await client.waitForDiagnostics('policies/pipe.md', (d) => d.some((x) => x.code === 'document-unreadable'));
      assert.match(messages(found).join('\n'), /named pipe \(FIFO\)/);
      // A FIFO appears after indexing, and the watcher says so.
      mkfifo(path.join(root, 'policies', 'late.md'));
      mkfifo(path.join(root, 'evidence', 'pipe.csv'));
      await client.filesChanged([
        { rel: 'policies/late.md', type: FileChangeType.Created },
        { rel: 'evidence/pipe.csv', type: FileChangeType.Created },
      ]);
      const late = await client.waitForDiagnostics('policies/late.md', (d) => d.some((x) => x.code === 'document-unreadable'));
      assert.match(messages(late).join('\n'), /named pipe \(FIFO\)/);
      await client.waitForDiagnostics('controls/ac-01.md', (d) => messages(d).some((m) => /is a named pipe \(FIFO\)/.test(m)));
      // Requests about the FIFOs are answered (the main thread is not stuck in open()).
      for (const rel of ['policies/pipe.md', 'policies/late.md', 'evidence/pipe.csv']) {
        const textDocument = { uri: client.uri(rel) };
        const position = { line: 0, character: 0 };
        for (const [method, params] of [
          ['textDocument/hover', { textDocument, position }],
          ['textDocument/definition', { textDocument, position }],
          ['textDocument/documentSymbol', { textDocument }],
        ] as const) {
          const answer = await ask(client, method, params, 10000);
          assert.ok(answer, `${method} on ${rel}`);
        }
      }
    } finally {
      await client.stop();
    }
  });
});
