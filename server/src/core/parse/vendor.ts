// The fields only a vendor document has (criticality, relied-on categories, assurance entries,
// bridging letters, CUECs), read from the frontmatter the document parser already parsed. It runs
// only for documents of type vendor, so other documents pay nothing for it.

import { parseIsoDate } from '../dates';
import {
  ASSURANCE_TYPES,
  AUDIT_OPINIONS,
  SUBSERVICE_METHODS,
  TRUST_CATEGORIES,
  VENDOR_CRITICALITIES,
  type AssuranceEntry,
  type AssuranceType,
  type AuditOpinion,
  type BridgeLetter,
  type Cuec,
  type Fix,
  type Located,
  type RawFinding,
  type Span,
  type SubserviceMethod,
  type TrustCategory,
  type VendorCriticality,
  type VendorRecord,
} from '../model/types';
import { nearest } from '../text/similar';
import { describeNode, isAlias, isMap, isNullNode, isScalar, isSeq, keyText, scalarText, spanOf, valueSpanOf, type Node, type Pair, type YamlNode } from './yaml';

/** Where the frontmatter sits in the file, and where problems go. */
export interface VendorReader {
  readonly path: string;
  readonly base: number;
  readonly text: string;
  readonly problems: RawFinding[];
}

/** What reading a vendor's fields yields: the record, and the references that the document's lists carry. */
export interface VendorFields {
  readonly vendor: VendorRecord;
  /** Control ids named under `cuecs`: checked as references, like `controls:`. */
  readonly controls: readonly Located[];
  /** Report and bridging-letter paths or URLs: checked like evidence. */
  readonly reports: readonly Located[];
}

export function table<T extends string>(values: readonly T[]): ReadonlyMap<string, T> {
  return new Map(values.map((v) => [v, v]));
}

const CRITICALITY = table(VENDOR_CRITICALITIES);
const ASSURANCE = table(ASSURANCE_TYPES);
const OPINION = table(AUDIT_OPINIONS);
const SUBSERVICE = table(SUBSERVICE_METHODS);
// `processing_integrity` and `processing integrity` are the same category.
const CATEGORY = new Map<string, TrustCategory>([...table(TRUST_CATEGORIES), ['processing_integrity', 'processing-integrity'], ['processing integrity', 'processing-integrity']]);

/** The keys only a vendor document has. */
export const VENDOR_KEYS: ReadonlySet<string> = new Set(['criticality', 'services', 'relies_on', 'subservice', 'assurance', 'cuecs']);

export function readVendor(pairs: readonly Pair[], r: VendorReader, body: string): VendorFields {
  const controls: Located[] = [];
  const reports: Located[] = [];
  let criticality: Located<VendorCriticality> | undefined;
  let services: Located[] = [];
  let reliesOn: Located<TrustCategory>[] | undefined;
  let subservice: Located<SubserviceMethod> | undefined;
  const assurance: AssuranceEntry[] = [];
  const cuecs: Cuec[] = [];
  eachOwnField(pairs, VENDOR_KEYS, r, (key, value, vspan) => {
    switch (key) {
      case 'criticality':
        criticality = readEnum(r, key, value, vspan, CRITICALITY, VENDOR_CRITICALITIES);
        break;
      case 'services':
        services = readStrings(r, key, value, vspan);
        break;
      case 'relies_on':
        reliesOn = readCategories(r, key, value, vspan);
        break;
      case 'subservice':
        subservice = readEnum(r, key, value, vspan, SUBSERVICE, SUBSERVICE_METHODS);
        break;
      case 'assurance':
        if (!isSeq(value)) invalid(r, vspan, `\`assurance\` must be a list of entries (\`- type: soc2-type2\`, with its period, opinion and report), but it is ${describeNode(value)}.`);
        else for (const item of value.items as YamlNode[]) {
          const entry = readAssurance(r, item, reports);
          if (entry) assurance.push(entry);
        }
        break;
      case 'cuecs':
        if (!isSeq(value)) invalid(r, vspan, `\`cuecs\` must be a list of entries (\`- text: …\` with \`controls: [ids]\`), but it is ${describeNode(value)}.`);
        else for (const item of value.items as YamlNode[]) {
          const cuec = readCuec(r, item, controls);
          if (cuec) cuecs.push(cuec);
        }
        break;
    }
  });
  const response = /^#{2,6}[ \t]+(?:management(?:'s|’s)?[ \t]+)?response\b/im.test(body);
  const vendor: VendorRecord = {
    ...(criticality ? { criticality } : {}),
    services,
    ...(reliesOn ? { reliesOn } : {}),
    ...(subservice ? { subservice } : {}),
    assurance,
    cuecs,
    ...(response ? { response: true as const } : {}),
  };
  return { vendor, controls, reports };
}

