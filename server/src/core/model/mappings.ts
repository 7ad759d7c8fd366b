// Which documents the mapping tables of the repository map, and to which criteria. A row names
// documents by link (relative to the table's file) or by name (file name, id or title, when no other
// document has that name). A document's own tables that name no document are read by the parser
// (ownMappings).
//
// Kept as reverse indexes (link target → rows, name → rows, document → its names) so that a
// document's mappings are a few lookups and a file's rows change in time proportional to its rows:
// ten thousand documents each with a table of their own load in linear time.

import { resolveLinkTarget, stem } from '../paths';
import { plainLinkTarget } from './facts';
import { pageCandidates } from './program';
import type { Located, MappingRow, TableMapping } from './types';

export type { TableMapping } from './types';

/** A name as tables write it: case, `.md`, `&` for `and`, and runs of `-`, `_` and spaces do not matter. */
export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/\.md$/, '').replace(/\s*&(?:amp;)?\s*/g, ' and ').replace(/[-_\s]+/g, ' ').trim();
}

interface RowRef {
  readonly row: MappingRow;
  readonly from: string;
}

/** What a file's rows point at: link target paths (with the pages they may be published from) and names. */
interface FileRefs {
  readonly rows: readonly MappingRow[];
  readonly targets: readonly string[][];
  readonly names: readonly string[][];
}

/** The names a document goes by in tables: its file name, its explicit id, its title. */
export function documentNames(path: string, id: string | undefined, title: string | undefined): string[] {
  const out = new Set<string>();
  for (const n of [stem(path), id, title]) {
    if (n === undefined) continue;
    const k = normalizeName(n);
    if (k.length >= 3) out.add(k);
  }
  return [...out];
}

function push(map: Map<string, RowRef[]>, key: string, ref: RowRef): void {
  const list = map.get(key);
  if (list) list.push(ref);
  else map.set(key, [ref]);
}

function drop(map: Map<string, RowRef[]>, key: string, from: string): void {
  const list = map.get(key);
  if (!list) return;
  const kept = list.filter((r) => r.from !== from);
  if (kept.length > 0) map.set(key, kept);
  else map.delete(key);
}

export class MappingIndex {
  private readonly files = new Map<string, FileRefs>();
  private readonly byTarget = new Map<string, RowRef[]>();
  private readonly byName = new Map<string, RowRef[]>();
  /** Name → the documents that go by it. */
  private readonly named = new Map<string, Set<string>>();
  private readonly namesOf = new Map<string, readonly string[]>();

  /** Documents' names are indexed only once some table names a document: until then they cost nothing. */
  namesIndexed = false;

  /** True when some row names documents by name. */
  get hasNameRefs(): boolean {
    return this.byName.size > 0;
  }

  /** The files that hold mapping rows. */
  filesWithRows(): string[] {
    return [...this.files.keys()];
  }

  /**
   * Records the rows of a file (none: undefined). Returns the link targets and names its old and new
   * rows point at, to find the documents whose mappings may have changed; undefined when it had and
   * has no rows.
   */
  setRows(file: string, rows: readonly MappingRow[] | undefined): { targets: string[]; names: string[] } | undefined {
    const old = this.files.get(file);
    if (!old && (!rows || rows.length === 0)) return undefined;
    const touched = { targets: [] as string[], names: [] as string[] };
    if (old) {
      for (const keys of old.targets) {
        for (const k of keys) drop(this.byTarget, k, file);
        touched.targets.push(...keys);
      }
      for (const keys of old.names) {
        for (const k of keys) drop(this.byName, k, file);
        touched.names.push(...keys);
      }
      this.files.delete(file);
    }
    if (rows && rows.length > 0) {
      const targets = rows.map((row) => {
        const keys: string[] = [];
        for (const link of row.links) {
          const t = plainLinkTarget(file, link.value) ?? resolveLinkTarget(file, link.value);
          if (t.kind === 'path') keys.push(...pageCandidates(t.path));
        }
        return keys;
      });
      const names = rows.map((row) => row.names.map((n) => normalizeName(n.value)).filter((k) => k.length >= 3));
      rows.forEach((row, i) => {
        for (const k of targets[i]) push(this.byTarget, k, { row, from: file });
        for (const k of names[i]) push(this.byName, k, { row, from: file });
        touched.targets.push(...targets[i]);
        touched.names.push(...names[i]);
      });
      this.files.set(file, { rows, targets, names });
    }
    return touched;
  }

