// The risk register through the real command: each risk rule on its value, the program-level findings
// on the config, dates from --today, and a risk's criteria covered through the assessment that lists it.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { parseHTML } from 'linkedom';
import { ensureBuilt, lines, parseCheckJson, removeTemps, repoOf, runCli, tempDir, TODAY } from './cli';
import { parseCsv } from './coverage.test';

/** What the tests read of a parsed page (the project compiles without the DOM library's types). */
interface Element {
  getAttribute(name: string): string | null;
  readonly textContent: string | null;
  querySelector(selector: string): Element | null;
  querySelectorAll(selector: string): ArrayLike<Element> & Iterable<Element>;
}

const CONFIG = lines('categories: [security]', 'audit:', '  type: type2', '  period: { start: 2026-01-01, end: 2026-12-31 }', 'risk:', '  scale: 5', '  tolerance: 9', '  assessment_cycle: annual', 'rules:', '  uncovered-criterion: off', '  vendor-inventory-missing: off');

const CONTROL = lines('---', 'id: FIN-03', 'type: control', 'title: Bank detail changes are called back', 'owner: cfo', 'criteria: [CC3.3]', 'frequency: annual', 'last_reviewed: 2026-06-01', 'evidence:', '  - path: ../evidence/callbacks-2026.csv', '    date: 2026-06-01', '---');

// Mitigated with no control named; a residual above inherent; accepted with an expired acceptance; accepted with none.
const RISKS: Record<string, string> = {
  'risks/vendor-bank.md': lines('---', 'id: RISK-001', 'type: risk', 'title: Changed vendor bank account', 'owner: cfo', 'category: change', 'criteria: [CC3.2]', 'inherent: { likelihood: 4, impact: 4 }', 'residual: { likelihood: 2, impact: 3 }', 'treatment: mitigate', 'last_reviewed: 2026-02-01', '---'),
  'risks/outage.md': lines('---', 'id: RISK-002', 'type: risk', 'title: Region outage', 'owner: cto', 'category: technology', 'inherent: { likelihood: 2, impact: 4 }', 'residual: { likelihood: 3, impact: 4 }', 'treatment: accept', 'acceptance: { by: ceo, date: 2025-01-10, expires: 2026-01-10 }', 'last_reviewed: 2026-02-01', '---'),
  'risks/key-person.md': lines('---', 'id: RISK-003', 'type: risk', 'title: Key person', 'owner: ceo', 'category: people', 'inherent: { likelihood: 3, impact: 3 }', 'residual: { likelihood: 3, impact: 7 }', 'treatment: accept', 'last_reviewed: 2026-02-01', '---'),
  'risks/assessments/2026.md': lines('---', 'id: RA-2026', 'type: risk-assessment', 'title: Risk assessment 2026', 'owner: cfo', 'date: 2026-02-15', 'approved_by: ceo', 'risks: [RISK-001, RISK-002, RISK-003, RISK-004]', '---'),
};

