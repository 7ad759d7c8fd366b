import assert from 'node:assert/strict';
import { findingsOf } from '../../helpers';
import { baseFiles, build } from './fixture';

describe('the base fixture', () => {
  it('has no findings in its documents', () => {
    const ws = build(baseFiles());
    assert.deepEqual(findingsOf(ws, 'controls/ac-01.md').map((f) => f.message), []);
    assert.deepEqual(findingsOf(ws, 'policies/access.md').map((f) => f.message), []);
  });
});
