// The cold check collects its dropped workspace before writing the report (node/heap.ts): the
// collection must really happen, or the peak it is there to lower comes back unnoticed.

import assert from 'node:assert/strict';
import { setImmediate as tick } from 'node:timers/promises';
import * as v8 from 'node:v8';
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

  it('a young-generation collection frees a large text made since the last collection', () => {
    const young = (): number => v8.getHeapSpaceStatistics().find((sp) => sp.space_name === 'new_large_object_space')?.space_used_size ?? 0;
    const rows = Array.from({ length: 50_000 }, (_, k) => ({ path: `policies/p${k}.md`, code: 'stale-review', message: 'Review is overdue.' }));
    collectGarbage();
    // Made and dropped within a call, as the command line makes its report's bytes.
    const bytes = ((): Buffer => Buffer.from(JSON.stringify(rows, null, 2)))();
    const before = young();
    assert.ok(before > 4 * 1024 * 1024, `the text was made in the young generation (${before} bytes there)`);
    assert.equal(collectGarbage('minor'), true);
    assert.ok(young() < before / 4, `freed: ${before} bytes, then ${young()}`);
    assert.ok(bytes.length > 4 * 1024 * 1024);
  });
});
