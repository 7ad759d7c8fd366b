import assert from 'node:assert/strict';
import { expectFinding, expectNone } from '../../helpers';
import { baseFiles, build, controlWith, replaceLine } from './fixture';

describe('missing-review-date', () => {
  it('reports an approved document with no last_reviewed on the anchor', () => {
    const { files, span } = controlWith((l) => replaceLine(replaceLine(l, '---', '«---»'), 'last_reviewed:', null));
    const f = expectFinding(build(files), 'controls/ac-01.md', 'missing-review-date', span, 'warning');
    assert.ok(f.fixes?.[0].title.startsWith('Mark reviewed today'));
  });

  it('is silent when a review date is present', () => {
    expectNone(build(baseFiles()), 'controls/ac-01.md', 'missing-review-date');
  });
});
