// The vendor register as `coverage` writes it: CSV (--table vendors), Markdown, HTML read with a DOM
// parser and the xlsx sheet read back with the workbook library, all with the same rows.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { parseHTML } from 'linkedom';
import { ensureBuilt, HARBORVIEW, lines, removeTemps, repoOf, Runs, runCli, tempDir, TODAY } from './cli';
import { parseCsv } from './coverage.test';

const FILES = {
  'compliance-docs.yml': 'categories: [security]\n',
  'controls/vm-01.md': lines('---', 'id: VM-01', 'type: control', 'title: Vendor review', 'owner: it-lead', 'criteria: [CC9.2]', 'last_reviewed: 2026-06-01', '---'),
  'vendors/aws.md': lines(
    '---',
    'id: VEN-AWS',
    'type: vendor',
    'title: Amazon Web Services',
    'owner: it-lead',
    'criticality: critical',
    'services: [hosting, backups]',
    'relies_on: [security, availability]',
    'last_reviewed: 2026-10-01',
    'assurance:',
    '  - type: soc2-type2',
    '    period: { start: 2024-11-01, end: 2025-10-31 }',
    '    opinion: unqualified',
    '    categories: [security, availability]',
    '    report: https://tickets.example.com/SEC-1',
    'cuecs:',
    '  - text: We enforce MFA',
    '    controls: [VM-01]',
    '  - text: We review IAM roles',
    '---',
  ),
  'vendors/slack.md': lines('---', 'id: VEN-SLACK', 'type: vendor', 'title: Slack', 'owner: it-lead', 'criticality: high', 'last_reviewed: 2026-10-01', 'assurance:', '  - type: soc2-type1', '    as_of: 2026-06-30', '---'),
  'vendors/figma.md': lines('---', 'id: VEN-FIGMA', 'type: vendor', 'title: Figma', 'criticality: low', 'last_reviewed: 2026-01-10', '---'),
};

const HEADER = [
  'Vendor', 'Vendor title', 'Criticality', 'Status', 'Owner', 'Services', 'Relied on for', 'Newest report', 'Report period start', 'Report period end or as of', 'Report age (months)',
  'Opinion', 'Categories examined', 'Current until', 'Bridging letter through', 'CUECs', 'CUECs without a control', 'Last review', 'Next review due', 'Findings', 'File',
];

interface Element {
  readonly textContent: string | null;
  querySelector(selector: string): Element | null;
  querySelectorAll(selector: string): ArrayLike<Element> & Iterable<Element>;
}

