// Reading programs written for other tools or by hand, with no configuration: which files are
// documents, their types, fields under other names, and criteria written as text. Each reader has a
// case that uses it and one that must not be misread.

import assert from 'node:assert/strict';
import { parseComplianceDocument } from '../../server/src/core/parse/document';
import { criteriaInText } from '../../server/src/core/parse/criteriaText';
import { expectNone, findingsOf, joinLines, workspaceOf } from '../helpers';

const ids = (text: string): string[] => criteriaInText(text).map((m) => (m.kind === 'series' ? `series:${m.id}` : m.id));

describe('reading existing programs', () => {
  describe('discovery without documents.include', () => {
    const ws = workspaceOf({
      'security-policies/access-control/index.md': '---\ntitle: Access control\n---\n# Access\n',
      'Standards/Crypto-Standard.md': '# Cryptography\n',
      'handbook/onboarding.md': '---\ntitle: Onboarding\ndoc_type: Procedure\n---\n',
      'handbook/blog.md': '---\ntitle: Our offsite\ndate: 2026-01-01\n---\n',
      'site/faq/index.md': '---\ntitle: FAQ\npolicy: false\n---\n',
      'evidence/2026-Q1/notes.md': '---\ncriteria: [CC6.1]\n---\n',
      'README.md': '# Our program\n',
      'templates/_TEMPLATE-Policy.md': '---\ntitle: "[Policy Title]"\ndoc_type: Policy\n---\n',
      'CONTRIBUTING.md': 'How to contribute.\n',
      'compliance/agents/AGENT-template.md': '---\nowner: "{{owner_name}}"\nlast_reviewed: "{{created_date}}"\n---\n',
      // A file of templates beside a policy: its [Customer Name] fields are meant to stay.
      'policies/incident-response/communication-templates.md': '# Customer notice\n\nDear [Customer Name],\n',
      // A folder named for the templates it holds; not one whose name only contains the word.
      'Policy Templates/Access Control Policy.md': '# [Company Name] Access Control Policy\n',
      'policies/mytemplates-policy.md': '# Templates policy\n',
      // A form to sign beside the policies is not one; a policy named for acknowledgements still is.
      'policy/signature.md': '## Acknowledgement\n\nI have read the policies.\n\n______\n\nSignature\n',
      'policies/acknowledgement-policy.md': '# Acknowledgement policy\n',
      // A tool's test data, written to be wrong: never the program, whatever its frontmatter.
      'fixtures/policies/invalid-access.md': '---\ntitle: Access\ncriteria: [CC6.1\n---\n',
      'testdata/controls/ac-1.md': '---\ntype: control\ncriteria: [CC6.1]\n---\n',
      // A tool's theme, the program its init copies (comply's format): templates, not a second program.
      'themes/comply-soc2/policies/access.md': 'name: Access Onboarding and Termination Policy\nacronym: AOTP\nsatisfies:\n  TSC:\n    - CC6.1\nmajorRevisions:\n  - date: Jun 1 2018\n    comment: Initial document\n---\n\n# Access\n',
      // Beside the documents, not documents: a folder's README, a license, reference material,
      // archives and tooling in hidden folders, unless their frontmatter says they are documents.
      'policies/NOTES.md': '# Notes on these policies\n',
      'policies/access/NOTES.md': '---\ntitle: Access\nlast_reviewed: 2026-01-01\n---\n',
      'risks/data/LICENSE.md': 'MIT License\n',
      'controls/references/NIST-800-53.pdf.md': '# NIST SP 800-53\n',
      'controls/archive/AC-9.md': '---\ntitle: Old access review\n---\n',
      'controls/archive/AC-8.md': '---\ncriteria: [CC6.1]\nstatus: retired\n---\n',
      '.skills/narrative/SKILL.md': '---\nname: narrative\ndescription: Writes narratives\n---\n',
      'policies/acknowledgments/jane-2026.md': '# Jane Doe read the policies on 2026-01-05\n',
      'docs/plans/convert-party-to-list-0517d6ce.plan.md': '<!-- 0517d6ce -->\n# Convert the party field to a list\n\n- Add the model to [schema](backend/schema.prisma)\n',
      // A name that ends in what the file is makes it a document in any folder; a bare kind, or a
      // kind elsewhere in the name, does not.
      'secure-coding/secure_coding_policy.md': '# Secure coding policy\n',
      'engineering/AI-Tool-Usage-Policy.md': '---\ntitle: AI tools\n---\n# AI tools\n',
      'handbook/vendors.md': '# Vendors we use\n',
      'docs/Procurement+Policy.md': '# Procurement policy\n',
      'handbook/policy-ideas.md': '# Ideas for policies\n',
    });

    it('reads files under folders named for documents at any depth, and files with compliance frontmatter', () => {
      assert.deepEqual([...ws.documents()].map((d) => d.path).sort(), ['Standards/Crypto-Standard.md', 'controls/archive/AC-8.md', 'docs/Procurement+Policy.md', 'engineering/AI-Tool-Usage-Policy.md', 'handbook/onboarding.md', 'policies/access/NOTES.md', 'policies/acknowledgement-policy.md', 'policies/mytemplates-policy.md', 'secure-coding/secure_coding_policy.md', 'security-policies/access-control/index.md']);
      assert.equal(ws.factsOf('secure-coding/secure_coding_policy.md')?.type, 'policy');
      // Its folder still gives the type of a document its frontmatter makes one.
      assert.equal(ws.factsOf('controls/archive/AC-8.md')?.type, 'control');
    });

    it('types a folder by the first kind it names, and a file in a folder of two kinds by its own name', () => {
      const w = workspaceOf({
        'Policies & Procedures/Access Control.md': '# Access control\n',
        'Policies & Procedures/Backup-Procedure.md': '# Backups\n',
        'policy-documents/encryption.md': '# Encryption\n',
        // A singular kind before another word is not a folder of documents.
        'policy-ideas/encryption.md': '# Ideas for an encryption policy\n',
      });
      assert.deepEqual([...w.documents()].map((d) => [d.path, w.factsOf(d.path)?.type]).sort(), [
        ['Policies & Procedures/Access Control.md', 'policy'],
        ['Policies & Procedures/Backup-Procedure.md', 'procedure'],
        ['policy-documents/encryption.md', 'policy'],
      ]);
      assert.deepEqual(w.skipped().map((s) => s.path), ['policy-ideas/encryption.md']);
    });

    it('passes over an example program beside the program, whatever its frontmatter; reads one alone', () => {
      const comply = 'name: Access Onboarding and Termination Policy\nacronym: AOTP\nsatisfies:\n  TSC:\n    - CC6.1\nmajorRevisions:\n  - date: Jun 1 2018\n    comment: Initial document\n---\n\n# Access\n';
      const w = workspaceOf({ 'policies/access.md': comply, 'example/policies/access.md': comply, 'docs/samples/controls/ac-1.md': '---\ntype: control\nid: AC-1\ncriteria: [CC6.1]\n---\n' });
      assert.deepEqual([...w.documents()].map((d) => d.path), ['policies/access.md']);
      const skipped = new Map(w.skipped().map((x) => [x.path, x.reason]));
      for (const p of ['example/policies/access.md', 'docs/samples/controls/ac-1.md']) assert.match(skipped.get(p) ?? '', /an example \(under an examples or samples folder\)/, p);
      expectNone(w, 'policies/access.md', 'duplicate-id');
      // Alone, the example is what there is to read (a tool's repository and its example program).
      const alone = workspaceOf({ 'example/policies/access.md': comply, 'themes/soc2/policies/access.md': comply, 'internal/cli.md': '# CLI\n' });
      assert.deepEqual([...alone.documents()].map((d) => d.path), ['example/policies/access.md']);
      // A program appearing beside it, or going, gives what a check from scratch gives.
      const snapshot = (x: typeof w): string => JSON.stringify([[...x.documents()].map((d) => d.path), x.skipped(), [...x.documents()].map((d) => findingsOf(x, d.path).map((f) => f.code))]);
      alone.addFile('policies/access.md', { kind: 'file', size: comply.length });
      alone.upsertDocument(parseComplianceDocument('policies/access.md', comply, alone.parseSettings()));
      assert.equal(snapshot(alone), snapshot(workspaceOf({ 'example/policies/access.md': comply, 'themes/soc2/policies/access.md': comply, 'internal/cli.md': '# CLI\n', 'policies/access.md': comply })));
      alone.removeDocument('policies/access.md');
      alone.deleteFile('policies/access.md');
      alone.deleteFile('policies');
      assert.equal(snapshot(alone), snapshot(workspaceOf({ 'example/policies/access.md': comply, 'themes/soc2/policies/access.md': comply, 'internal/cli.md': '# CLI\n' })));
    });

    it('passes over the rest, saying why', () => {
      const skipped = new Map(ws.skipped().map((s) => [s.path, s.reason]));
      assert.deepEqual([...skipped.keys()], ['.skills/narrative/SKILL.md', 'CONTRIBUTING.md', 'Policy Templates/Access Control Policy.md', 'README.md', 'compliance/agents/AGENT-template.md', 'controls/archive/AC-9.md', 'controls/references/NIST-800-53.pdf.md', 'docs/plans/convert-party-to-list-0517d6ce.plan.md', 'evidence/2026-Q1/notes.md', 'fixtures/policies/invalid-access.md', 'handbook/blog.md', 'handbook/policy-ideas.md', 'handbook/vendors.md', 'policies/NOTES.md', 'policies/acknowledgments/jane-2026.md', 'policies/incident-response/communication-templates.md', 'policy/signature.md', 'risks/data/LICENSE.md', 'site/faq/index.md', 'templates/_TEMPLATE-Policy.md', 'testdata/controls/ac-1.md', 'themes/comply-soc2/policies/access.md']);
      assert.match(skipped.get('policies/NOTES.md') ?? '', /README, LICENSE.*no frontmatter/);
      assert.match(skipped.get('risks/data/LICENSE.md') ?? '', /README, LICENSE.*no frontmatter/);
      assert.match(skipped.get('docs/plans/convert-party-to-list-0517d6ce.plan.md') ?? '', /plan of work.*\.plan\.md/);
      for (const p of ['controls/references/NIST-800-53.pdf.md', 'controls/archive/AC-9.md', '.skills/narrative/SKILL.md', 'policies/acknowledgments/jane-2026.md', 'policy/signature.md']) assert.match(skipped.get(p) ?? '', /reference material, attachments, records, archives.*hidden folder/, p);
      assert.match(skipped.get('templates/_TEMPLATE-Policy.md') ?? '', /template/);
      assert.match(skipped.get('compliance/agents/AGENT-template.md') ?? '', /template/);
      assert.match(skipped.get('Policy Templates/Access Control Policy.md') ?? '', /template/);
      assert.match(skipped.get('themes/comply-soc2/policies/access.md') ?? '', /templates or themes folder/);
      for (const p of ['fixtures/policies/invalid-access.md', 'testdata/controls/ac-1.md']) assert.match(skipped.get(p) ?? '', /test data of a tool/, p);
      assert.match(skipped.get('handbook/blog.md') ?? '', /frontmatter has no compliance keys/);
      assert.match(skipped.get('handbook/vendors.md') ?? '', /not named as one/);
      assert.match(skipped.get('site/faq/index.md') ?? '', /policy: false/);
      assert.match(skipped.get('evidence/2026-Q1/notes.md') ?? '', /evidence folder/);
      assert.match(skipped.get('README.md') ?? '', /documents\.exclude/);
    });

    it('passes over code a package manager copied in (vendor/github.com/…); a vendor file under vendor/ is still one', () => {
      const w = workspaceOf({
        'vendor/github.com/acme/jwt/MIGRATION_GUIDE.md': '# Migrating from v3\n',
        'vendor/golang.org/x/sys/SECURITY.md': '---\ntitle: Security\nowner: go-team\n---\n',
        'vendor/stripe.md': '---\ntype: vendor\ncriticality: high\nowner: cfo\n---\n# Stripe\n',
        'vendors/aws/aws.md': '# AWS\n',
      });
      assert.deepEqual([...w.documents()].map((d) => d.path).sort(), ['vendor/stripe.md', 'vendors/aws/aws.md']);
      const skipped = new Map(w.skipped().map((x) => [x.path, x.reason]));
      assert.match(skipped.get('vendor/github.com/acme/jwt/MIGRATION_GUIDE.md') ?? '', /package manager/);
      assert.match(skipped.get('vendor/golang.org/x/sys/SECURITY.md') ?? '', /package manager/);
    });

    it('counts documents by type', () => {
      const p = ws.program();
      assert.equal(p.documents, 10);
      assert.deepEqual(p.byType, { policy: 8, procedure: 1, control: 1, narrative: 0, vendor: 0, risk: 0, 'risk-assessment': 0 });
    });

    it('reads only what documents.include says when the config has it', () => {
      const only = workspaceOf({ 'compliance-docs.yml': 'documents:\n  include: [handbook/**/*.md]\n', 'handbook/blog.md': '# Blog\n', 'policies/a.md': '---\ncriteria: [CC1.1]\n---\n' });
      assert.deepEqual([...only.documents()].map((d) => d.path), ['handbook/blog.md']);
      assert.match(new Map(only.skipped().map((s) => [s.path, s.reason])).get('policies/a.md') ?? '', /not matched by documents\.include/);
    });
  });

  describe('types', () => {
    const typeOf = (path: string, fm: string): string | undefined => {
      const ws = workspaceOf({ [path]: `---\n${fm}\n---\n` });
      return ws.factsOf(path)?.type;
    };
    it('from foreign keys and values: doc_type, kind, policy: true; a standard is a policy, a plan, runbook or register a procedure', () => {
      assert.equal(typeOf('docs/a.md', 'doc_type: "Standard"'), 'policy');
      assert.equal(typeOf('docs/a.md', 'doc_type: Register'), 'procedure');
      assert.equal(typeOf('docs/a.md', 'kind: runbook'), 'procedure');
      assert.equal(typeOf('docs/a.md', 'policy: true\ntitle: A'), 'policy');
      assert.equal(typeOf('plans/BC-DR-Test.md', 'title: BC'), 'procedure');
    });
    it('from the file name when neither the frontmatter nor the folder says', () => {
      assert.equal(typeOf('docs/Access-Control-Policy.md', 'criteria: [CC6.1]'), 'policy');
      assert.equal(typeOf('docs/IncidentResponseRunbook.md', 'criteria: [CC7.3]'), 'procedure');
      // Not misread: a project plan, or a file named for what it maps.
      assert.equal(typeOf('WRITING-PLAN.md', 'status: Draft\ndoc_type: Plan of work'), 'narrative');
      assert.equal(typeOf('coordination/Master-Docs-to-Standards.md', 'doc_type: Mapping'), 'narrative');
    });
    it('an unknown foreign value is not reported and does not decide', () => {
      const ws = workspaceOf({ 'policies/map.md': '---\ndoc_type: Mapping\n---\n' });
      assert.equal(ws.factsOf('policies/map.md')?.type, 'policy');
      expectNone(ws, 'policies/map.md', 'field-invalid');
    });
  });

  describe('fields under other names', () => {
    it('reads review, due date, owner and status keys used in the wild, in order of trust', () => {
      const d = parseComplianceDocument('policies/a.md', '---\nlast_updated: 2025-01-01\napproval_date: 2024-03-01\npolicy_owner: Jane\nstatus: Active\nnext_review_date: 2025-06-01\napproved_by: CISO\n---\n');
      assert.equal(d.lastReviewed?.value, '2025-01-01');
      assert.equal(d.owner?.value, 'Jane');
      assert.equal(d.status?.value, 'approved');
      assert.equal(d.nextReview?.value, '2025-06-01');
      assert.equal(d.approver?.value, 'CISO');
      assert.equal(parseComplianceDocument('p.md', '---\nstatus: Superseded\n---\n').status?.value, 'retired');
      assert.equal(parseComplianceDocument('p.md', '---\nstatus: In Review\n---\n').status?.value, 'draft');
      assert.equal(parseComplianceDocument('p.md', '---\nlast_approved: 2026-01-10\nnext_review: 2027-01-10\n---\n').lastReviewed?.value, '2026-01-10');
      assert.equal(parseComplianceDocument('p.md', '---\nlast_approved: "YYYYMMDD"\n---\n').lastReviewed, undefined);
      assert.equal(workspaceOf({ 'handbook/access.md': '---\ndate_reviewed: 2026-01-10\n---\n' }).document('handbook/access.md')?.lastReviewed?.value, '2026-01-10');
    });

    it('reads the id under control_id, policy_id and the like, unless another …_id key names a parent', () => {
      assert.equal(parseComplianceDocument('controls/ac-01.md', '---\ncontrol_id: AC-01\n---\n').id?.value, 'AC-01');
      assert.equal(parseComplianceDocument('policies/a.md', '---\nDocument ID: POL-7\n---\n').id?.value, 'POL-7');
      // A kind's key outside that kind's folder names the document's parent, not the document.
      assert.equal(parseComplianceDocument('controls/ac-01.md', '---\npolicy_id: POL-ACCESS\n---\n').id, undefined);
      assert.equal(parseComplianceDocument('procedures/onboard.md', '---\ncontrol_id: AC-01\n---\n').id, undefined);
      assert.equal(parseComplianceDocument('access_control_policies/ac.md', '---\npolicy_id: AC-POL-001\n---\n').id?.value, 'AC-POL-001');
      // A standard naming its policy: neither key is its own id (its file name is).
      const std = parseComplianceDocument('standards/password.md', '---\nstandard_id: ac-std-001\npolicy_id: ac-001\n---\n');
      assert.equal(std.id, undefined);
      const ws = workspaceOf({
        'controls/ac-01.md': '---\ncontrol_id: AC-01\ntsc: CC6.2\nowner: IT\nlast_reviewed: 2026-09-01\n---\n# Access review\n',
        'risks/r1.md': '---\nrisk_id: R-001\nlikelihood: high\nimpact: medium\ntreatment: mitigate\nowner: CISO\ncontrols: [AC-01]\n---\n# Credential theft\n',
        'policies/access.md': '---\npolicy_id: ac-001\ncriteria: [CC6.1]\n---\n# Access\n',
        'standards/password.md': '---\nstandard_id: ac-std-001\npolicy_id: ac-001\n---\n# Passwords\n',
      });
      expectNone(ws, 'risks/r1.md', 'unknown-reference');
      expectNone(ws, 'controls/ac-01.md', 'field-invalid');
      expectNone(ws, 'policies/access.md', 'duplicate-id');
      assert.equal(ws.document('risks/r1.md')?.id?.value, 'R-001');
    });

    it('reads a review frequency written in words under another tool\'s key, and only the schema\'s values under review_cycle', () => {
      const cycle = (fm: string) => parseComplianceDocument('policies/a.md', `---\n${fm}\n---\n`);
      assert.deepEqual(cycle('review_frequency: Every 6 months').reviewCycle?.value, { years: 0, months: 6, days: 0 });
      assert.deepEqual(cycle('review_frequency: Annually').reviewCycle?.value, { years: 1, months: 0, days: 0 });
      assert.equal(cycle('review_frequency: biannually').reviewCycle, undefined);
      const own = cycle('review_cycle: yearly');
      assert.equal(own.reviewCycle, undefined);
      assert.match(own.problems[0]?.message ?? '', /`review_cycle` is `yearly`, which is not a review cycle/);
      const ws = workspaceOf({ 'policies/a.md': '---\nowner: CISO\ncriteria: [CC1.1]\nlast_reviewed: 2026-01-10\nreview_frequency: Every 6 months\n---\n# A\n' }, { today: '2026-12-07' });
      assert.match(findingsOf(ws, 'policies/a.md', 'stale-review')[0]?.message ?? '', /the semiannual review was due 2026-07-10/);
    });

    it('reads review dates written in digits or as a month under other tools\' keys, a day that can mean two as the later one', () => {
      const d = parseComplianceDocument('policies/a.md', '---\nlast_review_date: 03/04/2025\nnext_review_date: 2026-06\n---\n');
      assert.equal(d.lastReviewed?.value, '2025-04-03', '3 April or 4 March: the later');
      assert.equal(d.nextReview?.value, '2026-06-30', 'June: its last day');
      assert.deepEqual(d.problems.map((p) => p.code), []);
      assert.equal(parseComplianceDocument('p.md', '---\napproval_date: 11/20/2025\n---\n').lastReviewed?.value, '2025-11-20');
      assert.equal(parseComplianceDocument('p.md', '---\nLast Reviewed: 20.11.2025\n---\n').lastReviewed?.value, '2025-11-20');
      // Not misread: a version number, a quarter, a year alone, no day at all.
      for (const v of ['1.2', 'Q3 2025', '2025', '13/14/2025']) assert.equal(parseComplianceDocument('p.md', `---\nlast_review_date: "${v}"\n---\n`).lastReviewed, undefined, v);
      // The schema's own key takes the schema's dates: anything else is field-invalid, and says what it is.
      for (const [v, what] of [
        ['6/30/2026', 'a date in digits \\(2026-06-30\\)'],
        ['03/04/2026', 'two days: 2026-03-04 or 2026-04-03'],
        ['2026-06', 'a month, not a day'],
      ]) {
        const own = parseComplianceDocument('p.md', `---\nlast_reviewed: "${v}"\n---\n`);
        assert.equal(own.lastReviewed, undefined, v);
        assert.match(own.problems[0]?.message ?? '', new RegExp(`^\`last_reviewed\` is \`${v.replace(/[/.]/g, '\\$&')}\`, which is ${what}\\. Write it as YYYY-MM-DD`), v);
      }
      // An evidence date must name one day: one that can mean two says which.
      const e = parseComplianceDocument('controls/c.md', '---\nevidence:\n  - path: evidence/a.pdf\n    date: 03/04/2026\n---\n');
      assert.match(e.problems[0]?.message ?? '', /^This evidence date `03\/04\/2026` is two days: 2026-03-04 or 2026-04-03\. Write it as YYYY-MM-DD\.$/);
    });

    it('reads keys written in camelCase, with spaces or capitals, as the same names (lastReviewed, Policy Owner, Status)', () => {
      const d = parseComplianceDocument('policies/a.md', '---\nTitle: Access Control\nPolicy Owner: Jane\nStatus: Published\nlastReviewed: 2026-02-01\nreviewFrequency: Annual\nnextReviewDate: 2027-01-15\napprovedBy: CISO\nTSC: [CC6.1]\n---\n');
      assert.deepEqual([d.title?.value, d.owner?.value, d.status?.value, d.lastReviewed?.value, d.nextReview?.value, d.approver?.value], ['Access Control', 'Jane', 'approved', '2026-02-01', '2027-01-15', 'CISO']);
      assert.deepEqual(d.criteria.map((c) => c.value), ['CC6.1']);
      assert.ok(d.reviewCycle, 'reviewFrequency is the cycle');
      // The messages name the key as written.
      const ws = workspaceOf({ 'policies/a.md': '---\nPolicy Owner: Jane\ncriteria: [CC6.1]\nlastReviewed: 2020-01-01\n---\n# A\n' });
      assert.match(findingsOf(ws, 'policies/a.md', 'stale-review')[0]?.message ?? '', /update `lastReviewed`/);
      // A file outside the folders of documents is one by such keys, as by their snake_case names.
      assert.equal(workspaceOf({ 'handbook/access.md': '---\nlastReviewed: 2026-02-01\n---\n# Access\n' }).document('handbook/access.md')?.path, 'handbook/access.md');
      // Not misread: a key that only starts like one (lastReviewedBy) is not it, and a name is no date.
      const n = parseComplianceDocument('policies/a.md', '---\nlastReviewedBy: Jane\nLast Reviewed: soon\n---\n');
      assert.equal(n.lastReviewed, undefined);
      expectNone(workspaceOf({ 'policies/a.md': '---\ncriteria: [CC1.1]\nowner: x\nLast Reviewed: soon\n---\n' }), 'policies/a.md', 'field-invalid');
    });

    it('an `effective:` date is the last approval when nothing more trusted is given; `effective: yes` is no date', () => {
      assert.equal(parseComplianceDocument('policies/a.md', '---\neffective: 2026-06-16\nnext_review: 2027-06-16\n---\n').lastReviewed?.value, '2026-06-16');
      assert.equal(parseComplianceDocument('policies/a.md', '---\neffective: 2026-06-16\napproval_date: 2026-07-01\n---\n').lastReviewed?.value, '2026-07-01');
      const ws = workspaceOf({ 'policies/a.md': '---\ncriteria: [CC1.1]\nowner: x\neffective: yes\n---\n' });
      assert.equal(ws.document('policies/a.md')?.lastReviewed, undefined);
      expectNone(ws, 'policies/a.md', 'field-invalid');
    });

    it('reads owner_group and owner_team as the owner', () => {
      assert.equal(parseComplianceDocument('policies/a.md', '---\npolicy_id: ac-001\nowner_group: "@org/security"\n---\n').owner?.value, '@org/security');
      assert.equal(parseComplianceDocument('policies/a.md', '---\nowner_team: platform\nsme: jane\n---\n').owner?.value, 'platform');
    });

    it('another tool\'s `type:` decides nothing and is not reported; a misspelt type is', () => {
      const ws = workspaceOf({
        'compliance/agents/AGENT-001.md': '---\ntype: agent-registry\nowner: ai-lead\nlast_reviewed: 2026-02-21\n---\n',
        'policies/a.md': '---\ntype: page\nowner: x\nlast_reviewed: 2026-02-21\ncriteria: [CC1.1]\n---\n',
        'policies/b.md': '---\ntype: polcy\nowner: x\nlast_reviewed: 2026-02-21\ncriteria: [CC1.1]\n---\n',
      });
      expectNone(ws, 'compliance/agents/AGENT-001.md', 'field-invalid');
      expectNone(ws, 'policies/a.md', 'field-invalid');
      assert.equal(ws.factsOf('policies/a.md')?.type, 'policy', 'the folder decides');
      assert.match(findingsOf(ws, 'policies/b.md', 'field-invalid')[0]?.message ?? '', /`type` is `polcy`, which is not a document type/);
    });

    it('a document under an archive or retired folder that states no status is retired; one that states its status keeps it', () => {
      const ws = workspaceOf({
        'retired/vulnerability-management.md': '---\npolicy_id: vm-001\ntitle: Vulnerability Management Policy\n---\n',
        'policies/archive/old.md': '---\ncriteria: [CC6.1]\n---\n',
        'policies/archive/kept.md': '---\ncriteria: [CC6.1]\nstatus: approved\nowner: x\nlast_reviewed: 2026-01-01\n---\n',
      });
      assert.deepEqual(['retired/vulnerability-management.md', 'policies/archive/old.md', 'policies/archive/kept.md'].map((p) => ws.factsOf(p)?.status), ['retired', 'retired', 'approved']);
      // Under a drafts folder: a draft, unless it says otherwise.
      const drafts = workspaceOf({ 'policies/drafts/new.md': '---\ncriteria: [CC6.1]\n---\n', 'policies/drafts/done.md': '---\ncriteria: [CC6.1]\nstatus: Published\n---\n', 'policies/draftsman.md': '---\ncriteria: [CC6.1]\n---\n' });
      assert.deepEqual(['policies/drafts/new.md', 'policies/drafts/done.md', 'policies/draftsman.md'].map((p) => drafts.factsOf(p)?.status), ['draft', 'approved', 'approved']);
      expectNone(ws, 'retired/vulnerability-management.md', 'missing-owner');
      expectNone(ws, 'retired/vulnerability-management.md', 'missing-review-date');
    });

    it('never takes `approved: true` or an empty approval_date for a date, and says nothing about them', () => {
      const ws = workspaceOf({ 'policies/a.md': '---\ncriteria: [CC1.1]\napproved: true\napproval_date: ""\neffective_date: TBD\nlast_review: 2026-02-01\n---\n' });
      assert.equal(ws.document('policies/a.md')?.lastReviewed?.value, '2026-02-01');
      expectNone(ws, 'policies/a.md', 'field-invalid');
    });

    it('a stated due date that has passed makes the review overdue', () => {
      const ws = workspaceOf({ 'policies/a.md': '---\ncriteria: [CC1.1]\nowner: x\napproval_date: 2026-01-10\nnext_review_date: 2026-06-30\n---\n' }, { today: '2026-11-16' });
      assert.equal(findingsOf(ws, 'policies/a.md', 'stale-review').length, 1);
    });

    it('names the key the document uses in its messages', () => {
      const ws = workspaceOf({ 'policies/a.md': '---\ncriteria: [CC1.1]\nowner: x\napproval_date: 2020-01-10\n---\n' }, { today: '2026-11-16' });
      const f = findingsOf(ws, 'policies/a.md', 'stale-review')[0];
      assert.ok(f, 'stale');
      assert.match(f.message, /approval_date/);
    });
  });

  it('a document that lists references to another framework is mapped, if not to SOC 2: no unmapped-document', () => {
    const ws = workspaceOf({
      'policies/aup.md': '---\ndoc_type: Policy\nreferences:\n  - ISO/IEC 27002:2022 (acceptable use)\n---\n# AUP\n',
      'policies/none.md': '---\ndoc_type: Policy\nreferences: []\n---\n# None\n',
    });
    expectNone(ws, 'policies/aup.md', 'unmapped-document');
    assert.equal(findingsOf(ws, 'policies/none.md', 'unmapped-document').length, 1);
  });

  describe('criteria written as text', () => {
    it('maps exact IDs and ranges, keeps series apart, ignores text that names none', () => {
      assert.deepEqual(ids('SOC 2 CC6.1, CC6.2'), ['CC6.1', 'CC6.2']);
      assert.deepEqual(ids('CC6.1–CC6.4'), ['CC6.1', 'CC6.2', 'CC6.3', 'CC6.4']);
      assert.deepEqual(ids('CC6.1 to CC6.3'), ['CC6.1', 'CC6.2', 'CC6.3']);
      assert.deepEqual(ids('CC7.3 - User provisioning'), ['CC7.3']);
      assert.deepEqual(ids('TSC CC6/CC7'), ['series:CC6', 'series:CC7']);
      assert.deepEqual(ids('ISO 27001 A.9, SOC2, NIST AC-2, p1 priority'), []);
      assert.deepEqual(ids('A1.2 and PI1.3; C1.1, P4.2'), ['A1.2', 'PI1.3', 'C1.1', 'P4.2']);
    });

    it('reads CC and PI IDs written apart from their number, and no one-letter prefix so written', () => {
      assert.deepEqual(ids('CC 6.1, CC-6.2 and PI 1.3'), ['CC6.1', 'CC6.2', 'PI1.3']);
      assert.deepEqual(ids('CC 6.1 - CC 6.3'), ['CC6.1', 'CC6.2', 'CC6.3']);
      assert.deepEqual(ids('Annex A 1.2, P-1.1, C 1.1, CC 6, CC  6.1, CC 6.1.2, ABCC 6.1'), []);
      // Under the schema's own `criteria:` an ID written apart stays as written, to be reported with its fix; other tools' keys read it.
      assert.deepEqual(parseComplianceDocument('policies/a.md', '---\ncriteria: [CC 6.1]\n---\n').criteria.map((c) => c.value), ['CC 6.1']);
      assert.deepEqual(parseComplianceDocument('policies/a.md', '---\ntsc: CC 6.1, CC-6.2\n---\n').criteria.map((c) => c.value), ['CC6.1', 'CC6.2']);
      // A policy's own table written so maps it, as the table with CC6.1 would.
      const text = (cells: string): string => `---\nowner: CTO\nlast_reviewed: 2026-06-01\n---\n# Vendor Policy\n\n## SOC 2 Mapping\n\n| Criterion | Description |\n|---|---|\n${cells}\n`;
      const ws = workspaceOf({ 'policies/v.md': text('| CC 9.2 | Vendors |\n| CC-9.1 | Risk mitigation |'), 'policies/w.md': text('| CC9.2 | Vendors |\n| CC9.1 | Risk mitigation |') });
      assert.deepEqual(ws.criteriaOf('policies/v.md'), ['CC9.1', 'CC9.2']);
      assert.deepEqual(ws.criteriaOf('policies/v.md'), ws.criteriaOf('policies/w.md'));
      expectNone(ws, 'policies/v.md', 'unmapped-document');
    });

    it('reads criteria from tsc, soc2 and mappings.soc2, as lists or text', () => {
      const crit = (fm: string): string[] => parseComplianceDocument('policies/a.md', `---\n${fm}\n---\n`).criteria.map((c) => c.value);
      assert.deepEqual(crit('tsc: CC6.1, CC6.2'), ['CC6.1', 'CC6.2']);
      assert.deepEqual(crit('soc2: [CC7.2, "CC7.3 - Incident response"]'), ['CC7.2', 'CC7.3']);
      assert.deepEqual(crit('mappings:\n  soc2: [CC8.1]\n  iso27001: [A.8.32]'), ['CC8.1']);
      assert.deepEqual(crit('tsc: [Security, Availability]'), []);
    });

    it('reads criteria from keys that name SOC 2, maps and lists by framework, and tags that are IDs', () => {
      const crit = (fm: string, fullParse = false): string[] => parseComplianceDocument('policies/a.md', `---\ntitle: A\n${fm}\n---\n# A\n`, { fullParse }).criteria.map((c) => c.value);
      const cases: Array<[string, string[]]> = [
        ['trust_services_criteria: [CC6.1, CC6.2]', ['CC6.1', 'CC6.2']],
        ['soc2_controls: [CC6.1]', ['CC6.1']],
        ['SOC2 TSC: ["CC7.2 - Monitoring"]', ['CC7.2']],
        ['applicable_criteria: CC6.1; CC6.3', ['CC6.1', 'CC6.3']],
        ['compliance:\n  soc2:\n    - CC6.1\n  iso27001:\n    - A.5.15 CC7.1', ['CC6.1']],
        ['compliance_mapping:\n  SOC 2 Type II: [CC8.1]\n  HIPAA: [164.312]', ['CC8.1']],
        ['controls:\n  soc2: [CC6.6]\n  nist: [AC-2]', ['CC6.6']],
        ['frameworks:\n  - name: SOC 2\n    controls: [CC6.1, CC6.2]\n  - name: ISO 27001\n    controls: [A.5.15, CC9.1]', ['CC6.1', 'CC6.2']],
        ['framework_mappings:\n  - framework: AICPA TSC\n    criteria: "CC3.1-CC3.3"', ['CC3.1', 'CC3.2', 'CC3.3']],
        ['tags: [soc2, CC6.1, access]', ['CC6.1']],
      ];
      for (const [fm, want] of cases) {
        assert.deepEqual(crit(fm), want, fm);
        assert.deepEqual(crit(fm, true), want, `${fm} (reference parser)`);
      }
      // Not misread: other frameworks' entries, tags that only look like IDs, SOC 2 named with no IDs,
      // a control list, a date or a period.
      for (const fm of ['compliance:\n  iso27001: [A.5.15]', 'tags: [C1-policy, cc, P1]', 'frameworks:\n  - name: ISO 27001\n    controls: [CC6.1]', 'audit:\n  soc2: Type II 2026', 'soc2_period: 2026-01-01 to 2026-12-31']) assert.deepEqual(crit(fm), [], fm);
      const controls = parseComplianceDocument('policies/a.md', '---\ntitle: A\ncontrols: [AC-1, AC-2]\n---\n');
      assert.deepEqual(controls.controls.map((c) => c.value), ['AC-1', 'AC-2']);
      // Mapped to another framework only: not unmapped-document; SOC 2 named with no IDs: unmapped.
      const ws = workspaceOf({ 'policies/iso.md': '---\ntitle: ISO\nstatus: approved\ncompliance:\n  iso27001: [A.5.15]\n---\n# ISO\n', 'policies/soc.md': '---\ntitle: SOC\nstatus: approved\ncompliance:\n  soc2: Type II\n---\n# SOC\n' });
      expectNone(ws, 'policies/iso.md', 'unmapped-document');
      assert.equal(findingsOf(ws, 'policies/soc.md', 'unmapped-document').length, 1);
      expectNone(ws, 'policies/soc.md', 'field-invalid');
    });

    it('reads the owner and the last review wherever they are kept: a map, a container, a history, other names', () => {
      const doc = (fm: string, fullParse = false): ReturnType<typeof parseComplianceDocument> => parseComplianceDocument('policies/a.md', `---\ntitle: A\ncriteria: [CC6.1]\n${fm}\n---\n# A\n`, { fullParse });
      const cases: Array<[string, string | undefined, string | undefined]> = [
        ['owner:\n  name: Jane Doe\n  role: CISO\nlast_reviewed: 2026-06-01', 'Jane Doe (CISO)', '2026-06-01'],
        ['responsible: CISO\nreviewed_at: 2026-06-01', 'CISO', '2026-06-01'],
        ['owner_role: Security Lead\nreview:\n  last: 2026-05-02\n  next: 2027-05-02\n  cycle: annual', 'Security Lead', '2026-05-02'],
        ['owner: sec\nrevision_history:\n  - version: 1.0\n    date: 2025-01-01\n  - version: 1.1\n    date: 2026-06-01', 'sec', '2026-06-01'],
        ['review_history:\n  - reviewed: 2026-04-01\n    by: sec', undefined, '2026-04-01'],
        ['metadata:\n  owner: sec\n  last_reviewed: 2026-03-01\n  status: approved', 'sec', '2026-03-01'],
        ['document_control:\n  Document Owner: IT\n  Last Reviewed: 2026-02-01', 'IT', '2026-02-01'],
      ];
      for (const [fm, owner, reviewed] of cases) {
        for (const full of [false, true]) {
          const d = doc(fm, full);
          assert.equal(d.owner?.value, owner, fm);
          assert.equal(d.lastReviewed?.value, reviewed, fm);
          assert.deepEqual(d.problems.filter((p) => p.code === 'field-invalid'), [], fm);
        }
      }
      assert.equal(doc('review:\n  last: 2026-05-02\n  next: 2027-05-02').nextReview?.value, '2027-05-02');
      // The top's own keys win over a container's; a container under another name is not read.
      assert.equal(doc('last_reviewed: 2026-06-01\nmetadata:\n  last_reviewed: 2020-01-01').lastReviewed?.value, '2026-06-01');
      assert.equal(doc('build:\n  last_reviewed: 2026-06-01').lastReviewed, undefined);
      // A stale review names the key it was read from, and what to do there.
      const ws = workspaceOf({ 'policies/b.md': '---\ntitle: B\ncriteria: [CC6.1]\nowner: sec\nstatus: approved\nrevision_history:\n  - date: 2024-02-01\n---\n# B\n', 'policies/c.md': '---\ntitle: C\ncriteria: [CC6.1]\nmetadata:\n  owner: sec\n  last_reviewed: 2024-03-01\n---\n# C\n' });
      assert.match(findingsOf(ws, 'policies/b.md', 'stale-review')[0]?.message ?? '', /add a `revision_history` entry with the date/);
      assert.match(findingsOf(ws, 'policies/c.md', 'stale-review')[0]?.message ?? '', /update `metadata\.last_reviewed`/);
      expectNone(ws, 'policies/c.md', 'missing-owner');
    });

    it('reads types and statuses as they are written: with a subject, a version, other words for the same', () => {
      const doc = (fm: string): ReturnType<typeof parseComplianceDocument> => parseComplianceDocument('docs/a.md', `---\ntitle: A\ncriteria: [CC6.1]\n${fm}\n---\n# A\n`);
      const types: Array<[string, string | undefined]> = [
        ['type: Policy Document', 'policy'],
        ['type: Standard Operating Procedure', 'procedure'],
        ['doc_type: Information Security Standard', 'policy'],
        ['doc_type: Control Narrative', 'narrative'],
        ['category: policy', 'policy'],
        ['doc_type: Risk Assessment', 'risk-assessment'],
        // Not misread: a category that is a subject, a long title, a record.
        ['category: engineering', undefined],
        ['category: vendor', undefined],
        ['doc_type: Quarterly access review evidence for the production policy', undefined],
      ];
      for (const [fm, want] of types) assert.equal(doc(fm).type?.value, want, fm);
      const statuses: Array<[string, string | undefined]> = [
        ['Approved – v2.1', 'approved'], ['Final (1.0)', 'approved'], ['Ratified', 'approved'], ['Current', 'approved'], ['Signed off', 'approved'],
        ['Draft 0.3', 'draft'], ['In Progress', 'draft'], ['Awaiting approval', 'draft'], ['Inactive', 'retired'],
      ];
      for (const [value, want] of statuses) {
        const d = doc(`status: ${value}`);
        assert.equal(d.status?.value, want, value);
        assert.deepEqual(d.problems.filter((p) => p.code === 'field-invalid'), [], value);
      }
      // A status that is none is still reported.
      assert.equal(doc('status: Approvd').problems.filter((p) => p.code === 'field-invalid').length, 1);
      assert.equal(doc('status: Approved by the board on request').status, undefined);
    });

    it('reads criteria under related: from its framework keys, and from its other keys\' items that say SOC 2', () => {
      const fm = (related: string): string => `---\ntitle: Access Control Policy\nstatus: Approved\neffective_date: 2026-03-01\nrelated:\n${related}\n---\n# Access\n\nAccess is granted on least privilege and reviewed quarterly.\n`;
      const crit = (text: string, fullParse = false): string[] => parseComplianceDocument('policies/a.md', text, { fullParse }).criteria.map((c) => c.value);
      const text = fm('  standards:\n    - SOC 2 CC5.2, CC6.1–CC6.3\n    - ISO/IEC 27001 Annex A: A.5, A.9\n  controls:\n    - SOC 2 CC7.2\n    - AC-01 quarterly access review\n  procedures:\n    - Access Provisioning Procedure (Appendix A)');
      assert.deepEqual(crit(text), ['CC5.2', 'CC6.1', 'CC6.2', 'CC6.3', 'CC7.2']);
      assert.deepEqual(crit(text, true), ['CC5.2', 'CC6.1', 'CC6.2', 'CC6.3', 'CC7.2'], 'the reference parser reads the same');
      const doc = parseComplianceDocument('policies/a.md', text);
      const at = doc.criteria.find((c) => c.value === 'CC7.2')?.span;
      assert.equal(at && text.slice(at.start, at.end), 'CC7.2', 'each at its own text');
      // Not misread: items of other keys that do not say SOC 2, a list of related documents, and a
      // framework named without criteria map nothing; the last is still a policy that maps no criterion.
      assert.deepEqual(crit(fm('  controls:\n    - CC-7 change review\n    - P1 onboarding\n  procedures:\n    - CC6.1 provisioning runbook')), []);
      assert.deepEqual(crit('---\ntitle: A\nrelated: [policies/cc6-1-access.md, CC6.1 notes]\n---\n'), []);
      const ws = workspaceOf({ 'policies/a.md': fm('  standards:\n    - SOC 2 Type II\n    - ISO 27001') });
      assert.deepEqual(ws.criteriaOf('policies/a.md'), []);
      assert.equal(findingsOf(ws, 'policies/a.md', 'unmapped-document').length, 1);
    });

    it('a line that labels the SOC 2 criteria maps a policy nothing else maps; prose, other frameworks and scoped-out criteria do not', () => {
      const policy = (line: string, fm = ''): string => `${fm}# Access Control Policy\n\nAccess is granted on least privilege.\n\n## Framework mapping\n\n${line}\n`;
      const own = (text: string): string[] => (parseComplianceDocument('policies/access.md', text).ownMappings ?? []).map((m) => m.id);
      const cases: Array<[string, string[]]> = [
        ['* **SOC 2**: CC6.1, CC6.2, CC6.3', ['CC6.1', 'CC6.2', 'CC6.3']],
        ['**SOC 2 Criteria:** CC6.1–CC6.3', ['CC6.1', 'CC6.2', 'CC6.3']],
        ['Applicable TSC: CC6.1', ['CC6.1']],
        ['| SOC 2 Mapping | CC6.1, CC6.3 |', ['CC6.1', 'CC6.3']],
        ['> **TSC:** CC7.2', ['CC7.2']],
        ['- SOC 2 Type II: CC6.6\n- ISO 27001: A.5.15 (CC9.9)', ['CC6.6']],
        ['- SOC 2 CC6.1, CC6.2\n- NIST AC-2', ['CC6.1', 'CC6.2']],
        ['- NIST AC-2 (SOC 2 CC6.1)', []],
        // Not misread:
        ['* **ISO 27001**: A.5.15, CC6.1', []],
        ['This policy supports SOC 2 criteria such as CC6.1 and CC6.2.', []],
        ['**SOC 2:** CC6.4 is not applicable (no offices)', []],
        ['```\nSOC 2: CC6.1\n```', []],
        ['**Owner:** CISO (CC6.1 lead)', []],
      ];
      for (const [line, want] of cases) assert.deepEqual(own(policy(line)), want, line);
      const span = parseComplianceDocument('policies/access.md', policy('* **SOC 2**: CC6.1')).ownMappings?.[0]?.span;
      assert.equal(span && policy('* **SOC 2**: CC6.1').slice(span.start, span.end), 'CC6.1');
      // Hostile bodies are read in one bounded pass: a line of labels a thousand characters long, a
      // label of spaces, a million labelled lines (only the first 20,000 lines are looked at).
      assert.deepEqual(own(policy(`**SOC 2${' '.repeat(100_000)}:** CC6.1`)), []);
      assert.deepEqual(own(policy(`${'**'.repeat(500)}SOC 2: CC6.1`)), []);
      assert.deepEqual(own(policy('SOC 2: CC6.1\n'.repeat(1_000_000))), ['CC6.1']);
      // A document its frontmatter maps already is not searched line by line.
      assert.deepEqual(own(policy('**SOC 2:** CC7.1', '---\ntitle: A\ncriteria: [CC6.1]\n---\n')), []);
      const ws = workspaceOf({ 'policies/access.md': policy('* **SOC 2**: CC6.1, CC6.2') });
      assert.deepEqual(ws.criteriaOf('policies/access.md'), ['CC6.1', 'CC6.2']);
      expectNone(ws, 'policies/access.md', 'unmapped-document');
    });

    it('a list under a `TSC Mapping` heading maps the policy it ends; a glossary, a criterion scoped out and a narrative\'s list do not', () => {
      const policy = (body: string, type = 'Policy'): string => `---\ntitle: Code of Conduct\ndoc_type: ${type}\nstatus: Approved\neffective_date: 2026-03-01\n---\n# Code of Conduct\n\nStaff act with integrity.\n\n${body}`;
      const mapped = (text: string, fullParse = false, path = 'policies/conduct.md'): string[] => (parseComplianceDocument(path, text, { fullParse }).ownMappings ?? []).map((m) => m.id);
      const body = [
        '## **TSC Mapping** (for auditor traceability)',
        '',
        '- CC1.1, CC1.4: integrity and competence; see Hiring.',
        '- Security (Common Criteria): CC2.2, CC6.1–CC6.2',
        '  1. CC5.3 policies are published',
        '- CC6.4: not applicable (no offices)',
        '',
        '```',
        '- CC9.1 in an example',
        '```',
        '### Security',
        '* CC7.2 monitoring',
        '',
        '## Definitions (TSC footnotes)',
        '',
        '- CC3.1: the entity specifies objectives.',
        '',
        '## Version history',
        '- CC8.1 was added in 1.1',
        '',
      ].join('\n');
      const text = policy(body);
      assert.deepEqual(mapped(text), ['CC1.1', 'CC1.4', 'CC2.2', 'CC6.1', 'CC6.2', 'CC5.3', 'CC7.2']);
      assert.deepEqual(mapped(text, true), mapped(text), 'the reference parser reads the same');
      const doc = parseComplianceDocument('policies/conduct.md', text);
      const cc53 = doc.ownMappings?.find((m) => m.id === 'CC5.3')?.span;
      assert.equal(cc53 && text.slice(cc53.start, cc53.end), 'CC5.3');
      const ws = workspaceOf({ 'policies/conduct.md': text });
      assert.deepEqual(ws.criteriaOf('policies/conduct.md'), ['CC1.1', 'CC1.4', 'CC2.2', 'CC5.3', 'CC6.1', 'CC6.2', 'CC7.2']);
      expectNone(ws, 'policies/conduct.md', 'unmapped-document');
      assert.equal(ws.coverage().criteria.find((c) => c.id === 'CC1.1')?.state, 'claimed');
      // A narrative's list of criteria is a catalog; a heading that names SOC 2 but not a mapping is no mapping section.
      assert.deepEqual(mapped(policy(body, 'Narrative'), false, 'narratives/system.md'), []);
      assert.deepEqual(mapped(policy('## SOC 2 Type II\n\n- CC1.1 is tested yearly\n')), []);
      // A paragraph under such a heading maps too, and a heading that names the criteria it lists opens one; a
      // paragraph elsewhere, or under a glossary, does not.
      assert.deepEqual(mapped(policy('## SOC 2 mapping\n\nThis policy supports CC1.1, CC2.1 and CC5.2.\nCC6.4 does not apply: not applicable.\n\n## Scope\n\nCC7.1 is the monitoring policy\'s.\n')), ['CC1.1', 'CC2.1', 'CC5.2']);
      assert.deepEqual(mapped(policy('## Related SOC 2 Criteria\n\n- CC6.1\n- CC6.2\n')), ['CC6.1', 'CC6.2']);
      // A file without frontmatter whose first line is its title is read the same.
      assert.deepEqual(mapped('# Information Security Policy\n\n## SOC 2 mapping\n\n- CC1.1, CC2.1\n'), ['CC1.1', 'CC2.1']);
      assert.deepEqual(mapped('# Information Security Policy\n\n- CC1.1, CC2.1\n'), []);
      assert.deepEqual(mapped('## SOC 2 mapping'), []);
      assert.deepEqual(mapped(policy('## Definitions (TSC footnotes)\n\nCC3.1 is where the entity specifies objectives.\n')), []);
      // What the frontmatter maps already is not repeated.
      assert.deepEqual(mapped(text.replace('doc_type: Policy', 'doc_type: Policy\ncriteria: [CC1.1]')), ['CC1.4', 'CC2.2', 'CC6.1', 'CC6.2', 'CC5.3', 'CC7.2']);
      // A heading line of a hundred thousand characters, or a body of a million list items, is read in one pass.
      assert.deepEqual(mapped(policy(`## TSC mapping ${'x'.repeat(100_000)}\n- CC1.1\n`)), []);
      assert.equal(mapped(policy(`## TSC mapping\n${'- CC1.1\n'.repeat(1_000_000)}`)).length, 1);
    });

    it('a native criteria item with several IDs maps each, at its own text', () => {
      const ws = workspaceOf({ 'policies/a.md': '---\ncriteria: ["CC6.1, CC6.2"]\n---\n' });
      assert.deepEqual(ws.document('policies/a.md')?.criteria.map((c) => c.value), ['CC6.1', 'CC6.2']);
      expectNone(ws, 'policies/a.md', 'unknown-criterion');
    });
  });
});

