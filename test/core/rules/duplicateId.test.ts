import { expectFinding, expectNone, joinLines, marked } from '../../helpers';
import { baseFiles, build, CONTROL } from './fixture';

describe('duplicate-id', () => {
  it('reports both documents that declare the same id, on each id value', () => {
    const a = marked(CONTROL.replace('id: AC-01', 'id: «AC-01»'));
    const ws = build({ ...baseFiles(), 'controls/ac-01.md': a.text, 'controls/ac-01-copy.md': a.text });
    expectFinding(ws, 'controls/ac-01.md', 'duplicate-id', a.span, 'error');
    expectFinding(ws, 'controls/ac-01-copy.md', 'duplicate-id', a.span, 'error');
  });

  it('does not count ids taken from file names', () => {
    const doc = joinLines('---', 'type: narrative', 'owner: x', 'last_reviewed: 2026-06-01', '---', '');
    const ws = build({ ...baseFiles(), 'narratives/system.md': doc, 'narratives/2026/system.md': doc });
    expectNone(ws, 'narratives/system.md', 'duplicate-id');
  });

  it('is silent when ids are unique', () => {
    expectNone(build(baseFiles()), 'controls/ac-01.md', 'duplicate-id');
  });
});
