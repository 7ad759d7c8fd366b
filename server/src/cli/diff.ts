// `compliance-docs diff --base REF`: the working tree against a commit. The base is written to a
// temporary folder from git's objects (no checkout, nothing the repository configures runs), both
// are checked alike, and the findings added and removed and the criteria whose state moved are printed.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { diffMarkdown, diffRuns, diffText } from '../core/report/diff';
import { countFindings, formatSarif } from '../core/report/findings';
import { loadWorkspace } from '../node/loadWorkspace';
import { exportTree, readRawHistory, repositoryState, resolveCommit } from '../node/git';
import { createParsePool } from '../node/pool';
import { resultOf } from './check';
import { checkDirectory, resolveToday, UsageError, VERSION } from './common';
import { applyHistory, historyNotice } from './history';

export interface DiffOptions {
  readonly dir: string;
  readonly base: string | undefined;
  readonly format: string;
  readonly today: string | undefined;
  readonly write: (text: string) => void;
}

const FORMATS = ['text', 'md', 'sarif'];

export async function runDiff(options: DiffOptions): Promise<number> {
  if (!FORMATS.includes(options.format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')} for diff, got \`${options.format}\``);
  if (options.base === undefined || options.base === '') throw new UsageError('diff needs --base REF: the commit, branch or tag to compare the working tree with (in a pull request, the base branch: --base origin/main).');
  const root = checkDirectory(options.dir);
  const today = resolveToday(options.today, root);
  const state = await repositoryState(root, true);
  if (state.kind === 'none') throw new UsageError(`${options.dir} is not in a git repository with a commit, so there is no --base to compare with.`);
  if (state.kind === 'unreadable') throw new UsageError(`could not read the git repository: ${state.message}`);
  const commit = await resolveCommit(root, options.base);
  if (commit === undefined) {
    const advice = state.kind === 'shallow' ? ' This is a shallow clone: fetch the base (in GitHub Actions, actions/checkout with `fetch-depth: 0`).' : ' Fetch it first (git fetch origin main), or name a branch, tag or commit that exists here.';
    throw new UsageError(`no commit \`${options.base}\` in this repository.${advice}`);
  }
  const dest = fs.mkdtempSync(path.join(os.tmpdir(), 'compliance-docs-base-'));
  const pool = createParsePool();
  try {
    await exportTree(root, commit, dest);
    // The base's history is the history up to that commit; in a shallow clone neither side reads any.
    const base = await loadWorkspace(dest, { today, ...(pool ? { pool } : {}) });
    const head = await loadWorkspace(root, { today, ...(pool ? { pool } : {}) });
    await applyHistory(base.workspace, readRawHistory(root, state, false, commit));
    const headState = await applyHistory(head.workspace, readRawHistory(root, state));
    historyNotice(headState, (line) => process.stderr.write(line));
    const b = resultOf(base);
    const h = resultOf(head);
    const d = diffRuns(options.base, { findings: b.findings, coverage: base.workspace.coverage() }, { findings: h.findings, coverage: head.workspace.coverage() });
    if (options.format === 'md') options.write(diffMarkdown(d));
    else if (options.format === 'sarif') options.write(formatSarif(d.added, { version: VERSION, severityOf: (c) => h.severities[c] ?? 'warning', summary: h.summary }));
    else options.write(diffText(d));
    return countFindings(d.added).error > 0 ? 1 : 0;
  } finally {
    pool?.close();
    fs.rmSync(dest, { recursive: true, force: true });
  }
}
