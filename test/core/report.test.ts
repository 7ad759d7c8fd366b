import assert from 'node:assert/strict';
import type { CoverageReport } from '../../server/src/core/coverage/coverage';
import { coverageCsv, coverageHtml, coverageJson, coverageMarkdown, coverageText } from '../../server/src/core/report/coverage';
import { formatJson, formatSarif, formatText, type LocatedFinding } from '../../server/src/core/report/findings';
import { getRule } from '../../server/src/core/rules/registry';

const range = (line: number, character: number, length: number): LocatedFinding['range'] => ({ start: { line, character }, end: { line, character: character + length } });

const FINDINGS: LocatedFinding[] = [
  { path: '', code: 'uncovered-criterion', severity: 'warning', message: 'CC1.2 is in scope but no approved document maps it.' },
  { path: 'policies/access control.md', code: 'unknown-criterion', severity: 'error', message: '`CC9.9` is not a SOC 2 criterion.', range: range(4, 18, 5) },
  { path: 'policies/access control.md', code: 'review-due-soon', severity: 'info', message: 'Due soon.', range: range(11, 15, 10) },
];

const COVERAGE: CoverageReport = {
  summary: { inScope: 3, covered: 1, stale: 0, claimed: 0, uncovered: 1, notApplicable: 1 },
  criteria: [
    {
      id: 'CC6.1',
      title: 'Logical access security',
      series: 'CC6',
      category: 'security',
      state: 'covered',
      documents: [{ id: 'AC-01', path: 'controls/ac 01.md', type: 'control', title: 'Access <review>', state: 'covered' }],
    },
    { id: 'CC6.4', title: 'Physical access', series: 'CC6', category: 'security', state: 'not-applicable', documents: [], justification: 'No offices, "none" at all | really\nnone <b>' },
    { id: 'CC6.5', title: 'Secure disposal of assets', series: 'CC6', category: 'security', state: 'uncovered', documents: [] },
  ],
};