describe('claimed (stale)', () => {
  const policy = (reviewed: string): string => `---\nname: Access Policy\nacronym: AP\nsatisfies:\n  TSC:\n    - CC6.1\nmajorRevisions:\n  - date: ${reviewed}\n    comment: Initial\n---\n`;
  it('a criterion claimed only by policies years past their review is claimed (stale), not claimed like a fresh one', async () => {
    const { coverageText } = await import('../../server/src/core/report/coverage');
    const stale = workspaceOf({ 'policies/access.md': policy('Jun 1 2019') }, { today: '2026-11-16' });
    const entry = stale.coverage().criteria.find((c) => c.id === 'CC6.1');
    assert.equal(entry?.state, 'claimed-stale');
    assert.equal(stale.coverage().summary.claimedStale, 1);
    assert.match(coverageText(stale.coverage()), /CC6\.1  claimed \(stale\)/);
    const fresh = workspaceOf({ 'policies/access.md': policy('Jun 1 2026') }, { today: '2026-11-16' });
    assert.equal(fresh.coverage().criteria.find((c) => c.id === 'CC6.1')?.state, 'claimed');
    // One fresh claim is enough for a plain claim.
    const mixed = workspaceOf({ 'policies/access.md': policy('Jun 1 2019'), 'policies/other.md': policy('Jun 1 2026').replace('acronym: AP', 'acronym: OP') }, { today: '2026-11-16' });
    assert.equal(mixed.coverage().criteria.find((c) => c.id === 'CC6.1')?.state, 'claimed');
  });
});

