import type { CoverageReport } from '../core/coverage/coverage';
import { locateFinding, type ComplianceWorkspace } from '../core/index/workspace';
import { printable } from '../core/report/findings';
import { coverageCsv, coverageHtml, coverageJson, coverageMarkdown, coverageText } from '../core/report/coverage';
import { buildMatrix } from '../core/report/matrix';
import { MATRIX_TABLES } from '../core/report/tables';
import { writeMatrixXlsx } from '../node/xlsxLoader';
import { openWorkspace, readGaps, usableCacheDir, UsageError, type CommonOptions } from './common';
import { configErrorsNotice, incompleteNotice, warnUnreadFolders } from './notices';

export interface CoverageOptions extends CommonOptions {
  readonly format: string;
  /** Standard output is a terminal (a binary format needs --output there). */
  readonly toTerminal?: boolean;
  /** The table a CSV holds (a MATRIX_TABLES key); the matrix when absent. */
  readonly table?: string;
}

const FORMATS = ['text', 'json', 'md', 'csv', 'html', 'xlsx'];

export async function runCoverage(options: CoverageOptions): Promise<number> {
  if (!FORMATS.includes(options.format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')} for coverage, got \`${options.format}\``);
  if (options.format === 'xlsx' && options.toTerminal) throw new UsageError('xlsx is a binary file: write it with --output FILE.xlsx, or redirect standard output to a file');
  const table = options.table === undefined ? undefined : MATRIX_TABLES.find((t) => t.key === options.table);
  if (options.table !== undefined && options.format !== 'csv') throw new UsageError(`--table chooses the table of a CSV file; ${options.format} holds every table. Use --format csv, or leave out --table`);
  if (options.table !== undefined && !table) throw new UsageError(`--table must be one of ${MATRIX_TABLES.map((t) => t.key).join(', ')}, got \`${options.table}\``);
  const loaded = await openWorkspace(options, usableCacheDir(options));
  const { workspace } = loaded;
  const walkErrors = readGaps(loaded);
  warnUnreadFolders(walkErrors, (line) => process.stderr.write(line));
  const report = workspace.coverage();
  await writeReport(options, workspace, report);
  // As check does: a config with errors means the scope, period or review cycle the report was built
  // from are defaults, not the program's (a misspelt category drops it from the matrix), so the run fails
  // and says why, with each error where it is.
  const configErrors = workspace.workspaceFindings().filter((f) => f.code === 'config-invalid' && f.severity === 'error');
  if (configErrors.length > 0) {
    for (const f of configErrors) {
      const at = locateFinding(workspace, f);
      process.stderr.write(`compliance-docs: ${printable(f.path === '' ? '(repository)' : f.path)}${at ? `:${at.start.line + 1}:${at.start.character + 1}` : ''}: ${printable(f.message)}\n`);
    }
    process.stderr.write(configErrorsNotice(workspace.getConfig().path, configErrors.length, 'the report was built without those settings'));
    return 2;
  }
  if (walkErrors.length > 0) {
    // A matrix built without part of the repository may show criteria uncovered that are not.
    process.stderr.write(incompleteNotice(walkErrors.length, 'report'));
    return 1;
  }
  return 0;
}

async function writeReport(options: CoverageOptions, workspace: ComplianceWorkspace, report: CoverageReport): Promise<void> {
  if (options.format === 'text') {
    options.write(coverageText(report, { color: options.color }));
    return;
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
      options.write(coverageCsv(matrix, MATRIX_TABLES.find((t) => t.key === options.table)));
      break;
    case 'html':
      options.write(coverageHtml(matrix, meta));
      break;
    default:
      options.write(await writeMatrixXlsx(matrix, 'SOC 2 traceability matrix'));
  }
}
