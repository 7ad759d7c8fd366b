// Property-based specifications of the core: whatever a repository holds (realistic documents
// mutated, random frontmatter with wrong types, random bytes, random edits and file events), parsing,
// the index, the rules and coverage never throw, keep every range inside its file, repeat themselves
// for the same input, and an index updated step by step equals one built from scratch.

import assert from 'node:assert/strict';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { CONFIG_FILE_NAMES, loadConfig } from '../../server/src/core/config/config';
import { ComplianceWorkspace } from '../../server/src/core/index/workspace';
import type { ParsedDocument } from '../../server/src/core/model/types';
import { CANONICAL_FIELDS, parseComplianceDocument } from '../../server/src/core/parse/document';
import { RULE_CODES } from '../../server/src/core/rules/registry';
import { resolveDocumentPath } from '../../server/src/node/readDocument';
import { decode, parseRead } from '../../server/src/node/readDocument';
import { CONTROL, POLICY } from '../core/rules/fixture';
import {
  assertDocumentSpans,
  assertFixes,
  assertSpanIn,
  assertWorkspaceInvariants,
  coverageSnapshot,
  EXAMPLE_CONFIG,
  fcOptions,
  findingsSnapshot,
  LINES,
  mutate,
  mutatedSeed,
  mutationArb,
  SEEDS,
  TODAY,
  type Mutation,
} from './support';

// ---- arbitraries built from the schema, with wrong types mixed in

const anyValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', maxDepth: 3 },
    fc.string({ maxLength: 10 }),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.double(),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(fc.string({ maxLength: 5 }), tie('value'), { maxKeys: 3 }),
  ),
})).value;

function wrongOr<T>(good: fc.Arbitrary<T>): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 4, arbitrary: good }, { weight: 1, arbitrary: anyValue });
}

const criterionId = fc.oneof(fc.constantFrom('CC1.1', 'CC6.1', 'CC6.2', 'CC6.3', 'CC7.2', 'A1.2', 'C1.1', 'PI1.1', 'P1.1', 'CC9.9', 'cc6.1', 'CC6', 'CC', 'CC6.1 '), fc.string({ maxLength: 6 }));
const dateText = fc.oneof(
  fc.constantFrom('2026-06-30', '2026-02-30', '2025-13-01', 'Jan 1 2020', 'January 1, 2020', '2026-06-30T10:00:00Z', 'yesterday', '0000-00-00', '9999-12-31'),
  fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2040-01-01T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
);
const evidencePath = fc.oneof(
  fc.constantFrom(
    '../evidence/2026-Q1/review.csv',
    '/evidence/2026-Q2/review.csv',
    'evidence/2026-Q3/review.csv',
    '../evidence/2026-06/x.csv',
    '../../../etc/passwd',
    '/etc/passwd',
    'C:\\Windows\\win.ini',
    'D:/audit.pdf',
    '\\\\server\\share\\x',
    '//server/share/x',
    '%2e%2e/%2e%2e/etc/shadow',
    '..%2f..%2fetc',
    '%zz',
    '..',
    '.',
    '/',
    '',
    'file:///etc/passwd',
    '../evidence/current/review.csv',
    '#anchor',
    'a?b#c',
  ),
  fc.string({ maxLength: 20 }),
);
const url = fc.constantFrom('https://tickets.example.com/SEC-1', 'http://', 'https://exa mple.com', 'ftp://x', 'javascript:alert(1)', 'mailto:a@b.c', 'https://[::1]/', 'not a url');
const ids = (...xs: string[]): fc.Arbitrary<string[]> => fc.array(fc.oneof(fc.constantFrom(...xs), fc.string({ maxLength: 6 })), { maxLength: 4 });

