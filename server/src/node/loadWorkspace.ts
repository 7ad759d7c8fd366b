// Builds a ComplianceWorkspace from a folder on disk: one walk for the inventory, the config, then
// every document read and parsed (in worker threads when there are many), and indexed.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { CONFIG_FILE_NAMES } from '../core/config/config';
import { ComplianceWorkspace } from '../core/model/workspace';
import type { ParsedDocument } from '../core/model/types';
import { unreadableDocument } from '../core/parse/unreadable';
import { parseRead, readText } from './readDocument';
import { walkWorkspace } from './walk';

export interface LoadOptions {
  readonly today: string;
  /** Use remark for every body (the unoptimised reference path). */
  readonly fullParse?: boolean;
  /** Parses documents; defaults to parsing on this thread. */
  readonly parseMany?: (root: string, paths: readonly string[], fields: ReturnType<ComplianceWorkspace['parseFields']>) => Promise<ParsedDocument[]>;
}

export interface LoadedWorkspace {
  readonly root: string;
  readonly workspace: ComplianceWorkspace;
  readonly walkErrors: ReadonlyArray<{ path: string; message: string }>;
}

export function findConfigFile(rootAbs: string): string | undefined {
  for (const name of CONFIG_FILE_NAMES) {
    try {
      if (fs.lstatSync(path.join(rootAbs, name)).isFile()) return name;
    } catch {
      // not there
    }
  }
  return undefined;
}

export function readConfigText(rootAbs: string, name: string): string | undefined {
  const r = readText(path.join(rootAbs, name));
  return r.kind === 'text' ? r.text : undefined;
}

/** Reads and parses documents on this thread; symlinked documents are resolved through the inventory. */
export function parseDocumentsSync(rootAbs: string, workspace: ComplianceWorkspace, paths: readonly string[], fullParse = false): ParsedDocument[] {
  const fields = workspace.parseFields();
  return paths.map((rel) => readAndParse(rootAbs, workspace, rel, { fields, fullParse }));
}

export function readAndParse(rootAbs: string, workspace: ComplianceWorkspace, rel: string, options: { fields: ReturnType<ComplianceWorkspace['parseFields']>; fullParse?: boolean }): ParsedDocument {
  const real = resolveDocumentPath(workspace, rel);
  if (typeof real !== 'string') return real;
  return parseRead(rel, readText(path.join(rootAbs, real)), options);
}

/** The path to read for a document, following symlinks that stay inside the root. */
export function resolveDocumentPath(workspace: ComplianceWorkspace, rel: string): string | ParsedDocument {
  const entry = workspace.inventory.get(rel);
  if (entry?.kind !== 'symlink') return rel;
  const r = workspace.inventory.resolve(rel);
  if (r.kind === 'file') return r.path;
  if (r.kind === 'outside') return unreadableDocument(rel, { kind: 'symlink-outside', via: r.via });
  if (r.kind === 'loop') return unreadableDocument(rel, { kind: 'symlink-loop', via: r.via });
  if (r.kind === 'dir') return unreadableDocument(rel, { kind: 'not-a-file' });
  return unreadableDocument(rel, { kind: 'io-error', message: 'the link target does not exist' });
}

export async function loadWorkspace(root: string, options: LoadOptions): Promise<LoadedWorkspace> {
  const rootAbs = path.resolve(root);
  const workspace = new ComplianceWorkspace({ today: options.today });
  const walk = walkWorkspace(rootAbs);
  for (const [rel, entry] of walk.entries) workspace.inventory.set(rel, entry);
  const configName = findConfigFile(rootAbs);
  workspace.setConfig(configName, configName ? readConfigText(rootAbs, configName) : undefined);
  const paths = workspace.documentPathsInInventory();
  const docs = options.parseMany
    ? await options.parseMany(rootAbs, paths, workspace.parseFields())
    : parseDocumentsSync(rootAbs, workspace, paths, options.fullParse);
  for (const d of docs) workspace.upsertDocument(d);
  return { root: rootAbs, workspace, walkErrors: walk.errors };
}
