import assert from 'node:assert/strict';
import { parseComplianceDocument, typeFromPath } from '../../../server/src/core/parse/document';
import { expectFinding, expectNone, findingsOf, joinLines, marked } from '../../helpers';
import { build } from '../rules/fixture';
import { swap, VENDOR_LINES, VENDOR_PATH, vendorFiles, vendorWith } from '../rules/vendorFixture';

const control92 = joinLines(
  '---',
  'id: VM-01',
  'type: control',
  'title: Vendor review',
  'owner: it-lead',
  'criteria: [CC9.2]',
  'frequency: annual',
  'last_reviewed: 2026-06-01',
  'evidence:',
  '  - path: ../evidence/vendor-review-2026.csv',
  '    date: 2026-06-01',
  '---',
  '',
);

describe('vendor documents', () => {
  it('are typed by `type: vendor` and by a vendors folder, where a file named for its type keeps that type', () => {
    assert.equal(typeFromPath('vendors/aws.md'), 'vendor');
    assert.equal(typeFromPath('docs/third-party-vendors/aws.md'), 'vendor');
    assert.equal(typeFromPath('vendors/vendor-management-policy.md'), 'policy');
    assert.equal(parseComplianceDocument('docs/aws.md', '---\ntype: vendor\n---\n').type?.value, 'vendor');
    assert.equal(parseComplianceDocument('docs/aws.md', '---\ntype: vendor\n---\n').vendor?.assurance.length, 0);
  });

  it('keep their fields with exact ranges; other documents keep none', () => {
    const doc = parseComplianceDocument(VENDOR_PATH, joinLines(...VENDOR_LINES));
    const text = joinLines(...VENDOR_LINES);
    const v = doc.vendor;
    assert.ok(v);
    assert.equal(v.criticality?.value, 'critical');
    assert.equal(text.slice(v.criticality.span.start, v.criticality.span.end), 'critical');
    assert.deepEqual(v.reliesOn?.map((c) => c.value), ['security', 'availability']);
    const entry = v.assurance[0];
    assert.equal(entry.type?.value, 'soc2-type2');
    assert.equal(entry.periodEnd?.value, '2026-09-30');
    assert.equal(text.slice(entry.periodEnd.span.start, entry.periodEnd.span.end), '2026-09-30');
    assert.deepEqual(v.cuecs[0].controls.map((c) => c.value), ['AC-01']);
    // The CUEC's control is a reference like `controls:`, the report is evidence read from the root.
    assert.deepEqual(doc.controls.map((c) => c.value), ['AC-01']);
    assert.deepEqual(doc.evidence.map((e) => [e.target, e.fromRoot]), [['evidence/vendors/aws-soc2-2026.pdf', true]]);
    assert.equal(parseComplianceDocument('policies/p.md', '---\ncriticality: critical\nassurance: []\n---\n').vendor, undefined);
  });

  it('the base vendor is clean', () => {
    assert.deepEqual(findingsOf(build(vendorFiles()), VENDOR_PATH).map((f) => f.code), []);
  });

  it('report wrong types and values as field-invalid, on the value', () => {
    const cases: Array<[string, string, RegExp]> = [
      ['criticality:', 'criticality: «urgent»', /`criticality` is `urgent`, which is not one of critical, high, medium, low/],
      ['criticality:', 'criticality: «[high]»', /`criticality` must be one of critical, high, medium, low, but it is a list/],
      ['relies_on:', 'relies_on: [security, «uptime»]', /`uptime` under `relies_on` is not a SOC 2 category/],
      ['type: soc2-type2', '  - type: «soc3»', /`type` is `soc3`, which is not one of soc2-type2/],
      ['opinion:', '    opinion: «clean»', /`opinion` is `clean`, which is not one of unqualified, qualified, adverse, disclaimer/],
      ['period:', '    period: { start: 2025-10-01, end: «2026-09-31» }', /`end` is `2026-09-31`, which is not a date/],
      ['period:', '    period: { start: 2025-10-01, end: «2025-09-30» }', /The period ends \(2025-09-30\) before it starts \(2025-10-01\)/],
      ['period:', '    period: «2025»', /`period` must be `\{ start: YYYY-MM-DD, end: YYYY-MM-DD \}`, but it is a single value/],
      ['report:', '    report: evidence/vendors/aws-soc2-2026.pdf\n    bridge_letter: «{ date: 2026-10-01 }»', /does not say what date it speaks for/],
    ];
    for (const [line, replacement, message] of cases) {
      const { files, span } = vendorWith((l) => swap(l, line, ...replacement.split('\n')));
      const f = expectFinding(build(files), VENDOR_PATH, 'field-invalid', span, 'error');
      assert.match(f.message, message, replacement);
    }
  });

  it('asks a Type II for its period, on the type', () => {
    const { files, span } = vendorWith((l) => swap(swap(l, 'period:'), 'type: soc2-type2', '  - type: «soc2-type2»'));
    const f = expectFinding(build(files), VENDOR_PATH, 'field-invalid', span);
    assert.match(f.message, /add `period: \{ start: YYYY-MM-DD, end: YYYY-MM-DD \}`/);
  });

  it('never take prototype names for known values', () => {
    for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'Constructor']) {
      const { files, spans } = vendorWith((l) => swap(swap(swap(l, 'criticality:', `criticality: «${name}»`), 'relies_on:', `relies_on: [«${name}»]`), 'opinion:', `    opinion: «${name}»`));
      const ws = build(files);
      const found = findingsOf(ws, VENDOR_PATH, 'field-invalid').map((f) => f.span);
      assert.deepEqual(found, spans, name);
      const doc = ws.document(VENDOR_PATH);
      assert.equal(doc?.vendor?.criticality, undefined);
      assert.equal(doc?.vendor?.assurance[0].opinion, undefined);
    }
  });

  it('have a review cycle by criticality unless they state one', () => {
    const cycles: Array<[string, string, boolean]> = [
      ['critical', '2026-05-15', true], // semiannual: due 2026-11-15
      ['critical', '2026-05-16', false],
      ['high', '2025-11-15', true], // annual
      ['high', '2025-11-16', false],
      ['medium', '2024-11-15', true], // two years
      ['low', '2024-11-16', false],
    ];
    for (const [criticality, reviewed, stale] of cycles) {
      const { files, span } = vendorWith((l) => swap(swap(l, 'criticality:', `criticality: ${criticality}`), 'last_reviewed:', `last_reviewed: «${reviewed}»`));
      if (stale) expectFinding(build(files), VENDOR_PATH, 'stale-review', span, 'warning');
      else expectNone(build(files), VENDOR_PATH, 'stale-review');
    }
    const { files } = vendorWith((l) => swap(l, 'last_reviewed:', 'last_reviewed: 2026-05-01', 'review_cycle: annual'));
    expectNone(build(files), VENDOR_PATH, 'stale-review');
  });

  it('are not unmapped documents', () => {
    expectNone(build(vendorFiles()), VENDOR_PATH, 'unmapped-document');
  });
});

