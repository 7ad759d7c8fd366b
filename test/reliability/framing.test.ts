// A client (or whatever sits on the pipe) that breaks the message framing. The server must not stay
// alive and deaf: it exits, so that the client starts a fresh one. A well-framed session, however it
// is cut into chunks, is served.

import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { StreamMessageReader, type Message } from 'vscode-languageserver/node';
import { OneChunkWriter } from '../../server/src/transport';
import { SERVER, fileUri } from '../server/lspClient';
import { ensureBuilt } from '../cli/cli';

interface Server {
  readonly child: ChildProcess;
  readonly stdout: () => string;
  readonly stderr: () => string;
  readonly exited: Promise<number | null>;
}

function start(): Server {
  const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout?.on('data', (b: Buffer) => (out += b.toString('utf8')));
  child.stderr?.on('data', (b: Buffer) => (err += b.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, stdout: () => out, stderr: () => err, exited };
}

function frame(body: string, length = Buffer.byteLength(body)): string {
  return `Content-Length: ${length}\r\n\r\n${body}`;
}

function initialize(id: number, root: string): string {
  return JSON.stringify({ jsonrpc: '2.0', id, method: 'initialize', params: { processId: process.pid, rootUri: fileUri(root), capabilities: {}, workspaceFolders: null } });
}

async function until(test: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!test()) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Resolves with the exit code, or rejects when the server is still running after `ms`. */
function exitWithin(server: Server, ms: number, what: string): Promise<number | null> {
  return Promise.race([
    server.exited,
    new Promise<never>((_, reject) =>
      setTimeout(() => {
        server.child.kill('SIGKILL');
        reject(new Error(`${what}: the server was still running after ${ms} ms; stderr: ${server.stderr()}`));
      }, ms),
    ),
  ]);
}

describe('a client that breaks the message framing', function () {
  this.timeout(90000);
  let root = '';
  before(() => {
    ensureBuilt();
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-framing-'));
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it('exits after a bad, negative, missing, short or long Content-Length, so the client restarts it', async () => {
    const body = JSON.stringify({ jsonrpc: '2.0', method: 'initialized', params: {} });
    const cases: Array<[string, string, RegExp]> = [
      ['not a number', `Content-Length: abc\r\n\r\n${body}`, /Content-Length is not a whole number/],
      ['negative', `Content-Length: -5\r\n\r\n${body}`, /Content-Length is not a whole number/],
      ['no Content-Length', `Content-Type: application/vscode-jsonrpc\r\n\r\n${body}`, /no Content-Length header/],
      ['too large', `Content-Length: 99999999999\r\n\r\n${body}`, /Content-Length is not a whole number|over the/],
      // Shorter than the body: the rest of the body is read as the next header.
      ['short, then another message', frame(body, 5) + frame(body), /no Content-Length header|not `Name: value`/],
      // Longer than the body, and nothing follows: the message never ends.
      ['long', frame(body, body.length + 1000), /stopped \d+ bytes short/],
    ];
    await Promise.all(
      cases.map(async ([what, bytes, why]) => {
        const server = start();
        // The server is up and answering first: the framing error, not a failed start, ends it.
        server.child.stdin?.write(frame(initialize(1, root)));
        await until(() => server.stdout().includes('"id":1'), 30000, `${what}: initialize answered`);
        server.child.stdin?.write(bytes);
        const code = await exitWithin(server, 40000, what);
        assert.equal(code, 1, what);
        assert.match(server.stderr(), /the client broke the message framing/, what);
        assert.match(server.stderr(), why, what);
      }),
    );
  });

  it('serves a well-framed session however it is cut into chunks, and exits 0 after shutdown', async () => {
    const server = start();
    const bytes = Buffer.from(frame(initialize(1, root)) + frame(JSON.stringify({ jsonrpc: '2.0', method: 'initialized', params: {} })) + frame(JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'shutdown' })));
    // One byte at a time, with pauses, across header and body boundaries.
    for (let i = 0; i < bytes.length; i += 7) {
      server.child.stdin?.write(bytes.subarray(i, i + 7));
      if (i % 140 === 0) await new Promise((r) => setImmediate(r));
    }
    await until(() => server.stdout().includes('"id":2'), 30000, 'shutdown answered');
    server.child.stdin?.write(frame(JSON.stringify({ jsonrpc: '2.0', method: 'exit' })));
    assert.equal(await exitWithin(server, 20000, 'exit'), 0);
    assert.doesNotMatch(server.stderr(), /framing/);
  });

  it('writes each message whole, in one chunk, with its length in bytes', async () => {
    // A folder whose name is not ASCII, so that the answers' lengths in bytes and in characters differ.
    const named = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-framing-é-'));
    fs.writeFileSync(path.join(named, 'POL-1.md'), '---\nid: POL-1\ntitle: Sécurité\ntype: policy\n---\n# Sécurité\n');
    const chunks: Buffer[] = [];
    const server = start();
    server.child.stdout?.on('data', (b: Buffer) => chunks.push(b));
    try {
      server.child.stdin?.write(frame(initialize(1, named)));
      await until(() => server.stdout().includes('"id":1'), 30000, 'initialize answered');
      server.child.stdin?.write(frame(JSON.stringify({ jsonrpc: '2.0', method: 'initialized', params: {} })));
      await until(() => server.stdout().includes('"complete":true'), 30000, 'indexed');
      server.child.stdin?.write(frame(JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'workspace/symbol', params: { query: 'Sécurité' } })));
      await until(() => server.stdout().includes('"id":2'), 30000, 'symbols answered');
    } finally {
      server.child.kill();
      fs.rmSync(named, { recursive: true, force: true });
    }
    // Read back as a client reads: every frame's body is exactly Content-Length bytes of JSON.
    const all = Buffer.concat(chunks);
    let at = 0;
    const bodies: string[] = [];
    while (at < all.length) {
      const end = all.indexOf('\r\n\r\n', at);
      assert.ok(end > at, `a header at byte ${at}`);
      const length = Number(/Content-Length: (\d+)/.exec(all.subarray(at, end).toString('latin1'))?.[1]);
      const body = all.subarray(end + 4, end + 4 + length).toString('utf8');
      JSON.parse(body);
      bodies.push(body);
      at = end + 4 + length;
    }
    assert.ok(bodies.some((b) => b.includes('"id":2') && b.includes('Sécurité')), 'the answer names the document, accents and all');
    // Each chunk the pipe delivered began with a header: no header was sent apart from its body.
    const headerOnly = chunks.filter((c) => /^Content-Length: \d+\r\n\r\n$/.test(c.toString('latin1')));
    assert.deepEqual(headerOnly, []);
  });

  it('the writer: a message JSON cannot write is refused, and the next ones still go out, read back as sent', async () => {
    const pipe = new PassThrough();
    const writer = new OneChunkWriter(pipe);
    const errors: string[] = [];
    writer.onError(([e]) => errors.push(e.message));
    const got: Message[] = [];
    const reader = new StreamMessageReader(pipe);
    reader.listen((m) => got.push(m));
    const sent: Message[] = [
      { jsonrpc: '2.0', id: 1, result: { text: 'naïve — 日本 🙂' } } as Message,
      { jsonrpc: '2.0', method: 'x', params: { big: 1n } } as unknown as Message,
      { jsonrpc: '2.0', id: 2, result: null } as Message,
    ];
    const results = await Promise.allSettled(sent.map((m) => writer.write(m)));
    assert.deepEqual(
      results.map((r) => r.status),
      ['fulfilled', 'rejected', 'fulfilled'],
    );
    assert.equal(errors.length, 1);
    await until(() => got.length === 2, 5000, 'both messages read back');
    assert.deepEqual(got, [sent[0], sent[2]]);
    reader.dispose();
    writer.dispose();
  });

  it('exits when the client closes its input without saying exit: 1, or 0 after shutdown', async () => {
    const abandoned = start();
    abandoned.child.stdin?.write(frame(initialize(1, root)));
    await until(() => abandoned.stdout().includes('"id":1'), 30000, 'initialize answered');
    abandoned.child.stdin?.end();
    assert.equal(await exitWithin(abandoned, 20000, 'input closed'), 1);

    const shut = start();
    shut.child.stdin?.write(frame(initialize(1, root)) + frame(JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'shutdown' })));
    await until(() => shut.stdout().includes('"id":2'), 30000, 'shutdown answered');
    shut.child.stdin?.end();
    assert.equal(await exitWithin(shut, 20000, 'input closed after shutdown'), 0);
  });
});
