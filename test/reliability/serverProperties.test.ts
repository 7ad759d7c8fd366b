// Property-based specifications of what the server's handlers stand on: the editor features answer
// any position of any document with ranges inside the files, and a folder host fed any sequence of
// editor and disk events ends where a fresh host over the final files starts.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { codeActionsAt } from '../../server/src/core/features/codeActions';
import { documentLenses } from '../../server/src/core/features/codeLens';
import { completionsAt } from '../../server/src/core/features/completion';
import { hoverAt, renderHover } from '../../server/src/core/features/hover';
import { documentLinks } from '../../server/src/core/features/links';
import { documentForText } from '../../server/src/core/features/locate';
import { findDefinition, findReferences } from '../../server/src/core/features/navigation';
import { prepareRename, renameId } from '../../server/src/core/features/rename';
import { documentOutline, type OutlineSymbol } from '../../server/src/core/features/symbols';
import { pathToUri } from '../../server/src/convert';
import { folderCoverage, reviewSchedule } from '../../server/src/features/customRequests';
import { diagnosticsFor } from '../../server/src/features/diagnostics';
import { FolderHost } from '../../server/src/host';
import { workspaceOf } from '../helpers';
import { assertFixes, assertInsideRoot, assertSpanIn, EXAMPLE, EXAMPLE_CONFIG, fcOptions, mutate, mutatedSeed, mutationArb, SEEDS, TODAY, type Mutation } from './support';

describe('properties: editor features', function () {
  this.timeout(120000);

  it('answer any position of any mutated document, with every range inside its file', () => {
    const input = fc.record({
      docs: fc.array(mutatedSeed, { minLength: 1, maxLength: 4 }),
      offsets: fc.array(fc.nat(), { minLength: 1, maxLength: 6 }),
    });
    fc.assert(
      fc.property(input, ({ docs, offsets }) => {
        const files: Record<string, string> = { 'compliance-docs.yml': EXAMPLE_CONFIG, 'evidence/2026-Q3/okta-access-review.csv': 'x\n' };
        for (const d of docs) files[d.path] = d.text;
        const ws = workspaceOf(files);
        const lengthOf = (p: string): number | undefined => (p in files ? files[p].length : undefined);
        const readText = (p: string): string | undefined => files[p];
        for (const [p, text] of Object.entries(files)) {
          if (!p.endsWith('.md') && p !== 'compliance-docs.yml') continue;
          const where = (what: string, at?: number): string => `${p}${at === undefined ? '' : `@${at}`} ${what}`;
          for (const link of documentLinks(ws, p, text)) assertSpanIn(link.span, text.length, where('link'));
          if (p.endsWith('.md')) {
            const walk = (s: OutlineSymbol): void => {
              assertSpanIn(s.span, text.length, where(`symbol ${s.name}`));
              assertSpanIn(s.selectionSpan, text.length, where(`symbol selection ${s.name}`));
              s.children.forEach(walk);
            };
            documentOutline(documentForText(ws, p, text), text).forEach(walk);
            for (const lens of documentLenses(ws, p)) assertSpanIn(lens.span, text.length, where('lens'));
          }
          for (const raw of offsets) {
            const at = raw % (text.length + 1);
            const hover = hoverAt(ws, p, text, at);
            if (hover) {
              assertSpanIn(hover.span, text.length, where('hover', at));
              for (const format of ['markdown', 'plaintext'] as const) renderHover(hover, { format, link: (x, line) => `file:///root/${x}#L${line + 1}` });
            }
            for (const c of completionsAt(ws, p, text, at)) assertSpanIn(c.span, text.length, where(`completion ${c.label}`, at));
            const def = findDefinition(ws, p, text, at);
            if (def) {
              assertSpanIn(def.origin, text.length, where('definition origin', at));
              for (const t of def.targets) {
                assertInsideRoot(t.path, where('definition target', at));
                const n = lengthOf(t.path);
                if (n !== undefined) assertSpanIn(t.span, n, where(`definition in ${t.path}`, at));
              }
            }
            for (const place of findReferences(ws, p, text, at, { includeDeclaration: true, readText }) ?? []) {
              const n = lengthOf(place.path);
              assert.ok(n !== undefined, where(`reference in unknown file ${place.path}`, at));
              assertSpanIn(place.span, n, where(`reference in ${place.path}`, at));
            }
            const target = prepareRename(ws, p, text, at);
            if ('span' in target) {
              assertSpanIn(target.span, text.length, where('rename target', at));
              const renamed = renameId(ws, p, text, at, `${target.placeholder}-X`, readText);
              if ('files' in renamed) {
                for (const f of renamed.files) {
                  const n = lengthOf(f.path);
                  assert.ok(n !== undefined, where(`rename edits unknown file ${f.path}`, at));
                  for (const e of f.edits) assertSpanIn(e.span, n, where(`rename edit in ${f.path}`, at));
                }
              }
            }
            const end = Math.min(text.length, at + (raw % 7));
            for (const action of codeActionsAt(ws, p, text, { start: at, end })) assertFixes([action.fix], lengthOf, where(`code action ${action.title}`, at));
          }
        }
      }),
      fcOptions(60),
    );
  });
});

