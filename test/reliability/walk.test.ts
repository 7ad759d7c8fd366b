// What the walk cannot take in is said, never dropped in silence: folders too deep, a listing over
// its limit, folders and documents the user may not read, names that are not UTF-8. A check that
// could not read part of the repository does not pass.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { walkWorkspace } from '../../server/src/node/walk';
import { CLI, ensureBuilt, lines, parseCheckJson, removeTemps, repoOf, runCli, TODAY, type RunResult } from '../cli/cli';

const IS_ROOT = typeof process.getuid === 'function' && process.getuid() === 0;
const POSIX = process.platform !== 'win32';

const policy = (id: string): string => lines('---', `id: ${id}`, 'type: policy', 'title: A policy', 'owner: ciso', 'criteria: [CC1.1]', 'last_reviewed: 2026-10-01', '---', '', '# A policy');

/** Runs the CLI as a user that permissions apply to: `nobody` when the tests run as root. */
function runUnprivileged(args: readonly string[]): Promise<RunResult> {
  const [cmd, argv] = IS_ROOT ? ['setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, CLI, ...args]] : [process.execPath, [CLI, ...args]];
  return new Promise((resolve, reject) => {
    const env = { ...process.env };
    delete env.NODE_OPTIONS;
    const child = spawn(cmd, argv, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString('utf8')));
    child.stderr.on('data', (b: Buffer) => (err += b.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout: out, stderr: err }));
  });
}

