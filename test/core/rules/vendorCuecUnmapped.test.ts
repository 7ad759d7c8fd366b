import assert from 'node:assert/strict';
import { expectFinding, expectNone } from '../../helpers';
import { build } from './fixture';
import { swap, VENDOR_PATH, vendorFiles, vendorWith } from './vendorFixture';

describe('vendor-cuec-unmapped', () => {
  it('reports a CUEC that names no control, on its text', () => {
    const { files, span } = vendorWith((l) => swap(l, 'controls: [AC-01]', '    controls: [AC-01]', '  - text: «We review the vendor’s access logs monthly»'));
    const f = expectFinding(build(files), VENDOR_PATH, 'vendor-cuec-unmapped', span, 'warning');
    assert.match(f.message, /^No control of ours implements this CUEC/);
    const { files: empty, span: emptySpan } = vendorWith((l) => swap(l, 'text: We enforce', '  - text: «We enforce MFA for console access»'));
    const emptyFiles = { ...empty, [VENDOR_PATH]: empty[VENDOR_PATH].replace('controls: [AC-01]', 'controls: []') };
    expectFinding(build(emptyFiles), VENDOR_PATH, 'vendor-cuec-unmapped', emptySpan, 'warning');
  });

  it('is silent for mapped CUECs, and leaves an unknown control id to unknown-reference', () => {
    expectNone(build(vendorFiles()), VENDOR_PATH, 'vendor-cuec-unmapped');
    const { files, span } = vendorWith((l) => swap(l, 'controls: [AC-01]', '    controls: [«AC-99»]'));
    const ws = build(files);
    expectNone(ws, VENDOR_PATH, 'vendor-cuec-unmapped');
    expectFinding(ws, VENDOR_PATH, 'unknown-reference', span, 'error');
  });
});
