// Named hostile inputs. Each is checked through the core (in memory, exact ranges), through the Node
// adapter (a repository on disk, loaded as the CLI loads it), and through the language server (the
// same repository, with an fs spy preloaded). Each must finish well inside a generous deadline, and
// nothing may be read or stat'ed outside the root.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { FileChangeType, type Diagnostic } from 'vscode-languageserver-protocol/node';
import { loadConfig } from '../../server/src/core/config/config';
import { locateFinding, type ComplianceWorkspace } from '../../server/src/core/index/workspace';
import { MAX_LINE_PREFIX, parseComplianceDocument } from '../../server/src/core/parse/document';
import { RULE_CODES } from '../../server/src/core/rules/registry';
import { computeLineStarts, rangeIn } from '../../server/src/core/text/lines';
import { loadWorkspace, type LoadedWorkspace } from '../../server/src/node/loadWorkspace';
import { decode, parseRead } from '../../server/src/node/readDocument';
import { joinLines, marked, workspaceOf, type FileSpec } from '../helpers';
import type { TestClient } from '../server/lspClient';
import { ask, callsOutside, FS_SPY, indexed, readJsonLines, startServer, type FsCall } from './lsp';
import { TODAY, within } from './support';

/** Ten anchors, each a list of nine of the one before: 9^10 strings if anything expanded them. */
function aliasBomb(): string[] {
  const names = 'abcdefghij';
  const out = [`a: &a [${Array(9).fill('"lol"').join(', ')}]`];
  for (let i = 1; i < names.length; i++) out.push(`${names[i]}: &${names[i]} [${Array(9).fill(`*${names[i - 1]}`).join(', ')}]`);
  return out;
}

const BOMB_DOC = marked(joinLines('---', 'id: AC-BOMB', 'type: control', 'title: Billion laughs', ...aliasBomb(), 'owner: «*a»', 'criteria: [«*j», CC6.1]', '---', '', '# Body', ''));
const BOMB_CONFIG = marked(joinLines(...aliasBomb(), 'categories: «*j»', ''));

const DEEP_FLOW = joinLines('---', 'id: AC-DEEP', 'type: control', `criteria: ${'['.repeat(10000)}${']'.repeat(10000)}`, '---', '');
const DEEP_BLOCK = joinLines('---', 'id: AC-DEEPER', 'type: control', 'criteria:', `  ${'- '.repeat(10000)}CC6.1`, '---', '');

/** A policy whose findings have ranges on several lines: the unknown criterion and the stale date. */
const RANGES_POLICY = joinLines('---', 'type: policy', 'title: Ranges', 'owner: ciso', 'criteria: [CC6.1, CC9.9]', 'last_reviewed: 2024-01-31', '---', '', '# Ranges', '', 'See [the log](../evidence/none.csv).', '');

const ESCAPE = joinLines(
  '---',
  'id: AC-ESC',
  'type: control',
  'title: Evidence that tries to leave',
  'owner: it-lead',
  'criteria: [CC6.1]',
  'last_reviewed: 2026-06-01',
  'evidence:',
  '  - ../../outside/secret.csv',
  '  - ../%2e%2e/outside/secret.csv',
  '  - C:\\Windows\\win.ini',
  '  - \\\\fileserver\\audit\\report.pdf',
  '  - ../evidence/ext/x.csv',
  '  - ../evidence/escape.csv',
  '  - ../evidence/loop/x.csv',
  '  - /etc/passwd',
  '  - url: file:///etc/passwd',
  '  - ../evidence/current/review.csv',
  '---',
  '',
  'See [the share](../../../etc/shadow) and [the drive](D:/audit/report.pdf).',
  '',
);

