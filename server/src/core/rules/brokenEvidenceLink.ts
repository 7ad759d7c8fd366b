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
      // Written from the repository's root but read from the document's folder, as SPEC reads a path
      // with no leading `/`: the file is there, and the fix is the leading `/`.
      const asWritten = e.link.target.replace(/^\.\//, '');
      const relative = !e.link.target.startsWith('/') && !e.link.fromRoot && !asWritten.startsWith('../');
      const exists = (p: string): boolean => p !== target && ctx.workspace.namesIn(dirname(p)).includes(basename(p));
      const fromRoot = relative && exists(asWritten) ? asWritten : undefined;
      if (fromRoot) fixes.push({ title: `Change to /${fromRoot}`, isPreferred: true, changes: [{ kind: 'edit', path: doc.path, edits: [{ span: e.link.span, newText: `/${fromRoot}` }] }] });
      // Else written from a folder above the document's (a site's source folder, where a page that
      // includes this one is read): the file is there, and the fix is its path from this document.
      let fromAbove: { folder: string; path: string } | undefined;
      for (let dir = dirname(dirname(doc.path)); relative && !fromRoot && dir !== ''; dir = dirname(dir)) {
        if (exists(`${dir}/${asWritten}`)) {
          fromAbove = { folder: dir, path: `${dir}/${asWritten}` };
          break;
        }
      }
      const fromAboveText = fromAbove ? relativePath(dirname(doc.path), fromAbove.path) : undefined;
      if (fromAbove && fromAboveText) fixes.push({ title: `Change to ${fromAboveText}`, isPreferred: true, changes: [{ kind: 'edit', path: doc.path, edits: [{ span: e.link.span, newText: fromAboveText }] }] });
      const near = fromRoot || fromAbove ? undefined : nearest(basename(target), ctx.workspace.namesIn(dirname(target)), 1)[0];
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
      if (fromRoot) {
        ctx.report(e.link.span, `Evidence \`${e.link.target}\` does not exist here: a path is read from the document's folder, so it names ${target}. The file is at ${fromRoot} from the repository's root: write \`/${fromRoot}\`.`, { fixes, data: { target } });
        continue;
      }
      if (fromAbove && fromAboveText) {
        ctx.report(e.link.span, `Evidence \`${e.link.target}\` does not exist here: a path is read from the document's folder, so it names ${target}. The file is at ${fromAbove.path}, which the link names only from ${fromAbove.folder}/ (where a site built from that folder reads it): write \`${fromAboveText}\`, which reaches it from this document on any reader.`, { fixes, data: { target } });
        continue;
      }
      ctx.report(e.link.span, `Evidence \`${e.link.target}\` does not exist${why}: no file at ${target}.${near ? ` Did you mean ${near}?` : ''} Fix the path or add the file; an auditor who follows this link finds nothing.`, {
        fixes,
        data: { target },
      });
    }
  },
};
