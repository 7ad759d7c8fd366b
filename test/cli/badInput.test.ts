// Bad input never crashes a run: each case gets a precise finding or a one-line error, and the rest
// of the repository is still checked. Paths that leave the root are never stat'ed or read, which a
// preloaded spy on every fs function proves.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { callsOutside, FS_SPY, readJsonLines, type FsCall } from '../fsSpy';
import { CAN_SYMLINK, ensureBuilt, FIXTURES, keysOf, lines, parseCheckJson, removeTemps, Runs, tempDir, TODAY, writeFiles, type JsonFinding } from './cli';


const ESCAPE = lines(
  '---',
  'id: ESC-01',
  'title: Evidence kept outside the repository',
  'owner: it-lead',
  'criteria: [CC6.1]',
  'frequency: annual',
  'last_reviewed: 2026-06-01',
  'evidence:',
  '  - ../../x/report.pdf',
  '  - ../%2e%2e/%2e%2e/etc/passwd',
  '  - /etc/passwd',
  '  - C:\\Windows\\win.ini',
  '  - ../evidence/external/secret.md',
  '  - path: ../evidence/external',
  '    date: 2026-06-01',
  '  - ../evidence/2026-Q3/access-review.csv',
  '  - ../evidence/current/access-review.csv',
  '---',
  '',
  'See [the share](../../../etc/shadow), [the drive](D:/audit/report.pdf) and [the mount](../evidence/external/x/report.pdf).',
);

/** What the aliased fixture reports on its own (its EXPECTED.md). */
const FIXTURE_FINDINGS = ['narratives/system.md:6 field-invalid', 'policies/acceptable-use.md:6 review-due-soon', 'procedures/change-management.md:1 missing-review-date', 'procedures/incident-response.md:7 stale-review'];

