import assert from 'node:assert/strict';
import { codeActionsAt, type CodeActionEntry } from '../../../server/src/core/features/codeActions';
import type { FileChange } from '../../../server/src/core/model/types';
import type { ComplianceWorkspace } from '../../../server/src/core/index/workspace';
import { applyEdits, findingsOf, joinLines, workspaceOf, type FileSpec } from '../../helpers';

/** Removes the ‸ cursor marker; returns the text and the cursor offset. */
function cursor(withMarker: string): { text: string; offset: number } {
  const offset = withMarker.indexOf('‸');
  return { text: withMarker.replace('‸', ''), offset };
}

const CONFIG = joinLines('categories: [security]', 'not_applicable:', '  CC6.4: "No offices"', '');

const POLICY = joinLines(
  '---',
  'id: POL-ACCESS',
  'type: policy',
  'title: Access control policy',
  'owner: security-lead',
  'criteria: [CC6.1, CC6.2]',
  'last_reviewed: 2026-03-01',
  '---',
  '',
  'Access follows CC6.1; the board (CC1.2) has not met yet.',
  '',
);

function files(extra: FileSpec = {}): FileSpec {
  return { 'compliance-docs.yml': CONFIG, 'policies/access.md': POLICY, ...extra };
}

function actionsAt(ws: ComplianceWorkspace, path: string, withMarker: string, only?: string[]): { actions: CodeActionEntry[]; text: string } {
  const { text, offset } = cursor(withMarker);
  return { actions: codeActionsAt(ws, path, text, { start: offset, end: offset }, only), text };
}

/** The text of `path` after a fix, from its edit of that file. */
function applied(text: string, path: string, changes: readonly FileChange[]): string {
  const change = changes.find((c) => c.path === path);
  assert.ok(change && change.kind === 'edit', `the fix edits ${path}`);
  return applyEdits(text, change.edits);
}

