import { basename, dirname, relativePath } from '../paths';
import type { Fix } from '../model/types';
import { nearest, nearestByWords } from '../text/similar';
import type { DocumentRule } from './rule';

/** The written link with its last segment replaced, keeping its style (site path, trailing slash, extension or none). */
function replaceLastSegment(written: string, segment: string): string | undefined {
  const m = /^(.*?)([^/#?]+)(\/?)([#?].*)?$/.exec(written);
  if (!m) return undefined;
  const hadExtension = m[2].includes('.');
  const name = hadExtension ? segment : segment.replace(/\.md$/i, '');
  return `${m[1]}${name}${m[3]}${m[4] ?? ''}`;
}

/** A missing page under its own name one folder above its folder (a procedure linking `hr.md` for the policy beside its folder). */
function oneUp(target: string, namesIn: (dir: string) => readonly string[]): string | undefined {
  const dir = dirname(target);
  if (dir === '') return undefined;
  const name = basename(target);
  const up = dirname(dir);
  return namesIn(up).includes(name) ? (up === '' ? name : `${up}/${name}`) : undefined;
}

/** A missing page in a sibling folder whose name is one letter off (`annexes/` for `_annexes/`). */
function folderOff(target: string, namesIn: (dir: string) => readonly string[]): string | undefined {
  const dir = dirname(target);
  if (dir === '') return undefined;
  const name = basename(target);
  const up = dirname(dir);
  const folder = basename(dir);
  for (const sibling of nearest(folder, namesIn(up).filter((n) => n !== folder && !n.startsWith('.')), 1)) {
    const path = up === '' ? sibling : `${up}/${sibling}`;
    if (namesIn(path).includes(name)) return `${path}/${name}`;
  }
  return undefined;
}

export const brokenLink: DocumentRule = {
  scope: 'document',
  code: 'broken-link',
  defaultSeverity: 'warning',
  needs: 'inventory',
  description: 'A link in the body to another page or document (a cross-reference, not evidence) that finds nothing.',
  check(ctx) {
    const { doc } = ctx;
    for (const e of ctx.facts.brokenReferences ?? []) {
      if (e.state.kind !== 'broken-reference') continue;
      const target = e.state.path;
      // Siblings in the target's folder, or in the folder it names once a site's base path is taken off.
      let near: string | undefined;
      for (let dir = dirname(target), rest = target; near === undefined; ) {
        const names = ctx.workspace.namesIn(dir).filter((n) => !n.startsWith('.'));
        const candidates = names.concat(names.filter((n) => /\.md$/i.test(n)).map((n) => n.slice(0, -3)));
        // A misspelt name, else one written out or abbreviated (`disaster-recovery` for `dr`).
        near = nearest(basename(rest), candidates, 1)[0] ?? nearestByWords(basename(rest), names);
        const slash = rest.indexOf('/');
        if (near !== undefined || slash === -1) break;
        rest = rest.slice(slash + 1);
        dir = dirname(rest);
      }
      const fixes: Fix[] = [];
      let fixed = near === undefined ? undefined : replaceLastSegment(e.link.target, near);
      // The page under its own name one folder up beats a name that is only near; a folder one letter
      // off comes after both.
      if (/\.(md|markdown)$/i.test(target) && (near === undefined || near.toLowerCase() !== basename(target).toLowerCase())) {
        const namesIn = (dir: string): readonly string[] => ctx.workspace.namesIn(dir);
        const found = oneUp(target, namesIn) ?? (fixed === undefined ? folderOff(target, namesIn) : undefined);
        if (found !== undefined) fixed = `${e.link.target.startsWith('/') ? `/${found}` : relativePath(dirname(doc.path), found)}${/[#?].*$/.exec(e.link.target)?.[0] ?? ''}`;
      }
      if (fixed !== undefined && fixed !== e.link.target) fixes.push({ title: `Change to ${fixed}`, isPreferred: true, changes: [{ kind: 'edit', path: doc.path, edits: [{ span: e.link.span, newText: fixed }] }] });
      ctx.report(e.link.span, `The link \`${e.link.target}\` points at a page that does not exist in this repository (${/\.(md|markdown|html?)$/i.test(target) ? `no file at ${target}` : `no ${target}.md or ${target}/index.md`}).${fixed !== undefined && fixed !== e.link.target ? ` Did you mean \`${fixed}\`?` : ''} Fix the link so readers and auditors reach the document it names.`, { fixes, data: { target } });
    }
  },
};