/**
 * Hands `visit` the first pair of each key in `keys`, with its value and the value's span: a null value
 * is passed over, and an alias is reported and not read. Vendor and risk documents read their own
 * fields through it.
 */
export function eachOwnField(pairs: readonly Pair[], keys: ReadonlySet<string>, r: VendorReader, visit: (key: string, value: YamlNode, vspan: Span) => void): void {
  const seen = new Set<string>();
  for (const pair of pairs) {
    const key = keyText(pair);
    if (key === undefined || !keys.has(key) || seen.has(key)) continue;
    seen.add(key);
    const value = pair.value as YamlNode;
    const vspan = valueSpanOf(pair, r.base, r.text);
    if (isNullNode(value)) continue;
    if (isAlias(value)) {
      invalid(r, vspan, `\`${key}\` uses a YAML alias. Write the value out; aliases are not read.`);
      continue;
    }
    visit(key, value, vspan);
  }
}

export function invalid(r: VendorReader, span: Span, message: string, fixes?: Fix[]): void {
  r.problems.push({ code: 'field-invalid', span, message, ...(fixes && fixes.length > 0 ? { fixes } : {}) });
}

function enumFixes(r: VendorReader, span: Span, allowed: readonly string[], actual: string): Fix[] {
  return nearest(actual, allowed, 2)
    .slice(0, 2)
    .map((a, i) => ({ title: `Change to \`${a}\``, isPreferred: i === 0, changes: [{ kind: 'edit' as const, path: r.path, edits: [{ span, newText: a }] }] }));
}

export function readEnum<T extends string>(r: VendorReader, key: string, value: YamlNode, span: Span, known: ReadonlyMap<string, T>, allowed: readonly T[]): Located<T> | undefined {
  const s = scalarText(value);
  if (s === undefined) {
    invalid(r, span, `\`${key}\` must be one of ${allowed.join(', ')}, but it is ${describeNode(value)}.`);
    return undefined;
  }
  const t = s.trim();
  if (t === '') return undefined;
  const v = known.get(t.toLowerCase());
  if (v) return { value: v, span };
  invalid(r, span, `\`${key}\` is \`${t}\`, which is not one of ${allowed.join(', ')}. Use one of them.`, enumFixes(r, span, allowed, t));
  return undefined;
}

export function readStrings(r: VendorReader, key: string, value: YamlNode, span: Span): Located[] {
  if (isScalar(value)) {
    const s = (scalarText(value) ?? '').trim();
    return s === '' ? [] : [{ value: s, span }];
  }
  if (!isSeq(value)) {
    invalid(r, span, `\`${key}\` must be a list, but it is ${describeNode(value)}.`);
    return [];
  }
  const out: Located[] = [];
  for (const item of value.items as YamlNode[]) {
    if (!item || isNullNode(item)) continue;
    const ispan = spanOf(item as Node, r.base, r.text);
    const s = isAlias(item) ? undefined : scalarText(item);
    if (s === undefined) {
      invalid(r, ispan, `Each item of \`${key}\` must be a single value, but this one is ${describeNode(item)}.`);
      continue;
    }
    if (s.trim() !== '') out.push({ value: s.trim(), span: ispan });
  }
  return out;
}

function readCategories(r: VendorReader, key: string, value: YamlNode, span: Span): Located<TrustCategory>[] {
  const out: Located<TrustCategory>[] = [];
  for (const item of readStrings(r, key, value, span)) {
    const c = CATEGORY.get(item.value.toLowerCase());
    if (c) {
      if (!out.some((o) => o.value === c)) out.push({ value: c, span: item.span });
    } else invalid(r, item.span, `\`${item.value}\` under \`${key}\` is not a SOC 2 category. Use ${TRUST_CATEGORIES.join(', ')}.`, enumFixes(r, item.span, TRUST_CATEGORIES, item.value));
  }
  return out;
}

