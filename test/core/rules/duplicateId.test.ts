import { expectFinding, expectNone, joinLines, marked } from '../../helpers';
import { baseFiles, build, CONTROL } from './fixture';

describe('duplicate-id', () => {
  it('reports both documents that declare the same id, on each id value', () => {
    const a = marked(CONTROL.replace('id: AC-01', 'id: «AC-01»'));
    const ws = build({ ...baseFiles(), 'controls/ac-01.md': a.text, 'controls/ac-01-copy.md': a.text });
    expectFinding(ws, 'controls/ac-01.md', 'duplicate-id', a.span, 'error');
    expectFinding(ws, 'controls/ac-01-copy.md', 'duplicate-id', a.span, 'error');
  });

  it('lets translations of one document share its id, and no others', () => {
    const doc = CONTROL.replace('id: AC-01', 'id: AC-77');
    for (const [a, b] of [
      ['controls/ac-01.md', 'controls/ac-01.de.md'],
      ['controls/en/ac-01.md', 'controls/de/ac-01.md'],
      ['controls/ac-01/en.md', 'controls/ac-01/de-DE.md'],
      ['controls/ac-01_EN.md', 'controls/ac-01_FR.md'],
    ]) {
      const ws = build({ ...baseFiles(), [a]: doc, [b]: doc });
      expectNone(ws, a, 'duplicate-id');
      expectNone(ws, b, 'duplicate-id');
    }
    // Not a language: another document with the same id.
    for (const [a, b] of [['controls/ac-01.md', 'controls/ac-01-it.team.md'], ['controls/it-team/ac-01.md', 'controls/ac-01.md'], ['controls/ac-01.md', 'controls/en/ac-02.md']]) {
      const ws = build({ ...baseFiles(), [a]: doc, [b]: doc });
      expectFinding(ws, a, 'duplicate-id', undefined);
    }
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
