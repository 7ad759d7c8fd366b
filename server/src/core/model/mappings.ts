// Which documents the mapping tables of the repository map, and to which criteria. A row names
// documents by link (relative to the table's file) or by name (file name, id or title); a table
// inside a policy, procedure or control whose rows name no document maps the document it sits in.

import { resolveLinkTarget, stem } from '../paths';
import { plainLinkTarget } from './facts';
import type { DocumentType, MappingRow, ParsedDocument, Span } from './types';

export interface TableMapping {
  /** The criterion. */
  readonly id: string;
  /** The file holding the table. */
  readonly from: string;
  /** Where the criterion is written in that file. */
  readonly span: Span;
}

export interface MappedDocument {
  readonly id: string;
  readonly idExplicit: boolean;
  readonly type: DocumentType;
  readonly title: string;
}

/** A name as tables write it: case, `.md`, and runs of `-`, `_` and spaces do not matter. */
export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/\.md$/, '').replace(/[-_\s]+/g, ' ').trim();
}

export class MappingIndex {
  private readonly rowsByFile = new Map<string, readonly MappingRow[]>();
  private result = new Map<string, readonly TableMapping[]>();
  /** The rows or the documents they may name changed since the last resolve. */
  dirty = false;

  get hasRows(): boolean {
    return this.rowsByFile.size > 0;
  }

  /** Records the rows of a file (none: undefined); true when it had or has rows. */
  setRows(path: string, rows: readonly MappingRow[] | undefined): boolean {
    const had = this.rowsByFile.has(path);
    if (rows && rows.length > 0) this.rowsByFile.set(path, rows);
    else this.rowsByFile.delete(path);
    if (had || (rows !== undefined && rows.length > 0)) {
      this.dirty = true;
      return true;
    }
    return false;
  }

  /** The files that hold mapping rows. */
  files(): string[] {
    return [...this.rowsByFile.keys()];
  }

  get(path: string): readonly TableMapping[] | undefined {
    return this.result.get(path);
  }

  /** Resolves every row against the documents; returns the documents whose table mappings changed. */
  resolve(docs: ReadonlyMap<string, ParsedDocument>, describe: (path: string) => MappedDocument | undefined): Set<string> {
    this.dirty = false;
    const next = new Map<string, TableMapping[]>();
    if (this.rowsByFile.size > 0) {
      const names = nameIndex(docs, describe);
      const add = (doc: string, row: MappingRow, from: string): void => {
        let list = next.get(doc);
        if (!list) next.set(doc, (list = []));
        for (const c of row.criteria) if (!list.some((m) => m.id === c.value)) list.push({ id: c.value, from, span: c.span });
      };
      for (const [file, rows] of [...this.rowsByFile].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
        const resolved = rows.map((row) => documentsOfRow(file, row, docs, names));
        const tables = new Set(rows.map((r) => r.table));
        for (const table of tables) {
          const inTable = rows.map((r, i) => [r, resolved[i]] as const).filter(([r]) => r.table === table);
          if (inTable.every(([, d]) => d.length === 0)) {
            // A table that names no document maps the document it is in, when that says it maps.
            const self = describe(file);
            if (self && docs.has(file) && self.type !== 'narrative' && inTable.some(([r]) => r.mappingHeading)) for (const [r] of inTable) add(file, r, file);
            continue;
          }
          for (const [r, ds] of inTable) for (const d of ds) add(d, r, file);
        }
      }
    }
    const changed = new Set<string>();
    for (const [p, list] of next) if (key(this.result.get(p)) !== key(list)) changed.add(p);
    for (const p of this.result.keys()) if (!next.has(p)) changed.add(p);
    this.result = next;
    return changed;
  }
}

function key(list: readonly TableMapping[] | undefined): string {
  return list ? list.map((m) => `${m.id}@${m.from}`).join(',') : '';
}

/** Documents by each name a table may use for them; a name two documents share names neither. */
function nameIndex(docs: ReadonlyMap<string, ParsedDocument>, describe: (path: string) => MappedDocument | undefined): Map<string, string | null> {
  const index = new Map<string, string | null>();
  const put = (name: string, path: string): void => {
    const k = normalizeName(name);
    if (k.length < 3) return;
    const at = index.get(k);
    index.set(k, at === undefined || at === path ? path : null);
  };
  for (const path of docs.keys()) {
    const d = describe(path);
    put(stem(path), path);
    if (d?.idExplicit) put(d.id, path);
    if (d && d.title !== d.id) put(d.title, path);
  }
  return index;
}

function documentsOfRow(file: string, row: MappingRow, docs: ReadonlyMap<string, ParsedDocument>, names: Map<string, string | null>): string[] {
  const out: string[] = [];
  for (const link of row.links) {
    const t = plainLinkTarget(file, link.value) ?? resolveLinkTarget(file, link.value);
    if (t.kind !== 'path') continue;
    const found = [t.path, `${t.path}.md`, `${t.path}/index.md`, `${t.path}/README.md`].find((p) => docs.has(p));
    if (found && !out.includes(found)) out.push(found);
  }
  for (const name of row.names) {
    const p = names.get(normalizeName(name.value));
    if (p && !out.includes(p)) out.push(p);
  }
  return out;
}