describe('code actions', () => {
  describe('from findings', () => {
    it('offers the fixes of the finding under the cursor as quick fixes, preferred one first, attached to it', () => {
      const text = POLICY.replace('CC6.2]', 'CC9.9]');
      const ws = workspaceOf(files({ 'policies/access.md': text }));
      const { actions } = actionsAt(ws, 'policies/access.md', text.replace('CC9.9]', 'CC9‸.9]'));
      const fixes = actions.filter((a) => a.finding);
      assert.deepEqual(
        fixes.map((a) => [a.title, a.kind, a.isPreferred, a.finding?.code]),
        [
          ['Change to CC9.2 (Vendor and partner risk)', 'quickfix', true, 'unknown-criterion'],
          ['Change to CC9.1 (Business disruption)', 'quickfix', false, 'unknown-criterion'],
        ],
      );
      const fixed = applied(text, 'policies/access.md', fixes[0].fix.changes);
      assert.ok(fixed.includes('criteria: [CC6.1, CC9.2]'));
      assert.deepEqual(findingsOf(workspaceOf(files({ 'policies/access.md': fixed })), 'policies/access.md'), []);
    });

    it('marks a stale document reviewed today, which clears the finding', () => {
      const text = POLICY.replace('2026-03-01', '2025-03-01');
      const ws = workspaceOf(files({ 'policies/access.md': text }));
      const { actions } = actionsAt(ws, 'policies/access.md', text.replace('2025-03-01', '2025-‸03-01'));
      assert.deepEqual(actions.map((a) => [a.title, a.kind, a.isPreferred]), [['Mark reviewed today (2026-11-16)', 'quickfix', true]]);
      const fixed = applied(text, 'policies/access.md', actions[0].fix.changes);
      assert.ok(fixed.includes('last_reviewed: 2026-11-16\n'));
      assert.deepEqual(findingsOf(workspaceOf(files({ 'policies/access.md': fixed })), 'policies/access.md'), []);
    });

    it('adds a criteria mapping ranked from the text of an unmapped document', () => {
      const text = joinLines('---', 'id: PROC-BACKUP', 'title: Backups', 'owner: sre', 'last_reviewed: 2026-03-01', '---', '', 'Nightly backups are restored every quarter to test recovery.', '');
      const ws = workspaceOf(files({ 'procedures/backup.md': text }));
      const { actions } = actionsAt(ws, 'procedures/backup.md', text.replace('---\nid', '-‸--\nid'));
      const first = actions.find((a) => a.finding?.code === 'unmapped-document');
      assert.ok(first?.isPreferred && /^Map to CC\d\.\d/.test(first.title), JSON.stringify(actions.map((a) => a.title)));
      const fixed = applied(text, 'procedures/backup.md', first.fix.changes);
      assert.match(fixed, /\ncriteria: \[CC\d\.\d\]\n---/);
    });

    it('creates a missing evidence file', () => {
      const text = POLICY.replace('last_reviewed: 2026-03-01', 'last_reviewed: 2026-03-01\nevidence: [../evidence/ack.csv]');
      const ws = workspaceOf(files({ 'policies/access.md': text }));
      const { actions } = actionsAt(ws, 'policies/access.md', text.replace('ack.csv', 'a‸ck.csv'));
      const create = actions.find((a) => a.finding?.code === 'broken-evidence-link');
      assert.deepEqual(create?.fix.changes, [{ kind: 'create', path: 'evidence/ack.csv', content: '' }]);
    });

    it('adds a frontmatter skeleton to a document without one', () => {
      const text = joinLines('# Laptop setup', '', 'Every laptop is enrolled in device management.', '');
      const ws = workspaceOf(files({ 'procedures/laptop-setup.md': text }));
      const { actions } = actionsAt(ws, 'procedures/laptop-setup.md', `‸${text}`);
      assert.deepEqual(actions.map((a) => a.title), ['Add a frontmatter skeleton']);
      assert.match(applied(text, 'procedures/laptop-setup.md', actions[0].fix.changes), /^---\nid: laptop-setup\ntype: procedure\n/);
    });

    it('on compliance-docs.yml: a draft control for each uncovered criterion of a series; scoping out only where it is plausible', () => {
      const ws = workspaceOf(files());
      const { actions } = actionsAt(ws, 'compliance-docs.yml', CONFIG.replace('categories', 'categ‸ories'));
      const cc1 = actions.filter((a) => a.finding?.data?.series === 'CC1');
      assert.deepEqual(cc1.map((a) => a.title), ['1.1', '1.2', '1.3', '1.4', '1.5'].map((n) => `Create a draft control for CC${n} (controls/ctl-cc${n.replace('.', '-')}.md)`));
      assert.equal(cc1[1].fix.changes[0].kind, 'create');
      assert.ok(!actions.some((a) => /not_applicable/.test(a.title)), 'no common criterion is offered as not applicable but CC6.4, which is already scoped out');
    });

    it('on compliance-docs.yml: criteria of an optional category may be scoped out', () => {
      const config = CONFIG.replace('[security]', '[security, availability]');
      const ws = workspaceOf(files({ 'compliance-docs.yml': config }));
      const { actions } = actionsAt(ws, 'compliance-docs.yml', config.replace('categories', 'categ‸ories'));
      const a1 = actions.filter((a) => a.finding?.data?.series === 'A1');
      assert.deepEqual(a1.map((a) => a.title), [
        'Create a draft control for A1.1 (controls/ctl-a1-1.md)',
        'Create a draft control for A1.2 (controls/ctl-a1-2.md)',
        'Create a draft control for A1.3 (controls/ctl-a1-3.md)',
        'Add A1.1 to not_applicable (then write the justification)',
        'Add A1.2 to not_applicable (then write the justification)',
        'Add A1.3 to not_applicable (then write the justification)',
      ]);
      assert.match(applied(config, 'compliance-docs.yml', a1[4].fix.changes), /\n {2}CC6\.4: "No offices"\n {2}A1\.2: ""\n$/);
    });
  });

  describe('without a finding', () => {
    it('offers "Mark reviewed today" anywhere in a document with frontmatter, as a rewrite', () => {
      const ws = workspaceOf(files());
      const { actions, text } = actionsAt(ws, 'policies/access.md', POLICY.replace('Access follows', 'Acc‸ess follows'));
      assert.deepEqual(actions.map((a) => [a.title, a.kind, a.isPreferred]), [['Mark reviewed today (2026-11-16)', 'refactor.rewrite', false]]);
      assert.ok(applied(text, 'policies/access.md', actions[0].fix.changes).includes('last_reviewed: 2026-11-16\n'));
    });

    it('offers nothing to mark reviewed in a markdown file that is not a compliance document', () => {
      const ws = workspaceOf(files({ 'evidence/README.md': POLICY }));
      assert.deepEqual(actionsAt(ws, 'evidence/README.md', POLICY.replace('Access follows', 'Acc‸ess follows')).actions, []);
    });

    it('on an uncovered criterion under the cursor: create a control for it, or scope it out where that is plausible', () => {
      const ws = workspaceOf(files());
      const { actions } = actionsAt(ws, 'policies/access.md', POLICY.replace('(CC1.2)', '(CC1.‸2)'), ['quickfix']);
      assert.deepEqual(actions.map((a) => [a.title, a.kind, a.finding]), [['Create a draft control for CC1.2 (controls/ctl-cc1-2.md)', 'quickfix', undefined]]);
      const config = joinLines('categories: [security, availability]', '');
      const scoped = workspaceOf(files({ 'compliance-docs.yml': config }));
      assert.deepEqual(actionsAt(scoped, 'compliance-docs.yml', `${config}# A1.‸3 is next\n`, ['quickfix']).actions.filter((a) => !a.finding).map((a) => a.title), [
        'Create a draft control for A1.3 (controls/ctl-a1-3.md)',
        'Add A1.3 to not_applicable (then write the justification)',
      ]);
      assert.deepEqual(actionsAt(ws, 'policies/access.md', POLICY.replace('follows CC6.1', 'follows CC6‸.1'), ['quickfix']).actions, [], 'CC6.1 is claimed, not uncovered');
    });

    it('honours the kinds asked for', () => {
      const ws = workspaceOf(files());
      const at = POLICY.replace('(CC1.2)', '(CC1.‸2)');
      assert.deepEqual(actionsAt(ws, 'policies/access.md', at, ['refactor']).actions.map((a) => a.kind), ['refactor.rewrite']);
      assert.deepEqual(actionsAt(ws, 'policies/access.md', at, ['source']).actions, []);
      assert.equal(actionsAt(ws, 'policies/access.md', at).actions.length, 2);
    });
  });

  it('a control created for an uncovered criterion covers it once approved', () => {
    const ws = workspaceOf(files());
    const { actions } = actionsAt(ws, 'policies/access.md', POLICY.replace('(CC1.2)', '(CC1.‸2)'), ['quickfix']);
    const change = actions[0].fix.changes[0];
    assert.ok(change.kind === 'create');
    assert.match(change.content, /^---\nid: CTL-CC1-2\ntype: control\ntitle: Board independence and oversight\n/);
    const approved = change.content.replace('status: draft', 'status: approved');
    const after = workspaceOf(files({ [change.path]: approved }));
    assert.equal(after.criterionState('CC1.2'), 'claimed');
    assert.ok(!after.workspaceFindings().some((f) => f.code === 'uncovered-criterion' && (f.data?.criteria ?? '').split(' ').includes('CC1.2')));
  });
});