/** Expected findings of ESCAPE: [code, the text of the item it sits on, what the message says]. */
const ESCAPE_FINDINGS: ReadonlyArray<readonly [string, string, RegExp]> = [
  ['evidence-outside-workspace', '../../outside/secret.csv', /climbs above the repository root/],
  ['evidence-outside-workspace', '../%2e%2e/outside/secret.csv', /climbs above the repository root/],
  ['evidence-outside-workspace', 'C:\\Windows\\win.ini', /a Windows drive path/],
  ['evidence-outside-workspace', '\\\\fileserver\\audit\\report.pdf', /a network \(UNC\) path/],
  ['evidence-outside-workspace', '../evidence/ext/x.csv', /goes through the symlink `evidence\/ext`, which points outside the repository/],
  ['evidence-outside-workspace', '../evidence/escape.csv', /goes through the symlink `evidence\/escape.csv`, which points outside the repository/],
  ['broken-evidence-link', '../evidence/loop/x.csv', /the symlink `evidence\/loop` loops/],
  ['broken-evidence-link', '/etc/passwd', /no file at etc\/passwd/],
  ['evidence-outside-workspace', 'file:///etc/passwd', /a file: URL/],
  ['evidence-outside-workspace', '../../../etc/shadow', /climbs above the repository root/],
  ['evidence-outside-workspace', 'D:/audit/report.pdf', /a Windows drive path/],
];

/** `*a` fifty thousand times and a lone carriage return, which the scanner leaves to remark: quadratic and worse there. */
const SLOW_BODY = joinLines('---', 'id: NAR-SLOW', 'type: narrative', 'owner: ciso', 'last_reviewed: 2026-06-01', '---', `${'*a'.repeat(50000)}\r[a link](../evidence/none.csv)`, '');
/** Ten thousand levels of block quote. */
const NESTED_BODY = joinLines('---', 'id: NAR-NESTED', 'type: narrative', 'owner: ciso', 'last_reviewed: 2026-06-01', '---', `${'> '.repeat(10000)}[deep](../evidence/none.csv)`, '');

interface Located {
  readonly code: string;
  readonly range: { start: { line: number; character: number }; end: { line: number; character: number } } | undefined;
  readonly message: string;
}

function located(ws: ComplianceWorkspace, rel: string): Located[] {
  return ws.findings(rel).map((f) => ({ code: f.code, range: locateFinding(ws, f), message: f.message }));
}

function fromDiagnostics(d: readonly Diagnostic[] | undefined): Located[] {
  return (d ?? []).map((x) => ({ code: String(x.code), range: x.range, message: typeof x.message === 'string' ? x.message : x.message.value }));
}

const sortLocated = (xs: Located[]): Located[] => [...xs].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

