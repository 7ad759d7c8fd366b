import assert from 'node:assert/strict';
import { basename, dirname, extname, isWebUrl, joinPath, normalizePath, relativePath, resolveLinkTarget, stem } from '../../server/src/core/paths';

describe('paths', () => {
  it('splits workspace-relative POSIX paths', () => {
    assert.equal(dirname('controls/ac-01.md'), 'controls');
    assert.equal(dirname('README.md'), '');
    assert.equal(basename('controls/ac-01.md'), 'ac-01.md');
    assert.equal(stem('controls/ac-01.review.md'), 'ac-01.review');
    assert.equal(stem('controls/.hidden'), '.hidden');
    assert.equal(extname('evidence/Export.CSV'), '.csv');
    assert.equal(extname('evidence/Makefile'), '');
    assert.equal(joinPath('', 'a.md'), 'a.md');
    assert.equal(joinPath('controls', ''), 'controls');
    assert.equal(joinPath('controls', 'a.md'), 'controls/a.md');
  });

  it('normalizes . and .., and refuses to climb above the root', () => {
    assert.equal(normalizePath('controls/./../evidence//2026-Q1/x.csv'), 'evidence/2026-Q1/x.csv');
    assert.equal(normalizePath('a/..'), '');
    assert.equal(normalizePath('../x'), undefined);
    assert.equal(normalizePath('a/../../x'), undefined);
  });

  it('writes the relative path from one folder to a file', () => {
    assert.equal(relativePath('controls', 'evidence/2026-Q1/x.csv'), '../evidence/2026-Q1/x.csv');
    assert.equal(relativePath('', 'evidence/x.csv'), 'evidence/x.csv');
    assert.equal(relativePath('controls/it', 'controls/ac.md'), '../ac.md');
    assert.equal(relativePath('evidence', 'evidence/x.csv'), 'x.csv');
  });

  it('tells web addresses from other text', () => {
    assert.equal(isWebUrl('https://tickets.example.com/SEC-1'), true);
    assert.equal(isWebUrl('http://x'), true);
    assert.equal(isWebUrl('https://'), false);
    assert.equal(isWebUrl('https://a b'), false);
    assert.equal(isWebUrl('ftp://x'), false);
  });

  describe('resolveLinkTarget', () => {
    const from = 'controls/access/ac-01.md';

    it('resolves paths relative to the document, or to the root with a leading slash', () => {
      assert.deepEqual(resolveLinkTarget(from, '../../evidence/2026-Q1/x.csv'), { kind: 'path', path: 'evidence/2026-Q1/x.csv' });
      assert.deepEqual(resolveLinkTarget(from, 'x.csv'), { kind: 'path', path: 'controls/access/x.csv' });
      assert.deepEqual(resolveLinkTarget(from, './x.csv'), { kind: 'path', path: 'controls/access/x.csv' });
      assert.deepEqual(resolveLinkTarget(from, '/evidence/x.csv'), { kind: 'path', path: 'evidence/x.csv' });
      assert.deepEqual(resolveLinkTarget(from, '/etc/passwd'), { kind: 'path', path: 'etc/passwd' });
      assert.deepEqual(resolveLinkTarget(from, '  x.csv  '), { kind: 'path', path: 'controls/access/x.csv' });
    });

    it('drops a query or fragment, decodes percent-escapes and reads backslashes as separators', () => {
      assert.deepEqual(resolveLinkTarget(from, 'x.csv#L3'), { kind: 'path', path: 'controls/access/x.csv' });
      assert.deepEqual(resolveLinkTarget(from, 'x.csv?raw=1'), { kind: 'path', path: 'controls/access/x.csv' });
      assert.deepEqual(resolveLinkTarget(from, 'access%20review.csv'), { kind: 'path', path: 'controls/access/access review.csv' });
      assert.deepEqual(resolveLinkTarget(from, '..\\..\\evidence\\x.csv'), { kind: 'path', path: 'evidence/x.csv' });
      assert.deepEqual(resolveLinkTarget(from, 'bad%zzescape.csv'), { kind: 'path', path: 'controls/access/bad%zzescape.csv' });
    });

    it('reports every way of leaving the root, without resolving it further', () => {
      const outside = (raw: string): string => {
        const t = resolveLinkTarget(from, raw);
        assert.equal(t.kind, 'outside', raw);
        return t.kind === 'outside' ? t.reason : '';
      };
      assert.equal(outside('../../../x'), 'it climbs above the repository root');
      assert.equal(outside('%2e%2e/%2e%2e/%2e%2e/etc/passwd'), 'it climbs above the repository root');
      assert.equal(outside('%2E%2E%2F%2E%2E%2F%2E%2E%2Fetc'), 'it climbs above the repository root');
      assert.equal(outside('/../etc/passwd'), 'it climbs above the repository root');
      assert.equal(outside('..\\..\\..\\secret'), 'it climbs above the repository root');
      assert.equal(outside('C:\\Windows\\win.ini'), 'a Windows drive path');
      assert.equal(outside('c:/audit/report.pdf'), 'a Windows drive path');
      assert.equal(outside('C%3A%5Caudit%5Creport.pdf'), 'a Windows drive path');
      assert.equal(outside('\\\\fileserver\\share\\x.pdf'), 'a network (UNC) path');
      assert.equal(outside('//fileserver/share/x.pdf'), 'a network (UNC) path');
      assert.equal(outside('file:///etc/passwd'), 'a file: URL');
      assert.equal(outside('/'), 'it names the repository root, not a file');
      assert.equal(outside('../..'), 'it names the repository root, not a file');
    });

    it('passes URLs through and ignores anchors and empty targets', () => {
      assert.deepEqual(resolveLinkTarget(from, 'https://tickets.example.com/SEC-1'), { kind: 'url', url: 'https://tickets.example.com/SEC-1' });
      assert.deepEqual(resolveLinkTarget(from, 'mailto:it@example.com'), { kind: 'url', url: 'mailto:it@example.com' });
      assert.deepEqual(resolveLinkTarget(from, '#steps'), { kind: 'ignored' });
      assert.deepEqual(resolveLinkTarget(from, ''), { kind: 'ignored' });
      assert.deepEqual(resolveLinkTarget(from, '?x'), { kind: 'ignored' });
    });
  });
});
