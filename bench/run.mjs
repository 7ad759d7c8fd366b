#!/usr/bin/env node
// `npm run bench`: generates the benchmark repository at 1,000 and 10,000 documents and measures the
// built CLI and language server on it, next to markdownlint-cli2 and a plain read of the same files.
// Prints the machine and a Markdown table (docs/BENCHMARKS.md holds one). Run it on an idle machine:
// the load average is printed so a busy one shows.
//
// usage: node bench/run.mjs [--sizes 1000,10000] [--runs 3] [--edits 200] [--no-markdownlint] [--dist DIR] [--json FILE]
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { lspSession } from './lsp.mjs';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1000,10000' },
    runs: { type: 'string', default: '3' },
    edits: { type: 'string', default: '200' },
    'no-markdownlint': { type: 'boolean', default: false },
    dist: { type: 'string' },
    json: { type: 'string' },
  },
});
const here = path.dirname(fileURLToPath(import.meta.url));
const project = path.resolve(here, '..');
const dist = path.resolve(values.dist ?? path.join(project, 'dist'));
const CLI = path.join(dist, 'cli.js');
const SERVER = path.join(dist, 'server.js');
const MARKDOWNLINT = path.join(project, 'node_modules', 'markdownlint-cli2', 'markdownlint-cli2-bin.mjs');
const PEAK_RSS = path.join(here, 'peak-rss.cjs');
const TODAY = '2026-11-16';
/** A control in the middle of the repository, with findings of its own. */
const OPENED = (n) => `controls/g${String(Math.floor(Math.floor(n / 2) / 250)).padStart(3, '0')}/CTL-${String(Math.floor(n / 2) + 2).padStart(5, '0')}.md`;

const sizes = values.sizes.split(',').map(Number);
const runs = Number(values.runs);
const edits = Number(values.edits);

for (const f of [CLI, SERVER]) {
  if (!fs.existsSync(f)) {
    console.error(`${path.relative(project, f)} is missing: build first (npm run bench builds it).`);
    process.exit(2);
  }
}

const work = path.join(os.tmpdir(), 'compliance-docs-bench');
fs.mkdirSync(work, { recursive: true });
const now = () => Number(process.hrtime.bigint()) / 1e6;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const log = (s) => process.stderr.write(`${s}\n`);

/** Runs a node script to completion; wall time from spawn to exit, peak RSS of the process. */
function timed(args, { cwd = project, stdout = 'ignore', okCodes = [0] } = {}) {
  const rssFile = path.join(work, `rss-${process.pid}.txt`);
  fs.rmSync(rssFile, { force: true });
  return new Promise((resolve, reject) => {
    const out = stdout === 'ignore' ? 'ignore' : fs.openSync(stdout, 'w');
    const t = now();
    const child = spawn(process.execPath, ['--require', PEAK_RSS, ...args], { cwd, stdio: ['ignore', out, 'pipe'], env: { ...process.env, BENCH_RSS_FILE: rssFile } });
    let err = '';
    child.stderr.on('data', (b) => (err += b));
    child.on('error', reject);
    child.on('exit', (code) => {
      const wall = now() - t;
      if (typeof out === 'number') fs.closeSync(out);
      if (!okCodes.includes(code)) return reject(new Error(`${args.join(' ')} exited ${code}: ${err.slice(0, 2000)}`));
      const rss = Number(fs.readFileSync(rssFile, 'utf8'));
      resolve({ wall, rss });
    });
  });
}

function generate(n) {
  const root = path.join(work, `docs-${n}`);
  // With vendors, risks and an assessment: what users run.
  return timed([path.join(here, 'gen-corpus.mjs'), root, String(n), '42', 'all']).then(() => root);
}

async function repeat(times, before, run) {
  const results = [];
  for (let i = 0; i < times; i++) {
    before?.();
    results.push(await run());
  }
  return { wall: median(results.map((r) => r.wall)), rss: median(results.map((r) => r.rss)), all: results.map((r) => Math.round(r.wall)) };
}

