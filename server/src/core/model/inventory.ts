// What exists under the workspace root, as the adapter's walk saw it. Symlinks are recorded, never
// followed by the walk; the adapter resolves each link's target as text (readlink, no stat), giving a
// workspace-relative path, or null when the target is outside the root. Evidence existence is a lookup
// here, so checking 10,000 links costs no system calls, and nothing outside the root is ever touched.

/** What else a folder can hold: never opened, as opening one can block (a FIFO) or reach a device. */
export type SpecialKind = 'fifo' | 'socket' | 'device';

export type InventoryEntry =
  | { readonly kind: 'file'; readonly size: number }
  | { readonly kind: 'dir' }
  | { readonly kind: 'symlink'; readonly target: string | null }
  | { readonly kind: 'special'; readonly what: SpecialKind };

export type Resolution =
  | { readonly kind: 'file' | 'dir'; readonly path: string }
  | { readonly kind: 'special'; readonly path: string; readonly what: SpecialKind }
  | { readonly kind: 'missing' }
  | { readonly kind: 'outside'; readonly via: string }
  | { readonly kind: 'loop'; readonly via: string };

const MAX_LINK_HOPS = 40;

export class FileInventory {
  private readonly entries = new Map<string, InventoryEntry>();
  /** Folder → names of its entries, for "did you mean" on a missing file. */
  private readonly children = new Map<string, Set<string>>();
  /** Folder → its entries grouped by groupsIn's key, made when first asked for, dropped when the folder changes. */
  private readonly groups = new Map<string, Map<string, string[]>>();
  /** Answers of resolve() since the last change: the index and the facts ask for the same targets. */
  private readonly resolved = new Map<string, Resolution>();

  get size(): number {
    return this.entries.size;
  }

  get(path: string): InventoryEntry | undefined {
    return this.entries.get(path);
  }

  /** Adds an entry and the folders above it. */
  set(path: string, entry: InventoryEntry): void {
    if (this.resolved.size > 0) this.resolved.clear();
    this.entries.set(path, entry);
    this.link(path);
    let i = path.lastIndexOf('/');
    while (i > 0) {
      const dir = path.slice(0, i);
      if (this.entries.has(dir)) break;
      this.entries.set(dir, { kind: 'dir' });
      this.link(dir);
      i = dir.lastIndexOf('/');
    }
  }

  private link(path: string): void {
    const i = path.lastIndexOf('/');
    const dir = i === -1 ? '' : path.slice(0, i);
    let names = this.children.get(dir);
    if (!names) this.children.set(dir, (names = new Set()));
    names.add(path.slice(i + 1));
    if (this.groups.size > 0) this.groups.delete(dir);
  }

  private unlink(path: string): void {
    const i = path.lastIndexOf('/');
    this.children.get(i === -1 ? '' : path.slice(0, i))?.delete(path.slice(i + 1));
    this.children.delete(path);
    if (this.groups.size > 0) {
      this.groups.delete(i === -1 ? '' : path.slice(0, i));
      this.groups.delete(path);
    }
  }

  /**
   * The names directly inside a folder, grouped by the key `keyOf` gives each (names with none are
   * left out), kept until the folder's entries change. One grouping per inventory: `keyOf` is always
   * the same function (model/versions.ts).
   */
  groupsIn(dir: string, keyOf: (name: string) => string | undefined): ReadonlyMap<string, readonly string[]> {
    let g = this.groups.get(dir);
    if (!g) {
      g = new Map();
      for (const n of this.children.get(dir) ?? []) {
        const k = keyOf(n);
        if (k === undefined) continue;
        const list = g.get(k);
        if (list) list.push(n);
        else g.set(k, [n]);
      }
      if (this.groups.size > 10_000) this.groups.clear();
      this.groups.set(dir, g);
    }
    return g;
  }

  /** Names of the entries directly inside a folder. */
  namesIn(dir: string): readonly string[] {
    return [...(this.children.get(dir) ?? [])];
  }

