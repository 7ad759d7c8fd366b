import * as fs from 'node:fs';
import { locateFinding } from '../core/index/workspace';
import { subtractFindings } from '../core/report/diff';
import { countFindings, jsonReport, sarifReport, textReport, type LocatedFinding } from '../core/report/findings';
import { RULE_CODES } from '../core/rules/registry';
import type { Severity } from '../core/model/types';
import { cacheContext, type DocumentCache } from '../node/cache';
import type { ComplianceWorkspace } from '../core/index/workspace';
import type { Finding } from '../core/model/types';
import { effectiveType } from '../core/model/facts';
import { positionFreeView } from '../core/model/positions';
import { loadWorkspace, readConfigSource, type LoadedWorkspace } from '../node/loadWorkspace';
import { resolveDocumentPath } from '../node/readDocument';
import { collectGarbage } from '../node/heap';
import { createParsePool } from '../node/pool';
import { lookupResult, resultFile, storeResult, type CheckResult, type PreviousResult, type DocumentInput, type FindingTally, type RenderedReport, type RunInputs } from '../node/resultCache';
import { realRoot, walkWorkspace } from '../node/walk';
import { checkDirectory, openWorkspace, readGaps, resolveToday, usableCacheDir, UsageError, VERSION, type CommonOptions } from './common';
import { applyHistory, historyKey, historyNotice, repositoryState, startHistory } from './history';
import { configErrorsNotice, incompleteNotice, warnUnreadFolders } from './notices';
import type { RawHistory, RepositoryState } from '../node/git';

export interface CheckOptions extends CommonOptions {
  readonly format: string;
  readonly maxWarnings: string | undefined;
  /** A file of findings already known (a `check --format json` output): only others are reported. */
  readonly baseline?: string | undefined;
}

/** The findings a baseline file records: `check --format json` output, read back. */
export function readBaseline(file: string): Array<{ path: string; code: string; message: string }> {
  let data: unknown;
  try {
    data = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(`cannot read the baseline ${file}: ${code === 'ENOENT' ? 'no such file' : code ?? 'it is not JSON'}. Write one with \`compliance-docs check --format json --output ${file}\`.`);
  }
  const findings = (data as { findings?: unknown } | null)?.findings;
  if (!Array.isArray(findings) || !findings.every((f) => typeof f === 'object' && f !== null && typeof f.path === 'string' && typeof f.code === 'string' && typeof f.message === 'string')) {
    throw new UsageError(`the baseline ${file} is not a \`check --format json\` output (it needs \`findings\`, each with \`path\`, \`code\` and \`message\`).`);
  }
  return findings.map((f: { path: string; code: string; message: string }) => ({ path: f.path, code: f.code, message: f.message }));
}

const FORMATS = ['text', 'json', 'sarif'];

