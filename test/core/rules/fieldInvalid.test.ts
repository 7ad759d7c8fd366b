import assert from 'node:assert/strict';
import { expectFinding, expectNone, findingsOf } from '../../helpers';
import { baseFiles, build, controlWith, replaceLine } from './fixture';

describe('field-invalid', () => {
  it('reports an unknown status on its value, with a fix to the nearest one', () => {
    const { files, span } = controlWith((l) => replaceLine(l, 'status:', 'status: «aproved»'));
    const f = expectFinding(build(files), 'controls/ac-01.md', 'field-invalid', span, 'error');
    assert.match(f.message, /not a status/);
    assert.equal(f.fixes?.[0].title, 'Change to `approved`');
  });

  it('reports a date that is not a calendar date', () => {
    const { files, span } = controlWith((l) => replaceLine(l, 'last_reviewed:', 'last_reviewed: «2026-02-30»'));
    expectFinding(build(files), 'controls/ac-01.md', 'field-invalid', span);
  });

  it('reports criteria that is not a list, and offers to wrap it', () => {
    const { files, span } = controlWith((l) => replaceLine(l, 'criteria:', 'criteria: «CC6.2, CC6.3»'));
    const f = expectFinding(build(files), 'controls/ac-01.md', 'field-invalid', span);
    assert.match(f.message, /must be a list/);
    const c = f.fixes?.[0].changes[0];
    assert.ok(c?.kind === 'edit' && c.edits[0].newText === '[CC6.2, CC6.3]');
  });

  it('reports an unknown review cycle and frequency', () => {
    const { files } = controlWith((l) => replaceLine(replaceLine(l, 'review_cycle:', 'review_cycle: biweekly'), 'frequency:', 'frequency: hourly'));
    assert.equal(findingsOf(build(files), 'controls/ac-01.md', 'field-invalid').length, 2);
  });

  it('reports a control without an explicit id on the frontmatter anchor', () => {
    const { files, span } = controlWith((l) => replaceLine(replaceLine(l, '---', '«---»'), 'id:', null));
    expectFinding(build(files), 'controls/ac-01.md', 'field-invalid', span);
  });

  it('is silent on well-formed fields', () => {
    expectNone(build(baseFiles()), 'controls/ac-01.md', 'field-invalid');
  });
});
