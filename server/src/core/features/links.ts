// Clickable evidence: each evidence path that names an existing file inside the root, each evidence
// URL, and each body link to another compliance document. Missing files and paths that leave the
// root get no link (their diagnostics say why), so a click never opens something that is not there.

import { effectiveId, resolveEvidence } from '../model/facts';
import type { Span } from '../model/types';
import type { ComplianceWorkspace } from '../index/workspace';
import { documentForText, unquoted } from './locate';
import { factsEnvOf } from './navigation';

export type LinkTarget = { readonly kind: 'file'; readonly path: string } | { readonly kind: 'url'; readonly url: string };

export interface EvidenceLinkTarget {
  readonly span: Span;
  readonly target: LinkTarget;
  readonly tooltip: string;
}

export function documentLinks(ws: ComplianceWorkspace, path: string, text: string): EvidenceLinkTarget[] {
  const doc = documentForText(ws, path, text);
  const env = factsEnvOf(ws);
  const out: EvidenceLinkTarget[] = [];
  for (const link of doc.evidence) {
    const span = unquoted(text, { value: link.target, span: link.span });
    const dated = link.date ? ` (dated ${link.date})` : '';
    const state = resolveEvidence(path, link, env);
    switch (state.kind) {
      case 'url':
        // Only real addresses: `#anchor` and empty targets classify as URLs too.
        if (/^[A-Za-z][A-Za-z0-9+.-]*:/.test(link.target.trim())) out.push({ span, target: { kind: 'url', url: link.target.trim() }, tooltip: `Open ${link.target.trim()}${dated}` });
        break;
      case 'exists':
        if (ws.inventory.get(state.path)?.kind === 'file') out.push({ span, target: { kind: 'file', path: state.path }, tooltip: `Open evidence ${state.path}${dated}` });
        break;
      case 'document': {
        const target = ws.document(state.path);
        const resolved = ws.inventory.resolve(state.path);
        if (resolved.kind === 'file') out.push({ span, target: { kind: 'file', path: resolved.path }, tooltip: `Open ${state.path}${target ? ` (${effectiveId(target)})` : ''}` });
        break;
      }
      case 'missing':
      case 'outside':
        break;
    }
  }
  return out;
}
