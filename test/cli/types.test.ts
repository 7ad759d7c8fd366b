// `types:` in the config changes the types `check` reports, in its JSON `documents` summary, and
// through the parse cache: a run after the config changed never reuses documents typed before.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ensureBuilt, lines, parseCheckJson, removeTemps, runCli, tempDir, TODAY, writeFiles } from './cli';

const FILES = {
  'handbook/ops/deploy.md': lines('---', 'title: Deploys', '---', '', '# Deploys'),
  'policies/risk-register.md': lines('---', 'title: Risk register', 'doc_type: Register', 'owner: cto', 'last_reviewed: 2026-06-01', '---', '', '# Risks'),
  'policies/access.md': lines('---', 'title: Access', 'doc_type: Policy', 'owner: cto', 'last_reviewed: 2026-06-01', '---', '', '# Access'),
};

describe('check: types in the config', function () {
  this.timeout(60000);
  before(ensureBuilt);
  after(removeTemps);

  it('a glob and a value mapping change the types in the documents summary, also through the cache', async () => {
    const root = writeFiles(tempDir(), { ...FILES, 'compliance-docs.yml': lines('rules:', '  uncovered-criterion: off') });
    const cacheDir = tempDir('cd-cache-');
    const run = async (): Promise<Record<string, string>> => {
      const r = await runCli(['check', root, '--format', 'json', '--today', TODAY, '--cache-dir', cacheDir]);
      assert.equal(r.stderr, '');
      return Object.fromEntries(parseCheckJson(r).documents.map((d) => [d.path, d.type]));
    };
    // With no types: the folder and doc_type decide, and handbook/ is no folder of documents.
    assert.deepEqual(await run(), { 'policies/access.md': 'policy', 'policies/risk-register.md': 'procedure' });

    fs.writeFileSync(path.join(root, 'compliance-docs.yml'), lines('types:', '  "handbook/ops/**": procedure', '  Register: policy', 'rules:', '  uncovered-criterion: off'));
    assert.deepEqual(await run(), { 'handbook/ops/deploy.md': 'procedure', 'policies/access.md': 'policy', 'policies/risk-register.md': 'policy' });
  });

  it('a wrong types entry is config-invalid at its text, and check exits 2', async () => {
    const config = lines('types:', '  Register: policies', '  __proto__: control', 'rules:', '  uncovered-criterion: off');
    const root = writeFiles(tempDir(), { ...FILES, 'compliance-docs.yml': config });
    const r = await runCli(['check', root, '--format', 'json', '--today', TODAY, '--no-cache']);
    assert.equal(r.code, 2);
    const found = parseCheckJson(r).findings.filter((f) => f.code === 'config-invalid');
    assert.deepEqual(
      found.map((f) => [f.path, f.line, f.column, f.endColumn]),
      [
        ['compliance-docs.yml', 2, 13, 21],
        ['compliance-docs.yml', 3, 3, 12],
      ],
    );
    assert.match(found[0].message, /^`policies` is not a document type\. Use one of: policy, procedure, control, narrative, vendor, risk, risk-assessment\. Did you mean `policy`\?/);
    assert.match(found[1].message, /^`__proto__` cannot be a key of `types`/);
    // The rest of the config is used: the register keeps its inferred type.
    assert.equal(parseCheckJson(r).documents.find((d) => d.path === 'policies/risk-register.md')?.type, 'procedure');
  });
});
