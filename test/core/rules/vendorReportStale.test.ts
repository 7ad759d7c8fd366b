import assert from 'node:assert/strict';
import { expectFinding, expectNone } from '../../helpers';
import { build } from './fixture';
import { swap, VENDOR_PATH, vendorFiles, vendorWith } from './vendorFixture';

describe('vendor-report-stale', () => {
  it('reports a report whose period ended more than 12 months before today, on its end date; an error for a critical vendor', () => {
    const { files, span } = vendorWith((l) => swap(l, 'period:', '    period: { start: 2024-11-01, end: «2025-10-31» }'));
    const f = expectFinding(build(files), VENDOR_PATH, 'vendor-report-stale', span, 'error');
    assert.match(f.message, /period ended 2025-10-31, so it was current only until 2026-10-31/);
    assert.match(f.message, /bridging letter does not extend it/);
  });

  it('is a warning for a high vendor, and a bridging letter does not change it', () => {
    const { files, span } = vendorWith((l) =>
      swap(swap(l, 'criticality:', 'criticality: high'), 'period:', '    period: { start: 2024-11-01, end: «2025-10-31» }', '    bridge_letter: { date: 2026-10-01, through: 2026-09-30 }'),
    );
    expectFinding(build(files), VENDOR_PATH, 'vendor-report-stale', span, 'warning');
  });

  it('judges a Type I by its as_of date', () => {
    const { files, span } = vendorWith((l) => swap(swap(swap(l, 'criticality:', 'criticality: low'), 'type: soc2-type2', '  - type: soc2-type1'), 'period:', '    as_of: «2025-06-30»'));
    expectFinding(build(files), VENDOR_PATH, 'vendor-report-stale', span, 'warning');
  });

  it('takes a severity the config sets over the critical vendor’s error', () => {
    const { files } = vendorWith((l) => swap(l, 'period:', '    period: { start: 2024-11-01, end: 2025-10-31 }'));
    const ws = build({ ...files, 'compliance-docs.yml': `${files['compliance-docs.yml']}rules:\n  vendor-report-stale: info\n` });
    expectFinding(ws, VENDOR_PATH, 'vendor-report-stale', undefined, 'info');
  });

  it('is silent for a report current to the day, for one dated after today, and when a newer report is recorded', () => {
    expectNone(build(vendorFiles()), VENDOR_PATH, 'vendor-report-stale');
    const { files: edge } = vendorWith((l) => swap(l, 'period:', '    period: { start: 2024-11-17, end: 2025-11-16 }'));
    expectNone(build(edge), VENDOR_PATH, 'vendor-report-stale');
    const { files: newer } = vendorWith((l) => swap(l, 'cuecs:', '  - type: soc2-type2', '    period: { start: 2023-10-01, end: 2024-09-30 }', 'cuecs:'));
    expectNone(build(newer), VENDOR_PATH, 'vendor-report-stale');
  });
});
