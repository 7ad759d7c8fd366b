import assert from 'node:assert/strict';
import { applyEdits, expectFinding, expectNone, findingsOf, marked, workspaceOf } from '../../helpers';

const page = (title: string, body = ''): string => `---\ntitle: ${title}\npolicy: true\nlast_updated: 2026-01-12\n---\n\n${body}\n`;

describe('broken-link', () => {
  it('reads site-root links as the published form of repository paths, not as evidence', () => {
    const ws = workspaceOf({
      'vendor/index.md': page('Vendor policy'),
      'access-control/index.md': page('Access control', 'See the [vendor policy](/security-policies/vendor/) and [classification](../classification/#levels).'),
      'classification/index.md': page('Classification'),
    });
    expectNone(ws, 'access-control/index.md', 'broken-link');
    expectNone(ws, 'access-control/index.md', 'broken-evidence-link');
  });

  it('reports a broken cross-reference as a warning with a did-you-mean fix that keeps the link style', () => {
    const m = marked(page('Access control', 'See the [vendor policy](«/security-policies/vendr/»).'));
    const ws = workspaceOf({ 'vendor/index.md': page('Vendor policy'), 'access-control/index.md': m.text });
    const f = expectFinding(ws, 'access-control/index.md', 'broken-link', m.span, 'warning');
    assert.match(f.message, /Did you mean `\/security-policies\/vendor\/`\?/);
    const change = f.fixes?.[0].changes[0];
    assert.ok(change?.kind === 'edit');
    assert.match(applyEdits(m.text, change.edits), /\(\/security-policies\/vendor\/\)/);
    expectNone(ws, 'access-control/index.md', 'broken-evidence-link');
  });

  it('reports a relative link to a missing markdown document', () => {
    const m = marked('---\ntype: policy\ncriteria: [CC6.1]\nlast_reviewed: 2026-01-01\n---\nSee [IAM](«./Identity-and-Acess-Policy.md»).\n');
    const ws = workspaceOf({ 'policies/access.md': m.text, 'policies/Identity-and-Access-Policy.md': '---\ntype: policy\n---\n' });
    const f = expectFinding(ws, 'policies/access.md', 'broken-link', m.span, 'warning');
    assert.match(f.message, /Did you mean `\.\/Identity-and-Access-Policy\.md`\?/);
  });

  it('suggests the page one folder up, or in a folder whose name is one letter off', () => {
    const up = marked('# Access change\n\nSee the [HR policy](«hr.md#onboarding»).\n');
    const off = marked('# Access control policy\n\nSee the [mapping](«../_annexes/control_mapping.md»).\n');
    const ws = workspaceOf({
      'policies/hr.md': '# HR policy\n',
      'policies/procedures/access-change.md': up.text,
      'annexes/control_mapping.md': '# Control mapping\n',
      'access_control_policies/AC-POL-001.md': off.text,
    });
    const f = expectFinding(ws, 'policies/procedures/access-change.md', 'broken-link', up.span, 'warning');
    assert.match(f.message, /Did you mean `\.\.\/hr\.md#onboarding`\?/);
    const g = expectFinding(ws, 'access_control_policies/AC-POL-001.md', 'broken-link', off.span, 'warning');
    assert.match(g.message, /Did you mean `\.\.\/annexes\/control_mapping\.md`\?/);
    assert.equal(g.fixes?.[0].title, 'Change to ../annexes/control_mapping.md');
    // Its own name one folder up beats a near name beside it.
    const both = marked('# Access change\n\nSee [data protection](«data-protection.md»).\n');
    const w2 = workspaceOf({ 'policies/data-protection.md': '# Data protection policy\n', 'policies/procedures/cp-data-protection.md': '# Procedure\n', 'policies/procedures/access-change.md': both.text });
    assert.match(expectFinding(w2, 'policies/procedures/access-change.md', 'broken-link', both.span).message, /Did you mean `\.\.\/data-protection\.md`\?/);
    // Nowhere near: no guess.
    const none = marked('# Access\n\nSee [the plan](«../plans/nothing.md»).\n');
    const h = expectFinding(workspaceOf({ 'policies/a.md': none.text, 'policies/nothing-else.md': '# x\n' }), 'policies/a.md', 'broken-link', none.span);
    assert.doesNotMatch(h.message, /Did you mean/);
  });

  it('suggests the page whose name the link spells out or abbreviates, when only one shares most of its words', () => {
    const m = marked('---\ntype: policy\ncriteria: [CC7.4]\nlast_reviewed: 2026-01-01\n---\nSee the [BC/DR policy](«../08-business-continuity-disaster-recovery-policy.md»).\n');
    const files = {
      'playbooks/ransomware.md': m.text,
      '08-business-continuity-dr-policy.md': '---\ntype: policy\n---\n',
      '04-incident-response-policy.md': '---\ntype: policy\n---\n',
      '02-access-control-policy.md': '---\ntype: policy\n---\n',
    };
    const f = expectFinding(workspaceOf(files), 'playbooks/ransomware.md', 'broken-link', m.span, 'warning');
    assert.match(f.message, /Did you mean `\.\.\/08-business-continuity-dr-policy\.md`\?/);
    // Not misread: names that share only a number and `policy`, or two pages equally alike, give no suggestion.
    const lone = marked('---\ntype: policy\n---\nSee [it](«../08-vendor-management-policy.md»).\n');
    const g = expectFinding(workspaceOf({ ...files, 'playbooks/ransomware.md': lone.text }), 'playbooks/ransomware.md', 'broken-link', lone.span);
    assert.doesNotMatch(g.message, /Did you mean/);
    const tie = { ...files, '09-business-continuity-dr-plan.md': '---\ntype: policy\n---\n', 'playbooks/ransomware.md': marked('---\ntype: policy\n---\nSee [it](«../business-continuity-dr.md»).\n').text };
    const h = findingsOf(workspaceOf(tie), 'playbooks/ransomware.md', 'broken-link');
    assert.equal(h.length, 1);
    assert.doesNotMatch(h[0].message, /Did you mean/);
  });

  it('leaves links into evidence folders and to files that are not pages to broken-evidence-link', () => {
    const m = marked('---\ntype: policy\ncriteria: [CC6.1]\nlast_reviewed: 2026-01-01\n---\nSee [export](«../evidence/q3»), [csv](«../exports/q3.csv»).\n');
    const ws = workspaceOf({ 'policies/access.md': m.text, 'evidence/q1.csv': 'x' });
    assert.deepEqual(findingsOf(ws, 'policies/access.md', 'broken-evidence-link').map((f) => f.span), m.spans);
    expectNone(ws, 'policies/access.md', 'broken-link');
  });
});
