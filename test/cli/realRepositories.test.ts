// The shapes of programs written outside this project (a policy website, a document-control set with
// a central mapping table, a comply repository), checked with no configuration through the CLI. The
// fixtures are our own text in those shapes.

import assert from 'node:assert/strict';
import * as path from 'node:path';
import * as fs from 'node:fs';
import { ensureBuilt, FIXTURES, keysOf, parseCheckJson, removeTemps, runCli, Runs, tempDir, TODAY, writeFiles } from './cli';

const REAL = path.join(FIXTURES, 'real');
const check = (dir: string, ...more: string[]): string[] => ['check', dir, '--today', TODAY, '--no-cache', '--format', 'json', ...more];

describe('checking programs written for other tools, with no configuration', () => {
  const runs = new Runs();
  let empty = '';
  runs
    .add('site', () => check(path.join(REAL, 'site-policies')))
    .add('site text', () => ['check', path.join(REAL, 'site-policies'), '--today', TODAY, '--no-cache'])
    .add('site sarif', () => ['check', path.join(REAL, 'site-policies'), '--today', TODAY, '--no-cache', '--format', 'sarif'])
    .add('doc-control', () => check(path.join(REAL, 'doc-control')))
    .add('comply', () => check(path.join(REAL, 'comply-stale')))
    .add('comply coverage', () => ['coverage', path.join(REAL, 'comply-stale'), '--today', TODAY, '--no-cache'])
    .add('empty', () => check((empty = writeFiles(tempDir(), { 'README.md': '# Nothing here yet\n', 'notes/ideas.md': 'Some ideas.\n' }))))
    .add('empty text', () => ['check', empty, '--today', TODAY, '--no-cache'])
    .add('named', () =>
      check(
        writeFiles(tempDir(), {
          'README.md': '# Engineering policies\n',
          'secure-coding/secure_coding_policy.md': '# Secure coding policy\n\n**Owner:** Head of Engineering\n',
          'secure-coding/README.md': '# Secure coding\n',
          'docs/Procurement+Policy.md': '# Procurement policy\n',
          'docs/policy-ideas.md': '# Ideas for new policies\n',
          'docs/vendors.md': '# The vendors we use\n',
          'ops/Backup SOP.md': '# Backup SOP\n',
        }),
      ),
    )
    .add('pack', () => {
      const table = (soc2: string[], iso: string[]): string =>
        ['## Compliance Mapping', '', '| Framework | Control | Description |', '|---|---|---|', ...soc2.map((c) => `| SOC 2 | ${c} | What it covers |`), ...iso.map((c) => `| ISO 27001 | ${c} | What it covers |`), ''].join('\n');
      return check(
        writeFiles(tempDir(), {
          'company.example.yml': 'COMPANY_NAME: "Example Co"\nSECURITY_LEAD: "IT Manager"\n',
          'policies/01-access-control.md': `# Access control\n\n{{COMPANY_NAME}} grants access through {{SECURITY_LEAD}}. See the [continuity policy](03-business-continuity-disaster-recovery.md).\n\n${table(['CC6.1', 'CC6.2'], ['A.5.15', 'A.5.16', 'A.5.17', 'A.8.2', 'A.8.5'])}`,
          'policies/02-incident-response.md': `# Incident response\n\nTODO: name the on-call rota.\n\n${table(['CC7.3', 'CC7.4'], ['A.5.24'])}`,
          'policies/03-business-continuity-dr.md': `# Business continuity\n\nBackups are restored every quarter.\n\n${table(['CC9.1', 'A1.2'], ['A.5.29', 'A.5.30', 'A.8.13'])}`,
        }),
      );
    });

  runs.add('related', () => {
    const fm = (title: string, related: string): string => `---\ntitle: ${title}\napprover: CEO\neffective_date: 2026-08-19\nreview_frequency: Annual\nstatus: Approved\nrelated:\n${related}\nrepo: https://example.com/policies\n---\n\n# ${title}\n\n`;
    return check(
      writeFiles(tempDir(), {
        'policies/Access Control Policy/access-control-policy-2026.md': `${fm('Access Control Policy', '  standards:\n    - SOC 2 CC6.1–CC6.3\n    - ISO/IEC 27001 Annex A: A.9\n  procedures:\n    - Access Provisioning Procedure')}Access is granted on least privilege.\n`,
        'policies/Risk Management Policy/risk-management-policy-2026.md': `${fm('Risk Management Policy', '  standards:\n    - NIST SP 800-30\n  controls:\n    - SOC 2 CC3.1, CC3.2')}Risks are assessed each year.\n`,
        'policies/Code of Conduct/code-of-conduct-2026.md': `${fm('Code of Conduct', '  standards: []\n  controls: []')}Staff act with integrity.\n\n## Definitions (TSC footnotes)\n\n- CC5.3: policies and procedures.\n\n## TSC Mapping\n- CC1.1, CC1.4: integrity and competence\n- CC2.2 (Communication)\n`,
        'policies/Operations Security Policy/operations-security-policy-2026.md': `${fm('Operations Security Policy', '  standards:\n    - SOC 2 Type II')}Systems are hardened.\n`,
        'policies/Incident Response Plan/communication-templates.md': '# Customer notice\n\nDear [Customer Name], on [DATE] we found…\n',
        'soc2-matrix.md': '| Criterion | Document |\n|---|---|\n| CC8.1 | [Change management](engineering/change-management.md) |\n',
        'engineering/change-management.md': '# Change management\n\nEvery change is reviewed before it ships.\n',
        'engineering/onboarding-notes.md': '# Onboarding notes\n',
      }),
    );
  });

  before(() => {
    ensureBuilt();
    runs.start();
  });
  after(removeTemps);

  describe('a policy website (index.md pages, policy: true, last_updated, site-root links)', () => {
    it('reads each page as a policy and passes over the rest, saying why', async () => {
      const r = parseCheckJson(await runs.get('site'));
      assert.deepEqual(r.documents.map((d) => [d.path, d.type]), [
        ['access-control/index.md', 'policy'],
        ['incident-response/index.md', 'policy'],
        ['passwords/index.md', 'policy'],
        ['vendor/index.md', 'policy'],
      ]);
      assert.deepEqual(r.skipped.map((s) => s.path), ['README.md', '_index.md', 'faq/index.md']);
      assert.match(r.skipped[2].reason, /policy: false/);
    });

    it('treats site-root links as cross-references: a broken one is a broken-link warning with a did-you-mean, never evidence', async () => {
      const res = await runs.get('site');
      const r = parseCheckJson(res);
      assert.equal(r.findings.filter((f) => f.code === 'broken-evidence-link').length, 0);
      const broken = r.findings.filter((f) => f.code === 'broken-link');
      assert.deepEqual(keysOf(broken), ['access-control/index.md:17 broken-link', 'vendor/index.md:15 broken-link']);
      assert.ok(broken.every((f) => f.severity === 'warning'));
      assert.match(broken[0].message, /Did you mean `\/security-policies\/incident-response\/`\?/);
      // last_updated is the review date: the page last updated in 2025 is overdue.
      assert.deepEqual(keysOf(r.findings.filter((f) => f.code === 'stale-review')), ['incident-response/index.md:6 stale-review']);
      assert.match(r.findings.find((f) => f.code === 'stale-review')?.message ?? '', /update `last_updated`/);
      assert.equal(res.code, 0, 'warnings only');
    });

    it('says what it read in the text report and in SARIF run properties', async () => {
      assert.match((await runs.get('site text')).stdout, /\nRead 4 documents \(4 policies\); passed over 3 other markdown files/);
      const sarif = JSON.parse((await runs.get('site sarif')).stdout) as { runs: Array<{ properties: { documents: number; documentsByType: Record<string, number>; skippedMarkdownFiles: number } }> };
      assert.equal(sarif.runs[0].properties.documents, 4);
      assert.equal(sarif.runs[0].properties.documentsByType.policy, 4);
      assert.equal(sarif.runs[0].properties.skippedMarkdownFiles, 3);
    });
  });

  describe('a document-control set (doc_type, approval_date, references text, a central mapping table)', () => {
    it('maps policies from the central table and from criteria written in references', async () => {
      const r = parseCheckJson(await runs.get('doc-control'));
      const criteria = Object.fromEntries(r.documents.map((d) => [d.path, d.criteria]));
      assert.deepEqual(criteria['policies/Access-Control-Policy.md'], ['CC6.1']);
      assert.deepEqual(criteria['policies/Identity-Policy.md'], ['CC6.1', 'CC6.2']);
      assert.deepEqual(criteria['policies/Logging-Policy.md'], ['CC7.2']);
      assert.deepEqual(criteria['procedures/Access-Provisioning-Procedure.md'], ['CC6.1', 'CC6.2']);
      assert.deepEqual(criteria['plans/Incident-Response-Plan.md'], ['CC7.3', 'CC7.4', 'CC7.5']);
      assert.deepEqual(criteria['policies/Clean-Desk-Policy.md'], []);
      const types = Object.fromEntries(r.documents.map((d) => [d.path, d.type]));
      assert.equal(types['standards/Log-Retention-Standard.md'], 'policy');
      assert.equal(types['plans/Incident-Response-Plan.md'], 'procedure');
      assert.ok(r.documents.every((d) => d.status === 'draft'));
      assert.deepEqual(r.skipped.map((s) => s.path), ['README.md', 'WRITING-PLAN.md']);
    });

    it('reports series, a program with nothing approved, and unmapped documents only where nothing maps them', async () => {
      const r = parseCheckJson(await runs.get('doc-control'));
      assert.deepEqual(keysOf(r.findings.filter((f) => f.code === 'criterion-series')), ['policies/Access-Control-Policy.md:17 criterion-series', 'policies/Access-Control-Policy.md:17 criterion-series']);
      assert.deepEqual(keysOf(r.findings.filter((f) => f.code === 'unmapped-document')), ['policies/Clean-Desk-Policy.md:1 unmapped-document']);
      const notApproved = r.findings.filter((f) => f.code === 'program-not-approved');
      assert.equal(notApproved.length, 1);
      assert.match(notApproved[0].message, /None of the 9 documents is approved/);
      // Paths in related_documents are not references to ids; nothing approved repeats no per-criterion gap.
      for (const code of ['unknown-reference', 'uncovered-criterion', 'field-invalid', 'broken-evidence-link']) assert.equal(r.findings.filter((f) => f.code === code).length, 0, code);
      // The table's link to a policy that does not exist is a broken cross-reference.
      assert.deepEqual(keysOf(r.findings.filter((f) => f.code === 'broken-link')), ['coordination/mappings/SOC2-TSC-Req-to-Docs.md:17 broken-link']);
    });

    it('no suggested criterion fits every document', async () => {
      const r = parseCheckJson(await runs.get('doc-control'));
      const message = r.findings.find((f) => f.code === 'unmapped-document')?.message ?? '';
      assert.doesNotMatch(message, /CC5\.3/);
    });
  });

  describe('a comply repository (satisfies, majorRevisions)', () => {
    it('shows policies years past their review as claimed (stale), and names majorRevisions in fixes', async () => {
      const cov = await runs.get('comply coverage');
      assert.match(cov.stdout, /CC6\.1  claimed \(stale\)/);
      assert.match(cov.stdout, /CC7\.3  claimed {9}/, 'the fresh incident policy');
      const r = parseCheckJson(await runs.get('comply'));
      assert.deepEqual(keysOf(r.findings.filter((f) => f.code === 'stale-review')).sort(), ['narratives/security.md:8 stale-review', 'policies/access.md:9 stale-review', 'policies/encryption.md:8 stale-review', 'policies/vendor.md:7 stale-review']);
      const missing = r.findings.filter((f) => f.code === 'missing-review-date');
      assert.deepEqual(keysOf(missing), ['procedures/offboarding.md:1 missing-review-date', 'procedures/patch.md:1 missing-review-date']);
      assert.ok(missing.every((f) => /majorRevisions/.test(f.message) && !/last_reviewed/.test(f.message)));
    });
  });

  describe('init in an existing program', () => {
    for (const name of ['site-policies', 'doc-control', 'comply-stale']) {
      it(`writes, in ${name}, the config with which check reads every document the repository means as one`, async () => {
        const dir = tempDir();
        fs.cpSync(path.join(REAL, name), dir, { recursive: true });
        const init = await runCli(['init', dir, '--today', TODAY]);
        assert.equal(init.code, 0, init.stderr);
        assert.match(init.stdout, /^Found \d+ documents/);
        assert.ok(!fs.existsSync(path.join(dir, 'policies', 'access-control.md')) || name === 'comply-stale', 'no starter documents in an existing program');
        const config = fs.readFileSync(path.join(dir, 'compliance-docs.yml'), 'utf8');
        assert.match(config, /documents:\n {2}include:/);
        // Types read from doc_type: the config says how to map them otherwise.
        if (name === 'doc-control') assert.match(config, /^# Types are read from doc_type: .*\n# To type documents otherwise.*\n# types:\n# {3}Register: policy$/m);
        const before = parseCheckJson(await runCli(check(path.join(REAL, name))));
        const after = parseCheckJson(await runCli(check(dir)));
        assert.deepEqual(after.documents, before.documents);
        assert.equal(after.findings.filter((f) => f.code === 'config-invalid').length, 0, JSON.stringify(after.findings.filter((f) => f.code === 'config-invalid')));
        const again = await runCli(['init', dir, '--today', TODAY]);
        assert.equal(again.code, 2, 'never overwrites');
      });
    }
  });

  describe('policies kept in folders named for their topic', () => {
    it('reads a file whose name ends in what it is, and passes over a bare kind or one named elsewhere in the name', async () => {
      const r = parseCheckJson(await runs.get('named'));
      assert.deepEqual(r.documents.map((d) => [d.path, d.type]), [
        ['docs/Procurement+Policy.md', 'policy'],
        ['ops/Backup SOP.md', 'procedure'],
        ['secure-coding/secure_coding_policy.md', 'policy'],
      ]);
      assert.deepEqual(r.skipped.map((s) => s.path), ['README.md', 'docs/policy-ideas.md', 'docs/vendors.md', 'secure-coding/README.md']);
      assert.deepEqual(keysOf(r.findings).filter((k) => !k.startsWith(':')), ['docs/Procurement+Policy.md:1 frontmatter-missing', 'ops/Backup SOP.md:1 frontmatter-missing', 'secure-coding/secure_coding_policy.md:1 frontmatter-missing']);
    });
  });

  describe('a template pack (policies without frontmatter, SOC 2 and ISO rows in one table, {{KEY}} markers a script fills)', () => {
    it('maps each policy from its SOC 2 rows, reports TODO but not the markers, and suggests the page a link spells out', async () => {
      const r = parseCheckJson(await runs.get('pack'));
      assert.deepEqual(r.documents.map((d) => [d.path, d.criteria]), [
        ['policies/01-access-control.md', ['CC6.1', 'CC6.2']],
        ['policies/02-incident-response.md', ['CC7.3', 'CC7.4']],
        // Two SOC 2 rows of five: the ISO rows do not count against them.
        ['policies/03-business-continuity-dr.md', ['CC9.1', 'A1.2']],
      ]);
      const placeholders = r.findings.filter((f) => f.code === 'placeholder-text');
      assert.deepEqual(placeholders.map((f) => [f.path, f.line]), [['policies/02-incident-response.md', 3]]);
      const link = r.findings.find((f) => f.code === 'broken-link');
      assert.equal(link?.path, 'policies/01-access-control.md');
      assert.match(link?.message ?? '', /Did you mean `03-business-continuity-dr\.md`\?/);
      assert.deepEqual(r.findings.filter((f) => f.code === 'unmapped-document'), []);
    });
  });

  describe('policies that keep their criteria under related: and in a closing TSC Mapping list, and a matrix linking a plain page', () => {
    it('maps each policy from what it relates to and lists, makes the linked page a document, and reports only what maps nothing', async () => {
      const r = parseCheckJson(await runs.get('related'));
      assert.deepEqual(r.documents.map((d) => [d.path, d.type, d.criteria]), [
        ['engineering/change-management.md', 'narrative', ['CC8.1']],
        ['policies/Access Control Policy/access-control-policy-2026.md', 'policy', ['CC6.1', 'CC6.2', 'CC6.3']],
        ['policies/Code of Conduct/code-of-conduct-2026.md', 'policy', ['CC1.1', 'CC1.4', 'CC2.2']],
        ['policies/Operations Security Policy/operations-security-policy-2026.md', 'policy', []],
        ['policies/Risk Management Policy/risk-management-policy-2026.md', 'policy', ['CC3.1', 'CC3.2']],
      ]);
      assert.deepEqual(r.skipped.map((s) => s.path), ['engineering/onboarding-notes.md', 'policies/Incident Response Plan/communication-templates.md', 'soc2-matrix.md']);
      assert.deepEqual(
        r.findings.filter((f) => f.code === 'unmapped-document' || f.code === 'frontmatter-missing' || f.code === 'placeholder-text').map((f) => `${f.path} ${f.code}`),
        ['engineering/change-management.md frontmatter-missing', 'policies/Operations Security Policy/operations-security-policy-2026.md unmapped-document'],
      );
      assert.match(r.findings.find((f) => f.code === 'frontmatter-missing')?.message ?? '', /the table in soc2-matrix\.md maps it to CC8\.1, where it counts only as a claim/);
    });
  });

  describe('a folder with no program', () => {
    it('is an error, not "no problems"', async () => {
      const res = await runs.get('empty');
      const r = parseCheckJson(res);
      assert.deepEqual(keysOf(r.findings), [':- no-documents']);
      assert.equal(res.code, 1);
      assert.deepEqual(r.documents, []);
      assert.deepEqual(r.skipped.map((s) => s.path), ['README.md', 'notes/ideas.md']);
      assert.doesNotMatch((await runs.get('empty text')).stdout, /No problems found/);
    });
  });
});
