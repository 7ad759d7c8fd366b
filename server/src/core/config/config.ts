// compliance-docs.yml → frozen options. Every problem is a config-invalid finding on the offending
// key or value, and whatever the file failed to say falls back to the default.

import { CRITERIA, getCriterion, parseCategory, suggestCriteria, type Category } from '../catalog/catalog';
import { cycleWithinLimit, describePeriod, MAX_CYCLE_YEARS, parseCycle, parseIsoDate } from '../dates';
import { DOCUMENT_TYPES, type DocumentType, type Period, type RawFinding, type SeverityOverride, type Span } from '../model/types';
import { CANONICAL_FIELDS, typeOfValue, typeValueKey, type CanonicalField, type FieldAliases, type TypeMapping } from '../parse/document';
import { describeNode, isMap, isNullNode, isScalar, isSeq, keyText, parseYaml, scalarText, spanOf, valueSpanOf, type Pair, type YamlNode } from '../parse/yaml';
import { closest } from '../text/similar';

export const CONFIG_FILE_NAMES = ['compliance-docs.yml', '.compliance-docs.yml', 'compliance-docs.yaml', '.compliance-docs.yaml'] as const;

export interface NotApplicable {
  readonly justification: string;
  readonly span?: Span;
}

export interface ResolvedConfig {
  /** Workspace-relative path of the config file; undefined when there is none. */
  readonly path: string | undefined;
  readonly framework: 'soc2';
  /** In-scope categories; security always. */
  readonly categories: readonly Category[];
  readonly audit: {
    readonly type: 'type1' | 'type2';
    readonly period?: { readonly start: string; readonly end: string };
    /** The `period` value in the config, where findings about the period sit. */
    readonly periodSpan?: Span;
    /** `audit.fieldwork`: the first day of fieldwork, the "today" of `--today fieldwork`. */
    readonly fieldwork?: string;
  };
  readonly review: { readonly cycle: Period; readonly cycleText: string; readonly dueSoonDays: number };
  /**
   * Which markdown files are documents. `auto` (no `include` in the config): any markdown file under
   * a folder named for a kind of document, or whose frontmatter has compliance keys.
   */
  readonly documents: { readonly include: readonly string[]; readonly exclude: readonly string[]; readonly auto: boolean };
  readonly notApplicable: Readonly<Record<string, NotApplicable>>;
  readonly rules: Readonly<Record<string, SeverityOverride>>;
  readonly fields: FieldAliases;
  /** `types:`: globs and foreign type values onto document types. */
  readonly types: TypeMapping;
  /** Values stated once for every document that does not state its own (`defaults: {owner: …}`). */
  readonly defaults: { readonly owner?: string };
  /** Files whose mapping tables are read even when `documents.include` does not make them documents. */
  readonly mappings: readonly string[];
  /** How body links are published: `base` is the site path the repository's root is served under (`/security-policies/`). */
  readonly links: { readonly base?: string };
  /** The risk register's scales: likelihood and impact are 1..scale; a residual score above tolerance needs treatment or an acceptance. */
  readonly risk: RiskSettings;
  /** Where `audit.period.start`'s value sits, for findings about the period's start. */
  readonly periodStartSpan?: Span;
  /** Where the `risk` key sits, for findings about the risk register. */
  readonly riskAnchor?: Span;
  /** Where findings about the repository as a whole sit: the `categories` key, else the first line. */
  readonly anchor?: Span;
  /** Where a new `not_applicable` entry goes, and its indentation; undefined without a config file. */
  readonly notApplicableInsert?: { readonly offset: number; readonly prefix: string; readonly indent: string };
}

export interface RiskSettings {
  readonly scale: number;
  readonly tolerance: number;
  readonly assessmentCycle: Period;
  readonly assessmentCycleText: string;
}

/** The default scale and cycle; the default tolerance is 9 on a 5-point scale, the same share of the largest score on others. */
export const DEFAULT_RISK_SCALE = 5;
export const MAX_RISK_SCALE = 10;
export function defaultTolerance(scale: number): number {
  return Math.round((scale * scale * 9) / 25);
}
const DEFAULT_RISK: RiskSettings = Object.freeze({ scale: DEFAULT_RISK_SCALE, tolerance: 9, assessmentCycle: { years: 1, months: 0, days: 0 }, assessmentCycleText: 'annual' });

export const DEFAULT_INCLUDE = ['**/*.md'] as const;
export const DEFAULT_EXCLUDE = ['**/README.md'] as const;

