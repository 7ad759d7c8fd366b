import assert from 'node:assert/strict';
import { expectFinding, expectNone } from '../../helpers';
import { baseFiles, build, controlWith, replaceLine } from './fixture';

describe('unknown-reference', () => {
  it('reports a policy id that no document has, with the nearest id as a fix', () => {
    const { files, span } = controlWith((l) => replaceLine(l, 'policies:', 'policies: [«POL-ACCES»]'));
    const f = expectFinding(build(files), 'controls/ac-01.md', 'unknown-reference', span, 'error');
    assert.equal(f.fixes?.[0].title, 'Change to POL-ACCESS');
  });

  it('clears when the referenced document appears', () => {
    const { files } = controlWith((l) => replaceLine(l, 'policies:', 'policies: [POL-NEW]'));
    const ws = build(files);
    assert.equal(ws.findings('controls/ac-01.md').filter((f) => f.code === 'unknown-reference').length, 1);
    files['policies/new.md'] = files['policies/access.md'].replace('POL-ACCESS', 'POL-NEW').replace('controls: [AC-01]', 'controls: []');
    expectNone(build(files), 'controls/ac-01.md', 'unknown-reference');
  });

  it('is silent when references resolve', () => {
    expectNone(build(baseFiles()), 'controls/ac-01.md', 'unknown-reference');
    expectNone(build(baseFiles()), 'policies/access.md', 'unknown-reference');
  });
});
