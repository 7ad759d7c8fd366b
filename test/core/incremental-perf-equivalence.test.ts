// The index is updated one change at a time, keeping facts, coverage entries and id suggestions
// between changes. After any sequence of edits, file events and config changes, it must answer
// exactly as an index built from scratch over the same files.

import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ComplianceWorkspace } from '../../server/src/core/index/workspace';
import type { IndexPhase } from '../../server/src/core/rules/rule';
import { hoverAt } from '../../server/src/core/features/hover';
import { parseComplianceDocument } from '../../server/src/core/parse/document';
import { joinLines, workspaceOf, type FileSpec } from '../helpers';

const CONFIGS = [
  joinLines('categories: [security, availability]', 'audit:', '  type: type2', '  period: { start: 2026-01-01, end: 2026-12-31 }', ''),
  joinLines('categories: [security]', 'not_applicable:', '  CC6.4: "No offices"', 'review:', '  due_soon_days: 60', ''),
  joinLines('categories: [security]', 'fields:', '  last_reviewed: [approval_date, last_reviewed]', ''),
];

const IDS = ['POL-ACCESS', 'POL-ACESS', 'POL-CHANGE', 'AC-01', 'AC-02', 'AC-1', 'CM-01'];
const CRITERIA = ['CC6.1', 'CC6.2', 'CC6.3', 'CC8.1', 'A1.2', 'CC9.9', 'C1.1'];
const EVIDENCE = ['../evidence/2026-Q1/review.csv', '../evidence/2026-Q2/review.csv', '../evidence/2025-Q4/old.csv', '/evidence/2026-06-30-export.csv', 'https://tickets.example.com/SEC-1'];
const PATHS = ['policies/access.md', 'policies/change.md', 'controls/ac-01.md', 'controls/ac-02.md', 'controls/cm-01.md', 'procedures/onboarding.md'];
// With files next to the targets whose names are near them: a missing target's fix suggests those.
const EVIDENCE_FILES = ['evidence/2026-Q1/review.csv', 'evidence/2026-Q2/review.csv', 'evidence/2025-Q4/old.csv', 'evidence/2026-06-30-export.csv', 'evidence/2026-Q1/reviews.csv', 'evidence/2026-Q2/review.cvs', 'evidence/2026-06-30-exports.csv'];

interface DocSpec {
  readonly id: string | null;
  readonly title: string;
  readonly status: string;
  readonly criteria: readonly string[];
  readonly refs: readonly string[];
  readonly reviewed: string;
  readonly evidence: readonly string[];
  readonly broken: boolean;
}

function render(path: string, d: DocSpec): string {
  const refKey = path.startsWith('controls/') ? 'policies' : 'controls';
  const lines = ['---'];
  if (d.id) lines.push(`id: ${d.id}`);
  lines.push(`title: ${d.title}`, `status: ${d.status}`, `criteria: [${d.criteria.join(', ')}]`, `${refKey}: [${d.refs.join(', ')}]`, `last_reviewed: ${d.reviewed}`, 'frequency: quarterly');
  if (d.evidence.length) lines.push('evidence:', ...d.evidence.map((e) => `  - ${e}`));
  if (d.broken) lines.push('owner: [unclosed');
  lines.push('---', '', `# ${d.title}`, '', `See [the record](${d.evidence[0] ?? '../evidence/none.csv'}).`, '');
  return joinLines(...lines);
}

const docSpec: fc.Arbitrary<DocSpec> = fc.record({
  id: fc.option(fc.constantFrom(...IDS), { nil: null }),
  title: fc.constantFrom('Access review', 'Change approval', 'Backups'),
  status: fc.constantFrom('approved', 'approved', 'draft', 'retired'),
  criteria: fc.subarray(CRITERIA, { maxLength: 3 }),
  refs: fc.subarray(IDS, { maxLength: 2 }),
  reviewed: fc.constantFrom('2026-06-01', '2025-01-15', '2026-11-01', '2027-01-01'),
  evidence: fc.subarray(EVIDENCE, { maxLength: 3 }),
  broken: fc.boolean(),
});

type Op =
  | { readonly kind: 'edit'; readonly path: string; readonly doc: DocSpec }
  | { readonly kind: 'remove'; readonly path: string }
  | { readonly kind: 'addEvidence' | 'deleteEvidence'; readonly path: string }
  | { readonly kind: 'config'; readonly config: number }
  | { readonly kind: 'today'; readonly today: string }
  | { readonly kind: 'phase'; readonly phase: IndexPhase }
  | { readonly kind: 'prepare'; readonly path: string };

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('edit' as const), path: fc.constantFrom(...PATHS), doc: docSpec }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('remove' as const), path: fc.constantFrom(...PATHS) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constantFrom('addEvidence' as const, 'deleteEvidence' as const), path: fc.constantFrom(...EVIDENCE_FILES) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('config' as const), config: fc.nat({ max: CONFIGS.length - 1 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('today' as const), today: fc.constantFrom('2026-11-16', '2026-12-20') }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('phase' as const), phase: fc.constantFrom<IndexPhase>('document', 'inventory', 'complete') }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('prepare' as const), path: fc.constantFrom(...PATHS) }) },
);

