import assert from 'node:assert/strict';
import { expectFinding, expectNone } from '../../helpers';
import { baseFiles, build, CONFIG } from './fixture';
import { vendorFiles } from './vendorFixture';

describe('vendor-inventory-missing', () => {
  it('reports a program with CC9.2 in scope and no vendor file, on the config', () => {
    const f = expectFinding(build(baseFiles()), 'compliance-docs.yml', 'vendor-inventory-missing', { start: 0, end: 10 }, 'warning');
    assert.match(f.message, /^CC9\.2 is in scope but the program has no vendor file/);
  });

  it('is silent with a vendor file, and when CC9.2 is scoped out', () => {
    expectNone(build(vendorFiles()), 'compliance-docs.yml', 'vendor-inventory-missing');
    const scoped = { ...baseFiles(), 'compliance-docs.yml': `${CONFIG}not_applicable:\n  CC9.2: We use no vendors or business partners.\n` };
    expectNone(build(scoped), 'compliance-docs.yml', 'vendor-inventory-missing');
  });
});
