import assert from 'node:assert/strict';
import { DEFAULT_CONFIG, DEFAULT_EXCLUDE, DEFAULT_INCLUDE, inScopeCriteria, loadConfig, type LoadedConfig } from '../../server/src/core/config/config';
import { RULE_CODES } from '../../server/src/core/rules/registry';
import type { Span } from '../../server/src/core/model/types';
import { applyEdits, joinLines, marked } from '../helpers';

const PATH = 'compliance-docs.yml';

function load(text: string): LoadedConfig {
  return loadConfig(PATH, text, RULE_CODES);
}

/** Loads text with «markers» and asserts one config-invalid finding per marker, in order, matching `messages`. */
function expectProblems(textWithMarkers: string, ...messages: RegExp[]): LoadedConfig & { text: string; spans: Span[] } {
  const m = marked(textWithMarkers);
  const loaded = load(m.text);
  assert.deepEqual(
    loaded.findings.map((f) => [f.code, f.span]),
    m.spans.map((s) => ['config-invalid', s]),
    JSON.stringify(loaded.findings.map((f) => f.message)),
  );
  messages.forEach((re, i) => assert.match(loaded.findings[i].message, re));
  return { ...loaded, text: m.text, spans: m.spans };
}

/** The text after applying a finding's first fix. */
function fixed(text: string, loaded: LoadedConfig, i = 0): string {
  const change = loaded.findings[i].fixes?.[0].changes[0];
  assert.ok(change?.kind === 'edit', 'an edit fix');
  return applyEdits(text, change.edits);
}

