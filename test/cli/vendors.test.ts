// Vendors through the real command: their findings with exact ranges, dates from --today, and CC9.2
// held at stale while a critical vendor's report is out of date.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ensureBuilt, lines, parseCheckJson, removeTemps, repoOf, runCli, TODAY } from './cli';

const CONTROL = lines(
  '---',
  'id: VM-01',
  'type: control',
  'title: Annual vendor review',
  'owner: security-lead',
  'criteria: [CC9.2]',
  'frequency: annual',
  'last_reviewed: 2026-06-01',
  'evidence:',
  '  - path: ../evidence/vendor-review-2026.csv',
  '    date: 2026-06-01',
  '---',
);

const AWS = lines(
  '---',
  'id: VEN-AWS',
  'type: vendor',
  'title: Amazon Web Services',
  'owner: it-lead',
  'criticality: critical',
  'relies_on: [security, availability, privacy]',
  'last_reviewed: 2026-10-01',
  'assurance:',
  '  - type: soc2-type2',
  '    period: { start: 2024-11-01, end: 2025-10-31 }',
  '    opinion: qualified',
  '    categories: [security, availability]',
  '    report: evidence/vendors/aws-soc2-2025.pdf',
  'cuecs:',
  '  - text: We enforce MFA for console access',
  '    controls: [VM-01, AC-99]',
  '  - text: We review IAM roles quarterly',
  '---',
  '',
  '# AWS',
);

const SLACK = lines(
  '---',
  'id: VEN-SLACK',
  'type: vendor',
  'title: Slack',
  'owner: it-lead',
  'criticality: high',
  'last_reviewed: 2026-10-01',
  'assurance:',
  '  - type: soc2-type1',
  '    as_of: 2026-06-30',
  '---',
);

describe('vendors through the CLI', function () {
  this.timeout(60000);
  before(ensureBuilt);
  after(removeTemps);

  it('reports each vendor rule on its value, as of --today, and holds CC9.2 at stale until the critical vendor is fixed', async () => {
    const root = repoOf({
      'compliance-docs.yml': 'categories: [security]\n',
      'controls/vm-01.md': CONTROL,
      'evidence/vendor-review-2026.csv': 'vendor,decision\n',
      'evidence/vendors/aws-soc2-2025.pdf': '%PDF-1.4\n',
      'vendors/aws.md': AWS,
      'vendors/slack.md': SLACK,
    });
    const r = await runCli(['check', root, '--format', 'json', '--today', TODAY]);
    const vendorFindings = parseCheckJson(r)
      .findings.filter((f) => f.path.startsWith('vendors/'))
      .map((f) => `${f.path}:${f.line}:${f.column}-${f.endColumn} ${f.code} ${f.severity}`);
    assert.deepEqual(vendorFindings, [
      'vendors/aws.md:7:37-44 vendor-category-gap warning',
      'vendors/aws.md:11:39-49 vendor-report-stale error',
      'vendors/aws.md:12:14-23 vendor-opinion warning',
      'vendors/aws.md:17:23-28 unknown-reference error',
      'vendors/aws.md:18:11-40 vendor-cuec-unmapped warning',
      'vendors/slack.md:9:11-21 vendor-type1-only warning',
    ]);
    assert.equal(r.code, 1);
    const text = await runCli(['check', root, '--today', TODAY]);
    assert.match(text.stdout, /Read 3 documents \(1 control, 2 vendors\)/);

    const stale = JSON.parse((await runCli(['coverage', root, '--format', 'json', '--today', TODAY])).stdout) as { criteria: Array<{ id: string; state: string }> };
    assert.equal(stale.criteria.find((c) => c.id === 'CC9.2')?.state, 'stale');

    // On a date the report was still current, only the findings that do not depend on the date remain.
    const earlier = parseCheckJson(await runCli(['check', root, '--format', 'json', '--today', '2026-03-01'])).findings.map((f) => f.code);
    assert.ok(!earlier.includes('vendor-report-stale'));
    assert.ok(earlier.includes('vendor-opinion'));

    fs.writeFileSync(path.join(root, 'vendors/aws.md'), lines('---', 'id: VEN-AWS', 'type: vendor', 'title: Amazon Web Services', 'owner: it-lead', 'criticality: critical', 'last_reviewed: 2026-10-01', 'assurance:', '  - type: soc2-type2', '    period: { start: 2025-10-01, end: 2026-09-30 }', '    opinion: unqualified', '---'));
    // The high vendor's Type I caps CC9.2 too: it goes as well.
    fs.rmSync(path.join(root, 'vendors/slack.md'));
    const fixed = JSON.parse((await runCli(['coverage', root, '--format', 'json', '--today', TODAY])).stdout) as { criteria: Array<{ id: string; state: string }> };
    assert.equal(fixed.criteria.find((c) => c.id === 'CC9.2')?.state, 'covered');
  });
});
