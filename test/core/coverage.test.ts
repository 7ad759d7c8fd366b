import assert from 'node:assert/strict';
import { joinLines, workspaceOf } from '../helpers';

const CONFIG = joinLines('categories: [security, availability]', 'not_applicable:', '  CC6.4: "No offices"', '  CC6.5: ""', '');

/** A control mapping `criteria`, with the given review date and evidence lines. */
function control(id: string, criteria: string, options: { reviewed?: string; status?: string; evidence?: string[]; frequency?: string } = {}): string {
  return joinLines(
    '---',
    `id: ${id}`,
    'owner: it-lead',
    `status: ${options.status ?? 'approved'}`,
    `criteria: [${criteria}]`,
    `frequency: ${options.frequency ?? 'quarterly'}`,
    ...(options.reviewed === '' ? [] : [`last_reviewed: ${options.reviewed ?? '2026-06-01'}`]),
    ...(options.evidence ? ['evidence:', ...options.evidence.map((e) => `  - ${e}`)] : []),
    '---',
    '',
  );
}

function policy(criteria: string, status = 'approved'): string {
  return joinLines('---', 'owner: ciso', `status: ${status}`, `criteria: [${criteria}]`, 'last_reviewed: 2026-06-01', '---', '');
}

const FRESH = '../evidence/2026-Q3/log.csv';
const OLD = '../evidence/2025-Q4/log.csv';

function files(): Record<string, string> {
  return {
    'compliance-docs.yml': CONFIG,
    'evidence/2026-Q3/log.csv': 'x\n',
    'evidence/2025-Q4/log.csv': 'x\n',
    // covered: approved control, current review, existing fresh evidence
    'controls/covered.md': control('C-1', 'CC6.1', { evidence: [FRESH] }),
    // stale by review, stale by evidence
    'controls/stale-review.md': control('C-2', 'CC6.2', { reviewed: '2025-01-10', evidence: [FRESH] }),
    'controls/stale-evidence.md': control('C-3', 'CC6.3', { evidence: [OLD] }),
    // claimed: a policy; a control whose evidence does not exist
    'policies/claims.md': policy('CC6.6, CC6.1'),
    'controls/no-file.md': control('C-4', 'CC6.7', { evidence: ['../evidence/2026-Q3/missing.csv'] }),
    // stale too: a control with evidence whose review date is missing, or in the future, is not reviewed within its cycle
    'controls/no-review.md': control('C-5', 'CC6.8', { reviewed: '', evidence: [FRESH] }),
    'controls/future.md': control('C-6', 'CC7.1', { reviewed: '2027-01-05', evidence: [FRESH], frequency: 'annual' }),
    // nothing: a draft, a retired control, broken frontmatter, an unknown ID, a criterion out of scope
    'controls/draft.md': control('C-7', 'CC7.2', { status: 'draft', evidence: [FRESH] }),
    'controls/retired.md': control('C-8', 'CC7.3', { status: 'retired', evidence: [FRESH] }),
    'policies/broken.md': joinLines('---', 'title: Broken: yes', 'criteria: [CC7.4]', '---', ''),
    'policies/unknown.md': policy('CC9.9, cc7.5, P1.1'),
    // URL evidence counts as existing
    'controls/url.md': control('C-9', 'A1.1', { evidence: ['https://tickets.example.com/SEC-1'] }),
    // scoped out wins over a mapping; an empty justification does not scope out
    'controls/scoped.md': control('C-10', 'CC6.4, CC6.5', { evidence: [FRESH] }),
  };
}

describe('coverage', () => {
  const ws = workspaceOf(files());

  it('gives each in-scope criterion the best state any document earns it', () => {
    const expected: Record<string, string> = {
      'CC6.1': 'covered',
      'CC6.2': 'stale',
      'CC6.3': 'stale',
      'CC6.6': 'claimed',
      'CC6.7': 'claimed',
      'CC6.8': 'stale',
      'CC7.1': 'stale',
      'CC7.2': 'uncovered',
      'CC7.3': 'uncovered',
      'CC7.4': 'uncovered',
      'CC7.5': 'uncovered',
      'A1.1': 'covered',
      'CC6.4': 'not-applicable',
      'CC6.5': 'covered',
    };
    for (const [id, state] of Object.entries(expected)) assert.equal(ws.criterionState(id), state, id);
  });

  it('knows no state for criteria that are out of scope or do not exist', () => {
    assert.equal(ws.criterionState('P1.1'), undefined);
    assert.equal(ws.criterionState('CC9.9'), undefined);
  });

  it('reports every in-scope criterion once, in catalog order, with counts that add up', () => {
    const report = ws.coverage();
    assert.equal(report.criteria.length, 36);
    assert.equal(report.criteria[0].id, 'CC1.1');
    assert.equal(report.criteria[35].id, 'A1.3');
    const s = report.summary;
    assert.equal(s.inScope, 36);
    assert.equal(s.covered + s.stale + s.exception + s.claimed + s.claimedStale + s.uncovered + s.notApplicable, 36);
    assert.deepEqual([s.covered, s.stale, s.exception, s.claimed, s.claimedStale, s.notApplicable], [3, 4, 0, 2, 0, 1]);
  });

  it('lists the documents behind a criterion, controls first, each with the state it alone earns', () => {
    const cc61 = ws.coverage().criteria.find((c) => c.id === 'CC6.1');
    assert.deepEqual(
      cc61?.documents.map((d) => [d.id, d.type, d.path, d.state]),
      [
        ['C-1', 'control', 'controls/covered.md', 'covered'],
        ['claims', 'policy', 'policies/claims.md', 'claimed'],
      ],
    );
    const cc64 = ws.coverage().criteria.find((c) => c.id === 'CC6.4');
    assert.equal(cc64?.justification, 'No offices');
  });

  it('updates one document at a time', () => {
    const live = workspaceOf(files());
    assert.equal(live.criterionState('CC7.2'), 'uncovered');
    const draft = live.document('controls/draft.md');
    assert.ok(draft);
    const change = live.upsertDocument({ ...draft, status: { value: 'approved', span: { start: 0, end: 0 } } });
    assert.equal(change.coverage, true);
    assert.equal(live.criterionState('CC7.2'), 'covered');
    live.removeDocument('controls/covered.md');
    assert.equal(live.criterionState('CC6.1'), 'claimed');
    live.deleteFile('evidence/2026-Q3/log.csv');
    assert.equal(live.criterionState('CC7.2'), 'claimed');
  });

  it('ages with the date: evidence and reviews go stale', () => {
    const later = workspaceOf(files(), { today: '2027-03-01' });
    assert.equal(later.criterionState('CC6.1'), 'stale');
    assert.equal(later.criterionState('CC7.1'), 'covered');
  });
});

