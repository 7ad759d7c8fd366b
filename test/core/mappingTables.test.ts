// Mapping tables: a markdown table with a column of criterion IDs and a column of documents maps those
// documents, found with no configuration; tables that are not mappings map nothing.

import assert from 'node:assert/strict';
import { parseComplianceDocument } from '../../server/src/core/parse/document';
import { expectNone, findingsOf, workspaceOf } from '../helpers';

const policy = (title: string, extra = ''): string => `---\ntitle: "${title}"\ndoc_type: "Policy"\nstatus: "Approved"\nowner: ISMS\napproval_date: 2026-03-01\n${extra}---\n# ${title}\n\nText.\n`;

const CENTRAL = [
  '---',
  'title: "SOC 2 requirement to documents"',
  'doc_type: "Mapping"',
  '---',
  '## Mapping',
  '',
  '| Standard | Requirement ID | Title | Primary Documents | Supporting Documents |',
  '|---|---|---|---|---|',
  '| SOC 2 | CC6.1 | Logical Access | [P08 IAM](../../policies/Identity-Policy.md); [P64 Access](../../policies/Access-Control-Policy.md) | Offboarding Procedure |',
  '| SOC 2 | CC7.2 | Monitoring | [P21 Logging](../../policies/Logging-Policy.md) | |',
  '| SOC 2 | CC1.1 | Control environment | [Missing](../../policies/Nowhere-Policy.md) | |',
  '',
  '## Revision history',
  '',
  '| Version | Date | Description |',
  '|---|---|---|',
  '| 1.0 | 2025-11-05 | Seeded CC6.1 rows |',
  '',
].join('\n');

function program(extra: Record<string, string> = {}): ReturnType<typeof workspaceOf> {
  return workspaceOf({
    'coordination/mappings/SOC2-Req-to-Docs.md': CENTRAL,
    'policies/Access-Control-Policy.md': policy('Access Control Policy'),
    'policies/Identity-Policy.md': policy('Identity Policy'),
    'policies/Logging-Policy.md': policy('Logging Policy'),
    'policies/Orphan-Policy.md': policy('Orphan Policy'),
    'procedures/Offboarding-Procedure.md': policy('Offboarding Procedure').replace('"Policy"', '"Procedure"'),
    ...extra,
  });
}

