import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ensureBuilt, HARBORVIEW, HARBORVIEW_COVERAGE_STDERR, parseCheckJson, PROJECT, removeTemps, Runs, tempDir, TODAY } from './cli';

describe('compliance-docs --output, --help, --version', function () {
  this.timeout(60000);
  let out = '';
  const runs = new Runs()
    .add('check to file', () => ['check', HARBORVIEW, '--format', 'json', '--today', TODAY, '--output', path.join(out, 'findings.json')])
    .add('coverage to file', () => ['coverage', HARBORVIEW, '--format', 'html', '--today', TODAY, '-o', path.join(out, 'matrix.html')])
    .add('output folder missing', () => ['check', HARBORVIEW, '--today', TODAY, '--output', path.join(out, 'no-such-folder', 'x.json')])
    .add('help', ['--help'])
    .add('check help', ['check', '--help'])
    .add('nothing', [])
    .add('version', ['--version']);
  before(() => {
    ensureBuilt();
    out = tempDir();
    runs.start();
  });
  after(removeTemps);

  it('--output writes the report to the file instead of stdout, and keeps the exit code', async () => {
    const r = await runs.get('check to file');
    assert.equal(r.stdout, '');
    assert.equal(r.code, 2);
    const report = parseCheckJson({ ...r, stdout: fs.readFileSync(path.join(out, 'findings.json'), 'utf8') });
    assert.equal(report.findings.length, 35);
  });

  it('-o works for coverage too', async () => {
    const r = await runs.get('coverage to file');
    // The report is written; the example config's deliberate error makes the run exit 2.
    assert.equal(r.code, 2);
    assert.equal(r.stderr, HARBORVIEW_COVERAGE_STDERR);
    assert.equal(r.stdout, '');
    assert.match(fs.readFileSync(path.join(out, 'matrix.html'), 'utf8'), /^<!doctype html>/);
  });

  it('says why when the output file cannot be written', async () => {
    const r = await runs.get('output folder missing');
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^compliance-docs: cannot write the report to .*x\.json: its folder does not exist\.\n$/);
  });

  it('--help prints the usage of every command and exits 0', async () => {
    for (const name of ['help', 'check help']) {
      const r = await runs.get(name);
      assert.equal(r.code, 0);
      assert.equal(r.stderr, '');
      for (const usage of ['compliance-docs check [dir]', 'compliance-docs coverage [dir]', 'compliance-docs init [dir]', '--max-warnings', '--output', '--color', '--no-color', '--full-parse', 'Exit codes: 0']) {
        assert.ok(r.stdout.includes(usage), `${name}: ${usage}`);
      }
    }
  });

  it('prints the usage and exits 2 when no command is given', async () => {
    const r = await runs.get('nothing');
    assert.equal(r.code, 2);
    assert.equal(r.stdout, (await runs.get('help')).stdout);
  });

  it('--version prints the package version', async () => {
    const r = await runs.get('version');
    const { version } = JSON.parse(fs.readFileSync(path.join(PROJECT, 'package.json'), 'utf8')) as { version: string };
    assert.equal(r.stdout, `${version}\n`);
    assert.equal(r.code, 0);
  });
});
