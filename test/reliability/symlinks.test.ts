// Symlinks resolved as the kernel resolves them, one segment at a time: a link's target replaces
// it where it stands, and a `..` after it climbs from where the link led. And no "create" fix
// through a symlinked folder: the editor would create the file wherever the link leads.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadWorkspace } from '../../server/src/node/loadWorkspace';
import { CAN_SYMLINK, ensureBuilt, lines, parseCheckJson, removeTemps, repoOf, runCli, tempDir, TODAY } from '../cli/cli';

const control = (...evidence: string[]): string =>
  lines('---', 'id: AC-01', 'type: control', 'title: Access review', 'owner: it-lead', 'criteria: [CC6.1]', 'last_reviewed: 2026-10-01', 'evidence:', ...evidence.map((e) => `  - ${e}`), '---', '', '# Access review');

describe('symlinks resolved segment by segment', function () {
  this.timeout(60000);
  before(function () {
    if (!CAN_SYMLINK) this.skip();
    ensureBuilt();
  });
  after(removeTemps);

  it('takes `t2` → `s/..`, with `s` a link out of the root, as outside, where the kernel takes it', async () => {
    const outside = fs.realpathSync.native(tempDir('cd-links-outside-'));
    const root = repoOf({ 'compliance-docs.yml': lines('categories: [security]'), 'controls/ac-01.md': control('../evidence/t2/review.csv'), 'evidence/review.csv': 'x' });
    fs.symlinkSync(outside, path.join(root, 'evidence', 's'));
    fs.symlinkSync('s/..', path.join(root, 'evidence', 't2'));
    // What the kernel says (the native call: Node's own realpathSync resolves `..` as text, too).
    assert.equal(fs.realpathSync.native(path.join(root, 'evidence', 't2')), path.dirname(outside));
    const report = parseCheckJson(await runCli(['check', root, '--format', 'json', '--today', TODAY, '--no-cache']));
    const onControl = report.findings.filter((f) => f.path === 'controls/ac-01.md');
    const outsideFindings = onControl.filter((f) => f.code === 'evidence-outside-workspace');
    assert.equal(outsideFindings.length, 1, JSON.stringify(onControl));
    assert.match(outsideFindings[0].message, /evidence\/s/);
    const coverage = JSON.parse((await runCli(['coverage', root, '--format', 'json', '--today', TODAY, '--no-cache'])).stdout) as { criteria: Array<{ id: string; state: string }> };
    assert.notEqual(coverage.criteria.find((c) => c.id === 'CC6.1')?.state, 'covered');
  });

  it('offers no "create" fix for missing evidence behind a symlinked folder, and still offers it elsewhere', async () => {
    const root = repoOf({ 'compliance-docs.yml': lines('categories: [security]'), 'controls/ac-01.md': control('../evidence/inlink/new.csv', '../evidence/real/other.csv'), 'evidence/real/kept.csv': 'x' });
    fs.symlinkSync('real', path.join(root, 'evidence', 'inlink'));
    const { workspace } = await loadWorkspace(root, { today: TODAY });
    const broken = [...workspace.allFindings()].filter((f) => f.code === 'broken-evidence-link');
    const creates = (target: string): string[] =>
      broken.filter((f) => f.data?.target === target).flatMap((f) => (f.fixes ?? []).flatMap((fix) => fix.changes.filter((c) => c.kind === 'create').map((c) => c.path)));
    assert.equal(broken.length, 2, broken.map((f) => f.message).join('\n'));
    assert.deepEqual(creates('evidence/inlink/new.csv'), []);
    assert.deepEqual(creates('evidence/real/other.csv'), ['evidence/real/other.csv']);
  });
});
