import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { commit, git, initRepo } from '../gitRepo';
import { ensureBuilt, lines, parseCheckJson, removeTemps, runCli, tempDir } from './cli';

const CONFIG = lines('categories: [security]', 'rules:', '  uncovered-criterion: off', '  vendor-inventory-missing: off', '  risk-register-missing: off');
const POLICY = lines('---', 'id: POL-ACCESS', 'type: policy', 'title: Access Control Policy', 'owner: security-lead', 'criteria: [CC6.1]', 'last_reviewed: 2026-06-01', '---', '', '# Access control');
const CONTROL = lines('---', 'id: AC-01', 'type: control', 'title: Access review', 'owner: it-lead', 'criteria: [CC6.1]', 'frequency: quarterly', 'last_reviewed: 2026-06-01', 'evidence:', '  - ../evidence/2026-Q4/review.csv', '---', '', '# Access review');
/** Two errors (an unknown criterion, a broken evidence link) and one warning (no review date). */
const BAD = lines('---', 'id: AC-02', 'type: control', 'title: Backups', 'owner: it-lead', 'criteria: [CC9.9, CC6.2]', 'evidence:', '  - ../evidence/none.csv', '---', '', '# Backups');

function repo(): string {
  const dir = initRepo(tempDir('cd-diff-'));
  commit(dir, '2026-06-02', 'Program', { 'compliance-docs.yml': CONFIG, 'policies/access.md': POLICY, 'controls/ac-01.md': CONTROL, 'evidence/2026-Q4/review.csv': 'user\n' });
  return dir;
}

const diff = (dir: string, ...args: string[]) => runCli(['diff', '--base', 'HEAD', dir, '--today', '2026-11-16', ...args]);

