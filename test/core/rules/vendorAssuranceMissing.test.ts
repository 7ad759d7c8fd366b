import assert from 'node:assert/strict';
import { expectFinding, expectNone, findingsOf } from '../../helpers';
import { build } from './fixture';
import { swap, VENDOR_PATH, vendorFiles, vendorWith } from './vendorFixture';

/** The base vendor without its assurance entry. */
function withoutAssurance(lines: string[], key = 'assurance: []'): string[] {
  const i = lines.indexOf('assurance:');
  lines.splice(i, 6, key);
  return lines;
}

describe('vendor-assurance-missing', () => {
  it('reports a critical vendor with no assurance, on the `assurance` key, as an error', () => {
    const { files, span } = vendorWith((l) => withoutAssurance(l, '«assurance»: []'));
    const f = expectFinding(build(files), VENDOR_PATH, 'vendor-assurance-missing', span, 'error');
    assert.match(f.message, /^This critical vendor lists no assurance/);
  });

  it('reports a high vendor with no `assurance` key at all, and offers to add an entry', () => {
    const { files } = vendorWith((l) => swap(withoutAssurance(l), 'assurance:'));
    const highFiles = { ...files, [VENDOR_PATH]: files[VENDOR_PATH].replace('criticality: critical', 'criticality: high') };
    const f = expectFinding(build(highFiles), VENDOR_PATH, 'vendor-assurance-missing', { start: 0, end: 3 }, 'error');
    assert.equal(f.fixes?.[0].title, 'Add an assurance entry');
  });

  it('names a report key of its own that it does not read as an entry', () => {
    const { files } = vendorWith((l) => swap(withoutAssurance(l), 'assurance:', 'soc2_report_date: 2025-03-01'));
    const f = findingsOf(build(files), VENDOR_PATH, 'vendor-assurance-missing')[0];
    assert.match(f?.message ?? '', /^This critical vendor lists no assurance entry \(`soc2_report_date` is not read as one\), so nothing shows that its controls work\. Record the report under `assurance:`/);
    // A key that names no report keeps the general message.
    const plain = vendorWith((l) => swap(withoutAssurance(l), 'assurance:', 'account_manager: Dana'));
    assert.match(findingsOf(build(plain.files), VENDOR_PATH, 'vendor-assurance-missing')[0]?.message ?? '', /^This critical vendor lists no assurance, so nothing shows/);
  });

  it('is silent for a vendor with assurance, for medium and low vendors, and for retired ones', () => {
    expectNone(build(vendorFiles()), VENDOR_PATH, 'vendor-assurance-missing');
    for (const c of ['medium', 'low']) {
      const { files } = vendorWith((l) => swap(withoutAssurance(l), 'criticality:', `criticality: ${c}`));
      expectNone(build(files), VENDOR_PATH, 'vendor-assurance-missing');
    }
    const { files } = vendorWith((l) => swap(withoutAssurance(l), 'criticality:', 'criticality: critical', 'status: retired'));
    expectNone(build(files), VENDOR_PATH, 'vendor-assurance-missing');
  });

  it('leaves an unreadable `assurance` value to field-invalid', () => {
    const { files } = vendorWith((l) => withoutAssurance(l, 'assurance: «SOC 2 on file»'));
    const ws = build(files);
    expectNone(ws, VENDOR_PATH, 'vendor-assurance-missing');
    assert.equal(findingsOf(ws, VENDOR_PATH, 'field-invalid').length, 1);
  });
});
