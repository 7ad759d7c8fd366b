import assert from 'node:assert/strict';
import { expectFinding, expectNone, findingsOf } from '../../helpers';
import { baseFiles, build, controlWith, replaceLine } from './fixture';

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