const frontmatterObject = fc.record(
  {
    id: wrongOr(fc.constantFrom('AC-01', 'AC-02', 'POL-ACCESS', 'X', '')),
    type: wrongOr(fc.constantFrom('policy', 'procedure', 'control', 'narrative', 'standard', 'Control')),
    title: wrongOr(fc.string({ maxLength: 20 })),
    owner: wrongOr(fc.oneof(fc.string({ maxLength: 10 }), fc.array(fc.string({ maxLength: 8 }), { maxLength: 3 }))),
    status: wrongOr(fc.constantFrom('draft', 'approved', 'retired', 'Approved', 'pending')),
    criteria: wrongOr(fc.array(criterionId, { maxLength: 5 })),
    policies: wrongOr(ids('POL-ACCESS', 'POL-NOPE')),
    controls: wrongOr(ids('AC-01', 'AC-02', 'NOPE-9')),
    last_reviewed: wrongOr(dateText),
    review_cycle: wrongOr(fc.constantFrom('annual', 'semiannual', 'quarterly', 'monthly', 'P6M', 'P90D', 'P2W', 'P1Y', 'P0D', 'P-1M', 'fortnightly', 'semi-annual')),
    frequency: wrongOr(fc.constantFrom('continuous', 'daily', 'weekly', 'monthly', 'quarterly', 'semiannual', 'annual', 'hourly', 'yearly')),
    evidence: wrongOr(
      fc.array(
        fc.oneof(evidencePath, url, fc.record({ path: evidencePath, date: dateText }, { requiredKeys: [] }), fc.record({ url, date: dateText }, { requiredKeys: [] }), anyValue),
        { maxLength: 5 },
      ),
    ),
    satisfies: wrongOr(fc.record({ TSC: fc.array(criterionId, { maxLength: 3 }) })),
    majorRevisions: wrongOr(fc.array(fc.record({ date: dateText, comment: fc.string({ maxLength: 8 }) }), { maxLength: 3 })),
    name: wrongOr(fc.string({ maxLength: 10 })),
    acronym: wrongOr(fc.string({ maxLength: 6 })),
    extra: anyValue,
  },
  { requiredKeys: [] },
);

const yamlStyle = fc.record({
  collectionStyle: fc.constantFrom('any', 'block', 'flow') as fc.Arbitrary<'any' | 'block' | 'flow'>,
  defaultStringType: fc.constantFrom('PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE', 'BLOCK_LITERAL', 'BLOCK_FOLDED') as fc.Arbitrary<'PLAIN' | 'QUOTE_DOUBLE' | 'QUOTE_SINGLE' | 'BLOCK_LITERAL' | 'BLOCK_FOLDED'>,
  indent: fc.integer({ min: 1, max: 4 }),
});

const body = fc.array(fc.oneof(fc.constantFrom(...LINES), fc.string({ maxLength: 30 })), { maxLength: 8 }).map((ls) => ls.join('\n'));

/** A document whose frontmatter is built from the schema: native or comply, LF or CRLF, with a BOM sometimes. */
const schemaDocument = fc
  .record({
    fm: frontmatterObject,
    style: yamlStyle,
    body,
    comply: fc.boolean(),
    crlf: fc.boolean(),
    bom: fc.boolean(),
    folder: fc.constantFrom('controls', 'policies', 'procedures', 'narratives', 'standards'),
  })
  .map(({ fm, style, body: b, comply, crlf, bom, folder }) => {
    let yaml: string;
    try {
      yaml = stringify(fm, style);
    } catch {
      yaml = stringify(fm);
    }
    let text = `${comply ? '' : '---\n'}${yaml}---\n${b}\n`;
    if (crlf) text = text.replace(/\n/g, '\r\n');
    if (bom) text = `\uFEFF${text}`;
    return { path: `${folder}/doc.md`, text };
  });

const globs = fc.array(fc.oneof(fc.constantFrom('policies/**/*.md', 'controls/**/*.md', '**/*.md', '**/README.md', '*', '[', '{a,b', '**', '../**/*.md', '/etc/**', '!(x)', '**/**/**/**/**/*.md', '(a|b', '\\', ''), fc.string({ maxLength: 8 })), { maxLength: 4 });