describe('mapping tables', () => {
  it('find the rows of a table with a column of criterion IDs, with links and names from the other columns', () => {
    const doc = parseComplianceDocument('coordination/mappings/SOC2-Req-to-Docs.md', CENTRAL);
    const rows = doc.mappingRows ?? [];
    assert.equal(rows.length, 3, 'the revision history is not a mapping');
    assert.deepEqual(rows[0].criteria.map((c) => c.value), ['CC6.1']);
    assert.deepEqual(rows[0].links.map((l) => l.value), ['../../policies/Identity-Policy.md', '../../policies/Access-Control-Policy.md']);
    assert.ok(rows[0].names.some((n) => n.value === 'Offboarding Procedure'));
    assert.equal(CENTRAL.slice(rows[0].criteria[0].span.start, rows[0].criteria[0].span.end), 'CC6.1');
  });

  it('map the documents they link or name, and unmapped-document fires only where nothing maps', () => {
    const ws = program();
    assert.deepEqual(ws.criteriaOf('policies/Access-Control-Policy.md'), ['CC6.1']);
    assert.deepEqual(ws.criteriaOf('policies/Identity-Policy.md'), ['CC6.1']);
    assert.deepEqual(ws.criteriaOf('policies/Logging-Policy.md'), ['CC7.2']);
    assert.deepEqual(ws.criteriaOf('procedures/Offboarding-Procedure.md'), ['CC6.1'], 'by name');
    for (const p of ['policies/Access-Control-Policy.md', 'policies/Identity-Policy.md', 'policies/Logging-Policy.md', 'procedures/Offboarding-Procedure.md']) expectNone(ws, p, 'unmapped-document');
    assert.equal(findingsOf(ws, 'policies/Orphan-Policy.md', 'unmapped-document').length, 1);
    assert.equal(ws.criterionState('CC6.1'), 'claimed');
    assert.equal(ws.criterionState('CC1.1'), 'uncovered', 'a row naming no document maps nothing');
  });

  it('follow edits: a table changed, removed or naming a renamed document', () => {
    const ws = program();
    const edited = CENTRAL.replace('| SOC 2 | CC7.2 | Monitoring | [P21 Logging](../../policies/Logging-Policy.md) | |', '| SOC 2 | CC7.3 | Monitoring | [P21 Logging](../../policies/Logging-Policy.md) | |');
    const change = ws.upsertDocument(parseComplianceDocument('coordination/mappings/SOC2-Req-to-Docs.md', edited));
    assert.ok(change.documents.has('policies/Logging-Policy.md'), 'the mapped document is re-checked');
    assert.deepEqual(ws.criteriaOf('policies/Logging-Policy.md'), ['CC7.3']);
    ws.removeDocument('coordination/mappings/SOC2-Req-to-Docs.md');
    assert.deepEqual(ws.criteriaOf('policies/Logging-Policy.md'), []);
    assert.equal(findingsOf(ws, 'policies/Logging-Policy.md', 'unmapped-document').length, 1);
  });

  it('a table in a file that is not a document still maps', () => {
    const ws = workspaceOf({
      'docs/soc2-matrix.md': '| TSC | Policy |\n|---|---|\n| CC8.1 | Change Management Policy |\n',
      'policies/change-management-policy.md': policy('Change Management Policy'),
    });
    assert.equal(ws.document('docs/soc2-matrix.md'), undefined);
    assert.deepEqual(ws.criteriaOf('policies/change-management-policy.md'), ['CC8.1']);
  });

  it('a TSC mapping table inside a policy that names no document maps the policy itself', () => {
    const body = '\n## TSC mapping\n\n| Criterion | How this policy meets it |\n|---|---|\n| CC6.1 | SSO for every system |\n| CC6.2 | Joiner tickets |\n';
    const ws = workspaceOf({ 'policies/access.md': policy('Access Control Policy') + body });
    assert.deepEqual(ws.criteriaOf('policies/access.md'), ['CC6.1', 'CC6.2']);
    expectNone(ws, 'policies/access.md', 'unmapped-document');
  });

  it('a table that maps several frameworks is judged on its SOC 2 rows: more ISO rows than SOC 2 ones still map the policy', () => {
    const rows = ['| SOC 2 | CC6.1 | Logical access |', '| SOC 2 | CC6.2 | Registration |', ...['A.5.15', 'A.5.16', 'A.5.17', 'A.5.18', 'A.8.2'].map((id) => `| ISO 27001 | ${id} | Access |`)];
    const body = ['', '## Compliance Mapping', '', '| Framework | Control | Description |', '|---|---|---|', ...rows, ''].join('\n');
    // No frontmatter: the policy is found by its folder, its criteria only in the table.
    const text = `# Access Control Policy\n\nText.\n${body}`;
    const ws = workspaceOf({ 'policies/access-control-policy.md': text });
    assert.deepEqual(ws.criteriaOf('policies/access-control-policy.md'), ['CC6.1', 'CC6.2']);
    expectNone(ws, 'policies/access-control-policy.md', 'unmapped-document');
  });

  it('not misread: a framework column gives nothing to rows of other frameworks, and a table of mostly other IDs with no framework column maps nothing', () => {
    // An ISO row whose text mentions a SOC 2 criterion maps nothing: only the SOC 2 rows count.
    const mixed = ['# P', '', '## Mapping', '', '| Framework | Control | Notes |', '|---|---|---|', '| SOC 2 | CC6.1 | Access |', '| SOC 2 | CC6.2 | Accounts |', '| NIST 800-53 | AC-2 CC7.2 | Accounts |', ''].join('\n');
    assert.deepEqual(workspaceOf({ 'policies/p.md': mixed }).criteriaOf('policies/p.md'), ['CC6.1', 'CC6.2']);
    const noFramework = ['# P', '', '## Mapping', '', '| Control | Description |', '|---|---|', '| CC6.1 | Access |', ...['A.5.15', 'A.5.16', 'A.5.17', 'A.5.18', 'A.8.2'].map((id) => `| ${id} | Access |`), ''].join('\n');
    assert.deepEqual(workspaceOf({ 'policies/p.md': noFramework }).criteriaOf('policies/p.md'), []);
  });

  it('a table naming each row\'s framework maps the document it sits in, under any heading; other frameworks\' rows and step numbers map nothing', () => {
    const table = (first: string, rows: readonly string[]): string => ['', '## 5. Standards Compliance', '', `| **${first}** | **Standard/Framework** | **Control Reference** |`, '|---|---|---|', ...rows, ''].join('\n');
    const procedure = `# Access Review Procedure\n\nSteps.\n${table('Procedure Step(s)', ['| **1-6** | SOC 2 TSC | CC6.8 |', '| **2, 7** | PCI DSS v4.0 | 12.10.1, 12.10.5 |', '| 3 | Card Network Rules | CC9.9 rule 4 |'])}`;
    const policy = `# Monitoring Policy\n\nText.\n${table('Policy Section', ['| 3.1 | SOC 2 Trust Services Criteria | CC7.2 - Monitoring |', '| 3.2 | BSA/AML | 31 CFR 1020.320 |', '| 3.5, 3.8 | SOC 2 TSC | CC7.4, CC7.5 |'])}`;
    const ws = workspaceOf({ 'procedures/access-review.md': procedure, 'policies/monitoring-policy.md': policy });
    assert.deepEqual(ws.criteriaOf('procedures/access-review.md'), ['CC6.8']);
    assert.deepEqual(ws.criteriaOf('policies/monitoring-policy.md'), ['CC7.2', 'CC7.4', 'CC7.5']);
    expectNone(ws, 'procedures/access-review.md', 'unmapped-document');
    // `1-6` and `3.1` are steps and sections, not documents the table names: nothing is looked up by them.
    const doc = parseComplianceDocument('procedures/access-review.md', procedure);
    assert.deepEqual(doc.mappingRows ?? [], []);
    // Not misread: a table of other frameworks only maps nothing, and a narrative's such table is a catalog.
    const other = `# AML Policy\n\nText.\n${table('Policy Section', ['| 3.1 | USA PATRIOT Act | Section 326 |', '| 3.2 | GLBA Safeguards | § 314.4 |'])}`;
    const narrative = `# Overview\n\n${table('Section', ['| 1 | SOC 2 TSC | CC6.1 |', '| 2 | ISO 27001 | A.5.15 |'])}`;
    const ws2 = workspaceOf({ 'policies/aml-policy.md': other, 'README.md': narrative });
    assert.deepEqual(ws2.criteriaOf('policies/aml-policy.md'), []);
    assert.deepEqual(ws2.criteriaOf('README.md'), []);
  });

  it('a matrix with a column per criterion maps each row\'s document to the criteria it marks; descriptions and blanks are no marks', () => {
    const matrix = [
      '# SOC 2 control matrix',
      '',
      '| Policy | CC6.1 Logical access | **CC6.2** | CC7.3 | CC8.1 |',
      '|---|:-:|:-:|:-:|:-:|',
      '| [Access Control Policy](policies/access-control-policy.md) | ✓ | ✔ | | |',
      '| Change Management Policy | | | - | X |',
      '| Incident Response Policy | no | n/a | Yes | |',
      '| Logging Policy | Reviewed quarterly | see CC7.2 | | |',
      '',
    ].join('\n');
    const ws = workspaceOf({
      'soc2-matrix.md': matrix,
      'policies/access-control-policy.md': policy('Access Control Policy'),
      'policies/change-management-policy.md': policy('Change Management Policy'),
      'policies/incident-response-policy.md': policy('Incident Response Policy'),
      'policies/logging-policy.md': policy('Logging Policy'),
    });
    assert.deepEqual(ws.criteriaOf('policies/access-control-policy.md'), ['CC6.1', 'CC6.2']);
    assert.deepEqual(ws.criteriaOf('policies/change-management-policy.md'), ['CC8.1']);
    assert.deepEqual(ws.criteriaOf('policies/incident-response-policy.md'), ['CC7.3']);
    // A cell that describes rather than marks maps nothing: the policy is still unmapped.
    assert.deepEqual(ws.criteriaOf('policies/logging-policy.md'), []);
    assert.equal(findingsOf(ws, 'policies/logging-policy.md', 'unmapped-document').length, 1);
    expectNone(ws, 'policies/change-management-policy.md', 'unmapped-document');
    // Not misread: one criterion column is no matrix, and rows that name no document map nothing.
    const one = workspaceOf({ 'soc2-matrix.md': '| Policy | CC6.1 |\n|---|---|\n| Access Control Policy | ✓ |\n', 'policies/access-control-policy.md': policy('Access Control Policy') });
    assert.deepEqual(one.criteriaOf('policies/access-control-policy.md'), []);
  });

  it('a mapping heading on the first line of a document without frontmatter counts', () => {
    const text = '## Compliance Mapping\n\n| Framework | Control | Description |\n|---|---|---|\n| SOC 2 | CC7.1 | Monitoring |\n| SOC 2 | CC7.2 | Alerts |\n';
    assert.deepEqual(workspaceOf({ 'policies/monitoring-policy.md': text }).criteriaOf('policies/monitoring-policy.md'), ['CC7.1', 'CC7.2']);
  });

  it('a central file with a table under each policy\'s name maps the policy it names, by title or file name', () => {
    const section = (name: string, ids: string[]): string => [`### ${name}`, '| Framework | Control ID | Control Name |', '|---|---|---|', ...ids.map((id) => `| SOC 2 | ${id} | Selects and Develops Control Activities |`), '| ISO 27001 | A.5.1 | Policies |', ''].join('\n');
    const central = ['# Framework Mapping Matrix', '', '## Mapping by Policy', '', section('Access Control Policy', ['CC6.1', 'CC6.2']), section('2. Logging & Monitoring Policy', ['CC7.1', 'CC7.2']), section('Retired Policy', ['CC9.1', 'CC9.2']), ''].join('\n');
    const page = (title: string): string => `# ${title}\n\nText.\n`;
    const ws = workspaceOf({
      'FRAMEWORK_MAPPING.md': central,
      'policies/access-control-policy.md': page('Access Control Policy'),
      'policies/logging-monitoring-policy.md': `---\ntitle: Logging and Monitoring Policy\n---\n${page('Logging and Monitoring Policy')}`,
      'policies/other-policy.md': page('Other Policy'),
    });
    assert.deepEqual(ws.criteriaOf('policies/access-control-policy.md'), ['CC6.1', 'CC6.2']);
    assert.deepEqual(ws.criteriaOf('policies/logging-monitoring-policy.md'), ['CC7.1', 'CC7.2']);
    // Not misread: a heading that names no document maps nothing, and the criterion titles of the
    // `Control Name` column name no document either.
    assert.deepEqual(ws.criteriaOf('policies/other-policy.md'), []);
    assert.equal(ws.runSummary().documents.length, 3);
    // A heading of a hundred thousand spaces is read in one pass (a backtracking pattern took minutes on ten thousand).
    const long = ['### Access' + ' '.repeat(100_000) + 'Control Policy ##  ', '| Framework | Control ID |', '|---|---|', '| SOC 2 | CC6.1 |', '| SOC 2 | CC6.2 |', ''].join('\n');
    const rows = parseComplianceDocument('FRAMEWORK_MAPPING.md', long).mappingRows ?? [];
    assert.deepEqual(rows.map((r) => r.names.map((n) => n.value.length)), [[100_000 + 'AccessControl Policy'.length], [100_000 + 'AccessControl Policy'.length]]);
  });

  it('a central file with one SOC 2 row per policy, titles beside the IDs, maps each policy it names', () => {
    const section = (name: string, soc2: string): string => [`### ${name}`, '', '| Framework | Applicable Controls |', '|---|---|', '| NIST CSF | ID.GV-1, PR.AT-1 |', '| ISO 27001:2022 | A.5.10 (Acceptable use of information) |', `| SOC 2 TSC | ${soc2} |`, '', '---', ''].join('\n');
    const central = ['# Framework mapping', '', section('1. Acceptable Use Policy', 'CC1.4 (Commitment to competence), CC9.9 (Vendor management)'), section('2. Ethics Policy', 'CC1.1 (COSO principle: integrity and ethical values), CC1.5 (Accountability)'), section('3. Email Policy', 'none; see the ISO rows')].join('\n');
    const ws = workspaceOf({
      'docs/framework_mapping.md': central,
      'policies/acceptable_use_policy.md': '# Acceptable Use Policy\n',
      'policies/ethics_policy.md': '# Ethics Policy\n',
      'policies/email_policy.md': '# Email Policy\n',
    });
    assert.deepEqual(ws.criteriaOf('policies/acceptable_use_policy.md'), ['CC1.4']);
    assert.deepEqual(ws.criteriaOf('policies/ethics_policy.md'), ['CC1.1', 'CC1.5']);
    // A SOC 2 row that names no criterion maps nothing; the other frameworks' rows never do.
    assert.deepEqual(ws.criteriaOf('policies/email_policy.md'), []);
  });

  it('IDs the catalog does not have (P1.0, a heading row\'s CC1.0) still show the column holds IDs: the rows with catalog IDs map', () => {
    const table = [
      '| Criterion | Description | Documents |',
      '|---|---|---|',
      '| CC1.0 | Control environment | |',
      '| CC6.1 | Logical access | [Access Control Policy](../policies/access-control-policy.md) |',
      '| P1.0 | Privacy notice | [Privacy Policy](../policies/privacy-policy.md) |',
      '| P1.2 | Choice and consent | [Privacy Policy](../policies/privacy-policy.md) |',
      '',
    ].join('\n');
    const ws = workspaceOf({
      'mappings/soc2-mapping.md': table,
      'policies/access-control-policy.md': policy('Access Control Policy'),
      'policies/privacy-policy.md': policy('Privacy Policy'),
    });
    assert.deepEqual(ws.criteriaOf('policies/access-control-policy.md'), ['CC6.1']);
    expectNone(ws, 'policies/access-control-policy.md', 'unmapped-document');
    // Mapped only to IDs no criterion has: it counts toward nothing, and is told where to correct them.
    assert.deepEqual(ws.criteriaOf('policies/privacy-policy.md'), []);
    const [finding, ...more] = findingsOf(ws, 'policies/privacy-policy.md', 'unmapped-document');
    assert.equal(more.length, 0);
    assert.match(finding.message, /the table in mappings\/soc2-mapping\.md maps it to `P1\.0`, `P1\.2`, which are not criteria of the 2017 Trust Services Criteria\. Correct the IDs in the table \(P1 has only P1\.1\)/);
    // Fixed in the table, it maps.
    ws.upsertDocument(parseComplianceDocument('mappings/soc2-mapping.md', table.replace('| P1.0 |', '| P1.1 |'), ws.parseSettings()));
    assert.deepEqual(ws.criteriaOf('policies/privacy-policy.md'), ['P1.1']);
    expectNone(ws, 'policies/privacy-policy.md', 'unmapped-document');
  });

  it('a table names a document by the heading its body opens with, when its frontmatter has no title', () => {
    const table = '| TSC | Policy |\n|---|---|\n| CC1.1 | Information Security Policy |\n| CC2.1 | Information Security Policy |\n| CC6.1 | Access Control Policy |\n';
    const untitled = (heading: string): string => `---\nowner: CISO\nstatus: approved\nlast_reviewed: 2026-06-01\n---\n\n${heading}\n\nAll staff protect data.\n`;
    const ws = workspaceOf({
      'soc2-matrix.md': table,
      'policies/infosec.md': untitled('# **Information Security Policy**'),
      // Not misread: a second-level heading is a section, and a title in frontmatter is the name.
      'policies/access.md': untitled('## Access Control Policy'),
      'policies/iam.md': '---\ntitle: Identity Policy\nowner: CISO\nstatus: approved\nlast_reviewed: 2026-06-01\n---\n# Access Control Policy\n',
    });
    assert.deepEqual(ws.criteriaOf('policies/infosec.md'), ['CC1.1', 'CC2.1']);
    expectNone(ws, 'policies/infosec.md', 'unmapped-document');
    assert.deepEqual(ws.criteriaOf('policies/access.md'), []);
    assert.deepEqual(ws.criteriaOf('policies/iam.md'), []);
    // A document with no frontmatter is named by its heading too (the matrix lists its criteria).
    const bare = workspaceOf({ 'soc2-matrix.md': table, 'policies/infosec.md': '# Information Security Policy\n\nText.\n' });
    assert.deepEqual(bare.criteriaOf('policies/infosec.md'), ['CC1.1', 'CC2.1']);
    // Read as a table's heading is: numbering, emphasis and closing `#`s aside.
    assert.equal(parseComplianceDocument('policies/p.md', '\n\n# 1. **Information Security Policy** ##\n').heading?.value, 'Information Security Policy');
    // A heading line of a hundred thousand spaces is no name, and is read in one pass (a pattern with a lazy middle took seconds on thirty thousand).
    assert.equal(parseComplianceDocument('policies/p.md', `# Access${' '.repeat(100_000)}Policy #${' '.repeat(100_000)}x\n`).heading, undefined);
  });

  it('a document with no frontmatter that a table maps claims those criteria: coverage counts it, frontmatter-missing names the table', () => {
    const table = '| Criterion | Policy |\n|---|---|\n| CC6.1 | [Access](policies/access-control-policy.md) |\n| CC6.2 | [Access](policies/access-control-policy.md) |\n| CC7.3 | [Incident](policies/drafts/incident-policy.md) |\n| CC7.4 | [Logo](policies/logo.png) |\n';
    const ws = workspaceOf({
      'soc2-mapping.md': table,
      'policies/access-control-policy.md': '# Access Control Policy\n\nAccess is granted on least privilege.\n',
      // Not misread: a draft by its folder, a policy no table maps, and a file that is not markdown claim nothing.
      'policies/drafts/incident-policy.md': '# Incident Policy\n\nIncidents are triaged.\n',
      'policies/backup-policy.md': '# Backup Policy\n\nBackups run nightly.\n',
      'policies/logo.png': 'not a document',
    });
    const state = (id: string): [string, string[]] | undefined => {
      const c = ws.coverage().criteria.find((x) => x.id === id);
      return c && [c.state, c.documents.map((d) => d.path)];
    };
    assert.deepEqual(state('CC6.1'), ['claimed', ['policies/access-control-policy.md']]);
    assert.deepEqual(state('CC6.2'), ['claimed', ['policies/access-control-policy.md']]);
    assert.equal(state('CC7.3')?.[0], 'uncovered');
    assert.equal(state('CC7.4')?.[0], 'uncovered');
    const [missing] = findingsOf(ws, 'policies/access-control-policy.md', 'frontmatter-missing');
    assert.match(missing.message, /neither its owner nor its review date can be read: the table in soc2-mapping\.md maps it to CC6\.1 and CC6\.2, where it counts only as a claim/);
    // One with no table says nothing maps it, as before.
    assert.match(findingsOf(ws, 'policies/backup-policy.md', 'frontmatter-missing')[0].message, /neither its owner, its review date nor the criteria it meets can be read/);
    // Frontmatter that does not parse still counts for nothing, mapped or not.
    const broken = workspaceOf({ 'soc2-mapping.md': table, 'policies/access-control-policy.md': '---\ntitle: [unclosed\n---\n# Access Control Policy\n' });
    assert.equal(broken.coverage().criteria.find((x) => x.id === 'CC6.1')?.state, 'uncovered');
  });

  it('a markdown file that is not a document by its place or frontmatter is one when a table links it, and is passed over again when none does', () => {
    const row = (id: string, link: string): string => `| ${id} | [doc](${link}) |\n`;
    const head = '| Criterion | Document |\n|---|---|\n';
    const table = head + row('CC8.1', 'a-engineering/change.md') + row('A1.2', 'z-ops/backup.md');
    const files = {
      // Read before the table (path order) and after it: both become documents.
      'a-engineering/change.md': '# Change Management\n\nEvery change is reviewed before it ships.\n',
      'soc2-mapping.md': table,
      'z-ops/backup.md': '---\ntitle: Backups\n---\n# Backups\n\nNightly, restored quarterly.\n',
      // Not misread: a file no table links, and a README a table links, stay passed over.
      'z-ops/notes.md': '# Notes\n\nMeeting notes.\n',
      'z-ops/README.md': '# Ops\n',
      // Nor does a file only another framework's table links: it is not shown to be part of the SOC 2 program.
      'iso-mapping.md': '| Standard | Requirement ID | Title | Primary Documents |\n|---|---|---|---|\n| ISO 27001 | A.5.10 | Acceptable use | [AUP](z-ops/aup.md) |\n',
      'z-ops/aup.md': '# Acceptable Use\n\nBe kind.\n',
      // Nor a mapping file whose table links its own sections.
      'z-ops/matrix.md': '## CC6.1\n\n| Criterion | Where |\n|---|---|\n| CC6.1 | [below](#cc61) |\n| CC6.2 | [below](matrix.md#cc62) |\n',
    };
    const ws = workspaceOf({ ...files, 'soc2-mapping.md': table + row('CC7.1', 'z-ops/README.md') });
    const members = (w: typeof ws): string[] => [...w.documents()].map((d) => d.path).sort();
    assert.deepEqual(members(ws), ['a-engineering/change.md', 'z-ops/backup.md']);
    assert.deepEqual(ws.criteriaOf('a-engineering/change.md'), ['CC8.1']);
    assert.deepEqual(ws.skipped().map((x) => x.path).sort(), ['iso-mapping.md', 'soc2-mapping.md', 'z-ops/README.md', 'z-ops/aup.md', 'z-ops/matrix.md', 'z-ops/notes.md']);
    assert.equal(ws.coverage().criteria.find((c) => c.id === 'CC8.1')?.state, 'claimed');
    // The table no longer links change.md: it is passed over again, and the table's own rows still map backup.md.
    const change = ws.upsertDocument(parseComplianceDocument('soc2-mapping.md', head + row('A1.2', 'z-ops/backup.md')));
    assert.ok(change.documents.has('a-engineering/change.md'), 'the file passed over again is re-published');
    assert.deepEqual(members(ws), ['z-ops/backup.md']);
    assert.equal(ws.coverage().criteria.find((c) => c.id === 'CC8.1')?.state, 'uncovered');
    assert.ok(ws.skipped().some((x) => x.path === 'a-engineering/change.md'));
    // Linked again, and the table removed: each time the same as a workspace built from scratch.
    ws.upsertDocument(parseComplianceDocument('soc2-mapping.md', table));
    assert.deepEqual(members(ws), members(workspaceOf(files)));
    assert.deepEqual(ws.runSummary(), workspaceOf(files).runSummary());
    ws.removeDocument('soc2-mapping.md');
    const { 'soc2-mapping.md': _table, ...untabled } = files;
    // A title alone is no compliance key: with no table, neither file is a document.
    assert.deepEqual(members(ws), []);
    assert.deepEqual(members(workspaceOf(untabled)), []);
  });

  it('a catalog of criteria (IDs and titles, no documents) maps nothing', () => {
    const catalog = '---\ntitle: SOC 2 catalog\ndoc_type: Catalog\n---\n## Criteria\n\n| ID | Title |\n|---|---|\n| CC6.1 | Logical access |\n| CC6.2 | Registration |\n';
    const ws = workspaceOf({ 'coordination/catalogs/SOC2-TSC.md': catalog, 'policies/logical-access.md': policy('Logical Access Policy') });
    assert.deepEqual(ws.criteriaOf('coordination/catalogs/SOC2-TSC.md'), []);
    assert.deepEqual(ws.criteriaOf('policies/logical-access.md'), []);
  });

  it('a table of another framework\'s requirements that links a document maps it, if not to SOC 2: no unmapped-document', () => {
    const iso = '| Standard | Requirement ID | Title | Primary Documents |\n|---|---|---|---|\n| ISO 27001 | A.5.10 | Acceptable use | [P07](../policies/aup.md) |\n';
    const ws = workspaceOf({ 'mappings/iso.md': iso, 'policies/aup.md': policy('Acceptable Use Policy'), 'policies/other.md': policy('Other Policy') });
    assert.deepEqual(ws.criteriaOf('policies/aup.md'), []);
    expectNone(ws, 'policies/aup.md', 'unmapped-document');
    assert.equal(findingsOf(ws, 'policies/other.md', 'unmapped-document').length, 1);
  });
});

