import assert from 'node:assert/strict';
import { expectFinding, expectNone } from '../../helpers';
import { build } from './fixture';
import { swap, VENDOR_PATH, vendorFiles, vendorWith } from './vendorFixture';

describe('vendor-category-gap', () => {
  it('reports a relied-on category the newest SOC 2 report did not examine, on that category', () => {
    const { files, span } = vendorWith((l) => swap(l, 'relies_on:', 'relies_on: [security, availability, «confidentiality»]'));
    const f = expectFinding(build(files), VENDOR_PATH, 'vendor-category-gap', span, 'warning');
    assert.match(f.message, /^We rely on this vendor for confidentiality, but its newest SOC 2 report examined only security, availability/);
  });

  it('is silent when the report examined every relied-on category, for security, and when the report lists no categories', () => {
    expectNone(build(vendorFiles()), VENDOR_PATH, 'vendor-category-gap');
    const { files: security } = vendorWith((l) => swap(l, 'categories:', '    categories: [availability]'));
    expectNone(build(security), VENDOR_PATH, 'vendor-category-gap');
    const { files: unstated } = vendorWith((l) => swap(swap(l, 'categories:'), 'relies_on:', 'relies_on: [privacy]'));
    expectNone(build(unstated), VENDOR_PATH, 'vendor-category-gap');
  });
});