describe('compliance-docs diff', function () {
  this.timeout(60000);
  before(ensureBuilt);
  after(removeTemps);

  it('an unchanged tree adds no finding and exits 0', async () => {
    const dir = repo();
    const r = await diff(dir);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'Compared with HEAD: coverage 1/33 → 1/33.\n\nNo criterion changed state.\n\nFindings added (0: none):\n\nFindings removed (0):\n');
    const sarif = JSON.parse((await diff(dir, '--format', 'sarif')).stdout) as { runs: Array<{ results: unknown[] }> };
    assert.deepEqual(sarif.runs[0].results, []);
  });

  it('a new bad document adds exactly its findings, and exits 1 for the errors', async () => {
    const dir = repo();
    fs.writeFileSync(path.join(dir, 'controls/ac-02.md'), BAD);
    const r = await diff(dir);
    assert.equal(r.code, 1, r.stderr);
    const own = parseCheckJson(await runCli(['check', dir, '--format', 'json', '--no-cache', '--today', '2026-11-16'])).findings.filter((f) => f.path === 'controls/ac-02.md');
    assert.deepEqual(own.map((f) => f.code).sort(), ['broken-evidence-link', 'missing-review-date', 'unknown-criterion']);
    const added = r.stdout.split('\n').filter((l) => l.startsWith('  controls/'));
    assert.deepEqual(added.map((l) => l.split('  ').pop()).sort(), own.map((f) => f.code).sort());
    assert.match(r.stdout, /^Compared with HEAD: coverage 1\/33 → 1\/33\.\n\nCriteria whose state changed \(1\):\n  CC6\.2  uncovered → claimed  /);
    assert.match(r.stdout, /Findings added \(3: 2 errors, 1 warning\):/);
    assert.match(r.stdout, /Findings removed \(0\):\n$/);

    const sarif = JSON.parse((await diff(dir, '--format', 'sarif')).stdout) as { runs: Array<{ results: Array<{ ruleId: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }> }> };
    assert.deepEqual(sarif.runs[0].results.map((x) => [x.locations[0].physicalLocation.artifactLocation.uri, x.ruleId]).sort(), own.map((f) => ['controls/ac-02.md', f.code]).sort());

    const md = await diff(dir, '--format', 'md');
    assert.equal(md.code, 1);
    assert.match(md.stdout, /^<!-- compliance-docs diff -->\n### compliance-docs: ❌ 2 new errors\n\nCompared with `HEAD`: SOC 2 coverage 1\/33 → 1\/33; 3 findings added, 0 removed\.\n\n\| Criterion \| Before \| After \|\n\|---\|---\|---\|\n\| CC6\\\.2 /);
    assert.match(md.stdout, /<details open><summary>Added findings \(3\)<\/summary>/);
  });

  it('a fix removes findings and exits 0; a new warning alone exits 0', async () => {
    const dir = repo();
    commit(dir, '2026-06-03', 'Bad control', { 'controls/ac-02.md': BAD });
    fs.writeFileSync(path.join(dir, 'controls/ac-02.md'), BAD.replace('CC9.9, ', '').replace('../evidence/none.csv', '../evidence/2026-Q4/review.csv'));
    const r = await diff(dir);
    assert.equal(r.code, 0, r.stdout);
    assert.match(r.stdout, /Findings added \(0: none\):\n\nFindings removed \(2\):\n  controls\/ac-02\.md:6:12  error  .*unknown-criterion\n  controls\/ac-02\.md:8:5  error  .*broken-evidence-link\n$/);
  });

  it('compares with a branch, reading its tree without a checkout: the work tree and index stay as they are', async () => {
    const dir = repo();
    git(dir, ['branch', 'base']);
    commit(dir, '2026-06-04', 'Bad control', { 'controls/ac-02.md': BAD });
    fs.writeFileSync(path.join(dir, 'policies/access.md'), `${POLICY}\nAn edit in progress.\n`);
    const status = git(dir, ['status', '--porcelain']);
    const r = await runCli(['diff', '--base', 'base', dir, '--today', '2026-11-16', '--format', 'md']);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /Compared with `base`/);
    assert.equal(git(dir, ['status', '--porcelain']), status);
    assert.equal(git(dir, ['worktree', 'list']).trim().split('\n').length, 1);
  });

  it('says what to do when the base does not exist or the folder is not a repository', async () => {
    const dir = repo();
    const r = await runCli(['diff', '--base', 'origin/nope', dir]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^compliance-docs: no commit `origin\/nope` in this repository\. Fetch it first/);
    const opt = await runCli(['diff', '--base=--output=/tmp/x', dir]);
    assert.equal(opt.code, 2);
    assert.match(opt.stderr, /no commit `--output=\/tmp\/x`/);
    const none = await runCli(['diff', dir]);
    assert.match(none.stderr, /diff needs --base REF/);
    const plain = tempDir('cd-diff-plain-');
    const p = await runCli(['diff', '--base', 'HEAD', plain]);
    assert.equal(p.code, 2);
    assert.match(p.stderr, /is not in a git repository with a commit/);
  });
});

describe('check --baseline', function () {
  this.timeout(60000);
  before(ensureBuilt);
  after(removeTemps);

  it('reports only findings not recorded in the baseline, which check --format json writes', async () => {
    const dir = repo();
    fs.writeFileSync(path.join(dir, 'controls/ac-02.md'), BAD);
    const baseline = path.join(tempDir('cd-baseline-'), 'baseline.json');
    const w = await runCli(['check', dir, '--format', 'json', '--no-cache', '--today', '2026-11-16', '--output', baseline]);
    assert.equal(w.code, 1);
    const known = await runCli(['check', dir, '--no-cache', '--today', '2026-11-16', '--baseline', baseline]);
    assert.equal(known.code, 0, known.stdout);
    assert.match(known.stderr, /^compliance-docs: 3 findings recorded in the baseline .* are not reported\.\n$/);
    // A new problem elsewhere is reported, and fails the check.
    fs.writeFileSync(path.join(dir, 'controls/ac-03.md'), BAD.replace('AC-02', 'AC-03'));
    const next = await runCli(['check', dir, '--format', 'json', '--no-cache', '--today', '2026-11-16', '--baseline', baseline]);
    assert.equal(next.code, 1);
    assert.deepEqual(parseCheckJson(next).findings.map((f) => f.path), ['controls/ac-03.md', 'controls/ac-03.md', 'controls/ac-03.md']);
    const bad = await runCli(['check', dir, '--baseline', path.join(dir, 'policies/access.md')]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /baseline .* no such file|is not JSON|not a `check --format json` output/);
  });
});
