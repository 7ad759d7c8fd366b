import assert from 'node:assert/strict';
import { expectFinding, expectNone, TODAY, workspaceOf } from '../../helpers';
import { baseFiles, build, CONFIG } from './fixture';
import { vendorFiles } from './vendorFixture';

describe('vendor-inventory-missing', () => {
  it('reports a program with CC9.2 in scope and no vendor file, on the config', () => {
    const f = expectFinding(build(baseFiles()), 'compliance-docs.yml', 'vendor-inventory-missing', { start: 0, end: 10 }, 'warning');
    assert.match(f.message, /^CC9\.2 is in scope but the program has no vendor file/);
  });

  it('names a vendor register kept in one file, which it does not read as vendors', () => {
    const f = expectFinding(build({ ...baseFiles(), 'plans/Vendor-and-Subservice-Register.md': '# Vendor and subservice register\n\n| Vendor | Criticality |\n|---|---|\n| AWS | High |\n' }), 'compliance-docs.yml', 'vendor-inventory-missing', undefined);
    assert.match(f.message, /reviewed\. `plans\/Vendor-and-Subservice-Register\.md` looks like a vendor register kept in one file; its rows are not read as vendors\. Add one file per vendor/);
    // A policy about vendors is not a register.
    const g = expectFinding(build({ ...baseFiles(), 'policies/vendor-management-policy.md': '# Vendor management\n' }), 'compliance-docs.yml', 'vendor-inventory-missing', undefined);
    assert.doesNotMatch(g.message, /looks like a vendor register/);
  });

  it('offers to create a draft vendor file from the template, with the real date as its review', () => {
    const files = { ...baseFiles(), 'vendors/hosting-provider.md.bak': 'x' };
    const ws = workspaceOf(files, { today: TODAY, recordDate: '2026-12-01' });
    const f = expectFinding(ws, 'compliance-docs.yml', 'vendor-inventory-missing', undefined);
    const fix = f.fixes?.[0];
    assert.equal(fix?.title, 'Create a draft vendor file (vendors/hosting-provider.md)');
    const change = fix?.changes[0];
    assert.ok(change?.kind === 'create');
    assert.match(change.content, /^---\nid: VEN-HOSTING\ntype: vendor\n/);
    assert.match(change.content, /\nstatus: draft\n/);
    assert.match(change.content, /\nlast_reviewed: 2026-12-01 /);
    // Created, the vendor file is read as one and the finding goes.
    expectNone(workspaceOf({ ...files, [change.path]: change.content }, { today: TODAY }), 'compliance-docs.yml', 'vendor-inventory-missing');
    // A file already at that path gets a numbered name and id.
    const taken = workspaceOf({ ...baseFiles(), 'vendors/hosting-provider.md': 'not a vendor\n', 'compliance-docs.yml': `${CONFIG}documents:\n  include: ["policies/**/*.md", "controls/**/*.md"]\n` }, { today: TODAY });
    const next = expectFinding(taken, 'compliance-docs.yml', 'vendor-inventory-missing', undefined).fixes?.[0];
    assert.equal(next?.title, 'Create a draft vendor file (vendors/hosting-provider-2.md; add "vendors/**/*.md" to documents.include so that it is read)');
  });

  it('is silent with a vendor file, and when CC9.2 is scoped out', () => {
    expectNone(build(vendorFiles()), 'compliance-docs.yml', 'vendor-inventory-missing');
    const scoped = { ...baseFiles(), 'compliance-docs.yml': `${CONFIG}not_applicable:\n  CC9.2: We use no vendors or business partners.\n` };
    expectNone(build(scoped), 'compliance-docs.yml', 'vendor-inventory-missing');
  });
});
