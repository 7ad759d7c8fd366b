import assert from 'node:assert/strict';
import type { CoverageReport } from '../../server/src/core/coverage/coverage';
import { STATE_LEGEND, type AuditMatrix } from '../../server/src/core/report/matrix';
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
  summary: { inScope: 3, covered: 1, stale: 0, exception: 0, claimed: 0, claimedStale: 0, uncovered: 1, notApplicable: 1 },
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

const MATRIX: AuditMatrix = {
  today: '2026-11-16',
  auditType: 'type1',
  summary: COVERAGE.summary,
  legend: STATE_LEGEND,
  criteria: [
    {
      id: 'CC6.1',
      title: 'Logical access security',
      series: 'CC6',
      category: 'security',
      state: 'covered',
      reason: 'AC-01 covers it',
      documents: [
        {
          id: 'AC-01',
          title: 'Access <review>',
          type: 'control',
          owner: 'it-lead',
          state: 'covered',
          reason: 'reviewed 2026-06-30, next due 2027-06-30; newest evidence 2026-09-30',
          lastReviewed: '2026-06-30',
          nextDue: '2027-06-30',
          path: 'controls/ac 01.md',
          evidence: [{ target: 'evidence/2026-Q3/review.csv', kind: 'path', date: '2026-09-30', dateSource: 'inferred', exists: 'exists' }],
        },
      ],
    },
    { id: 'CC6.4', title: 'Physical access', series: 'CC6', category: 'security', state: 'not-applicable', reason: 'not applicable: No offices, "none" at all | really\nnone <b>', justification: 'No offices, "none" at all | really\nnone <b>', documents: [] },
    { id: 'CC6.5', title: 'Secure disposal of assets', series: 'CC6', category: 'security', state: 'uncovered', reason: 'no approved document maps it', documents: [] },
  ],
  calendar: [],
  notCounted: [],
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

    it('text: a finding repeated in many places is printed once with its count and places, and the summary counts per rule', () => {
      const long = 'This procedure has no frontmatter, so neither its owner, its review date nor the criteria it meets can be read. Add a `---` block with id, owner, criteria and last_reviewed.';
      const many: LocatedFinding[] = [
        ...FINDINGS,
        ...Array.from({ length: 12 }, (_, i): LocatedFinding => ({ path: `procedures/step-${String(i + 1).padStart(2, '0')}.md`, code: 'frontmatter-missing', severity: 'warning', message: long, range: range(0, 0, 3) })),
        // Twice is printed as it is; the same message at another severity is another finding.
        { path: 'procedures/a.md', code: 'missing-owner', severity: 'info', message: 'No owner.', range: range(1, 0, 3) },
        { path: 'procedures/b.md', code: 'missing-owner', severity: 'info', message: 'No owner.', range: range(1, 0, 3) },
      ];
      assert.equal(
        formatText(many),
        [
          '(repository)',
          '  -  warning  CC1.2 is in scope but no approved document maps it.  uncovered-criterion',
          '',
          'policies/access control.md',
          '  5:19   error  `CC9.9` is not a SOC 2 criterion.  unknown-criterion',
          '  12:16  info   Due soon.  review-due-soon',
          '',
          'procedures/a.md',
          '  2:1  info  No owner.  missing-owner',
          '',
          'procedures/b.md',
          '  2:1  info  No owner.  missing-owner',
          '',
          `12 times  warning  ${long}  frontmatter-missing`,
          '  at procedures/step-01.md:1:1, procedures/step-02.md:1:1, procedures/step-03.md:1:1,',
          '    procedures/step-04.md:1:1, procedures/step-05.md:1:1, procedures/step-06.md:1:1,',
          '    procedures/step-07.md:1:1, procedures/step-08.md:1:1, procedures/step-09.md:1:1,',
          '    procedures/step-10.md:1:1, procedures/step-11.md:1:1, procedures/step-12.md:1:1',
          '',
          '✖ 17 problems (1 error, 13 warnings, 3 infos)',
          'By rule: 12 frontmatter-missing, 2 missing-owner, 1 review-due-soon, 1 uncovered-criterion, 1 unknown-criterion',
          '',
        ].join('\n'),
      );
      // Many rules with one finding each are summed up, so the line stays short.
      const five = ['a-rule', 'b-rule', 'c-rule', 'd-rule'].map((code, i): LocatedFinding => ({ path: `x${i}.md`, code, severity: 'warning', message: code }));
      const text = formatText([...five, { path: 'y.md', code: 'z-rule', severity: 'warning', message: 'one' }, { path: 'y.md', code: 'z-rule', severity: 'warning', message: 'two' }]);
      assert.match(text, /^By rule: 2 z-rule, and 4 other rules once each$/m);
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
    it('json: the matrix model as it is, with its summary first', () => {
      const json = JSON.parse(coverageJson(MATRIX)) as Record<string, unknown>;
      assert.deepEqual(Object.keys(json), ['summary', 'today', 'auditType', 'legend', 'criteria', 'calendar', 'notCounted']);
      assert.deepEqual(json.criteria, MATRIX.criteria);
    });

    it('text: the series with covered over total, each criterion, the summary', () => {
      assert.equal(
        coverageText(COVERAGE),
        [
          // Covered out of in scope and not scoped out: CC6.4 counts on neither side.
          'CC6 Logical and Physical Access · 1/2',
          '  ✔ CC6.1  covered         Logical access security  AC-01',
          '  – CC6.4  not applicable  Physical access',
          '  ✖ CC6.5  uncovered       Secure disposal of assets',
          '',
          'Coverage: 1/2 covered · 0 stale · 0 claimed · 1 uncovered · 1 not applicable (3 in scope)',
          '',
        ].join('\n'),
      );
    });

    it('csv: quotes fields with commas, quotes and line breaks; one row per evidence item', () => {
      const lines = coverageCsv(MATRIX).split('\r\n');
      assert.equal(lines[0], 'Criterion,Criterion title,Criterion state,Why the criterion has this state,Document,Document title,Document type,Owner,Document state,Why the document earns this state,Last review,Next review due,File,Evidence,Evidence date,Evidence date source,Evidence exists,Period slot filled');
      assert.equal(lines[1], 'CC6.1,Logical access security,covered,AC-01 covers it,AC-01,Access <review>,control,it-lead,covered,"reviewed 2026-06-30, next due 2027-06-30; newest evidence 2026-09-30",2026-06-30,2027-06-30,controls/ac 01.md,evidence/2026-Q3/review.csv,2026-09-30,inferred from the path,yes,');
      assert.equal(lines[2], 'CC6.4,Physical access,not applicable,"not applicable: No offices, ""none"" at all | really\nnone <b>",,,,,,,,,,,,,,');
      assert.equal(lines.at(-1), '');
    });

    it('md: every table under its heading with the CSV columns, punctuation escaped, the file linked', () => {
      const md = coverageMarkdown(MATRIX, { today: '2026-11-16' });
      const rows = md.split('\n');
      // Repository text has every punctuation character backslash-escaped: AC-01 is written AC\-01.
      assert.ok(rows.includes(`| ${coverageCsv(MATRIX).split('\r\n')[0].split(',').join(' | ')} |`), md);
      assert.ok(rows.some((r) => r.startsWith('| CC6.1 | Logical access security | covered | AC-01 covers it | AC-01 | Access \\<review\\> | control | it-lead |') && r.includes('| [controls/ac 01.md](controls/ac%2001.md) | evidence/2026-Q3/review.csv | 2026-09-30 |')), md);
      assert.ok(rows.includes('| CC6.4 | Physical access | not applicable | not applicable\\: No offices\\, \\"none\\" at all \\| really none \\<b\\> |  |  |  |  |  |  |  |  |  |  |  |  |  |  |'), md);
      assert.ok(rows.includes('## Criteria, documents and evidence') && rows.includes('## Legend'), md);
      assert.ok(!rows.includes('## Type II period calendar'), 'a Type I matrix has no calendar');
      assert.match(md, /^As of 2026-11-16 · Type I$/m);
    });

    it('html: escapes every text it shows', () => {
      const html = coverageHtml(
        { ...MATRIX, criteria: MATRIX.criteria.map((c) => ({ ...c, documents: c.documents.map((d) => ({ ...d, id: '<AC-01>' })) })) },
        { today: '2026-11-16', title: 'Matrix <x>' },
      );
      assert.doesNotMatch(html, /<AC-01>|<b>|Matrix <x>|<review>/);
      assert.match(html, /<title>Matrix &lt;x&gt;<\/title>/);
      assert.match(html, /&lt;AC-01&gt;/);
      assert.match(html, /not applicable: No offices, &quot;none&quot; at all \| really\nnone &lt;b&gt;/);
    });
  });
});
