// Workspace-relative POSIX paths ('policies/access.md', '' for the root). Pure string work: the core
// never touches the file system, and never needs to in order to tell whether a path leaves the root.

export function dirname(path: string): string {
  const i = path.lastIndexOf('/');
  return i === -1 ? '' : path.slice(0, i);
}

/** A name's words, lower case, split at camel case and at `separators` (by default `-`, `_`, `.`, `+` as exported file names write a space, and spaces). */
export function nameWords(name: string, separators = /[\s._+-]+/): string[] {
  return name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase().split(separators);
}

export function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** File name without its last extension. */
export function stem(path: string): string {
  const b = basename(path);
  const dot = b.lastIndexOf('.');
  return dot > 0 ? b.slice(0, dot) : b;
}

export function extname(path: string): string {
  const b = basename(path);
  const dot = b.lastIndexOf('.');
  return dot > 0 ? b.slice(dot).toLowerCase() : '';
}

export function joinPath(dir: string, rel: string): string {
  return dir === '' ? rel : rel === '' ? dir : `${dir}/${rel}`;
}

/** Resolves `.` and `..`; undefined when the path climbs above the root. */
export function normalizeSegments(segments: readonly string[]): string[] | undefined {
  const out: string[] = [];
  for (const s of segments) {
    if (s === '' || s === '.') continue;
    if (s === '..') {
      if (out.length === 0) return undefined;
      out.pop();
    } else out.push(s);
  }
  return out;
}

export function normalizePath(path: string): string | undefined {
  const segs = normalizeSegments(path.split('/'));
  return segs && segs.join('/');
}

/** Path from `fromDir` to `to`, both workspace-relative, for writing links. */
export function relativePath(fromDir: string, to: string): string {
  const a = fromDir === '' ? [] : fromDir.split('/');
  const b = to.split('/');
  let i = 0;
  while (i < a.length && i < b.length - 1 && a[i] === b[i]) i++;
  return [...a.slice(i).map(() => '..'), ...b.slice(i)].join('/');
}

export type LinkTarget =
  | { readonly kind: 'url'; readonly url: string }
  | { readonly kind: 'path'; readonly path: string }
  | { readonly kind: 'outside'; readonly reason: string }
  | { readonly kind: 'ignored' };

const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:/;
const DRIVE = /^[A-Za-z]:[\\/]?/;
const WEB_URL = /^https?:\/\/[^\s/?#]+[^\s]*$/i;

export function isWebUrl(text: string): boolean {
  return WEB_URL.test(text);
}

function percentDecode(text: string): string {
  if (!text.includes('%')) return text;
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * Classifies an evidence target written in the document at `docPath`. Paths are relative to the
 * document, or to the root with a leading `/`. Anything that would leave the root is reported, never
 * resolved further.
 */
export function resolveLinkTarget(docPath: string, raw: string): LinkTarget {
  const target = raw.trim();
  if (target === '' || target.startsWith('#')) return { kind: 'ignored' };
  if (target.startsWith('\\\\') || target.startsWith('//')) return { kind: 'outside', reason: 'a network (UNC) path' };
  if (DRIVE.test(target)) return { kind: 'outside', reason: 'a Windows drive path' };
  if (SCHEME.test(target)) {
    if (/^file:/i.test(target)) return { kind: 'outside', reason: 'a file: URL' };
    return { kind: 'url', url: target };
  }
  // Drop a fragment or query, decode %xx (so `%2e%2e` is `..`), and accept Windows separators.
  let p = target;
  const cut = p.search(/[?#]/);
  if (cut >= 0) p = p.slice(0, cut);
  p = percentDecode(p).replace(/\\/g, '/');
  if (p === '') return { kind: 'ignored' };
  if (DRIVE.test(p)) return { kind: 'outside', reason: 'a Windows drive path' };
  const fromRoot = p.startsWith('/');
  const segs = normalizeSegments([...(fromRoot ? [] : dirname(docPath).split('/')), ...p.split('/')]);
  if (!segs) return { kind: 'outside', reason: 'it climbs above the repository root' };
  if (segs.length === 0) return { kind: 'outside', reason: 'it names the repository root, not a file' };
  return { kind: 'path', path: segs.join('/') };
}
