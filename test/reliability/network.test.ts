// No network, no programs: URL evidence is validated as text and never fetched, and nothing from a
// repository is executed. A preload (sandbox.cjs) makes every network call and every child process
// throw and records it; the CLI and a whole server session over a repository full of URLs must
// record nothing but the tool's own worker threads.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli, runNode } from '../cli/cli';
import { joinLines } from '../helpers';
import { ask, indexed, readJsonLines, startServer } from './lsp';
import { EXAMPLE, PROJECT, TODAY } from './support';

const SANDBOX = path.join(PROJECT, 'test', 'reliability', 'sandbox.cjs');

interface SandboxEntry {
  readonly kind: 'refused' | 'worker' | 'loaded';
  readonly what: string;
  readonly detail: string;
  readonly stack: string;
}

const URLS = joinLines(
  '---',
  'id: URL-01',
  'type: control',
  'title: Tickets as evidence',
  'owner: it-lead',
  'criteria: [CC7.2, CC7.3]',
  'frequency: quarterly',
  'last_reviewed: 2026-06-01',
  'evidence:',
  '  - https://tickets.example.com/SEC-1',
  '  - url: https://tickets.example.com/SEC-2',
  '    date: 2026-03-31',
  '  - url: http://wiki.internal.example.com/runbook',
  '    date: 2026-06-30',
  '  - url: ftp://files.example.com/audit.zip',
  '  - url: https://127.0.0.1:1/local',
  '    date: 2026-09-30',
  '  - http://[::1]:1/ipv6',
  '  - url: https://exa mple.com/broken',
  '  - url: file:///etc/passwd',
  '  - url: smb://fileserver/audit',
  '---',
  '',
  'See ![the chart](https://images.example.com/chart.png), <https://autolink.example.com/x>,',
  '[a reference][r] and [the portal](https://portal.example.com/?q=1#x).',
  '',
  '[r]: https://ref.example.com/y "title"',
  '',
);

/** Two hundred more controls' worth of ticket links. */
const MANY_URLS = joinLines(
  '---',
  'id: URL-02',
  'type: control',
  'title: Every change ticket',
  'owner: it-lead',
  'criteria: [CC8.1]',
  'frequency: monthly',
  'last_reviewed: 2026-06-01',
  'evidence:',
  ...Array.from({ length: 200 }, (_, i) => `  - url: https://jira.example.com/browse/CHG-${i + 1}\n    date: 2026-${String((i % 11) + 1).padStart(2, '0')}-15`),
  '---',
  '',
  ...Array.from({ length: 100 }, (_, i) => `- [CHG-${i + 1}](https://jira.example.com/browse/CHG-${i + 1}) ![](http://img${i}.example.com/x.png)`),
  '',
);

