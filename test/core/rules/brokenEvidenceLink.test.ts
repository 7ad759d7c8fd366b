import assert from 'node:assert/strict';
import { expectFinding, expectNone } from '../../helpers';
import { build, controlWith, replaceLine } from './fixture';

describe('broken-evidence-link', () => {
  it('reports a frontmatter path that does not exist, with the near file and create as fixes', () => {
    const { files, span } = controlWith((l) => replaceLine(l, '  - ../evidence/2026-Q2', '  - «../evidence/2026-Q2/reveiw.csv»'));
    const f = expectFinding(build(files), 'controls/ac-01.md', 'broken-evidence-link', span, 'error');
    assert.equal(f.fixes?.[0].title, 'Change to ../evidence/2026-Q2/review.csv');
    assert.equal(f.fixes?.[1].title, 'Create evidence/2026-Q2/reveiw.csv');
  });

  it('reports a body link that does not exist, on the link destination', () => {
    const { files, span } = controlWith((l) => replaceLine(l, 'See [', 'See [the Q3 export](«../evidence/2026-Q3/missing.csv»).'));
    expectFinding(build(files), 'controls/ac-01.md', 'broken-evidence-link', span);
  });

  it('reads a leading slash as the repository root', () => {
    const { files } = controlWith((l) => replaceLine(l, '  - ../evidence/2026-Q2', '  - /evidence/2026-Q2/review.csv'));
    expectNone(build(files), 'controls/ac-01.md', 'broken-evidence-link');
  });

  it('is silent when every path exists, and ignores links to other documents and URLs', () => {
    const { files } = controlWith((l) => [...l, 'See the [policy](../policies/access.md) and [guide](https://example.com/x).']);
    expectNone(build(files), 'controls/ac-01.md', 'broken-evidence-link');
  });
});
