import { expectFinding, expectNone } from '../../helpers';
import { baseFiles, build, controlWith, replaceLine } from './fixture';

const noEvidence = (l: string[]): string[] => {
  const start = l.indexOf('evidence:');
  l.splice(start, 6);
  return l.filter((x) => !x.startsWith('See ['));
};

describe('missing-evidence', () => {
  it('reports an approved control with no evidence on the anchor', () => {
    const { files, span } = controlWith((l) => noEvidence(replaceLine(l, '---', '«---»')));
    expectFinding(build(files), 'controls/ac-01.md', 'missing-evidence', span, 'warning');
  });

  it('reports an empty evidence list on its key', () => {
    const { files, span } = controlWith((l) => {
      const out = noEvidence(l);
      out.splice(out.indexOf('---', 1), 0, '«evidence»: []');
      return out;
    });
    expectFinding(build(files), 'controls/ac-01.md', 'missing-evidence', span);
  });

  it('does not apply to policies or drafts, and is silent with evidence', () => {
    expectNone(build(baseFiles()), 'policies/access.md', 'missing-evidence');
    expectNone(build(baseFiles()), 'controls/ac-01.md', 'missing-evidence');
    const { files } = controlWith((l) => noEvidence(replaceLine(l, 'status:', 'status: draft')));
    expectNone(build(files), 'controls/ac-01.md', 'missing-evidence');
  });
});