export function readDate(r: VendorReader, key: string, pair: Pair): Located | undefined {
  const value = pair.value as YamlNode;
  const span = valueSpanOf(pair, r.base, r.text);
  if (isNullNode(value)) return undefined;
  const s = scalarText(value);
  const d = s === undefined ? undefined : parseIsoDate(s);
  if (d) return { value: d, span };
  invalid(r, span, `\`${key}\` is ${s === undefined ? describeNode(value) : `\`${s}\``}, which is not a date. Write it as YYYY-MM-DD, for example 2026-06-30.`);
  return undefined;
}

function readLink(r: VendorReader, key: string, pair: Pair, reports: Located[]): Located | undefined {
  const value = pair.value as YamlNode;
  const span = valueSpanOf(pair, r.base, r.text);
  if (isNullNode(value)) return undefined;
  const s = scalarText(value);
  if (s === undefined) {
    invalid(r, span, `\`${key}\` must be the report's path in the repository or its https URL, but it is ${describeNode(value)}.`);
    return undefined;
  }
  if (s.trim() === '') return undefined;
  const link = { value: s.trim(), span };
  reports.push(link);
  return link;
}

/** The pairs of a mapping entry; undefined (with a problem) for anything else. */
function entryPairs(r: VendorReader, item: YamlNode, what: string): Pair[] | undefined {
  if (!item || isNullNode(item)) return undefined;
  if (!isMap(item)) {
    invalid(r, spanOf(item as Node, r.base, r.text), `Each ${what} must be a mapping of keys, but this one is ${describeNode(item)}.`);
    return undefined;
  }
  return item.items as Pair[];
}

function readAssurance(r: VendorReader, item: YamlNode, reports: Located[]): AssuranceEntry | undefined {
  const pairs = entryPairs(r, item, '`assurance` entry (`- type: soc2-type2`, `period: { start: …, end: … }`, `opinion: …`, `report: …`)');
  if (!pairs) return undefined;
  const span = spanOf(item as Node, r.base, r.text);
  let type: Located<AssuranceType> | undefined;
  let periodStart: Located | undefined;
  let periodEnd: Located | undefined;
  let asOf: Located | undefined;
  let opinion: Located<AuditOpinion> | undefined;
  let categories: Located<TrustCategory>[] | undefined;
  let report: Located | undefined;
  let bridgeLetter: BridgeLetter | undefined;
  let periodSpan: Span | undefined;
  for (const pair of pairs) {
    const key = keyText(pair);
    const value = pair.value as YamlNode;
    const vspan = valueSpanOf(pair, r.base, r.text);
    switch (key) {
      case 'type':
        if (!isNullNode(value)) type = readEnum(r, key, value, vspan, ASSURANCE, ASSURANCE_TYPES);
        break;
      case 'period':
        if (isNullNode(value)) break;
        if (!isMap(value)) {
          invalid(r, vspan, `\`period\` must be \`{ start: YYYY-MM-DD, end: YYYY-MM-DD }\`, but it is ${describeNode(value)}.`);
          break;
        }
        periodSpan = vspan;
        for (const p of value.items as Pair[]) {
          const k = keyText(p);
          if (k === 'start') periodStart = readDate(r, 'start', p);
          else if (k === 'end') periodEnd = readDate(r, 'end', p);
        }
        break;
      case 'as_of':
      case 'date':
        if (!asOf) asOf = readDate(r, key, pair);
        break;
      case 'opinion':
        if (!isNullNode(value)) opinion = readEnum(r, key, value, vspan, OPINION, AUDIT_OPINIONS);
        break;
      case 'categories':
        if (!isNullNode(value)) categories = readCategories(r, key, value, vspan);
        break;
      case 'report':
        report = readLink(r, key, pair, reports);
        break;
      case 'bridge_letter':
        bridgeLetter = readBridge(r, pair, reports);
        break;
    }
  }
  if (!type && !pairs.some((p) => keyText(p) === 'type')) {
    invalid(r, span, `This \`assurance\` entry has no \`type\`. Add one of ${ASSURANCE_TYPES.join(', ')}.`);
  }
  if (periodStart && periodEnd && periodEnd.value < periodStart.value) {
    invalid(r, periodEnd.span, `The period ends (${periodEnd.value}) before it starts (${periodStart.value}). Fix the dates from the report's opinion page.`);
    periodEnd = undefined;
  } else if (type?.value === 'soc2-type2' && !periodEnd && !pairs.some((p) => keyText(p) === 'period' && !isNullNode(p.value as YamlNode) && (!isMap(p.value) || (p.value.items as Pair[]).some((q) => keyText(q) === 'end' && !isNullNode(q.value as YamlNode))))) {
    invalid(r, periodSpan ?? type.span, `A SOC 2 Type II report covers a period: add \`period: { start: YYYY-MM-DD, end: YYYY-MM-DD }\` from its opinion page, so that its age can be judged.`);
  } else if (type?.value === 'soc2-type1' && !asOf && !periodEnd && !pairs.some((p) => ['as_of', 'date', 'period'].includes(keyText(p) ?? '') && !isNullNode(p.value as YamlNode))) {
    invalid(r, type.span, `A SOC 2 Type I report is as of one date: add \`as_of: YYYY-MM-DD\` from its opinion page, so that its age can be judged.`);
  }
  const lineStart = r.text.lastIndexOf('\n', span.start - 1) + 1;
  const lead = r.text.slice(lineStart, span.start);
  return {
    span,
    ...(/^[ \t]*-[ \t]+$/.test(lead) && !isFlowMap(item) ? { itemPrefix: lead } : {}),
    ...(type ? { type } : {}),
    ...(periodStart ? { periodStart } : {}),
    ...(periodEnd ? { periodEnd } : {}),
    ...(asOf ? { asOf } : {}),
    ...(opinion ? { opinion } : {}),
    ...(categories ? { categories } : {}),
    ...(report ? { report } : {}),
    ...(bridgeLetter ? { bridgeLetter } : {}),
  };
}