const configObject = fc.record(
  {
    framework: wrongOr(fc.constantFrom('soc2', 'SOC 2', 'iso27001')),
    categories: wrongOr(fc.subarray(['security', 'availability', 'confidentiality', 'processing_integrity', 'privacy', 'processing-integrity', 'bogus'])),
    audit: wrongOr(
      fc.record(
        { type: wrongOr(fc.constantFrom('type1', 'type2', 'type3')), period: wrongOr(fc.record({ start: dateText, end: dateText }, { requiredKeys: [] })) },
        { requiredKeys: [] },
      ),
    ),
    review: wrongOr(fc.record({ cycle: wrongOr(fc.constantFrom('annual', 'quarterly', 'P6M', 'never')), due_soon_days: wrongOr(fc.integer({ min: -5, max: 400 })) }, { requiredKeys: [] })),
    documents: wrongOr(fc.record({ include: wrongOr(globs), exclude: wrongOr(globs) }, { requiredKeys: [] })),
    not_applicable: wrongOr(fc.dictionary(criterionId, fc.oneof(fc.string({ maxLength: 20 }), anyValue), { maxKeys: 3 })),
    rules: wrongOr(fc.dictionary(fc.constantFrom(...RULE_CODES, 'no-such-rule'), fc.constantFrom('error', 'warning', 'info', 'hint', 'off', 'loud'), { maxKeys: 4 })),
    fields: wrongOr(
      fc.dictionary(fc.constantFrom(...CANONICAL_FIELDS, 'bogus'), fc.array(fc.constantFrom('last_updated', 'approval_date', 'soc2_criteria', 'owner', 'document_owner', 'tsc'), { maxLength: 3 }), { maxKeys: 3 }),
    ),
  },
  { requiredKeys: [] },
);

const configText = fc.oneof(
  fc.record({ c: configObject, style: yamlStyle }).map(({ c, style }) => {
    try {
      return stringify(c, style);
    } catch {
      return stringify(c);
    }
  }),
  fc.array(mutationArb, { maxLength: 6 }).map((m) => mutate(EXAMPLE_CONFIG, m)),
);

// ---- properties

function checkParse(path: string, text: string, fullParse: boolean): ParsedDocument {
  const doc = parseComplianceDocument(path, text, { fullParse });
  assertDocumentSpans(doc, text);
  for (const p of doc.problems) assertFixes(p.fixes, (x) => (x === path ? text.length : undefined), `${path} ${p.code}`);
  return doc;
}

describe('properties: parsing', function () {
  this.timeout(120000);

  it('never throws on mutated example documents, and keeps every span inside the text', () => {
    fc.assert(
      fc.property(mutatedSeed, fc.boolean(), ({ path, text }, full) => {
        checkParse(path, text, full);
      }),
      fcOptions(400),
    );
  });

  it('gives the same document for the same text', () => {
    fc.assert(
      fc.property(mutatedSeed, ({ path, text }) => {
        assert.deepEqual(parseComplianceDocument(path, text), parseComplianceDocument(path, text));
      }),
      fcOptions(150),
    );
  });

  it('reads random frontmatter built from the schema, wrong types included, without throwing', () => {
    fc.assert(
      fc.property(schemaDocument, ({ path, text }) => {
        checkParse(path, text, false);
      }),
      fcOptions(400),
    );
  });

  it('reads random bytes the way the Node adapter decodes them', () => {
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 300 }),
      // Valid documents with bytes flipped: invalid UTF-8 in the middle of real text.
      fc.record({ seed: fc.constantFrom(...SEEDS), at: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0x80, max: 0xff })), { maxLength: 4 }) }).map(({ seed, at }) => {
        const b = Buffer.from(seed.text, 'utf8');
        for (const [i, v] of at) b[i % b.length] = v;
        return new Uint8Array(b);
      }),
    );
    fc.assert(
      fc.property(bytes, (raw) => {
        const result = decode(Buffer.from(raw));
        const doc = parseRead('controls/bytes.md', result, {});
        assertDocumentSpans(doc, result.kind === 'text' ? result.text : '');
        if (result.kind === 'text' && result.invalidUtf8) assert.ok(doc.problems.some((p) => p.data?.reason === 'invalid-utf8'), 'invalid UTF-8 is reported');
      }),
      fcOptions(300),
    );
  });

  it('reads any config text, reporting problems on ranges inside it', () => {
    fc.assert(
      fc.property(configText, (text) => {
        const loaded = loadConfig('compliance-docs.yml', text, RULE_CODES);
        for (const f of loaded.findings) {
          assertSpanIn(f.span, text.length, `config-invalid ${f.message}`);
          assertFixes(f.fixes, (p) => (p === 'compliance-docs.yml' ? text.length : undefined), 'config fix');
        }
        // The globs it yields compile and match without throwing.
        const ws = new ComplianceWorkspace({ today: TODAY });
        ws.setConfig('compliance-docs.yml', text);
        ws.isDocumentPath('policies/a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p.md');
      }),
      fcOptions(300),
    );
  });
});

