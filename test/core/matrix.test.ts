import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { controlSlots, missingSlots } from '../../server/src/core/coverage/slots';
import { buildMatrix, STATE_LEGEND } from '../../server/src/core/report/matrix';
import { MATRIX_TABLES } from '../../server/src/core/report/tables';
import { findingsOf, joinLines, workspaceOf } from '../helpers';

const CONFIG = joinLines('categories: [security]', 'audit:', '  type: type2', '  period: { start: 2026-01-01, end: 2026-12-31 }', '');

function program(extra: Record<string, string> = {}): ReturnType<typeof workspaceOf> {
  return workspaceOf({
    'compliance-docs.yml': CONFIG,
    'controls/ac-01.md': joinLines(
      '---',
      'id: AC-01',
      'title: Quarterly user access review',
      'owner: it-lead',
      'criteria: [CC6.2]',
      'frequency: quarterly',
      'last_reviewed: 2026-06-30',
      'evidence:',
      '  - path: ../evidence/q1/review.csv',
      '    date: 2026-03-28',
      '  - ../evidence/2026-Q3/review.csv',
      '  - path: ../evidence/old/review.csv',
      '    date: 2025-12-15',
      '  - ../evidence/2026-Q2/missing.csv',
      '  - url: https://tickets.example.com/SEC-1',
      '    date: 2026-10-02',
      '---',
      '',
    ),
    'evidence/q1/review.csv': 'a',
    'evidence/2026-Q3/review.csv': 'a',
    'evidence/old/review.csv': 'a',
    'policies/access.md': joinLines('---', 'id: POL-ACCESS', 'title: Access policy', 'criteria: [CC6.2, CC6.3]', 'last_reviewed: 2025-01-10', '---', ''),
    'policies/draft.md': joinLines('---', 'id: POL-DRAFT', 'status: draft', 'criteria: [CC6.5]', 'last_reviewed: 2026-01-10', '---', ''),
    'policies/typo.md': joinLines('---', 'id: POL-TYPO', 'criteria: [CC9.9]', 'last_reviewed: 2026-01-10', '---', ''),
    'policies/broken.md': joinLines('---', 'id: POL-BROKEN', 'criteria: [CC6.1', '---', ''),
    ...extra,
  });
}

