import assert from 'node:assert/strict';
import { expectNone, findingsOf, marked } from '../../helpers';
import { baseFiles, build, controlWith, replaceLine } from './fixture';

describe('evidence-not-a-link', () => {
  it('reports placeholders and non-web schemes as errors at the entry, and counts them as no evidence', () => {
    const m = marked('---\nid: AC-02\ntype: control\ntitle: Reviews\nowner: it\ncriteria: [CC6.2]\nlast_reviewed: 2026-06-01\nevidence:\n  - «TODO: upload»\n  - «tbd:later»\n  - url: «javascript:alert(1)»\n  - «Quarterly access review spreadsheet»\n---\n');
    const ws = build({ ...baseFiles(), 'controls/ac-02.md': m.text });
    const found = findingsOf(ws, 'controls/ac-02.md', 'evidence-not-a-link');
    assert.deepEqual(found.map((f) => f.span), m.spans);
    assert.ok(found.every((f) => f.severity === 'error'));
    assert.match(found[0].message, /`TODO: upload` is not a link to evidence/);
    assert.equal(findingsOf(ws, 'controls/ac-02.md', 'missing-evidence').length, 1, 'no entry counts as evidence');
    assert.equal(findingsOf(ws, 'controls/ac-02.md', 'broken-evidence-link').length, 0);
  });

  it('is silent on paths and http(s) URLs', () => {
    expectNone(build(baseFiles()), 'controls/ac-01.md', 'evidence-not-a-link');
    const { files } = controlWith((l) => replaceLine(l, '  - url: https://tickets', '  - url: http://tickets.example.com/SEC-10'));
    expectNone(build(files), 'controls/ac-01.md', 'evidence-not-a-link');
  });
});
