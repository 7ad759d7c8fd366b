// Code actions: the fixes that findings carry (quick fixes, attached to their finding), plus actions
// that need no finding: mark a document reviewed today, and create a control for an uncovered
// criterion under the cursor, or scope it out where that is plausible.

import { getCriterion, mayBeScopedOut } from '../catalog/catalog';
import type { Finding, Fix, Span } from '../model/types';
import type { ComplianceWorkspace } from '../index/workspace';
import { markReviewedFix } from '../rules/reviewFix';
import { criterionInText, documentForText, symbolAt } from './locate';

export const QUICK_FIX = 'quickfix';
/** Rewrites the document without a finding asking for it. */
export const REWRITE = 'refactor.rewrite';

export interface CodeActionEntry {
  readonly title: string;
  /** An LSP code action kind: `quickfix`, `refactor.rewrite`. */
  readonly kind: string;
  readonly fix: Fix;
  readonly isPreferred: boolean;
  /** The finding the action fixes; undefined for actions not tied to one. */
  readonly finding?: Finding;
}

function overlaps(a: Span, b: Span): boolean {
  return a.start <= b.end && b.start <= a.end;
}

/** True when an action of `kind` is wanted by a request limited to `only` (LSP's hierarchical kinds). */
export function kindWanted(kind: string, only: readonly string[] | undefined): boolean {
  if (!only || only.length === 0) return true;
  return only.some((o) => o === '' || kind === o || kind.startsWith(`${o}.`));
}

/**
 * The actions for the range `span` of the file at `path` (a document or the config file), limited to
 * the kinds in `only` when given.
 */
export function codeActionsAt(ws: ComplianceWorkspace, path: string, text: string, span: Span, only?: readonly string[]): CodeActionEntry[] {
  const out: CodeActionEntry[] = [];
  const seen = new Set<string>();
  const add = (entry: CodeActionEntry): void => {
    if (!kindWanted(entry.kind, only)) return;
    const key = `${entry.title}\u0000${JSON.stringify(entry.fix.changes)}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(entry);
  };

  const config = ws.getConfig();
  const isConfig = config.path !== undefined && path === config.path;
  const doc = isConfig ? undefined : documentForText(ws, path, text);
  const indexed = !isConfig && ws.document(path) === doc;
  const findings: readonly Finding[] = isConfig ? ws.workspaceFindings() : indexed ? ws.findings(path) : [];
  for (const f of findings) {
    if (!f.hasRegion || !overlaps(f.span, span)) continue;
    for (const fix of f.fixes ?? []) add({ title: fix.title, kind: QUICK_FIX, fix, isPreferred: fix.isPreferred === true, finding: f });
  }

  // An uncovered criterion under the cursor, in a document or in the config file.
  const symbol = doc ? symbolAt(doc, text, span.start) : undefined;
  const id = isConfig ? criterionInText(text, span.start)?.id : symbol?.kind === 'criterion' ? symbol.id : undefined;
  if (id && getCriterion(id) && ws.getPhase() === 'complete' && ws.criterionState(id) === 'uncovered') {
    const create = ws.createControlFix(id);
    add({ title: create.title, kind: QUICK_FIX, fix: create, isPreferred: false });
    if (mayBeScopedOut(id)) {
      const scopeOut = ws.scopeOutFix(id);
      add({ title: scopeOut.title, kind: QUICK_FIX, fix: scopeOut, isPreferred: false });
    }
  }

  if (doc?.frontmatter?.ok && ws.isDocumentPath(path) && doc.lastReviewed?.value !== ws.getRecordDate()) {
    const current = doc.lastReviewed ? text.slice(doc.lastReviewed.span.start, doc.lastReviewed.span.end) : undefined;
    const fix = markReviewedFix(doc, ws.getRecordDate(), ws.getToday(), current);
    // Offered as a quick fix when a finding asks for it; otherwise as a rewrite anywhere in the document.
    if (fix && !out.some((a) => a.title === fix.title)) add({ title: fix.title, kind: REWRITE, fix: { ...fix, isPreferred: false }, isPreferred: false });
  }
  return out;
}
