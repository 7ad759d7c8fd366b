#!/usr/bin/env node
// Checks what a user sees: installs the packaged extension into a fresh VS Code server, opens a copy
// of the workspace in chromium, waits for Problems rows (and a view container's tree rows), and saves
// a screenshot. On failure it saves failure.png next to the output and exits 1.
//
//   node test/e2e/ui-check.mjs --vsix FILE [--workspace DIR] [--out docs/images/screenshot.png]
//                              [--open RELATIVE_PATH] [--view "CONTAINER TITLE"]
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  ROOT, UsageError, copyWorkspace, ensureInstalled, launchChromium, makeStateDir,
  resolveWorkspace, runMain, runServerCommand, startServer,
} from './run.mjs';

const WAIT_MS = 60_000;

/** Paths under the current folder are shown relative to it. */
function shown(file) {
  const relative = path.relative(process.cwd(), file);
  return relative.startsWith('..') ? file : relative;
}

function parseCli() {
  const { values } = parseArgs({
    options: {
      vsix: { type: 'string' },
      workspace: { type: 'string' },
      out: { type: 'string', default: 'docs/images/screenshot.png' },
      open: { type: 'string' },
      view: { type: 'string' },
    },
  });
  if (!values.vsix) {
    throw new UsageError('usage: node test/e2e/ui-check.mjs --vsix FILE [--workspace DIR] [--out PNG] [--open PATH] [--view TITLE]');
  }
  const vsix = path.resolve(values.vsix);
  if (!fs.existsSync(vsix)) throw new UsageError(`no such .vsix: ${vsix}`);
  const workspace = resolveWorkspace(values.workspace);
  if (values.open && !fs.existsSync(path.join(workspace, values.open))) {
    throw new UsageError(`--open ${values.open}: no such file in ${workspace}`);
  }
  return { ...values, vsix, workspace, out: path.resolve(values.out) };
}

/** Waits for a locator to match, failing with what was expected rather than a selector. */
async function expectVisible(locator, what) {
  try {
    await locator.first().waitFor({ timeout: WAIT_MS });
  } catch {
    throw new Error(`no ${what} after ${WAIT_MS / 1000} s`);
  }
}

/** Each row as a screen reader hears it, which keeps the columns apart. */
async function rowTexts(rows) {
  return rows.evaluateAll((els) => els.map((el) => (el.getAttribute('aria-label') || el.innerText).replace(/\s+/g, ' ').trim()));
}

async function openFile(page, relativePath) {
  // Quick Open finds nested paths without walking the explorer tree.
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await expectVisible(input, 'Quick Open box');
  await input.fill(relativePath);
  await expectVisible(page.locator('.quick-input-list .monaco-list-row'), `Quick Open match for ${relativePath}`);
  await page.keyboard.press('Enter');
  const name = path.posix.basename(relativePath);
  await expectVisible(page.locator('.tabs-container .tab.active', { hasText: name }), `editor tab for ${name}`);
  await expectVisible(page.locator('.editor-instance .view-line'), `text in the editor for ${name}`);
}

async function showProblems(page) {
  await page.keyboard.press('Control+Shift+M');
  const rows = page.locator('.markers-panel .monaco-list-row');
  await expectVisible(rows, 'row in the Problems panel');
  return rowTexts(rows);
}

async function showViewContainer(page, title) {
  const icon = page.locator(`.part.activitybar .action-item:has(.action-label[aria-label^="${title}"])`).first();
  await expectVisible(icon, `activity bar icon "${title}"`);
  // Clicking the active container's icon would hide the side bar.
  if (!(await icon.evaluate((el) => el.classList.contains('checked')))) await icon.click();
  const escaped = title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  await expectVisible(page.locator('.part.sidebar .title-label', { hasText: new RegExp(escaped, 'i') }), `side bar titled "${title}"`);
  const rows = page.locator('.part.sidebar .pane-body .monaco-list-row');
  await expectVisible(rows, `tree row in the "${title}" side bar`);
  return rowTexts(rows);
}

async function check(options, onCleanup) {
  const started = Date.now();
  ensureInstalled();
  const stateDir = makeStateDir('ui');
  const folder = copyWorkspace(options.workspace);
  let passed = false;
  onCleanup(() => {
    if (passed) for (const dir of [stateDir, path.dirname(folder)]) fs.rmSync(dir, { recursive: true, force: true });
    else console.error(`ui-check: kept ${path.relative(ROOT, stateDir)} (server.log) and ${path.relative(ROOT, folder)}`);
  });

  console.log(runServerCommand(stateDir, ['--install-extension', options.vsix]).trim());
  const server = await startServer(stateDir);
  onCleanup(() => server.stop());
  const { browser, page } = await launchChromium({ width: 1400, height: 900 });
  onCleanup(() => browser.close());
  fs.mkdirSync(path.dirname(options.out), { recursive: true });

  try {
    await page.goto(`${server.url}/?folder=${encodeURIComponent(folder)}`);
    await expectVisible(page.locator('.explorer-folders-view .monaco-list-row'), 'file in the Explorer');
    if (options.open) await openFile(page, options.open);

    const problems = await showProblems(page);
    console.log(`Problems (${problems.length} rows):`);
    for (const row of problems) console.log(`  ${row}`);

    if (options.view) {
      const tree = await showViewContainer(page, options.view);
      console.log(`${options.view} view (${tree.length} rows):`);
      for (const row of tree) console.log(`  ${row}`);
    }

    // No hover tooltip in the picture.
    await page.mouse.move(0, 0);
    await page.screenshot({ path: options.out });
    passed = true;
    console.log(`ui-check: saved ${shown(options.out)} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return 0;
  } catch (err) {
    const shot = path.join(path.dirname(options.out), 'failure.png');
    await page.screenshot({ path: shot }).catch(() => {});
    console.error(`ui-check: FAILED: ${err.message}`);
    console.error(`ui-check: the page as it was: ${shown(shot)}`);
    return 1;
  }
}

runMain('ui-check', (onCleanup) => check(parseCli(), onCleanup));
