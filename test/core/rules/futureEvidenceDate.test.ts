import assert from 'node:assert/strict';
import { controlSlots } from '../../../server/src/core/coverage/slots';
import { buildMatrix } from '../../../server/src/core/report/matrix';
import { expectFinding, expectNone } from '../../helpers';
import { baseFiles, build, controlWith, replaceLine } from './fixture';

describe('future-evidence-date', () => {
  it('reports a recorded evidence date after today, on the date', () => {
    const { files, span } = controlWith((l) => replaceLine(l, '    date: 2026-09-20', '    date: «2026-12-09»'));
    const ws = build(files);
    const f = expectFinding(ws, 'controls/ac-01.md', 'future-evidence-date', span, 'warning');
    assert.match(f.message, /^This evidence is dated 2026-12-09, after today \(2026-11-16\), so it fills no slot of the audit period\./);
  });

  it('reports a path filed under a quarter that has not begun, on the path', () => {
    const { files, span } = controlWith((l) => replaceLine(l, '  - ../evidence/2026-Q2/review.csv', '  - «../evidence/2027-Q1/review.csv»'));
    const ws = build({ ...files, 'evidence/2027-Q1/review.csv': 'x' });
    const f = expectFinding(ws, 'controls/ac-01.md', 'future-evidence-date', span, 'warning');
    assert.match(f.message, /is filed under 2027-01-01 to 2027-03-31, which has not begun \(today is 2026-11-16\)/);
  });

  it('is silent for a path under the current quarter, whose inferred date is its last day', () => {
    const { files } = controlWith((l) => replaceLine(l, '  - ../evidence/2026-Q2/review.csv', '  - ../evidence/2026-Q4/review.csv'));
    expectNone(build({ ...files, 'evidence/2026-Q4/review.csv': 'x' }), 'controls/ac-01.md', 'future-evidence-date');
  });

  it('is silent for past dates and for drafts', () => {
    expectNone(build(baseFiles()), 'controls/ac-01.md', 'future-evidence-date');
    const { files } = controlWith((l) => replaceLine(replaceLine(l, '    date: 2026-09-20', '    date: 2026-12-09'), 'status: approved', 'status: draft'));
    expectNone(build(files), 'controls/ac-01.md', 'future-evidence-date');
  });

  it('fills no period slot: Q4 stays open until a record of today or earlier arrives', () => {
    const { files } = controlWith((l) => replaceLine(l, '    date: 2026-09-20', '    date: 2026-12-09'));
    const ws = build(files);
    const facts = ws.factsOf('controls/ac-01.md');
    assert.ok(facts);
    const q4 = controlSlots(facts, ws.getConfig(), ws.getToday())?.find((s) => s.label === '2026-Q4');
    assert.deepEqual(q4?.evidence, []);
    const row = buildMatrix(ws).criteria.find((c) => c.id === 'CC6.2')?.documents[0].evidence.find((e) => e.date === '2026-12-09');
    assert.equal(row?.slot, 'none: dated after today');
  });
});
