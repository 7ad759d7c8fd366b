// Renaming a document id across the repository: the `id:` value and every `controls:`/`policies:`
// item that names it. Each file is parsed again from the text it will be edited in (the editor's for
// open files, the disk's for the rest), so every edit lands on the exact characters of that text.

import type { ParsedDocument, Span, TextEdit } from '../model/types';
import type { ComplianceWorkspace } from '../index/workspace';
import { parseComplianceDocument } from '../parse/document';
import type { ReadText } from './navigation';
import { documentForText, symbolAt, unquoted } from './locate';

export type RenameTarget = { readonly span: Span; readonly placeholder: string } | { readonly error: string };

export interface FileEdits {
  readonly path: string;
  readonly edits: readonly TextEdit[];
}

export type RenameResult = { readonly files: readonly FileEdits[] } | { readonly error: string };

/** Letters, digits, `-`, `_` and `.`: a plain YAML scalar in block and flow lists alike. */
const ID_SHAPE = /^[\p{L}\p{N}_][\p{L}\p{N}_.-]*$/u;
const YAML_NULL = /^(?:null|Null|NULL)$/;

function list(paths: readonly string[]): string {
  return paths.map((p) => `\`${p}\``).join(', ');
}

/** What the cursor is on, if it can be renamed: a document's own id, or a reference to exactly one document. */
export function prepareRename(ws: ComplianceWorkspace, path: string, text: string, offset: number): RenameTarget {
  const doc = documentForText(ws, path, text);
  const symbol = symbolAt(doc, text, offset);
  if (symbol?.kind === 'id') return { span: symbol.span, placeholder: symbol.id };
  if (symbol?.kind === 'reference') {
    const owners = ws.documentsWithId(symbol.id);
    if (owners.length === 0) return { error: `No document has the id \`${symbol.id}\`, so there is nothing to rename. Correct this reference instead.` };
    if (owners.length > 1) return { error: `\`${symbol.id}\` is the id of ${owners.length} documents (${list(owners)}). Give one of them a new id from its \`id:\` line first.` };
    const owner = ws.document(owners[0]);
    if (owner && !owner.id && owner.frontmatter?.ok !== true) {
      return { error: `\`${symbol.id}\` comes from the file name of \`${owners[0]}\`, which has no readable frontmatter to hold a new id. Rename the file instead.` };
    }
    return { span: symbol.span, placeholder: symbol.id };
  }
  if (symbol?.kind === 'criterion') return { error: `${symbol.id} is a criterion ID from the SOC 2 catalog; it cannot be renamed. Put the cursor on a document id to rename it.` };
  return { error: 'Put the cursor on a document id (the `id:` value, or an item under `controls:` or `policies:`) to rename it.' };
}

/** Why a new id cannot be used, or undefined when it can. */
export function checkNewId(ws: ComplianceWorkspace, newId: string, renamed: readonly string[]): string | undefined {
  if (newId === '') return 'The new id is empty. Type an id such as AC-03.';
  if (!ID_SHAPE.test(newId) || YAML_NULL.test(newId)) {
    return `\`${newId}\` cannot be an id: use letters, digits, \`-\`, \`_\` and \`.\` only (no spaces, quotes, colons, brackets or commas), starting with a letter or digit.`;
  }
  const taken = ws.documentsWithId(newId).filter((p) => !renamed.includes(p));
  if (taken.length > 0) return `\`${newId}\` is already the id of ${list(taken)}. Choose an id no other document has.`;
  return undefined;
}

/**
 * The edits that rename the id under the cursor to `newId` in every file. From a document's own id
 * that other documents share (a duplicate-id), only that document changes: its references cannot tell
 * which of the documents they meant.
 */
export function renameId(ws: ComplianceWorkspace, path: string, text: string, offset: number, newName: string, readText: ReadText): RenameResult {
  const target = prepareRename(ws, path, text, offset);
  if ('error' in target) return target;
  const oldId = target.placeholder;
  const newId = newName.trim();
  const current = documentForText(ws, path, text);
  const onOwnId = symbolAt(current, text, offset)?.kind === 'id';
  const owners = onOwnId ? [path] : ws.documentsWithId(oldId);
  const shared = onOwnId && ws.documentsWithId(oldId).some((p) => p !== path);
  const problem = checkNewId(ws, newId, owners);
  if (problem) return { error: problem };
  if (newId === oldId) return { files: [] };

  const textOf = (p: string): string | undefined => (p === path ? text : readText(p));
  const edits = new Map<string, TextEdit[]>();
  const add = (p: string, edit: TextEdit): void => {
    let list = edits.get(p);
    if (!list) edits.set(p, (list = []));
    list.push(edit);
  };
  const fresh = (p: string): { doc: ParsedDocument; text: string } | string => {
    const t = textOf(p);
    if (t === undefined) return `\`${p}\` could not be read, so nothing was renamed. Check that the file exists and is readable, then try again.`;
    return { doc: p === path ? current : parseComplianceDocument(p, t, ws.parseSettings()), text: t };
  };

  for (const p of owners) {
    const f = fresh(p);
    if (typeof f === 'string') return { error: f };
    if (f.doc.id) add(p, { span: unquoted(f.text, f.doc.id), newText: newId });
    else if (f.doc.frontmatter?.ok) {
      // The id came from the file name: write the new one down.
      const at = f.doc.frontmatter.insertAt;
      add(p, { span: { start: at, end: at }, newText: `id: ${newId}\n` });
    } else return { error: `\`${oldId}\` comes from the file name of \`${p}\`, which has no readable frontmatter to hold a new id. Rename the file instead.` };
  }

  if (!shared) {
    const referrers = new Set<string>();
    for (const doc of ws.documents()) if (doc.path !== path && [...doc.policies, ...doc.controls, ...(doc.assessment?.risks ?? [])].some((r) => r.value === oldId)) referrers.add(doc.path);
    if ([...current.policies, ...current.controls, ...(current.assessment?.risks ?? [])].some((r) => r.value === oldId)) referrers.add(path);
    for (const p of referrers) {
      const f = fresh(p);
      if (typeof f === 'string') return { error: f };
      for (const r of [...f.doc.policies, ...f.doc.controls, ...(f.doc.assessment?.risks ?? [])]) if (r.value === oldId) add(p, { span: unquoted(f.text, r), newText: newId });
    }
  }

  const files = [...edits].map(([p, list]) => ({ path: p, edits: list.sort((a, b) => a.span.start - b.span.start) }));
  return { files: files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)) };
}
