// Runs the built command as a user does (`node dist/cli.js …`) and builds small repositories on disk.

import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const PROJECT = path.resolve(__dirname, '../../..');
export const CLI = path.join(PROJECT, 'dist', 'cli.js');
export const HARBORVIEW = path.join(PROJECT, 'examples', 'harborview');
export const FIXTURES = path.join(PROJECT, 'test', 'fixtures');
export const TODAY = '2026-11-16';
/**
 * What `coverage` of the example says on stderr: its config has one deliberate mistake (a misspelt
 * key, examples/harborview/EXPECTED.md #3), so coverage prints the report and exits 2, as check does.
 */
export const HARBORVIEW_COVERAGE_STDERR =
  'compliance-docs: compliance-docs.yml:16:3: Unknown setting `review.due_son_days`. Did you mean `due_soon_days`? Known: cycle, due_soon_days.\n' +
  'compliance-docs: compliance-docs.yml has 1 error (config-invalid), so the report was built without those settings; fix the configuration.\n';

/** Builds dist/ once when a test run starts without it (npm test builds it first). */
export function ensureBuilt(): void {
  if (!fs.existsSync(CLI)) execFileSync(process.execPath, ['esbuild.js'], { cwd: PROJECT, stdio: 'inherit' });
}

export interface RunResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  readonly cwd?: string;
  /** Options for node itself, before the script (e.g. `--require`). */
  readonly nodeArgs?: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
}

export function runCli(args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  return runNode([...(options.nodeArgs ?? []), CLI, ...args], options);
}

/** Runs `node` with these arguments (and none of this process's NODE_OPTIONS or FORCE_COLOR). */
export function runNode(args: readonly string[], options: Omit<RunOptions, 'nodeArgs'> = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, ...options.env };
    delete env.NODE_OPTIONS;
    delete env.FORCE_COLOR;
    const child = spawn(process.execPath, args, { cwd: options.cwd ?? PROJECT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
  });
}

/**
 * A suite's runs, started together a few at a time so the processes overlap instead of waiting for
 * one test after another: `before(() => runs.start())`, then `await runs.get(name)` in each test.
 */
export class Runs {
  private readonly specs = new Map<string, () => Promise<RunResult>>();
  private readonly results = new Map<string, Promise<RunResult>>();

  /** Arguments and options may be functions, read when the runs start (after `before` made the folders). */
  add(name: string, args: readonly string[] | (() => readonly string[]), options: RunOptions | (() => RunOptions) = {}): this {
    this.specs.set(name, () => runCli(typeof args === 'function' ? args() : args, typeof options === 'function' ? options() : options));
    return this;
  }

  start(concurrency = 4): void {
    let active = 0;
    const queue: Array<() => void> = [];
    const limit = (run: () => Promise<RunResult>): Promise<RunResult> =>
      new Promise((resolve, reject) => {
        const go = (): void => {
          active++;
          run()
            .then(resolve, reject)
            .finally(() => {
              active--;
              queue.shift()?.();
            });
        };
        if (active < concurrency) go();
        else queue.push(go);
      });
    for (const [name, run] of this.specs) this.results.set(name, limit(run));
  }

  get(name: string): Promise<RunResult> {
    const r = this.results.get(name);
    if (!r) throw new Error(`no run named ${name}`);
    return r;
  }
}

export function parseCheckJson(result: RunResult): CheckReport {
  try {
    return JSON.parse(result.stdout) as CheckReport;
  } catch {
    throw new Error(`check did not print JSON (exit ${result.code}):\n${result.stdout}\n${result.stderr}`);
  }
}

export interface JsonFinding {
  readonly path: string;
  readonly line?: number;
  readonly column?: number;
  readonly endLine?: number;
  readonly endColumn?: number;
  readonly code: string;
  readonly severity: string;
  readonly message: string;
}

export interface CheckReport {
  readonly root: string;
  readonly today: string;
  readonly summary: { readonly errors: number; readonly warnings: number; readonly infos: number; readonly hints: number };
  readonly findings: readonly JsonFinding[];
  readonly documents: ReadonlyArray<{ readonly path: string; readonly type: string; readonly id: string; readonly status: string; readonly criteria: readonly string[] }>;
  readonly skipped: ReadonlyArray<{ readonly path: string; readonly reason: string }>;
}

/** `path:line code` for each finding, for compact assertions. */
export function keysOf(findings: readonly JsonFinding[]): string[] {
  return findings.map((f) => `${f.path}:${f.line ?? '-'} ${f.code}`);
}

const temps: string[] = [];

/** A fresh folder under the system temp folder; removed by `removeTemps`. */
export function tempDir(prefix = 'cd-cli-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  temps.push(dir);
  return dir;
}

export function removeTemps(): void {
  for (const d of temps.splice(0)) fs.rmSync(d, { recursive: true, force: true });
}

/** Writes files (path → content) under `root`, creating folders. */
export function writeFiles(root: string, files: Readonly<Record<string, string | Buffer>>): string {
  for (const [rel, content] of Object.entries(files)) {
    const abs = path.join(root, rel);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, content);
  }
  return root;
}

/** A repository in a fresh temp folder. */
export function repoOf(files: Readonly<Record<string, string | Buffer>>): string {
  return writeFiles(tempDir(), files);
}

export function lines(...l: string[]): string {
  return `${l.join('\n')}\n`;
}

/** Symlinks need a privilege on Windows; tests of them run elsewhere. */
export const CAN_SYMLINK = process.platform !== 'win32';
