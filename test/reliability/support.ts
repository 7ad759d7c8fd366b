// Shared by the reliability suites: seeds (the example's documents), fast-check settings, mutations
// of realistic text, and invariant checks over findings, fixes and coverage.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import type { ComplianceWorkspace } from '../../server/src/core/index/workspace';
import type { Finding, Fix, ParsedDocument, Span } from '../../server/src/core/model/types';

export const PROJECT = path.resolve(__dirname, '../../..');
export const EXAMPLE = path.join(PROJECT, 'examples', 'harborview');
export const TODAY = '2026-11-16';

/** Fixed seed, so a failure reproduces; FC_SEED and FC_NUM_RUNS change them for a longer hunt. */
export function fcOptions(defaultRuns: number): { seed: number; numRuns: number; endOnFailure: true } {
  const runs = Number(process.env.FC_NUM_RUNS);
  const seed = Number(process.env.FC_SEED);
  return { seed: Number.isInteger(seed) ? seed : 20261116, numRuns: Number.isInteger(runs) && runs > 0 ? runs : defaultRuns, endOnFailure: true };
}

function listMarkdown(root: string, dir = ''): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const rel = dir === '' ? e.name : `${dir}/${e.name}`;
    if (e.isDirectory()) out.push(...listMarkdown(root, rel));
    else if (e.name.endsWith('.md')) out.push(rel);
  }
  return out.sort();
}

/** The example repository's documents and config: realistic text to mutate. */
export const SEEDS: ReadonlyArray<{ readonly path: string; readonly text: string }> = listMarkdown(EXAMPLE)
  .filter((p) => /^(policies|controls|procedures|narratives)\//.test(p))
  .map((p) => ({ path: p, text: fs.readFileSync(path.join(EXAMPLE, p), 'utf8') }))
  .concat(
    listMarkdown(path.join(PROJECT, 'test', 'fixtures', 'comply')).map((p) => ({ path: p, text: fs.readFileSync(path.join(PROJECT, 'test', 'fixtures', 'comply', p), 'utf8') })),
  );

export const EXAMPLE_CONFIG = fs.readFileSync(path.join(EXAMPLE, 'compliance-docs.yml'), 'utf8');

/** Lines a hurried editor or a hostile contributor might add. */
export const LINES = [
  '---',
  '...',
  '',
  '   ',
  'id: AC-01',
  'id: [AC-01]',
  'type: control',
  'type: 42',
  'status: draft',
  'status: {a: 1}',
  'owner: [it-lead, ciso]',
  'title: Access: review',
  'criteria: [CC6.1, CC9.9, cc6.2, CC6]',
  'criteria: CC6.1',
  'criteria:',
  '  - CC7.2',
  '  - A1.2',
  'controls: [AC-01, NOPE-9]',
  'policies: POL-ACCESS',
  'last_reviewed: 2026-02-30',
  'last_reviewed: 2027-01-01',
  'last_reviewed: Jan 1 2020',
  'review_cycle: P6M',
  'review_cycle: fortnightly',
  'frequency: hourly',
  'frequency: quarterly',
  'evidence:',
  'evidence: evidence/x.csv',
  '  - ../evidence/2026-Q1/okta-access-review.csv',
  '  - path: /evidence/2026-Q3/okta-access-review.csv',
  '    date: 2026-09-30',
  '  - url: https://tickets.example.com/SEC-1',
  '  - url: not a url',
  '  - ../../../etc/passwd',
  '  - /etc/passwd',
  '  - C:\\Windows\\win.ini',
  '  - ../%2e%2e/%2e%2e/etc/shadow',
  '  - {path: a, url: b}',
  '  - [nested]',
  'satisfies: {TSC: [CC1.1, CC9.9]}',
  'majorRevisions: [{date: "Jan 1 2020"}, {date: nope}]',
  'a: &x [1, 2]',
  'b: [*x, *x]',
  'criteria: *x',
  '[export](../evidence/2026-Q3/okta-access-review.csv)',
  '![shot](%2e%2e/%2e%2e/secret.png)',
  '[ref]: <../../outside.csv> "title"',
  '[wrapped link',
  'across lines](../evidence/missing.csv)',
  '```',
  '> [quoted](../evidence/x.csv)',
  '- [item](evidence/y.csv)',
  '<a href="../x.csv">html</a>',
  '[amp](a&amp;b.csv)',
  'See CC6.1 and CC9.9 in prose.',
];

/** YAML and markdown punctuation, line endings, and characters that trip decoders. */
export const PUNCTUATION = [':', ': ', '- ', '-', '[', ']', '{', '}', ',', '&a ', '*a', '!!str ', '!tag ', '|', '>-', '#', '"', "'", '---', '...', '\t', '\r', '\r\n', '\n', '\uFEFF', '\u0000', '%YAML 1.2', '@', '`', '? ', '<<: *a', '\\', '\u2028', '\uD800', '\uDC00', '😀', 'é', '\uFFFD', '(', ')', '<', '>', '&#x0;', '&nbsp;', '%2e%2e/'];

export type Mutation =
  | { readonly kind: 'deleteLine'; readonly at: number }
  | { readonly kind: 'insertLine'; readonly at: number; readonly line: string }
  | { readonly kind: 'duplicateLine'; readonly at: number }
  | { readonly kind: 'swapLines'; readonly at: number; readonly with: number }
  | { readonly kind: 'insert'; readonly at: number; readonly text: string }
  | { readonly kind: 'delete'; readonly at: number; readonly length: number }
  | { readonly kind: 'truncate'; readonly at: number };

/** Any UTF-16 code unit, lone surrogates included: what a JS string can hold. */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));

