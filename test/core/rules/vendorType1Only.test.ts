import assert from 'node:assert/strict';
import { expectFinding, expectNone } from '../../helpers';
import { build } from './fixture';
import { swap, VENDOR_PATH, vendorFiles, vendorWith } from './vendorFixture';

const type1 = (l: string[]): string[] => swap(swap(l, 'type: soc2-type2', '  - type: «soc2-type1»'), 'period:', '    as_of: 2026-06-30');

describe('vendor-type1-only', () => {
  it('reports a critical or high vendor whose newest SOC 2 report is a Type I, on its type', () => {
    const { files, span } = vendorWith(type1);
    const f = expectFinding(build(files), VENDOR_PATH, 'vendor-type1-only', span, 'warning');
    assert.match(f.message, /^The newest SOC 2 report of this critical vendor is a Type I/);
    const { files: high, span: highSpan } = vendorWith((l) => type1(swap(l, 'criticality:', 'criticality: high')));
    expectFinding(build(high), VENDOR_PATH, 'vendor-type1-only', highSpan, 'warning');
  });

  it('is silent for a Type II, for a Type I older than a Type II, and for medium vendors', () => {
    expectNone(build(vendorFiles()), VENDOR_PATH, 'vendor-type1-only');
    const { files: older } = vendorWith((l) => swap(l, 'cuecs:', '  - type: soc2-type1', '    as_of: 2025-06-30', 'cuecs:'));
    expectNone(build(older), VENDOR_PATH, 'vendor-type1-only');
    const { files: medium } = vendorWith((l) => type1(swap(l, 'criticality:', 'criticality: medium')));
    expectNone(build(medium), VENDOR_PATH, 'vendor-type1-only');
  });
});
