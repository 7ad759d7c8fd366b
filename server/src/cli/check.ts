import { locateFinding } from '../core/model/workspace';
import { countFindings, formatJson, formatSarif, formatText, type LocatedFinding } from '../core/report/findings';
import { openWorkspace, UsageError, VERSION, type CommonOptions } from './common';
import { warnUnreadFolders } from './notices';

export interface CheckOptions extends CommonOptions {
  readonly format: string;
  readonly maxWarnings: string | undefined;
}

const FORMATS = ['text', 'json', 'sarif'];

export async function runCheck(options: CheckOptions): Promise<number> {
  if (!FORMATS.includes(options.format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')} for check, got \`${options.format}\``);
  let maxWarnings = -1;
  if (options.maxWarnings !== undefined) {
    maxWarnings = Number(options.maxWarnings);
    if (!/^\d+$/.test(options.maxWarnings)) throw new UsageError(`--max-warnings must be a whole number, got \`${options.maxWarnings}\``);
  }
  const { workspace, root, walkErrors } = await openWorkspace(options);
  warnUnreadFolders(walkErrors, (line) => process.stderr.write(line));
  const findings: LocatedFinding[] = [];
  for (const f of workspace.allFindings()) {
    const range = locateFinding(workspace, f);
    findings.push({ path: f.path, code: f.code, severity: f.severity, message: f.message, ...(range ? { range } : {}) });
  }
  if (options.format === 'json') options.write(formatJson(findings, { root, today: workspace.getToday() }));
  else if (options.format === 'sarif') options.write(formatSarif(findings, { version: VERSION, severityOf: (c) => workspace.severityOf(c) }));
  else options.write(formatText(findings, { color: options.color }));

  const n = countFindings(findings);
  const configErrors = findings.filter((f) => f.code === 'config-invalid' && f.severity === 'error').length;
  if (configErrors > 0) {
    process.stderr.write(`compliance-docs: ${workspace.getConfig().path ?? 'the config file'} has ${configErrors} error${configErrors === 1 ? '' : 's'} (config-invalid); fix the configuration.\n`);
    return 2;
  }
  if (n.error > 0) return 1;
  if (maxWarnings >= 0 && n.warning > maxWarnings) {
    process.stderr.write(`compliance-docs: ${n.warning} warnings, more than --max-warnings ${maxWarnings}.\n`);
    return 1;
  }
  return 0;
}