describe('bad input', function () {
  this.timeout(60000);
  let base = '';
  let root = '';
  /** The same repository through a symlinked path, as /tmp is on macOS. */
  let rootLink = '';
  let badConfig = '';
  const spyLog = (name: string): string => path.join(base, `${name}.log`);
  const runs = new Runs()
    .add('check', () => ['check', rootLink, '--format', 'json', '--today', TODAY, '--no-cache'], () => ({ nodeArgs: ['--require', FS_SPY], env: { FS_SPY_LOG: spyLog('check') } }))
    .add('check text', () => ['check', root, '--today', TODAY])
    .add('coverage', () => ['coverage', rootLink, '--format', 'html', '--today', TODAY, '--no-cache'], () => ({ nodeArgs: ['--require', FS_SPY], env: { FS_SPY_LOG: spyLog('coverage') } }))
    .add('unreadable folder', () => ['check', root, '--format', 'json', '--today', TODAY], () => ({ nodeArgs: ['--require', FS_SPY], env: { FS_SPY_DENY: path.join(root, 'procedures') } }))
    .add('bad config', () => ['check', badConfig, '--format', 'json', '--today', TODAY]);

  before(function () {
    if (!CAN_SYMLINK) this.skip();
    ensureBuilt();
    base = tempDir('cd-bad-');
    root = path.join(base, 'repo');
    fs.cpSync(path.join(FIXTURES, 'aliased'), root, { recursive: true });
    writeFiles(base, {
      'outside/secret.md': lines('---', 'id: SECRET', 'owner: nobody', 'criteria: [CC9.9]', '---'),
      'outside/x/report.pdf': '%PDF-1.4\n',
      'x/report.pdf': '%PDF-1.4\n',
    });
    writeFiles(root, {
      'policies/broken-yaml.md': lines('---', 'id: POL-BROKEN', 'title: Encryption: keys and certificates', 'owner: ciso', '---', '', '# Encryption'),
      'policies/binary.md': Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), Buffer.alloc(2048, 7)]),
      'controls/escape.md': ESCAPE,
    });
    // 20 MB of plausible markdown: over the size limit, never parsed.
    const line = Buffer.from('Access is reviewed quarterly; see [the export](../evidence/2026-Q3/access-review.csv).\n');
    fs.writeFileSync(path.join(root, 'policies/huge.md'), Buffer.concat([Buffer.from('---\nid: POL-HUGE\n---\n'), ...Array<Buffer>(Math.ceil((20 * 1024 * 1024) / line.length)).fill(line)]));
    fs.mkdirSync(path.join(root, 'policies/loop'));
    fs.symlinkSync('..', path.join(root, 'policies/loop/up'));
    fs.symlinkSync('b.md', path.join(root, 'policies/a.md'));
    fs.symlinkSync('a.md', path.join(root, 'policies/b.md'));
    fs.symlinkSync(path.join(base, 'outside/secret.md'), path.join(root, 'policies/outside.md'));
    fs.symlinkSync(path.join(base, 'outside'), path.join(root, 'evidence/external'), 'dir');
    fs.symlinkSync(path.join(root, 'evidence/2026-Q3'), path.join(root, 'evidence/current'), 'dir');
    rootLink = path.join(base, 'link');
    fs.symlinkSync(root, rootLink, 'dir');

    badConfig = path.join(base, 'bad-config');
    fs.cpSync(path.join(FIXTURES, 'aliased'), badConfig, { recursive: true });
    fs.writeFileSync(
      path.join(badConfig, 'compliance-docs.yml'),
      lines(
        'categories: security',
        'audit:',
        '  type: type2',
        '  period: { start: 2026-01-01, end: next year }',
        'review:',
        '  cycle: annual',
        '  due_soon_days: thirty',
        'documents:',
        '  include: policies/**/*.md',
        'rules:',
        '  stale-review: loud',
        '  uncovered-criterion: off',
        'fields:',
        '  last_reviewed: [last_reviewed, last_updated, approval_date]',
        '  owner: [owner, document_owner]',
        '  criteria: [criteria, soc2_criteria, tsc]',
        '  review_cycle: [review_cycle, review_frequency]',
      ),
    );
    runs.start();
  });
  after(removeTemps);

  async function findings(): Promise<readonly JsonFinding[]> {
    const r = await runs.get('check');
    assert.equal(r.stderr, '');
    return parseCheckJson(r).findings;
  }

  function one(all: readonly JsonFinding[], file: string, code: string): JsonFinding {
    const found = all.filter((f) => f.path === file && f.code === code);
    assert.equal(found.length, 1, `${file} ${code}: ${JSON.stringify(all.filter((f) => f.path === file))}`);
    return found[0];
  }

  it('reports each bad document precisely, checks everything else, and exits 1', async () => {
    const all = await findings();
    assert.deepEqual(
      keysOf(all).sort(),
      [
        ...FIXTURE_FINDINGS,
        // The fixture has no vendor file; the warning sits on the config's `categories` line.
        'compliance-docs.yml:3 vendor-inventory-missing',
        // Nor a risk register.
        'compliance-docs.yml:3 risk-register-missing',
        'policies/broken-yaml.md:3 frontmatter-syntax',
        'policies/binary.md:1 document-unreadable',
        'policies/huge.md:1 document-unreadable',
        'policies/a.md:1 document-unreadable',
        'policies/b.md:1 document-unreadable',
        'policies/outside.md:1 document-unreadable',
        ...[9, 10, 12, 13, 14, 20, 20, 20].map((l) => `controls/escape.md:${l} evidence-outside-workspace`),
        'controls/escape.md:11 broken-evidence-link',
      ].sort(),
    );
    assert.equal((await runs.get('check')).code, 1);
  });

  it('says why each unreadable document was skipped', async () => {
    const all = await findings();
    assert.match(one(all, 'policies/binary.md', 'document-unreadable').message, /^This file is binary, not markdown text/);
    assert.match(one(all, 'policies/huge.md', 'document-unreadable').message, /^This file is 20\.0 MB; documents over 5\.0 MB are not checked\./);
    assert.match(one(all, 'policies/a.md', 'document-unreadable').message, /symlink that loops/);
    assert.match(one(all, 'policies/outside.md', 'document-unreadable').message, /symlink .* to a file outside the repository; it is not read/);
    assert.match(one(all, 'policies/broken-yaml.md', 'frontmatter-syntax').message, /^The frontmatter is not valid YAML: /);
    assert.equal(one(all, 'policies/binary.md', 'document-unreadable').severity, 'warning');
  });

  it('reports every evidence path that leaves the root on the item, and reads /etc/passwd inside the root', async () => {
    const all = (await findings()).filter((f) => f.path === 'controls/escape.md');
    /** 1-based line, start and end column of `text` in the document. */
    const at = (line: number, text: string): [number, number, number] => {
      const column = ESCAPE.split('\n')[line - 1].indexOf(text) + 1;
      assert.ok(column > 0, text);
      return [line, column, column + text.length];
    };
    assert.deepEqual(
      all.map((f) => [f.line, f.column, f.endColumn, f.code]),
      [
        [...at(9, '../../x/report.pdf'), 'evidence-outside-workspace'],
        [...at(10, '../%2e%2e/%2e%2e/etc/passwd'), 'evidence-outside-workspace'],
        [...at(11, '/etc/passwd'), 'broken-evidence-link'],
        [...at(12, 'C:\\Windows\\win.ini'), 'evidence-outside-workspace'],
        [...at(13, '../evidence/external/secret.md'), 'evidence-outside-workspace'],
        [...at(14, '../evidence/external'), 'evidence-outside-workspace'],
        [...at(20, '../../../etc/shadow'), 'evidence-outside-workspace'],
        [...at(20, 'D:/audit/report.pdf'), 'evidence-outside-workspace'],
        [...at(20, '../evidence/external/x/report.pdf'), 'evidence-outside-workspace'],
      ],
    );
    assert.match(all[0].message, /climbs above the repository root/);
    assert.match(all[1].message, /climbs above the repository root/);
    assert.match(all[2].message, /no file at etc\/passwd/);
    assert.match(all[3].message, /a Windows drive path/);
    assert.match(all[4].message, /goes through the symlink `evidence\/external`, which points outside the repository/);
  });

  it('never stats, opens, lists or resolves anything outside the root', async () => {
    for (const name of ['check', 'coverage']) {
      const r = await runs.get(name);
      assert.ok(r.code === 0 || r.code === 1, `${name} exit ${r.code}: ${r.stderr}`);
      const calls = readJsonLines<FsCall>(spyLog(name));
      // The spy saw the run: it listed the root and opened documents.
      assert.ok(calls.some((c) => c.op === 'readdirSync' && c.path === rootLink), `${name}: no readdir of the root`);
      assert.ok(calls.some((c) => c.path === path.join(rootLink, 'controls/escape.md')), `${name}: escape.md was not read`);
      assert.deepEqual(callsOutside(calls, rootLink), [], name);
    }
  });

  it('counts a call through a symlink that leaves the root as outside, but not a look at the link itself', () => {
    const external = path.join(rootLink, 'evidence/external');
    assert.deepEqual(callsOutside([{ op: 'lstatSync', path: external }, { op: 'readlinkSync', path: external }, { op: 'openSync', path: path.join(rootLink, 'evidence/current/access-review.csv') }], rootLink), []);
    assert.equal(callsOutside([{ op: 'statSync', path: external }], rootLink).length, 1);
    assert.equal(callsOutside([{ op: 'promises.readFile', path: path.join(external, 'secret.md') }], rootLink).length, 1);
    assert.equal(callsOutside([{ op: 'lstatSync', path: path.join(external, 'x/missing.pdf') }], rootLink).length, 1);
    assert.equal(callsOutside([{ op: 'accessSync', path: path.join(rootLink, '../x/report.pdf') }], rootLink).length, 1);
  });

  it('says on stderr which folder it could not list, and checks the rest', async () => {
    const r = await runs.get('unreadable folder');
    assert.equal(r.stderr, 'compliance-docs: could not list procedures (EACCES); the documents and evidence in it were not checked.\ncompliance-docs: 1 folder or file could not be read, so the check is incomplete; make it readable, or exclude it.\n');
    const keys = keysOf(parseCheckJson(r).findings);
    assert.ok(!keys.some((k) => k.startsWith('procedures/')), keys.join('\n'));
    assert.ok(keys.includes('narratives/system.md:6 field-invalid'));
    assert.equal(r.code, 1);
  });

  it('prints the text report and the coverage page for the same repository', async () => {
    const text = await runs.get('check text');
    assert.equal(text.code, 1);
    assert.match(text.stdout, /^policies\/huge\.md\n {2}1:1 {2}warning {2}This file is 20\.0 MB/m);
    assert.match((await runs.get('coverage')).stdout, /<\/html>\n$/);
  });

  it('reports each wrong type in the config on its value, uses the defaults, and still checks the documents', async () => {
    const r = await runs.get('bad config');
    const all = parseCheckJson(r).findings;
    assert.deepEqual(
      all.filter((f) => f.code === 'config-invalid').map((f) => [f.line, f.column, f.message]),
      [
        [1, 13, '`categories` must be a list, for example `categories: [security]`. Until it is, the default is used.'],
        [4, 37, 'audit.period.end `next year` is not a date. Write it as YYYY-MM-DD.'],
        [7, 18, 'review.due_soon_days `thirty` must be a whole number of days, such as 30.'],
        [9, 12, '`documents.include` must be a list, for example `include: [policies/**/*.md]`. Until it is, the default is used.'],
        [11, 17, 'The severity of `stale-review` must be one of error, warning, info, hint, off.'],
      ],
    );
    assert.deepEqual(keysOf(all.filter((f) => f.code !== 'config-invalid')).sort(), ['compliance-docs.yml:1 vendor-inventory-missing', 'compliance-docs.yml:1 risk-register-missing', ...FIXTURE_FINDINGS].sort());
    assert.equal(r.code, 2);
    assert.equal(r.stderr, 'compliance-docs: compliance-docs.yml has 5 errors (config-invalid); fix the configuration.\n');
  });
});