// ---- the folder host

const EVIDENCE_POOL = ['evidence/2026-Q1/okta-access-review.csv', 'evidence/2026-Q3/okta-access-review.csv', 'evidence/2026-Q3/change-audit.md', 'evidence/2026-Q4/new.csv', 'evidence/2026-Q2/okta-mfa-enrollment.csv', 'controls/notes.csv'];
const DOCS = SEEDS.filter((s) => !s.path.includes('/') || /^(policies|controls|procedures|narratives)\//.test(s.path)).map((s) => s.path);

type HostOp =
  | { readonly kind: 'open'; readonly doc: number; readonly mutations: readonly Mutation[] }
  | { readonly kind: 'change'; readonly doc: number; readonly mutation: Mutation }
  | { readonly kind: 'close'; readonly doc: number }
  | { readonly kind: 'writeDisk'; readonly doc: number; readonly mutations: readonly Mutation[] }
  | { readonly kind: 'deleteDoc'; readonly doc: number }
  | { readonly kind: 'createEvidence'; readonly file: number }
  | { readonly kind: 'deleteEvidence'; readonly file: number }
  | { readonly kind: 'renameEvidence'; readonly from: number; readonly to: number }
  | { readonly kind: 'config'; readonly mutations: readonly Mutation[]; readonly inEditor: boolean }
  | { readonly kind: 'symlink'; readonly target: 'evidence/2026-Q3' | 'policies/access-control.md' | null; readonly at: 'evidence/current' | 'controls/linked.md' }
  | { readonly kind: 'today'; readonly date: string };

const hostOp: fc.Arbitrary<HostOp> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('open' as const), doc: fc.nat(), mutations: fc.array(mutationArb, { maxLength: 2 }) }) },
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('change' as const), doc: fc.nat(), mutation: mutationArb }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('close' as const), doc: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('writeDisk' as const), doc: fc.nat(), mutations: fc.array(mutationArb, { maxLength: 3 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('deleteDoc' as const), doc: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('createEvidence' as const), file: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('deleteEvidence' as const), file: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('renameEvidence' as const), from: fc.nat(), to: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('config' as const), mutations: fc.array(mutationArb, { maxLength: 3 }), inEditor: fc.boolean() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('symlink' as const),
      target: fc.constantFrom('evidence/2026-Q3', 'policies/access-control.md', null) as fc.Arbitrary<'evidence/2026-Q3' | 'policies/access-control.md' | null>,
      at: fc.constantFrom('evidence/current', 'controls/linked.md') as fc.Arbitrary<'evidence/current' | 'controls/linked.md'>,
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('today' as const), date: fc.constantFrom(TODAY, '2026-07-01', '2027-02-01') }) },
);

/** Everything the client would show for a folder: diagnostics per file, the coverage tree, the review schedule. */
function view(host: FolderHost, files: readonly string[]): unknown {
  const diagnostics: Record<string, unknown> = {};
  for (const rel of files) diagnostics[rel] = diagnosticsFor(host, rel);
  return JSON.parse(JSON.stringify({ diagnostics, coverage: folderCoverage(host), schedule: reviewSchedule(host) })) as unknown;
}

