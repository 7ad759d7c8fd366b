// The fields only a risk (category, inherent and residual scores, treatment, acceptance) or a risk
// assessment (its date and the risks it reviewed) has, read from the frontmatter the document parser
// already parsed. They run only for documents of those types, so other documents pay nothing.
// Whether a score fits the scale is judged against the config, by field-invalid (rules/riskScale.ts).

import {
  RISK_CATEGORIES,
  RISK_TREATMENTS,
  type AssessmentRecord,
  type Located,
  type RiskAcceptance,
  type RiskCategory,
  type RiskRecord,
  type RiskScore,
  type RiskTreatment,
  type Span,
} from '../model/types';
import { eachOwnField, invalid, readDate, readEnum, readStrings, table, type VendorReader } from './vendor';
import { describeNode, isAlias, isMap, isNullNode, keyText, scalarText, valueSpanOf, type Pair, type YamlNode } from './yaml';

const CATEGORY = table(RISK_CATEGORIES);
// `mitigation`, `accepted` and the like are the same treatments.
const TREATMENT = new Map<string, RiskTreatment>([
  ...table(RISK_TREATMENTS),
  ['mitigation', 'mitigate'],
  ['mitigated', 'mitigate'],
  ['reduce', 'mitigate'],
  ['accepted', 'accept'],
  ['acceptance', 'accept'],
  ['transferred', 'transfer'],
  ['share', 'transfer'],
  ['avoided', 'avoid'],
  ['avoidance', 'avoid'],
]);

const RISK_KEYS = new Set(['category', 'inherent', 'residual', 'treatment', 'acceptance']);

/** The largest whole number read as a likelihood or impact; the config's scale says what is on it. */
const MAX_SCORE_PART = 1000;

/** Reads a risk's own fields; `pairs` are the frontmatter's top-level pairs. */
export function readRisk(pairs: readonly Pair[], r: VendorReader): RiskRecord {
  let category: Located<RiskCategory> | undefined;
  let inherent: RiskScore | undefined;
  let residual: RiskScore | undefined;
  let treatment: Located<RiskTreatment> | undefined;
  let acceptance: RiskAcceptance | undefined;
  eachOwnField(pairs, RISK_KEYS, r, (key, value, vspan) => {
    switch (key) {
      case 'category':
        category = readEnum(r, key, value, vspan, CATEGORY, RISK_CATEGORIES);
        break;
      case 'treatment':
        treatment = readEnum(r, key, value, vspan, TREATMENT, RISK_TREATMENTS);
        break;
      case 'inherent':
        inherent = readScore(r, key, value, vspan);
        break;
      case 'residual':
        residual = readScore(r, key, value, vspan);
        break;
      case 'acceptance':
        acceptance = readAcceptance(r, value, vspan);
        break;
    }
  });
  return {
    ...(category ? { category } : {}),
    ...(inherent ? { inherent } : {}),
    ...(residual ? { residual } : {}),
    ...(treatment ? { treatment } : {}),
    ...(acceptance ? { acceptance } : {}),
  };
}

function readScore(r: VendorReader, key: string, value: YamlNode, span: Span): RiskScore | undefined {
  if (!isMap(value)) {
    invalid(r, span, `\`${key}\` must be \`{ likelihood: N, impact: N }\`, each a whole number on the scale of \`risk.scale\` in the config, but it is ${describeNode(value)}.`);
    return undefined;
  }
  let likelihood: Located<number> | undefined;
  let impact: Located<number> | undefined;
  let stated = 0;
  for (const p of value.items as Pair[]) {
    const k = keyText(p);
    if (k !== 'likelihood' && k !== 'impact') continue;
    if ((k === 'likelihood' ? likelihood : impact) !== undefined) continue;
    stated |= k === 'likelihood' ? 1 : 2;
    const part = readScorePart(r, `${key}.${k}`, p);
    if (k === 'likelihood') likelihood = part;
    else impact = part;
  }
  const missing = [stated & 1 ? '' : 'likelihood', stated & 2 ? '' : 'impact'].filter(Boolean);
  if (missing.length > 0) invalid(r, span, `\`${key}\` has no ${missing.join(' and no ')}. A score is \`{ likelihood: N, impact: N }\`; add the missing ${missing.length === 1 ? 'one' : 'ones'}.`);
  return { span, ...(likelihood ? { likelihood } : {}), ...(impact ? { impact } : {}) };
}

