import assert from 'node:assert/strict';
import { expectFinding, expectNone } from '../../helpers';
import { baseFiles, build, controlWith, replaceLine } from './fixture';

describe('draft-covers-nothing', () => {
  it('reports a draft that maps criteria on its status, as info; its mappings do not count', () => {
    const { files, span } = controlWith((l) => replaceLine(l, 'status:', 'status: «draft»'));
    const ws = build(files);
    expectFinding(ws, 'controls/ac-01.md', 'draft-covers-nothing', span, 'info');
    assert.equal(ws.criterionState('CC6.3'), 'uncovered');
  });

  it('is silent for approved documents', () => {
    expectNone(build(baseFiles()), 'controls/ac-01.md', 'draft-covers-nothing');
  });
});