describe('risks through the CLI', function () {
  this.timeout(60000);
  before(ensureBuilt);
  after(removeTemps);

  it('reports each risk rule on its value and the register findings on the config, as of --today', async () => {
    const root = repoOf({ 'compliance-docs.yml': CONFIG, 'controls/fin-03.md': CONTROL, 'evidence/callbacks-2026.csv': 'vendor,called\n', ...RISKS });
    const r = await runCli(['check', root, '--format', 'json', '--today', TODAY]);
    const found = parseCheckJson(r).findings.map((f) => `${f.path}:${f.line}:${f.column}-${f.endColumn} ${f.code} ${f.severity}`);
    assert.deepEqual(found, [
      'compliance-docs.yml:4:20-30 risk-assessment-late warning',
      'compliance-docs.yml:5:1-5 fraud-risk-missing warning',
      'risks/assessments/2026.md:8:39-47 unknown-reference error',
      'risks/key-person.md:8:36-37 field-invalid error',
      'risks/key-person.md:9:12-18 risk-acceptance-missing error',
      'risks/outage.md:8:11-39 risk-residual-above-inherent error',
      'risks/outage.md:10:51-61 risk-acceptance-expired warning',
      'risks/vendor-bank.md:9:11-39 risk-reduced-without-controls warning',
    ]);
    assert.equal(r.code, 1);
    const text = await runCli(['check', root, '--today', TODAY]);
    assert.match(text.stdout, /Read 5 documents \(1 control, 3 risks, 1 risk assessment\)/);

    // Before the acceptance expired and before the period began, those two findings are not there.
    const earlier = parseCheckJson(await runCli(['check', root, '--format', 'json', '--today', '2025-12-01'])).findings.map((f) => f.code);
    assert.ok(!earlier.includes('risk-acceptance-expired'));
    assert.ok(!earlier.includes('risk-assessment-late'));
    // A year after the assessment, it is stale.
    const later = parseCheckJson(await runCli(['check', root, '--format', 'json', '--today', '2027-02-16'])).findings.map((f) => f.code);
    assert.ok(later.includes('risk-assessment-stale'));
  });

  it('covers a risk’s criteria through the newest assessment that lists it', async () => {
    const root = repoOf({ 'compliance-docs.yml': CONFIG, 'controls/fin-03.md': CONTROL, 'evidence/callbacks-2026.csv': 'vendor,called\n', ...RISKS });
    const coverage = async (): Promise<string | undefined> => (JSON.parse((await runCli(['coverage', root, '--format', 'json', '--today', TODAY])).stdout) as { criteria: Array<{ id: string; state: string }> }).criteria.find((c) => c.id === 'CC3.2')?.state;
    assert.equal(await coverage(), 'covered');
    fs.rmSync(path.join(root, 'risks/assessments/2026.md'));
    assert.equal(await coverage(), 'claimed');
  });

  it('exports the register: a CSV table, an xlsx sheet, and in HTML the inherent and residual heat maps, each cell a count', async () => {
    const root = repoOf({ 'compliance-docs.yml': CONFIG, 'controls/fin-03.md': CONTROL, 'evidence/callbacks-2026.csv': 'vendor,called\n', ...RISKS });
    const csv = parseCsv((await runCli(['coverage', root, '--format', 'csv', '--table', 'risks', '--today', TODAY])).stdout);
    assert.deepEqual(csv[0].slice(0, 13), ['Risk', 'Risk title', 'Status', 'Owner', 'Category', 'Inherent likelihood', 'Inherent impact', 'Inherent score', 'Residual likelihood', 'Residual impact', 'Residual score', 'Above tolerance', 'Treatment']);
    // Above tolerance first, then by residual score; the off-scale residual of RISK-003 is unscored.
    assert.deepEqual(csv.slice(1).map((r) => [r[0], r[10], r[11]]), [['RISK-002', '12', 'yes (tolerance 9)'], ['RISK-001', '6', 'no'], ['RISK-003', '', '']]);
    assert.equal(csv[1][csv[0].indexOf('Acceptance expires')], '2026-01-10 (expired)');
    assert.equal(csv[2][csv[0].indexOf('Last assessment')], 'RA-2026');

    const file = path.join(tempDir(), 'matrix.xlsx');
    assert.equal((await runCli(['coverage', root, '--format', 'xlsx', '--today', TODAY, '--output', file])).code, 0);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    assert.ok(book.worksheets.map((w) => w.name).includes('Risk register'));
    const sheet = book.getWorksheet('Risk register') as ExcelJS.Worksheet;
    assert.equal(String(sheet.getRow(2).getCell(1).value), 'RISK-002');

    const html = (await runCli(['coverage', root, '--format', 'html', '--today', TODAY])).stdout;
    const page = (parseHTML(html) as unknown as { document: Element }).document;
    const count = (kind: string, l: number, i: number): string | null => page.querySelector(`figure.heat[data-kind="${kind}"] td[data-likelihood="${l}"][data-impact="${i}"]`)?.getAttribute('data-count') ?? null;
    assert.equal(page.querySelectorAll('figure.heat[data-kind="inherent"] td.cell').length, 25);
    assert.equal(count('inherent', 4, 4), '1');
    assert.equal(count('inherent', 2, 4), '1');
    assert.equal(count('inherent', 3, 3), '1');
    assert.equal(count('residual', 2, 3), '1');
    assert.equal(count('residual', 3, 4), '1');
    assert.equal(count('residual', 5, 5), '0');
    // Each map counts every approved risk with a score on the scale once.
    const total = (kind: string): number => [...page.querySelectorAll(`figure.heat[data-kind="${kind}"] td.cell`)].reduce((n, c) => n + Number(c.getAttribute('data-count')), 0);
    assert.equal(total('inherent'), 3);
    assert.equal(total('residual'), 2);
    assert.equal(page.querySelector('figure.heat[data-kind="residual"] td[data-likelihood="3"][data-impact="4"]')?.getAttribute('data-risks'), 'RISK-002');
    assert.ok(page.querySelector('figure.heat td[data-likelihood="3"][data-impact="4"]')?.getAttribute('class')?.includes('above'));
    assert.equal(page.querySelectorAll('table#risks tbody tr').length, 3);

    const usage = await runCli(['coverage', root, '--format', 'html', '--table', 'risks']);
    assert.equal(usage.code, 2);
  });
});