describe('gaps in the walk', function () {
  this.timeout(120000);
  before(ensureBuilt);
  after(removeTemps);

  it('says which folder is too deep to list, and the check fails', async () => {
    const deep = Array.from({ length: 70 }, (_, i) => `d${i}`).join('/');
    const root = repoOf({ 'compliance-docs.yml': lines('categories: [security]'), 'policies/a.md': policy('POL-A'), [`policies/${deep}/deep.md`]: policy('POL-DEEP') });
    const r = await runCli(['check', root, '--format', 'json', '--today', TODAY, '--no-cache']);
    const at64 = `policies/${deep.split('/').slice(0, 63).join('/')}`;
    assert.ok(r.stderr.includes(`could not list ${at64} (it is more than 64 folders deep); the documents and evidence in it were not checked.`), r.stderr);
    assert.match(r.stderr, /1 folder or file could not be read, so the check is incomplete/);
    assert.equal(r.code, 1);
    assert.ok(parseCheckJson(r).findings.every((f) => !f.path.endsWith('deep.md')));
  });

  it('says when the listing stops at its limit', () => {
    const root = repoOf(Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`evidence/e${i}.csv`, 'x'])));
    const walk = walkWorkspace(root, { maxEntries: 10 });
    assert.equal(walk.truncated, true);
    assert.deepEqual(walk.errors, [{ path: '', message: 'it holds more than 10 files and folders; the listing stopped there' }]);
  });

  it('an unreadable document, folder or repository folder is an error and a failed check', async function () {
    if (!POSIX) this.skip();
    const root = repoOf({ 'compliance-docs.yml': lines('categories: [security]'), 'policies/a.md': policy('POL-A'), 'policies/locked.md': policy('POL-LOCKED'), 'procedures/hidden/p.md': policy('POL-P') });
    fs.chmodSync(root, 0o755);
    fs.chmodSync(path.join(root, 'policies', 'locked.md'), 0o000);
    fs.chmodSync(path.join(root, 'procedures', 'hidden'), 0o000);
    const r = await runUnprivileged(['check', root, '--format', 'json', '--today', TODAY, '--no-cache']);
    assert.match(r.stderr, /could not list procedures\/hidden \(EACCES\); the documents and evidence in it were not checked\./);
    assert.match(r.stderr, /could not read policies\/locked\.md \(EACCES\); it was not checked\./);
    assert.match(r.stderr, /2 folders or files could not be read, so the check is incomplete/);
    assert.equal(r.code, 1);
    // Each is an error finding in the report itself, not only a line on stderr.
    const found = parseCheckJson(r).findings;
    assert.deepEqual(
      found.filter((f) => f.code === 'folder-unreadable').map((f) => [f.path, f.severity, f.line, f.message]),
      [['procedures/hidden', 'error', undefined, 'The folder `procedures/hidden` could not be listed (permission denied, EACCES), so the documents and evidence in it were not checked and the result is incomplete. Make it readable (and listable) by the user that runs the check.']],
    );
    assert.deepEqual(
      found.filter((f) => f.path === 'policies/locked.md').map((f) => [f.code, f.message]),
      [['document-unreadable', 'This file could not be read (EACCES).']],
    );
    const text = await runUnprivileged(['check', root, '--today', TODAY, '--no-cache']);
    assert.equal(text.code, 1);
    assert.match(text.stdout, /^procedures\/hidden\n {2}- {2}error {2}The folder `procedures\/hidden` could not be listed \(permission denied, EACCES\)/m);
    const sarif = JSON.parse((await runUnprivileged(['check', root, '--format', 'sarif', '--today', TODAY, '--no-cache'])).stdout) as { runs: Array<{ results: Array<{ ruleId: string; level: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }> }> };
    const result = sarif.runs[0].results.find((x) => x.ruleId === 'folder-unreadable');
    assert.deepEqual([result?.level, result?.locations[0].physicalLocation.artifactLocation.uri], ['error', 'procedures/hidden']);
    // coverage prints the matrix, then fails too: criteria may show uncovered that the unread folder covers.
    const coverage = await runUnprivileged(['coverage', root, '--format', 'json', '--today', TODAY, '--no-cache']);
    assert.equal(coverage.code, 1, coverage.stderr);
    assert.ok(coverage.stdout.length > 0);
    assert.match(coverage.stderr, /could not list procedures\/hidden \(EACCES\)/);
    assert.match(coverage.stderr, /2 folders or files could not be read, so the report is incomplete/);

    const closed = repoOf({ 'policies/a.md': policy('POL-A') });
    fs.chmodSync(closed, 0o311);
    const c = await runUnprivileged(['check', closed, '--format', 'json', '--today', TODAY, '--no-cache']);
    assert.match(c.stderr, /could not list the repository folder \(EACCES\)/);
    assert.equal(c.code, 1, c.stderr);
    assert.deepEqual(
      parseCheckJson(c).findings.map((f) => [f.path, f.code, f.severity]),
      [['', 'folder-unreadable', 'error']],
      'the unreadable root is the finding; no-documents would send the user looking in the wrong place',
    );
    const closedCoverage = await runUnprivileged(['coverage', closed, '--today', TODAY, '--no-cache']);
    assert.equal(closedCoverage.code, 1, closedCoverage.stderr);
  });

  it('names a file whose name is not UTF-8 for what it is, not as missing', async function () {
    if (process.platform !== 'linux') this.skip();
    const root = repoOf({ 'compliance-docs.yml': lines('categories: [security]'), 'policies/a.md': policy('POL-A') });
    fs.writeFileSync(Buffer.concat([Buffer.from(path.join(root, 'policies') + '/bad-'), Buffer.from([0xff, 0xfe]), Buffer.from('.md')]), policy('POL-BAD'));
    const r = await runCli(['check', root, '--format', 'json', '--today', TODAY, '--no-cache']);
    assert.match(r.stderr, /could not read policies\/bad-\uFFFD\uFFFD\.md \(its name is not valid UTF-8, so it cannot be opened by name; rename it\); it was not checked\./);
    assert.doesNotMatch(r.stdout + r.stderr, /ENOENT/);
    assert.equal(r.code, 1);
  });

  it('reads a file whose UTF-8 name holds U+FFFD itself, beside one whose name is not UTF-8', async function () {
    if (process.platform !== 'linux') this.skip();
    const root = repoOf({ 'compliance-docs.yml': lines('categories: [security]'), 'policies/a.md': policy('POL-A'), 'policies/odd-\uFFFD.md': policy('POL-ODD') });
    const alone = await runCli(['check', root, '--format', 'json', '--today', TODAY, '--no-cache']);
    assert.equal(alone.stderr, '');
    assert.ok((JSON.parse(alone.stdout) as { documents: Array<{ path: string }> }).documents.some((d) => d.path === 'policies/odd-\uFFFD.md'));
    fs.writeFileSync(Buffer.concat([Buffer.from(path.join(root, 'policies') + '/bad-'), Buffer.from([0xff]), Buffer.from('.md')]), policy('POL-BAD'));
    const both = await runCli(['check', root, '--format', 'json', '--today', TODAY, '--no-cache']);
    assert.match(both.stderr, /could not read policies\/bad-\uFFFD\.md \(its name is not valid UTF-8/);
    assert.doesNotMatch(both.stderr, /odd-/);
    assert.ok((JSON.parse(both.stdout) as { documents: Array<{ path: string }> }).documents.some((d) => d.path === 'policies/odd-\uFFFD.md'));
  });
});
