// What a vendor's assurance means on a date: which report is its newest, how old it is, whether a
// bridging letter covers the time since. The vendor rules and CC9.2's coverage both read these.

import { addPeriod } from '../dates';
import type { AssuranceEntry, Located, ParsedDocument, Period, VendorCriticality } from './types';

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
