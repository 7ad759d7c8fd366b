import { coverageCsv, coverageHtml, coverageJson, coverageMarkdown, coverageText } from '../core/report/coverage';
import { buildMatrix } from '../core/report/matrix';
import { writeMatrixXlsx } from '../node/xlsxLoader';
import { openWorkspace, usableCacheDir, UsageError, type CommonOptions } from './common';
import { warnUnreadFolders } from './notices';

export interface CoverageOptions extends CommonOptions {
  readonly format: string;
  /** Standard output is a terminal (a binary format needs --output there). */
  readonly toTerminal?: boolean;
}

const FORMATS = ['text', 'json', 'md', 'csv', 'html', 'xlsx'];

export async function runCoverage(options: CoverageOptions): Promise<number> {
  if (!FORMATS.includes(options.format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')} for coverage, got \`${options.format}\``);
  if (options.format === 'xlsx' && options.toTerminal) throw new UsageError('xlsx is a binary file: write it with --output FILE.xlsx, or redirect standard output to a file');
  const { workspace, walkErrors } = await openWorkspace(options, usableCacheDir(options));
  warnUnreadFolders(walkErrors, (line) => process.stderr.write(line));
  const report = workspace.coverage();
  if (options.format === 'text') {
    options.write(coverageText(report, { color: options.color }));
    return 0;
  }
  const matrix = buildMatrix(workspace, report);
  const meta = { today: matrix.today };
  switch (options.format) {
    case 'json':
      options.write(coverageJson(matrix));
      break;
    case 'md':
      options.write(coverageMarkdown(matrix, meta));
      break;
    case 'csv':
      options.write(coverageCsv(matrix));
      break;
    case 'html':
      options.write(coverageHtml(matrix, meta));
      break;
    default:
      options.write(await writeMatrixXlsx(matrix, 'SOC 2 traceability matrix'));
  }
  return 0;
}
