import assert from 'node:assert/strict';
import { ensureBuilt, HARBORVIEW, Runs, TODAY } from './cli';

interface CoverageJson {
  summary: Record<string, number>;
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

  it('exits 0 with the report on stdout in every format', async () => {
    for (const format of ['text', 'json', 'md', 'csv', 'html']) {
      const r = await runs.get(format);
      assert.equal(r.code, 0, `${format}: ${r.stderr}`);
      assert.ok(r.stdout.length > 0, format);
    }
  });

  it('json: the summary and one entry per in-scope criterion with its state, reason and documents', async () => {
    const report = await json();
    assert.deepEqual(Object.keys(report), ['summary', 'today', 'auditType', 'period', 'legend', 'criteria', 'calendar', 'notCounted']);
    assert.deepEqual(report.summary, { inScope: 38, covered: 16, stale: 1, claimed: 18, uncovered: 2, notApplicable: 1 });
    assert.equal(report.criteria.length, 38);
    assert.equal(new Set(report.criteria.map((c) => c.id)).size, 38);
    for (const c of report.criteria) {
      assert.ok(['covered', 'stale', 'claimed', 'claimed-stale', 'uncovered', 'not-applicable'].includes(c.state), c.state);
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
    assert.ok(out.endsWith('Coverage: 16/37 covered · 1 stale · 18 claimed · 2 uncovered · 1 not applicable (38 in scope)\n'), out.slice(-200));
  });

  it('md: the matrix table with the CSV columns, a row per criterion at least, and the summary', async () => {
    const out = (await runs.get('md')).stdout;
    const csv = parseCsv((await runs.get('csv')).stdout);
    const report = await json();
    assert.match(out, /^# SOC 2 traceability matrix$/m);
    assert.match(out, /As of 2026-11-16 · Type II · observation period 2026-01-01 to 2026-12-31/);
    assert.match(out, /\*\*16\/37 covered · 1 stale · 18 claimed · 2 uncovered · 1 not applicable \(38 in scope\)\*\*/);
    const lines = out.split('\n');
    const header = lines.indexOf('## Criteria, documents and evidence') + 2;
    assert.equal(lines[header], `| ${csv[0].join(' | ')} |`);
    const rows = lines.slice(header + 2, lines.indexOf('', header));
    assert.equal(rows.length, csv.length - 1, 'one Markdown row per CSV row');
    for (const c of report.criteria) {
      const row = rows.find((r) => r.startsWith(`| ${c.id} |`));
      assert.ok(row, c.id);
      assert.equal(row.split(' | ')[2], labelOf(c.state), c.id);
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