/** Everything the index answers: findings of every document and of the config, coverage, and each criterion's hover. */
function answers(ws: ComplianceWorkspace): unknown {
  const docs = [...ws.documents()].map((d) => d.path).sort();
  // A criterion's hover, as asked in the config file: the documents that list it and why it stands where it does.
  const hovers = CRITERIA.map((c) => hoverAt(ws, 'compliance-docs.yml', c, 1));
  return { findings: [...ws.allFindings()], docs, coverage: ws.coverage(), ids: [...ws.allIds()].sort(), listing: CRITERIA.map((c) => ws.documentsListing(c)), hovers };
}

describe('incremental index (perf equivalence)', () => {
  it('answers after any sequence of changes exactly as an index built from scratch', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...PATHS), docSpec), { minLength: 2, maxLength: 6 }), fc.array(op, { minLength: 1, maxLength: 12 }), (initial, ops) => {
        const files: Record<string, string> = { 'compliance-docs.yml': CONFIGS[0], 'evidence/2026-Q1/review.csv': 'x', 'evidence/2025-Q4/old.csv': 'x' };
        for (const [path, d] of initial) files[path] = render(path, d);
        let today = '2026-11-16';
        const ws = workspaceOf(files, { today });
        // Ask before changing, so that every cache is filled and must be invalidated correctly.
        answers(ws);
        for (const o of ops) {
          if (o.kind === 'edit') {
            files[o.path] = render(o.path, o.doc);
            ws.addFile(o.path, { kind: 'file', size: files[o.path].length });
            ws.upsertDocument(parseComplianceDocument(o.path, files[o.path], ws.parseSettings()));
          } else if (o.kind === 'remove') {
            delete files[o.path];
            ws.deleteFile(o.path);
            ws.removeDocument(o.path);
          } else if (o.kind === 'addEvidence') {
            files[o.path] = 'x';
            ws.addFile(o.path, { kind: 'file', size: 1 });
          } else if (o.kind === 'deleteEvidence') {
            delete files[o.path];
            ws.deleteFile(o.path);
          } else if (o.kind === 'config') {
            files['compliance-docs.yml'] = CONFIGS[o.config];
            const change = ws.setConfig('compliance-docs.yml', CONFIGS[o.config]);
            if (change.reparse) for (const p of ws.documentPathsInInventory()) ws.upsertDocument(parseComplianceDocument(p, files[p], ws.parseSettings()));
          } else if (o.kind === 'today') {
            today = o.today;
            ws.setToday(today);
          } else if (o.kind === 'phase') {
            ws.setPhase(o.phase);
          } else if (o.kind === 'prepare') {
            // What a host does while documents load: the part of the findings that needs no other document.
            ws.prepareFindings(o.path);
            continue;
          }
          answers(ws);
        }
        ws.setPhase('complete');
        assert.deepEqual(answers(ws), answers(workspaceOf(files as FileSpec, { today })));
      }),
      { numRuns: 300, seed: 3 },
    );
  });

  it('answers as an index built from scratch after loading in batches, each prepared with the index as it was (a reference to a document not loaded yet waits for it)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.record({ path: fc.constantFrom(...PATHS), doc: docSpec }), { selector: (e) => e.path, minLength: 1 }),
        fc.integer({ min: 1, max: 3 }),
        fc.nat({ max: CONFIGS.length - 1 }),
        (arrivals, batch, config) => {
          const files: Record<string, string> = { 'compliance-docs.yml': CONFIGS[config], 'evidence/2026-Q1/review.csv': 'x', 'evidence/2025-Q4/old.csv': 'x' };
          for (const { path, doc } of arrivals) files[path] = render(path, doc);
          // As node/loadWorkspace.ts does: the listing whole first, then documents in the order they come.
          const ws = new ComplianceWorkspace({ today: '2026-11-16' });
          for (const [path, content] of Object.entries(files)) ws.inventory.set(path, { kind: 'file', size: content.length });
          ws.setConfig('compliance-docs.yml', files['compliance-docs.yml']);
          for (let k = 0; k < arrivals.length; k += batch) {
            const docs = arrivals.slice(k, k + batch).map(({ path }) => parseComplianceDocument(path, files[path], ws.parseSettings()));
            for (const d of docs) ws.upsertDocument(d);
            for (const d of docs) ws.prepareFindings(d.path, true);
          }
          assert.deepEqual(answers(ws), answers(workspaceOf(files as FileSpec, { today: '2026-11-16' })));
        },
      ),
      { numRuns: 400, seed: 5 },
    );
  });

  it('keeps the coverage of a criterion many documents map, one change at a time, as a build from scratch has it', () => {
    // Enough documents per criterion that an entry is rebuilt from the last one, not sorted again.
    const many = 48;
    const docText = (i: number, d: { title: string; id: string; type: string; status: string; criteria: readonly string[] }): string =>
      joinLines('---', `id: ${d.id}`, `type: ${d.type}`, `title: ${d.title}`, `status: ${d.status}`, `criteria: [${d.criteria.join(', ')}]`, 'last_reviewed: 2026-06-01', d.type === 'control' ? `evidence: [../evidence/e${i % 3}.csv]` : 'owner: x', '---', '');
    const spec = fc.record({
      title: fc.constantFrom('Alpha', 'Beta', 'Gamma'),
      id: fc.constantFrom('DOC-A', 'DOC-B', 'DOC-C', 'DOC-Z'),
      type: fc.constantFrom('policy', 'control', 'procedure'),
      status: fc.constantFrom('approved', 'approved', 'draft'),
      criteria: fc.subarray(['CC6.1', 'CC6.2', 'CC6.3'], { minLength: 1 }),
    });
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat({ max: many + 3 }), fc.option(spec, { nil: null })), { minLength: 1, maxLength: 10 }), (ops) => {
        const files: Record<string, string> = { 'compliance-docs.yml': CONFIGS[0], 'evidence/e0.csv': 'x', 'evidence/e1.csv': 'x' };
        for (let i = 0; i < many; i++) files[`docs/d${String(i).padStart(2, '0')}.md`] = docText(i, { title: `Doc ${i}`, id: `DOC-${String(i).padStart(2, '0')}`, type: i % 2 ? 'control' : 'policy', status: 'approved', criteria: ['CC6.1', 'CC6.2'] });
        files['compliance-docs.yml'] += joinLines('documents:', '  include: ["docs/*.md"]', '');
        const ws = workspaceOf(files, { today: '2026-11-16' });
        ws.coverage();
        for (const [i, d] of ops) {
          const path = `docs/d${String(i).padStart(2, '0')}.md`;
          if (d === null) {
            delete files[path];
            ws.deleteFile(path);
            ws.removeDocument(path);
          } else {
            files[path] = docText(i, d);
            ws.addFile(path, { kind: 'file', size: files[path].length });
            ws.upsertDocument(parseComplianceDocument(path, files[path], ws.parseSettings()));
          }
          ws.coverage();
        }
        assert.deepEqual(ws.coverage(), workspaceOf(files as FileSpec, { today: '2026-11-16' }).coverage());
      }),
      { numRuns: 200, seed: 7 },
    );
  });

  it('suggests an id that appeared after the reference was first checked', () => {
    const files: Record<string, string> = {
      'controls/ac-01.md': joinLines('---', 'id: AC-01', 'policies: [POL-ACESS]', '---', ''),
      'policies/change.md': joinLines('---', 'id: POL-CHANGE', '---', ''),
    };
    const ws = workspaceOf(files);
    const before = ws.findings('controls/ac-01.md').find((f) => f.code === 'unknown-reference');
    assert.equal(before?.message, 'No document has the id `POL-ACESS`. Fix the id, or add the policy it refers to.');
    ws.inventory.set('policies/access.md', { kind: 'file', size: 10 });
    ws.upsertDocument(parseComplianceDocument('policies/access.md', joinLines('---', 'id: POL-ACCESS', '---', '')));
    const after = ws.findings('controls/ac-01.md').find((f) => f.code === 'unknown-reference');
    assert.equal(after?.message, 'No document has the id `POL-ACESS`. Did you mean POL-ACCESS? Fix the id, or add the policy it refers to.');
  });

  it('suggests a file that appeared next to a missing evidence target', () => {
    const ws = workspaceOf({ 'controls/ac-01.md': joinLines('---', 'id: AC-01', 'evidence: [../evidence/2026-Q1/review.csv]', '---', ''), 'evidence/2026-Q1/notes.txt': 'x' });
    const before = ws.findings('controls/ac-01.md').find((f) => f.code === 'broken-evidence-link');
    assert.doesNotMatch(before?.message ?? '', /Did you mean/);
    ws.addFile('evidence/2026-Q1/reviews.csv', { kind: 'file', size: 1 });
    const after = ws.findings('controls/ac-01.md').find((f) => f.code === 'broken-evidence-link');
    assert.match(after?.message ?? '', /Did you mean reviews\.csv\?/);
  });

  it('shows a renamed title in the coverage of every criterion the document maps', () => {
    const text = (title: string): string => joinLines('---', 'id: POL-ACCESS', `title: ${title}`, 'criteria: [CC6.1, CC6.2]', 'last_reviewed: 2026-06-01', '---', '');
    const ws = workspaceOf({ 'policies/access.md': text('Access') });
    assert.deepEqual(ws.coverage().criteria.filter((c) => c.documents.length).map((c) => [c.id, c.documents[0].title]), [['CC6.1', 'Access'], ['CC6.2', 'Access']]);
    ws.upsertDocument(parseComplianceDocument('policies/access.md', text('Access Control')));
    assert.deepEqual(ws.coverage().criteria.filter((c) => c.documents.length).map((c) => [c.id, c.documents[0].title]), [['CC6.1', 'Access Control'], ['CC6.2', 'Access Control']]);
  });
});
