import assert from 'node:assert/strict';
import { ensureBuilt, lines, parseCheckJson, removeTemps, repoOf, Runs, TODAY } from './cli';

/** A Type II program whose quarterly control has records for Q1 to Q3 only. */
function program(audit: string[]): Record<string, string> {
  return {
    'compliance-docs.yml': lines('categories: [security]', 'audit:', ...audit),
    'controls/ac-01.md': lines(
      '---',
      'id: AC-01',
      'title: Quarterly access review',
      'owner: it-lead',
      'criteria: [CC6.2]',
      'frequency: quarterly',
      'last_reviewed: 2026-06-01',
      'evidence:',
      '  - ../evidence/2026-Q1/review.csv',
      '  - ../evidence/2026-Q2/review.csv',
      '  - path: ../evidence/2026-Q3/review.csv',
      '    date: 2026-09-18',
      '---',
      '',
    ),
    'evidence/2026-Q1/review.csv': 'x\n',
    'evidence/2026-Q2/review.csv': 'x\n',
    'evidence/2026-Q3/review.csv': 'x\n',
  };
}

const WITH_FIELDWORK = ['  type: type2', '  period: { start: 2026-01-01, end: 2026-12-31 }', '  fieldwork: 2027-01-18'];

interface CoverageJson {
  readonly today: string;
  readonly criteria: ReadonlyArray<{ id: string; state: string; reason: string }>;
}

describe('the Type II period on the command line', function () {
  this.timeout(60000);
  const runs = new Runs()
    .add('fieldwork check', () => ['check', repoOf(program(WITH_FIELDWORK)), '--format', 'json', '--today', 'fieldwork'])
    .add('fieldwork coverage', () => ['coverage', repoOf(program(WITH_FIELDWORK)), '--format', 'json', '--today', 'fieldwork'])
    .add('today coverage', () => ['coverage', repoOf(program(WITH_FIELDWORK)), '--format', 'json', '--today', TODAY])
    .add('no fieldwork', () => ['check', repoOf(program(['  type: type2', '  period: { start: 2026-01-01, end: 2026-12-31 }'])), '--today', 'fieldwork'])
    .add('short period', () => ['check', repoOf(program(['  type: type2', '  period: { start: 2026-07-01, end: 2026-10-31 }'])), '--format', 'json', '--today', TODAY])
    .add('future period', () => ['check', repoOf(program(['  type: type2', '  period: { start: 2027-01-01, end: 2027-12-31 }'])), '--format', 'json', '--today', TODAY]);
  before(() => {
    ensureBuilt();
    runs.start();
  });
  after(removeTemps);

  it('--today fieldwork checks as of audit.fieldwork: Q4 has elapsed by then, so the gap is reported', async () => {
    const r = await runs.get('fieldwork check');
    const report = parseCheckJson(r);
    assert.equal(report.today, '2027-01-18');
    const gap = report.findings.filter((f) => f.code === 'evidence-gap');
    assert.deepEqual(gap.map((f) => [f.path, f.line]), [['controls/ac-01.md', 6]]);
    assert.match(gap[0].message, /^No dated evidence for 2026-Q4 of the audit period/);
  });

  it('coverage as of fieldwork shows what the auditor will find: covered on 2026-11-16, stale by 2027-01-18', async () => {
    const fieldwork = JSON.parse((await runs.get('fieldwork coverage')).stdout) as CoverageJson;
    assert.equal(fieldwork.today, '2027-01-18');
    const cc62 = fieldwork.criteria.find((c) => c.id === 'CC6.2');
    // The Q3 record is more than a quarter old by then; stale ranks above the Q4 exception.
    assert.equal(cc62?.state, 'stale');
    assert.equal(cc62?.reason, 'stale: AC-01: its newest evidence is from 2026-09-18, and a newer record was due by 2026-12-18');
    const now = JSON.parse((await runs.get('today coverage')).stdout) as CoverageJson;
    assert.equal(now.criteria.find((c) => c.id === 'CC6.2')?.state, 'covered');
  });

  it('--today fieldwork without audit.fieldwork is a usage error that says what to add', async () => {
    const r = await runs.get('no fieldwork');
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^compliance-docs: --today fieldwork: compliance-docs\.yml has no audit\.fieldwork date\. Add `fieldwork: YYYY-MM-DD` \(the first day of fieldwork\) under `audit:`, or pass --today YYYY-MM-DD\./);
  });

  it('warns on a period shorter than 6 months, at the period in the config', async () => {
    const report = parseCheckJson(await runs.get('short period'));
    const f = report.findings.filter((x) => x.code === 'audit-period-length');
    assert.deepEqual(
      f.map((x) => [x.path, x.line, x.column, x.endColumn, x.severity]),
      [['compliance-docs.yml', 4, 11, 49, 'warning']],
    );
  });

  it('notes a period that has not begun', async () => {
    const report = parseCheckJson(await runs.get('future period'));
    const f = report.findings.filter((x) => x.code === 'audit-period-not-begun');
    assert.deepEqual(
      f.map((x) => [x.path, x.line, x.severity]),
      [['compliance-docs.yml', 4, 'info']],
    );
  });
});