export const DEFAULT_CONFIG: ResolvedConfig = Object.freeze({
  path: undefined,
  framework: 'soc2',
  categories: Object.freeze(['security'] as Category[]),
  audit: Object.freeze({ type: 'type1' as const }),
  review: Object.freeze({ cycle: { years: 1, months: 0, days: 0 }, cycleText: 'annual', dueSoonDays: 30 }),
  documents: Object.freeze({ include: DEFAULT_INCLUDE, exclude: DEFAULT_EXCLUDE, auto: true }),
  notApplicable: Object.freeze({}),
  rules: Object.freeze({}),
  fields: Object.freeze({}),
  types: Object.freeze({ globs: Object.freeze([]), values: Object.freeze([]) }),
  defaults: Object.freeze({}),
  mappings: Object.freeze([]),
  links: Object.freeze({}),
  risk: DEFAULT_RISK,
});

const SEVERITIES: readonly SeverityOverride[] = ['error', 'warning', 'info', 'hint', 'off'];
const TOP_KEYS = ['framework', 'categories', 'audit', 'review', 'documents', 'not_applicable', 'rules', 'fields', 'types', 'defaults', 'mappings', 'links', 'risk'];

interface Mutable {
  framework: 'soc2';
  categories: Category[];
  audit: { type: 'type1' | 'type2'; period?: { start: string; end: string }; periodSpan?: Span; fieldwork?: string };
  review: { cycle: Period; cycleText: string; dueSoonDays: number };
  documents: { include: string[]; exclude: string[]; auto: boolean };
  notApplicable: Record<string, NotApplicable>;
  rules: Record<string, SeverityOverride>;
  fields: Partial<Record<CanonicalField, string[]>>;
  types: { globs: Array<{ glob: string; type: DocumentType }>; values: Array<[string, DocumentType]> };
  defaults: { owner?: string };
  mappings: string[];
  links: { base?: string };
  risk: RiskSettings;
  periodStartSpan?: Span;
  riskAnchor?: Span;
}

export interface LoadedConfig {
  readonly config: ResolvedConfig;
  readonly findings: readonly RawFinding[];
}

/**
 * Reads the config text. `knownRules` is the registry's codes, so that a misspelt rule name is caught.
 */