describe('loading compliance-docs.yml', () => {
  describe('defaults', () => {
    it('uses every default when there is no config file', () => {
      const { config, findings } = loadConfig(undefined, undefined, RULE_CODES);
      assert.equal(config, DEFAULT_CONFIG);
      assert.deepEqual(findings, []);
      assert.deepEqual(config.categories, ['security']);
      assert.deepEqual(config.audit, { type: 'type1' });
      assert.deepEqual(config.review, { cycle: { years: 1, months: 0, days: 0 }, cycleText: 'annual', dueSoonDays: 30 });
      // No include: documents are found by folder names and frontmatter (auto), among all markdown files.
      assert.deepEqual(config.documents, { include: DEFAULT_INCLUDE, exclude: DEFAULT_EXCLUDE, auto: true });
      assert.deepEqual(DEFAULT_INCLUDE, ['**/*.md']);
      assert.deepEqual(DEFAULT_EXCLUDE, ['**/README.md']);
      assert.equal(inScopeCriteria(config).length, 33);
      assert.equal(config.anchor, undefined);
    });

    it('uses the defaults for an empty or comment-only file, anchored on its first line', () => {
      for (const text of ['', '# nothing yet\n']) {
        const { config, findings } = load(text);
        assert.deepEqual(findings, []);
        assert.equal(config.path, PATH);
        assert.deepEqual(config.categories, ['security']);
        assert.deepEqual(config.anchor, { start: 0, end: text.replace(/\n$/, '').length });
      }
    });

    it('reads a complete config', () => {
      const { config, findings } = load(
        joinLines(
          'framework: SOC 2',
          'categories: [privacy, availability, confidentiality, processing_integrity]',
          'audit:',
          '  type: Type II',
          '  period: { start: 2026-01-01, end: 2026-12-31 }',
          'review:',
          '  cycle: P6M',
          '  due_soon_days: 45',
          'documents:',
          '  include: ["./docs/**/*.md"]',
          '  exclude: []',
          'not_applicable:',
          '  CC6.4: No offices',
          'rules:',
          '  missing-owner: off',
          '  review-due-soon: warn',
          'fields:',
          '  last_reviewed: [last_reviewed, approval_date]',
          '',
        ),
      );
      assert.deepEqual(findings, []);
      assert.deepEqual(config.categories, ['security', 'availability', 'confidentiality', 'processing_integrity', 'privacy']);
      const { periodSpan, ...audit } = config.audit;
      assert.deepEqual(audit, { type: 'type2', period: { start: '2026-01-01', end: '2026-12-31' } });
      // Findings about the period sit on its value.
      assert.ok(periodSpan && periodSpan.end > periodSpan.start);
      assert.deepEqual(config.review, { cycle: { years: 0, months: 6, days: 0 }, cycleText: 'semiannual', dueSoonDays: 45 });
      assert.deepEqual(config.documents, { include: ['docs/**/*.md'], exclude: [], auto: false });
      assert.equal(config.notApplicable['CC6.4'].justification, 'No offices');
      assert.deepEqual(config.rules, { 'missing-owner': 'off', 'review-due-soon': 'warning' });
      assert.deepEqual(config.fields, { last_reviewed: ['last_reviewed', 'approval_date'] });
      assert.ok(Object.isFrozen(config));
    });
  });

  describe('each key is validated, on the offending key or value', () => {
    it('the file must parse, and be a mapping', () => {
      const broken = load('categories: [security\naudit: x\n');
      assert.equal(broken.findings.length, 1);
      assert.match(broken.findings[0].message, /^compliance-docs\.yml is not valid YAML: .*The defaults are used until it is fixed\.$/);
      assert.equal(broken.config.categories.length, 1);
      expectProblems(joinLines('«- security»', ''), /must be `key: value` settings, but it is a list/);
    });

    it('unknown keys, with the nearest known key as a fix', () => {
      const r = expectProblems(joinLines('«categores»: [security]', 'review:', '  «due_son_days»: 14', '«colour»: blue', ''), /^Unknown setting `categores`\. Did you mean `categories`\?/, /^Unknown setting `review\.due_son_days`\. Did you mean `due_soon_days`\?/, /^Unknown setting `colour`\. Known settings: framework, categories, audit,/);
      assert.equal(fixed(r.text, r, 1), joinLines('categores: [security]', 'review:', '  due_soon_days: 14', 'colour: blue', ''));
      assert.equal(r.findings[2].fixes, undefined);
      assert.equal(r.config.review.dueSoonDays, 30);
    });

    it('framework', () => {
      expectProblems('framework: «iso27001»\n', /^framework `iso27001` is not supported\. The only framework is `soc2`\./);
    });

    it('categories: each item a known category, security always in scope', () => {
      const r = expectProblems('categories: [«avaliability», confidentiality]\n', /^`avaliability` is not a SOC 2 category\./);
      assert.equal(r.findings[0].fixes?.[0].title, 'Change to `availability`');
      assert.deepEqual(r.config.categories, ['security', 'confidentiality']);
      assert.deepEqual(r.config.anchor, { start: 0, end: 'categories'.length });
    });

    it('categories: a bare value is not a list; the fix makes it one and the default applies meanwhile', () => {
      const r = expectProblems('categories: «security, availability»\n', /^`categories` must be a list, for example `categories: \[security, availability\]`\. Until it is, the default is used\.$/);
      assert.equal(fixed(r.text, r), 'categories: [security, availability]\n');
      assert.deepEqual(r.config.categories, ['security']);
      expectProblems('categories: «{security: yes}»\n', /^`categories` must be a list, but it is a mapping\./);
    });

    it('audit: type, period dates, an end before the start, a Type II with no period', () => {
      expectProblems(joinLines('audit:', '  type: «type3»', ''), /^audit\.type `type3` is not an audit type\. Use type1 or type2\./);
      const r = expectProblems(joinLines('audit:', '  type: type2', '  period: { start: «soon», end: «2026-02-30» }', ''), /^audit\.period\.start `soon` is not a date\. Write it as YYYY-MM-DD\./, /^audit\.period\.end `2026-02-30` is not a date\./);
      assert.deepEqual(r.config.audit, { type: 'type2' });
      expectProblems(joinLines('audit:', '  type: type2', '  period: «{ start: 2026-12-31, end: 2026-01-01 }»', ''), /^The audit period ends \(2026-01-01\) before it starts \(2026-12-31\)\./);
      expectProblems(joinLines('audit:', '  type: «type2»', ''), /^A Type II audit needs its observation period/);
      expectProblems(joinLines('audit:', '  period: «{ start: 2026-01-01 }»', ''), /^audit\.period needs an `end` date/);
      expectProblems(joinLines('audit: «type2»', ''), /^`audit` must be a group of settings \(type, period, fieldwork\), but it is a single value\./);
      expectProblems(joinLines('audit:', '  type: type1', '  period: «2026»', ''), /^`audit\.period` must be a group of settings \(start, end\), but it is a single value\./);
    });

    it('audit.fieldwork: the first day of fieldwork, a date', () => {
      assert.equal(load(joinLines('audit:', '  type: type1', '  fieldwork: 2027-01-18', '')).config.audit.fieldwork, '2027-01-18');
      const r = expectProblems(joinLines('audit:', '  type: type1', '  fieldwork: «next week»', ''), /^audit\.fieldwork `next week` is not a date\. Write the first day of fieldwork as YYYY-MM-DD\./);
      assert.equal(r.config.audit.fieldwork, undefined);
      expectProblems(joinLines('audit:', '  type: type1', '  fieldwork: «[2027-01-18]»', ''), /^audit\.fieldwork `a list` is not a date/);
    });

    it('review: cycle and due_soon_days', () => {
      const r = expectProblems(joinLines('review:', '  cycle: «yearly»', '  due_soon_days: «thirty»', ''), /^review\.cycle `yearly` is not a review cycle\./, /^review\.due_soon_days `thirty` must be a whole number of days/);
      assert.equal(r.config.review.cycleText, 'annual');
      assert.equal(r.config.review.dueSoonDays, 30);
      expectProblems(joinLines('review:', '  due_soon_days: «-5»', ''), /whole number of days/);
      assert.deepEqual(load(joinLines('review:', '  cycle: P90D', '')).config.review.cycleText, 'every 90 days');
    });

    it('documents: include and exclude are lists of globs inside the repository', () => {
      const r = expectProblems(joinLines('documents:', '  include: «policies/**/*.md»', '  exclude: [«../shared/**», «/etc/*.md», «C:/docs/*.md», "drafts/**"]', ''), /^`documents\.include` must be a list, for example `include: \[policies\/\*\*\/\*\.md\]`/, /points outside the repository/, /points outside the repository/, /points outside the repository/);
      assert.deepEqual(r.config.documents, { include: DEFAULT_INCLUDE, exclude: ['drafts/**'], auto: true });
      assert.equal(fixed(r.text, r), joinLines('documents:', '  include: [policies/**/*.md]', '  exclude: [../shared/**, /etc/*.md, C:/docs/*.md, "drafts/**"]', ''));
      const quoted = expectProblems(joinLines('documents:', '  exclude: «"**/README.md"»', ''), /must be a list/);
      assert.equal(fixed(quoted.text, quoted), joinLines('documents:', '  exclude: ["**/README.md"]', ''));
      expectProblems(joinLines('documents:', '  include: [policies/**/*.md, «{a: b}»]', ''), /^Each item of `documents\.include` must be a single value, but this one is a mapping\./);
    });

    it('not_applicable: known criteria, each with a justification', () => {
      const r = expectProblems(
        joinLines('not_applicable:', '  «CC6.9»: "No such thing"', '  «cc6.4»: "Lower case"', '  «CC6.5»:', '  CC6.6: «"  "»', '  CC7.1: "Monitoring is done by the provider"', ''),
        /^`CC6\.9` is not a SOC 2 criterion; did you mean/,
        /^`cc6\.4` is not a SOC 2 criterion; did you mean CC6\.4\?/,
        /^CC6\.5 is scoped out without a justification\./,
        /^CC6\.6 is scoped out without a justification\./,
      );
      assert.deepEqual(Object.keys(r.config.notApplicable), ['CC7.1']);
      assert.equal(r.findings[1].fixes?.[0].title, 'Change to `CC6.4`');
      expectProblems('not_applicable: «CC6.4»\n', /^`not_applicable` must map criterion IDs to justifications/);
    });

    it('rules: known rule codes and severities', () => {
      const r = expectProblems(joinLines('rules:', '  «missing-ownr»: off', '  stale-review: «loud»', '  draft-covers-nothing: «[info]»', '  missing-evidence: error', ''), /^`missing-ownr` is not a rule\. Did you mean `missing-owner`\?/, /^The severity of `stale-review` must be one of error, warning, info, hint, off\./, /^The severity of `draft-covers-nothing`/);
      assert.deepEqual(r.config.rules, { 'missing-evidence': 'error' });
      expectProblems('rules: «[missing-owner]»\n', /^`rules` must map rule codes to a severity/);
    });

    it('fields: known canonical fields, each a list of keys', () => {
      const r = expectProblems(joinLines('fields:', '  «last_review»: [approval_date]', '  owner: «document_owner»', '  criteria: [criteria, tsc]', ''), /^`last_review` is not a field that can be aliased\. Did you mean `last_reviewed`\?/, /^`fields\.owner` must be a list, for example `owner: \[document_owner\]`/);
      assert.deepEqual(r.config.fields, { criteria: ['criteria', 'tsc'] });
      expectProblems('fields: «[owner]»\n', /^`fields` must map field names to the keys that hold them/);
    });

    it('types: path globs and type values onto document types', () => {
      const { config, findings } = load(joinLines('types:', '  "handbook/runbooks/**": procedure', '  ./ops/*.md: Control', '  Standard: policy', '  Security-Register: procedure', ''));
      assert.deepEqual(findings, []);
      assert.deepEqual(config.types, {
        globs: [
          { glob: 'handbook/runbooks/**', type: 'procedure' },
          { glob: 'ops/*.md', type: 'control' },
        ],
        values: [
          ['standard', 'policy'],
          ['security register', 'procedure'],
        ],
      });
      assert.deepEqual(DEFAULT_CONFIG.types, { globs: [], values: [] });
    });

    it('types: unknown types, values that are not text, prototype names, product types as keys, duplicates and paths outside', () => {
      const r = expectProblems(
        joinLines(
          'types:',
          '  Standard: «policies»',
          '  Register: «[procedure]»',
          '  «__proto__»: policy',
          '  «Constructor»: policy',
          '  «Policy»: procedure',
          '  «standard»: control',
          '  «../other/**»: policy',
          '  Plan: «12»',
          '  «Runbook»:',
          '  Guideline: policy',
          '',
        ),
        /^`policies` is not a document type\. Use one of: policy, procedure, control, narrative, vendor, risk, risk-assessment\. Did you mean `policy`\?/,
        /^The type of `Register` must be one of policy, procedure, control, narrative, vendor, risk, risk-assessment, but it is a list/,
        /^`__proto__` cannot be a key of `types`/,
        /^`Constructor` cannot be a key of `types`/,
        /^`Policy` is already a document type/,
        /^`standard` is mapped twice in `types` \(first as `Standard`/,
        /^`\.\.\/other\/\*\*` points outside the repository/,
        /^The type of `Plan` must be one of/,
        /^The type of `Runbook` must be one of .*, but it is empty\./,
      );
      assert.equal(fixed(r.text, r), r.text.replace('Standard: policies', 'Standard: policy'));
      assert.deepEqual(r.config.types, { globs: [], values: [['guideline', 'policy']] });
      expectProblems('types: «[policy]»\n', /^`types` must map path globs or type values to a document type/);
    });

    it('keeps everything it could read when other keys are wrong', () => {
      const r = expectProblems(joinLines('categories: [security, availability]', 'review:', '  due_soon_days: «x»', 'rules:', '  missing-owner: warning', ''), /whole number/);
      assert.deepEqual(r.config.categories, ['security', 'availability']);
      assert.equal(r.config.rules['missing-owner'], 'warning');
    });
  });

  describe('where new not_applicable entries go', () => {
    it('after the last entry of a block map, at its indentation', () => {
      const text = joinLines('not_applicable:', '    CC6.4: "No offices"', 'rules: {}', '');
      assert.deepEqual(load(text).config.notApplicableInsert, { offset: text.indexOf('rules'), prefix: '', indent: '    ' });
    });

    it('in a new section at the end when there is none', () => {
      assert.deepEqual(load('categories: [security]').config.notApplicableInsert, { offset: 22, prefix: '\nnot_applicable:\n', indent: '  ' });
    });
  });
});
