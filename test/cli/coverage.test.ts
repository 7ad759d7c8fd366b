import assert from 'node:assert/strict';
import { ensureBuilt, HARBORVIEW, HARBORVIEW_COVERAGE_STDERR, lines, removeTemps, repoOf, runCli, Runs, TODAY } from './cli';

interface CoverageJson {
  summary: Record<string, number>;
  legend: Array<{ state: string; label: string; meaning: string }>;
  criteria: Array<{ id: string; title: string; category: string; state: string; reason: string; documents: Array<{ id: string; path: string; type: string; state: string; evidence: unknown[] }> }>;
}

const LABEL: Readonly<Record<string, string>> = { 'not-applicable': 'not applicable', 'claimed-stale': 'claimed (stale)' };
const labelOf = (state: string): string => LABEL[state] ?? state;

/** RFC 4180: quoted fields may hold commas, quotes ("") and line breaks. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

describe('compliance-docs coverage', function () {
  this.timeout(60000);
  const runs = new Runs();
  for (const format of ['text', 'json', 'md', 'csv', 'html']) runs.add(format, ['coverage', HARBORVIEW, '--format', format, '--today', TODAY]);
  before(() => {
    ensureBuilt();
    runs.start();
  });

  async function json(): Promise<CoverageJson> {
    return JSON.parse((await runs.get('json')).stdout) as CoverageJson;
  }

  it('prints the report on stdout in every format, then exits 2 for the example config\'s deliberate error, saying where it is', async () => {
    for (const format of ['text', 'json', 'md', 'csv', 'html']) {
      const r = await runs.get(format);
      assert.equal(r.code, 2, `${format}: ${r.stderr}`);
      assert.equal(r.stderr, HARBORVIEW_COVERAGE_STDERR, format);
      assert.ok(r.stdout.length > 0, format);
    }
  });

  it('json: the summary and one entry per in-scope criterion with its state, reason and documents', async () => {
    const report = await json();
    assert.deepEqual(Object.keys(report), ['summary', 'today', 'auditType', 'period', 'legend', 'criteria', 'calendar', 'notCounted', 'vendors', 'risks']);
    assert.deepEqual(report.summary, { inScope: 38, covered: 16, stale: 1, exception: 1, claimed: 16, claimedStale: 1, uncovered: 2, notApplicable: 1 });
    assert.equal(report.criteria.length, 38);
    assert.equal(new Set(report.criteria.map((c) => c.id)).size, 38);
    for (const c of report.criteria) {
      assert.ok(report.legend.some((l) => l.state === c.state), c.state);
      assert.ok(['security', 'availability', 'confidentiality'].includes(c.category), c.category);
      assert.ok(c.reason.length > 0, c.id);
    }
    const cc92 = report.criteria.find((c) => c.id === 'CC9.2');
    assert.equal(cc92?.state, 'stale');
    assert.deepEqual(
      cc92?.documents.map((d) => [d.id, d.path, d.type]),
      [
        ['VR-01', 'controls/vendor-review.md', 'control'],
        ['POL-VENDOR', 'policies/vendor-management.md', 'policy'],
      ],
    );
  });

  it('text: each series with its criteria, and the summary line', async () => {
    const out = (await runs.get('text')).stdout;
    assert.match(out, /^CC1 .* · \d+\/5$/m);
    assert.match(out, /^ {2}✖ CC1\.2 {2}uncovered {6}/m);
    assert.match(out, /^ {2}– CC6\.4 {2}not applicable/m);
    // Covered out of in scope and not scoped out: CC6.4 is on neither side of CC6's 6/7.
    assert.match(out, /^CC6 Logical and Physical Access · 6\/7$/m);
    assert.ok(out.endsWith('Coverage: 16/37 covered · 1 stale · 1 exception · 16 claimed · 1 claimed (stale) · 2 uncovered · 1 not applicable (38 in scope)\n'), out.slice(-200));
  });

  it('md: the matrix table with the CSV columns, a row per criterion at least, and the summary', async () => {
    const out = (await runs.get('md')).stdout;
    const csv = parseCsv((await runs.get('csv')).stdout);
    const report = await json();
    assert.match(out, /^# SOC 2 traceability matrix$/m);
    assert.match(out, /As of 2026-11-16 · Type II · observation period 2026-01-01 to 2026-12-31/);
    assert.match(out, /\*\*16\/37 covered · 1 stale · 1 exception · 16 claimed · 1 claimed \(stale\) · 2 uncovered · 1 not applicable \(38 in scope\)\*\*/);
    const lines = out.split('\n');
    const header = lines.indexOf('## Criteria, documents and evidence') + 2;
    assert.equal(lines[header], `| ${csv[0].join(' | ')} |`);
    const rows = lines.slice(header + 2, lines.indexOf('', header));
    assert.equal(rows.length, csv.length - 1, 'one Markdown row per CSV row');
    for (const c of report.criteria) {
      const row = rows.find((r) => r.startsWith(`| ${c.id} |`));
      assert.ok(row, c.id);
      // Markdown escapes the parentheses of `claimed (stale)`; it renders as the label.
      assert.equal(row.split(' | ')[2].replace(/\\([()])/g, '$1'), labelOf(c.state), c.id);
    }
  });

  it('csv: parses back to the matrix header and one row per evidence item, with the same states as json', async () => {
    const rows = parseCsv((await runs.get('csv')).stdout);
    const report = await json();
    assert.deepEqual(rows[0].slice(0, 5), ['Criterion', 'Criterion title', 'Criterion state', 'Why the criterion has this state', 'Document']);
    assert.equal(rows[0].length, 18);
    for (const row of rows) assert.equal(row.length, 18);
    const expected = report.criteria.reduce((n, c) => n + Math.max(1, c.documents.reduce((k, d) => k + Math.max(1, d.evidence.length), 0)), 0);
    assert.equal(rows.length - 1, expected);
    for (const c of report.criteria) {
      const mine = rows.filter((r) => r[0] === c.id);
      assert.ok(mine.length > 0, c.id);
      for (const r of mine) assert.deepEqual([r[1], r[2], r[3]], [c.title, labelOf(c.state), c.reason]);
      assert.deepEqual([...new Set(mine.map((r) => r[4]).filter((x) => x))], c.documents.map((d) => d.id));
    }
    const na = rows.find((r) => r[0] === 'CC6.4');
    assert.match(na?.[3] ?? '', /^not applicable: Harborview runs no data centres, server rooms or network closets\. .*backup media\.$/);
  });
});

