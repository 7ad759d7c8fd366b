import assert from 'node:assert/strict';
import { applyEdits, expectFinding, expectNone, findingsOf, joinLines } from '../../helpers';
import { baseFiles, build, controlWith, replaceLine } from './fixture';

describe('unknown-criterion', () => {
  it('reports CC9.9 on the item and offers the nearest real criteria', () => {
    const { files, span } = controlWith((l) => replaceLine(l, 'criteria:', 'criteria: [CC6.2, «CC9.9»]'));
    const f = expectFinding(build(files), 'controls/ac-01.md', 'unknown-criterion', span, 'error');
    assert.match(f.message, /CC9\.9/);
    assert.deepEqual(f.fixes?.map((x) => x.title.split(' (')[0]), ['Change to CC9.2', 'Change to CC9.1']);
  });

  it('offers the normalised ID for lower case', () => {
    const { files, span } = controlWith((l) => replaceLine(l, 'criteria:', 'criteria: [«cc6.2»]'));
    const f = expectFinding(build(files), 'controls/ac-01.md', 'unknown-criterion', span);
    assert.equal(f.fixes?.[0].title, 'Change to CC6.2');
  });

  it('expands a family in a block list, keeping the list style', () => {
    const { files, text } = controlWith((l) => replaceLine(l, 'criteria:', 'criteria:\n  - CC8'));
    const f = findingsOf(build(files), 'controls/ac-01.md', 'unknown-criterion')[0];
    const fixed = applyEdits(text, f.fixes?.[0].changes[0].kind === 'edit' ? f.fixes[0].changes[0].edits : []);
    assert.match(fixed, /criteria:\n {2}- CC8\.1\n/);
    const ws = build({ ...files, 'controls/ac-01.md': fixed });
    expectNone(ws, 'controls/ac-01.md', 'unknown-criterion');
  });

  it('expands CC6 to its eight criteria in a flow list', () => {
    const { files, text } = controlWith((l) => replaceLine(l, 'criteria:', 'criteria: [CC6]'));
    const f = findingsOf(build(files), 'controls/ac-01.md', 'unknown-criterion')[0];
    const fixed = applyEdits(text, f.fixes?.[0].changes[0].kind === 'edit' ? f.fixes[0].changes[0].edits : []);
    assert.ok(fixed.includes(joinLines('criteria: [CC6.1, CC6.2, CC6.3, CC6.4, CC6.5, CC6.6, CC6.7, CC6.8]')));
  });

  it('is silent on valid IDs', () => {
    expectNone(build(baseFiles()), 'controls/ac-01.md', 'unknown-criterion');
  });
});
