// The fast path (worker threads, fast readers, the parse cache) must report exactly what the
// reference path reports (--full-parse: remark and yaml for every document, one thread, no cache),
// on a generated repository large enough for the workers, before and after the files change.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { POOL_THRESHOLD } from '../../server/src/node/loadWorkspace';
import { joinLines } from '../helpers';
import { ensureBuilt, PROJECT, removeTemps, runCli, tempDir, TODAY, writeFiles, type RunResult } from './cli';

/** Documents the fast readers hand to the reference parsers, so both paths meet in one run. */
const UNUSUAL = {
  'controls/g900/crlf.md': joinLines('---', 'id: CTL-CRLF', 'criteria: [CC6.1]  # a comment', 'policies: [POL-00000]', 'evidence:', '  - ../../evidence/none.csv', '---', 'Body [x](../../evidence/2026-Q1/x.csv).').replace(/\n/g, '\r\n'),
  'controls/g900/yaml-odd.md': joinLines('---', 'id: CTL-ODD', 'title: >', '  folded', 'owner: &o it', 'criteria:', '  - CC6.1', '  - 7', 'last_reviewed: 2026-02-30', '---', '', '<div>', '[inside html](../../evidence/h.csv)', '</div>', '', '[ref]: <../../evidence/a b.csv>'),
  'procedures/g900/comply.md': joinLines('name: Onboarding', 'acronym: PROC-COMPLY', 'satisfies:', '  TSC:', '    - CC1.4', 'majorRevisions:', '  - date: Jan 5 2026', '---', 'Body'),
  'policies/g900/binary.md': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1]),
  'policies/g900/latin1.md': Buffer.from('---\nid: POL-LATIN\ntitle: Caf\xe9\n---\n', 'latin1'),
};

describe('check on a generated repository (perf equivalence)', function () {
  this.timeout(180000);
  let root = '';
  let cacheDir = '';

  const check = (...args: string[]): Promise<RunResult> => runCli(['check', root, '--format', 'json', '--today', TODAY, ...args]);
  const expectSame = async (what: string): Promise<void> => {
    const reference = await check('--full-parse', '--no-cache');
    assert.ok(reference.stdout.length > 1000, reference.stderr);
    const noCache = await check('--no-cache');
    const cold = await check('--cache-dir', cacheDir);
    const warm = await check('--cache-dir', cacheDir);
    for (const [name, r] of [['no cache', noCache], ['cache written', cold], ['cache read', warm]] as const) {
      assert.equal(r.stderr, reference.stderr, `${what}, ${name}: stderr`);
      assert.equal(r.code, reference.code, `${what}, ${name}: exit code`);
      assert.equal(r.stdout, reference.stdout, `${what}, ${name}: findings differ from the reference path`);
    }
  };

  before(() => {
    ensureBuilt();
    root = tempDir('cd-perf-eq-');
    cacheDir = tempDir('cd-perf-cache-');
    execFileSync(process.execPath, [path.join(PROJECT, 'bench', 'gen-corpus.mjs'), root, String(POOL_THRESHOLD + 100), '9', 'all']);
    writeFiles(root, UNUSUAL);
    fs.symlinkSync('POL-00000.md', path.join(root, 'policies/g000/linked.md'));
    // Outside the document folders (listed on the worker in a run with one): a mapping file, a link
    // from there to a document, and a document that links there.
    writeFiles(root, { 'matrix/coverage.md': joinLines('# Control matrix', '', '| Criterion | Document |', '|---|---|', '| CC6.1 | [Policy 0](../policies/g000/POL-00000.md) |', '| CC7.2 | POL-00001 |', '') });
    fs.appendFileSync(path.join(root, 'compliance-docs.yml'), joinLines('mappings: ["matrix/*.md"]', ''));
    fs.mkdirSync(path.join(root, 'evidence/g900'), { recursive: true });
    fs.symlinkSync('../../policies/g000/POL-00001.md', path.join(root, 'evidence/g900/policy-copy.md'));
    fs.symlinkSync('../../evidence/g000/CTL-00002/2026-Q1.md', path.join(root, 'policies/g900/from-evidence.md'));
  });
  after(removeTemps);

  it('reports what the reference path reports, with and without the cache', async () => {
    await expectSame('as generated');
    assert.ok(fs.readdirSync(cacheDir).length > 0, 'a cache was written');
  });

  it('still does after documents change, appear and disappear, reading the cache of the earlier run', async () => {
    const control = path.join(root, 'controls/g000/CTL-00002.md');
    fs.writeFileSync(control, fs.readFileSync(control, 'utf8').replace(/title: .*/, 'title: Renamed control').replace(/last_reviewed: .*/, 'last_reviewed: 2020-01-01'));
    fs.rmSync(path.join(root, 'policies/g000/POL-00005.md'));
    writeFiles(root, { 'controls/g000/CTL-NEW.md': joinLines('---', 'id: CTL-NEW', 'criteria: [CC6.1]', 'policies: [POL-00005]', '---', '') });
    fs.rmSync(path.join(root, 'evidence/g000/CTL-00002'), { recursive: true, force: true });
    await expectSame('after edits');
  });

  it('still does after edits that only move text, where the recorded result is kept but for the edited documents', async () => {
    // Documents with findings placed by line: a comment line in the frontmatter moves every one of them.
    const before = JSON.parse((await check('--cache-dir', cacheDir)).stdout) as { findings: Array<{ path: string; line?: number }> };
    const placed = [...new Set(before.findings.filter((f) => f.line !== undefined && /^(controls|policies)\//.test(f.path)).map((f) => f.path))].slice(0, 3);
    assert.equal(placed.length, 3);
    for (const rel of placed) {
      const file = path.join(root, rel);
      fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/^---\n/, '---\n# reviewed with the owner\n'));
    }
    await expectSame('after comment lines moved findings down');
    // Text appended to a body, and a body rewritten around the same frontmatter.
    const policy = path.join(root, 'policies/g000/POL-00003.md');
    fs.appendFileSync(policy, '\n\nA closing paragraph.\n');
    const control = path.join(root, placed[0]);
    fs.writeFileSync(control, fs.readFileSync(control, 'utf8').replace(/\n---\n[\s\S]*$/, '\n---\n\n# Rewritten\n\nShorter text.\n'));
    await expectSame('after bodies changed');
    // Edits that change what others read: template text in an approved policy, and an id.
    fs.appendFileSync(policy, '\nOwner: [Company Name] TBD.\n');
    const renamed = path.join(root, placed[1]);
    fs.writeFileSync(renamed, fs.readFileSync(renamed, 'utf8').replace(/^id: .*$/m, 'id: CTL-RENAMED'));
    await expectSame('after template text and a new id');
  });

  it('still does after the config changes how fields are read', async () => {
    const config = path.join(root, 'compliance-docs.yml');
    fs.appendFileSync(config, joinLines('fields:', '  owner: [title]', ''));
    await expectSame('after a fields: change');
  });
});