describe('report writers', () => {
  describe('findings', () => {
    it('text: one group per file, the repository as (repository), aligned columns and a summary', () => {
      assert.equal(
        formatText(FINDINGS),
        [
          '(repository)',
          '  -  warning  CC1.2 is in scope but no approved document maps it.  uncovered-criterion',
          '',
          'policies/access control.md',
          '  5:19   error  `CC9.9` is not a SOC 2 criterion.  unknown-criterion',
          '  12:16  info   Due soon.  review-due-soon',
          '',
          '✖ 3 problems (1 error, 1 warning, 1 info)',
          '',
        ].join('\n'),
      );
      assert.equal(formatText([]), 'No problems found.\n');
    });

    it('json: 1-based ranges, none for the repository', () => {
      const out = JSON.parse(formatJson(FINDINGS, { root: '/repo', today: '2026-11-16' })) as { findings: unknown[]; summary: unknown };
      assert.deepEqual(out.summary, { errors: 1, warnings: 1, infos: 1, hints: 0 });
      assert.deepEqual(out.findings[0], { path: '', code: 'uncovered-criterion', severity: 'warning', message: 'CC1.2 is in scope but no approved document maps it.' });
      assert.deepEqual(out.findings[1], { path: 'policies/access control.md', line: 5, column: 19, endLine: 5, endColumn: 24, code: 'unknown-criterion', severity: 'error', message: '`CC9.9` is not a SOC 2 criterion.' });
    });

    it('sarif: encoded relative URIs, the root as ".", and rules turned off shown as disabled', () => {
      const log = JSON.parse(formatSarif(FINDINGS, { version: '1.2.3', severityOf: (c) => (c === 'missing-owner' ? 'off' : c === 'review-due-soon' ? 'hint' : (getRule(c)?.defaultSeverity ?? 'warning')) })) as {
        runs: Array<{ tool: { driver: { version: string; rules: Array<{ id: string; defaultConfiguration: { enabled: boolean; level: string } }> } }; results: Array<{ ruleId: string; ruleIndex: number; level: string; locations: Array<{ physicalLocation: unknown }> }> }>;
      };
      const run = log.runs[0];
      assert.equal(run.tool.driver.version, '1.2.3');
      assert.deepEqual(run.tool.driver.rules.find((r) => r.id === 'missing-owner')?.defaultConfiguration, { enabled: false, level: 'note' });
      assert.deepEqual(run.tool.driver.rules.find((r) => r.id === 'unknown-criterion')?.defaultConfiguration, { enabled: true, level: 'error' });
      assert.deepEqual(
        run.results.map((r) => [r.ruleId, run.tool.driver.rules[r.ruleIndex].id, r.level]),
        [
          ['uncovered-criterion', 'uncovered-criterion', 'warning'],
          ['unknown-criterion', 'unknown-criterion', 'error'],
          ['review-due-soon', 'review-due-soon', 'note'],
        ],
      );
      assert.deepEqual(run.results[0].locations[0].physicalLocation, { artifactLocation: { uri: '.' } });
      assert.deepEqual(run.results[1].locations[0].physicalLocation, {
        artifactLocation: { uri: 'policies/access%20control.md' },
        region: { startLine: 5, startColumn: 19, endLine: 5, endColumn: 24 },
      });
    });
  });

  describe('coverage', () => {
    it('json: summary and criteria with their documents, nothing else', () => {
      assert.deepEqual(JSON.parse(coverageJson(COVERAGE)), {
        summary: COVERAGE.summary,
        criteria: [
          { id: 'CC6.1', title: 'Logical access security', category: 'security', state: 'covered', documents: [{ id: 'AC-01', path: 'controls/ac 01.md', type: 'control' }] },
          { id: 'CC6.4', title: 'Physical access', category: 'security', state: 'not-applicable', documents: [] },
          { id: 'CC6.5', title: 'Secure disposal of assets', category: 'security', state: 'uncovered', documents: [] },
        ],
      });
    });

    it('text: the series with covered over total, each criterion, the summary', () => {
      assert.equal(
        coverageText(COVERAGE),
        [
          'CC6 Logical and Physical Access · 2/3',
          '  ✔ CC6.1  covered         Logical access security  AC-01',
          '  – CC6.4  not applicable  Physical access',
          '  ✖ CC6.5  uncovered       Secure disposal of assets',
          '',
          'Coverage: 1/2 covered · 0 stale · 0 claimed · 1 uncovered · 1 not applicable (3 in scope)',
          '',
        ].join('\n'),
      );
    });

    it('csv: quotes fields with commas, quotes and line breaks', () => {
      const csv = coverageCsv(COVERAGE);
      assert.equal(csv.split('\r\n')[2], 'CC6.4,Physical access,CC6,security,not-applicable,,,"No offices, ""none"" at all | really\nnone <b>"');
      assert.ok(csv.endsWith('\r\n'));
    });

    it('md: escapes punctuation and line breaks, links documents, and shows the justification', () => {
      const md = coverageMarkdown(COVERAGE, { today: '2026-11-16', auditType: 'type1' });
      // Repository text has every punctuation character backslash-escaped: AC-01 is written AC\-01.
      assert.ok(md.split('\n').includes('| CC6.1 | Logical access security | Security | covered | [AC\\-01](controls/ac%2001.md) (control) |'), md);
      assert.ok(md.split('\n').includes('| CC6.4 | Physical access | Security | not applicable | N/A: No offices\\, \\"none\\" at all \\| really none \\<b\\> |'), md);
      assert.match(md, /^As of 2026-11-16 · Type I$/m);
    });

    it('html: escapes every text it shows', () => {
      const html = coverageHtml({ ...COVERAGE, criteria: COVERAGE.criteria.map((c) => ({ ...c, documents: c.documents.map((d) => ({ ...d, id: '<AC-01>' })) })) }, { today: '2026-11-16', title: 'Matrix <x>' });
      assert.doesNotMatch(html, /<AC-01>|<b>|Matrix <x>/);
      assert.match(html, /<title>Matrix &lt;x&gt;<\/title>/);
      assert.match(html, /&lt;AC-01&gt;/);
      assert.match(html, /title="No offices, &quot;none&quot; at all \| really\nnone &lt;b&gt;"/);
    });
  });
});
