// The fixes vendor findings carry: applied to the file, they give the entry a user fills in.

import assert from 'node:assert/strict';
import { parseComplianceDocument } from '../../../server/src/core/parse/document';
import { applyEdits, expectFinding, joinLines } from '../../helpers';
import { build } from './fixture';
import { swap, VENDOR_PATH, vendorWith } from './vendorFixture';

function applied(text: string, fix: { changes: readonly { kind: string; path: string; edits?: readonly { span: { start: number; end: number }; newText: string }[] }[] } | undefined): string {
  assert.ok(fix);
  const change = fix.changes[0];
  assert.equal(change.path, VENDOR_PATH);
  return applyEdits(text, change.edits ?? []);
}

describe('vendor fixes', () => {
  it('vendor-bridge-letter adds a bridging letter entry to the report, at its keys’ indentation', () => {
    const { files, text } = vendorWith((l) => swap(l, 'period:', '    period: { start: 2025-05-01, end: 2026-04-30 }'));
    const f = expectFinding(build(files), VENDOR_PATH, 'vendor-bridge-letter', undefined);
    assert.equal(f.fixes?.[0].title, 'Add a bridging letter entry to this report');
    const out = applied(text, f.fixes?.[0]);
    assert.ok(
      out.includes(joinLines('    report: evidence/vendors/aws-soc2-2026.pdf', '    bridge_letter: { date: YYYY-MM-DD, through: YYYY-MM-DD, report: evidence/vendors/BRIDGE-LETTER.pdf }', 'cuecs:')),
      out,
    );
    const doc = parseComplianceDocument(VENDOR_PATH, out.replace('date: YYYY-MM-DD, through: YYYY-MM-DD', 'date: 2026-10-01, through: 2026-09-30'));
    assert.equal(doc.vendor?.assurance[0].bridgeLetter?.through?.value, '2026-09-30');
  });

  it('vendor-report-stale and vendor-type1-only add an assurance entry above the first one', () => {
    const { files, text } = vendorWith((l) => swap(l, 'period:', '    period: { start: 2024-11-01, end: 2025-10-31 }'));
    const f = expectFinding(build(files), VENDOR_PATH, 'vendor-report-stale', undefined);
    const out = applied(text, f.fixes?.[0]);
    assert.ok(out.includes(joinLines('assurance:', '  - type: soc2-type2', '    period: { start: YYYY-MM-DD, end: YYYY-MM-DD }', '    opinion: unqualified', '    categories: [security]', '    report: evidence/vendors/REPORT.pdf', '  - type: soc2-type2', '    period: { start: 2024-11-01')), out);
    assert.equal(parseComplianceDocument(VENDOR_PATH, out).vendor?.assurance.length, 2);

    const t1 = vendorWith((l) => swap(swap(l, 'type: soc2-type2', '  - type: soc2-type1'), 'period:', '    as_of: 2026-06-30'));
    const g = expectFinding(build(t1.files), VENDOR_PATH, 'vendor-type1-only', undefined);
    assert.equal(parseComplianceDocument(VENDOR_PATH, applied(t1.text, g.fixes?.[0])).vendor?.assurance.length, 2);
  });

  it('vendor-assurance-missing fills `assurance: []` with an entry, and adds the key where there is none', () => {
    for (const written of ['assurance: []', 'assurance:']) {
      const { files, text } = vendorWith((l) => {
        const i = l.indexOf('assurance:');
        l.splice(i, 6, written);
        return l;
      });
      const f = expectFinding(build(files), VENDOR_PATH, 'vendor-assurance-missing', undefined, 'error');
      const out = applied(text, f.fixes?.[0]);
      assert.ok(out.includes(joinLines('assurance:', '  - type: soc2-type2', '    period: { start: YYYY-MM-DD, end: YYYY-MM-DD }')), out);
      assert.equal(parseComplianceDocument(VENDOR_PATH, out).vendor?.assurance.length, 1, `${written}\n${out}`);
    }
  });

  it('offers no entry fix for a report written as a flow mapping, where a line of its own would not fit', () => {
    const { files } = vendorWith((l) => {
      const i = l.indexOf('assurance:');
      l.splice(i, 6, 'assurance:', '  - { type: soc2-type2, period: { start: 2024-11-01, end: 2025-10-31 } }');
      return l;
    });
    const f = expectFinding(build(files), VENDOR_PATH, 'vendor-report-stale', undefined);
    assert.equal(f.fixes, undefined);
  });
});
