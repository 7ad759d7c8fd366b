import assert from 'node:assert/strict';
import { ensureBuilt, HARBORVIEW, Runs, TODAY } from './cli';

interface CoverageJson {
  summary: Record<string, number>;
  criteria: Array<{ id: string; title: string; category: string; state: string; documents: Array<{ id: string; path: string; type: string }> }>;
}

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

  it('json: exactly a summary and one entry per in-scope criterion with its state and documents', async () => {
    const report = await json();
    assert.deepEqual(Object.keys(report), ['summary', 'criteria']);
    assert.deepEqual(report.summary, { inScope: 38, covered: 16, stale: 1, claimed: 18, uncovered: 2, notApplicable: 1 });
    assert.equal(report.criteria.length, 38);
    assert.equal(new Set(report.criteria.map((c) => c.id)).size, 38);
    for (const c of report.criteria) {
      assert.deepEqual(Object.keys(c), ['id', 'title', 'category', 'state', 'documents']);
      assert.ok(['covered', 'stale', 'claimed', 'uncovered', 'not-applicable'].includes(c.state), c.state);
      assert.ok(['security', 'availability', 'confidentiality'].includes(c.category), c.category);
      for (const d of c.documents) assert.deepEqual(Object.keys(d), ['id', 'path', 'type']);
    }
    const cc92 = report.criteria.find((c) => c.id === 'CC9.2');
    assert.deepEqual(cc92, {
      id: 'CC9.2',
      title: 'Vendor and partner risk',
      category: 'security',
      state: 'stale',
      documents: [
        { id: 'VR-01', path: 'controls/vendor-review.md', type: 'control' },
        { id: 'POL-VENDOR', path: 'policies/vendor-management.md', type: 'policy' },
      ],
    });
  });

  it('text: each series with its criteria, and the summary line', async () => {
    const out = (await runs.get('text')).stdout;
    assert.match(out, /^CC1 .* · \d+\/5$/m);
    assert.match(out, /^ {2}✖ CC1\.2 {2}uncovered {6}/m);
    assert.match(out, /^ {2}– CC6\.4 {2}not applicable/m);
    assert.ok(out.endsWith('Coverage: 16/37 covered · 1 stale · 18 claimed · 2 uncovered · 1 not applicable (38 in scope)\n'), out.slice(-200));
  });

  it('md: a table row per criterion with its state, and the summary', async () => {
    const out = (await runs.get('md')).stdout;
    const report = await json();
    assert.match(out, /^# SOC 2 traceability matrix$/m);
    assert.match(out, /As of 2026-11-16 · Type II · period 2026-01-01 to 2026-12-31/);
    assert.match(out, /\*\*16\/37 covered · 1 stale · 18 claimed · 2 uncovered · 1 not applicable \(38 in scope\)\*\*/);
    const rows = out.split('\n').filter((l) => /^\| (CC|A|C|PI|P)\d/.test(l));
    assert.equal(rows.length, 38);
    for (const c of report.criteria) {
      const row = rows.find((r) => r.startsWith(`| ${c.id} |`));
      assert.ok(row, c.id);
      assert.equal(row.split(' | ')[3], c.state === 'not-applicable' ? 'not applicable' : c.state, c.id);
    }
  });

  it('csv: parses back to a header and one row per criterion, with the same states as json', async () => {
    const rows = parseCsv((await runs.get('csv')).stdout);
    const report = await json();
    assert.deepEqual(rows[0], ['criterion', 'title', 'series', 'category', 'state', 'document_ids', 'document_paths', 'justification']);
    assert.equal(rows.length, 39);
    for (const [i, c] of report.criteria.entries()) {
      const row = rows[i + 1];
      assert.equal(row.length, 8);
      assert.deepEqual([row[0], row[1], row[3], row[4]], [c.id, c.title, c.category, c.state]);
      assert.equal(row[5], c.documents.map((d) => d.id).join('; '));
      assert.equal(row[6], c.documents.map((d) => d.path).join('; '));
    }
    const na = rows.find((r) => r[0] === 'CC6.4');
    assert.match(na?.[7] ?? '', /^Harborview runs no data centres, server rooms or network closets\. .*backup media\.$/);
  });

  it('html: one self-contained page with the summary and every in-scope criterion with its state', async () => {
    const out = (await runs.get('html')).stdout;
    const report = await json();
    assert.match(out, /^<!doctype html>/i);
    assert.match(out, /<\/html>\n$/);
    assert.doesNotMatch(out, /\b(?:src|href)\s*=\s*["']?(?:https?:)?\/\//i, 'no external resources');
    assert.doesNotMatch(out, /<(?:script|link|iframe|img)\b/i);
    assert.doesNotMatch(out, /@import|url\(/i);
    assert.match(out, /16\/37 covered · 1 stale · 18 claimed · 2 uncovered · 1 not applicable \(38 in scope\)/);
    for (const c of report.criteria) {
      const label = c.state === 'not-applicable' ? 'not applicable' : c.state;
      const row = new RegExp(`<tr><th class="id">${c.id.replace('.', '\\.')}</th>.*?<td class="state"[^>]*><span class="chip"[^>]*>${label}</span>`);
      assert.match(out, row, c.id);
    }
  });
});