// ---- the workspace

const DOC_PATHS = ['controls/ac-01.md', 'controls/ac-02.md', 'controls/sub/ac-03.md', 'policies/access.md', 'policies/other.md', 'procedures/onboarding.md', 'narratives/system.md', 'controls/README.md', 'notes/todo.md', 'standards/std.md'];
const EVIDENCE_PATHS = ['evidence/2026-Q1/review.csv', 'evidence/2026-Q2/review.csv', 'evidence/2026-Q3/review.csv', 'evidence/2026-Q1/okta-access-review.csv', 'evidence/2026-Q3/okta-access-review.csv', 'evidence/x.csv', 'controls/evidence.csv', 'etc/passwd'];
const DIR_PATHS = ['evidence', 'evidence/2026-Q1', 'evidence/2026-Q3', 'controls', 'controls/sub', 'policies'];
const LINK_PATHS = ['evidence/current', 'evidence/outside', 'evidence/2026-Q4', 'controls/linked.md', 'policies/loop.md', 'policies/loop2.md'];
const LINK_TARGETS: ReadonlyArray<string | null> = ['evidence/2026-Q2', 'evidence/2026-Q3', null, 'policies/access.md', 'controls/ac-01.md', 'policies/loop2.md', 'policies/loop.md', 'evidence', '', 'evidence/current'];
const DATES = [TODAY, '2026-01-15', '2026-03-31', '2026-07-01', '2027-06-30', '2025-12-31'];

const docText = fc.oneof(
  mutatedSeed.map((d) => d.text),
  fc.array(mutationArb, { maxLength: 4 }).map((m) => mutate(CONTROL, m)),
  fc.array(mutationArb, { maxLength: 4 }).map((m) => mutate(POLICY, m)),
  schemaDocument.map((d) => d.text),
);

const CONFIGS = [
  'categories: [security]\naudit:\n  type: type2\n  period: { start: 2026-01-01, end: 2026-12-31 }\n',
  EXAMPLE_CONFIG,
  'documents:\n  include: ["**/*.md"]\n  exclude: []\n',
  'documents:\n  include: ["controls/**/*.md"]\n',
  'fields:\n  criteria: [tsc, criteria]\n  last_reviewed: [approval_date, last_reviewed]\n',
  'rules:\n  missing-owner: off\n  stale-review: error\nnot_applicable:\n  CC6.4: "No offices"\n',
  'categories: [security, availability, confidentiality, processing_integrity, privacy]\n',
  'categories: *x\n: : :\n',
];

type Op =
  | { readonly kind: 'writeDoc'; readonly path: string; readonly text: string }
  | { readonly kind: 'editDoc'; readonly pick: number; readonly mutation: Mutation }
  | { readonly kind: 'writeEvidence'; readonly path: string }
  | { readonly kind: 'delete'; readonly path: string }
  | { readonly kind: 'symlink'; readonly path: string; readonly target: string | null }
  | { readonly kind: 'writeConfig'; readonly name: string; readonly text: string }
  | { readonly kind: 'today'; readonly date: string }
  | { readonly kind: 'phase'; readonly phase: 'document' | 'inventory' | 'complete' }
  | { readonly kind: 'look' };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('writeDoc' as const), path: fc.constantFrom(...DOC_PATHS), text: docText }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('editDoc' as const), pick: fc.nat(), mutation: mutationArb }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('writeEvidence' as const), path: fc.constantFrom(...EVIDENCE_PATHS) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('delete' as const), path: fc.constantFrom(...DOC_PATHS, ...EVIDENCE_PATHS, ...DIR_PATHS, ...LINK_PATHS, ...CONFIG_FILE_NAMES.slice(0, 2)) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('symlink' as const), path: fc.constantFrom(...LINK_PATHS), target: fc.constantFrom(...LINK_TARGETS) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('writeConfig' as const), name: fc.constantFrom(...CONFIG_FILE_NAMES.slice(0, 2)), text: fc.oneof(fc.constantFrom(...CONFIGS), configText) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('today' as const), date: fc.constantFrom(...DATES) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('phase' as const), phase: fc.constantFrom('document', 'inventory', 'complete') as fc.Arbitrary<'document' | 'inventory' | 'complete'> }) },
  { weight: 2, arbitrary: fc.constant({ kind: 'look' as const }) },
);

