// Completion in a vendor's frontmatter: its keys, the keys of an assurance entry and of a CUEC, the
// enums (criticality, report type, opinion, categories, subservice), report paths from the
// repository root, and an id in the style of the other vendors' ids. Control ids under `cuecs` are
// the `controls:` completion every document has.

import { effectiveType } from '../model/facts';
import { ASSURANCE_TYPES, AUDIT_OPINIONS, SUBSERVICE_METHODS, TRUST_CATEGORIES, VENDOR_CRITICALITIES, type Span } from '../model/types';
import type { ComplianceWorkspace } from '../index/workspace';
import { stem } from '../paths';
import type { CompletionEntry } from './completionEntry';
import { documentForText } from './locate';

/** What the completion of completion.ts knows about the cursor, as far as vendors need it. */
export interface VendorCompletionContext {
  readonly field: string;
  readonly mode: 'flow' | 'item' | 'value' | 'key';
  readonly span: Span;
  readonly siblings: readonly string[];
  readonly lineStart: number;
  readonly region: Span;
}

const CRITICALITY_HELP: Readonly<Record<string, string>> = {
  critical: 'The service stops without it. Needs a current SOC 2 Type II; reviewed every six months.',
  high: 'Holds sensitive data or supports a key process. Needs a SOC 2 Type II; reviewed yearly.',
  medium: 'The default. Reviewed every two years.',
  low: 'No sensitive data, easily replaced. Reviewed every two years.',
};

const ASSURANCE_HELP: Readonly<Record<string, string>> = {
  'soc2-type2': 'SOC 2 Type II: controls tested over a period. Give `period: { start, end }`.',
  'soc2-type1': 'SOC 2 Type I: design on one date. Give `as_of: YYYY-MM-DD`.',
  iso27001: 'An ISO 27001 certificate.',
  pentest: 'A penetration test report.',
  questionnaire: 'A security questionnaire the vendor answered.',
};

const OPINION_HELP: Readonly<Record<string, string>> = {
  unqualified: 'Clean: no exceptions that change the opinion.',
  qualified: 'The auditor found exceptions. Write your assessment under `## Response`.',
  adverse: 'The controls did not meet the criteria. Write your assessment under `## Response`.',
  disclaimer: 'The auditor could not form an opinion. Write your assessment under `## Response`.',
};

const SUBSERVICE_HELP: Readonly<Record<string, string>> = {
  'carve-out': "Your own report excludes the vendor's controls and relies on its report.",
  inclusive: "Your own report includes the vendor's controls.",
};

const VENDOR_KEYS: ReadonlyArray<[string, string, string]> = [
  ['criticality', 'critical, high, medium or low (default medium); sets the review cycle and which findings are errors.', 'criticality: '],
  ['services', 'What the vendor does for you.', 'services: [$0]'],
  ['relies_on', 'The SOC 2 categories you rely on the vendor for (default [security]).', 'relies_on: [$0]'],
  ['subservice', 'carve-out or inclusive: how your own report treats the vendor.', 'subservice: '],
  ['assurance', "The vendor's SOC 2 reports, certificates, tests and questionnaires.", 'assurance:\n  - type: $0'],
  ['cuecs', "The complementary user entity controls the vendor's report asks of you.", 'cuecs:\n  - text: $0\n    controls: []'],
];

const ENTRY_KEYS: Readonly<Record<'assurance' | 'cuecs', ReadonlyArray<[string, string, string]>>> = {
  assurance: [
    ['type', 'soc2-type2, soc2-type1, iso27001, pentest or questionnaire.', 'type: '],
    ['period', 'A Type II: the period it covers, from its opinion page.', 'period: { start: $1, end: $0 }'],
    ['as_of', 'A Type I: the date it speaks for.', 'as_of: '],
    ['opinion', 'unqualified, qualified, adverse or disclaimer.', 'opinion: '],
    ['categories', 'The categories the report examined.', 'categories: [$0]'],
    ['report', 'The report file from the repository root, or its https URL.', 'report: '],
    ['bridge_letter', "The vendor management's letter for the time since the period ended.", 'bridge_letter: { date: $1, through: $2, report: $0 }'],
  ],
  cuecs: [
    ['text', 'The CUEC as the report words it.', 'text: '],
    ['controls', 'The ids of your controls that implement it.', 'controls: [$0]'],
  ],
};

/** The top-level key whose block holds the line starting at `lineStart`. */
function sectionOf(text: string, region: Span, lineStart: number): string | undefined {
  let end = lineStart - 1;
  while (end > region.start) {
    const start = text.lastIndexOf('\n', end - 1) + 1;
    const line = text.slice(Math.max(start, region.start), end);
    const m = /^([A-Za-z_][\w-]*)\s*:/.exec(line);
    if (m) return m[1];
    end = start - 1;
  }
  return undefined;
}

