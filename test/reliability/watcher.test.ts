// A folder that appears at once (a move, a checkout) is announced by one watcher event. The symlinks
// in it resolve against the root, as in a check of the whole repository, not against that folder.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FileChangeType, type Diagnostic } from 'vscode-languageserver-protocol/node';
import { CAN_SYMLINK, ensureBuilt, lines, parseCheckJson, removeTemps, repoOf, runCli, TODAY } from '../cli/cli';
import { indexed, startServer } from './lsp';

const codes = (d: readonly Diagnostic[]): string[] => d.map((x) => String(x.code)).sort();

describe('a folder announced by one watcher event', function () {
  this.timeout(60000);
  before(function () {
    if (!CAN_SYMLINK) this.skip();
    ensureBuilt();
  });
  after(removeTemps);

  it('resolves the symlinks in it against the root, and the editor agrees with check', async () => {
    const control = lines('---', 'id: AC-01', 'type: control', 'title: Access review', 'owner: it-lead', 'criteria: [CC6.1]', 'last_reviewed: 2026-10-01', 'evidence:', '  - ../moved/link.csv', '  - ../moved/deeper/up.csv', '---', '', '# Access review');
    const root = repoOf({ 'compliance-docs.yml': lines('categories: [security]'), 'controls/ac-01.md': control, 'evidence/2026-10-01-review.csv': 'x' });
    const client = await startServer({ root });
    try {
      await indexed(client);
      await client.waitForDiagnostics('controls/ac-01.md', (d) => d.filter((x) => x.code === 'broken-evidence-link').length === 2);
      // The folder arrives whole, its links pointing up and across the root.
      fs.mkdirSync(path.join(root, 'moved', 'deeper'), { recursive: true });
      fs.symlinkSync('../evidence/2026-10-01-review.csv', path.join(root, 'moved', 'link.csv'));
      fs.symlinkSync('../../evidence/2026-10-01-review.csv', path.join(root, 'moved', 'deeper', 'up.csv'));
      await client.filesChanged([{ rel: 'moved', type: FileChangeType.Created }]);
      const check = parseCheckJson(await runCli(['check', root, '--format', 'json', '--today', TODAY, '--no-cache']));
      const expected = check.findings.filter((f) => f.path === 'controls/ac-01.md').map((f) => f.code).sort();
      assert.ok(!expected.includes('broken-evidence-link') && !expected.includes('evidence-outside-workspace'), expected.join());
      const shown = await client.waitForDiagnostics('controls/ac-01.md', (d) => !d.some((x) => x.code === 'broken-evidence-link'));
      assert.deepEqual(codes(shown), expected);
    } finally {
      await client.stop();
    }
  });
});