export async function runCheck(options: CheckOptions): Promise<number> {
  if (!FORMATS.includes(options.format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')} for check, got \`${options.format}\``);
  let maxWarnings = -1;
  if (options.maxWarnings !== undefined) {
    // A negative number (as in `--max-warnings -1`) means no limit, as the default.
    if (!/^-?\d+$/.test(options.maxWarnings)) throw new UsageError(`--max-warnings must be a whole number (negative for no limit), got \`${options.maxWarnings}\``);
    maxWarnings = Number(options.maxWarnings);
  }
  const root = checkDirectory(options.dir);
  const baseline = options.baseline === undefined ? undefined : readBaseline(options.baseline);
  const today = resolveToday(options.today, root);
  const cacheDir = usableCacheDir(options);
  // Outside a repository this costs one lstat; at a repository's top, one git call before anything is read.
  const git: GitRun = { state: await repositoryState(root) };
  const checked: Checked = cacheDir === undefined ? checkedOf(await checkNow(options, git)) : await checkThroughCache(root, today, cacheDir, git);
  // The workspace is unreachable now; its pages are reused for the report and the recorded result.
  if (checked.collect) collectGarbage();
  let n: FindingTally = checked.tally;
  let shown: readonly LocatedFinding[] | undefined;
  if (baseline) {
    const all = checked.result.findings;
    shown = subtractFindings(all, baseline);
    if (all.length > shown.length) {
      const k = all.length - shown.length;
      process.stderr.write(`compliance-docs: ${k} finding${k === 1 ? '' : 's'} recorded in the baseline ${options.baseline} ${k === 1 ? 'is' : 'are'} not reported.\n`);
    }
    n = { ...countFindings(shown), configErrors: checked.tally.configErrors };
  }
  warnUnreadFolders(checked.walkErrors, (line) => process.stderr.write(line));
  historyNotice(git.state, (line) => process.stderr.write(line));
  // The same result asked for in the same form prints the bytes the last run printed (a baseline
  // changes what is printed: then the report is always formatted, and not kept).
  const key = JSON.stringify([options.format, root, today, options.color, VERSION]);
  if (!baseline && checked.rendered?.key === key) options.write(checked.rendered.bytes);
  else {
    const report = (): string => formatReport(checked.result, shown ?? checked.result.findings, options, root, today);
    if (checked.keep && !baseline) {
      // No variable holds the text: once its bytes are made it is garbage, and with a large workspace
      // it is collected (7 MB at 10,000 documents) before the result is recorded.
      const bytes = lineBytes(report());
      options.write(bytes);
      if (checked.collect) collectGarbage('minor');
      checked.keep({ key, bytes });
    } else options.write(`${report()}\n`);
  }

  const configErrors = n.configErrors;
  if (configErrors > 0) {
    process.stderr.write(configErrorsNotice(checked.configPath, configErrors));
    return 2;
  }
  if (checked.walkErrors.length > 0) {
    // A check that could not read part of the repository has not shown that the repository passes.
    process.stderr.write(incompleteNotice(checked.walkErrors.length, 'check'));
    return 1;
  }
  if (n.error > 0) return 1;
  if (maxWarnings >= 0 && n.warning > maxWarnings) {
    process.stderr.write(`compliance-docs: ${n.warning} warnings, more than --max-warnings ${maxWarnings}.\n`);
    return 1;
  }
  return 0;
}

/** The report in the format asked for, without its last line break. */
function formatReport(result: CheckResult, findings: readonly LocatedFinding[], options: CheckOptions, root: string, today: string): string {
  const summary = result.summary;
  if (options.format === 'json') return jsonReport(findings, { root, today, summary });
  if (options.format === 'sarif') return sarifReport(findings, { version: VERSION, severityOf: (c) => result.severities[c] ?? 'warning', summary });
  return textReport(findings, { color: options.color, summary });
}

/**
 * The text's UTF-8 bytes and a line break. Not Buffer.from(`${text}\n`): that joined string would be
 * copied whole into a flat one before its bytes were made.
 */
function lineBytes(text: string): Buffer {
  const n = Buffer.byteLength(text);
  const bytes = Buffer.allocUnsafe(n + 1);
  bytes.write(text, 0, n, 'utf8');
  bytes[n] = 0x0a;
  return bytes;
}

/** Every finding of a loaded workspace, located, with what the report needs of the config. */
export function resultOf(loaded: LoadedWorkspace): CheckResult {
  const { workspace } = loaded;
  const findings: LocatedFinding[] = [];
  for (const f of workspace.allFindings()) findings.push(located(workspace, f));
  const severities: Record<string, Severity | 'off'> = {};
  for (const code of RULE_CODES) severities[code] = workspace.severityOf(code);
  return { findings, workspaceCount: workspace.workspaceFindings().length, severities, configPath: workspace.getConfig().path, walkErrors: readGaps(loaded), summary: workspace.runSummary() };
}

function located(workspace: ComplianceWorkspace, f: Finding): LocatedFinding {
  const range = locateFinding(workspace, f);
  return { path: f.path, code: f.code, severity: f.severity, message: f.message, ...(range ? { range } : {}) };
}

/**
 * The previous run's result with the findings of the documents that changed since computed again,
 * when that is all that can differ: each changed document reads as it did but for positions in its
 * own text (positionFreeView: lines added above, a paragraph rewritten), so the other documents'
 * findings, the workspace's and the run summary are what they were. A vendor is the exception (its
 * findings cap CC9.2's coverage). Undefined when anything else changed: then everything is computed.
 * The perf-equivalence tests hold it to a run from scratch.
 */
export function keptResult(workspace: ComplianceWorkspace, cache: DocumentCache, previous: PreviousResult): CheckResult | undefined {
  const changed = new Set<string>();
  for (const { rel, hash } of previous.changed) {
    const now = workspace.document(rel);
    const before = cache.previous(rel, hash);
    if (!now || !before || effectiveType(now) === 'vendor' || effectiveType(before) === 'vendor') return undefined;
    if (positionFreeView(now) !== positionFreeView(before)) return undefined;
    changed.add(rel);
  }
  const kept = previous.result;
  const findings: LocatedFinding[] = kept.findings.slice(0, kept.workspaceCount);
  // Documents' findings run by path: each changed document's go where its old ones were.
  const paths = [...changed].sort();
  let next = 0;
  const flushBefore = (p: string | undefined): void => {
    while (next < paths.length && (p === undefined || paths[next] <= p)) {
      for (const f of workspace.findings(paths[next])) findings.push(located(workspace, f));
      next++;
    }
  };
  for (let k = kept.workspaceCount; k < kept.findings.length; k++) {
    const f = kept.findings[k];
    flushBefore(f.path);
    if (!changed.has(f.path)) findings.push(f);
  }
  flushBefore(undefined);
  return { ...kept, findings };
}

/** A run's result; through the cache, also the report last printed from it and a way to keep this run's. */
interface Checked {
  readonly result: CheckResult;
  readonly tally: FindingTally;
  readonly configPath: string | undefined;
  readonly walkErrors: CheckResult['walkErrors'];
  readonly rendered: RenderedReport | undefined;
  readonly keep?: (rendered: RenderedReport) => void;
  /** Whether the workspace just dropped is large enough that collecting it before the report pays (node/heap.ts). */
  readonly collect?: boolean;
}

/** From this many documents, the cold check collects its workspace before it writes the report and the recorded result. */
const COLLECT_FROM = 2000;

function checkedOf(result: CheckResult, keep?: (rendered: RenderedReport) => void): Checked {
  const n = countFindings(result.findings);
  const configErrors = result.findings.filter((f) => f.code === 'config-invalid' && f.severity === 'error').length;
  return { result, tally: { ...n, configErrors }, configPath: result.configPath, walkErrors: result.walkErrors, rendered: undefined, ...(keep ? { keep } : {}) };
}

/** The repository's state for this run, updated when reading history fails. */
interface GitRun {
  state: RepositoryState;
}

async function checkNow(options: CommonOptions, git: GitRun): Promise<CheckResult> {
  const raw = startHistory(checkDirectory(options.dir), git.state);
  const loaded = await openWorkspace(options, undefined);
  git.state = await applyHistory(loaded.workspace, raw);
  return resultOf(loaded);
}

/**
 * Prints the result of the last run again when nothing it was computed from changed (node/resultCache.ts);
 * otherwise checks through the parse cache, reusing the config and walk just read, and records the result.
 */
async function checkThroughCache(root: string, today: string, cacheDir: string, git: GitRun): Promise<Checked> {
  const startedAt = Date.now();
  const rootReal = realRoot(root);
  const file = resultFile(cacheDir, rootReal);
  const pool = createParsePool();
  const code = cacheContext([__filename, ...(pool ? [pool.script] : [])], {});
  const inputsOf = (read: NonNullable<LoadedWorkspace['read']>): RunInputs | undefined =>
    code === undefined ? undefined : { code, rootReal, today, configName: read.config.name, configText: read.config.text, listing: read.walk.entries, walkErrors: read.walk.errors, history: historyKey(git.state) };
  // With no recorded result (a first run), the walk is not done twice: the workspace is loaded as
  // usual, its worker starting on documents while the walk goes on.
  let read: LoadedWorkspace['read'];
  let previous: PreviousResult | undefined;
  if (fs.existsSync(file)) {
    read = { config: readConfigSource(root), walk: walkWorkspace(root) };
    const inputs = inputsOf(read);
    const stored = inputs ? lookupResult(file, inputs, root, startedAt) : undefined;
    if (stored?.kind === 'same') {
      pool?.close();
      return stored;
    }
    previous = stored;
  }
  // git reads the history while the documents are parsed.
  const raw: Promise<RawHistory> = startHistory(root, git.state);
  let loaded: LoadedWorkspace;
  try {
    // With a previous result, findings wait: most are kept.
    loaded = await loadWorkspace(root, { today, cacheDir, ...(read ? { read } : {}), ...(pool ? { pool } : {}), ...(previous ? { prepare: false } : {}), closePool: true });
  } catch (e) {
    pool?.close();
    throw e;
  }
  const before = historyKey(git.state);
  git.state = await applyHistory(loaded.workspace, raw);
  // The previous result is for the history read then (the inputs key holds it): kept only when this run read the same.
  const kept = previous && loaded.cache && historyKey(git.state) === before ? keptResult(loaded.workspace, loaded.cache, previous) : undefined;
  const result = kept ?? resultOf(loaded);
  // A history that could not be read this time is not recorded as the result for that commit.
  const inputs = loaded.read && historyKey(git.state) === before ? inputsOf(loaded.read) : undefined;
  if (!inputs || !loaded.cache) return checkedOf(result);
  const documents = documentInputs(loaded.workspace, loaded.cache);
  // Recorded once the report is printed, with it, and written while the report goes out.
  return {
    ...checkedOf(result, (rendered) => {
      storeResult(file, inputs, root, documents, startedAt, result, { rendered, soon: true });
    }),
    collect: documents.length >= COLLECT_FROM,
  };
}

/**
 * What the recorded result needs of each document. A function of its own so that the closure that
 * records the result does not share a scope with the workspace: V8 keeps one context for all the
 * closures of a function, and the workspace held there outlived the check (70 MB at 10,000 documents).
 */
function documentInputs(workspace: ComplianceWorkspace, cache: DocumentCache): DocumentInput[] {
  return workspace.documentPathsInInventory().map((rel): DocumentInput => {
    const real = resolveDocumentPath(workspace, rel);
    const signature = cache.signatureOf(rel);
    return { rel, real: typeof real === 'string' ? real : '', hash: signature ? (cache.hashOf(rel) ?? '') : '', signature };
  });
}
