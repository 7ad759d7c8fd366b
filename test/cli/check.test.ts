import assert from 'node:assert/strict';
import { ensureBuilt, lines, parseCheckJson, removeTemps, repoOf, runCli, Runs, TODAY } from './cli';

/** Clean on TODAY: a policy and a control with current reviews and fresh evidence, the vendor inventory and a risk register. */
function cleanFiles(): Record<string, string> {
  return {
    'compliance-docs.yml': lines('categories: [security]', 'rules:', '  uncovered-criterion: off'),
    'policies/access.md': lines(
      '---',
      'id: POL-ACCESS',
      'title: Access Control Policy',
      'owner: security-lead',
      'criteria: [CC6.1]',
      'controls: [AC-01]',
      'last_reviewed: 2026-06-01',
      '---',
      '',
      '# Access control',
    ),
    'controls/ac-01.md': lines(
      '---',
      'id: AC-01',
      'title: Quarterly access review',
      'owner: it-lead',
      'criteria: [CC6.1, CC6.2]',
      'policies: [POL-ACCESS]',
      'frequency: quarterly',
      'last_reviewed: 2026-06-01',
      'evidence:',
      '  - ../evidence/2026-Q3/review.csv',
      '---',
      '',
      '# Quarterly access review',
    ),
    'evidence/2026-Q3/review.csv': 'user,decision\n',
    'vendors/github.md': lines('---', 'id: VEN-GITHUB', 'type: vendor', 'title: GitHub', 'owner: it-lead', 'criticality: medium', 'last_reviewed: 2026-06-01', '---'),
    'risks/payroll-fraud.md': lines(
      '---', 'id: RISK-001', 'type: risk', 'title: Payroll fraud', 'owner: cfo', 'category: fraud', 'criteria: [CC3.3]',
      'inherent: { likelihood: 3, impact: 4 }', 'residual: { likelihood: 2, impact: 4 }', 'treatment: mitigate', 'controls: [AC-01]', 'last_reviewed: 2026-06-01', '---',
    ),
    'risks/assessments/2026.md': lines('---', 'id: RA-2026', 'type: risk-assessment', 'title: Risk assessment 2026', 'owner: cfo', 'date: 2026-06-01', 'approved_by: ceo', 'risks: [RISK-001]', '---'),
  };
}

function edited(edit: (files: Record<string, string>) => void): Record<string, string> {
  const files = cleanFiles();
  edit(files);
  return files;
}

const withUnknownCriterion = (f: Record<string, string>): void => {
  f['policies/access.md'] = f['policies/access.md'].replace('criteria: [CC6.1]', 'criteria: [CC6.1, CC9.9]');
};

/** Two warnings and no error: a stale review and a missing review date. */
const withTwoWarnings = (f: Record<string, string>): void => {
  f['policies/access.md'] = f['policies/access.md'].replace('last_reviewed: 2026-06-01', 'last_reviewed: 2025-06-01');
  f['policies/other.md'] = lines('---', 'title: Acceptable use', 'owner: people-ops', 'criteria: [CC1.1]', '---');
};

const withoutOwner = (f: Record<string, string>): void => {
  f['controls/ac-01.md'] = f['controls/ac-01.md'].replace('owner: it-lead\n', '');
};

const usageCases: Array<[string, string[], RegExp]> = [
  ['an unknown command', ['chek'], /^compliance-docs: unknown command `chek`\. Did you mean `check`\?/],
  ['an unknown flag', ['check', '--frobnicate'], /^compliance-docs: unknown option `--frobnicate` for check\./],
  ['a flag of another command', ['coverage', '--max-warnings', '3'], /^compliance-docs: unknown option `--max-warnings` for coverage\./],
  ['a flag with no value', ['check', '--format'], /^compliance-docs: --format needs a value\./],
  ['a bad --format', ['check', '--format', 'xml'], /^compliance-docs: --format must be one of text, json, sarif for check, got `xml`/],
  ['a bad --format for coverage', ['coverage', '--format', 'sarif'], /^compliance-docs: --format must be one of text, json, md, csv, html, xlsx for coverage, got `sarif`/],
  ['a --today that is not a calendar day', ['check', '--today', '2026-02-30'], /^compliance-docs: --today `2026-02-30` is not a real date \(that month has no such day\)\./],
  ['a --today that is not a date', ['check', '--today', 'tomorrow'], /^compliance-docs: --today must be a date as YYYY-MM-DD, got `tomorrow`/],
  ['a --max-warnings that is not a number', ['check', '--max-warnings', 'some'], /^compliance-docs: --max-warnings must be a whole number \(negative for no limit\), got `some`/],
  ['an unknown option for lsp', ['lsp', '--foo'], /^compliance-docs: unknown option `--foo` for lsp\. Options: --stdio/],
  ['a directory that does not exist', ['check', 'no/such/folder'], /^compliance-docs: directory not found: no\/such\/folder/],
];

