import assert from 'node:assert/strict';
import { expectFinding, expectNone, findingsOf, workspaceOf } from '../../helpers';
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

  it('says when a path names a file that is there from the repository root, and offers the leading slash', () => {
    const { files, span } = controlWith((l) => replaceLine(l, '  - ../evidence/2026-Q2', '  - «evidence/2026-Q2/review.csv»'));
    const f = expectFinding(build(files), 'controls/ac-01.md', 'broken-evidence-link', span, 'error');
    assert.match(f.message, /^Evidence `evidence\/2026-Q2\/review\.csv` does not exist here: a path is read from the document's folder, so it names controls\/evidence\/2026-Q2\/review\.csv\. The file is at evidence\/2026-Q2\/review\.csv from the repository's root: write `\/evidence\/2026-Q2\/review\.csv`\.$/);
    assert.equal(f.fixes?.[0].title, 'Change to /evidence/2026-Q2/review.csv');
    // Not there from the root either: the message as before.
    const { files: none } = controlWith((l) => replaceLine(l, '  - ../evidence/2026-Q2', '  - evidence/2026-Q2/nothing.csv'));
    const g = expectFinding(build(none), 'controls/ac-01.md', 'broken-evidence-link', undefined, 'error');
    assert.match(g.message, /: no file at controls\/evidence\/2026-Q2\/nothing\.csv\. Fix the path or add the file/);
  });

  it('says when a path names a file that is there from a folder above the document, and offers its path from the document', () => {
    // A site's sections, included into a page one folder up: their links are written from there.
    const files = {
      'source/sections/11-incident_response_policy.md': '# Incident response policy\n\nReport with the [form](sections/sir-form.doc) and the [flowchart](sections/none.pdf).\n',
      'source/sections/sir-form.doc': 'form',
    };
    const ws = workspaceOf(files);
    const found = findingsOf(ws, 'source/sections/11-incident_response_policy.md', 'broken-evidence-link');
    assert.equal(found.length, 2);
    assert.equal(found[0].message, "Evidence `sections/sir-form.doc` does not exist here: a path is read from the document's folder, so it names source/sections/sections/sir-form.doc. The file is at source/sections/sir-form.doc, which the link names only from source/ (where a site built from that folder reads it): write `sir-form.doc`, which reaches it from this document on any reader.");
    assert.equal(found[0].fixes?.[0].title, 'Change to sir-form.doc');
    assert.match(found[1].message, /: no file at source\/sections\/sections\/none\.pdf\. Fix the path/);
  });

  it('is silent when every path exists, and ignores links to other documents and URLs', () => {
    const { files } = controlWith((l) => [...l, 'See the [policy](../policies/access.md) and [guide](https://example.com/x).']);
    expectNone(build(files), 'controls/ac-01.md', 'broken-evidence-link');
  });
});