describe('compliance-docs coverage with a config that has errors', function () {
  this.timeout(60000);
  before(ensureBuilt);
  after(removeTemps);

  const control = lines('---', 'id: AV-01', 'type: control', 'title: Capacity monitoring', 'owner: sre', 'criteria: [A1.1, CC7.1]', 'last_reviewed: 2026-10-01', '---', '', '# Capacity monitoring');

  it('a misspelt category fails the run (exit 2) with the error and where it is on stderr, instead of a matrix silently without Availability', async () => {
    const root = repoOf({ 'compliance-docs.yml': lines('categories: [security, avaliability]'), 'controls/capacity.md': control });
    for (const format of ['text', 'json', 'csv']) {
      const r = await runCli(['coverage', root, '--format', format, '--today', TODAY, '--no-cache']);
      assert.equal(r.code, 2, `${format}: ${r.stderr}`);
      assert.equal(
        r.stderr,
        'compliance-docs: compliance-docs.yml:1:24: `avaliability` is not a SOC 2 category. Use: security, availability, confidentiality, processing_integrity, privacy.\n' +
          'compliance-docs: compliance-docs.yml has 1 error (config-invalid), so the report was built without those settings; fix the configuration.\n',
        format,
      );
      assert.ok(r.stdout.length > 0, format);
    }
    // The same repository with the category spelt right: exit 0, and A1.1 is in the matrix.
    const fixed = repoOf({ 'compliance-docs.yml': lines('categories: [security, availability]'), 'controls/capacity.md': control });
    const ok = await runCli(['coverage', fixed, '--format', 'json', '--today', TODAY, '--no-cache']);
    assert.equal(ok.code, 0, ok.stderr);
    assert.equal(ok.stderr, '');
    assert.ok((JSON.parse(ok.stdout) as CoverageJson).criteria.some((c) => c.id === 'A1.1'));
  });

  it('counts every config error, and exits 0 when config-invalid is lowered to a warning, as check does', async () => {
    const two = repoOf({ 'compliance-docs.yml': lines('categories: [security, avaliability]', 'review:', '  due_son_days: 10'), 'controls/capacity.md': control });
    const r = await runCli(['coverage', two, '--today', TODAY, '--no-cache']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /compliance-docs\.yml:1:24: `avaliability`/);
    assert.match(r.stderr, /compliance-docs\.yml:3:3: Unknown setting `review\.due_son_days`/);
    assert.match(r.stderr, /has 2 errors \(config-invalid\)/);
    const lowered = repoOf({ 'compliance-docs.yml': lines('categories: [security, avaliability]', 'rules:', '  config-invalid: warning'), 'controls/capacity.md': control });
    const w = await runCli(['coverage', lowered, '--today', TODAY, '--no-cache']);
    assert.equal(w.code, 0, w.stderr);
    assert.equal(w.stderr, '');
    const check = await runCli(['check', lowered, '--today', TODAY, '--no-cache']);
    assert.notEqual(check.code, 2);
  });
});
