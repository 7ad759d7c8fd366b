#!/usr/bin/env node
// Checks what a user sees: installs the packaged extension into a fresh VS Code server, opens a copy
// of the workspace in chromium, waits for Problems rows (and a view container's tree rows), and saves
// a screenshot. On failure it saves failure.png next to the output and exits 1.
//
//   node test/e2e/ui-check.mjs --vsix FILE [--workspace DIR] [--out docs/images/screenshot.png]
//                              [--open RELATIVE_PATH] [--view "CONTAINER TITLE"] [--setting KEY=VALUE]...
//                              [--expect-row TEXT]... [--expand TEXT]... [--sidebar-width PX]
//                              [--command "CATEGORY: TITLE"] [--pick TEXT] [--expect-webview SELECTOR]
//                              [--expect-text TEXT]
//
// --expect-row waits for a side bar row containing TEXT (so every view of the container has drawn);
// --expand clicks such a row open before the screenshot.
// --command runs a command from the palette (e.g. "Compliance: Show Coverage Report") last, and
// --expect-webview waits until the webview it opens shows an element matching SELECTOR.
// --pick chooses the quick pick row holding TEXT that the command opens (a walkthrough by its title);
// --expect-text waits until the editor area shows TEXT.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  ROOT, UsageError, copyWorkspace, ensureInstalled, launchChromium, makeStateDir, parseSettings,
  resolveWorkspace, runMain, runServerCommand, startServer, writeWorkspaceSettings,
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
      setting: { type: 'string', multiple: true },
      'expect-row': { type: 'string', multiple: true, default: [] },
      expand: { type: 'string', multiple: true, default: [] },
      'sidebar-width': { type: 'string' },
      command: { type: 'string' },
      'expect-webview': { type: 'string' },
      pick: { type: 'string' },
      'expect-text': { type: 'string' },
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
  return { ...values, vsix, workspace, out: path.resolve(values.out), settings: parseSettings(values.setting) };
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

/** A side bar row by its text; rows are matched on their accessible label, which holds the whole row. */
function sideBarRow(page, text) {
  return page.locator('.part.sidebar .pane-body .monaco-list-row', { hasText: text });
}

async function expandRow(page, text) {
  const row = sideBarRow(page, text).first();
  await expectVisible(row, `side bar row "${text}"`);
  if ((await row.getAttribute('aria-expanded')) === 'false') await row.click();
  await page.waitForFunction(
    ({ text }) => [...document.querySelectorAll('.part.sidebar .pane-body .monaco-list-row')].some((el) => el.textContent.includes(text) && el.getAttribute('aria-expanded') === 'true'),
    { text },
    { timeout: WAIT_MS },
  );
}

/** Drags the sash on the side bar's right edge so the side bar is `width` pixels wide. */
async function resizeSideBar(page, width) {
  const side = await page.locator('.part.sidebar').boundingBox();
  if (!side) throw new Error('no side bar to resize');
  const edge = side.x + side.width;
  const sashes = await page.locator('.monaco-sash.vertical').evaluateAll((els) => els.map((el) => {
    const r = el.getBoundingClientRect();
    return { x: r.x + r.width / 2, y: r.y + r.height / 2, height: r.height };
  }));
  const sash = sashes.filter((s) => Math.abs(s.x - edge) < 6 && s.height > 100)[0];
  if (!sash) throw new Error(`no sash at the side bar's edge (x ${edge})`);
  await page.mouse.move(sash.x, sash.y);
  await page.mouse.down();
  await page.mouse.move(side.x + width, sash.y, { steps: 10 });
  await page.mouse.up();
  const now = (await page.locator('.part.sidebar').boundingBox())?.width ?? 0;
  if (Math.abs(now - width) > 8) throw new Error(`side bar is ${now} px wide after resizing to ${width}`);
}

/** Runs a command by its palette title, as a user would. */
async function runCommand(page, title) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await expectVisible(input, 'command palette');
  await input.fill(`>${title}`);
  await expectVisible(page.locator('.quick-input-list .monaco-list-row', { hasText: title.replace(/^[^:]*:\s*/, '') }), `command "${title}" in the palette`);
  await page.keyboard.press('Enter');
}

/** Waits for an element in the active webview (an iframe holding the page's own iframe); returns its text. */
async function webviewElement(page, selector) {
  const deadline = Date.now() + WAIT_MS;
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      const el = await frame.$(selector).catch(() => null);
      if (el) {
        await el.scrollIntoViewIfNeeded().catch(() => {});
        return (await el.innerText()).replace(/\s+/g, ' ').trim().slice(0, 120);
      }
    }
    await page.waitForTimeout(100);
  }
  throw new Error(`no ${selector} in a webview after ${WAIT_MS / 1000} s`);
}

async function check(options, onCleanup) {
  const started = Date.now();
  ensureInstalled();
  const stateDir = makeStateDir('ui');
  const folder = copyWorkspace(options.workspace);
  writeWorkspaceSettings(folder, options.settings);
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
      await showViewContainer(page, options.view);
      if (options['sidebar-width']) await resizeSideBar(page, Number(options['sidebar-width']));
      for (const text of options['expect-row']) await expectVisible(sideBarRow(page, text), `side bar row "${text}"`);
      for (const text of options.expand) await expandRow(page, text);
      const tree = await rowTexts(page.locator('.part.sidebar .pane-body .monaco-list-row'));
      console.log(`${options.view} view (${tree.length} rows):`);
      for (const row of tree) console.log(`  ${row}`);
    }

    if (options.command) await runCommand(page, options.command);
    if (options.pick) {
      const row = page.locator('.quick-input-list .monaco-list-row', { hasText: options.pick });
      await expectVisible(row, `quick pick row "${options.pick}"`);
      await row.first().click();
    }
    if (options['expect-text']) {
      await expectVisible(page.locator('.part.editor', { hasText: options['expect-text'] }), `"${options['expect-text']}" in the editor area`);
      console.log(`editor area shows: ${options['expect-text']}`);
    }
    if (options['expect-webview']) {
      const found = await webviewElement(page, options['expect-webview']);
      console.log(`webview: ${found}`);
    }

    // Views that are still loading show a spinner on their activity bar icon; take the picture after.
    await page.waitForFunction(() => !document.querySelector('.part.activitybar .badge.progress-badge'), undefined, { timeout: WAIT_MS }).catch(() => {
      console.log('ui-check: a view was still loading when the screenshot was taken');
    });
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
