// `npm start`: the example's check and coverage, ending with check's exit code and saying that the
// example's configuration error is deliberate.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ensureBuilt, HARBORVIEW_COVERAGE_STDERR, lines, PROJECT, removeTemps, repoOf, runNode } from './cli';

const START = path.join(PROJECT, 'examples', 'start.mjs');
const policy = (id: string): string => lines('---', `id: ${id}`, 'type: policy', 'title: A policy', 'owner: ciso', 'criteria: [CC1.1]', 'last_reviewed: 2026-10-01', '---', '', '# A policy');

describe('npm start', function () {
  this.timeout(60000);
  before(ensureBuilt);
  after(removeTemps);

  it('is examples/start.mjs after the build', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(PROJECT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    assert.equal(pkg.scripts.start, 'node esbuild.js && node examples/start.mjs');
  });

  it('checks the example, prints its coverage, says the config error is deliberate, and exits with check\'s code', async () => {
    const r = await runNode([START]);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stdout, /^\n\$ compliance-docs check examples\/harborview --today 2026-11-16\n/);
    assert.match(r.stdout, /✖ 35 problems \(13 errors, 18 warnings, 4 infos\)/);
    assert.match(r.stdout, /\$ compliance-docs coverage examples\/harborview --today 2026-11-16\n/);
    assert.match(r.stdout, /Coverage: 16\/37 covered/);
    assert.match(r.stdout, /check exited 2, coverage exited 2 \(0: no errors, 1: findings fail the check, 2: configuration error\)\.\n/);
    assert.match(r.stdout, /One of them is in its config: `due_son_days` on line 16 of compliance-docs\.yml is a misspelt `due_soon_days`, so both commands exit 2\.\nThat is the example working, not a broken setup\./);
    assert.ok(r.stderr.endsWith(HARBORVIEW_COVERAGE_STDERR), r.stderr);
  });

  it('exits with check\'s code, not coverage\'s, on another repository, and says nothing about the example', async () => {
    const clean = repoOf({ 'compliance-docs.yml': lines('categories: [security]'), 'policies/a.md': policy('POL-A') });
    const ok = await runNode([START, clean]);
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /check exited 0, coverage exited 0/);
    assert.doesNotMatch(ok.stdout, /deliberate/);

    // Two documents with one id is an error finding: check exits 1 while coverage exits 0.
    const failing = repoOf({ 'compliance-docs.yml': lines('categories: [security]'), 'policies/a.md': policy('POL-A'), 'policies/b.md': policy('POL-A') });
    const r = await runNode([START, failing]);
    assert.match(r.stdout, /check exited 1, coverage exited 0/);
    assert.equal(r.code, 1);
  });
});