function prefixes(p: string): string[] {
  const segs = p.split('/');
  return segs.slice(1).map((_, i) => segs.slice(0, i + 1).join('/'));
}

/** What is on disk, as a plain model. */
class Disk {
  readonly files = new Map<string, string>();
  readonly dirs = new Set<string>();
  readonly links = new Map<string, string | null>();

  has(p: string): boolean {
    return this.files.has(p) || this.dirs.has(p) || this.links.has(p);
  }

  /** A new entry can go at `p`: nothing is there and no folder above it is a file or a link. */
  canCreate(p: string): boolean {
    return !this.has(p) && prefixes(p).every((d) => !this.files.has(d) && !this.links.has(d));
  }

  remove(p: string): void {
    const under = (x: string): boolean => x === p || x.startsWith(`${p}/`);
    for (const m of [this.files, this.links]) for (const k of [...m.keys()]) if (under(k)) m.delete(k);
    for (const d of [...this.dirs]) if (under(d)) this.dirs.delete(d);
  }

  config(): { name: string | undefined; text: string | undefined } {
    const name = CONFIG_FILE_NAMES.find((n) => this.files.has(n));
    return { name, text: name ? this.files.get(name) : undefined };
  }
}

function parseFrom(disk: Disk, ws: ComplianceWorkspace, rel: string): ParsedDocument {
  const real = resolveDocumentPath(ws, rel);
  if (typeof real !== 'string') return real;
  return parseComplianceDocument(rel, disk.files.get(real) ?? '', ws.parseSettings());
}

/** Drives a workspace the way a host must: every disk change reported, every affected document re-parsed. */
class Driver {
  readonly disk = new Disk();
  readonly ws = new ComplianceWorkspace({ today: TODAY });

  private reloadConfig(): void {
    const { name, text } = this.disk.config();
    const change = this.ws.setConfig(name, text);
    for (const rel of change.reparse ? this.ws.documentPathsInInventory() : change.load) this.ws.upsertDocument(parseFrom(this.disk, this.ws, rel));
  }

  private created(p: string): void {
    for (const d of prefixes(p)) {
      if (!this.disk.dirs.has(d)) {
        this.disk.dirs.add(d);
        this.ws.addFile(d, { kind: 'dir' });
      }
    }
  }

  private write(p: string, text: string): void {
    if (!this.disk.files.has(p) && !this.disk.canCreate(p)) return;
    this.created(p);
    this.disk.files.set(p, text);
    this.ws.addFile(p, { kind: 'file', size: text.length });
    if ((CONFIG_FILE_NAMES as readonly string[]).includes(p)) this.reloadConfig();
    else if (this.ws.isDocumentPath(p)) this.ws.upsertDocument(parseFrom(this.disk, this.ws, p));
  }