describe('coverage in a Type II audit', () => {
  const TYPE2 = joinLines('categories: [security]', 'audit:', '  type: type2', '  period: { start: 2026-01-01, end: 2026-12-31 }', '');
  const Q = (q: number): string => `../evidence/2026-Q${q}/log.csv`;
  const evidence = { 'evidence/2026-Q1/log.csv': 'x', 'evidence/2026-Q2/log.csv': 'x', 'evidence/2026-Q3/log.csv': 'x' };
  const stalePolicy = (criteria: string): string => joinLines('---', 'owner: ciso', `criteria: [${criteria}]`, 'last_reviewed: 2025-06-01', '---', '');

  function program(): ReturnType<typeof workspaceOf> {
    return workspaceOf({
      'compliance-docs.yml': TYPE2,
      ...evidence,
      // covered: a record in each of Q1, Q2 and Q3 (Q4 is not over on 2026-11-16)
      'controls/full.md': control('C-1', 'CC6.1', { evidence: [Q(1), Q(2), Q(3)] }),
      // exception: current review and evidence, but Q2 has no record
      'controls/gap.md': control('C-2', 'CC6.2', { evidence: [Q(1), Q(3)] }),
      // the better of two controls wins: CC6.3 has a gap in one and none in the other
      'controls/gap-too.md': control('C-3', 'CC6.3, CC6.6', { evidence: [Q(1), Q(3)] }),
      'controls/full-too.md': control('C-4', 'CC6.3', { evidence: [Q(1), Q(2), Q(3)] }),
      // stale beats exception: an overdue review with a gap is stale
      'controls/stale-gap.md': control('C-5', 'CC6.7', { reviewed: '2025-01-10', evidence: [Q(3)] }),
      // claimed (stale): only policies past their review; one current claim makes it plain claimed
      'policies/old.md': stalePolicy('CC7.1, CC7.2'),
      'policies/fresh.md': policy('CC7.2'),
      // a control with no existing evidence, overdue for review, is claimed (stale) too
      'controls/old-no-evidence.md': control('C-6', 'CC7.3', { reviewed: '2025-01-10', evidence: ['../evidence/none.csv'] }),
    });
  }

  it('gives each criterion the state of the best control, with exception between stale and claimed', () => {
    const ws = program();
    const expected: Record<string, string> = {
      'CC6.1': 'covered',
      'CC6.2': 'exception',
      'CC6.3': 'covered',
      'CC6.6': 'exception',
      'CC6.7': 'stale',
      'CC7.1': 'claimed-stale',
      'CC7.2': 'claimed',
      'CC7.3': 'claimed-stale',
    };
    for (const [id, state] of Object.entries(expected)) assert.equal(ws.criterionState(id), state, id);
    const s = ws.coverage().summary;
    assert.deepEqual([s.covered, s.stale, s.exception, s.claimed, s.claimedStale], [2, 1, 2, 1, 2]);
    const cc63 = ws.coverage().criteria.find((c) => c.id === 'CC6.3');
    assert.deepEqual(cc63?.documents.map((d) => [d.id, d.state]), [['C-3', 'exception'], ['C-4', 'covered']]);
  });

  it('fills the gap when the record arrives, and has no exception in a Type I audit', () => {
    const ws = workspaceOf({ 'compliance-docs.yml': TYPE2, ...evidence, 'controls/gap.md': control('C-2', 'CC6.2', { evidence: [Q(1), '../evidence/2026-Q2/late.csv', Q(3)] }) });
    assert.equal(ws.criterionState('CC6.2'), 'exception');
    const change = ws.addFile('evidence/2026-Q2/late.csv', { kind: 'file', size: 1 });
    assert.equal(change.coverage, true);
    assert.equal(ws.criterionState('CC6.2'), 'covered');
    assert.equal(ws.coverage().summary.exception, 0);
    const type1 = workspaceOf({ ...evidence, 'controls/gap.md': control('C-2', 'CC6.2', { evidence: [Q(1), Q(3)] }) });
    assert.equal(type1.criterionState('CC6.2'), 'covered');
  });

  it('counts a slot only once it has ended: on 2026-05-15 Q2 is not yet due', () => {
    const early = workspaceOf({ 'compliance-docs.yml': TYPE2, ...evidence, 'controls/gap.md': control('C-2', 'CC6.2', { reviewed: '2026-01-05', evidence: [Q(1)] }) }, { today: '2026-05-15' });
    assert.equal(early.criterionState('CC6.2'), 'covered');
  });
});
