import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { commit, git, initRepo } from '../gitRepo';
import { ensureBuilt, lines, parseCheckJson, removeTemps, runCli, tempDir, writeFiles, type JsonFinding } from './cli';

const CONFIG = lines('categories: [security]', 'rules:', '  uncovered-criterion: off', '  vendor-inventory-missing: off');

function policy(opts: { review?: string; owner?: string; body?: string } = {}): string {
  return lines('---', 'id: POL-ACCESS', 'type: policy', 'title: Access Control Policy', `owner: ${opts.owner ?? 'security-lead'}`, 'criteria: [CC6.1]', `last_reviewed: ${opts.review ?? '2026-03-01'}`, '---', '', '# Access control', '', opts.body ?? 'Access is granted on least privilege.');
}

const REL = 'policies/access.md';

/** A repository whose policy was committed on 2026-03-02, reviewed 2026-03-01. */
function baseRepo(): string {
  const dir = initRepo(tempDir('cd-git-'));
  commit(dir, '2026-03-02', 'Add the access policy', { 'compliance-docs.yml': CONFIG, [REL]: policy() });
  return dir;
}

async function check(dir: string, extra: readonly string[] = []): Promise<{ code: number | null; findings: readonly JsonFinding[]; stderr: string }> {
  const r = await runCli(['check', dir, '--format', 'json', '--no-cache', '--today', '2026-11-16', ...extra]);
  return { code: r.code, findings: parseCheckJson(r).findings, stderr: r.stderr };
}

function bodyFindings(findings: readonly JsonFinding[]): readonly JsonFinding[] {
  return findings.filter((f) => f.code === 'body-changed-after-review');
}