function readScorePart(r: VendorReader, what: string, pair: Pair): Located<number> | undefined {
  const value = pair.value as YamlNode;
  const span = valueSpanOf(pair, r.base, r.text);
  const s = isNullNode(value) || isAlias(value) ? undefined : scalarText(value)?.trim();
  const n = s !== undefined && /^\d{1,4}$/.test(s) ? Number(s) : NaN;
  if (Number.isInteger(n) && n >= 1 && n <= MAX_SCORE_PART) return { value: n, span };
  const shown = s === undefined ? describeNode(value) : `\`${s.length > 40 ? `${s.slice(0, 37)}…` : s}\``;
  invalid(r, span, `\`${what}\` is ${shown}, which is not a score. Write a whole number from 1 to the scale of \`risk.scale\` in the config (5 unless it says otherwise).`);
  return undefined;
}

function readAcceptance(r: VendorReader, value: YamlNode, span: Span): RiskAcceptance | undefined {
  if (!isMap(value)) {
    invalid(r, span, `\`acceptance\` must be \`{ by: who, date: YYYY-MM-DD, expires: YYYY-MM-DD }\`, the record of management accepting the risk, but it is ${describeNode(value)}.`);
    return undefined;
  }
  let by: Located | undefined;
  let date: Located | undefined;
  let expires: Located | undefined;
  for (const p of value.items as Pair[]) {
    const k = keyText(p);
    const v = p.value as YamlNode;
    if (k === 'by' && by === undefined) {
      const s = isAlias(v) ? undefined : scalarText(v);
      if (s !== undefined && s.trim() !== '') by = { value: s.trim(), span: valueSpanOf(p, r.base, r.text) };
      else if (!isNullNode(v)) invalid(r, valueSpanOf(p, r.base, r.text), `\`by\` must name who accepted the risk (a person or role, such as ceo), but it is ${describeNode(v)}.`);
    } else if (k === 'date' && date === undefined) date = readDate(r, 'date', p);
    else if (k === 'expires' && expires === undefined) expires = readDate(r, 'expires', p);
  }
  if (date && expires && expires.value < date.value) {
    invalid(r, expires.span, `The acceptance expires (${expires.value}) before it was given (${date.value}). Fix the dates.`);
    expires = undefined;
  }
  return { span, ...(by ? { by } : {}), ...(date ? { date } : {}), ...(expires ? { expires } : {}) };
}

/** Reads an assessment's own fields: `date:` and `risks: [ids]`. */
export function readAssessment(pairs: readonly Pair[], r: VendorReader): AssessmentRecord {
  let date: Located | undefined;
  let risks: Located[] = [];
  let sawDate = false;
  let sawRisks = false;
  for (const pair of pairs) {
    const key = keyText(pair);
    if (key === 'date' && !sawDate) {
      sawDate = true;
      const value = pair.value as YamlNode;
      if (isAlias(value)) invalid(r, valueSpanOf(pair, r.base, r.text), '`date` uses a YAML alias. Write the date out; aliases are not read.');
      else date = readDate(r, 'date', pair);
    } else if (key === 'risks' && !sawRisks) {
      sawRisks = true;
      const value = pair.value as YamlNode;
      const vspan = valueSpanOf(pair, r.base, r.text);
      if (isAlias(value)) invalid(r, vspan, '`risks` uses a YAML alias. Write the ids out; aliases are not read.');
      else if (!isNullNode(value)) risks = readStrings(r, 'risks', value, vspan);
    }
  }
  return { ...(date ? { date } : {}), risks };
}
