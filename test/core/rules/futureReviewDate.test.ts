import { expectFinding, expectNone } from '../../helpers';
import { baseFiles, build, controlWith, replaceLine } from './fixture';

describe('future-review-date', () => {
  it('reports a review date after today', () => {
    const { files, span } = controlWith((l) => replaceLine(l, 'last_reviewed:', 'last_reviewed: «2026-12-01»'));
    expectFinding(build(files), 'controls/ac-01.md', 'future-review-date', span, 'warning');
  });

  it('is silent for past dates', () => {
    expectNone(build(baseFiles()), 'controls/ac-01.md', 'future-review-date');
  });
});