describe('compliance-docs coverage: the vendor register', function () {
  this.timeout(60000);
  let repo = '';
  let xlsxFile = '';
  const runs = new Runs();
  runs.add('csv', () => ['coverage', repo, '--format', 'csv', '--table', 'vendors', '--today', TODAY, '--no-cache']);
  runs.add('md', () => ['coverage', repo, '--format', 'md', '--today', TODAY, '--no-cache']);
  runs.add('html', () => ['coverage', repo, '--format', 'html', '--today', TODAY, '--no-cache']);
  runs.add('json', () => ['coverage', repo, '--format', 'json', '--today', TODAY, '--no-cache']);
  runs.add('harborview', ['coverage', HARBORVIEW, '--format', 'csv', '--table', 'vendors', '--today', TODAY]);
  runs.add('xlsx', () => ['coverage', repo, '--format', 'xlsx', '--today', TODAY, '--no-cache', '--output', xlsxFile]);
  before(() => {
    ensureBuilt();
    repo = repoOf(FILES);
    xlsxFile = path.join(tempDir(), 'register.xlsx');
    runs.start();
  });
  after(removeTemps);

  it('CSV: one row per vendor, critical first, with its newest report, its age from --today, the review and the findings', async () => {
    const r = await runs.get('csv');
    assert.equal(r.code, 0, r.stderr);
    const rows = parseCsv(r.stdout);
    assert.deepEqual(rows[0], HEADER);
    assert.deepEqual(rows.slice(1), [
      ['VEN-AWS', 'Amazon Web Services', 'critical', 'approved', 'it-lead', 'hosting, backups', 'security, availability', 'SOC 2 Type II report', '2024-11-01', '2025-10-31', '12', 'unqualified', 'security, availability', '2026-10-31 (out of date)', '', '2', '1', '2026-10-01', '2027-04-01', 'vendor-report-stale (error); vendor-cuec-unmapped (warning)', 'vendors/aws.md'],
      ['VEN-SLACK', 'Slack', 'high', 'approved', 'it-lead', '', 'security', 'SOC 2 Type I report', '', 'as of 2026-06-30', '4', '', '', '2027-06-30', '', '0', '0', '2026-10-01', '2027-10-01', 'vendor-type1-only (warning)', 'vendors/slack.md'],
      ['VEN-FIGMA', 'Figma', 'low', 'approved', '', '', 'security', 'none recorded', '', '', '', '', '', '', '', '0', '0', '2026-01-10', '2028-01-10', 'missing-owner (info)', 'vendors/figma.md'],
    ]);
  });

  it('Markdown, HTML and xlsx hold the same register; JSON has the vendors with their findings', async () => {
    const csv = parseCsv((await runs.get('csv')).stdout);
    const md = (await runs.get('md')).stdout;
    const section = md.slice(md.indexOf('## Vendor register'));
    assert.ok(section.startsWith(`## Vendor register\n\n| ${HEADER.join(' | ')} |`), section.slice(0, 300));
    assert.match(section, /\| VEN-SLACK \| Slack \| high \|/);

    const page = (parseHTML((await runs.get('html')).stdout) as unknown as { document: Element }).document;
    const table = page.querySelector('table#vendors');
    assert.ok(table, 'the register is a table of its own');
    assert.equal(page.querySelector('section.vendors h2')?.textContent, 'Vendor register');
    const cells = (row: Element): string[] => [...row.querySelectorAll('th, td')].map((c) => c.textContent ?? '');
    assert.deepEqual([...table.querySelectorAll('tr')].map(cells), csv);

    const book = new ExcelJS.Workbook();
    assert.equal((await runs.get('xlsx')).code, 0);
    await book.xlsx.readFile(xlsxFile);
    assert.deepEqual(book.worksheets.map((w) => w.name), ['Matrix', 'Vendors', 'Legend']);
    const sheet = book.getWorksheet('Vendors') as ExcelJS.Worksheet;
    const values: string[][] = [];
    sheet.eachRow({ includeEmpty: true }, (row) => {
      const out: string[] = [];
      for (let i = 1; i <= sheet.columnCount; i++) out.push(String(row.getCell(i).value ?? ''));
      values.push(out);
    });
    assert.deepEqual(values, csv);

    const json = JSON.parse((await runs.get('json')).stdout) as { vendors: Array<{ id: string; criticality: string; report?: { ageMonths: number }; findings: Array<{ code: string; line: number }> }> };
    assert.deepEqual(json.vendors.map((v) => [v.id, v.criticality, v.report?.ageMonths]), [['VEN-AWS', 'critical', 12], ['VEN-SLACK', 'high', 4], ['VEN-FIGMA', 'low', undefined]]);
    assert.deepEqual(json.vendors[0].findings.map((f) => [f.code, f.line]), [['vendor-report-stale', 11], ['vendor-cuec-unmapped', 18]]);
  });

  it('--table names a table of the CSV only; an unknown one is a usage error', async () => {
    const bad = await runCli(['coverage', repo, '--format', 'csv', '--table', 'vendor', '--today', TODAY, '--no-cache']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--table must be one of matrix, calendar, not-counted, vendors, risks, legend, got `vendor`/);
    const md = await runCli(['coverage', repo, '--format', 'md', '--table', 'vendors', '--no-cache']);
    assert.equal(md.code, 2);
    assert.match(md.stderr, /--table chooses the table of a CSV file; md holds every table/);
  });

  it("the example's register is the one its EXPECTED.md documents", async () => {
    const md = fs.readFileSync(path.join(HARBORVIEW, 'EXPECTED.md'), 'utf8');
    const section = md.slice(md.indexOf('## Vendor register'));
    const table = section.split('\n').filter((l) => l.startsWith('|'));
    const cells = (l: string): string[] => l.replace(/^\|/, '').replace(/\|$/, '').split('|').map((c) => c.trim());
    const columns = cells(table[0]);
    const expected = table.slice(2).map(cells);
    const r = await runs.get('harborview');
    // The example's config error is deliberate: the report is written, and the run exits 2 for it.
    assert.equal(r.code, 2, r.stderr);
    const csv = parseCsv(r.stdout);
    const picked = csv.slice(1).map((row) => columns.map((c) => row[csv[0].indexOf(c)]));
    assert.ok(columns.every((c) => csv[0].includes(c)), columns.join());
    assert.deepEqual(picked, expected);
  });
});
