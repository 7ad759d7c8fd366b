import assert from 'node:assert/strict';
import fc from 'fast-check';
import { SlotMap, SlotSet } from '../../server/src/core/slotMap';

describe('SlotMap', () => {
  it('answers as a Map does after any sequence of sets, deletes and clears', () => {
    const op = fc.oneof(
      fc.tuple(fc.constant('set' as const), fc.nat({ max: 150 }), fc.integer()),
      fc.tuple(fc.constant('delete' as const), fc.nat({ max: 150 }), fc.constant(0)),
      fc.tuple(fc.constant('clear' as const), fc.constant(0), fc.constant(0)),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 600 }), (ops) => {
        const slots = new SlotMap<string, number>();
        const map = new Map<string, number>();
        for (const [kind, k, v] of ops) {
          const key = `k${k}`;
          if (kind === 'set') {
            slots.set(key, v);
            map.set(key, v);
          } else if (kind === 'delete') assert.equal(slots.delete(key), map.delete(key));
          else {
            slots.clear();
            map.clear();
          }
          assert.equal(slots.size, map.size);
          assert.equal(slots.get(key), map.get(key));
          assert.equal(slots.has(key), map.has(key));
        }
        // The same entries (a key deleted and set again keeps its first place here, unlike a Map: no caller reads the order).
        assert.deepEqual([...slots.keys()].sort(), [...map.keys()].sort());
        assert.deepEqual(new Map(slots.entries()), map);
        const seen: Array<[string, number]> = [];
        slots.forEach((v, k) => seen.push([k, v]));
        assert.deepEqual(new Map(seen), map);
        assert.deepEqual([...slots.values()].sort((a, b) => a - b), [...map.values()].sort((a, b) => a - b));
      }),
      { numRuns: 200 },
    );
  });

  it('keeps no more empty slots than live ones once there are more than 64', () => {
    const slots = new SlotMap<number, number>();
    for (let i = 0; i < 1000; i++) slots.set(i, i);
    for (let i = 0; i < 1000; i++) slots.delete(i);
    assert.equal(slots.size, 0);
    // Reached through the internal map: what matters is that the keys are gone, not kept as holes.
    const inner = (slots as unknown as { map: Map<number, number | undefined> }).map;
    assert.ok(inner.size <= 128, `${inner.size} slots kept for 0 entries`);
  });

  it('a set of values deleted and added again is the same set', () => {
    const s = new SlotSet<string>();
    s.add('a').add('b').add('c');
    s.delete('b');
    s.add('b');
    s.delete('a');
    assert.deepEqual([...s].sort(), ['b', 'c']);
    assert.equal(s.size, 2);
    assert.equal(s.has('a'), false);
  });
});