async function measure(n) {
  log(`\n${n} documents: generating…`);
  const root = await generate(n);
  const cliCache = path.join(work, `cache-cli-${n}`);
  const lspCache = path.join(work, `cache-lsp-${n}`);
  const check = (out = 'ignore') => timed([CLI, 'check', root, '--format', 'json', '--today', TODAY, '--cache-dir', cliCache], { stdout: out, okCodes: [0, 1] });
  const r = { n, loadBefore: os.loadavg()[0] };

  log('  read-only pass');
  r.readOnly = await repeat(runs, undefined, () => timed([path.join(here, 'read-only.mjs'), root]));
  log('  cold check');
  r.cold = await repeat(runs, () => fs.rmSync(cliCache, { recursive: true, force: true }), () => check());
  log('  warm check');
  const reportFile = path.join(work, `check-${n}.json`);
  await check(reportFile);
  r.warm = await repeat(runs, undefined, () => check());
  // The recorded result is printed again only when nothing changed; one edited document makes the
  // run parse that document and index everything again from the parse cache.
  log('  warm check, one document edited since');
  const edited = path.join(root, OPENED(n));
  const original = fs.readFileSync(edited);
  let flip = 0;
  r.warmEdited = await repeat(runs, () => fs.writeFileSync(edited, Buffer.concat([original, Buffer.from(flip++ % 2 ? '\n\n' : '\n')])), () => check());
  fs.writeFileSync(edited, original);
  const report = JSON.parse(fs.readFileSync(reportFile, 'utf8'));
  r.findings = report.findings.length;
  r.filesWithFindings = new Set(report.findings.filter((f) => f.line !== undefined).map((f) => f.path)).size;

  log('  language server (no cache yet, then with it)');
  fs.rmSync(lspCache, { recursive: true, force: true });
  r.lsp = await lspSession({ server: SERVER, root, open: OPENED(n), today: TODAY, cacheDir: lspCache, edits });
  r.lspWarm = await lspSession({ server: SERVER, root, open: OPENED(n), today: TODAY, cacheDir: lspCache, edits: 0 });
  // The same documents in a git repository with a history (body-changed-after-review reads it).
  log('  cold check in a git repository (300 commits of history)');
  const gitRoot = path.join(work, `docs-${n}-git`);
  const gitCache = path.join(work, `cache-git-${n}`);
  fs.rmSync(gitRoot, { recursive: true, force: true });
  fs.cpSync(root, gitRoot, { recursive: true });
  await timed([path.join(here, 'gen-history.mjs'), gitRoot, '300', '10']);
  r.coldGit = await repeat(runs, () => fs.rmSync(gitCache, { recursive: true, force: true }), () => timed([CLI, 'check', gitRoot, '--format', 'json', '--today', TODAY, '--cache-dir', gitCache], { okCodes: [0, 1] }));
  fs.rmSync(gitRoot, { recursive: true, force: true });
  if (!values['no-markdownlint']) {
    log('  markdownlint-cli2');
    r.markdownlint = await timed([MARKDOWNLINT, 'policies/**/*.md', 'procedures/**/*.md', 'controls/**/*.md'], { cwd: root, okCodes: [0, 1] });
  }
  r.loadAfter = os.loadavg()[0];
  return r;
}