describe('config keys for existing programs', () => {
  it('defaults.owner states one owner for every document that names none', () => {
    const files = { 'policies/a.md': '---\ncriteria: [CC1.1]\nlast_reviewed: 2026-06-01\n---\n' };
    assert.equal(findingsOf(workspaceOf(files), 'policies/a.md', 'missing-owner').length, 1);
    expectNone(workspaceOf({ ...files, 'compliance-docs.yml': 'defaults:\n  owner: security-lead\n' }), 'policies/a.md', 'missing-owner');
  });

  it('mappings names a table file read although documents.include does not make it a document', () => {
    const files = {
      'compliance-docs.yml': 'documents:\n  include: [policies/**/*.md]\nmappings: [compliance/matrix.md]\n',
      'compliance/matrix.md': '| Criterion | Policy |\n|---|---|\n| CC8.1 | [Change](../policies/change.md) |\n',
      'policies/change.md': '---\ntype: policy\n---\n',
    };
    const ws = workspaceOf(files);
    assert.equal(ws.document('compliance/matrix.md'), undefined);
    assert.deepEqual(ws.criteriaOf('policies/change.md'), ['CC8.1']);
    const without = workspaceOf({ ...files, 'compliance-docs.yml': 'documents:\n  include: [policies/**/*.md]\n' });
    assert.deepEqual(without.criteriaOf('policies/change.md'), []);
  });

  it('links.base says which site path the repository is published under', () => {
    const page = (body: string): string => `---\ntitle: P\npolicy: true\n---\n${body}\n`;
    const files = { 'vendor/index.md': page(''), 'site/index.md': page(''), 'access/index.md': page('See [vendors](/handbook/site/vendor/).') };
    // Inferred: `handbook` is no folder here, but `site/vendor` is none either.
    assert.equal(findingsOf(workspaceOf(files), 'access/index.md', 'broken-link').length, 1);
    expectNone(workspaceOf({ ...files, 'compliance-docs.yml': 'links:\n  base: /handbook/site/\n' }), 'access/index.md', 'broken-link');
  });

  describe('types: maps globs and foreign values onto types', () => {
    const config = joinLines('types:', '  "handbook/ops/**": procedure', '  "docs/**": control', '  Register: policy', '  Guidance: narrative', '  Security Standard: procedure', '');
    const files = {
      'compliance-docs.yml': config,
      'handbook/ops/deploy.md': '# Deploys\n',
      'handbook/ops/oncall.md': '---\ntitle: On call\ndoc_type: Standard\n---\n',
      'handbook/ops/access.md': '---\ntype: policy\n---\n',
      'handbook/ops/risks.md': '---\ndoc_type: Register\n---\n',
      'docs/Vendor-Policy.md': '---\ncriteria: [CC9.2]\n---\n',
      'policies/guide.md': '---\ndoc_type: guidance\n---\n',
      'policies/crypto.md': '---\ntype: security-standard\n---\n',
      'policies/other.md': '---\ndoc_type: Register\n---\n',
      'policies/bundle.md': '---\ntype: security standards and guidelines bundle\n---\n',
      'other/blog.md': '---\ntitle: Blog\n---\n',
    };
    const ws = workspaceOf(files);
    const typeOf = (p: string): string | undefined => ws.factsOf(p)?.type;

    it('a glob beats the folder, the file name and a foreign value; a file it matches is a document even without frontmatter', () => {
      assert.equal(typeOf('handbook/ops/deploy.md'), 'procedure');
      assert.equal(typeOf('handbook/ops/oncall.md'), 'procedure');
      assert.equal(typeOf('docs/Vendor-Policy.md'), 'control');
    });

    it('a type the document names itself, and a value the config maps, beat a glob', () => {
      assert.equal(typeOf('handbook/ops/access.md'), 'policy');
      assert.equal(typeOf('handbook/ops/risks.md'), 'policy');
    });

    it('a mapped value is read in any case and under type: too, and is no field-invalid', () => {
      assert.equal(typeOf('policies/guide.md'), 'narrative');
      assert.equal(typeOf('policies/crypto.md'), 'procedure');
      assert.equal(typeOf('policies/other.md'), 'policy');
      expectNone(ws, 'policies/crypto.md', 'field-invalid');
    });

    it('not misread: without the config the same files keep their inferred types, and an unmatched file is still passed over', () => {
      const plain = workspaceOf({ ...files, 'compliance-docs.yml': '' });
      assert.equal(plain.factsOf('handbook/ops/oncall.md')?.type, 'policy');
      assert.equal(plain.factsOf('handbook/ops/risks.md')?.type, 'procedure');
      assert.equal(plain.factsOf('docs/Vendor-Policy.md')?.type, 'policy');
      assert.equal(plain.document('handbook/ops/deploy.md'), undefined);
      // `security-standard` names its kind last: a standard, read as a policy; a value that names a
      // kind among more words is reported, with the config's way to map it.
      assert.equal(plain.factsOf('policies/crypto.md')?.type, 'policy');
      expectNone(plain, 'policies/crypto.md', 'field-invalid');
      assert.equal(findingsOf(plain, 'policies/bundle.md', 'field-invalid').length, 1);
      assert.match(findingsOf(plain, 'policies/bundle.md', 'field-invalid')[0].message, /or map the value to one under `types:` in the config/);
      assert.equal(ws.document('other/blog.md'), undefined);
    });
  });

  it('rejects a base that is not a site path and mappings that leave the repository', async () => {
    const { loadConfig } = await import('../../server/src/core/config/config');
    const r = loadConfig('compliance-docs.yml', 'links:\n  base: handbook\nmappings: [../x.md, notes.txt]\n', []);
    assert.deepEqual(r.findings.map((f) => f.code), ['config-invalid', 'config-invalid', 'config-invalid']);
  });
});
