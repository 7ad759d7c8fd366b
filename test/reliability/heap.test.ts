// The cold check collects its dropped workspace before writing the report (node/heap.ts): the
// collection must really happen, or the peak it is there to lower comes back unnoticed.

import assert from 'node:assert/strict';
import { setImmediate as tick } from 'node:timers/promises';
import { collectGarbage } from '../../server/src/node/heap';

describe('collectGarbage', () => {
  it('collects an object nothing refers to any more, and can be called again', async () => {
    let held: object | undefined = { rows: Array.from({ length: 10_000 }, (_, k) => ({ k })) };
    const ref = new WeakRef(held);
    held = undefined;
    // A WeakRef keeps its target alive until the job that made it ends.
    await tick();
    assert.equal(collectGarbage(), true);
    assert.equal(ref.deref(), undefined);
    const again = new WeakRef({ again: true });
    await tick();
    assert.equal(collectGarbage(), true);
    assert.equal(again.deref(), undefined);
  });

  it('keeps what is still referred to', async () => {
    const kept = { still: 'here' };
    const ref = new WeakRef(kept);
    await tick();
    collectGarbage();
    assert.equal(ref.deref(), kept);
  });
});
