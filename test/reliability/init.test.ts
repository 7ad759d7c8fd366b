// `init` writes only inside the folder it is given: never through a symlinked folder, never over a
// symlink (dangling or not), and a refusal is a plain message, not an internal error.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CAN_SYMLINK, ensureBuilt, lines, removeTemps, runCli, tempDir, TODAY } from '../cli/cli';

function allFiles(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true }) as string[]).sort();
}

describe('init and symlinks', function () {
  this.timeout(60000);
  before(function () {
    if (!CAN_SYMLINK) this.skip();
    ensureBuilt();
  });
  after(removeTemps);

  it('writes nothing through a symlinked folder out of the target folder', async () => {
    const outside = tempDir('cd-init-outside-');
    for (const linked of ['policies', 'controls']) {
      const root = tempDir('cd-init-');
      fs.symlinkSync(outside, path.join(root, linked));
      const r = await runCli(['init', root, '--today', TODAY]);
      assert.equal(r.code, 2, r.stderr);
      assert.equal(r.stderr, `compliance-docs: ${path.join(root, linked)} is a symlink; init writes only inside ${root}, never through a link, so nothing was written. Remove the link or run init in another folder.\n`);
      assert.deepEqual(allFiles(outside), [], 'nothing was written behind the link');
      assert.deepEqual(allFiles(root), [linked], 'nothing was written in the folder either');
    }
  });

  it('refuses a config that is a dangling symlink with a plain message, not an internal error', async () => {
    for (const name of ['compliance-docs.yml', '.compliance-docs.yml']) {
      const root = tempDir('cd-init-');
      const target = path.join(tempDir('cd-init-target-'), 'planted.yml');
      fs.symlinkSync(target, path.join(root, name));
      const r = await runCli(['init', root, '--today', TODAY]);
      assert.equal(r.code, 2, r.stderr);
      assert.doesNotMatch(r.stderr, /internal error|at /);
      assert.match(r.stderr, new RegExp(`already has ${name.replace('.', '\\.')}; init overwrites nothing, so nothing was written`));
      assert.equal(fs.existsSync(target), false, 'nothing was written where the link points');
    }
    // In a repository that already has documents, init writes the config it detects: not through a link either.
    const program = tempDir('cd-init-program-');
    fs.mkdirSync(path.join(program, 'policies'));
    fs.writeFileSync(path.join(program, 'policies', 'a.md'), lines('---', 'id: POL-A', 'type: policy', 'criteria: [CC1.1]', '---'));
    const planted = path.join(tempDir('cd-init-target-'), 'planted.yml');
    fs.symlinkSync(planted, path.join(program, 'compliance-docs.yml'));
    const r = await runCli(['init', program, '--today', TODAY]);
    assert.equal(r.code, 2, r.stderr);
    assert.doesNotMatch(r.stderr, /internal error/);
    assert.equal(fs.existsSync(planted), false);
  });
});
