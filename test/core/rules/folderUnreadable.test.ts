import assert from 'node:assert/strict';
import { expectNone } from '../../helpers';
import { baseFiles, build } from './fixture';

describe('folder-unreadable', () => {
  it('reports each folder that could not be listed, on the folder, as an error with no region', () => {
    const ws = build(baseFiles());
    ws.setReadGaps([
      { path: 'procedures/hidden', message: 'EACCES' },
      { path: 'policies/a/b', message: 'it is more than 64 folders deep' },
    ]);
    const found = ws.workspaceFindings().filter((f) => f.code === 'folder-unreadable');
    assert.deepEqual(
      found.map((f) => [f.path, f.severity, f.hasRegion, f.span, f.message]),
      [
        [
          'procedures/hidden',
          'error',
          false,
          { start: 0, end: 0 },
          'The folder `procedures/hidden` could not be listed (permission denied, EACCES), so the documents and evidence in it were not checked and the result is incomplete. Make it readable (and listable) by the user that runs the check.',
        ],
        ['policies/a/b', 'error', false, { start: 0, end: 0 }, 'The folder `policies/a/b` could not be listed (it is more than 64 folders deep), so the documents and evidence in it were not checked and the result is incomplete.'],
      ],
    );
  });

  it('names the repository folder itself, and no-documents then stays silent: the unreadable root is the cause', () => {
    const ws = build({});
    ws.setReadGaps([{ path: '', message: 'EACCES' }]);
    const found = ws.workspaceFindings();
    assert.deepEqual(
      found.filter((f) => f.code === 'folder-unreadable').map((f) => [f.path, f.message]),
      [['', 'The repository folder could not be listed (permission denied, EACCES), so the documents and evidence in it were not checked and the result is incomplete. Make it readable (and listable) by the user that runs the check.']],
    );
    assert.equal(found.filter((f) => f.code === 'no-documents').length, 0);
  });

  it('is silent when every folder was listed, and once the gaps are gone', () => {
    const ws = build(baseFiles());
    expectNone(ws, 'compliance-docs.yml', 'folder-unreadable');
    assert.equal(ws.workspaceFindings().filter((f) => f.code === 'folder-unreadable').length, 0);
    ws.setReadGaps([{ path: 'procedures', message: 'EIO' }]);
    assert.equal(ws.workspaceFindings().filter((f) => f.code === 'folder-unreadable').length, 1);
    ws.setReadGaps([]);
    assert.equal(ws.workspaceFindings().filter((f) => f.code === 'folder-unreadable').length, 0);
  });
});
