// The example and the fixtures each document what `check` and `coverage` must report in an
// EXPECTED.md. These tests read those tables and hold the CLI (and the parser) to them.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadWorkspace } from '../../server/src/node/loadWorkspace';
import { ensureBuilt, FIXTURES, HARBORVIEW, parseCheckJson, Runs, TODAY, type JsonFinding } from './cli';

type Row = Record<string, string>;

/** Every markdown table in a file, as rows keyed by header. */
function tables(markdown: string): Row[][] {
  const out: Row[][] = [];
  const cells = (line: string): string[] => line.trim().replace(/^\|/, '').replace(/\|$/, '').split('|').map((c) => c.trim());
  const lines = markdown.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i].startsWith('|') || !/^\|[-|: ]+\|$/.test(lines[i + 1] ?? '')) continue;
    const header = cells(lines[i]);
    const rows: Row[] = [];
    for (i += 2; i < lines.length && lines[i].startsWith('|'); i++) {
      const c = cells(lines[i]);
      rows.push(Object.fromEntries(header.map((h, j) => [h, c[j] ?? ''])));
    }
    out.push(rows);
  }
  return out;
}

function tableWith(markdown: string, ...columns: string[]): Row[] {
  const t = tables(markdown).find((rows) => rows.length > 0 && columns.every((c) => c in rows[0]));
  if (!t) throw new Error(`no table with columns ${columns.join(', ')}`);
  return t;
}

const CRITERION = /\b(?:CC\d\.\d|A1\.\d|C1\.\d|PI1\.\d|P\d\.\d)\b/g;

function idsIn(text: string): string[] {
  return text.match(CRITERION) ?? [];
}

function sorted(list: readonly string[]): string[] {
  return [...list].sort();
}

interface CoverageJson {
  summary: Record<string, number>;
  criteria: Array<{ id: string; state: string }>;
}

/** Criteria by state. The fixtures' EXPECTED.md say `claimed` whether or not every claim is past its review (`merge`); the example's tell `claimed (stale)` apart. */
function statesOf(stdout: string, { merge = true }: { merge?: boolean } = {}): Map<string, string[]> {
  const report = JSON.parse(stdout) as CoverageJson;
  const byState = new Map<string, string[]>();
  for (const c of report.criteria) {
    const state = merge && c.state === 'claimed-stale' ? 'claimed' : c.state === 'claimed-stale' ? 'claimed (stale)' : c.state;
    byState.set(state, [...(byState.get(state) ?? []), c.id]);
  }
  return byState;
}

function findingKeys(findings: readonly JsonFinding[]): string[] {
  return sorted(findings.map((f) => `${f.path} | ${f.line ?? '-'} | ${f.code} | ${f.severity}`));
}

function expectedKeys(rows: readonly Row[]): string[] {
  return sorted(rows.map((r) => `${r.File} | ${r.Line} | ${r.Code} | ${r.Severity}`));
}

const COMPLY = path.join(FIXTURES, 'comply');
const ALIASED = path.join(FIXTURES, 'aliased');

