// Evidence existence is an inventory lookup per link; the direct lookup of paths that cross no
// symlink must resolve every path exactly as the segment-by-segment walk (the kernel's rule) does.

import assert from 'node:assert/strict';
import fc from 'fast-check';
import { FileInventory, type InventoryEntry, type Resolution } from '../../server/src/core/model/inventory';

/**
 * The kernel's rule written plainly: the segments so far lead to a real folder; each next one is
 * looked up in it; a symlink's target (relative to the root) takes its place, and `..` climbs from
 * where the segments really lead.
 */
function resolveBySegments(entries: ReadonlyMap<string, InventoryEntry>, path: string): Resolution {
  let rest = path.split('/');
  let real: string[] = [];
  let hops = 0;
  let via: string | undefined;
  while (rest.length > 0) {
    const [segment, ...tail] = rest;
    rest = tail;
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (real.length === 0) return via === undefined ? { kind: 'missing' } : { kind: 'outside', via };
      real = real.slice(0, -1);
      continue;
    }
    const at = [...real, segment].join('/');
    const entry = entries.get(at);
    if (!entry) return { kind: 'missing' };
    if (entry.kind === 'symlink') {
      via = at;
      if (entry.target === null) return { kind: 'outside', via: at };
      if (++hops > 40) return { kind: 'loop', via: at };
      real = [];
      rest = [...entry.target.split('/'), ...rest];
      continue;
    }
    if (entry.kind === 'file' && rest.some((s) => s !== '' && s !== '.')) return { kind: 'missing' };
    real = [...real, segment];
  }
  const final = real.join('/');
  return entries.get(final)?.kind === 'file' ? { kind: 'file', path: final } : { kind: 'dir', path: final };
}

const segment = fc.constantFrom('a', 'b', 'c', 'x.md', '..', '.', '');
const path = fc.array(segment, { minLength: 0, maxLength: 4 }).map((s) => s.join('/'));
const entry: fc.Arbitrary<InventoryEntry> = fc.oneof(
  { weight: 4, arbitrary: fc.constant({ kind: 'file', size: 1 } as const) },
  { weight: 2, arbitrary: fc.constant({ kind: 'dir' } as const) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('symlink' as const), target: fc.option(path, { nil: null }) }) },
);

describe('file inventory (perf equivalence)', () => {
  it('resolves every path as the segment-by-segment walk does, with and without symlinks', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(path, entry), { maxLength: 12 }), fc.array(path, { minLength: 1, maxLength: 8 }), (files, queries) => {
        const inventory = new FileInventory();
        for (const [p, e] of files) if (p !== '') inventory.set(p, e);
        const entries = new Map<string, InventoryEntry>();
        for (const p of inventory.paths()) entries.set(p, inventory.get(p) as InventoryEntry);
        for (const q of [...queries, ...entries.keys()]) assert.deepEqual(inventory.resolve(q), resolveBySegments(entries, q), q);
      }),
      { numRuns: 3000, seed: 11 },
    );
  });

  it('finds a file behind folders, and nothing behind a file', () => {
    const inventory = new FileInventory();
    inventory.set('evidence/2026-Q1/access.csv', { kind: 'file', size: 10 });
    assert.deepEqual(inventory.resolve('evidence/2026-Q1/access.csv'), { kind: 'file', path: 'evidence/2026-Q1/access.csv' });
    assert.deepEqual(inventory.resolve('evidence/2026-Q1'), { kind: 'dir', path: 'evidence/2026-Q1' });
    assert.deepEqual(inventory.resolve('evidence/2026-Q1/access.csv/more'), { kind: 'missing' });
    assert.deepEqual(inventory.resolve('evidence/2026-Q2/access.csv'), { kind: 'missing' });
  });
});
