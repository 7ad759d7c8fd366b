// A folder swapped for a symlink after the walk listed it and before a document in it is opened.
// O_NOFOLLOW guards only the last component of a path; what was opened is checked against the path
// meant, so the file behind the new link is never read.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ensureBuilt, lines, parseCheckJson, removeTemps, repoOf, runCli, tempDir, TODAY } from '../cli/cli';

// Plays the attacker at the worst moment: just before the first document under SWAP_DIR is opened,
// that folder becomes a symlink to SWAP_TO.
const SWAPPER = `'use strict';
const fs = require('node:fs');
const path = require('node:path');
const dir = process.env.SWAP_DIR;
const to = process.env.SWAP_TO;
const openSync = fs.openSync;
let swapped = false;
fs.openSync = function (p, ...rest) {
  if (!swapped && typeof p === 'string' && p.startsWith(dir + path.sep) && p.endsWith('.md')) {
    swapped = true;
    fs.renameSync(dir, dir + '.listed');
    fs.symlinkSync(to, dir);
  }
  return openSync.call(this, p, ...rest);
};
`;

const policy = (id: string): string => lines('---', `id: ${id}`, 'type: policy', 'title: A policy', 'owner: ciso', 'criteria: [CC1.1]', 'last_reviewed: 2026-10-01', '---', '', '# A policy');

describe('a folder swapped for a symlink between the listing and the open', function () {
  this.timeout(60000);
  before(ensureBuilt);
  after(removeTemps);

  it('reads nothing behind the new symlink, and says the document was not read', async function () {
    if (process.platform !== 'linux') this.skip();
    const root = repoOf({ 'compliance-docs.yml': lines('categories: [security]'), 'policies/a.md': policy('POL-A') });
    const outside = repoOf({ 'a.md': policy('SECRET-OUTSIDE') });
    const swapper = path.join(tempDir('cd-swap-'), 'swap.cjs');
    fs.writeFileSync(swapper, SWAPPER);
    const r = await runCli(['check', root, '--format', 'json', '--today', TODAY, '--no-cache'], { nodeArgs: ['--require', swapper], env: { SWAP_DIR: path.join(root, 'policies'), SWAP_TO: outside } });
    assert.ok(fs.lstatSync(path.join(root, 'policies')).isSymbolicLink(), 'the folder was swapped during the run');
    assert.doesNotMatch(r.stdout, /SECRET-OUTSIDE/);
    const findings = parseCheckJson(r).findings.filter((f) => f.path === 'policies/a.md' && f.code === 'document-unreadable');
    assert.equal(findings.length, 1, r.stdout);
    assert.match(findings[0].message, /a folder on its path was replaced by a symlink after the folder was listed/);
    assert.equal(r.code, 1);
  });
});
