import type { ReadGap } from '../model/types';
import type { WorkspaceRule } from './rule';

/** An errno code from listing a folder, in words. */
const ERRNO: Readonly<Record<string, string>> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EIO: 'an input/output error',
  ELOOP: 'too many levels of symbolic links',
  ENOTDIR: 'it is not a folder',
  ENOENT: 'it disappeared while the repository was read',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files',
};

export function readGapMessage(gap: ReadGap): string {
  const where = gap.path === '' ? 'The repository folder' : `The folder \`${gap.path}\``;
  const errno = /^E[A-Z0-9]+$/.test(gap.message);
  const reason = errno ? `${ERRNO[gap.message] ?? 'an error'}, ${gap.message}` : gap.message;
  const advice = gap.message === 'EACCES' || gap.message === 'EPERM' ? ' Make it readable (and listable) by the user that runs the check.' : '';
  return `${where} could not be listed (${reason}), so the documents and evidence in it were not checked and the result is incomplete.${advice}`;
}

export const folderUnreadable: WorkspaceRule = {
  scope: 'workspace',
  code: 'folder-unreadable',
  defaultSeverity: 'error',
  description: 'A folder of the repository (or the repository itself) could not be listed, so the documents and evidence in it were not checked.',
  check(ctx) {
    for (const gap of ctx.readGaps) ctx.report(undefined, readGapMessage(gap), { path: gap.path });
  },
};
