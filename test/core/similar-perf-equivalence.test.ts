// "Did you mean" suggestions scan every id of the workspace; the bounded distance and the
// character-count filter must not change which candidates are suggested.

import assert from 'node:assert/strict';
import fc from 'fast-check';
import { editDistance, editDistanceWithin, nearest } from '../../server/src/core/text/similar';

/** The suggestion rule written plainly: full distances, then the same cut-off and order. */
function nearestByFullDistance(word: string, candidates: readonly string[], limit: number): string[] {
  const w = word.toLowerCase();
  const max = Math.max(1, Math.min(3, Math.floor(w.length / 3)));
  return candidates
    .map((c, i) => ({ c, i, d: editDistance(w, c.toLowerCase()) }))
    .filter((s) => s.d <= max && s.c !== word)
    .sort((x, y) => x.d - y.d || x.i - y.i)
    .slice(0, limit)
    .map((s) => s.c);
}

const word = fc.string({ unit: fc.constantFrom('a', 'b', 'C', 'D', '-', '0', '1', 'é', 'İ', 'ß', 'K'), maxLength: 12 });

describe('similar words (perf equivalence)', () => {
  it('bounds the edit distance without changing it below the bound', () => {
    fc.assert(
      fc.property(word, word, fc.integer({ min: 0, max: 4 }), (a, b, max) => {
        assert.equal(editDistanceWithin(a, b, max), Math.min(editDistance(a, b), max + 1));
      }),
      { numRuns: 3000, seed: 7 },
    );
  });

  it('suggests the same candidates, in the same order, as comparing full distances', () => {
    fc.assert(
      fc.property(word, fc.array(word, { maxLength: 30 }), fc.integer({ min: 1, max: 3 }), (w, candidates, limit) => {
        assert.deepEqual(nearest(w, candidates, limit), nearestByFullDistance(w, candidates, limit));
      }),
      { numRuns: 3000, seed: 7 },
    );
  });

  it('suggests ids of a large workspace that differ in case or by a few edits, and nothing unrelated', () => {
    const ids = Array.from({ length: 10_000 }, (_, i) => `CTL-${String(i).padStart(5, '0')}`);
    assert.deepEqual(nearest('ctl-00042', ids, 2), ['CTL-00042', 'CTL-00002']);
    assert.deepEqual(nearest('POL-MISSING', ids, 2), []);
  });
});
