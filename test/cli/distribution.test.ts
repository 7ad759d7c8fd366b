// The ways the command reaches users: the npm package (packed, installed into a prefix, run as
// `compliance-docs`), the GitHub Action's steps and the pre-commit hook, each run by its command lines.

import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import YAML from 'yaml';
import { commit, git, initRepo } from '../gitRepo';
import { ensureBuilt, lines, PROJECT, removeTemps, tempDir } from './cli';

const CONFIG = lines('categories: [security]', 'rules:', '  uncovered-criterion: off', '  vendor-inventory-missing: off', '  risk-register-missing: off');
const POLICY = lines('---', 'id: POL-ACCESS', 'type: policy', 'title: Access Control Policy', 'owner: security-lead', 'criteria: [CC6.1]', 'last_reviewed: 2026-06-01', '---', '', '# Access control');
/** An unknown criterion: one error. */
const BAD = lines('---', 'id: POL-BAD', 'type: policy', 'title: Bad', 'owner: security-lead', 'criteria: [CC9.9]', 'last_reviewed: 2026-06-01', '---', '', '# Bad');

interface Step {
  readonly name: string;
  readonly id?: string;
  readonly if?: string;
  readonly uses?: string;
  readonly run?: string;
  readonly shell?: string;
  readonly env?: Record<string, string>;
  readonly with?: Record<string, string>;
}

/** `${{ … }}` expressions of the action, as the runner would give them. */
function expand(value: string, context: Record<string, string>): string {
  return value.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_m, expr: string) => {
    if (!(expr in context)) throw new Error(`the test gives no value for \${{ ${expr} }}`);
    return context[expr];
  });
}

function readOutputs(file: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    const eq = line.indexOf('=');
    if (eq > 0) out[line.slice(0, eq)] = line.slice(eq + 1);
  }
  return out;
}