describe('body-changed-after-review over real git history', function () {
  this.timeout(60000);
  before(ensureBuilt);
  after(removeTemps);

  it('reports a body changed by a commit after the last review, on the review date, naming the commit', async () => {
    const dir = baseRepo();
    const id = commit(dir, '2026-05-10', 'Allow contractors', { [REL]: policy({ body: 'Access is granted on least privilege, contractors included.' }) });
    const { findings, stderr } = await check(dir);
    const f = bodyFindings(findings);
    assert.equal(f.length, 1, JSON.stringify(findings));
    assert.deepEqual([f[0].path, f[0].line, f[0].column, f[0].endLine, f[0].endColumn, f[0].severity], [REL, 7, 16, 7, 26, 'warning']);
    assert.equal(f[0].message, `The body was changed on 2026-05-10 by commit ${id.slice(0, 10)} (“Allow contractors”), after the last review on 2026-03-01: the reviewed text is not the text in force. Review the changed text, then update \`last_reviewed\`.`);
    assert.equal(stderr, '');
  });

  it('does not report a change to the frontmatter only, nor the commit that added the document', async () => {
    const dir = baseRepo();
    commit(dir, '2026-05-10', 'New owner', { [REL]: policy({ owner: 'it-lead' }) });
    commit(dir, '2026-06-01', 'Add a procedure written before it was reviewed', { 'procedures/onboarding.md': lines('---', 'type: procedure', 'owner: it-lead', 'criteria: [CC6.2]', 'last_reviewed: 2026-01-01', '---', '', 'Steps.') });
    const { findings } = await check(dir);
    assert.deepEqual(bodyFindings(findings), []);
  });

  it('does not report a change of layout only: a blank line, trailing spaces, a paragraph wrapped anew', async () => {
    const dir = baseRepo();
    commit(dir, '2026-05-10', 'markdownlint --fix', { [REL]: `${policy({ body: 'Access is granted\non least privilege.  ' })}\n\n` });
    assert.deepEqual(bodyFindings((await check(dir)).findings), []);
    commit(dir, '2026-05-11', 'Reword', { [REL]: policy({ body: 'Access is granted on need to know.' }) });
    assert.equal(bodyFindings((await check(dir)).findings).length, 1);
  });

  it('does not report a body change whose commit also recorded the review, even dated the day before', async () => {
    const dir = baseRepo();
    commit(dir, '2026-05-10', 'Allow contractors, reviewed', { [REL]: policy({ review: '2026-05-09', body: 'Contractors included.' }) });
    assert.deepEqual(bodyFindings((await check(dir)).findings), []);
    // A later body change that does not record a review is reported again.
    commit(dir, '2026-06-10', 'Reword', { [REL]: policy({ review: '2026-05-09', body: 'Contractors and interns included.' }) });
    const f = bodyFindings((await check(dir)).findings);
    assert.deepEqual(f.map((x) => x.message.slice(0, 38)), ['The body was changed on 2026-06-10 by ']);
  });

  it('is silent when the review is on or after the day of the change, and for drafts', async () => {
    const dir = baseRepo();
    commit(dir, '2026-05-10', 'Change', { [REL]: policy({ body: 'Changed.' }) });
    commit(dir, '2026-05-11', 'Reviewed', { [REL]: policy({ review: '2026-05-10', body: 'Changed.' }) });
    assert.deepEqual(bodyFindings((await check(dir)).findings), []);
    commit(dir, '2026-05-12', 'Draft', { [REL]: policy({ body: 'Changed again.' }).replace('type: policy', 'type: policy\nstatus: draft') });
    assert.deepEqual(bodyFindings((await check(dir)).findings), []);
  });

  it('reads history through the result cache: a commit of the same bytes changes the result', async () => {
    const dir = baseRepo();
    const cacheDir = tempDir('cd-git-cache-');
    fs.writeFileSync(path.join(dir, REL), policy({ body: 'Edited, not yet committed.' }));
    const args = ['check', dir, '--format', 'json', '--cache-dir', cacheDir, '--today', '2026-11-16'];
    assert.deepEqual(bodyFindings(parseCheckJson(await runCli(args)).findings), []);
    commit(dir, '2026-05-10', 'Commit the edit');
    assert.equal(bodyFindings(parseCheckJson(await runCli(args)).findings).length, 1);
  });

  it('runs nothing the repository configures: fsmonitor, hooks, pager, diff drivers, filters, gpg, includes', async () => {
    const dir = baseRepo();
    commit(dir, '2026-05-10', 'Allow contractors', { [REL]: policy({ body: 'Contractors included.' }) });
    signHead(dir);
    const canaries = tempDir('cd-canary-');
    const bin = path.join(canaries, 'bin');
    fs.mkdirSync(bin);
    const program = (name: string): string => {
      const p = path.join(bin, name);
      fs.writeFileSync(p, `#!/bin/sh\necho "$@" > '${path.join(canaries, `ran-${name}`)}'\nexit 1\n`, { mode: 0o755 });
      return p;
    };
    const hooks = path.join(canaries, 'hooks');
    fs.mkdirSync(hooks);
    for (const h of ['pre-commit', 'post-checkout', 'post-index-change', 'reference-transaction', 'fsmonitor-watchman', 'pre-auto-gc', 'post-rewrite']) {
      fs.writeFileSync(path.join(hooks, h), `#!/bin/sh\ntouch '${path.join(canaries, `ran-hook-${h}`)}'\n`, { mode: 0o755 });
    }
    fs.writeFileSync(path.join(canaries, 'included.cfg'), lines('[diff]', `\texternal = ${program('included')}`, '[core]', `\tpager = ${program('included')}`));
    fs.writeFileSync(path.join(canaries, 'included-if.cfg'), lines('[diff "canary"]', `\ttextconv = ${program('included-if')}`, '[core]', `\tfsmonitor = ${program('included-if')}`));
    const config = path.join(dir, '.git', 'config');
    fs.appendFileSync(
      config,
      lines(
        '[core]',
        `\tfsmonitor = ${program('fsmonitor')}`,
        `\thooksPath = ${hooks}`,
        `\tpager = ${program('pager')}`,
        `\tsshCommand = ${program('ssh')}`,
        `\taskPass = ${program('askpass')}`,
        '[pager]',
        `\tlog = ${program('pager-log')}`,
        '[diff]',
        `\texternal = ${program('external-diff')}`,
        '[diff "canary"]',
        `\ttextconv = ${program('textconv')}`,
        `\tcommand = ${program('diff-command')}`,
        '[filter "canary"]',
        `\tclean = ${program('clean')}`,
        `\tsmudge = ${program('smudge')}`,
        `\tprocess = ${program('process')}`,
        '[log]',
        '\tshowSignature = true',
        '[gpg]',
        `\tprogram = ${program('gpg')}`,
        '[credential]',
        `\thelper = !${program('credential')}`,
        '[include]',
        `\tpath = ${path.join(canaries, 'included.cfg')}`,
        `[includeIf "gitdir:${path.join(dir, '.git')}"]`,
        `\tpath = ${path.join(canaries, 'included-if.cfg')}`,
      ),
    );
    writeFiles(dir, { '.gitattributes': '*.md diff=canary filter=canary\n', '.git/info/attributes': '*.md diff=canary filter=canary\n' });
    const ran = (): string[] => fs.readdirSync(canaries).filter((n) => n.startsWith('ran-')).sort();

    // The canaries work: git itself, as a user runs it, starts several of them.
    try {
      git(dir, ['-c', 'core.fsmonitor=' + path.join(bin, 'fsmonitor'), 'status', '--porcelain']);
    } catch {
      // the canary exits 1
    }
    try {
      git(dir, ['log', '-p', '-1']);
    } catch {
      // gpg or textconv failing
    }
    const control = ran();
    for (const n of ['ran-fsmonitor', 'ran-gpg']) assert.ok(control.includes(n), `${n} should run under plain git; ran: ${control.join(', ')}`);
    // The includes apply: the includeIf file's driver is the one git would run.
    assert.equal(git(dir, ['config', '--get', 'diff.canary.textconv']).trim(), path.join(bin, 'included-if'));
    for (const n of control) fs.rmSync(path.join(canaries, n));

    const { findings, stderr } = await check(dir);
    assert.deepEqual(ran(), []);
    assert.equal(bodyFindings(findings).length, 1, 'history was read');
    assert.equal(stderr, '');
  });

  it('reports a shallow clone once, with the fetch-depth: 0 advice, and skips the rule', async () => {
    const dir = baseRepo();
    commit(dir, '2026-05-10', 'Change', { [REL]: policy({ body: 'Changed.' }) });
    const clone = path.join(tempDir('cd-shallow-'), 'clone');
    git(path.dirname(clone), ['clone', '-q', '--depth', '1', `file://${dir}`, clone]);
    const { findings, stderr } = await check(clone);
    assert.deepEqual(bodyFindings(findings), []);
    const notices = stderr.split('\n').filter((l) => l !== '');
    assert.equal(notices.length, 1, stderr);
    assert.match(notices[0], /^compliance-docs: this is a shallow clone, .*body-changed-after-review was skipped\. In GitHub Actions, check out with `fetch-depth: 0`/);
    // The full clone reports it.
    assert.equal(bodyFindings((await check(dir)).findings).length, 1);
  });

  it('outside a repository runs no git at all', async () => {
    const plain = writeFiles(tempDir('cd-nogit-'), { 'compliance-docs.yml': CONFIG, [REL]: policy() });
    const fake = tempDir('cd-fakegit-');
    const marker = path.join(fake, 'git-ran');
    fs.writeFileSync(path.join(fake, 'git'), `#!/bin/sh\n: > '${marker}'\nexit 1\n`, { mode: 0o755 });
    const env = { PATH: fake };
    const r = await runCli(['check', plain, '--no-cache', '--today', '2026-11-16'], { env });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(fs.existsSync(marker), false);
    // In a repository the same fake git is run, fails, and the check says so once.
    const repo = baseRepo();
    const g = await runCli(['check', repo, '--no-cache', '--today', '2026-11-16'], { env });
    assert.equal(fs.existsSync(marker), true);
    assert.match(g.stderr, /^compliance-docs: could not read the git history \(.*\); body-changed-after-review was skipped\.\n$/);
  });
});

/** Rewrites HEAD as a commit carrying a (fake) signature, so that showing signatures would run gpg. */
function signHead(dir: string): void {
  const raw = git(dir, ['cat-file', 'commit', 'HEAD']);
  const signed = raw.replace(/^(committer [^\n]*\n)/m, `$1gpgsig -----BEGIN PGP SIGNATURE-----\n \n iQEzBAABCAAdFiEE\n -----END PGP SIGNATURE-----\n`);
  const file = path.join(dir, '.git', 'signed-commit');
  fs.writeFileSync(file, signed);
  const id = git(dir, ['hash-object', '-t', 'commit', '-w', file]).trim();
  fs.rmSync(file);
  git(dir, ['update-ref', 'HEAD', id]);
}