function isFlowMap(item: YamlNode): boolean {
  return isMap(item) && (item as { flow?: boolean }).flow === true;
}

function readBridge(r: VendorReader, pair: Pair, reports: Located[]): BridgeLetter | undefined {
  const value = pair.value as YamlNode;
  const span = valueSpanOf(pair, r.base, r.text);
  if (isNullNode(value)) return undefined;
  if (!isMap(value)) {
    invalid(r, span, `\`bridge_letter\` must be \`{ date: YYYY-MM-DD, through: YYYY-MM-DD, report: path }\`, but it is ${describeNode(value)}.`);
    return undefined;
  }
  let date: Located | undefined;
  let through: Located | undefined;
  let report: Located | undefined;
  for (const p of value.items as Pair[]) {
    const k = keyText(p);
    if (k === 'date') date = readDate(r, k, p);
    else if (k === 'through') through = readDate(r, k, p);
    else if (k === 'report') report = readLink(r, k, p, reports);
  }
  if (!through && !(value.items as Pair[]).some((p) => keyText(p) === 'through')) {
    invalid(r, span, 'This bridging letter does not say what date it speaks for: add `through: YYYY-MM-DD`, the last day it covers.');
  }
  return { span, ...(date ? { date } : {}), ...(through ? { through } : {}), ...(report ? { report } : {}) };
}

function readCuec(r: VendorReader, item: YamlNode, controls: Located[]): Cuec | undefined {
  if (!item || isNullNode(item)) return undefined;
  const span = spanOf(item as Node, r.base, r.text);
  if (isScalar(item)) {
    // A CUEC written as plain text: it names no control.
    const s = (scalarText(item) ?? '').trim();
    return s === '' ? undefined : { span, text: { value: s, span }, controls: [] };
  }
  const pairs = entryPairs(r, item, '`cuecs` entry (`- text: …` with `controls: [ids]`)');
  if (!pairs) return undefined;
  let text: Located | undefined;
  let ids: Located[] = [];
  for (const pair of pairs) {
    const key = keyText(pair);
    const value = pair.value as YamlNode;
    const vspan = valueSpanOf(pair, r.base, r.text);
    if (key === 'text') {
      const s = scalarText(value);
      if (s !== undefined && s.trim() !== '') text = { value: s.trim(), span: vspan };
      else if (!isNullNode(value)) invalid(r, vspan, `\`text\` must be the CUEC as the report words it, but it is ${describeNode(value)}.`);
    } else if (key === 'controls' && !isNullNode(value)) {
      ids = readStrings(r, key, value, vspan);
    }
  }
  controls.push(...ids);
  return { span, ...(text ? { text } : {}), controls: ids };
}