describe('no network and no programs', function () {
  this.timeout(120000);
  let base = '';
  let root = '';

  before(() => {
    base = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-net-'));
    root = path.join(base, 'repo');
    fs.cpSync(EXAMPLE, root, { recursive: true });
    fs.writeFileSync(path.join(root, 'controls/urls.md'), URLS);
    fs.writeFileSync(path.join(root, 'controls/many-urls.md'), MANY_URLS);
  });
  after(() => fs.rmSync(base, { recursive: true, force: true }));

  const logOf = (name: string): string => path.join(base, `${name}.log`);
  const entries = (name: string): SandboxEntry[] => readJsonLines<SandboxEntry>(logOf(name));
  /** Everything but the tool's own worker threads. */
  const violations = (name: string): SandboxEntry[] => {
    const all = entries(name);
    assert.ok(all.some((e) => e.kind === 'loaded'), `${name}: the sandbox was not loaded`);
    return all.filter((e) => e.kind !== 'loaded' && !(e.kind === 'worker' && path.dirname(e.detail) === path.join(PROJECT, 'dist')));
  };

  it('the sandbox refuses and records every kind of network call and child process, and leaves stdio and workers alone', async () => {
    const script = `
      const attempts = {
        fetch: () => fetch('https://example.com/'),
        http: () => require('node:http').get('http://example.com/'),
        https: () => require('node:https').request('https://example.com/'),
        http2: () => require('node:http2').connect('https://example.com'),
        net: () => require('node:net').connect(443, 'example.com'),
        socket: () => new (require('node:net').Socket)().connect({ host: 'example.com', port: 80 }),
        tls: () => require('node:tls').connect(443, 'example.com'),
        dns: () => require('node:dns').lookup('example.com', () => {}),
        dnsPromises: () => require('node:dns').promises.resolve4('example.com'),
        resolver: () => new (require('node:dns').Resolver)().resolve4('example.com', () => {}),
        udp: () => require('node:dgram').createSocket('udp4'),
        spawn: () => require('node:child_process').spawnSync('true'),
        exec: () => require('node:child_process').exec('true'),
      };
      const results = {};
      for (const [k, f] of Object.entries(attempts)) { try { f(); results[k] = 'allowed'; } catch (e) { results[k] = e.code; } }
      const { Worker } = require('node:worker_threads');
      const w = new Worker('require("node:worker_threads").parentPort.postMessage(42)', { eval: true });
      w.on('message', (m) => { process.stdout.write(JSON.stringify({ results, worker: m })); process.exit(0); });
    `;
    const r = await runNode(['--require', SANDBOX, '-e', script], { env: { SANDBOX_LOG: logOf('self') } });
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { results: Record<string, string>; worker: number };
    assert.equal(out.worker, 42, 'a worker thread still runs');
    for (const [k, v] of Object.entries(out.results)) assert.equal(v, 'EACCES', `${k} was ${v}`);
    assert.deepEqual(
      entries('self').filter((e) => e.kind === 'loaded').length,
      2,
      'loaded in the main thread and in the worker',
    );
    const refused = entries('self').filter((e) => e.kind === 'refused');
    assert.equal(refused.length, Object.keys(out.results).length, JSON.stringify(refused.map((e) => e.what)));
    assert.deepEqual(
      entries('self').filter((e) => e.kind === 'worker').map((e) => e.detail),
      ['<eval>'],
    );
  });

  it('check and coverage open no socket and start no program for a repository full of URL evidence', async () => {
    for (const [name, args] of [
      ['check', ['check', root, '--format', 'json', '--today', TODAY, '--no-cache']],
      ['sarif', ['check', root, '--format', 'sarif', '--today', TODAY, '--no-cache']],
      ['coverage', ['coverage', root, '--format', 'html', '--today', TODAY, '--no-cache']],
    ] as const) {
      const r = await runCli(args, { nodeArgs: ['--require', SANDBOX], env: { SANDBOX_LOG: logOf(name) } });
      assert.ok(r.code === 0 || r.code === 1 || r.code === 2, `${name} exit ${r.code}: ${r.stderr}`);
      assert.notEqual(r.stdout, '', `${name} printed its report`);
      assert.deepEqual(violations(name), [], name);
    }
    // The URLs were read and judged as text.
    const report = JSON.parse((await runCli(['check', root, '--format', 'json', '--today', TODAY, '--no-cache'])).stdout) as { findings: Array<{ path: string; code: string; message: string }> };
    const urls = report.findings.filter((f) => f.path === 'controls/urls.md');
    assert.ok(urls.some((f) => f.code === 'field-invalid' && f.message.includes('https://exa mple.com/broken')), JSON.stringify(urls));
    assert.ok(urls.some((f) => f.code === 'evidence-outside-workspace' && f.message.includes('file:///etc/passwd')), JSON.stringify(urls));
  });

  it('a whole server session opens no socket and starts no program', async () => {
    const client = await startServer({ root }, { require: [SANDBOX], env: { SANDBOX_LOG: logOf('server') } });
    try {
      await indexed(client, 60000);
      for (const rel of ['controls/urls.md', 'controls/many-urls.md', 'policies/access-control.md', 'compliance-docs.yml']) await client.open(rel);
      const urls = URLS.split('\n');
      const lineOf = (needle: string): { line: number; character: number } => {
        const line = urls.findIndex((l) => l.includes(needle));
        return { line, character: urls[line].indexOf(needle) + 2 };
      };
      const textDocument = { uri: client.uri('controls/urls.md') };
      for (const [method, params] of [
        ['textDocument/hover', { textDocument, position: lineOf('https://tickets.example.com/SEC-1') }],
        ['textDocument/hover', { textDocument, position: lineOf('https://portal.example.com') }],
        ['textDocument/definition', { textDocument, position: lineOf('https://tickets.example.com/SEC-2') }],
        ['textDocument/references', { textDocument, position: lineOf('CC7.2'), context: { includeDeclaration: true } }],
        ['textDocument/documentLink', { textDocument }],
        ['textDocument/documentLink', { textDocument: { uri: client.uri('controls/many-urls.md') } }],
        ['textDocument/codeLens', { textDocument }],
        ['textDocument/completion', { textDocument, position: lineOf('ftp://') }],
        ['textDocument/codeAction', { textDocument, range: { start: lineOf('exa mple'), end: lineOf('exa mple') }, context: { diagnostics: [] } }],
        ['textDocument/documentSymbol', { textDocument }],
        ['workspace/symbol', { query: 'URL' }],
        ['complianceDocs/coverageTree', {}],
        ['complianceDocs/reviewSchedule', {}],
        ['complianceDocs/report', { format: 'html' }],
        ['complianceDocs/markReviewed', { uri: textDocument.uri }],
      ] as const) {
        await ask(client, method, params);
      }
      await client.change('controls/urls.md', [{ range: { start: { line: 9, character: 0 }, end: { line: 9, character: 0 } }, text: '  - https://new.example.com/SEC-3\n' }]);
      await client.waitForDiagnostics('controls/urls.md', () => true);
      await ask(client, 'complianceDocs/coverageTree', {});
    } finally {
      await client.stop();
    }
    assert.deepEqual(violations('server'), []);
  });
});
