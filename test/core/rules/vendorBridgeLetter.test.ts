import assert from 'node:assert/strict';
import { expectFinding, expectNone } from '../../helpers';
import { build } from './fixture';
import { swap, VENDOR_PATH, vendorFiles, vendorWith } from './vendorFixture';

describe('vendor-bridge-letter', () => {
  it('reports a Type II period that ended more than 6 months ago with no bridging letter, on its end date', () => {
    const { files, span } = vendorWith((l) => swap(l, 'period:', '    period: { start: 2025-05-01, end: «2026-04-30» }'));
    const f = expectFinding(build(files), VENDOR_PATH, 'vendor-bridge-letter', span, 'info');
    assert.match(f.message, /up to at least 2026-08-16/);
    assert.match(f.message, /management's word, not an auditor's opinion/);
  });

  it('reports a bridging letter that stops short of 3 months before today, on its `through` date', () => {
    const { files, span } = vendorWith((l) =>
      swap(l, 'period:', '    period: { start: 2025-05-01, end: 2026-04-30 }', '    bridge_letter: { date: 2026-08-20, through: «2026-08-15», report: evidence/vendors/aws-soc2-2026.pdf }'),
    );
    expectFinding(build(files), VENDOR_PATH, 'vendor-bridge-letter', span, 'info');
  });

  it('is silent with a letter through 3 months before today, within 6 months of the period end, and when the report is stale', () => {
    const { files: covered } = vendorWith((l) => swap(l, 'period:', '    period: { start: 2025-05-01, end: 2026-04-30 }', '    bridge_letter: { date: 2026-08-20, through: 2026-08-16 }'));
    expectNone(build(covered), VENDOR_PATH, 'vendor-bridge-letter');
    expectNone(build(vendorFiles()), VENDOR_PATH, 'vendor-bridge-letter');
    const { files: edge } = vendorWith((l) => swap(l, 'period:', '    period: { start: 2025-05-17, end: 2026-05-16 }'));
    expectNone(build(edge), VENDOR_PATH, 'vendor-bridge-letter');
    const { files: stale } = vendorWith((l) => swap(l, 'period:', '    period: { start: 2024-11-01, end: 2025-10-31 }'));
    expectNone(build(stale), VENDOR_PATH, 'vendor-bridge-letter');
  });
});
