import assert from 'node:assert/strict';
import { expectFinding, expectNone } from '../../helpers';
import { build, controlWith, replaceLine, CONFIG } from './fixture';

describe('criterion-out-of-scope', () => {
  it('reports a privacy criterion when privacy is not in scope, as info', () => {
    const { files, span } = controlWith((l) => replaceLine(l, 'criteria:', 'criteria: [CC6.2, «P4.2»]'));
    const ws = build(files);
    const f = expectFinding(ws, 'controls/ac-01.md', 'criterion-out-of-scope', span, 'info');
    assert.match(f.message, /Privacy/);
    assert.equal(ws.criterionState('P4.2'), undefined);
  });

  it('is silent once the category is in scope', () => {
    const { files } = controlWith((l) => replaceLine(l, 'criteria:', 'criteria: [CC6.2, P4.2]'));
    files['compliance-docs.yml'] = CONFIG.replace('[security]', '[security, privacy]');
    expectNone(build(files), 'controls/ac-01.md', 'criterion-out-of-scope');
  });
});
