// What a vendor's assurance means on a date: which report is its newest, how old it is, whether a
// bridging letter covers the time since. The vendor rules and CC9.2's coverage both read these.

import { addPeriod } from '../dates';
import type { AssuranceEntry, AssuranceType, Located, ParsedDocument, Period, VendorCriticality } from './types';

const SEMIANNUAL: Period = { years: 0, months: 6, days: 0 };
const ANNUAL: Period = { years: 1, months: 0, days: 0 };
const TWO_YEARS: Period = { years: 2, months: 0, days: 0 };
const THREE_MONTHS: Period = { years: 0, months: 3, days: 0 };

/** A report is current for 12 months from its period end (or, for a Type I, its as-of date). */
export const REPORT_CURRENT_FOR: Period = ANNUAL;
/** Past this much time after the period end, a bridging letter should cover the gap. */
export const BRIDGE_AFTER: Period = SEMIANNUAL;

/** The review cycle a vendor has when it states none: critical semiannual, high annual, medium and low two years. */
export function vendorCycle(criticality: VendorCriticality | undefined): { readonly period: Period; readonly text: string } {
  switch (criticality) {
    case 'critical':
      return { period: SEMIANNUAL, text: 'semiannual' };
    case 'high':
      return { period: ANNUAL, text: 'annual' };
    default:
      return { period: TWO_YEARS, text: 'two-yearly' };
  }
}

export function criticalityOf(doc: ParsedDocument): VendorCriticality {
  return doc.vendor?.criticality?.value ?? 'medium';
}

/** Critical and high vendors: those whose missing or weak assurance is an error or warning, and which cap CC9.2. */
export function isKeyVendor(doc: ParsedDocument): boolean {
  const c = criticalityOf(doc);
  return c === 'critical' || c === 'high';
}

/** The date an entry speaks for: its period end, else its as-of date. */
export function entryDate(e: AssuranceEntry): Located | undefined {
  return e.periodEnd ?? e.asOf;
}

export function isSoc2(e: AssuranceEntry): boolean {
  return e.type?.value === 'soc2-type2' || e.type?.value === 'soc2-type1';
}

/**
 * The newest dated entry among those `accept` takes, by the date it speaks for; on the same date a
 * Type II before a Type I, then the first written. Entries dated after today are not yet in force.
 */
export function newestEntry(doc: ParsedDocument, today: string, accept: (e: AssuranceEntry) => boolean = () => true): AssuranceEntry | undefined {
  let best: AssuranceEntry | undefined;
  let bestDate = '';
  for (const e of doc.vendor?.assurance ?? []) {
    const d = entryDate(e)?.value;
    if (d === undefined || d > today || !accept(e)) continue;
    if (best === undefined || d > bestDate || (d === bestDate && e.type?.value === 'soc2-type2' && best.type?.value !== 'soc2-type2')) {
      best = e;
      bestDate = d;
    }
  }
  return best;
}

/** The last day a report dated `date` is current. */
export function currentUntil(date: string): string {
  return addPeriod(date, REPORT_CURRENT_FOR);
}

/** The report is more than 12 months past its period end (or as-of date) on `today`. */
export function isStale(date: string, today: string): boolean {
  return currentUntil(date) < today;
}

/** The date a bridging letter must reach to cover the time since a period ended: 3 months before today. */
export function bridgeNeededThrough(today: string): string {
  return addPeriod(today, THREE_MONTHS, -1);
}

