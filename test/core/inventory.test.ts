import assert from 'node:assert/strict';
import { FileInventory, type InventoryEntry } from '../../server/src/core/model/inventory';

function inventoryOf(entries: Record<string, InventoryEntry>): FileInventory {
  const inv = new FileInventory();
  for (const [path, entry] of Object.entries(entries)) inv.set(path, entry);
  return inv;
}

const FILE: InventoryEntry = { kind: 'file', size: 1 };

describe('the file inventory', () => {
  it('adds the folders above each entry and lists what a folder holds', () => {
    const inv = inventoryOf({ 'evidence/2026-Q1/a.csv': FILE, 'evidence/2026-Q1/b.csv': FILE });
    assert.deepEqual(inv.get('evidence'), { kind: 'dir' });
    assert.deepEqual(inv.get('evidence/2026-Q1'), { kind: 'dir' });
    assert.deepEqual([...inv.namesIn('evidence/2026-Q1')].sort(), ['a.csv', 'b.csv']);
    assert.deepEqual(inv.namesIn(''), ['evidence']);
    assert.equal(inv.size, 4);
  });

  it('removes a folder with everything under it', () => {
    const inv = inventoryOf({ 'evidence/2026-Q1/a.csv': FILE, 'evidence/2026-Q2/b.csv': FILE });
    inv.delete('evidence/2026-Q1');
    assert.equal(inv.get('evidence/2026-Q1/a.csv'), undefined);
    assert.deepEqual(inv.namesIn('evidence'), ['2026-Q2']);
    assert.deepEqual(inv.resolve('evidence/2026-Q2/b.csv'), { kind: 'file', path: 'evidence/2026-Q2/b.csv' });
  });

  describe('resolving a path', () => {
    it('finds files and folders, and nothing below a file', () => {
      const inv = inventoryOf({ 'evidence/a.csv': FILE });
      assert.deepEqual(inv.resolve('evidence/a.csv'), { kind: 'file', path: 'evidence/a.csv' });
      assert.deepEqual(inv.resolve('evidence'), { kind: 'dir', path: 'evidence' });
      assert.deepEqual(inv.resolve('evidence/b.csv'), { kind: 'missing' });
      assert.deepEqual(inv.resolve('evidence/a.csv/x'), { kind: 'missing' });
    });

    it('follows symlinks inside the root, as text', () => {
      const inv = inventoryOf({
        'shared/2026/review.csv': FILE,
        'evidence/current': { kind: 'symlink', target: 'shared/2026' },
        'evidence/latest.csv': { kind: 'symlink', target: 'evidence/current/review.csv' },
      });
      assert.deepEqual(inv.resolve('evidence/current/review.csv'), { kind: 'file', path: 'shared/2026/review.csv' });
      assert.deepEqual(inv.resolve('evidence/latest.csv'), { kind: 'file', path: 'shared/2026/review.csv' });
      assert.deepEqual(inv.resolve('evidence/current'), { kind: 'dir', path: 'shared/2026' });
      assert.deepEqual(inv.resolve('evidence/current/missing.csv'), { kind: 'missing' });
    });

    it('stops at a symlink that leaves the root, naming it', () => {
      const inv = inventoryOf({ 'evidence/drive': { kind: 'symlink', target: null } });
      assert.deepEqual(inv.resolve('evidence/drive/pentest.pdf'), { kind: 'outside', via: 'evidence/drive' });
      assert.deepEqual(inv.resolve('evidence/drive'), { kind: 'outside', via: 'evidence/drive' });
    });

    it('stops at loops: two links to each other, and a folder linking to its parent', () => {
      const inv = inventoryOf({
        'policies/a.md': { kind: 'symlink', target: 'policies/b.md' },
        'policies/b.md': { kind: 'symlink', target: 'policies/a.md' },
        'evidence/x.csv': FILE,
        'evidence/up': { kind: 'symlink', target: '' },
      });
      assert.equal(inv.resolve('policies/a.md').kind, 'loop');
      // Going round the parent link a few times is fine; it is only a path.
      assert.deepEqual(inv.resolve('evidence/up/evidence/up/evidence/x.csv'), { kind: 'file', path: 'evidence/x.csv' });
      assert.equal(inv.resolve(`${'evidence/up/'.repeat(50)}evidence/x.csv`).kind, 'loop');
    });
  });
});