describe('auditor matrix model', () => {
  it('lists each mapping document with its owner, own state, why, review dates and file', () => {
    const m = buildMatrix(program());
    const cc62 = m.criteria.find((c) => c.id === 'CC6.2');
    assert.ok(cc62);
    // Its Q2 record does not exist: the control operated in Q1 and Q3 but not, on the record, in Q2.
    assert.equal(cc62.state, 'exception');
    assert.equal(cc62.reason, 'exception: AC-01: reviewed 2026-06-30, next due 2027-06-30; newest evidence 2026-10-02; but no dated evidence for 2026-Q2 (2026-04-01 to 2026-06-30) of the period');
    const [control, policy] = cc62.documents;
    assert.deepEqual(
      { id: control.id, type: control.type, owner: control.owner, state: control.state, lastReviewed: control.lastReviewed, nextDue: control.nextDue, path: control.path },
      { id: 'AC-01', type: 'control', owner: 'it-lead', state: 'exception', lastReviewed: '2026-06-30', nextDue: '2027-06-30', path: 'controls/ac-01.md' },
    );
    assert.equal(control.reason, 'reviewed 2026-06-30, next due 2027-06-30; newest evidence 2026-10-02; but no dated evidence for 2026-Q2 (2026-04-01 to 2026-06-30) of the period');
    assert.deepEqual({ id: policy.id, state: policy.state }, { id: 'POL-ACCESS', state: 'claimed-stale' });
    assert.equal(policy.reason, 'a policy states the intent; only a control with existing evidence covers a criterion; its review was due 2026-01-10');
    const cc63 = m.criteria.find((c) => c.id === 'CC6.3');
    assert.equal(cc63?.state, 'claimed-stale');
    assert.equal(cc63?.reason, 'claimed (stale): POL-ACCESS is a policy past its review (due 2026-01-10); no control with current evidence maps CC6.3');
  });

  it('calls a control covered once every elapsed slot has a record, and says so', () => {
    const m = buildMatrix(program({ 'evidence/2026-Q2/missing.csv': 'a' }));
    const cc62 = m.criteria.find((c) => c.id === 'CC6.2');
    assert.equal(cc62?.state, 'covered');
    assert.equal(cc62?.reason, 'AC-01 covers it');
    assert.equal(cc62?.documents[0].reason, 'reviewed 2026-06-30, next due 2027-06-30; newest evidence 2026-10-02; a record in each of the 3 elapsed slots of the period');
  });

  it('gives each evidence item its date, where the date came from, whether it exists and the slot it fills', () => {
    const control = buildMatrix(program()).criteria.find((c) => c.id === 'CC6.2')?.documents[0];
    assert.deepEqual(control?.evidence, [
      { target: 'evidence/q1/review.csv', kind: 'path', date: '2026-03-28', dateSource: 'recorded', exists: 'exists', slot: '2026-Q1' },
      { target: 'evidence/2026-Q3/review.csv', kind: 'path', date: '2026-09-30', dateSource: 'inferred', exists: 'exists', slot: '2026-Q3' },
      { target: 'evidence/old/review.csv', kind: 'path', date: '2025-12-15', dateSource: 'recorded', exists: 'exists', slot: 'outside the period' },
      { target: 'evidence/2026-Q2/missing.csv', kind: 'path', date: '2026-06-30', dateSource: 'inferred', exists: 'missing', slot: 'none: it does not exist' },
      { target: 'https://tickets.example.com/SEC-1', kind: 'url', date: '2026-10-02', dateSource: 'recorded', exists: 'url', slot: '2026-Q4' },
    ]);
  });

  it('draws the period calendar per control with the slots the evidence-gap rule reads', () => {
    const ws = program();
    const m = buildMatrix(ws);
    assert.deepEqual(
      m.calendar.map((c) => ({ id: c.id, frequency: c.frequency, slots: c.slots.map((s) => `${s.label} ${s.status}`) })),
      [{ id: 'AC-01', frequency: 'quarterly', slots: ['2026-Q1 filled', '2026-Q2 missing', '2026-Q3 filled', '2026-Q4 filled'] }],
    );
    assert.deepEqual(m.calendar[0].slots[0].evidence, ['evidence/q1/review.csv']);
    const facts = ws.factsOf('controls/ac-01.md');
    assert.ok(facts);
    const missing = missingSlots(controlSlots(facts, ws.getConfig(), ws.getToday()) ?? []).map((s) => s.label);
    assert.deepEqual(missing, ['2026-Q2']);
    assert.match(findingsOf(ws, 'controls/ac-01.md', 'evidence-gap')[0]?.message ?? '', /^No dated evidence for 2026-Q2 of the audit period/);
  });

  it('has no calendar in a Type I audit, and no slot on evidence', () => {
    const m = buildMatrix(program({ 'compliance-docs.yml': 'categories: [security]\n' }));
    assert.deepEqual(m.calendar, []);
    const control = m.criteria.find((c) => c.id === 'CC6.2')?.documents[0];
    assert.ok(control?.evidence.every((e) => e.slot === undefined));
    assert.ok(!MATRIX_TABLES.find((t) => t.key === 'calendar')?.rows(m).length);
  });

  it('lists the documents that count for nothing, with the reason', () => {
    const m = buildMatrix(program());
    assert.deepEqual(
      m.notCounted.map((d) => [d.path, d.reason.replace(/: The frontmatter .*$/, ': …')]),
      [
        ['policies/broken.md', 'its frontmatter does not parse: …'],
        ['policies/draft.md', 'it is a draft: what it maps (CC6.5) counts once it is approved'],
        ['policies/typo.md', 'it maps only IDs that are not SOC 2 criteria: CC9.9'],
      ],
    );
  });

  it('has a legend entry for every state, best first, and every criterion state is in it', () => {
    const m = buildMatrix(program());
    assert.deepEqual(
      STATE_LEGEND.map((l) => l.label),
      ['not applicable', 'covered', 'stale', 'exception', 'claimed', 'claimed (stale)', 'uncovered'],
    );
    for (const c of m.criteria) assert.ok(m.legend.some((l) => l.state === c.state), c.state);
    assert.ok(STATE_LEGEND.every((l) => l.meaning.length > 20));
  });

  it('is the table docs/configuration.md and the walkthrough print, word for word', () => {
    const rowsOf = (file: string, heading: string): string[][] => {
      const text = readFileSync(file, 'utf8');
      const table = text.slice(text.indexOf(heading)).split('\n').slice(2);
      return table.slice(0, table.findIndex((l) => !l.startsWith('|'))).map((l) => l.split('|').slice(1, -1).map((c) => c.trim()));
    };
    assert.deepEqual(rowsOf('docs/configuration.md', '| State | Meaning | What to do |'), STATE_LEGEND.map((l) => [l.label, l.meaning, l.action]));
    assert.deepEqual(rowsOf('media/walkthrough/gaps.md', '| state | meaning |'), STATE_LEGEND.map((l) => [l.label, l.meaning]));
  });

  it('gives every table row as many cells as the table has columns', () => {
    const m = buildMatrix(program());
    for (const table of MATRIX_TABLES) for (const row of table.rows(m)) assert.equal(row.length, table.columns.length, table.key);
  });

  it('says a criterion held at stale by a key vendor is held by that vendor', () => {
    const ws = workspaceOf({
      'compliance-docs.yml': 'categories: [security]\n',
      'controls/vr-01.md': joinLines('---', 'id: VR-01', 'criteria: [CC9.2]', 'frequency: annual', 'last_reviewed: 2026-06-30', 'evidence:', '  - path: ../evidence/vr.csv', '    date: 2026-06-30', '---', ''),
      'evidence/vr.csv': 'a',
      'vendors/aws.md': joinLines('---', 'id: VEN-AWS', 'type: vendor', 'title: AWS', 'criticality: critical', 'last_reviewed: 2026-06-30', '---', ''),
    });
    const cc92 = buildMatrix(ws).criteria.find((c) => c.id === 'CC9.2');
    assert.equal(cc92?.state, 'stale');
    assert.equal(cc92?.reason, 'stale: held at stale while VEN-AWS, a critical or high vendor, has a warning or an error');
  });
});