describe('properties: a folder host', function () {
  this.timeout(300000);
  const temps: string[] = [];
  after(() => {
    for (const t of temps) fs.rmSync(t, { recursive: true, force: true });
  });

  it('after any sequence of editor and disk events, shows what a fresh host over the final files shows', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(hostOp, { minLength: 1, maxLength: 20 }), async (ops) => {
        const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-host-'));
        temps.push(root);
        fs.cpSync(EXAMPLE, root, { recursive: true });
        const uri = pathToUri(root);
        let today = TODAY;
        const host = new FolderHost('repo', uri, root, { today });
        await host.index(() => undefined);
        const open = new Map<string, { text: string; version: number }>();
        const abs = (rel: string): string => path.join(root, rel);
        const diskText = (rel: string): string => (fs.existsSync(abs(rel)) ? fs.readFileSync(abs(rel), 'utf8') : '');
        const pick = <T>(xs: readonly T[], n: number): T => xs[n % xs.length];
        // Editor texts are what saving them writes: a lone surrogate cannot be stored in UTF-8 (the parser's
        // own properties cover it), so it becomes U+FFFD before the host sees it.
        const savable = (text: string): string => Buffer.from(text, 'utf8').toString('utf8');
        const editable = [...DOCS, 'compliance-docs.yml'];

        for (const op of ops) {
          switch (op.kind) {
            case 'open': {
              const rel = pick(editable, op.doc);
              if (open.has(rel)) break;
              const text = savable(mutate(diskText(rel), op.mutations));
              open.set(rel, { text, version: 1 });
              host.didOpen(rel, { uri: pathToUri(abs(rel)), text, version: 1 });
              break;
            }
            case 'change': {
              if (open.size === 0) break;
              const rel = pick([...open.keys()].sort(), op.doc);
              const cur = open.get(rel) as { text: string; version: number };
              const next = { text: savable(mutate(cur.text, [op.mutation])), version: cur.version + 1 };
              open.set(rel, next);
              host.didChange(rel, { uri: pathToUri(abs(rel)), ...next });
              break;
            }
            case 'close': {
              if (open.size === 0) break;
              const rel = pick([...open.keys()].sort(), op.doc);
              // Closing without saving: the editor's text is dropped, disk is the truth again.
              open.delete(rel);
              host.didClose(rel);
              break;
            }
            case 'writeDisk': {
              const rel = pick(DOCS, op.doc);
              fs.mkdirSync(path.dirname(abs(rel)), { recursive: true });
              fs.writeFileSync(abs(rel), mutate(diskText(rel), op.mutations));
              host.fileChanged(abs(rel));
              break;
            }
            case 'deleteDoc': {
              const rel = pick(DOCS, op.doc);
              fs.rmSync(abs(rel), { force: true });
              host.fileDeleted(abs(rel));
              break;
            }
            case 'createEvidence': {
              const rel = pick(EVIDENCE_POOL, op.file);
              const dir = path.dirname(abs(rel));
              const newDir = !fs.existsSync(dir);
              fs.mkdirSync(dir, { recursive: true });
              if (newDir) host.fileChanged(dir);
              fs.writeFileSync(abs(rel), 'evidence\n');
              host.fileChanged(abs(rel));
              break;
            }
            case 'deleteEvidence': {
              const rel = pick(EVIDENCE_POOL, op.file);
              fs.rmSync(abs(rel), { force: true });
              host.fileDeleted(abs(rel));
              break;
            }
            case 'renameEvidence': {
              const from = pick(EVIDENCE_POOL, op.from);
              const to = pick(EVIDENCE_POOL, op.to);
              if (from === to || !fs.existsSync(abs(from))) break;
              fs.mkdirSync(path.dirname(abs(to)), { recursive: true });
              fs.renameSync(abs(from), abs(to));
              host.fileDeleted(abs(from));
              host.fileChanged(abs(to));
              break;
            }
            case 'config': {
              const rel = 'compliance-docs.yml';
              if (op.inEditor) {
                const cur = open.get(rel);
                const text = savable(mutate(cur?.text ?? diskText(rel), op.mutations));
                const version = (cur?.version ?? 0) + 1;
                open.set(rel, { text, version });
                if (cur) host.didChange(rel, { uri: pathToUri(abs(rel)), text, version });
                else host.didOpen(rel, { uri: pathToUri(abs(rel)), text, version });
              } else {
                fs.writeFileSync(abs(rel), mutate(diskText(rel), op.mutations));
                host.fileChanged(abs(rel));
              }
              break;
            }
            case 'symlink': {
              if (fs.existsSync(abs(op.at)) || fs.lstatSync(abs(op.at), { throwIfNoEntry: false })) {
                fs.rmSync(abs(op.at), { force: true });
                host.fileDeleted(abs(op.at));
              }
              const target = op.target === null ? os.tmpdir() : path.relative(path.dirname(abs(op.at)), abs(op.target));
              fs.symlinkSync(target, abs(op.at));
              host.fileChanged(abs(op.at));
              break;
            }
            case 'today':
              today = op.date;
              host.setToday(today);
              break;
          }
        }
        // The editors' texts are saved; the host already shows them, and the watcher reports the files.
        for (const [rel, o] of open) {
          // A text that starts with U+FEFF is saved after a byte order mark, which reading drops again.
          fs.writeFileSync(abs(rel), o.text.startsWith('\uFEFF') ? `\uFEFF${o.text}` : o.text);
          host.fileChanged(abs(rel));
        }
        const fresh = new FolderHost('repo', uri, root, { today });
        await fresh.index(() => undefined);
        const files = [...new Set([...[...host.workspace.documents()].map((d) => d.path), ...[...fresh.workspace.documents()].map((d) => d.path), 'compliance-docs.yml'])].sort();
        const [a, b] = [view(host, files), view(fresh, files)] as Array<Record<string, Record<string, unknown>>>;
        for (const rel of files) assert.deepEqual(a.diagnostics[rel], b.diagnostics[rel], `diagnostics of ${rel}`);
        assert.deepEqual(a, b);
        fs.rmSync(root, { recursive: true, force: true });
      }),
      fcOptions(25),
    );
  });
});
