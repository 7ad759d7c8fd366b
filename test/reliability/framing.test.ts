// A client (or whatever sits on the pipe) that breaks the message framing. The server must not stay
// alive and deaf: it exits, so that the client starts a fresh one. A well-framed session, however it
// is cut into chunks, is served.

import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
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
});