describe('CC9.2 coverage with vendors', () => {
  const files = (vendor: string): Record<string, string> => ({ ...vendorFiles(), 'controls/vm-01.md': control92, 'evidence/vendor-review-2026.csv': 'vendor,decision\n', [VENDOR_PATH]: vendor });
  const stale = marked(joinLines(...swap([...VENDOR_LINES], 'period:', '    period: { start: 2024-11-01, end: 2025-10-31 }'))).text;

  it('is covered while every critical and high vendor is clean', () => {
    const ws = build(files(joinLines(...VENDOR_LINES)));
    assert.equal(ws.criterionState('CC9.2'), 'covered');
    assert.equal(ws.coverage().criteria.find((c) => c.id === 'CC9.2')?.cappedBy, undefined);
  });

  it('is at best stale while a critical or high vendor has a warning or an error, and names it', () => {
    const ws = build(files(stale));
    assert.equal(ws.criterionState('CC9.2'), 'stale');
    const entry = ws.coverage().criteria.find((c) => c.id === 'CC9.2');
    assert.equal(entry?.state, 'stale');
    assert.deepEqual(entry?.cappedBy, [VENDOR_PATH]);
    assert.equal(ws.coverage().summary.stale >= 1, true);
  });

  it('is not capped by a medium vendor, nor by a vendor finding the config turns into info', () => {
    assert.equal(build(files(stale.replace('criticality: critical', 'criticality: medium'))).criterionState('CC9.2'), 'covered');
    const quiet = { ...files(stale), 'compliance-docs.yml': `${vendorFiles()['compliance-docs.yml']}rules:\n  vendor-report-stale: info\n` };
    assert.equal(build(quiet).criterionState('CC9.2'), 'covered');
  });

  it('is not capped by a draft or retired vendor, whose findings say nothing about vendors relied on', () => {
    // A malformed date is field-invalid whatever the status; the vendor still holds nothing while it is not approved.
    const broken = stale.replace('last_reviewed: 2026-10-01', 'last_reviewed: 2026-13-01');
    for (const status of ['draft', 'retired']) {
      const ws = build(files(broken.replace('criticality: critical', `criticality: critical\nstatus: ${status}`)));
      assert.ok(findingsOf(ws, VENDOR_PATH).some((f) => f.severity === 'error'), status);
      assert.equal(ws.criterionState('CC9.2'), 'covered', status);
    }
    assert.equal(build(files(broken)).criterionState('CC9.2'), 'stale');
  });

  it('follows the vendor as it is fixed', () => {
    const ws = build(files(stale));
    assert.equal(ws.criterionState('CC9.2'), 'stale');
    ws.upsertDocument(parseComplianceDocument(VENDOR_PATH, joinLines(...VENDOR_LINES)));
    assert.equal(ws.coverage().criteria.find((c) => c.id === 'CC9.2')?.state, 'covered');
    assert.equal(ws.criterionState('CC9.2'), 'covered');
  });
});
