// `check` reports template text left in approved documents, at the text, and stays silent on
// drafts, on code and on comply's `{{.Name}}`, which comply fills in when it renders.

import assert from 'node:assert/strict';
import * as path from 'node:path';
import { ensureBuilt, FIXTURES, keysOf, lines, parseCheckJson, removeTemps, runCli, tempDir, TODAY, writeFiles } from './cli';

describe('check: placeholder-text', function () {
  this.timeout(60000);
  before(ensureBuilt);
  after(removeTemps);

  it('reports each placeholder of an approved document at its text, and none in a draft or in code', async () => {
    const policy = (status: string): string =>
      lines(
        '---',
        'title: Access Control Policy',
        `status: ${status}`,
        'owner: TBD',
        'last_reviewed: 2026-06-01',
        'criteria: [CC6.1]',
        '---',
        '',
        '# Access control',
        '',
        'This policy applies to [Company Name] and is reviewed every year.',
        '',
        '```sh',
        'grep -rn TODO src/',
        '```',
      );
    const root = writeFiles(tempDir(), {
      'compliance-docs.yml': lines('rules:', '  uncovered-criterion: off'),
      'policies/access.md': policy('Published'),
      'policies/draft.md': policy('Draft'),
    });
    const r = await runCli(['check', root, '--format', 'json', '--today', TODAY, '--no-cache']);
    assert.equal(r.stderr, '');
    const found = parseCheckJson(r).findings.filter((f) => f.code === 'placeholder-text');
    assert.deepEqual(
      found.map((f) => [f.path, f.line, f.column, f.endLine, f.endColumn, f.severity]),
      [
        ['policies/access.md', 4, 8, 4, 11, 'warning'],
        ['policies/access.md', 11, 24, 11, 38, 'warning'],
      ],
    );
    assert.equal(found[1].message, "`[Company Name]` is template text left in an approved document: replace it with the real value, or set the document's status to draft.");
  });

  it("says nothing about comply's {{.Name}} in a comply repository", async () => {
    const r = parseCheckJson(await runCli(['check', path.join(FIXTURES, 'real', 'comply-stale'), '--format', 'json', '--today', TODAY, '--no-cache']));
    assert.deepEqual(keysOf(r.findings.filter((f) => f.code === 'placeholder-text')), []);
  });
});