describe('EXPECTED.md of the example and the fixtures', function () {
  this.timeout(60000);
  const runs = new Runs();
  for (const [name, dir] of [
    ['harborview', HARBORVIEW],
    ['comply', COMPLY],
    ['aliased', ALIASED],
  ] as const) {
    runs.add(`${name} check`, ['check', dir, '--format', 'json', '--today', TODAY]);
    runs.add(`${name} coverage`, ['coverage', dir, '--format', 'json', '--today', TODAY]);
  }
  before(() => {
    ensureBuilt();
    runs.start();
  });

  describe('examples/harborview', () => {
    const expected = fs.readFileSync(path.join(HARBORVIEW, 'EXPECTED.md'), 'utf8');

    it('check reports exactly the findings of the table (file, line, code, severity) and exits 2', async () => {
      const rows = tableWith(expected, 'File', 'Line', 'Code', 'Severity');
      assert.equal(rows.length, 35);
      const r = await runs.get('harborview check');
      assert.deepEqual(findingKeys(parseCheckJson(r).findings), expectedKeys(rows));
      assert.equal(r.code, 2);
    });

    it('coverage gives each criterion the state of the coverage table', async () => {
      const rows = tableWith(expected, 'State', 'Count', 'Criteria');
      const states = statesOf((await runs.get('harborview coverage')).stdout, { merge: false });
      // The example shows every state.
      assert.deepEqual(sorted(rows.map((r) => r.State)), sorted(['covered', 'stale', 'exception', 'claimed', 'claimed (stale)', 'uncovered', 'not-applicable']));
      for (const row of rows) {
        const ids = idsIn(row.Criteria);
        assert.equal(ids.length, Number(row.Count), `the ${row.State} row lists ${row.Count} criteria`);
        assert.deepEqual(sorted(states.get(row.State) ?? []), sorted(ids), row.State);
      }
      assert.equal(rows.reduce((n, r) => n + Number(r.Count), 0), 38);
    });
  });

  describe('test/fixtures/comply', () => {
    const expected = fs.readFileSync(path.join(COMPLY, 'EXPECTED.md'), 'utf8');
    const plus = /Plus (\d+) `uncovered-criterion` findings \((\w+)\)[\s\S]*?They name the (\d+) criteria[^:]*:([\s\S]*?)\n\s*The nine criteria[\s\S]*?`claimed`[^:]*:([\s\S]*?)\n\s*\nTotal: (\d+) findings/.exec(expected);

    it('check reports the table, plus one uncovered-criterion per series naming the listed criteria, on the root', async () => {
      assert.ok(plus, 'the uncovered-criterion paragraph');
      const rows = tableWith(expected, 'File', 'Line', 'Code', 'Severity');
      const uncovered = idsIn(plus[4]);
      assert.equal(uncovered.length, Number(plus[3]));
      const r = await runs.get('comply check');
      const report = parseCheckJson(r);
      assert.equal(report.findings.length, Number(plus[6]));
      const onRoot = report.findings.filter((f) => f.code === 'uncovered-criterion');
      assert.equal(onRoot.length, Number(plus[1]));
      assert.deepEqual(sorted(onRoot.flatMap((f) => idsIn(f.message.split(' in scope')[0]))), sorted(uncovered));
      for (const f of onRoot) assert.deepEqual([f.path, f.line, f.severity], ['', undefined, plus[2]]);
      assert.deepEqual(findingKeys(report.findings.filter((f) => f.code !== 'uncovered-criterion')), expectedKeys(rows));
      assert.equal(r.code, 1);
    });

    it('coverage: the listed criteria are claimed, the others uncovered', async () => {
      assert.ok(plus);
      const states = statesOf((await runs.get('comply coverage')).stdout);
      assert.deepEqual(sorted(states.get('claimed') ?? []), sorted(idsIn(plus[5])));
      assert.deepEqual(sorted(states.get('uncovered') ?? []), sorted(idsIn(plus[4])));
      assert.deepEqual([...states.keys()].sort(), ['claimed', 'uncovered']);
    });

    it('parses each document as the table says', async () => {
      const { workspace } = await loadWorkspace(COMPLY, { today: TODAY });
      const rows = tableWith(expected, 'File', 'id', 'type', 'title', 'criteria', 'last_reviewed');
      assert.deepEqual(sorted(rows.map((r) => r.File)), sorted([...workspace.documents()].map((d) => d.path)));
      for (const row of rows) {
        const doc = workspace.document(row.File);
        const facts = workspace.factsOf(row.File);
        assert.ok(doc && facts, row.File);
        assert.equal(doc.format, 'comply', row.File);
        assert.deepEqual([facts.id, facts.type, facts.title], [row.id, row.type, row.title], row.File);
        assert.deepEqual(
          doc.criteria.map((c) => c.value),
          row.criteria === 'none' ? [] : idsIn(row.criteria.replace(/\(.*\)/, '')),
          row.File,
        );
        assert.equal(doc.lastReviewed?.value, row.last_reviewed === 'none' ? undefined : row.last_reviewed.split(' ')[0], row.File);
      }
    });
  });

  describe('test/fixtures/aliased', () => {
    const expected = fs.readFileSync(path.join(ALIASED, 'EXPECTED.md'), 'utf8');

    it('check reports exactly the findings of the table', async () => {
      const rows = tableWith(expected, 'File', 'Line', 'Code', 'Severity');
      const total = /Total: (\d+) findings/.exec(expected);
      assert.equal(rows.length, Number(total?.[1]));
      const r = await runs.get('aliased check');
      assert.deepEqual(findingKeys(parseCheckJson(r).findings), expectedKeys(rows));
      assert.equal(r.code, 1);
    });

    it('reads each field through the alias the table names', async () => {
      const { workspace } = await loadWorkspace(ALIASED, { today: TODAY });
      const rows = tableWith(expected, 'File', 'id', 'owner (key)', 'criteria (key)', 'last_reviewed (key)', 'review cycle (key)');
      assert.deepEqual(sorted(rows.map((r) => r.File)), sorted([...workspace.documents()].map((d) => d.path)));
      /** `value (`key`)` → [value, key]; the key is undefined for `(default)` and absent values. */
      const split = (cell: string): [string, string | undefined] => [cell.split(/\s+\(|:\s/)[0].trim(), /^[^(]*\(`([^`]+)`/.exec(cell)?.[1]];
      for (const row of rows) {
        const doc = workspace.document(row.File);
        const facts = workspace.factsOf(row.File);
        assert.ok(doc && facts, row.File);
        const keyOf = (field: string): string | undefined => doc.fields.find((f) => f.field === field)?.key;
        assert.deepEqual([facts.id, facts.type, facts.title], [row.id, row.type, row.title], row.File);

        const [owner, ownerKey] = split(row['owner (key)']);
        assert.deepEqual([doc.owner?.value, keyOf('owner')], [owner, ownerKey], `${row.File} owner`);

        const [criteria, criteriaKey] = split(row['criteria (key)']);
        assert.deepEqual([doc.criteria.map((c) => c.value), keyOf('criteria')], [idsIn(criteria), criteriaKey], `${row.File} criteria`);

        const [reviewed, reviewedKey] = split(row['last_reviewed (key)']);
        assert.deepEqual([doc.lastReviewed?.value, keyOf('last_reviewed')], reviewed === 'none' ? [undefined, undefined] : [reviewed, reviewedKey], `${row.File} last_reviewed`);

        const cycleCell = row['review cycle (key)'];
        if (cycleCell.startsWith('invalid')) {
          assert.equal(doc.reviewCycle, undefined, row.File);
          assert.ok(doc.problems.some((p) => p.code === 'field-invalid'), row.File);
          assert.equal(facts.cycleText, 'annual', row.File);
        } else {
          const [cycle, cycleKey] = split(cycleCell);
          assert.equal(doc.reviewCycle?.text, cycleKey ? cycle : undefined, `${row.File} review cycle`);
          assert.equal(keyOf('review_cycle'), cycleKey, `${row.File} review cycle key`);
          if (!cycleKey) assert.equal(facts.cycleText, cycle, row.File);
        }
      }
    });
  });
});
