import { expectFinding, expectNone } from '../../helpers';
import { baseFiles, build, controlWith, replaceLine } from './fixture';

describe('missing-owner', () => {
  it('reports a document with no owner on the frontmatter anchor, as info', () => {
    const { files, span } = controlWith((l) => replaceLine(replaceLine(l, '---', '«---»'), 'owner:', null));
    expectFinding(build(files), 'controls/ac-01.md', 'missing-owner', span, 'info');
  });

  it('reports an empty owner on its key', () => {
    const { files, span } = controlWith((l) => replaceLine(l, 'owner:', '«owner»:'));
    expectFinding(build(files), 'controls/ac-01.md', 'missing-owner', span);
  });

  it('honours a severity override, and off', () => {
    const { files } = controlWith((l) => replaceLine(l, 'owner:', null));
    files['compliance-docs.yml'] += 'rules:\n  missing-owner: warning\n';
    expectFinding(build(files), 'controls/ac-01.md', 'missing-owner', undefined, 'warning');
    files['compliance-docs.yml'] = files['compliance-docs.yml'].replace('missing-owner: warning', 'missing-owner: off');
    expectNone(build(files), 'controls/ac-01.md', 'missing-owner');
  });

  it('is silent when an owner is named', () => {
    expectNone(build(baseFiles()), 'controls/ac-01.md', 'missing-owner');
  });
});
