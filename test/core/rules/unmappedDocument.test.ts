import assert from 'node:assert/strict';
import { applyEdits, expectFinding, expectNone } from '../../helpers';
import { baseFiles, build, controlWith, replaceLine } from './fixture';

describe('unmapped-document', () => {
  it('reports a control with no criteria on the frontmatter anchor, with suggestions from its text', () => {
    const { files, span, text } = controlWith((l) => replaceLine(replaceLine(l, '---', '«---»'), 'criteria:', null));
    const ws = build(files);
    const f = expectFinding(ws, 'controls/ac-01.md', 'unmapped-document', span, 'warning');
    assert.ok((f.fixes?.length ?? 0) >= 1);
    assert.match(f.fixes?.[0].title ?? '', /^Map to CC6\./);
    const fixed = applyEdits(text, f.fixes?.[0].changes[0].kind === 'edit' ? f.fixes[0].changes[0].edits : []);
    expectNone(build({ ...files, 'controls/ac-01.md': fixed }), 'controls/ac-01.md', 'unmapped-document');
  });

  it('reports an empty criteria list on its key', () => {
    const { files, span } = controlWith((l) => replaceLine(l, 'criteria:', '«criteria»: []'));
    expectFinding(build(files), 'controls/ac-01.md', 'unmapped-document', span);
  });

  it('does not report narratives or retired documents', () => {
    const { files } = controlWith((l) => replaceLine(replaceLine(l, 'criteria:', null), 'status:', 'status: retired'));
    expectNone(build(files), 'controls/ac-01.md', 'unmapped-document');
  });

  it('is silent when the document maps criteria', () => {
    expectNone(build(baseFiles()), 'controls/ac-01.md', 'unmapped-document');
  });
});
