import { basename, dirname, relativePath } from '../paths';
import { describeSpecial } from '../model/facts';
import type { Fix } from '../model/types';
import { nearest } from '../text/similar';
import type { DocumentRule } from './rule';

export const brokenEvidenceLink: DocumentRule = {
  scope: 'document',
  code: 'broken-evidence-link',
  defaultSeverity: 'error',
  needs: 'inventory',
  description: 'A local evidence path (frontmatter or body) that does not exist.',
  check(ctx) {
    const { doc } = ctx;
    for (const e of ctx.facts.evidence) {
      if (e.state.kind !== 'missing') continue;
      const target = e.state.path;
      const fixes: Fix[] = [];
      // Written from another folder but read from the document's, as SPEC reads a path with no
      // leading `/`: from the repository's root (the fix is the leading `/`), or from a folder above
      // the document's, nearest first (a site's source folder, where a page that includes this one
      // is read: the fix is the file's path from this document).
      const asWritten = e.link.target.replace(/^\.\//, '');
      const relative = !e.link.target.startsWith('/') && !e.link.fromRoot && !asWritten.startsWith('../');
      let found: { folder: string; path: string; fix: string } | undefined;
      const above: string[] = [];
      for (let dir = dirname(dirname(doc.path)); dir !== ''; dir = dirname(dir)) above.push(dir);
      for (const folder of relative ? ['', ...above] : []) {
        const path = folder === '' ? asWritten : `${folder}/${asWritten}`;
        if (path === target || !ctx.workspace.namesIn(dirname(path)).includes(basename(path))) continue;
        found = { folder, path, fix: folder === '' ? `/${path}` : relativePath(dirname(doc.path), path) };
        break;
      }
      if (found) fixes.push({ title: `Change to ${found.fix}`, isPreferred: true, changes: [{ kind: 'edit', path: doc.path, edits: [{ span: e.link.span, newText: found.fix }] }] });
      const near = found ? undefined : nearest(basename(target), ctx.workspace.namesIn(dirname(target)), 1)[0];
      if (near) {
        const fixed = `${dirname(target) ? `${dirname(target)}/` : ''}${near}`;
        const written = e.link.target.startsWith('/') ? `/${fixed}` : e.link.fromRoot ? fixed : relativePath(dirname(doc.path), fixed);
        fixes.push({ title: `Change to ${written}`, isPreferred: true, changes: [{ kind: 'edit', path: doc.path, edits: [{ span: e.link.span, newText: written }] }] });
      }
      // Never through a symlink: the editor would create the file wherever the link leads.
      if (!e.state.detail && !e.state.throughLink) fixes.push({ title: `Create ${target}`, changes: [{ kind: 'create', path: target, content: '' }] });
      if (e.state.notAFile) {
        ctx.report(e.link.span, `Evidence \`${e.link.target}\` is ${describeSpecial(e.state.notAFile)} at ${target}, not a file, so it is never opened; an auditor who follows this link finds nothing to read. Put the evidence in a regular file.`, { fixes, data: { target } });
        continue;
      }
      const why = e.state.detail ? ` (${e.state.detail})` : '';
      if (found) {
        const where = found.folder === '' ? `${found.path} from the repository's root` : `${found.path}, which the link names only from ${found.folder}/ (where a site built from that folder reads it)`;
        ctx.report(e.link.span, `Evidence \`${e.link.target}\` does not exist here: a path is read from the document's folder, so it names ${target}. The file is at ${where}: write \`${found.fix}\`${found.folder === '' ? '' : ', which reaches it from this document on any reader'}.`, { fixes, data: { target } });
        continue;
      }
      ctx.report(e.link.span, `Evidence \`${e.link.target}\` does not exist${why}: no file at ${target}.${near ? ` Did you mean ${near}?` : ''} Fix the path or add the file; an auditor who follows this link finds nothing.`, {
        fixes,
        data: { target },
      });
    }
  },
};
