// Evidence targets are resolved once per link, plain relative paths without the general checks;
// the result must be the one resolveLinkTarget gives.

import assert from 'node:assert/strict';
import fc from 'fast-check';
import { linkTargetOf, plainLinkTarget } from '../../server/src/core/model/facts';
import type { EvidenceLink } from '../../server/src/core/model/types';
import { resolveLinkTarget } from '../../server/src/core/paths';

const docPath = fc.constantFrom('controls/ac-01.md', 'controls/g000/CTL-00002.md', 'top.md', 'a/b/c/d.md', 'a/./b.md', 'a/../b.md', '../x.md', 'a//b.md');
const target = fc.array(fc.constantFrom('..', '.', '', 'evidence', '2026-Q1', 'x.csv', '/', 'a b', '%2e%2e', '#frag', '?q', 'C:', '\\', 'https:', ' ', 'é', '-', '_'), { maxLength: 7 }).map((parts) => parts.join(''));

describe('evidence targets (perf equivalence)', () => {
  it('resolves plain relative paths as resolveLinkTarget does, and leaves everything else to it', () => {
    fc.assert(
      fc.property(docPath, fc.oneof(target, target.map((t) => t.split(' ').join('/'))), (doc, t) => {
        const plain = plainLinkTarget(doc, t);
        if (plain !== undefined) assert.deepEqual(plain, resolveLinkTarget(doc, t), `${doc} → ${t}`);
        const link: EvidenceLink = { source: 'frontmatter', target: t, kind: 'path', span: { start: 0, end: t.length } };
        assert.deepEqual(linkTargetOf(doc, link), resolveLinkTarget(doc, t), `${doc} → ${t}`);
        // Kept per link, and asked again for the same document.
        assert.deepEqual(linkTargetOf(doc, link), resolveLinkTarget(doc, t));
      }),
      { numRuns: 5000, seed: 13 },
    );
  });

  it('reads the usual evidence paths without the general checks', () => {
    assert.deepEqual(plainLinkTarget('controls/g000/CTL-00002.md', '../../evidence/g000/CTL-00002/2026-Q1.md'), { kind: 'path', path: 'evidence/g000/CTL-00002/2026-Q1.md' });
    assert.deepEqual(plainLinkTarget('controls/ac-01.md', '/evidence/a.csv'), { kind: 'path', path: 'evidence/a.csv' });
    assert.equal(plainLinkTarget('controls/ac-01.md', '../../x.csv'), undefined, 'leaves the root: resolveLinkTarget says why');
    assert.equal(plainLinkTarget('controls/ac-01.md', 'https://t.example.com/1'), undefined);
  });
});