describe('a document\'s own mapping table', () => {
  const own = (criteria: string): string =>
    ['---', 'id: POL-1', 'type: policy', 'status: approved', `criteria: [${criteria}]`, '---', '# Access', '', '## TSC mapping', '', '| Criterion | How |', '|---|---|', '| CC6.1 | Access is granted on request. |', '| CC6.2 | Accounts are removed. |', ''].join('\n');

  it('adds the criteria its frontmatter does not map, at the cell that names them', () => {
    const text = own('CC6.1');
    const doc = parseComplianceDocument('policies/access.md', text);
    assert.deepEqual(doc.ownMappings?.map((m) => m.id), ['CC6.2']);
    const m = (doc.ownMappings ?? [])[0];
    assert.equal(text.slice(m.span.start, m.span.end), 'CC6.2');
    assert.deepEqual(workspaceOf({ 'policies/access.md': text }).criteriaOf('policies/access.md'), ['CC6.1', 'CC6.2']);
  });

  it('a control matrix in a control or policy maps it to its controls\' criteria; the same table in a narrative maps nothing of its own', () => {
    const matrix = ['# Control matrix', '', '| Control ID | Control | TSC | Owner |', '|---|---|---|---|', '| AC-01 | Quarterly user access reviews | CC6.2, CC6.3 | IT |', '| CM-01 | Changes are peer reviewed | CC8.1 | Eng |', ''].join('\n');
    const fm = '---\ntitle: Control matrix\nowner: sec\nlast_reviewed: 2026-06-01\n---\n';
    const ws = workspaceOf({ 'controls/control-matrix.md': fm + matrix, 'narratives/overview.md': fm + matrix });
    assert.deepEqual(ws.criteriaOf('controls/control-matrix.md'), ['CC6.2', 'CC6.3', 'CC8.1']);
    expectNone(ws, 'controls/control-matrix.md', 'unmapped-document');
    assert.deepEqual(ws.criteriaOf('narratives/overview.md'), []);
    // A table naming documents in a `Policy` column is no control matrix: its rows map those documents.
    const byPolicy = ['# Access', '', '| Policy | TSC |', '|---|---|', '| Logging Policy | CC7.2 |', ''].join('\n');
    const ws2 = workspaceOf({ 'policies/access.md': fm + byPolicy, 'policies/logging.md': policy('Logging Policy') });
    assert.deepEqual(ws2.criteriaOf('policies/access.md'), []);
    assert.deepEqual(ws2.criteriaOf('policies/logging.md'), ['CC7.2']);
  });

  it('records nothing when the frontmatter maps every criterion of the table already', () => {
    const text = own('CC6.1, CC6.2');
    assert.equal(parseComplianceDocument('policies/access.md', text).ownMappings, undefined);
    assert.deepEqual(workspaceOf({ 'policies/access.md': text }).criteriaOf('policies/access.md'), ['CC6.1', 'CC6.2']);
  });
});