export const randomText = fc.oneof(fc.string({ unit: codeUnit, maxLength: 12 }), fc.string({ maxLength: 12 }), fc.constantFrom(...PUNCTUATION));

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('deleteLine' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('insertLine' as const), at: fc.nat(), line: fc.oneof(fc.constantFrom(...LINES), randomText) }),
  fc.record({ kind: fc.constant('duplicateLine' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('swapLines' as const), at: fc.nat(), with: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: randomText }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
);

export function mutate(text: string, mutations: readonly Mutation[]): string {
  let t = text;
  for (const m of mutations) {
    const lines = t.split('\n');
    const line = (n: number): number => n % lines.length;
    const offset = (n: number): number => n % (t.length + 1);
    switch (m.kind) {
      case 'deleteLine':
        lines.splice(line(m.at), 1);
        t = lines.join('\n');
        break;
      case 'insertLine':
        lines.splice(m.at % (lines.length + 1), 0, m.line);
        t = lines.join('\n');
        break;
      case 'duplicateLine':
        lines.splice(line(m.at), 0, lines[line(m.at)]);
        t = lines.join('\n');
        break;
      case 'swapLines': {
        const a = line(m.at);
        const b = line(m.with);
        [lines[a], lines[b]] = [lines[b], lines[a]];
        t = lines.join('\n');
        break;
      }
      case 'insert': {
        const at = offset(m.at);
        t = t.slice(0, at) + m.text + t.slice(at);
        break;
      }
      case 'delete': {
        const at = offset(m.at);
        t = t.slice(0, at) + t.slice(at + m.length);
        break;
      }
      case 'truncate':
        t = t.slice(0, offset(m.at));
        break;
    }
  }
  return t;
}

/** A seed document, mutated 0–6 times. */
export const mutatedSeed = fc.record({ seed: fc.constantFrom(...SEEDS), mutations: fc.array(mutationArb, { maxLength: 6 }) }).map(({ seed, mutations }) => ({ path: seed.path, text: mutate(seed.text, mutations) }));

// ---- invariants

export function assertSpanIn(span: Span, length: number, what: string): void {
  assert.ok(Number.isInteger(span.start) && Number.isInteger(span.end), `${what}: span is not whole numbers: ${JSON.stringify(span)}`);
  assert.ok(span.start >= 0 && span.start <= span.end && span.end <= length, `${what}: span ${JSON.stringify(span)} is outside 0..${length}`);
}

/** Every span a parsed document carries lies inside its text. */
export function assertDocumentSpans(doc: ParsedDocument, text: string): void {
  // A skipped file (binary, too large) is a placeholder of length 0.
  const skipped = doc.problems.some((p) => p.data?.skipped === 'true');
  const n = skipped ? 0 : text.length;
  assert.equal(doc.length, n, `${doc.path}: length`);
  const where = (what: string): string => `${doc.path} ${what}`;
  if (doc.frontmatter) {
    assertSpanIn(doc.frontmatter.span, n, where('frontmatter'));
    assertSpanIn(doc.frontmatter.anchor, n, where('frontmatter anchor'));
    assertSpanIn({ start: doc.frontmatter.insertAt, end: doc.frontmatter.insertAt }, n, where('insertAt'));
  }
  for (const f of doc.fields) {
    assertSpanIn(f.keySpan, n, where(`key ${f.key}`));
    assertSpanIn(f.valueSpan, n, where(`value of ${f.key}`));
  }
  for (const [name, item] of Object.entries({ id: doc.id, type: doc.type, title: doc.title, owner: doc.owner, status: doc.status, lastReviewed: doc.lastReviewed, reviewCycle: doc.reviewCycle, frequency: doc.frequency })) {
    if (item) assertSpanIn(item.span, n, where(name));
  }
  for (const item of [...doc.criteria, ...doc.policies, ...doc.controls]) assertSpanIn(item.span, n, where(`list item ${item.value}`));
  for (const e of doc.evidence) assertSpanIn(e.span, n, where(`evidence ${e.target}`));
  for (const shape of Object.values(doc.lists)) if (shape) assertSpanIn(shape.span, n, where('list'));
  for (const p of doc.problems) assertSpanIn(p.span, n, where(`problem ${p.code}`));
  if (!skipped) {
    let lines = 1;
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines++;
    assert.equal(doc.lineStarts.length, lines, where('line count'));
  }
}

/** A file a fix creates stays inside the root: relative, no `..`, no drive. */
export function assertInsideRoot(p: string, what: string): void {
  assert.ok(p !== '' && !p.startsWith('/') && !/^[A-Za-z]:/.test(p) && !p.split('/').includes('..') && !p.includes('\\'), `${what}: ${JSON.stringify(p)} is not a path inside the root`);
}

/** Fix edits stay inside the text of the file they edit; created files stay inside the root. */
export function assertFixes(fixes: readonly Fix[] | undefined, lengthOf: (path: string) => number | undefined, what: string): void {
  for (const fix of fixes ?? []) {
    assert.ok(fix.title.trim() !== '', `${what}: a fix without a title`);
    for (const change of fix.changes) {
      assertInsideRoot(change.path, `${what} fix "${fix.title}"`);
      if (change.kind === 'create') continue;
      const length = lengthOf(change.path);
      assert.ok(length !== undefined, `${what} fix "${fix.title}" edits ${change.path}, which is not a file of the workspace`);
      for (const e of change.edits) assertSpanIn(e.span, length, `${what} fix "${fix.title}" edit`);
    }
  }
}

/** Findings, fixes and coverage of a whole workspace: spans inside their files, sane states. */
export function assertWorkspaceInvariants(ws: ComplianceWorkspace, configLength: number | undefined): void {
  const configPath = ws.getConfig().path;
  const lengthOf = (p: string): number | undefined => (p === configPath ? configLength : ws.document(p)?.length);
  for (const f of ws.allFindings()) {
    const what = `${f.path || '(root)'} ${f.code}`;
    assert.ok(f.message.trim().length > 0, `${what}: empty message`);
    if (f.hasRegion) {
      const length = lengthOf(f.path);
      assert.ok(length !== undefined, `${what}: a finding in a file the workspace does not have`);
      assertSpanIn(f.span, length, what);
    }
    assertFixes(f.fixes, lengthOf, what);
  }
  const report = ws.coverage();
  const s = report.summary;
  assert.equal(s.covered + s.stale + s.exception + s.claimed + s.claimedStale + s.uncovered + s.notApplicable, s.inScope, 'coverage summary adds up');
  assert.equal(report.criteria.length, s.inScope, 'one entry per in-scope criterion');
}

/** Findings as plain data, for comparing two workspaces. */
export function findingsSnapshot(ws: ComplianceWorkspace): unknown[] {
  return [...ws.allFindings()].map((f: Finding) => JSON.parse(JSON.stringify(f)) as unknown);
}

export function coverageSnapshot(ws: ComplianceWorkspace): unknown {
  return JSON.parse(JSON.stringify(ws.coverage())) as unknown;
}

/** Resolves when `test` holds, polling; fails after `timeoutMs` with `describe()`. */
export async function waitFor(test: () => boolean | Promise<boolean>, timeoutMs: number, describe: () => string, intervalMs = 20): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await test()) return;
    if (Date.now() > deadline) throw new Error(`timed out: ${describe()}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** Runs `work` and fails if it takes longer than `ms` (it must finish, not hang). */
export function within<T>(ms: number, what: string, work: () => T): T {
  const t0 = Date.now();
  const result = work();
  const took = Date.now() - t0;
  assert.ok(took <= ms, `${what} took ${took} ms, more than ${ms} ms`);
  return result;
}
