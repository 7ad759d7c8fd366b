import type { Located, Span } from '../model/types';
import type { DocumentRule } from './rule';

/** Findings per document (one per placeholder, however often it appears); the last says how many more there are. */
export const MAX_PLACEHOLDER_FINDINGS = 10;

/** Files at a repository's root that say its `{{…}}` markers are filled in when it is built (comply, Jekyll, Hugo, MkDocs, Eleventy). */
const RENDERED_BY = new Set(['comply.yml', 'comply.yaml', '_config.yml', '_config.yaml', 'hugo.toml', 'hugo.yaml', 'hugo.json', 'config.toml', 'mkdocs.yml', 'mkdocs.yaml', '.eleventy.js', 'eleventy.config.js', 'eleventy.config.mjs']);

/**
 * A values file at the root whose keys fill the templates' `{{KEY}}` markers when a script builds them
 * (`company.yml`, `company.example.yml`, `variables.yaml`, `placeholders.yml`).
 */
const VALUES_FILE = /^(?:company|organi[sz]ation|org|variables|vars|placeholders|template[-_]?(?:vars|variables|values))(?:[-_.](?:example|sample|template|defaults?))?\.ya?ml$/i;

/** Whether a file at the root says the repository's `{{…}}` markers are filled in when it is built. */
function fillsMarkers(name: string): boolean {
  return RENDERED_BY.has(name) || VALUES_FILE.test(name);
}

/**
 * What is wrong and what to do. A document with no frontmatter states no status and reads as in
 * force; to mark it a draft it needs frontmatter.
 */
function messageFor(value: string, stated: boolean): string {
  const where = stated ? 'an approved document' : 'a document with no frontmatter, which reads as in force';
  const draft = stated ? "set the document's status to draft" : 'add frontmatter with `status: draft`';
  if (/^(TODO|TBD)$/.test(value)) return `\`${value}\` is left in ${where}: write what it stands for, or ${draft} until it is done.`;
  if (/^lorem ipsum$/i.test(value)) return `\`${value}\` is filler text left in ${where}: replace it with the document's own text, or ${draft}.`;
  if (/^[YyDdMm]{2}/.test(value)) return `\`${value}\` is a date format left where a date belongs in ${where}: write the date, or ${draft}.`;
  return `\`${value}\` is template text left in ${where}: replace it with the real value, or ${draft}.`;
}

function inside(span: Span, outer: Span): boolean {
  return span.start >= outer.start && span.end <= outer.end;
}

export const placeholderText: DocumentRule = {
  scope: 'document',
  code: 'placeholder-text',
  defaultSeverity: 'warning',
  description: 'Template text (`TODO`, `TBD`, `[Company Name]`, `YYYY-MM-DD`, `{{.Name}}`, `Lorem ipsum`) left in an approved document.',
  needs: 'inventory',
  check(ctx) {
    const { doc, facts } = ctx;
    if (!doc.placeholders || facts.status !== 'approved') return;
    // comply fills `{{.Name}}` in when it renders, as site generators fill theirs, and build scripts theirs from a values file.
    const rendered = doc.format === 'comply' || ctx.workspace.namesIn('').some(fillsMarkers);
    const found: Located[] = [];
    for (const p of doc.placeholders) {
      if (rendered && p.value.startsWith('{{')) continue;
      // A value another finding is already about (a date that is not a date, evidence that is no link) is not reported twice.
      if (doc.problems.some((q) => inside(p.span, q.span))) continue;
      found.push(p);
    }
    // One finding per placeholder, at its first place: `[Company Name]` nine times over is one thing to replace.
    const first: Located[] = [];
    const times = new Map<string, number>();
    for (const p of found) {
      const n = times.get(p.value);
      if (n === undefined) first.push(p);
      times.set(p.value, (n ?? 0) + 1);
    }
    const messageAt = (p: Located): string => {
      const n = times.get(p.value) as number;
      const message = messageFor(p.value, doc.frontmatter !== undefined);
      return n > 1 ? `${message} It appears ${n} times in this document.` : message;
    };
    const shown = first.length > MAX_PLACEHOLDER_FINDINGS ? MAX_PLACEHOLDER_FINDINGS - 1 : first.length;
    for (let k = 0; k < shown; k++) ctx.report(first[k].span, messageAt(first[k]));
    if (shown < first.length) {
      const rest = first.length - shown;
      ctx.report(first[shown].span, `${messageAt(first[shown])} This document has ${rest - 1} more placeholder${rest - 1 === 1 ? '' : 's'} after this one, not reported one by one.`);
    }
  },
};
