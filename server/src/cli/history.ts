// Git history for a check: read once for the whole repository, after the documents are loaded.

import { printable } from '../core/report/findings';
import type { ComplianceWorkspace } from '../core/index/workspace';
import { bodyHistories, readRawHistory, repositoryState, SHALLOW_NOTICE, unreadableNotice, type RawHistory, type RepositoryState } from '../node/git';

export { repositoryState };

/** What the result of a check depends on in the repository's history: its HEAD commit, or why there is none. */
export function historyKey(state: RepositoryState): string | undefined {
  if (state.kind === 'none') return undefined;
  return state.kind === 'unreadable' ? `unreadable\0${state.message}` : `${state.kind}\0${state.head}`;
}

/** Starts git on the whole repository (nothing outside one, or in a shallow clone), to run while documents are read. */
export function startHistory(root: string, state: RepositoryState): Promise<RawHistory> {
  return readRawHistory(root, state);
}

/** Gives the workspace what history says of each document's body; returns the state, which reading may have found unreadable. */
export async function applyHistory(workspace: ComplianceWorkspace, raw: Promise<RawHistory>): Promise<RepositoryState> {
  const read = await raw;
  if (read.state.kind !== 'ok' || workspace.severityOf('body-changed-after-review') === 'off') return read.state;
  const paths = [...workspace.documents()].map((d) => d.path);
  const result = bodyHistories(read, paths, workspace.parseSettings(), { reviewOf: (p) => workspace.document(p)?.lastReviewed?.value });
  workspace.setHistories(result.histories);
  return result.state;
}

/** One line on stderr when history could not be used: a shallow clone, or git failed. */
export function historyNotice(state: RepositoryState, write: (line: string) => void): void {
  if (state.kind === 'shallow') write(`compliance-docs: ${SHALLOW_NOTICE}\n`);
  else if (state.kind === 'unreadable') write(`compliance-docs: ${printable(unreadableNotice(state.message))}\n`);
}