  apply(op: Op): void {
    switch (op.kind) {
      case 'writeDoc':
        this.write(op.path, op.text);
        break;
      case 'editDoc': {
        const docs = [...this.disk.files.keys()].filter((p) => p.endsWith('.md')).sort();
        if (docs.length === 0) return;
        const p = docs[op.pick % docs.length];
        this.write(p, mutate(this.disk.files.get(p) ?? '', [op.mutation]));
        break;
      }
      case 'writeEvidence':
        this.write(op.path, 'user,decision\n');
        break;
      case 'delete': {
        if (!this.disk.has(op.path)) return;
        const wasConfig = (CONFIG_FILE_NAMES as readonly string[]).includes(op.path);
        this.disk.remove(op.path);
        this.ws.deleteFile(op.path);
        for (const d of [...this.ws.documents()]) if (d.path === op.path || d.path.startsWith(`${op.path}/`)) this.ws.removeDocument(d.path);
        if (wasConfig) this.reloadConfig();
        break;
      }
      case 'symlink':
        if (!this.disk.canCreate(op.path)) return;
        this.created(op.path);
        this.disk.links.set(op.path, op.target);
        this.ws.addFile(op.path, { kind: 'symlink', target: op.target });
        if (this.ws.isDocumentPath(op.path)) this.ws.upsertDocument(parseFrom(this.disk, this.ws, op.path));
        break;
      case 'writeConfig':
        this.write(op.name, op.text);
        break;
      case 'today':
        this.ws.setToday(op.date);
        break;
      case 'phase':
        this.ws.setPhase(op.phase);
        break;
      case 'look':
        break;
    }
    // A symlinked document shows its target's text: a host re-reads it when anything changes.
    for (const p of this.disk.links.keys()) if (this.ws.document(p)) this.ws.upsertDocument(parseFrom(this.disk, this.ws, p));
  }
}

function fromScratch(disk: Disk, today: string): ComplianceWorkspace {
  const ws = new ComplianceWorkspace({ today });
  for (const d of disk.dirs) ws.inventory.set(d, { kind: 'dir' });
  for (const [p, text] of disk.files) ws.inventory.set(p, { kind: 'file', size: text.length });
  for (const [p, target] of disk.links) ws.inventory.set(p, { kind: 'symlink', target });
  const { name, text } = disk.config();
  ws.setConfig(name, text);
  for (const p of ws.documentPathsInInventory()) ws.upsertDocument(parseFrom(disk, ws, p));
  return ws;
}

describe('properties: the workspace', function () {
  this.timeout(120000);

  it('keeps every finding and fix of a workspace of mutated documents inside its file, and repeats itself', () => {
    const files = fc.record({ docs: fc.array(docText, { minLength: 1, maxLength: 6 }), config: fc.option(configText, { nil: undefined }) });
    fc.assert(
      fc.property(files, ({ docs, config }) => {
        const build = (): Driver => {
          const d = new Driver();
          for (const p of EVIDENCE_PATHS.slice(0, 4)) d.apply({ kind: 'writeEvidence', path: p });
          if (config !== undefined) d.apply({ kind: 'writeConfig', name: 'compliance-docs.yml', text: config });
          docs.forEach((text, i) => d.apply({ kind: 'writeDoc', path: DOC_PATHS[i % DOC_PATHS.length], text }));
          return d;
        };
        const a = build();
        assertWorkspaceInvariants(a.ws, config?.length);
        const b = build();
        assert.deepEqual(findingsSnapshot(b.ws), findingsSnapshot(a.ws));
        assert.deepEqual(coverageSnapshot(b.ws), coverageSnapshot(a.ws));
      }),
      fcOptions(150),
    );
  });

  it('after any sequence of edits, file events, config and date changes, equals a workspace built from scratch', () => {
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 1, maxLength: 25 }), (ops) => {
        const d = new Driver();
        for (const op of ops) {
          d.apply(op);
          // Looking fills the caches that the next change must invalidate.
          if (op.kind === 'look' || op.kind === 'writeDoc') {
            d.ws.coverage();
            for (const _ of d.ws.allFindings()) void _;
          }
        }
        d.ws.setPhase('complete');
        assertWorkspaceInvariants(d.ws, d.disk.config().text?.length);
        const fresh = fromScratch(d.disk, d.ws.getToday());
        assert.deepEqual([...d.ws.documents()].map((x) => x.path).sort(), [...fresh.documents()].map((x) => x.path).sort(), 'the same documents');
        assert.deepEqual(findingsSnapshot(d.ws), findingsSnapshot(fresh), 'the same findings');
        assert.deepEqual(coverageSnapshot(d.ws), coverageSnapshot(fresh), 'the same coverage');
      }),
      fcOptions(200),
    );
  });
});