  /** Removes an entry and, for a folder, everything under it. */
  delete(path: string): void {
    if (this.resolved.size > 0) this.resolved.clear();
    const entry = this.entries.get(path);
    this.entries.delete(path);
    this.unlink(path);
    if (entry?.kind === 'dir' || entry === undefined) {
      const prefix = `${path}/`;
      for (const key of [...this.entries.keys()]) {
        if (key.startsWith(prefix)) {
          this.entries.delete(key);
          this.unlink(key);
        }
      }
    }
  }

  /** Whether a folder on the way to `path` (or `path` itself) is a symlink: nothing is created through one. */
  crossesLink(path: string): boolean {
    for (let slash = path.indexOf('/'); ; slash = path.indexOf('/', slash + 1)) {
      if (this.entries.get(slash === -1 ? path : path.slice(0, slash))?.kind === 'symlink') return true;
      if (slash === -1) return false;
    }
  }

  paths(): IterableIterator<string> {
    return this.entries.keys();
  }

  /** Follows symlinks inside the root (as listed, never on disk) to what a path finally names. */
  resolve(path: string): Resolution {
    let r = this.resolved.get(path);
    if (r === undefined) {
      if (this.resolved.size > 200_000) this.resolved.clear();
      this.resolved.set(path, (r = this.resolveNow(path)));
    }
    return r;
  }

  private resolveNow(path: string): Resolution {
    // Most paths cross no symlink: look their prefixes up directly, and take the general walk below
    // at the first symlink (or for a path with empty, `.` or `..` segments).
    if (path !== '' && !path.startsWith('/') && !path.endsWith('/') && !path.includes('//') && !/(?:^|\/)\.\.?(?:\/|$)/.test(path)) {
      for (let slash = path.indexOf('/'); ; slash = path.indexOf('/', slash + 1)) {
        const entry = this.entries.get(slash === -1 ? path : path.slice(0, slash));
        if (!entry) return { kind: 'missing' };
        if (entry.kind === 'symlink') return this.resolveThroughLinks(path);
        if (slash === -1) return entry.kind === 'special' ? { kind: 'special', path, what: entry.what } : entry.kind === 'file' ? { kind: 'file', path } : { kind: 'dir', path };
        if (entry.kind === 'file' || entry.kind === 'special') return { kind: 'missing' };
      }
    }
    return this.resolveThroughLinks(path);
  }

  /**
   * As the kernel resolves a path: one segment at a time, a link replaced by its target where it
   * stands, and a `..` climbing from where the segments so far really lead. With `s` a link out of
   * the root, `t2` → `s/..` leads out of the root too, not back to the folder that holds `t2`.
   */
  private resolveThroughLinks(path: string): Resolution {
    // Segments still to take, last first; a link's target (relative to the root) is pushed in its place.
    const pending = path.split('/').reverse();
    const real: string[] = [];
    let hops = 0;
    let via = '';
    while (pending.length > 0) {
      const segment = pending.pop() as string;
      if (segment === '' || segment === '.') continue;
      if (segment === '..') {
        // Real segments are folders, so `..` is their parent; above the root is outside.
        if (real.length === 0) return via === '' ? { kind: 'missing' } : { kind: 'outside', via };
        real.pop();
        continue;
      }
      const at = real.length === 0 ? segment : `${real.join('/')}/${segment}`;
      const entry = this.entries.get(at);
      if (!entry) return { kind: 'missing' };
      if (entry.kind === 'symlink') {
        via = at;
        if (entry.target === null) return { kind: 'outside', via: at };
        if (++hops > MAX_LINK_HOPS) return { kind: 'loop', via: at };
        real.length = 0;
        const target = entry.target.split('/');
        for (let k = target.length - 1; k >= 0; k--) pending.push(target[k]);
        continue;
      }
      if ((entry.kind === 'file' || entry.kind === 'special') && pending.some((s) => s !== '' && s !== '.')) return { kind: 'missing' };
      real.push(segment);
    }
    const final = real.join('/');
    const entry = this.entries.get(final);
    if (entry?.kind === 'special') return { kind: 'special', path: final, what: entry.what };
    return entry?.kind === 'file' ? { kind: 'file', path: final } : { kind: 'dir', path: final };
  }
}