  /** Records the names a document goes by (none: undefined); returns the other documents that shared a name with it, before or after. */
  setDocumentNames(path: string, names: readonly string[] | undefined): string[] {
    const before = this.namesOf.get(path) ?? [];
    const after = names ?? [];
    if (before.length === after.length && before.every((n, i) => n === after[i])) return [];
    const others = new Set<string>();
    for (const n of before) {
      const set = this.named.get(n);
      set?.delete(path);
      set?.forEach((p) => others.add(p));
      if (set && set.size === 0) this.named.delete(n);
    }
    for (const n of after) {
      let set = this.named.get(n);
      if (!set) this.named.set(n, (set = new Set()));
      set.forEach((p) => others.add(p));
      set.add(path);
    }
    if (after.length > 0) this.namesOf.set(path, after);
    else this.namesOf.delete(path);
    others.delete(path);
    return [...others];
  }

  /** The documents that go by a name, when exactly one does. */
  documentNamed(name: string): string | undefined {
    const set = this.named.get(name);
    return set && set.size === 1 ? (set.values().next().value as string) : undefined;
  }

  /** The documents a name may refer to (for invalidation: every one that goes by it). */
  documentsNamed(name: string): Iterable<string> {
    return this.named.get(name) ?? [];
  }

  /**
   * True when a table elsewhere links the document: it is mapped there, to SOC 2 or another framework.
   * A row whose only IDs are ones the catalog lacks maps it to nothing (see unknownFor).
   */
  linked(path: string): boolean {
    const refs = this.byTarget.get(path);
    return refs !== undefined && refs.some((r) => r.row.criteria.length > 0 || r.row.unknown === undefined);
  }

  /**
   * Whether a row of another file that links the file gives it a criterion of the catalog: what makes
   * a plain file a document (a table's links to its own file, `#cc61` anchors, make nothing).
   */
  linksWithCriteria(path: string): boolean {
    return this.byTarget.get(path)?.some((r) => r.from !== path && r.row.criteria.length > 0) ?? false;
  }

  /** The IDs the catalog lacks (MappingRow.unknown) that tables elsewhere give the document, as mappedBy finds rows. */
  unknownFor(path: string): TableMapping[] | undefined {
    return this.idsFor(path, (row) => row.unknown);
  }

  /** The criteria tables elsewhere give the document at `path`: by link, and by a name only it goes by. */
  mappedBy(path: string): TableMapping[] | undefined {
    return this.idsFor(path, (row) => row.criteria);
  }

  /** The IDs `of` each row that maps the document gives (by link, and by a name only it goes by), each once, at its first place. */
  private idsFor(path: string, of: (row: MappingRow) => readonly Located[] | undefined): TableMapping[] | undefined {
    if (this.files.size === 0) return undefined;
    const out: TableMapping[] = [];
    const add = (row: MappingRow, from: string): void => {
      for (const c of of(row) ?? []) if (!out.some((m) => m.id === c.value)) out.push({ id: c.value, from, span: c.span });
    };
    for (const r of this.byTarget.get(path) ?? []) add(r.row, r.from);
    for (const n of this.namesOf.get(path) ?? []) {
      if (this.documentNamed(n) !== path) continue;
      for (const r of this.byName.get(n) ?? []) add(r.row, r.from);
    }
    return out.length > 0 ? out : undefined;
  }
}

/** The IDs mappings give, by the file that holds each table, each ID once, in the order given. */
export function idsByTableFile(mappings: readonly TableMapping[]): Map<string, string[]> {
  const byFile = new Map<string, string[]>();
  for (const m of mappings) {
    const ids = byFile.get(m.from);
    if (!ids) byFile.set(m.from, [m.id]);
    else if (!ids.includes(m.id)) ids.push(m.id);
  }
  return byFile;
}