describe('hostile repositories', function () {
  this.timeout(120000);
  let base = '';
  let root = '';
  let outside = '';
  let loaded: LoadedWorkspace;
  let client: TestClient;
  let spyLog = '';

  /** Line and character of the first occurrence of `needle` in `text`. */
  const at = (text: string, needle: string): { start: { line: number; character: number }; end: { line: number; character: number } } => {
    const i = text.indexOf(needle);
    assert.ok(i >= 0, `${needle} not in text`);
    const before = text.slice(0, i).split('\n');
    const line = before.length - 1;
    const character = before[line].length;
    return { start: { line, character }, end: { line, character: character + needle.length } };
  };

  /** The adapter's and the server's findings for a document are the same, and include `expected`. */
  function expectEverywhere(rel: string, expected: ReadonlyArray<{ code: string; range?: Located['range']; message?: RegExp }>): void {
    const adapter = located(loaded.workspace, rel);
    const server = fromDiagnostics(client.diagnostics.get(client.uri(rel)));
    assert.deepEqual(sortLocated(server), sortLocated(adapter.filter((f) => f.range !== undefined)), `${rel}: the server publishes what the adapter finds`);
    for (const e of expected) {
      const hit = adapter.find((f) => f.code === e.code && (!e.range || JSON.stringify(f.range) === JSON.stringify(e.range)) && (!e.message || e.message.test(f.message)));
      assert.ok(hit, `${rel}: expected ${e.code} at ${JSON.stringify(e.range)}, got ${JSON.stringify(adapter)}`);
    }
  }

  before(async function () {
    base = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-hostile-'));
    root = path.join(base, 'repo');
    outside = path.join(base, 'outside');
    const write = (dir: string, files: Record<string, string | Buffer>): void => {
      for (const [rel, content] of Object.entries(files)) {
        fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
        fs.writeFileSync(path.join(dir, rel), content);
      }
    };
    write(outside, { 'secret.md': joinLines('---', 'id: SECRET', 'criteria: [CC9.9]', '---', ''), 'secret.csv': 'secret\n', 'dir/x.csv': 'secret\n' });
    write(root, {
      'compliance-docs.yml': BOMB_CONFIG.text,
      'controls/bomb.md': BOMB_DOC.text,
      'controls/deep-flow.md': DEEP_FLOW,
      'controls/deep-block.md': DEEP_BLOCK,
      'controls/escape.md': ESCAPE,
      'evidence/2026-Q3/review.csv': 'user,decision\n',
      'policies/binary.md': Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), Buffer.alloc(4096, 7)]),
      'policies/latin1.md': Buffer.from(RANGES_POLICY.replace('# Ranges', '# R\u00e9sum\u00e9'), 'latin1'),
      'policies/lf.md': RANGES_POLICY,
      'policies/crlf.md': RANGES_POLICY.replace(/\n/g, '\r\n'),
      'policies/bom.md': `\uFEFF${RANGES_POLICY}`,
      'narratives/slow.md': SLOW_BODY,
      'narratives/nested.md': NESTED_BODY,
    });
    // 50 MB of plausible markdown, over the 5 MB limit.
    const line = Buffer.from('Access is reviewed quarterly; see [the export](../evidence/2026-Q3/review.csv).\n');
    fs.writeFileSync(path.join(root, 'policies/huge.md'), Buffer.concat([Buffer.from('---\nid: POL-HUGE\n---\n'), ...Array<Buffer>(Math.ceil((50 * 1024 * 1024) / line.length)).fill(line)]));
    fs.symlinkSync('loop-b.md', path.join(root, 'policies/loop-a.md'));
    fs.symlinkSync('loop-a.md', path.join(root, 'policies/loop-b.md'));
    fs.symlinkSync('..', path.join(root, 'policies/up'), 'dir');
    fs.symlinkSync(path.join(outside, 'secret.md'), path.join(root, 'policies/outside.md'));
    fs.symlinkSync(outside, path.join(root, 'policies/shared'), 'dir');
    fs.symlinkSync(path.join(outside, 'dir'), path.join(root, 'evidence/ext'), 'dir');
    fs.symlinkSync(path.join(outside, 'secret.csv'), path.join(root, 'evidence/escape.csv'));
    fs.symlinkSync('loop', path.join(root, 'evidence/loop'));
    fs.symlinkSync('2026-Q3', path.join(root, 'evidence/current'), 'dir');

    const t0 = Date.now();
    loaded = await loadWorkspace(root, { today: TODAY });
    assert.ok(Date.now() - t0 < 60000, `the adapter took ${Date.now() - t0} ms`);

    spyLog = path.join(base, 'fs-spy.log');
    client = await startServer({ root }, { require: [FS_SPY], env: { FS_SPY_LOG: spyLog } });
    await indexed(client, 60000);
  });

  after(async () => {
    await client?.stop();
    fs.rmSync(base, { recursive: true, force: true });
  });

  it('a YAML alias bomb in the frontmatter is never expanded: each alias is reported and the rest is read', () => {
    const doc = within(2000, 'parsing the bomb', () => parseComplianceDocument('controls/bomb.md', BOMB_DOC.text));
    assert.deepEqual(
      doc.problems.map((p) => [p.code, p.span]),
      BOMB_DOC.spans.map((s) => ['field-invalid', s]),
    );
    assert.deepEqual(doc.criteria.map((c) => c.value), ['CC6.1']);
    assert.equal(doc.id?.value, 'AC-BOMB');
    expectEverywhere(
      'controls/bomb.md',
      BOMB_DOC.spans.map((span) => ({ code: 'field-invalid', range: rangeIn(computeLineStarts(BOMB_DOC.text), BOMB_DOC.text.length, span) })),
    );
    assert.equal(located(loaded.workspace, 'controls/bomb.md').filter((f) => f.code === 'field-invalid').length, 2);
  });

  it('a YAML alias bomb in compliance-docs.yml is never expanded: the alias is config-invalid and the defaults stand', () => {
    const config = within(2000, 'loading the config', () => loadConfig('compliance-docs.yml', BOMB_CONFIG.text, RULE_CODES));
    const categories = config.findings.filter((f) => f.span.start === BOMB_CONFIG.span.start);
    assert.deepEqual(categories.map((f) => [f.span, f.message]), [[BOMB_CONFIG.span, '`categories` must be a list, but it is an alias.']]);
    assert.deepEqual(config.config.categories, ['security']);
    const onConfig = fromDiagnostics(client.diagnostics.get(client.uri('compliance-docs.yml')));
    assert.ok(
      onConfig.some((d) => d.code === 'config-invalid' && d.message === '`categories` must be a list, but it is an alias.'),
      JSON.stringify(onConfig),
    );
    assert.deepEqual(loaded.workspace.getConfig().categories, ['security']);
  });

  it('YAML nested 10,000 levels deep (flow lists, block lists) is a frontmatter-syntax error, not a crash', () => {
    for (const [rel, text] of [
      ['controls/deep-flow.md', DEEP_FLOW],
      ['controls/deep-block.md', DEEP_BLOCK],
    ] as const) {
      const doc = within(5000, rel, () => parseComplianceDocument(rel, text));
      const problem = doc.problems.find((p) => p.code === 'frontmatter-syntax');
      assert.ok(problem, `${rel}: ${JSON.stringify(doc.problems)}`);
      assert.equal(problem.message, 'The frontmatter is not valid YAML: it is nested too deeply to read. Fix it; until then this document counts for nothing.');
      expectEverywhere(rel, [{ code: 'frontmatter-syntax', message: /nested too deeply/ }]);
    }
  });

  it('YAML nested 10,000 levels deep in block mappings is over the frontmatter size limit and is not parsed', () => {
    const levels = Array.from({ length: 10000 }, (_, i) => `${' '.repeat(i)}k${i}:`);
    const text = joinLines('---', 'id: AC-MAP', ...levels, '---', '');
    const doc = within(5000, '10,000 levels', () => parseComplianceDocument('controls/deep-map.md', text));
    assert.deepEqual(
      doc.problems.map((p) => p.code),
      ['frontmatter-syntax'],
    );
    assert.match(doc.problems[0].message, /frontmatter over 256 KB is not read/);
    // 200 levels are read; 300, far under the size limit, are refused before the YAML parser sees them.
    const fits = joinLines('---', 'id: AC-MAP', 'type: control', ...levels.slice(0, 200), '---', '');
    const ok = within(5000, '200 levels', () => parseComplianceDocument('controls/deep-map.md', fits));
    assert.equal(ok.frontmatter?.ok, true);
    assert.equal(ok.id?.value, 'AC-MAP');
    const deeper = joinLines('---', 'id: AC-MAP', 'type: control', ...levels.slice(0, 300), '---', '');
    const refused = within(5000, '300 levels', () => parseComplianceDocument('controls/deep-map.md', deeper));
    assert.deepEqual(
      refused.problems.map((p) => [p.code, p.message]),
      [['frontmatter-syntax', 'The frontmatter is not valid YAML: it is nested too deeply to read. Fix it; until then this document counts for nothing.']],
    );
    assert.equal(deeper.slice(0, refused.problems[0].span.start).split('\n').length - 1, 3 + 257, 'on the first line indented past 256');
  });

  it('YAML nested 10,000 levels deep in compliance-docs.yml is config-invalid and the defaults stand', () => {
    for (const text of [`categories: ${'['.repeat(10000)}${']'.repeat(10000)}\n`, `categories:\n  ${'- '.repeat(10000)}security\n`]) {
      const config = within(5000, 'deep config', () => loadConfig('compliance-docs.yml', text, RULE_CODES));
      assert.deepEqual(
        config.findings.map((f) => f.message),
        ['compliance-docs.yml is not valid YAML: it is nested too deeply to read. The defaults are used until it is fixed.'],
      );
      assert.ok(config.findings[0].span.end <= text.length);
      assert.deepEqual(config.config.categories, ['security']);
    }
  });

  it('a glob written to backtrack without end is config-invalid, and the rest of the config stands', () => {
    const glob = `${Array(20).fill('*a*b*').join('/')}/x.md`;
    const text = joinLines('documents:', '  include:', `    - "${glob}"`, '    - "policies/**/*.md"', '  exclude: ["**/drafts/**", "controls/**/!(draft)*.md", "**/*-draft-*.md"]', '');
    const config = within(1000, 'loading the config', () => loadConfig('compliance-docs.yml', text, RULE_CODES));
    assert.equal(config.findings.length, 1, JSON.stringify(config.findings));
    const f = config.findings[0];
    assert.equal(f.code, 'config-invalid');
    assert.ok(text.slice(f.span.start, f.span.end).includes(glob) && f.span.end - f.span.start <= glob.length + 2, 'on the glob');
    assert.match(f.message, /has 40 wildcards that can match the same characters .* Split it into simpler globs\.$/);
    assert.deepEqual(config.config.documents.include, ['policies/**/*.md']);
    assert.deepEqual(config.config.documents.exclude, ['**/drafts/**', 'controls/**/!(draft)*.md', '**/*-draft-*.md']);
    // The unlucky path that took minutes against the refused glob is decided at once.
    const ws = workspaceOf({ 'compliance-docs.yml': text });
    within(1000, 'matching', () => assert.equal(ws.isDocumentPath(`${Array(60).fill('aaab').join('/')}/x.md`), false));
  });

  it('a 50 MB markdown file is skipped with a clear finding, on disk and as an editor buffer, never parsed', async () => {
    const message = /^This file is 50\.0 MB; documents over 5\.0 MB are not checked\./;
    assert.deepEqual(loaded.workspace.document('policies/huge.md')?.length, 0, 'nothing of it was parsed');
    expectEverywhere('policies/huge.md', [{ code: 'document-unreadable', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, message }]);
    // The same text opened in an editor: the same limit, at once.
    const text = fs.readFileSync(path.join(root, 'policies/huge.md'), 'utf8');
    const t0 = Date.now();
    await client.open('policies/huge.md', text.replace('POL-HUGE', 'POL-HUGE-2'));
    const d = await client.waitForDiagnostics('policies/huge.md', (x) => fromDiagnostics(x).some((y) => y.code === 'document-unreadable' && /MB; documents over 5\.0 MB/.test(y.message)), 30000);
    assert.ok(Date.now() - t0 < 30000);
    assert.ok(d.every((x) => x.range.start.line === 0), JSON.stringify(d));
    await client.close('policies/huge.md');
  });

  it('a binary file named .md is skipped with a clear finding, on disk and as an editor buffer', async () => {
    const result = decode(fs.readFileSync(path.join(root, 'policies/binary.md')));
    assert.equal(result.kind, 'unreadable');
    const message = /^This file is binary, not markdown text, so it was not checked\./;
    expectEverywhere('policies/binary.md', [{ code: 'document-unreadable', message }]);
    assert.deepEqual(
      located(loaded.workspace, 'policies/binary.md').map((f) => f.code),
      ['document-unreadable'],
    );
    // An editor that opens it anyway holds NUL characters: the same verdict as the file's.
    await client.open('policies/binary-open.md', `---\nid: POL-BIN\n---\n\u0000\u0001PNG${'\u0007'.repeat(100)}`);
    await client.waitForDiagnostics('policies/binary-open.md', (d) => fromDiagnostics(d).some((x) => x.code === 'document-unreadable' && message.test(x.message)));
    await client.close('policies/binary-open.md');
  });

  it('invalid UTF-8 is read with replacement characters and reported at the first bad byte', () => {
    const result = decode(fs.readFileSync(path.join(root, 'policies/latin1.md')));
    assert.ok(result.kind === 'text' && result.invalidUtf8);
    const doc = parseRead('policies/latin1.md', result, {});
    const bad = doc.problems.find((p) => p.data?.reason === 'invalid-utf8');
    assert.ok(bad);
    assert.equal(result.text.slice(bad.span.start, bad.span.end), '\uFFFD');
    assert.deepEqual(doc.criteria.map((c) => c.value), ['CC6.1', 'CC9.9'], 'the rest is read');
    expectEverywhere('policies/latin1.md', [
      { code: 'document-unreadable', range: at(result.text, '\uFFFD'), message: /not valid UTF-8/ },
      { code: 'unknown-criterion', range: at(RANGES_POLICY, 'CC9.9') },
    ]);
  });

  it('a byte order mark shifts no range: findings sit where they do without it', () => {
    // In the core the mark is one character of the text; every span moves by exactly one.
    const withMark = parseComplianceDocument('policies/bom.md', `\uFEFF${RANGES_POLICY}`);
    const without = parseComplianceDocument('policies/bom.md', RANGES_POLICY);
    assert.deepEqual(
      withMark.criteria.map((c) => [c.span.start - 1, c.span.end - 1]),
      without.criteria.map((c) => [c.span.start, c.span.end]),
    );
    assert.equal(withMark.frontmatter?.ok, true);
    // On disk the adapter drops the mark, as editors do, so ranges match the editor's text.
    const strip = (xs: Located[]): Located[] => xs.filter((f) => f.code !== 'duplicate-id');
    assert.deepEqual(strip(located(loaded.workspace, 'policies/bom.md')), strip(located(loaded.workspace, 'policies/lf.md')));
    expectEverywhere('policies/bom.md', [{ code: 'unknown-criterion', range: at(RANGES_POLICY, 'CC9.9') }]);
  });

  it('CRLF line endings give the same lines and columns as LF', () => {
    const lf = workspaceOf({ 'policies/p.md': RANGES_POLICY });
    const crlf = workspaceOf({ 'policies/p.md': RANGES_POLICY.replace(/\n/g, '\r\n') });
    const ranges = (ws: ComplianceWorkspace): unknown[] => located(ws, 'policies/p.md').map((f) => [f.code, f.range]);
    assert.ok(ranges(lf).length >= 3, JSON.stringify(ranges(lf)));
    assert.deepEqual(ranges(crlf), ranges(lf));
    assert.deepEqual(located(loaded.workspace, 'policies/crlf.md'), located(loaded.workspace, 'policies/lf.md'));
    expectEverywhere('policies/crlf.md', [
      { code: 'unknown-criterion', range: at(RANGES_POLICY, 'CC9.9') },
      { code: 'stale-review', range: at(RANGES_POLICY, '2024-01-31') },
      { code: 'broken-evidence-link', range: at(RANGES_POLICY, '../evidence/none.csv') },
    ]);
  });

  it('markdown nested thousands of levels deep, or written to make a parser slow, is not read and says so', () => {
    for (const [rel, text, why] of [
      ['narratives/slow.md', SLOW_BODY, /needs the full markdown parser, and with 98 KB of text and 50002 `\*`, `\[`, `\]` and backticks it is over that parser's limits \(32 KB, 1000 such characters, lines nested 32 deep\)\. Split the document, or list its evidence under `evidence:`\.$/],
      ['narratives/nested.md', NESTED_BODY, new RegExp(`a line starts with 20000 spaces, tabs or \`>\` marks, and markdown nested deeper than ${MAX_LINE_PREFIX} is not read`)],
    ] as const) {
      const doc = within(3000, rel, () => parseComplianceDocument(rel, text));
      const problem = doc.problems.find((p) => p.data?.reason === 'body-not-read');
      assert.ok(problem, `${rel}: ${JSON.stringify(doc.problems)}`);
      assert.match(problem.message, why);
      assert.deepEqual(doc.evidence, []);
      const bodyLine = text.split('\n').findIndex((l, i) => i > 0 && l === '---') + 1;
      expectEverywhere(rel, [{ code: 'document-unreadable', message: why }]);
      const f = located(loaded.workspace, rel).find((x) => x.code === 'document-unreadable');
      assert.equal(f?.range?.start.line, bodyLine);
    }
    // A small body that needs the full parser is still read in full.
    const small = parseComplianceDocument('narratives/ok.md', joinLines('---', 'id: N', '---', 'Old Mac line ends\rstill read.', '[the export](../evidence/x.csv)', ''));
    assert.deepEqual(small.evidence.map((e) => e.target), ['../evidence/x.csv']);
    assert.deepEqual(small.problems, []);
  });

  it('a symlink loop is reported, and neither the walk nor a link lookup loops', () => {
    expectEverywhere('policies/loop-a.md', [{ code: 'document-unreadable', message: /symlink that loops/ }]);
    expectEverywhere('policies/loop-b.md', [{ code: 'document-unreadable', message: /symlink that loops/ }]);
    // `policies/up` points at the root: it is recorded as a link, and nothing below it is walked.
    assert.equal(loaded.workspace.inventory.get('policies/up')?.kind, 'symlink');
    assert.equal(loaded.workspace.inventory.get('policies/up/policies'), undefined);
    assert.ok(![...loaded.workspace.documents()].some((d) => d.path.startsWith('policies/up/')));
    const loop = ESCAPE_FINDINGS.find(([, item]) => item === '../evidence/loop/x.csv');
    assert.ok(loop);
    expectEverywhere('controls/escape.md', [{ code: loop[0], range: at(ESCAPE, loop[1]), message: loop[2] }]);
  });

  it('a symlink out of the workspace is never followed: as a document, as evidence, as a folder', () => {
    expectEverywhere('policies/outside.md', [{ code: 'document-unreadable', message: /symlink \(via `policies\/outside.md`\) to a file outside the repository; it is not read/ }]);
    assert.equal(loaded.workspace.document('policies/outside.md')?.id, undefined, 'nothing of it was read');
    // A folder linked from outside holds no documents for us.
    assert.ok(![...loaded.workspace.documents()].some((d) => d.path.startsWith('policies/shared/')));
    for (const item of ['../evidence/ext/x.csv', '../evidence/escape.csv']) {
      const e = ESCAPE_FINDINGS.find(([, i]) => i === item);
      assert.ok(e);
      expectEverywhere('controls/escape.md', [{ code: e[0], range: at(ESCAPE, item), message: e[2] }]);
    }
  });

  it('evidence paths that leave by `..`, `%2e%2e`, a drive, a network path or a file: URL are reported, never resolved', () => {
    const ws = workspaceOf(escapeFiles());
    const core = ws.findings('controls/escape.md').filter((f) => f.code === 'evidence-outside-workspace' || f.code === 'broken-evidence-link');
    assert.deepEqual(
      core.map((f) => [f.code, ESCAPE.slice(f.span.start, f.span.end)]),
      ESCAPE_FINDINGS.map(([code, item]) => [code, item]),
    );
    core.forEach((f, i) => assert.match(f.message, ESCAPE_FINDINGS[i][2]));
    expectEverywhere(
      'controls/escape.md',
      ESCAPE_FINDINGS.map(([code, item, message]) => ({ code, range: at(ESCAPE, item), message })),
    );
  });

  it('an absolute evidence path is read relative to the root', () => {
    const ws = workspaceOf({ ...escapeFiles(), 'etc/passwd': 'inside the repository\n' });
    assert.ok(!ws.findings('controls/escape.md').some((f) => ESCAPE.slice(f.span.start, f.span.end) === '/etc/passwd'));
    expectEverywhere('controls/escape.md', [{ code: 'broken-evidence-link', range: at(ESCAPE, '/etc/passwd'), message: /no file at etc\/passwd/ }]);
  });

  it('a symlinked folder inside the root is followed as text, and its evidence exists', () => {
    const ws = workspaceOf(escapeFiles());
    assert.ok(!ws.findings('controls/escape.md').some((f) => ESCAPE.slice(f.span.start, f.span.end) === '../evidence/current/review.csv'));
    assert.ok(!located(loaded.workspace, 'controls/escape.md').some((f) => JSON.stringify(f.range) === JSON.stringify(at(ESCAPE, '../evidence/current/review.csv'))));
  });

  it('requests and file events about paths behind a symlinked folder read nothing behind it', async () => {
    const behind = 'policies/shared/secret.md';
    const textDocument = { uri: client.uri(behind) };
    const position = { line: 1, character: 5 };
    for (const [method, params] of [
      ['textDocument/hover', { textDocument, position }],
      ['textDocument/definition', { textDocument, position }],
      ['textDocument/references', { textDocument, position, context: { includeDeclaration: true } }],
      ['textDocument/documentLink', { textDocument }],
      ['textDocument/documentSymbol', { textDocument }],
      ['textDocument/completion', { textDocument, position }],
      ['textDocument/codeAction', { textDocument, range: { start: position, end: position }, context: { diagnostics: [] } }],
      ['textDocument/codeLens', { textDocument }],
      ['complianceDocs/markReviewed', { uri: textDocument.uri }],
    ] as const) {
      const answer = await ask(client, method, params);
      assert.ok(!JSON.stringify(answer).includes('SECRET'), `${method} answered with what lies behind the link: ${JSON.stringify(answer)}`);
    }
    await client.filesChanged([
      { rel: behind, type: FileChangeType.Changed },
      { rel: 'evidence/ext/x.csv', type: FileChangeType.Created },
      { rel: 'evidence/ext', type: FileChangeType.Changed },
    ]);
    // The next answer comes after the events were handled.
    await ask(client, 'complianceDocs/coverageTree', {});
    assert.equal(client.diagnostics.get(client.uri(behind)), undefined);
  });

  it('a file opened from outside the workspace folder is not read around', async () => {
    const stray = path.join(outside, 'secret.md');
    const uri = pathToFileURL(stray).href;
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: fs.readFileSync(stray, 'utf8') } });
    await ask(client, 'textDocument/hover', { textDocument: { uri }, position: { line: 2, character: 12 } });
    await ask(client, 'complianceDocs/coverageTree', {});
    assert.equal(client.diagnostics.get(uri), undefined, 'no diagnostics for a file outside the folder');
    const tree = (await ask(client, 'complianceDocs/coverageTree', {})) as { result: { folders: Array<{ uri: string }> } };
    assert.deepEqual(
      tree.result.folders.map((f) => f.uri),
      [client.uri('')],
      'no folder was added for it',
    );
  });

  it('through all of the above, the server stats and reads nothing outside the root', async () => {
    await ask(client, 'complianceDocs/coverageTree', {});
    const calls = readJsonLines<FsCall>(spyLog);
    assert.ok(calls.some((c) => c.op === 'readdirSync' && c.path === root), 'the spy saw the walk');
    assert.ok(calls.some((c) => c.path === path.join(root, 'controls/escape.md')), 'the spy saw documents read');
    assert.deepEqual(callsOutside(calls, root), []);
    // Evidence is judged from the listing: no evidence file is opened.
    assert.deepEqual(
      calls.filter((c) => /^(?:promises\.)?(?:open|readFile|createReadStream)/.test(c.op) && c.path.startsWith(path.join(root, 'evidence'))),
      [],
    );
  });

  function escapeFiles(): FileSpec {
    return {
      'controls/escape.md': ESCAPE,
      'evidence/2026-Q3/review.csv': 'user,decision\n',
      'evidence/ext': { kind: 'symlink', target: null },
      'evidence/escape.csv': { kind: 'symlink', target: null },
      'evidence/loop': { kind: 'symlink', target: 'evidence/loop' },
      'evidence/current': { kind: 'symlink', target: 'evidence/2026-Q3' },
    };
  }
});
