// The README's promises: its links lead somewhere, and the usage it shows is the command's own.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ensureBuilt, PROJECT, runCli } from './cli';

const README = fs.readFileSync(path.join(PROJECT, 'README.md'), 'utf8');

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
const anchorOf = (heading: string): string => heading.trim().toLowerCase().replace(/[^\w\- ]/g, '').replace(/ /g, '-');

describe('README.md', function () {
  this.timeout(30000);
  before(ensureBuilt);

  it('links only to files and headings that exist', () => {
    const links = [...README.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]).filter((l) => !/^[a-z]+:/.test(l));
    assert.ok(links.includes('docs/configuration.md#coverage-states'));
    assert.ok(links.includes('docs/configuration.md'));
    assert.ok(links.includes('#as-an-npm-package'));
    for (const link of links) {
      const [file, anchor] = link.split('#');
      // `#heading` is a heading of the README itself.
      const abs = path.join(PROJECT, file === '' ? 'README.md' : file);
      assert.ok(fs.existsSync(abs), `${link}: no such file`);
      if (anchor) {
        const headings = [...fs.readFileSync(abs, 'utf8').matchAll(/^#+ (.+)$/gm)].map((m) => anchorOf(m[1]));
        assert.ok(headings.includes(anchor), `${link}: no heading #${anchor} (${headings.join(', ')})`);
      }
    }
  });

  it('shows the usage --help prints, run through npx', async () => {
    const help = (await runCli(['--help'])).stdout;
    const usage = [...README.matchAll(/^npx (compliance-docs (?:check|coverage|diff|init) .*)$/gm)].map((m) => m[1]);
    assert.equal(usage.length, 4);
    for (const line of usage) {
      // The README's line may leave options out, but each one it shows is in the help, on that command's line.
      const helpLine = help.split('\n').find((l) => l.trim().startsWith(line.split(' ').slice(0, 2).join(' ')));
      assert.ok(helpLine, line);
      for (const option of line.match(/--[a-z-]+/g) ?? []) assert.ok(helpLine.includes(option), `${option} of ${line}`);
    }
  });

  it('says how long npm test takes', () => {
    assert.match(README, /`npm test` builds, typechecks and runs about \d+ tests .*\. It takes about \d+ minutes of CPU time/s);
  });
});