export function loadConfig(path: string | undefined, text: string | undefined, knownRules: readonly string[]): LoadedConfig {
  if (path === undefined) return { config: DEFAULT_CONFIG, findings: [] };
  if (text === undefined) {
    // The file is there but the host would not read it (binary, over the size limit, unreadable).
    const message = `${path} could not be read as text: it is binary, larger than 5 MB or unreadable. The defaults are used until it is fixed.`;
    return { config: { ...DEFAULT_CONFIG, path }, findings: [{ code: 'config-invalid', span: { start: 0, end: 0 }, message }] };
  }
  const findings: RawFinding[] = [];
  const bad = (span: Span, message: string, fixes?: RawFinding['fixes']): void => {
    findings.push({ code: 'config-invalid', span, message, ...(fixes ? { fixes } : {}) });
  };
  const renameFix = (span: Span, to: string): RawFinding['fixes'] => [{ title: `Change to \`${to}\``, isPreferred: true, changes: [{ kind: 'edit', path, edits: [{ span, newText: to }] }] }];
  const m: Mutable = {
    framework: 'soc2',
    categories: ['security'],
    audit: { type: 'type1' },
    review: { ...DEFAULT_CONFIG.review },
    documents: { include: [...DEFAULT_INCLUDE], exclude: [...DEFAULT_EXCLUDE], auto: true },
    notApplicable: {},
    rules: {},
    fields: {},
    types: { globs: [], values: [] },
    defaults: {},
    mappings: [],
    links: {},
    risk: DEFAULT_RISK,
  };
  const firstLineEnd = text.indexOf('\n') === -1 ? text.length : text.indexOf('\n');
  let anchor: Span = { start: 0, end: Math.max(0, text.charCodeAt(firstLineEnd - 1) === 13 ? firstLineEnd - 1 : firstLineEnd) };
  let naInsert: ResolvedConfig['notApplicableInsert'] = { offset: text.length, prefix: `${text.length > 0 && !text.endsWith('\n') ? '\n' : ''}not_applicable:\n`, indent: '  ' };

  const parsed = parseYaml(text, 0);
  const root = parsed.doc?.contents as YamlNode;
  if (parsed.errors.length > 0) {
    const e = parsed.errors[0];
    bad(e.span, `${path} is not valid YAML: ${e.message}. The defaults are used until it is fixed.`);
  } else if (root && !isMap(root)) {
    bad(spanOf(root, 0, text), `${path} must be \`key: value\` settings, but it is ${describeNode(root)}. The defaults are used.`);
  } else if (root && isMap(root)) {
    for (const pair of root.items as Pair[]) {
      const key = keyText(pair);
      const kspan = spanOf(pair.key as NonNullable<YamlNode>, 0, text);
      const v = pair.value as YamlNode;
      const vspan = valueSpanOf(pair, 0, text);
      switch (key) {
        case 'framework': {
          const s = scalarText(v);
          if (s !== undefined && s.toLowerCase().replace(/[\s-]/g, '') !== 'soc2') bad(vspan, `framework \`${s}\` is not supported. The only framework is \`soc2\`.`, renameFix(vspan, 'soc2'));
          break;
        }
        case 'categories': {
          anchor = kspan;
          readCategories(text, v, vspan, m, bad, renameFix);
          break;
        }
        case 'audit':
          readAudit(text, v, vspan, m, bad, renameFix);
          break;
        case 'review':
          readReview(text, v, vspan, m, bad, renameFix);
          break;
        case 'documents':
          readDocuments(text, v, vspan, m, bad, renameFix);
          break;
        case 'not_applicable':
          naInsert = readNotApplicable(v, vspan, text, m, bad, renameFix) ?? naInsert;
          break;
        case 'rules':
          readRules(text, v, vspan, m, knownRules, bad, renameFix);
          break;
        case 'fields':
          readFieldAliases(text, v, vspan, m, bad, renameFix);
          break;
        case 'types':
          readTypes(text, v, vspan, m, bad, renameFix);
          break;
        case 'defaults': {
          const pairs = pairsOf(text, v, vspan, 'defaults', ['owner'], bad, renameFix);
          const owner = pairs.get('owner');
          if (owner) {
            const s = scalarText(owner.value as YamlNode);
            if (s === undefined || s.trim() === '') bad(valueSpanOf(owner, 0, text), '`defaults.owner` must name the person or role who owns every document that names no owner, e.g. `owner: security-lead`.');
            else m.defaults.owner = s.trim();
          }
          break;
        }
        case 'mappings': {
          const items = stringList(text, v, vspan, 'mappings', bad, renameFix);
          for (const it of items ?? []) {
            if (it.value === '') continue;
            if (it.value.startsWith('/') || /(^|\/)\.\.(\/|$)/.test(it.value) || /^[A-Za-z]:/.test(it.value)) bad(it.span, `\`${it.value}\` points outside the repository. Mapping files are paths or globs relative to the folder of compliance-docs.yml.`);
            else if (!/\.md$/i.test(it.value) && !/[*?]/.test(it.value)) bad(it.span, `\`${it.value}\` is not a markdown file. \`mappings\` lists the markdown files whose tables map criteria to documents.`);
            else m.mappings.push(it.value.replace(/^\.\//, ''));
          }
          break;
        }
        case 'links': {
          const pairs = pairsOf(text, v, vspan, 'links', ['base'], bad, renameFix);
          const base = pairs.get('base');
          if (base) {
            const s = scalarText(base.value as YamlNode)?.trim();
            if (s === undefined || !/^\/[^\s?#]*$/.test(s)) bad(valueSpanOf(base, 0, text), '`links.base` must be the site path the repository is published under, starting with `/`, e.g. `base: /security-policies/`.');
            else m.links.base = s.replace(/\/+$/, '');
          }
          break;
        }
        case 'risk':
          m.riskAnchor = kspan;
          readRisk(text, v, vspan, m, bad, renameFix);
          break;
        default: {
          const near = key === undefined ? undefined : closest(key, TOP_KEYS);
          bad(kspan, `Unknown setting \`${key ?? '?'}\`.${near ? ` Did you mean \`${near}\`?` : ''} Known settings: ${TOP_KEYS.join(', ')}.`, near ? renameFix(kspan, near) : undefined);
        }
      }
    }
  }
  const config: ResolvedConfig = Object.freeze({ path, ...m, anchor, notApplicableInsert: naInsert });
  return { config, findings };
}

type Bad = (span: Span, message: string, fixes?: RawFinding['fixes']) => void;
type RenameFix = (span: Span, to: string) => RawFinding['fixes'];

function pairsOf(text: string, v: YamlNode, vspan: Span, name: string, keys: readonly string[], bad: Bad, renameFix: RenameFix): Map<string, Pair> {
  const out = new Map<string, Pair>();
  if (isNullNode(v)) return out;
  if (!isMap(v)) {
    bad(vspan, `\`${name}\` must be a group of settings (${keys.join(', ')}), but it is ${describeNode(v)}.`);
    return out;
  }
  for (const p of v.items as Pair[]) {
    const k = keyText(p);
    const kspan = spanOf(p.key as NonNullable<YamlNode>, 0, text);
    if (k !== undefined && keys.includes(k)) out.set(k, p);
    else {
      const near = k === undefined ? undefined : closest(k, keys);
      bad(kspan, `Unknown setting \`${name}.${k ?? '?'}\`.${near ? ` Did you mean \`${near}\`?` : ''} Known: ${keys.join(', ')}.`, near ? renameFix(kspan, near) : undefined);
    }
  }
  return out;
}

/** A flow list of the comma-separated parts of a scalar, quoted where YAML needs it. */
function asFlowList(text: string): string {
  const items = text.split(',').map((s) => s.trim()).filter(Boolean);
  return `[${items.map((s) => (/^[A-Za-z0-9_./-][A-Za-z0-9_ ./*-]*$/.test(s) ? s : JSON.stringify(s))).join(', ')}]`;
}

function stringList(text: string, v: YamlNode, vspan: Span, name: string, bad: Bad, renameFix: RenameFix): { value: string; span: Span }[] | undefined {
  if (isNullNode(v)) return [];
  if (isScalar(v)) {
    // A bare value is a mistake, not a one-item list: `categories: security, availability` would read as one unknown category.
    const list = asFlowList(scalarText(v) ?? '');
    bad(vspan, `\`${name}\` must be a list, for example \`${name.slice(name.lastIndexOf('.') + 1)}: ${list}\`. Until it is, the default is used.`, list === '[]' ? undefined : renameFix(vspan, list));
    return undefined;
  }
  if (!isSeq(v)) {
    bad(vspan, `\`${name}\` must be a list, but it is ${describeNode(v)}.`);
    return undefined;
  }
  const out: { value: string; span: Span }[] = [];
  for (const item of v.items as YamlNode[]) {
    const s = scalarText(item);
    if (s === undefined) {
      if (item) bad(spanOf(item, 0, text), `Each item of \`${name}\` must be a single value, but this one is ${describeNode(item)}.`);
      continue;
    }
    out.push({ value: s.trim(), span: spanOf(item as NonNullable<YamlNode>, 0, text) });
  }
  return out;
}

function readCategories(text: string, v: YamlNode, vspan: Span, m: Mutable, bad: Bad, renameFix: RenameFix): void {
  const items = stringList(text, v, vspan, 'categories', bad, renameFix);
  if (!items) return;
  const names = ['security', 'availability', 'confidentiality', 'processing_integrity', 'privacy'];
  for (const item of items) {
    const c = parseCategory(item.value);
    if (!c) {
      const near = closest(item.value.toLowerCase(), names);
      bad(item.span, `\`${item.value}\` is not a SOC 2 category. Use: ${names.join(', ')}.`, near ? renameFix(item.span, near) : undefined);
    } else if (!m.categories.includes(c)) m.categories.push(c);
  }
  m.categories.sort((a, b) => names.indexOf(a) - names.indexOf(b));
}

function readAudit(text: string, v: YamlNode, vspan: Span, m: Mutable, bad: Bad, renameFix: RenameFix): void {
  const pairs = pairsOf(text, v, vspan, 'audit', ['type', 'period', 'fieldwork'], bad, renameFix);
  const typePair = pairs.get('type');
  let typeSpan = vspan;
  if (typePair) {
    typeSpan = valueSpanOf(typePair, 0, text);
    const s = scalarText(typePair.value as YamlNode);
    const norm = s?.toLowerCase().replace(/[\s_-]/g, '');
    if (norm === 'type1' || norm === 'typei') m.audit.type = 'type1';
    else if (norm === 'type2' || norm === 'typeii') m.audit.type = 'type2';
    else bad(typeSpan, `audit.type \`${s ?? describeNode(typePair.value as YamlNode)}\` is not an audit type. Use type1 or type2.`);
  }
  const periodPair = pairs.get('period');
  if (periodPair) {
    const pspan = valueSpanOf(periodPair, 0, text);
    const pp = pairsOf(text, periodPair.value as YamlNode, pspan, 'audit.period', ['start', 'end'], bad, renameFix);
    const read = (k: 'start' | 'end'): string | undefined => {
      const p = pp.get(k);
      if (!p) {
        bad(pspan, `audit.period needs ${k === 'end' ? 'an' : 'a'} \`${k}\` date (YYYY-MM-DD).`);
        return undefined;
      }
      const s = scalarText(p.value as YamlNode);
      const d = s === undefined ? undefined : parseIsoDate(s);
      if (!d) bad(valueSpanOf(p, 0, text), `audit.period.${k} \`${s ?? ''}\` is not a date. Write it as YYYY-MM-DD.`);
      return d;
    };
    if (isMap(periodPair.value as YamlNode)) {
      const start = read('start');
      const sp = pp.get('start');
      if (start && sp) m.periodStartSpan = valueSpanOf(sp, 0, text);
      const end = read('end');
      if (start && end) {
        if (end < start) bad(pspan, `The audit period ends (${end}) before it starts (${start}).`);
        else {
          m.audit.period = { start, end };
          m.audit.periodSpan = pspan;
        }
      }
    }
  }
  const fieldworkPair = pairs.get('fieldwork');
  if (fieldworkPair && !isNullNode(fieldworkPair.value as YamlNode)) {
    const s = scalarText(fieldworkPair.value as YamlNode);
    const d = s === undefined ? undefined : parseIsoDate(s);
    if (d) m.audit.fieldwork = d;
    else bad(valueSpanOf(fieldworkPair, 0, text), `audit.fieldwork \`${s ?? describeNode(fieldworkPair.value as YamlNode)}\` is not a date. Write the first day of fieldwork as YYYY-MM-DD.`);
  }
  if (m.audit.type === 'type2' && !m.audit.period && !(periodPair && isMap(periodPair.value as YamlNode))) {
    bad(typeSpan, 'A Type II audit needs its observation period: add `period: { start: YYYY-MM-DD, end: YYYY-MM-DD }` under `audit`.');
  }
}

function readRisk(text: string, v: YamlNode, vspan: Span, m: Mutable, bad: Bad, renameFix: RenameFix): void {
  const pairs = pairsOf(text, v, vspan, 'risk', ['scale', 'tolerance', 'assessment_cycle'], bad, renameFix);
  const whole = (p: Pair): number | undefined => {
    const s = scalarText(p.value as YamlNode)?.trim();
    return s !== undefined && /^\d{1,4}$/.test(s) ? Number(s) : undefined;
  };
  let scale = DEFAULT_RISK_SCALE;
  const sp = pairs.get('scale');
  if (sp) {
    const n = whole(sp);
    if (n !== undefined && n >= 2 && n <= MAX_RISK_SCALE) scale = n;
    else bad(valueSpanOf(sp, 0, text), `risk.scale \`${scalarText(sp.value as YamlNode) ?? describeNode(sp.value as YamlNode)}\` must be a whole number from 2 to ${MAX_RISK_SCALE}: the highest likelihood and impact, such as 5. The default, 5, is used.`);
  }
  let tolerance = defaultTolerance(scale);
  const tp = pairs.get('tolerance');
  if (tp) {
    const n = whole(tp);
    if (n !== undefined && n <= scale * scale) tolerance = n;
    else bad(valueSpanOf(tp, 0, text), `risk.tolerance \`${scalarText(tp.value as YamlNode) ?? describeNode(tp.value as YamlNode)}\` must be a whole number from 0 to ${scale * scale} (the largest score on a scale of ${scale}): the highest residual score accepted without an acceptance. ${tolerance} is used.`);
  }
  let assessmentCycle = DEFAULT_RISK.assessmentCycle;
  let assessmentCycleText = DEFAULT_RISK.assessmentCycleText;
  const cp = pairs.get('assessment_cycle');
  if (cp) {
    const s = scalarText(cp.value as YamlNode);
    const p = s === undefined ? undefined : parseCycle(s.replace(/-/g, ''));
    if (p && cycleWithinLimit(p)) {
      assessmentCycle = p;
      assessmentCycleText = describePeriod(p);
    } else bad(valueSpanOf(cp, 0, text), `risk.assessment_cycle \`${s ?? describeNode(cp.value as YamlNode)}\` is not a cycle. Use annual, semiannual, quarterly, or an ISO 8601 period such as P6M. The default, annual, is used.`);
  }
  m.risk = Object.freeze({ scale, tolerance, assessmentCycle, assessmentCycleText });
}

function readReview(text: string, v: YamlNode, vspan: Span, m: Mutable, bad: Bad, renameFix: RenameFix): void {
  const pairs = pairsOf(text, v, vspan, 'review', ['cycle', 'due_soon_days'], bad, renameFix);
  const cycle = pairs.get('cycle');
  if (cycle) {
    const s = scalarText(cycle.value as YamlNode);
    const p = s === undefined ? undefined : parseCycle(s.replace(/-/g, ''));
    if (p && !cycleWithinLimit(p)) bad(valueSpanOf(cycle, 0, text), `review.cycle \`${s ?? ''}\` is longer than ${MAX_CYCLE_YEARS} years, the longest review cycle read. Use a shorter cycle, such as annual or P2Y.`);
    else if (p) {
      m.review.cycle = p;
      m.review.cycleText = describePeriod(p);
    } else bad(valueSpanOf(cycle, 0, text), `review.cycle \`${s ?? ''}\` is not a review cycle. Use annual, semiannual, quarterly, monthly, or an ISO 8601 period such as P6M.`);
  }
  const due = pairs.get('due_soon_days');
  if (due) {
    const s = scalarText(due.value as YamlNode);
    const n = s === undefined ? NaN : Number(s);
    if (Number.isInteger(n) && n >= 0 && n <= 3660) m.review.dueSoonDays = n;
    else bad(valueSpanOf(due, 0, text), `review.due_soon_days \`${s ?? ''}\` must be a whole number of days, such as 30.`);
  }
}

/**
 * Globs become regular expressions, which backtrack: with three or more wildcards that can trade
 * characters (`*a*a*a*`, or `*a*` next to two `**`), one unlucky path takes seconds to minutes.
 */
export const MAX_GLOB_AMBIGUITY = 2;

/** Each `**` segment (a run of them counts once), and each quantifier after the first within a name. */
export function globAmbiguity(glob: string): number {
  let total = 0;
  let previousGlobstar = false;
  for (const segment of glob.split('/')) {
    if (segment === '**') {
      if (!previousGlobstar) total++;
      previousGlobstar = true;
      continue;
    }
    previousGlobstar = false;
    let quantifiers = 0;
    for (let i = 0; i < segment.length; i++) {
      const c = segment[i];
      if (c === '\\') i++;
      else if (c === '*') {
        quantifiers++;
        while (segment[i + 1] === '*') i++;
        if (segment[i + 1] === '(') i++;
      } else if ((c === '+' || c === '@' || c === '!' || c === '?') && segment[i + 1] === '(') {
        quantifiers++;
        i++;
      }
    }
    total += Math.max(0, quantifiers - 1);
  }
  return total;
}

function readDocuments(text: string, v: YamlNode, vspan: Span, m: Mutable, bad: Bad, renameFix: RenameFix): void {
  const pairs = pairsOf(text, v, vspan, 'documents', ['include', 'exclude'], bad, renameFix);
  for (const k of ['include', 'exclude'] as const) {
    const p = pairs.get(k);
    if (!p) continue;
    const items = stringList(text, p.value as YamlNode, valueSpanOf(p, 0, text), `documents.${k}`, bad, renameFix);
    if (!items) continue;
    const globs: string[] = [];
    for (const it of items) {
      if (it.value === '') continue;
      if (it.value.startsWith('/') || /(^|\/)\.\.(\/|$)/.test(it.value) || /^[A-Za-z]:/.test(it.value)) {
        bad(it.span, `\`${it.value}\` points outside the repository. Globs are relative to the folder of compliance-docs.yml.`);
        continue;
      }
      const ambiguity = globAmbiguity(it.value);
      if (ambiguity > MAX_GLOB_AMBIGUITY) {
        bad(it.span, `\`${it.value}\` has ${ambiguity} wildcards that can match the same characters (each \`**\`, and each \`*\` or \`(…)\` group after the first in a name); more than ${MAX_GLOB_AMBIGUITY} can take minutes to match against unlucky file names. Split it into simpler globs.`);
        continue;
      }
      globs.push(it.value.replace(/^\.\//, ''));
    }
    if (k === 'include' && globs.length === 0 && items.length > 0) continue;
    m.documents[k] = globs;
    if (k === 'include') m.documents.auto = false;
  }
}

function readNotApplicable(v: YamlNode, vspan: Span, text: string, m: Mutable, bad: Bad, renameFix: RenameFix): ResolvedConfig['notApplicableInsert'] | undefined {
  if (isNullNode(v)) return undefined;
  if (!isMap(v)) {
    bad(vspan, `\`not_applicable\` must map criterion IDs to justifications, e.g. \`CC6.4: "No offices or data centres"\`; it is ${describeNode(v)}.`);
    return undefined;
  }
  let insert: ResolvedConfig['notApplicableInsert'] | undefined;
  for (const p of v.items as Pair[]) {
    const k = keyText(p);
    const kspan = spanOf(p.key as NonNullable<YamlNode>, 0, text);
    const val = p.value as YamlNode;
    if (k === undefined) continue;
    if (!getCriterion(k)) {
      const s = suggestCriteria(k);
      const fix = s?.kind === 'normalized' ? renameFix(kspan, s.id) : s?.kind === 'nearest' ? renameFix(kspan, s.ids[0]) : undefined;
      bad(kspan, `\`${k}\` is not a SOC 2 criterion${s?.kind === 'normalized' ? `; did you mean ${s.id}?` : s?.kind === 'nearest' ? `; did you mean ${s.ids.join(' or ')}?` : '.'} List criteria one by one, e.g. CC6.4.`, fix);
      continue;
    }
    const just = scalarText(val);
    if (just === undefined || just.trim() === '') {
      bad(isNullNode(val) ? kspan : valueSpanOf(p, 0, text), `${k} is scoped out without a justification. Auditors ask why a criterion does not apply: write the reason, e.g. "No physical offices; hosting is with an audited cloud provider".`);
      continue;
    }
    m.notApplicable[k] = { justification: just.trim(), span: kspan };
  }
  // New entries go after the last one, at its indentation, when the map is a block map.
  const last = (v.items as Pair[])[v.items.length - 1];
  if (last && !(v as { flow?: boolean }).flow) {
    const lastEnd = spanOf((last.value as NonNullable<YamlNode>) ?? (last.key as NonNullable<YamlNode>), 0, text).end;
    const nl = text.indexOf('\n', lastEnd);
    const lineStart = text.lastIndexOf('\n', spanOf(last.key as NonNullable<YamlNode>, 0, text).start) + 1;
    const indent = text.slice(lineStart, spanOf(last.key as NonNullable<YamlNode>, 0, text).start);
    insert = nl === -1 ? { offset: text.length, prefix: '\n', indent } : { offset: nl + 1, prefix: '', indent };
  }
  return insert;
}

function readRules(text: string, v: YamlNode, vspan: Span, m: Mutable, knownRules: readonly string[], bad: Bad, renameFix: RenameFix): void {
  if (isNullNode(v)) return;
  if (!isMap(v)) {
    bad(vspan, `\`rules\` must map rule codes to a severity (${SEVERITIES.join(', ')}), but it is ${describeNode(v)}.`);
    return;
  }
  for (const p of v.items as Pair[]) {
    const k = keyText(p);
    const kspan = spanOf(p.key as NonNullable<YamlNode>, 0, text);
    if (k === undefined) continue;
    if (!knownRules.includes(k)) {
      const near = closest(k, knownRules);
      bad(kspan, `\`${k}\` is not a rule.${near ? ` Did you mean \`${near}\`?` : ''} See docs/rules.md for the list.`, near ? renameFix(kspan, near) : undefined);
      continue;
    }
    const s = scalarText(p.value as YamlNode)?.toLowerCase();
    const sev = s === 'warn' ? 'warning' : s === 'information' ? 'info' : s;
    if (sev && (SEVERITIES as readonly string[]).includes(sev)) m.rules[k] = sev as SeverityOverride;
    else bad(valueSpanOf(p, 0, text), `The severity of \`${k}\` must be one of ${SEVERITIES.join(', ')}.`);
  }
}

function readFieldAliases(text: string, v: YamlNode, vspan: Span, m: Mutable, bad: Bad, renameFix: RenameFix): void {
  if (isNullNode(v)) return;
  if (!isMap(v)) {
    bad(vspan, `\`fields\` must map field names to the keys that hold them, e.g. \`last_reviewed: [last_reviewed, approval_date]\`; it is ${describeNode(v)}.`);
    return;
  }
  for (const p of v.items as Pair[]) {
    const k = keyText(p);
    const kspan = spanOf(p.key as NonNullable<YamlNode>, 0, text);
    if (k === undefined) continue;
    if (!(CANONICAL_FIELDS as readonly string[]).includes(k)) {
      const near = closest(k, CANONICAL_FIELDS);
      bad(kspan, `\`${k}\` is not a field that can be aliased.${near ? ` Did you mean \`${near}\`?` : ''} Fields: ${CANONICAL_FIELDS.join(', ')}.`, near ? renameFix(kspan, near) : undefined);
      continue;
    }
    const items = stringList(text, p.value as YamlNode, valueSpanOf(p, 0, text), `fields.${k}`, bad, renameFix);
    if (items && items.length > 0) m.fields[k as CanonicalField] = items.map((i) => i.value).filter(Boolean);
  }
}

/** A key of `types:` that is a path glob rather than a type value. */
function isTypeGlob(key: string): boolean {
  return /[/*?[\]{}]/.test(key) || /\.md$/i.test(key);
}

function readTypes(text: string, v: YamlNode, vspan: Span, m: Mutable, bad: Bad, renameFix: RenameFix): void {
  if (isNullNode(v)) return;
  const example = 'e.g. `"handbook/runbooks/**": procedure` or `Standard: policy`';
  if (!isMap(v)) {
    bad(vspan, `\`types\` must map path globs or type values to a document type (${DOCUMENT_TYPES.join(', ')}), ${example}; it is ${describeNode(v)}.`);
    return;
  }
  const seen = new Map<string, string>();
  for (const p of v.items as Pair[]) {
    const k = keyText(p)?.trim();
    const kspan = spanOf(p.key as NonNullable<YamlNode>, 0, text);
    const tspan = valueSpanOf(p, 0, text);
    if (k === undefined || k === '') {
      bad(kspan, `Each key of \`types\` must be a path glob or a type value, ${example}.`);
      continue;
    }
    if (/^(__proto__|constructor|prototype)$/i.test(k)) {
      bad(kspan, `\`${k}\` cannot be a key of \`types\`. Name a path glob or the type value documents use, ${example}.`);
      continue;
    }
    const glob = isTypeGlob(k);
    if (glob && (k.startsWith('/') || /(^|\/)\.\.(\/|$)/.test(k) || /^[A-Za-z]:/.test(k))) {
      bad(kspan, `\`${k}\` points outside the repository. Globs in \`types\` are relative to the folder of compliance-docs.yml.`);
      continue;
    }
    const lowerKey = k.toLowerCase();
    if (!glob && (DOCUMENT_TYPES as readonly string[]).includes(lowerKey)) {
      bad(kspan, `\`${k}\` is already a document type, and a document that says \`type: ${lowerKey}\` keeps it. Map only other values (\`Standard: policy\`) or globs of paths.`);
      continue;
    }
    const norm = glob ? k.replace(/^\.\//, '') : typeValueKey(k);
    const first = seen.get(norm);
    if (first !== undefined) {
      bad(kspan, `\`${k}\` is mapped twice in \`types\` (first as \`${first}\`; values are matched in any case). Remove one.`);
      continue;
    }
    seen.set(norm, k);
    const value = p.value as YamlNode;
    const s = isScalar(value) ? scalarText(value)?.trim() : undefined;
    if (s === undefined || s === '' || typeof (value as { value?: unknown }).value !== 'string') {
      bad(isNullNode(value) ? kspan : tspan, `The type of \`${k}\` must be one of ${DOCUMENT_TYPES.join(', ')}, but it is ${isNullNode(value) ? 'empty' : describeNode(value)}.`);
      continue;
    }
    const target = s.toLowerCase();
    if (!(DOCUMENT_TYPES as readonly string[]).includes(target)) {
      const near = typeOfValue(target) ?? closest(target, DOCUMENT_TYPES);
      bad(tspan, `\`${s}\` is not a document type. Use one of: ${DOCUMENT_TYPES.join(', ')}.${near ? ` Did you mean \`${near}\`?` : ''}`, near ? renameFix(tspan, near) : undefined);
      continue;
    }
    if (glob) m.types.globs.push({ glob: norm, type: target as DocumentType });
    else m.types.values.push([norm, target as DocumentType]);
  }
}

/** Every in-scope criterion ID, in catalog order. */
/** The Type II observation period; undefined for a Type I audit, or a Type II one with no period stated. */
export function observationPeriod(config: ResolvedConfig): { readonly start: string; readonly end: string } | undefined {
  return config.audit.type === 'type2' ? config.audit.period : undefined;
}

export function inScopeCriteria(config: ResolvedConfig): string[] {
  return CRITERIA.filter((c) => config.categories.includes(c.category)).map((c) => c.id);
}
