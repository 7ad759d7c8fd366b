import assert from 'node:assert/strict';
import { expectFinding, expectNone, findingsOf } from '../../helpers';
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

describe('evidence-outside-workspace', () => {
  it('reports a path that climbs above the root', () => {
    const { files, span } = controlWith((l) => replaceLine(l, '  - ../evidence/2026-Q2', '  - «../../shared-drive/pentest.pdf»'));
    const f = expectFinding(build(files), 'controls/ac-01.md', 'evidence-outside-workspace', span, 'error');
    assert.match(f.message, /climbs above the repository root/);
  });

  it('reports percent-encoded dot segments, drive paths and symlinks leaving the root', () => {
    const { files } = controlWith((l) =>
      replaceLine(l, '  - ../evidence/2026-Q2', ['  - ../%2e%2e/%2e%2e/etc/passwd', '  - C:\\audit\\report.pdf', '  - ../evidence/ext/report.pdf'].join('\n')),
    );
    const ws = build({ ...files, 'evidence/ext': { kind: 'symlink', target: null } } as never);
    assert.equal(findingsOf(ws, 'controls/ac-01.md', 'evidence-outside-workspace').length, 3);
  });

  it('is silent for paths inside the root', () => {
    expectNone(build(baseFiles()), 'controls/ac-01.md', 'evidence-outside-workspace');
  });
});

describe('evidence-gap', () => {
  it('reports the elapsed quarters with no dated evidence on the frequency, in a Type II period', () => {
    const { files, span } = controlWith((l) => replaceLine(replaceLine(l, '  - ../evidence/2026-Q2', null), 'frequency:', 'frequency: «quarterly»'));
    const f = expectFinding(build(files), 'controls/ac-01.md', 'evidence-gap', span, 'warning');
    assert.match(f.message, /2026-Q2/);
    assert.doesNotMatch(f.message, /2026-Q4/);
  });

  it('does not count evidence that does not exist', () => {
    const { files } = controlWith((l) => replaceLine(l, '  - ../evidence/2026-Q2', '  - ../evidence/2026-Q2/missing.csv'));
    assert.match(findingsOf(build(files), 'controls/ac-01.md', 'evidence-gap')[0]?.message ?? '', /2026-Q2/);
  });

  it('does not apply to Type I audits', () => {
    const { files } = controlWith((l) => replaceLine(l, '  - ../evidence/2026-Q2', null));
    files['compliance-docs.yml'] = 'categories: [security]\n';
    expectNone(build(files), 'controls/ac-01.md', 'evidence-gap');
  });

  it('is silent when every elapsed slot has evidence', () => {
    expectNone(build(baseFiles()), 'controls/ac-01.md', 'evidence-gap');
  });
});

describe('stale-evidence', () => {
  it('reports a control whose newest evidence is older than its frequency allows', () => {
    const { files, span } = controlWith((l) => {
      const out = replaceLine(l, '  - url:', null).filter((x) => !x.startsWith('    date: 2026-09-20') && !x.startsWith('See ['));
      return replaceLine(out, 'evidence:', '«evidence»:');
    });
    const ws = build(files);
    const f = expectFinding(ws, 'controls/ac-01.md', 'stale-evidence', span, 'warning');
    assert.match(f.message, /newest evidence is from 2026-06-30/);
    assert.equal(ws.criterionState('CC6.3'), 'stale');
  });

  it('is silent when the newest evidence is recent', () => {
    expectNone(build(baseFiles()), 'controls/ac-01.md', 'stale-evidence');
  });
});
