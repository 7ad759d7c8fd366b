// Test helpers: in-memory workspaces built from file maps, and «markers» for expected ranges.

import assert from 'node:assert/strict';
import { CONFIG_FILE_NAMES } from '../server/src/core/config/config';
import { ComplianceWorkspace } from '../server/src/core/index/workspace';
import type { Finding, InventoryEntryLike, Span } from './types';
import { parseComplianceDocument } from '../server/src/core/parse/document';

export const TODAY = '2026-11-16';

export function joinLines(...lines: string[]): string {
  return lines.join('\n');
}

/** Removes «…» markers and returns the text with the span they enclosed. */
export function marked(textWithMarkers: string): { text: string; span: Span; spans: Span[] } {
  const spans: Span[] = [];
  let text = '';
  let open = -1;
  for (const ch of textWithMarkers) {
    if (ch === '«') open = text.length;
    else if (ch === '»') {
      spans.push({ start: open, end: text.length });
      open = -1;
    } else text += ch;
  }
  return { text, span: spans[0] ?? { start: 0, end: 0 }, spans };
}

export interface FileSpec {
  readonly [path: string]: string | InventoryEntryLike;
}

/** Builds a workspace from files: strings are file contents; included markdown files are parsed. */
export function workspaceOf(files: FileSpec, options: { today?: string; recordDate?: string; fullParse?: boolean } = {}): ComplianceWorkspace {
  const ws = new ComplianceWorkspace({ today: options.today ?? TODAY, ...(options.recordDate ? { recordDate: options.recordDate } : {}) });
  for (const [path, content] of Object.entries(files)) {
    if (typeof content === 'string') ws.inventory.set(path, { kind: 'file', size: content.length });
    else ws.inventory.set(path, content);
  }
  const configName = CONFIG_FILE_NAMES.find((n) => typeof files[n] === 'string');
  ws.setConfig(configName, configName ? (files[configName] as string) : undefined);
  for (const p of ws.documentPathsInInventory()) {
    const content = files[p];
    if (typeof content === 'string') ws.upsertDocument(parseComplianceDocument(p, content, { ...ws.parseSettings(), fullParse: options.fullParse }));
  }
  return ws;
}

export function findingsOf(ws: ComplianceWorkspace, path: string, code?: string): readonly Finding[] {
  const all = path === (ws.getConfig().path ?? '') && !ws.document(path) ? ws.workspaceFindings() : ws.findings(path);
  return code ? all.filter((f) => f.code === code) : all;
}

/** Asserts exactly one finding of `code` in `path`, at `span`, with `severity`; returns it. */
export function expectFinding(ws: ComplianceWorkspace, path: string, code: string, span: Span | undefined, severity?: string): Finding {
  const found = findingsOf(ws, path, code);
  assert.equal(found.length, 1, `expected one ${code} in ${path}, got ${found.length}: ${JSON.stringify(findingsOf(ws, path).map((f) => [f.code, f.message]))}`);
  if (span) assert.deepEqual({ start: found[0].span.start, end: found[0].span.end }, span, `range of ${code}`);
  if (severity) assert.equal(found[0].severity, severity);
  return found[0];
}

export function expectNone(ws: ComplianceWorkspace, path: string, code: string): void {
  const found = findingsOf(ws, path, code);
  assert.equal(found.length, 0, `expected no ${code} in ${path}, got: ${JSON.stringify(found.map((f) => f.message))}`);
}

/** Applies a fix's edits to a text (edits of one file, applied back to front). */
export function applyEdits(text: string, edits: readonly { span: Span; newText: string }[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.span.start - a.span.start)) out = out.slice(0, e.span.start) + e.newText + out.slice(e.span.end);
  return out;
}