const s = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`);
const mb = (kb) => `${Math.round(kb / 1024)} MB`;
const x = (a, b) => `${(a / b).toFixed(a / b < 1 ? 3 : 1)}×`;

function table(results) {
  const cols = results.map((r) => `${r.n.toLocaleString('en-US')} docs`);
  const rows = [
    ['cold `check` (no cache): wall, peak RSS', (r) => `${s(r.cold.wall)}, ${mb(r.cold.rss)}`],
    ['cold `check` in a git repository (301 commits): wall, peak RSS', (r) => `${s(r.coldGit.wall)}, ${mb(r.coldGit.rss)}`],
    ['warm `check` (cache from the run before): wall, peak RSS', (r) => `${s(r.warm.wall)}, ${mb(r.warm.rss)}`],
    ['warm `check`, one document edited since: wall, peak RSS', (r) => `${s(r.warmEdited.wall)}, ${mb(r.warmEdited.rss)}`],
    ['LSP: `initialize` → diagnostics of the opened document', (r) => s(r.lsp.firstDiagnostics)],
    ['LSP: `initialize` → whole workspace published (no cache / cache)', (r) => `${s(r.lsp.workspace)} / ${s(r.lspWarm.workspace)}`],
    [`LSP: edit → updated diagnostics, p50 / p95 (${edits} edits)`, (r) => `${r.lsp.editP50.toFixed(1)} / ${r.lsp.editP95.toFixed(1)} ms`],
    ['LSP: criterion added to / removed from `criteria: [` → diagnostics, p50 / p95 (100 edits)', (r) => `${r.lsp.criteriaP50.toFixed(1)} / ${r.lsp.criteriaP95.toFixed(1)} ms`],
    ['LSP: completion in `policies: [` (items), p50 / hover on a criterion, p50 (50 each)', (r) => `${r.lsp.completionP50.toFixed(1)} ms (${r.lsp.completionItems}) / ${r.lsp.hoverP50.toFixed(1)} ms`],
    ['LSP: server RSS after indexing → after the edits, completions and hovers', (r) => `${mb(r.lsp.rssIndexed)} → ${mb(r.lsp.rssAfterEdits)}`],
    ['read-only pass (read every document): wall, peak RSS', (r) => `${s(r.readOnly.wall)}, ${mb(r.readOnly.rss)}`],
    ['markdownlint-cli2 on the same documents: wall, peak RSS', (r) => (r.markdownlint ? `${s(r.markdownlint.wall)}, ${mb(r.markdownlint.rss)}` : 'not run')],
    ['cold `check` ÷ markdownlint-cli2 (wall)', (r) => (r.markdownlint ? x(r.cold.wall, r.markdownlint.wall) : '–')],
    ['cold `check` ÷ read-only pass (wall)', (r) => x(r.cold.wall, r.readOnly.wall)],
    ['warm `check` ÷ read-only pass (wall)', (r) => x(r.warm.wall, r.readOnly.wall)],
  ];
  const lines = [`| | ${cols.join(' | ')} |`, `|---|${cols.map(() => '---:').join('|')}|`];
  for (const [label, cell] of rows) lines.push(`| ${label} | ${results.map(cell).join(' | ')} |`);
  return lines.join('\n');
}

const machine = [
  `- CPU: ${os.cpus()[0]?.model ?? 'unknown'}, ${os.availableParallelism()} cores available`,
  `- memory: ${Math.round(os.totalmem() / 2 ** 30)} GB; ${os.type()} ${os.release()}; Node ${process.version}`,
];
const results = [];
for (const n of sizes) results.push(await measure(n));
const out = [
  '## Machine',
  '',
  ...machine,
  `- load average (1 min) before / after each size: ${results.map((r) => `${r.n}: ${r.loadBefore.toFixed(2)} / ${r.loadAfter.toFixed(2)}`).join('; ')}`,
  '',
  '## Results',
  '',
  `Medians of ${runs} runs for \`check\` and the read-only pass; one run of markdownlint-cli2 and of each language-server session.`,
  '',
  table(results),
  '',
  ...results.map((r) => `- ${r.n} documents: ${r.findings} findings in ${r.filesWithFindings} files; the server published diagnostics for ${r.lsp.publishedFiles} files. check runs (ms): cold ${r.cold.all.join(', ')}; warm ${r.warm.all.join(', ')}; warm with one document edited ${r.warmEdited.all.join(', ')}; cold in the git repository ${r.coldGit.all.join(', ')}. Edit latency max ${r.lsp.editMax.toFixed(1)} ms.`),
  '',
];
process.stdout.write(out.join('\n'));
if (values.json) fs.writeFileSync(values.json, JSON.stringify({ machine, results }, null, 2));