describe('compliance-docs check', function () {
  this.timeout(60000);
  const runs = new Runs();
  const json = (...a: string[]): string[] => ['--format', 'json', '--today', TODAY, ...a];
  runs
    .add('clean', () => ['check', repoOf(cleanFiles()), '--today', TODAY])
    .add('error', () => ['check', repoOf(edited(withUnknownCriterion)), ...json()])
    .add('config error', () => [
      'check',
      repoOf(
        edited((f) => {
          withUnknownCriterion(f);
          f['compliance-docs.yml'] = lines('categories: [security, avaliability]', 'rules:', '  uncovered-criterion: off');
        }),
      ),
      ...json(),
    ])
    .add('config warning', () => [
      'check',
      repoOf(edited((f) => (f['compliance-docs.yml'] = lines('categories: [security]', 'review:', '  due_son_days: 10', 'rules:', '  uncovered-criterion: off', '  config-invalid: warning')))),
      ...json(),
    ])
    .add('text', () => [
      'check',
      repoOf(
        edited((f) => {
          withUnknownCriterion(f);
          withoutOwner(f);
          f['policies/access.md'] = f['policies/access.md'].replace('last_reviewed: 2026-06-01', 'last_reviewed: 2025-06-01');
        }),
      ),
      '--today',
      TODAY,
    ])
    .add('color', () => ['check', repoOf(edited(withoutOwner)), '--today', TODAY, '--color'])
    .add('no config', () => ['check', repoOf(edited((f) => delete f['compliance-docs.yml'])), ...json()]);
  let warnings = '';
  runs
    .add('warnings', () => ['check', (warnings = repoOf(edited(withTwoWarnings))), ...json()])
    .add('max 2', () => ['check', warnings, '--today', TODAY, '--max-warnings', '2'])
    .add('max 1', () => ['check', warnings, '--today', TODAY, '--max-warnings', '1'])
    .add('max 0', () => ['check', warnings, '--today', TODAY, '--max-warnings', '0'])
    .add('max -1', () => ['check', warnings, '--today', TODAY, '--max-warnings', '-1']);
  for (const [what, args] of usageCases) runs.add(what, args);

  before(() => {
    ensureBuilt();
    runs.start();
  });
  after(removeTemps);

  describe('exit codes', () => {
    it('exits 0 and says so on a clean repository', async () => {
      const r = await runs.get('clean');
      assert.equal(r.stdout, 'No problems found.\nRead 5 documents (1 policy, 1 control, 1 vendor, 1 risk, 1 risk assessment).\n');
      assert.equal(r.stderr, '');
      assert.equal(r.code, 0);
    });

    it('exits 1 when an error is found', async () => {
      const r = await runs.get('error');
      assert.deepEqual(
        parseCheckJson(r).findings.map((f) => [f.path, f.line, f.column, f.code, f.severity]),
        [['policies/access.md', 5, 19, 'unknown-criterion', 'error']],
      );
      assert.equal(r.code, 1);
    });

    it('exits 0 with warnings, and with --max-warnings N when there are at most N', async () => {
      const [plain, two] = [await runs.get('warnings'), await runs.get('max 2')];
      assert.deepEqual(parseCheckJson(plain).summary, { errors: 0, warnings: 2, infos: 0, hints: 0 });
      assert.equal(plain.code, 0);
      assert.equal(two.code, 0);
      assert.equal(two.stderr, '');
    });

    it('takes a negative --max-warnings (as in `--max-warnings -1`) as no limit', async () => {
      const r = await runs.get('max -1');
      assert.equal(r.stderr, '');
      assert.equal(r.code, 0);
    });

    it('exits 1 when warnings exceed --max-warnings N, and says why on stderr', async () => {
      const [one, zero] = [await runs.get('max 1'), await runs.get('max 0')];
      assert.equal(one.code, 1);
      assert.equal(one.stderr, 'compliance-docs: 2 warnings, more than --max-warnings 1.\n');
      assert.equal(zero.code, 1);
    });

    it('exits 2 on a config-invalid error, after printing every finding', async () => {
      const r = await runs.get('config error');
      assert.deepEqual(
        parseCheckJson(r).findings.map((f) => [f.path, f.line, f.column, f.code]),
        [
          ['compliance-docs.yml', 1, 24, 'config-invalid'],
          ['policies/access.md', 5, 19, 'unknown-criterion'],
        ],
      );
      assert.equal(r.code, 2);
      assert.equal(r.stderr, 'compliance-docs: compliance-docs.yml has 1 error (config-invalid); fix the configuration.\n');
    });

    it('does not exit 2 when config-invalid is lowered to a warning', async () => {
      const r = await runs.get('config warning');
      assert.deepEqual(
        parseCheckJson(r).findings.map((f) => [f.line, f.code, f.severity]),
        [[3, 'config-invalid', 'warning']],
      );
      assert.equal(r.code, 0);
    });
  });

  describe('usage errors: exit 2, nothing on stdout, one line on stderr', () => {
    for (const [what, , reason] of usageCases) {
      it(`rejects ${what}`, async () => {
        const r = await runs.get(what);
        assert.equal(r.code, 2, r.stderr);
        assert.equal(r.stdout, '');
        assert.match(r.stderr, reason);
        assert.equal(r.stderr.split('\n').length, 2, `one line on stderr, got: ${r.stderr}`);
        assert.ok(r.stderr.endsWith('\n'));
      });
    }
  });

  describe('text format', () => {
    it('groups findings by file like eslint: file, then line:column, severity, message and code, then a summary', async () => {
      const r = await runs.get('text');
      assert.equal(
        r.stdout,
        lines(
          'controls/ac-01.md',
          '  1:1  info  No owner. Name the person or role accountable for this control (e.g. `owner: security-lead`); auditors ask who maintains each document.  missing-owner',
          '',
          'policies/access.md',
          '  5:19  error    `CC9.9` is not a SOC 2 criterion (CC9 ends at CC9.2). Did you mean CC9.2 or CC9.1?  unknown-criterion',
          '  7:16  warning  Last reviewed 2025-06-01; the annual review was due 2026-06-01, 168 days ago. Review the document, then update `last_reviewed`.  stale-review',
          '',
          '✖ 3 problems (1 error, 1 warning, 1 info)',
          'Read 5 documents (1 policy, 1 control, 1 vendor, 1 risk, 1 risk assessment).',
        ),
      );
      assert.equal(r.code, 1);
    });

    it('prints a finding repeated on 33 files once, with the count and the places, and counts per rule; JSON keeps each', async () => {
      const files: Record<string, string> = { 'compliance-docs.yml': lines('categories: [security]', 'rules:', '  uncovered-criterion: off') };
      for (let i = 1; i <= 33; i++) files[`procedures/step-${String(i).padStart(2, '0')}.md`] = lines(`# Step ${i}`, '', 'Do the thing.');
      const root = repoOf(files);
      const [text, json] = await Promise.all([runCli(['check', root, '--today', TODAY, '--no-cache']), runCli(['check', root, '--format', 'json', '--today', TODAY, '--no-cache'])]);
      const message = 'This procedure has no frontmatter, so neither its owner, its review date nor the criteria it meets can be read. Add a `---` block with id, owner, criteria and last_reviewed.';
      assert.equal(text.stdout.split(message).length - 1, 1, text.stdout);
      assert.match(text.stdout, new RegExp(`^33 times {2}warning {2}${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} {2}frontmatter-missing\n {2}at procedures/step-01\.md:1:1, procedures/step-02\.md:1:1,`, 'm'));
      for (let i = 1; i <= 33; i++) assert.ok(text.stdout.includes(`procedures/step-${String(i).padStart(2, '0')}.md:1:1`), String(i));
      assert.doesNotMatch(text.stdout, /^procedures\/step-/m, 'no per-file group repeats the message');
      // No program finding repeats what each document says (none has frontmatter to read).
      assert.match(text.stdout, /^✖ 35 problems \(0 errors, 35 warnings\)\nBy rule: 33 frontmatter-missing, 1 risk-register-missing, 1 vendor-inventory-missing\n/m);
      assert.equal(parseCheckJson(json).findings.filter((f) => f.code === 'frontmatter-missing').length, 33);
    });

    it('colours only when asked to or writing to a terminal', async () => {
      assert.doesNotMatch((await runs.get('text')).stdout, /\u001b\[/);
      assert.match((await runs.get('color')).stdout, /\u001b\[36minfo/);
    });
  });

  describe('json format', () => {
    it('prints the root, the date, a summary and each finding with its 1-based range', async () => {
      const report = parseCheckJson(await runs.get('warnings'));
      assert.equal(report.today, TODAY);
      assert.equal(report.root, warnings);
      assert.deepEqual(
        report.findings.map(({ message, ...rest }) => ({ ...rest, message: typeof message })),
        [
          { path: 'policies/access.md', line: 7, column: 16, endLine: 7, endColumn: 26, code: 'stale-review', severity: 'warning', message: 'string' },
          { path: 'policies/other.md', line: 1, column: 1, endLine: 1, endColumn: 4, code: 'missing-review-date', severity: 'warning', message: 'string' },
        ],
      );
    });

    it('places repository-wide findings without a config file on the root, with no range', async () => {
      const uncovered = parseCheckJson(await runs.get('no config')).findings.filter((f) => f.code === 'uncovered-criterion');
      // One per series with a gap; the 30 uncovered criteria are named in their messages (the fraud risk covers CC3.3).
      assert.equal(uncovered.length, 9);
      assert.equal(uncovered.flatMap((f) => f.message.split(' are in scope')[0].match(/\bCC\d\.\d\b/g) ?? []).length, 30);
      for (const f of uncovered) {
        assert.equal(f.path, '');
        assert.equal(f.line, undefined);
      }
    });
  });
});
