// Things the user must know about a run that are not findings: folders the walk could not list.

import { printable } from '../core/report/findings';

/** One stderr line per folder or file that could not be read, so a silent gap in the check is never mistaken for a clean result. */
export function warnUnreadFolders(errors: ReadonlyArray<{ path: string; message: string; file?: boolean }>, write: (line: string) => void): void {
  for (const e of errors) {
    if (e.file) write(`compliance-docs: could not read ${printable(e.path)} (${printable(e.message)}); it was not checked.\n`);
    else write(`compliance-docs: could not list ${e.path === '' ? 'the repository folder' : printable(e.path)} (${printable(e.message)}); the documents and evidence in it were not checked.\n`);
  }
}

/** The last line of a run whose config has errors (exit 2), with what that meant for this run. */
export function configErrorsNotice(configPath: string | undefined, count: number, consequence?: string): string {
  return `compliance-docs: ${printable(configPath ?? 'the config file')} has ${count} error${count === 1 ? '' : 's'} (config-invalid)${consequence ? `, so ${consequence}` : ''}; fix the configuration.\n`;
}

/** The last line of a run that could not read part of the repository (exit 1): the result is incomplete. */
export function incompleteNotice(count: number, what: 'check' | 'report'): string {
  const it = count === 1 ? 'it' : 'them';
  return `compliance-docs: ${count} folder${count === 1 ? ' or file' : 's or files'} could not be read, so the ${what} is incomplete; make ${it} readable, or exclude ${it}.\n`;
}
