// A full garbage collection on demand, for the one place a run knows most of its heap has just died.
//
// V8 collects the old generation when it grows past a limit, not when a large structure becomes
// unreachable: after a cold `check` on 10,000 documents the workspace (about 70 MB of objects) is
// garbage once the result is computed, but the report, the recorded result and their compression are
// then allocated beside it in fresh pages, and the process's peak RSS is reached there. One full
// collection at that point (about 30 ms at 10,000 documents) lets them reuse the workspace's pages.
// A young-generation collection (a millisecond or two) is enough for what was allocated since: the
// report's text, once its bytes are made.

import * as v8 from 'node:v8';
import * as vm from 'node:vm';

let collect: ((options?: { type: 'major' | 'minor' }) => void) | null | undefined;

/**
 * Collects garbage now, the whole heap or (`minor`) only what was allocated since the last
 * collection; false when this runtime does not allow it (nothing happens then).
 */
export function collectGarbage(kind: 'full' | 'minor' = 'full'): boolean {
  if (collect === undefined) {
    try {
      // `gc` is only defined in contexts made after the flag is set; this one is made for it alone.
      v8.setFlagsFromString('--expose-gc');
      const fn: unknown = vm.runInNewContext('gc');
      collect = typeof fn === 'function' ? (fn as (options?: { type: 'major' | 'minor' }) => void) : null;
    } catch {
      collect = null;
    }
  }
  if (!collect) return false;
  collect(kind === 'minor' ? { type: 'minor' } : undefined);
  return true;
}