function isVendor(ws: ComplianceWorkspace, path: string, text: string): boolean {
  return effectiveType(documentForText(ws, path, text)) === 'vendor';
}

/** Completion for a vendor document; undefined where the general completion answers (or for other documents). */
export function vendorCompletions(
  ws: ComplianceWorkspace,
  path: string,
  text: string,
  ctx: VendorCompletionContext,
  topLevel: boolean,
  /** Paths written from the repository root, as a report's are. */
  rootPaths: () => CompletionEntry[],
): CompletionEntry[] | undefined {
  // Cheap checks first: only a few fields and key lines concern vendors at all.
  const indented = !topLevel;
  const section = indented ? sectionOf(text, ctx.region, ctx.lineStart) : undefined;
  if (!indented && ctx.mode !== 'key' && !['criticality', 'subservice', 'relies_on', 'id'].includes(ctx.field)) return undefined;
  if (indented && section !== 'assurance' && section !== 'cuecs') return undefined;
  if (!isVendor(ws, path, text)) return undefined;

  const values = (list: readonly string[], help: Readonly<Record<string, string>>, skip: readonly string[] = []): CompletionEntry[] =>
    list
      .filter((v) => !skip.includes(v))
      .map((v, i) => ({ label: v, kind: 'value' as const, insertText: v, span: ctx.span, sortText: String(i).padStart(2, '0'), ...(help[v] ? { documentation: help[v] } : {}) }));
  const keys = (list: ReadonlyArray<[string, string, string]>, present: ReadonlySet<string>): CompletionEntry[] =>
    list
      .filter(([k]) => !present.has(k))
      .map(([label, detail, insert], i) => ({ label, kind: 'key' as const, detail, insertText: insert, ...(insert.includes('$') ? { snippet: true } : {}), span: ctx.span, sortText: `v${String(i).padStart(2, '0')}` }));

  if (ctx.mode === 'key') {
    if (!indented) {
      const present = new Set<string>();
      for (const m of text.slice(ctx.region.start, ctx.region.end).matchAll(/^([A-Za-z_][\w-]*)\s*:/gm)) present.add(m[1]);
      return keys(VENDOR_KEYS, present);
    }
    return keys(ENTRY_KEYS[section as 'assurance' | 'cuecs'], new Set());
  }
  if (!indented) {
    switch (ctx.field) {
      case 'criticality':
        return ctx.mode === 'value' ? values(VENDOR_CRITICALITIES, CRITICALITY_HELP) : undefined;
      case 'subservice':
        return ctx.mode === 'value' ? values(SUBSERVICE_METHODS, SUBSERVICE_HELP) : undefined;
      case 'relies_on':
        return ctx.mode === 'value' ? [] : values(TRUST_CATEGORIES, {}, ctx.siblings);
      case 'id':
        return ctx.mode === 'value' ? idSuggestion(ws, path, ctx.span) : undefined;
    }
    return undefined;
  }
  if (section === 'assurance') {
    switch (ctx.field) {
      case 'type':
        return ctx.mode === 'value' ? values(ASSURANCE_TYPES, ASSURANCE_HELP) : [];
      case 'opinion':
        return ctx.mode === 'value' ? values(AUDIT_OPINIONS, OPINION_HELP) : [];
      case 'categories':
        return ctx.mode === 'value' ? [] : values(TRUST_CATEGORIES, {}, ctx.siblings);
      case 'report':
        return ctx.mode === 'value' ? rootPaths() : [];
    }
  }
  return undefined;
}

/** `VEN-<FILE STEM>`, with the prefix the other vendors' ids share when they share one. */
function idSuggestion(ws: ComplianceWorkspace, path: string, span: Span): CompletionEntry[] {
  const others = ws.idsOfType('vendor').filter((id) => !ws.documentsWithId(id).includes(path));
  const prefixes = new Map<string, number>();
  for (const id of others) {
    const m = /^([A-Za-z]+[-_])/.exec(id);
    if (m) prefixes.set(m[1], (prefixes.get(m[1]) ?? 0) + 1);
  }
  let prefix = 'VEN-';
  let best = 0;
  for (const [p, n] of prefixes) if (n > best) [prefix, best] = [p, n];
  const id = `${prefix}${stem(path).toUpperCase().replace(/[^A-Z0-9]+/g, '-').replace(/^-|-$/g, '')}`;
  if (others.includes(id)) return [];
  return [{ label: id, kind: 'value', detail: 'an id for this vendor, from its file name', insertText: id, span, sortText: '0' }];
}
