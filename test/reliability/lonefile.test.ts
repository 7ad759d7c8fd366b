// A markdown file opened with no workspace folder is checked alone: nothing around it is listed or
// read, a config is taken only from a folder of the user's own that nobody else can write to, and
// never from the home directory or above it.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-protocol/node';
import { ensureBuilt, lines, removeTemps, tempDir, writeFiles } from '../cli/cli';
import { FS_SPY, readJsonLines, startServer, type FsCall } from './lsp';

const IS_ROOT = typeof process.getuid === 'function' && process.getuid() === 0;
const POSIX = process.platform !== 'win32';

const doc = lines('---', 'id: POL-LONE', 'type: policy', 'title: A lone policy', 'criteria: [CC1.1]', '---', '', '# A lone policy');
/** A config whose effect shows: no missing-owner finding where it is taken. */
const config = lines('rules:', '  missing-owner: off');
const codes = (d: readonly Diagnostic[]): string[] => d.map((x) => String(x.code));

describe('a file opened with no workspace folder', function () {
  this.timeout(60000);
  before(ensureBuilt);
  after(removeTemps);

  it('is checked alone, with a config only from a folder of the user that others cannot write, never from home or above', async function () {
    if (!POSIX) this.skip();
    const open = tempDir('cd-lone-open-');
    fs.chmodSync(open, 0o777);
    writeFiles(open, { 'compliance-docs.yml': config, 'a.md': doc, 'other/secret.md': doc });
    const own = tempDir('cd-lone-own-');
    writeFiles(own, { 'compliance-docs.yml': config, 'sub/a.md': doc, 'sub/other.md': doc, 'evidence/x.csv': 'x' });
    const home = tempDir('cd-lone-home-');
    writeFiles(home, { 'compliance-docs.yml': config, 'notes/a.md': doc, '.ssh/id_rsa': 'secret', 'Documents/private.md': doc });
    const theirs = tempDir('cd-lone-theirs-');
    writeFiles(theirs, { 'compliance-docs.yml': config, 'a.md': doc });
    if (IS_ROOT) fs.chownSync(theirs, 65534, 65534);
    const log = path.join(tempDir('cd-lone-log-'), 'fs.log');
    const client = await startServer({ root: '/', noFolder: true }, { require: [FS_SPY], env: { FS_SPY_LOG: log, HOME: home } });
    try {
      const cases: Array<[string, boolean]> = [
        [path.join(open, 'a.md'), false],
        [path.join(own, 'sub', 'a.md'), true],
        [path.join(home, 'notes', 'a.md'), false],
        ...(IS_ROOT ? [[path.join(theirs, 'a.md'), false] as [string, boolean]] : []),
      ];
      for (const [file, configTaken] of cases) {
        await client.open(file, doc);
        const d = await client.waitForDiagnostics(file, (x) => codes(x).includes('missing-review-date'));
        assert.equal(codes(d).includes('missing-owner'), !configTaken, `${file}: the config of its folder ${configTaken ? 'is' : 'is not'} taken`);
      }
    } finally {
      await client.stop();
    }
    const calls = readJsonLines<FsCall>(log);
    for (const dir of [open, own, home, theirs]) {
      const inside = calls.filter((c) => c.path === dir || c.path.startsWith(dir + path.sep));
      assert.deepEqual(
        inside.filter((c) => /readdir|opendir/i.test(c.op)).map((c) => `${c.op} ${c.path}`),
        [],
        `nothing is listed in ${dir}`,
      );
      // Only a config that is taken is read; the opened file comes from the editor.
      const reads = inside.filter((c) => /^(?:promises\.)?(?:open|readFile|createReadStream)/.test(c.op)).map((c) => path.relative(dir, c.path));
      assert.deepEqual(reads, dir === own ? ['compliance-docs.yml'] : [], `what was read in ${dir}`);
    }
  });
});
