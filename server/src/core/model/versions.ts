// Documents kept as one file per version in a folder (`access-control-policy-2023.md` beside
// `access-control-policy-2025.md`, `Backup Policy v1.2.md` beside `Backup Policy v2.0.md`): the
// latest approved one is the text in force, and the earlier ones are superseded by it.

import { basename, dirname } from '../paths';
import type { FileInventory } from './inventory';
import type { DocumentStatus } from './types';

/** The name before the version, and the version: a year (2025, 2025-06, 2025-06-30) or `v1.2`. */
const VERSIONED = /^(.*?[^\s._-])[\s._-]+(?:((?:19|20)\d\d)(?:[-_.](\d\d)(?:[-_.](\d\d))?)?|[vV](\d{1,4}(?:\.\d{1,4}){0,3}))\.(md|markdown)$/;

interface Version {
  /** The name before the version, in lower case, with the extension and the kind of version: what versions of one document share. */
  readonly key: string;
  readonly parts: readonly number[];
}

/** Past this many files named alike in one folder, they are a series of records (minutes, reviews), not versions of one document. */
const MAX_VERSIONS = 50;

const versions = new Map<string, Version | null>();

function versionOf(name: string): Version | undefined {
  let v = versions.get(name);
  if (v === undefined) {
    const m = VERSIONED.exec(name);
    v = null;
    if (m) {
      const base = `${m[1].toLowerCase()}.${m[6].toLowerCase()}`;
      v = m[2] !== undefined ? { key: `${base}\0date`, parts: [Number(m[2]), Number(m[3] ?? 0), Number(m[4] ?? 0)] } : { key: `${base}\0v`, parts: (m[5] as string).split('.').map(Number) };
    }
    if (versions.size > 50_000) versions.clear();
    versions.set(name, v);
  }
  return v ?? undefined;
}

const versionKey = (name: string): string | undefined => versionOf(name)?.key;

function compare(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** Whether the file's name carries a version, so that its siblings' status depends on it. */
export function isVersioned(path: string): boolean {
  return versionOf(basename(path)) !== undefined;
}

/** The other versions of the document in its folder (paths), whatever their status. */
export function otherVersions(path: string, inventory: FileInventory): string[] {
  const dir = dirname(path);
  const name = basename(path);
  const own = versionOf(name);
  if (!own) return [];
  const group = inventory.groupsIn(dir, versionKey).get(own.key) ?? [];
  if (group.length > MAX_VERSIONS) return [];
  return group.filter((n) => n !== name).map((n) => (dir === '' ? n : `${dir}/${n}`));
}

/** The latest later version of the document in its folder that is an approved document, if any. */
export function supersedingVersion(path: string, inventory: FileInventory, statusAt: (path: string) => DocumentStatus | undefined): string | undefined {
  const own = versionOf(basename(path));
  if (!own) return undefined;
  let best: { path: string; parts: readonly number[] } | undefined;
  for (const p of otherVersions(path, inventory)) {
    const v = versionOf(basename(p)) as Version;
    if (compare(v.parts, own.parts) <= 0 || (best && compare(v.parts, best.parts) <= 0)) continue;
    if (statusAt(p) === 'approved') best = { path: p, parts: v.parts };
  }
  return best?.path;
}
