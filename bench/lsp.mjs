// The language server as an editor drives it: the capabilities VS Code announces (pull diagnostics
// with refresh, watched files and configuration by dynamic registration), one opened document, then
// edits typed into it. Times what a user waits for.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const rpc = require('vscode-languageserver-protocol/node');

const now = () => Number(process.hrtime.bigint()) / 1e6;

/** Resident set size of a process in KB (Linux /proc, else ps). */
export function rssOf(pid) {
  try {
    const m = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    if (m) return Number(m[1]);
  } catch {
    // not Linux
  }
  try {
    return Number(require('node:child_process').execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }).trim());
  } catch {
    return NaN;
  }
}

/**
 * Starts the server on `root`, opens `open` (a path inside it), waits until the whole workspace is
 * indexed and published, then types `edits` changes into the title of the opened document, pulling
 * its diagnostics after each. Returns times in ms, RSS in KB.
 */
export async function lspSession({ server, root, open, today, cacheDir, edits }) {
  const tSpawn = now();
  const child = spawn(process.execPath, [server, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const conn = rpc.createProtocolConnection(new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
  const openUri = pathToFileURL(path.join(root, open)).href;
  const published = new Set();
  let pushes = 0;
  let complete;
  let onComplete = () => undefined;
  const logs = [];

  conn.onNotification(rpc.PublishDiagnosticsNotification.type, (p) => {
    pushes++;
    if (p.diagnostics.length > 0) published.add(p.uri);
    else published.delete(p.uri);
  });
  conn.onNotification('complianceDocs/indexChanged', (p) => {
    if (p.complete && complete === undefined) {
      complete = now();
      onComplete();
    }
  });
  conn.onNotification('window/logMessage', (p) => logs.push(p.message));
  conn.onRequest(rpc.RegistrationRequest.type, () => null);
  conn.onRequest(rpc.ConfigurationRequest.type, (p) => p.items.map(() => ({ today })));
  conn.onRequest(rpc.DiagnosticRefreshRequest.type, () => null);
  conn.listen();

  const t0 = now();
  await conn.sendRequest(rpc.InitializeRequest.type, {
    processId: process.pid,
    rootUri: pathToFileURL(root).href,
    workspaceFolders: [{ uri: pathToFileURL(root).href, name: path.basename(root) }],
    initializationOptions: { today, ...(cacheDir ? { cacheDir } : {}) },
    capabilities: {
      textDocument: {
        synchronization: { dynamicRegistration: false, didSave: true },
        diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false },
        publishDiagnostics: { relatedInformation: true },
      },
      workspace: {
        configuration: true,
        workspaceFolders: true,
        didChangeConfiguration: { dynamicRegistration: true },
        didChangeWatchedFiles: { dynamicRegistration: true },
        diagnostics: { refreshSupport: true },
      },
    },
  });
  const tInitialized = now();
  await conn.sendNotification(rpc.InitializedNotification.type, {});
  let text = fs.readFileSync(path.join(root, open), 'utf8');
  let version = 1;
  await conn.sendNotification(rpc.DidOpenTextDocumentNotification.type, { textDocument: { uri: openUri, languageId: 'markdown', version, text } });
  const pull = () => conn.sendRequest(rpc.DocumentDiagnosticRequest.type, { textDocument: { uri: openUri } });
  await pull();
  const firstDiagnostics = now() - t0;
  // The opened document's diagnostics are pulled, the others pushed.
  const openedHasFindings = async () => ((await pull())?.items?.length ?? 0) > 0;

  if (complete === undefined) await new Promise((resolve) => (onComplete = resolve));
  const workspace = complete - t0;
  if (await openedHasFindings()) published.add(openUri);
  // Let the burst of notifications drain before measuring memory.
  await new Promise((resolve) => setTimeout(resolve, 200));
  const rssIndexed = rssOf(child.pid);

  // Type a character at the end of the title, then delete it, and so on.
  const lineStart = text.indexOf('\ntitle: ') + 1;
  const line = text.slice(0, lineStart).split('\n').length - 1;
  const lineEnd = text.indexOf('\n', lineStart);
  const column = lineEnd - lineStart;
  const latencies = [];
  for (let i = 0; i < edits; i++) {
    const insert = i % 2 === 0;
    const range = insert ? { start: { line, character: column }, end: { line, character: column } } : { start: { line, character: column }, end: { line, character: column + 1 } };
    text = insert ? `${text.slice(0, lineEnd)}x${text.slice(lineEnd)}` : `${text.slice(0, lineEnd)}${text.slice(lineEnd + 1)}`;
    version++;
    const t = now();
    await conn.sendNotification(rpc.DidChangeTextDocumentNotification.type, { textDocument: { uri: openUri, version }, contentChanges: [{ range, text: insert ? 'x' : '' }] });
    const report = await pull();
    latencies.push(now() - t);
    if (!report || report.kind !== 'full') throw new Error('the server did not answer a diagnostic pull');
  }
  // Then a criterion added to the control's `criteria: [` list and taken out again, 100 times: each
  // changes the coverage of that criterion and the config file's diagnostics.
  const criteriaTimes = [];
  const listStart = text.indexOf('\ncriteria: [');
  if (edits > 0 && listStart !== -1) {
    const at = listStart + '\ncriteria: ['.length;
    const cline = text.slice(0, at).split('\n').length - 1;
    const ccol = at - (text.lastIndexOf('\n', at - 1) + 1);
    for (let i = 0; i < 100; i++) {
      const add = i % 2 === 0;
      const range = add ? { start: { line: cline, character: ccol }, end: { line: cline, character: ccol } } : { start: { line: cline, character: ccol }, end: { line: cline, character: ccol + 7 } };
      text = add ? `${text.slice(0, at)}CC1.1, ${text.slice(at)}` : `${text.slice(0, at)}${text.slice(at + 7)}`;
      version++;
      const t = now();
      await conn.sendNotification(rpc.DidChangeTextDocumentNotification.type, { textDocument: { uri: openUri, version }, contentChanges: [{ range, text: add ? 'CC1.1, ' : '' }] });
      await pull();
      criteriaTimes.push(now() - t);
    }
    criteriaTimes.sort((a, b) => a - b);
  }

  // Completion in the opened control's `policies: [` list, and hover on its first criterion: what
  // grows with the number of documents a user reaches by typing.
  const requests = edits > 0 ? 50 : 0;
  const completionTimes = [];
  const hoverTimes = [];
  let completionItems = 0;
  const listAt = text.indexOf('\npolicies: [');
  const criterionAt = text.search(/\ncriteria: \[[A-Z]/);
  const position = (offset) => {
    const before = text.slice(0, offset).split('\n');
    return { line: before.length - 1, character: before[before.length - 1].length };
  };
  for (let i = 0; i < requests && listAt !== -1; i++) {
    const t = now();
    const list = await conn.sendRequest(rpc.CompletionRequest.type, { textDocument: { uri: openUri }, position: position(listAt + '\npolicies: ['.length) });
    completionTimes.push(now() - t);
    completionItems = list?.items?.length ?? 0;
  }
  for (let i = 0; i < requests && criterionAt !== -1; i++) {
    const t = now();
    await conn.sendRequest(rpc.HoverRequest.type, { textDocument: { uri: openUri }, position: position(criterionAt + '\ncriteria: ['.length + 1) });
    hoverTimes.push(now() - t);
  }
  const median = (xs) => (xs.length === 0 ? Number.NaN : [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]);
  const rssAfterEdits = rssOf(child.pid);

  await conn.sendRequest(rpc.ShutdownRequest.type);
  await conn.sendNotification(rpc.ExitNotification.type);
  await new Promise((resolve) => child.on('exit', resolve));
  conn.dispose();
  latencies.sort((a, b) => a - b);
  const pct = (p) => latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)];
  return {
    startup: t0 - tSpawn,
    initialize: tInitialized - t0,
    firstDiagnostics,
    workspace,
    publishedFiles: published.size,
    pushes,
    rssIndexed,
    rssAfterEdits,
    criteriaP50: criteriaTimes.length ? criteriaTimes[49] : Number.NaN,
    criteriaP95: criteriaTimes.length ? criteriaTimes[94] : Number.NaN,
    completionP50: median(completionTimes),
    completionItems,
    hoverP50: median(hoverTimes),
    editP50: pct(50),
    editP95: pct(95),
    editMax: latencies[latencies.length - 1],
    logs,
  };
}
