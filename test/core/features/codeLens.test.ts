import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { documentLenses, SHOW_COVERAGE_COMMAND, SHOW_REVIEW_SCHEDULE_COMMAND } from '../../../server/src/core/features/codeLens';
import { joinLines, workspaceOf } from '../../helpers';

// Today is 2026-11-16; the default review cycle is annual.
function lenses(frontmatter: string[], extra: Record<string, string> = {}): string[] {
  const ws = workspaceOf({ 'controls/ac-01.md': joinLines('---', ...frontmatter, '---', '', '# Body', ''), ...extra });
  return documentLenses(ws, 'controls/ac-01.md').map((l) => l.title);
}

describe('code lens', () => {
  it('sits on the opening line of the frontmatter and names the commands it could run', () => {
    const ws = workspaceOf({ 'policies/access.md': joinLines('---', 'id: POL-ACCESS', 'criteria: [CC6.1, CC6.2]', 'last_reviewed: 2026-10-02', '---', '') });
    assert.deepEqual(documentLenses(ws, 'policies/access.md'), [
      { span: { start: 0, end: 3 }, title: '2 criteria', command: { name: SHOW_COVERAGE_COMMAND, arguments: ['CC6.1', 'CC6.2'] } },
      { span: { start: 0, end: 3 }, title: 'reviewed 45 days ago · due in 320 days', command: { name: SHOW_REVIEW_SCHEDULE_COMMAND, arguments: [] } },
    ]);
  });

  it('counts criteria, and says which are not in the catalog or do not count', () => {
    assert.equal(lenses(['id: AC-01', 'criteria: [CC6.1]'])[0], '1 criterion');
    assert.equal(lenses(['id: AC-01', 'criteria: [CC6.1, CC9.9]'])[0], '2 criteria, 1 not in the catalog');
    assert.equal(lenses(['id: AC-01', 'status: draft', 'criteria: [CC6.1]'])[0], '1 criterion (draft: not counted)');
    assert.equal(lenses(['id: AC-01'])[0], 'no criteria mapped');
  });

  it('gives the age of the review and when the next one is due', () => {
    assert.equal(lenses(['id: AC-01', 'last_reviewed: 2026-11-16'])[1], 'reviewed today · due in 365 days');
    assert.equal(lenses(['id: AC-01', 'last_reviewed: 2025-11-16'])[1], 'reviewed 365 days ago · due today');
    assert.equal(lenses(['id: AC-01', 'last_reviewed: 2025-11-04'])[1], 'review overdue by 12 days');
    assert.equal(lenses(['id: AC-01', 'last_reviewed: 2025-11-16', 'review_cycle: P1Y1D'])[1], 'reviewed 365 days ago · due in 1 day');
    assert.equal(lenses(['id: AC-01'])[1], 'no review date');
    assert.equal(lenses(['id: AC-01', 'last_reviewed: 2026-12-10'])[1], 'review date 2026-12-10 is in the future');
    assert.equal(lenses(['id: AC-01', 'status: draft', 'last_reviewed: 2026-11-15'])[1], 'reviewed 1 day ago');
  });

  it('counts the evidence of a control, and how much of it is missing or outside the repository', () => {
    const evidence = ['id: AC-01', 'evidence:', '  - /evidence/q1.csv', '  - /evidence/q2.csv', '  - url: https://tickets.example.com/SEC-1', '  - /evidence/gone.csv', '  - ../../../elsewhere.csv'];
    assert.equal(lenses(evidence, { 'evidence/q1.csv': 'x', 'evidence/q2.csv': 'x' })[2], '5 evidence, 1 missing, 1 outside the repository');
    assert.equal(lenses(evidence.slice(0, 4), { 'evidence/q1.csv': 'x', 'evidence/q2.csv': 'x' })[2], '2 evidence');
    assert.equal(lenses(['id: AC-01'])[2], 'no evidence');
  });

  it('has no evidence lens for documents other than controls', () => {
    const ws = workspaceOf({ 'procedures/onboarding.md': joinLines('---', 'criteria: [CC1.4]', '---', '') });
    assert.equal(documentLenses(ws, 'procedures/onboarding.md').length, 2);
  });

  it('has no lenses for a document without readable frontmatter, or outside the index', () => {
    const ws = workspaceOf({ 'policies/broken.md': joinLines('---', 'title: A: b', '---', ''), 'policies/none.md': '# Plain\n' });
    assert.deepEqual(documentLenses(ws, 'policies/broken.md'), []);
    assert.deepEqual(documentLenses(ws, 'policies/none.md'), []);
    assert.deepEqual(documentLenses(ws, 'README.md'), []);
  });
});

describe('code lens commands', () => {
  it('names only commands the extension declares and registers', () => {
    // A lens whose command the client does not register fails on every click ("command not found").
    const rootDir = path.resolve(__dirname, '../../../..');
    const manifest = JSON.parse(fs.readFileSync(path.join(rootDir, 'package.json'), 'utf8')) as { contributes: { commands: { command: string }[] } };
    const declared = new Set(manifest.contributes.commands.map((c) => c.command));
    const registered = fs.readFileSync(path.join(rootDir, 'client/src/commands.ts'), 'utf8');
    for (const name of [SHOW_COVERAGE_COMMAND, SHOW_REVIEW_SCHEDULE_COMMAND]) {
      assert.ok(declared.has(name), `${name} is not declared in package.json`);
      assert.ok(registered.includes(`'${name}':`), `${name} is not in the client's COMMANDS table`);
    }
  });
});
