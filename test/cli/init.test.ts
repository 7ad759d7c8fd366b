import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ensureBuilt, parseCheckJson, removeTemps, runCli, tempDir, TODAY, writeFiles } from './cli';

const WRITTEN = ['compliance-docs.yml', 'policies/access-control.md', 'controls/ac-01-access-review.md', 'vendors/hosting-provider.md', 'risks/payroll-fraud.md', 'risks/assessments/annual-risk-assessment.md'];

function listFiles(root: string): string[] {
  return (fs.readdirSync(root, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((d) => d.isFile())
    .map((d) => path.relative(root, path.join(d.parentPath, d.name)).split(path.sep).join('/'))
    .sort();
}

describe('compliance-docs init', function () {
  this.timeout(60000);
  before(ensureBuilt);
  after(removeTemps);

  it('writes a commented config, one policy, one control and one vendor, that check reads without config or frontmatter errors', async () => {
    const root = path.join(tempDir(), 'program');
    const r = await runCli(['init', root, '--today', TODAY]);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(listFiles(root), [...WRITTEN].sort());
    for (const rel of WRITTEN) assert.match(r.stdout, new RegExp(`^created .*${rel.replace(/[.]/g, '\\.')}$`, 'm'));

    const config = fs.readFileSync(path.join(root, 'compliance-docs.yml'), 'utf8');
    assert.match(config, /^# /);
    assert.match(config, /^categories: \[security\]/m);
    assert.match(config, /^# not_applicable:/m);
    const control = fs.readFileSync(path.join(root, 'controls/ac-01-access-review.md'), 'utf8');
    assert.match(control, /^---\nid: AC-01\ntype: control\n/);
    assert.match(control, /^policies: \[POL-ACCESS\]$/m);
    assert.match(control, new RegExp(`^last_reviewed: ${TODAY}$`, 'm'));
    const vendor = fs.readFileSync(path.join(root, 'vendors/hosting-provider.md'), 'utf8');
    assert.match(vendor, /^---\nid: VEN-HOSTING\ntype: vendor\n/);
    assert.match(vendor, /^status: draft$/m);
    assert.match(vendor, /^#   - type: soc2-type2/m);
    assert.match(fs.readFileSync(path.join(root, 'risks/payroll-fraud.md'), 'utf8'), /^---\nid: RISK-001\ntype: risk\n[\s\S]*^inherent: \{ likelihood: 4, impact: 4 \}/m);
    assert.match(fs.readFileSync(path.join(root, 'risks/assessments/annual-risk-assessment.md'), 'utf8'), /^risks: \[RISK-001\]/m);

    const check = await runCli(['check', root, '--format', 'json', '--today', TODAY]);
    const codes = new Set(parseCheckJson(check).findings.map((f) => f.code));
    for (const bad of ['config-invalid', 'frontmatter-syntax', 'frontmatter-missing', 'field-invalid', 'unknown-criterion', 'unknown-reference']) {
      assert.ok(!codes.has(bad), `init's files have ${bad}`);
    }
    assert.equal(check.code, 0, check.stdout);
  });

  it('refuses to overwrite: exit 2, nothing written, and the message names the files', async () => {
    const root = writeFiles(tempDir(), { 'compliance-docs.yml': 'categories: [security]\n', 'controls/ac-01-access-review.md': 'mine\n' });
    const r = await runCli(['init', root]);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, `compliance-docs: ${root} already has compliance-docs.yml, controls/ac-01-access-review.md; init overwrites nothing, so nothing was written. Remove them or run init in an empty folder.\n`);
    assert.deepEqual(listFiles(root), ['compliance-docs.yml', 'controls/ac-01-access-review.md']);
    assert.equal(fs.readFileSync(path.join(root, 'controls/ac-01-access-review.md'), 'utf8'), 'mine\n');
  });

  it('counts a config under another name as existing', async () => {
    const root = writeFiles(tempDir(), { '.compliance-docs.yml': 'categories: [security]\n' });
    const r = await runCli(['init', root]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /already has \.compliance-docs\.yml;/);
    assert.deepEqual(listFiles(root), ['.compliance-docs.yml']);
  });
});