describe('distribution', function () {
  this.timeout(180000);
  let tarball: string;
  let prefix: string;
  let bin: string;

  before(() => {
    ensureBuilt();
    const out = tempDir('cd-pack-');
    // The bundles the suite already built; the Action builds production ones.
    tarball = execFileSync(process.execPath, [path.join(PROJECT, 'packaging/npm/pack.mjs'), '--no-build', '--out', out], { encoding: 'utf8' }).trim().split('\n').pop() as string;
    prefix = path.join(out, 'prefix');
    bin = path.join(prefix, 'bin');
  });
  after(removeTemps);

  it('is an npm package of the command alone, which installs and runs as compliance-docs', () => {
    const listing = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).trim().split('\n').sort();
    assert.deepEqual(listing, ['package/LICENSE', 'package/README.md', 'package/dist/cli.js', 'package/dist/worker.js', 'package/dist/xlsx.js', 'package/package.json']);
    const manifest = JSON.parse(execFileSync('tar', ['-xzOf', tarball, 'package/package.json'], { encoding: 'utf8' })) as { name: string; version: string; bin: Record<string, string>; private?: boolean; dependencies?: unknown };
    const root = JSON.parse(fs.readFileSync(path.join(PROJECT, 'package.json'), 'utf8')) as { version: string };
    assert.deepEqual([manifest.name, manifest.version, manifest.bin, manifest.private, manifest.dependencies], ['compliance-docs', root.version, { 'compliance-docs': 'dist/cli.js' }, undefined, undefined]);
    execFileSync('npm', ['install', '--global', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', tarball], { stdio: 'pipe' });
    const env = { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH}` };
    assert.equal(execFileSync('compliance-docs', ['--version'], { env, encoding: 'utf8' }).trim(), root.version);
    const repo = initRepo(tempDir('cd-npm-repo-'));
    commit(repo, '2026-06-02', 'Program', { 'compliance-docs.yml': CONFIG, 'policies/access.md': POLICY });
    const ok = spawnSync('compliance-docs', ['check', '.', '--today', '2026-11-16', '--no-cache'], { cwd: repo, env, encoding: 'utf8' });
    assert.equal(ok.status, 0, ok.stdout + ok.stderr);
    assert.match(ok.stdout, /Read 1 document \(1 policy\)/);
    // It starts its parse worker from the package: enough documents to use one.
    const many: Record<string, string> = {};
    for (let i = 0; i < 450; i++) many[`policies/p${i}.md`] = POLICY.replace('POL-ACCESS', `POL-${i}`);
    commit(repo, '2026-06-03', 'Many', many);
    const big = spawnSync('compliance-docs', ['check', '.', '--today', '2026-11-16', '--no-cache', '--format', 'json'], { cwd: repo, env, encoding: 'utf8' });
    assert.equal(big.status, 0, big.stderr);
    assert.equal((JSON.parse(big.stdout) as { documents: unknown[] }).documents.length, 451);
  });

  it('runs the GitHub Action: install from the package, check with SARIF, the pull request comment, the result', () => {
    const action = YAML.parse(fs.readFileSync(path.join(PROJECT, 'action.yml'), 'utf8')) as { runs: { using: string; steps: Step[] }; inputs: Record<string, { default: string }> };
    assert.equal(action.runs.using, 'composite');
    // A pull request adding a bad policy, checked out with its base branch fetched.
    const origin = tempDir('cd-origin-');
    git(origin, ['init', '-q', '--bare']);
    const seed = initRepo(tempDir('cd-seed-'));
    commit(seed, '2026-06-02', 'Program', { 'compliance-docs.yml': CONFIG, 'policies/access.md': POLICY });
    git(seed, ['push', '-q', origin, 'HEAD:refs/heads/main']);
    const work = path.join(tempDir('cd-work-'), 'repo');
    git(path.dirname(work), ['clone', '-q', origin, work]);
    commit(work, '2026-06-05', 'Add a policy', { 'policies/bad.md': BAD });

    const temp = tempDir('cd-runner-');
    const fakeBin = path.join(temp, 'fake-bin');
    fs.mkdirSync(fakeBin);
    const ghLog = path.join(temp, 'gh.log');
    // gh: no earlier comment to update; `pr comment` records its arguments and the body it would post.
    fs.writeFileSync(path.join(fakeBin, 'gh'), `#!/bin/sh\nif [ "$1" = api ]; then exit 0; fi\necho "$@" >> '${ghLog}'\nwhile [ $# -gt 0 ]; do if [ "$1" = --body-file ]; then cat "$2" >> '${ghLog}'; fi; shift; done\n`, { mode: 0o755 });
    const githubPath = path.join(temp, 'path');
    const githubOutput = path.join(temp, 'output');
    fs.writeFileSync(githubPath, '');
    fs.writeFileSync(githubOutput, '');
    const inputs: Record<string, string> = {};
    for (const [k, v] of Object.entries(action.inputs)) inputs[`inputs.${k}`] = v.default;
    const context: Record<string, string> = {
      ...inputs,
      'inputs.version': tarball,
      'inputs.today': '2026-11-16',
      'github.action_path': PROJECT,
      'github.base_ref': 'main',
      'github.event.pull_request.number': '7',
      'github.token': 'token',
      'github.repository': 'acme/soc2',
      'runner.temp': temp,
    };
    const outputs: Record<string, string> = {};
    const ran: string[] = [];
    let last: { status: number | null; stdout: string; stderr: string } | undefined;
    for (const step of action.runs.steps) {
      if (step.uses) {
        // Actions the runner would run: the SARIF upload gets the file the check wrote.
        assert.equal(step.uses, 'github/codeql-action/upload-sarif@v3');
        assert.equal(expand(step.with?.sarif_file ?? '', context), path.join(temp, 'compliance-docs.sarif'));
        const sarif = JSON.parse(fs.readFileSync(path.join(temp, 'compliance-docs.sarif'), 'utf8')) as { runs: Array<{ results: Array<{ ruleId: string }> }> };
        assert.deepEqual(sarif.runs[0].results.map((r) => r.ruleId), ['unknown-criterion']);
        ran.push(step.name);
        continue;
      }
      assert.equal(step.shell, 'bash');
      const env: NodeJS.ProcessEnv = { ...process.env, RUNNER_TEMP: temp, GITHUB_PATH: githubPath, GITHUB_OUTPUT: githubOutput };
      for (const [k, v] of Object.entries(step.env ?? {})) env[k] = expand(v, context);
      const added = fs.readFileSync(githubPath, 'utf8').split('\n').filter((l) => l !== '');
      env.PATH = [...added, fakeBin, process.env.PATH].join(path.delimiter);
      last = spawnSync('bash', ['-e', '-c', step.run ?? ''], { cwd: work, env, encoding: 'utf8' });
      ran.push(step.name);
      if (step.id) for (const [k, v] of Object.entries(readOutputs(githubOutput))) context[`steps.${step.id}.outputs.${k}`] = outputs[k] = v;
      if (step.name !== 'Result') assert.equal(last.status, 0, `${step.name}: ${last.stdout}\n${last.stderr}`);
    }
    assert.deepEqual(ran, ['Install compliance-docs', 'Check', 'Upload to code scanning', 'Comment on the pull request', 'Result']);
    assert.equal(fs.readFileSync(githubPath, 'utf8').trim(), path.join(temp, 'compliance-docs', 'bin'));
    assert.equal(outputs['exit-code'], '1');
    assert.equal(last?.status, 1, 'the job fails on the error');
    const gh = fs.readFileSync(ghLog, 'utf8');
    assert.match(gh, /^pr comment 7 --body-file .*compliance-docs-diff\.md\n<!-- compliance-docs diff -->\n### compliance-docs: ❌ 1 new error\n/);
    assert.match(gh, /Compared with `origin\/main`/);
    assert.match(gh, /- ❌ `unknown-criterion` `policies\/bad\.md:6:12`: \\`CC9\\\.9\\` is not a SOC 2 criterion/);
  });

  it('runs the pre-commit hook as pre-commit does: its entry in the repository, no file names', () => {
    const hooks = YAML.parse(fs.readFileSync(path.join(PROJECT, '.pre-commit-hooks.yaml'), 'utf8')) as Array<{ id: string; entry: string; language: string; pass_filenames: boolean; files: string }>;
    assert.equal(hooks.length, 1);
    const hook = hooks[0];
    assert.deepEqual([hook.id, hook.language, hook.pass_filenames], ['compliance-docs', 'system', false]);
    assert.ok(new RegExp(hook.files).test('policies/access.md') && new RegExp(hook.files).test('compliance-docs.yml') && !new RegExp(hook.files).test('evidence/x.csv'));
    if (!fs.existsSync(path.join(bin, 'compliance-docs'))) execFileSync('npm', ['install', '--global', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', tarball], { stdio: 'pipe' });
    const env = { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH}` };
    const repo = initRepo(tempDir('cd-hook-'));
    commit(repo, '2026-06-02', 'Program', { 'compliance-docs.yml': CONFIG, 'policies/access.md': POLICY });
    const [cmd, ...args] = hook.entry.split(' ');
    const ok = spawnSync(cmd, [...args, '--today', '2026-11-16', '--no-cache'], { cwd: repo, env, encoding: 'utf8' });
    assert.equal(ok.status, 0, ok.stdout + ok.stderr);
    fs.writeFileSync(path.join(repo, 'policies/bad.md'), BAD);
    const bad = spawnSync(cmd, [...args, '--today', '2026-11-16', '--no-cache'], { cwd: repo, env, encoding: 'utf8' });
    assert.equal(bad.status, 1);
    assert.match(bad.stdout, /CC9\.9/);
  });
});