/** Whole months from `from` to `to` (the day of the month counted), for messages. */
export function monthsBetween(from: string, to: string): number {
  const months = (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + (Number(to.slice(5, 7)) - Number(from.slice(5, 7)));
  return Number(to.slice(8, 10)) < Number(from.slice(8, 10)) ? months - 1 : months;
}

/** "SOC 2 Type II report", "ISO 27001 certificate", … */
export function describeEntry(e: AssuranceEntry): string {
  return e.type ? ASSURANCE_WORDS[e.type.value] : 'assurance entry';
}

const ASSURANCE_WORDS: Readonly<Record<AssuranceType, string>> = {
  'soc2-type2': 'SOC 2 Type II report',
  'soc2-type1': 'SOC 2 Type I report',
  iso27001: 'ISO 27001 certificate',
  pentest: 'penetration test',
  questionnaire: 'security questionnaire',
};

/** The newest SOC 2 report of a vendor that counts (approved, readable), with the date it speaks for. */
export interface Soc2Report {
  readonly entry: AssuranceEntry;
  /** Its period end, or its as-of date. */
  readonly date: Located;
}

/**
 * The preamble of the rules that judge a vendor's newest SOC 2 report: undefined for a document that
 * is not a vendor, does not count (draft, retired, unreadable), or has no dated SOC 2 report in force.
 */
export function newestSoc2Report(doc: ParsedDocument, facts: { readonly type: string; readonly counts: boolean }, today: string): Soc2Report | undefined {
  if (facts.type !== 'vendor' || !facts.counts || !doc.vendor) return undefined;
  const entry = newestEntry(doc, today, isSoc2);
  const date = entry && entryDate(entry);
  return entry && date ? { entry, date } : undefined;
}

/** A vendor as the tree, hover and register show it: its criticality and its newest report on `today`. */
export interface VendorStanding {
  readonly criticality: VendorCriticality;
  /** Stated in the document, rather than the default (medium). */
  readonly criticalityStated: boolean;
  readonly services: readonly string[];
  readonly reliesOn: readonly string[];
  /** The newest SOC 2 report in force, else the newest other dated entry. */
  readonly report?: {
    readonly type?: AssuranceType;
    /** "SOC 2 Type II report". */
    readonly label: string;
    /** The period end, or the as-of date. */
    readonly date: string;
    readonly periodStart?: string;
    readonly dateKind: 'period-end' | 'as-of';
    /** Whole months from `date` to today. */
    readonly ageMonths: number;
    readonly opinion?: string;
    readonly categories: readonly string[];
    /** SOC 2 reports only: the last day it is current, and whether today is past it. */
    readonly currentUntil?: string;
    readonly stale: boolean;
    readonly bridgeThrough?: string;
    readonly link?: string;
  };
  readonly cuecs: number;
  /** CUECs that name no control. */
  readonly cuecsUnmapped: number;
}

export function vendorStanding(doc: ParsedDocument, today: string): VendorStanding {
  const v = doc.vendor;
  const entry = newestEntry(doc, today, isSoc2) ?? newestEntry(doc, today);
  const date = entry && entryDate(entry);
  const soc2 = entry !== undefined && isSoc2(entry);
  return {
    criticality: criticalityOf(doc),
    criticalityStated: v?.criticality !== undefined,
    services: (v?.services ?? []).map((s) => s.value),
    reliesOn: (v?.reliesOn ?? []).map((c) => c.value),
    ...(entry && date
      ? {
          report: {
            ...(entry.type ? { type: entry.type.value } : {}),
            label: describeEntry(entry),
            date: date.value,
            ...(entry.periodStart && entry.periodEnd ? { periodStart: entry.periodStart.value } : {}),
            dateKind: entry.periodEnd ? ('period-end' as const) : ('as-of' as const),
            ageMonths: monthsBetween(date.value, today),
            ...(entry.opinion ? { opinion: entry.opinion.value } : {}),
            categories: (entry.categories ?? []).map((c) => c.value),
            ...(soc2 ? { currentUntil: currentUntil(date.value) } : {}),
            stale: soc2 && isStale(date.value, today),
            ...(entry.bridgeLetter?.through ? { bridgeThrough: entry.bridgeLetter.through.value } : {}),
            ...(entry.report ? { link: entry.report.value } : {}),
          },
        }
      : {}),
    cuecs: v?.cuecs.length ?? 0,
    cuecsUnmapped: (v?.cuecs ?? []).filter((c) => c.controls.length === 0).length,
  };
}

/** "14 months", "1 month", "0 months". */
export function ageText(months: number): string {
  return `${months} month${months === 1 ? '' : 's'}`;
}
