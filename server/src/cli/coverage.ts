import { coverageCsv, coverageHtml, coverageJson, coverageMarkdown, coverageText } from '../core/report/coverage';
import { openWorkspace, usableCacheDir, UsageError, type CommonOptions } from './common';
import { warnUnreadFolders } from './notices';

export interface CoverageOptions extends CommonOptions {
  readonly format: string;
}

const FORMATS = ['text', 'json', 'md', 'csv', 'html'];

export async function runCoverage(options: CoverageOptions): Promise<number> {
  if (!FORMATS.includes(options.format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')} for coverage, got \`${options.format}\``);
  const { workspace, walkErrors } = await openWorkspace(options, usableCacheDir(options));
  warnUnreadFolders(walkErrors, (line) => process.stderr.write(line));
  const report = workspace.coverage();
  const config = workspace.getConfig();
  const meta = { today: workspace.getToday(), auditType: config.audit.type, ...(config.audit.period ? { period: config.audit.period } : {}) };
  switch (options.format) {
    case 'json':
      options.write(coverageJson(report));
      break;
    case 'md':
      options.write(coverageMarkdown(report, meta));
      break;
    case 'csv':
      options.write(coverageCsv(report));
      break;
    case 'html':
      options.write(coverageHtml(report, meta));
      break;
    default:
      options.write(coverageText(report, { color: options.color }));
  }
  return 0;
}
