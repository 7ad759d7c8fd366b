import assert from 'node:assert/strict';
import { expectFinding, expectNone, joinLines, marked } from '../../helpers';
import { baseFiles, build, controlWith, replaceLine } from './fixture';

describe('frontmatter-syntax', () => {
  it('reports a YAML error at its position, and the document counts for nothing', () => {
    const { files, span } = controlWith((l) => replaceLine(l, 'status:', 'status: approved\n«o»wner: someone-else'));
    const ws = build(files);
    const f = expectFinding(ws, 'controls/ac-01.md', 'frontmatter-syntax', span, 'error');
    assert.match(f.message, /not valid YAML: map keys must be unique/);
    expectNone(ws, 'controls/ac-01.md', 'missing-owner');
    assert.equal(ws.criterionState('CC6.3'), 'uncovered');
  });

  it('reports frontmatter that is never closed on its opening line', () => {
    const m = marked(joinLines('«---»', 'id: AC-02', 'type: control', '', '# Body without a closing line'));
    const ws = build({ ...baseFiles(), 'controls/ac-02.md': m.text });
    expectFinding(ws, 'controls/ac-02.md', 'frontmatter-syntax', m.span);
  });

  it('reports frontmatter that is a list instead of keys', () => {
    const m = marked(joinLines('---', '«- id: AC-02»', '---', ''));
    const ws = build({ ...baseFiles(), 'controls/ac-02.md': m.text });
    expectFinding(ws, 'controls/ac-02.md', 'frontmatter-syntax', m.span);
  });

  it('is silent on valid frontmatter', () => {
    expectNone(build(baseFiles()), 'controls/ac-01.md', 'frontmatter-syntax');
  });
});
