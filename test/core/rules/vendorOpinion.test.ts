import assert from 'node:assert/strict';
import { expectFinding, expectNone } from '../../helpers';
import { build } from './fixture';
import { swap, VENDOR_PATH, vendorFiles, vendorWith } from './vendorFixture';

describe('vendor-opinion', () => {
  it('reports a qualified, adverse or disclaimed opinion on the newest SOC 2 report, on the opinion', () => {
    for (const opinion of ['qualified', 'adverse', 'disclaimer']) {
      const { files, span } = vendorWith((l) => swap(l, 'opinion:', `    opinion: «${opinion}»`));
      const f = expectFinding(build(files), VENDOR_PATH, 'vendor-opinion', span, 'warning');
      assert.match(f.message, /`## Response`/);
    }
  });

  it('is silent for an unqualified opinion, when the document has a `## Response` section, and for an older report', () => {
    expectNone(build(vendorFiles()), VENDOR_PATH, 'vendor-opinion');
    const { files } = vendorWith((l) => [...swap(l, 'opinion:', '    opinion: qualified'), '## Response', '', 'The exception concerned one region we do not use.', '']);
    expectNone(build(files), VENDOR_PATH, 'vendor-opinion');
    const { files: older } = vendorWith((l) => swap(l, 'cuecs:', '  - type: soc2-type2', '    period: { start: 2023-10-01, end: 2024-09-30 }', '    opinion: qualified', 'cuecs:'));
    expectNone(build(older), VENDOR_PATH, 'vendor-opinion');
  });
});
