// Calendar dates as ISO strings (YYYY-MM-DD) and whole days since the epoch. No time zones: a
// compliance date is a calendar day.

import type { Frequency, Period } from './model/types';
import { own } from './own';

const DAY_MS = 86_400_000;

export function isValidDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1 || year < 1000 || year > 9999) return false;
  return day <= daysInMonth(year, month);
}

const monthLengths = new Map<number, number>();

export function daysInMonth(year: number, month: number): number {
  // Asked for every date read from a document; a Date per call showed in profiles.
  if (!(month >= 1 && month <= 12 && Number.isInteger(month) && Number.isInteger(year))) return new Date(Date.UTC(year, month, 0)).getUTCDate();
  const key = year * 100 + month;
  let days = monthLengths.get(key);
  if (days === undefined) {
    if (monthLengths.size > 10_000) monthLengths.clear();
    monthLengths.set(key, (days = new Date(Date.UTC(year, month, 0)).getUTCDate()));
  }
  return days;
}

export function formatDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** `2026-06-30`, or the date part of an ISO timestamp. Undefined when not a real calendar date. */
export function parseIsoDate(text: string): string | undefined {
  const m = ISO_DATE.exec(text.trim());
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return isValidDate(y, mo, d) ? formatDate(y, mo, d) : undefined;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
// "Jun 1 2018", "June 1, 2018", "1 June 2018", "Sept 3 2019"
const HUMAN_MDY = /^([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$/;
const HUMAN_DMY = /^(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})$/;

function monthNumber(name: string): number | undefined {
  const key = name.slice(0, 3).toLowerCase();
  const i = MONTHS.indexOf(key);
  if (i < 0) return undefined;
  const full = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'][i];
  const lower = name.toLowerCase();
  // Accept the 3-letter form, "sept", or the full name; reject "Junk".
  return lower.length === 3 || full.startsWith(lower) || lower === 'sept' ? i + 1 : undefined;
}

/** The dates comply writes in `majorRevisions`: `Jun 1 2018`, `June 1, 2018`, `1 June 2018`. */
export function parseHumanDate(text: string): string | undefined {
  const t = text.trim();
  let m = HUMAN_MDY.exec(t);
  let month: number | undefined;
  let day: number;
  let year: number;
  if (m) {
    month = monthNumber(m[1]);
    day = Number(m[2]);
    year = Number(m[3]);
  } else {
    m = HUMAN_DMY.exec(t);
    if (!m) return undefined;
    month = monthNumber(m[2]);
    day = Number(m[1]);
    year = Number(m[3]);
  }
  if (month === undefined || !isValidDate(year, month, day)) return undefined;
  return formatDate(year, month, day);
}

export function parseAnyDate(text: string): string | undefined {
  return parseIsoDate(text) ?? parseHumanDate(text);
}

/**
 * A date as other tools and people write it, outside the schema's own keys (whose dates are
 * YYYY-MM-DD or comply's `Jun 1 2026`, and anything else there is field-invalid): also a day in digits
 * when only one day fits (`6/30/2026`, `30.06.2026`, `2026/06/30`).
 */
export function parseWrittenDate(text: string): string | undefined {
  return parseAnyDate(text) ?? numericDate(text)?.date;
}

/**
 * A review or approval date under another tool's key: whatever parseWrittenDate reads, and also a day
 * written with slashes whose order is not known (`03/04/2026`: 3 April or 4 March) or a month without
 * its day (`2026-06`, `June 2026`). Those are read as the later day they can mean, the end of the
 * month for a month: a review read later than it was can only hide a stale review, never report one
 * that is not.
 */
export function parseReviewDate(text: string): string | undefined {
  const t = text.trim();
  return parseIsoDate(t) ?? parseHumanDate(t) ?? numericDate(t)?.latest ?? monthEnd(t);
}

// 2026/06/30, 2026.06.30; 30.06.2026 (day first, as dots are written); 6/30/2026 or 30/6/2026.
const YEAR_FIRST = /^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$/;
const DOTTED = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/;
const SLASHED = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

/**
 * A date in digits: `date` when only one day fits (a part over 12 says which is the month, or both
 * orders give the same day), and `latest`, the later of the two days a slashed date can mean.
 */
function numericDate(text: string): { date?: string; latest: string; both?: readonly [string, string] } | undefined {
  const t = text.trim();
  let m = YEAR_FIRST.exec(t);
  if (m) return one(Number(m[1]), Number(m[2]), Number(m[3]));
  m = DOTTED.exec(t);
  if (m) return one(Number(m[3]), Number(m[2]), Number(m[1]));
  m = SLASHED.exec(t);
  if (!m) return undefined;
  const [a, b, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const monthFirst = isValidDate(y, a, b) ? formatDate(y, a, b) : undefined;
  const dayFirst = isValidDate(y, b, a) ? formatDate(y, b, a) : undefined;
  if (monthFirst && dayFirst && monthFirst !== dayFirst) return { latest: monthFirst > dayFirst ? monthFirst : dayFirst, both: [monthFirst, dayFirst] };
  const date = monthFirst ?? dayFirst;
  return date ? { date, latest: date } : undefined;
}

function one(year: number, month: number, day: number): { date: string; latest: string } | undefined {
  if (!isValidDate(year, month, day)) return undefined;
  const date = formatDate(year, month, day);
  return { date, latest: date };
}

/**
 * What a date the schema does not read is, when it is one: `written in digits (2026-06-30)`, `two
 * days: 2026-03-04 or 2026-04-03`, `a month, not a day`; undefined otherwise.
 */
export function ambiguousDate(text: string): string | undefined {
  const t = text.trim();
  const n = numericDate(t);
  if (n?.date) return `a date in digits (${n.date})`;
  if (n?.both) return `two days: ${n.both[0]} or ${n.both[1]}`;
  return monthEnd(t) ? 'a month, not a day' : undefined;
}

const YEAR_MONTH = /^(\d{4})-(\d{2})$/;
const MONTH_YEAR = /^([A-Za-z]{3,9})\.?,?\s+(\d{4})$/;

/** The last day of a month written without its day: `2026-06`, `June 2026`, `Jun 2026`. */
function monthEnd(text: string): string | undefined {
  let m = YEAR_MONTH.exec(text);
  let year: number;
  let month: number | undefined;
  if (m) [year, month] = [Number(m[1]), Number(m[2])];
  else {
    m = MONTH_YEAR.exec(text);
    if (!m) return undefined;
    [year, month] = [Number(m[2]), monthNumber(m[1])];
  }
  if (month === undefined || !isValidDate(year, month, 1)) return undefined;
  return formatDate(year, month, daysInMonth(year, month));
}

export function toDays(iso: string): number {
  return Math.floor(Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / DAY_MS);
}

export function fromDays(days: number): string {
  const d = new Date(days * DAY_MS);
  return formatDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

export function daysBetween(from: string, to: string): number {
  return toDays(to) - toDays(from);
}

/** Adds a period; a day past the end of the target month is clamped (Jan 31 + 1 month = Feb 28/29). */
export function addPeriod(iso: string, p: Period, times = 1): string {
  let y = Number(iso.slice(0, 4));
  let m = Number(iso.slice(5, 7));
  let d = Number(iso.slice(8, 10));
  const months = (p.years * 12 + p.months) * times;
  if (months !== 0) {
    const total = y * 12 + (m - 1) + months;
    y = Math.floor(total / 12);
    m = (total % 12) + 1;
    d = Math.min(d, daysInMonth(y, m));
  }
  let result = formatDate(y, m, d);
  if (p.days !== 0) result = fromDays(toDays(result) + p.days * times);
  return result;
}

export const NAMED_CYCLES: Readonly<Record<string, Period>> = {
  annual: { years: 1, months: 0, days: 0 },
  semiannual: { years: 0, months: 6, days: 0 },
  quarterly: { years: 0, months: 3, days: 0 },
  monthly: { years: 0, months: 1, days: 0 },
};

const YEAR: Period = { years: 1, months: 0, days: 0 };
const HALF: Period = { years: 0, months: 6, days: 0 };
const QUARTER: Period = { years: 0, months: 3, days: 0 };
const MONTH: Period = { years: 0, months: 1, days: 0 };
/** Cycles as teams write them (hyphens already taken out). Not `biannual`: twice a year to some, every two years to others. */
const WORDED_CYCLES: Readonly<Record<string, Period>> = {
  annually: YEAR,
  yearly: YEAR,
  'every year': YEAR,
  'once a year': YEAR,
  'once per year': YEAR,
  semiannually: HALF,
  halfyearly: HALF,
  'twice a year': HALF,
  'every quarter': QUARTER,
  'every month': MONTH,
  biennial: { years: 2, months: 0, days: 0 },
  biennially: { years: 2, months: 0, days: 0 },
};
const NUMBERS: Readonly<Record<string, number>> = { one: 1, two: 2, three: 3, four: 4, six: 6, twelve: 12, eighteen: 18, twentyfour: 24 };
// `12 months`, `every 6 months`, `every two years`, `24month` (from `24-month`).
const EVERY_N = /^(?:(?:once )?every )?(\d{1,3}|one|two|three|four|six|twelve|eighteen|twentyfour) ?(months?|years?)$/;

/**
 * A cycle written in words, as other tools' keys (`review_frequency`) hold it: `annually`, `every 6
 * months`, `12 months`, `twice a year`. Not for `review_cycle` itself, whose values are the named
 * cycles and ISO periods (`yearly` there is field-invalid, as the schema says).
 */
export function parseWordedCycle(text: string): Period | undefined {
  const t = text.trim().toLowerCase().replace(/-/g, '').replace(/\s+/g, ' ');
  const w = own(WORDED_CYCLES, t);
  if (w) return w;
  const m = EVERY_N.exec(t);
  if (!m) return undefined;
  const n = own(NUMBERS, m[1]) ?? Number(m[1]);
  if (!(n > 0)) return undefined;
  // `12 months` is annual, `24 months` every 2 years, as the review's message names them.
  const months = m[2].startsWith('year') ? n * 12 : n;
  return months % 12 === 0 ? { years: months / 12, months: 0, days: 0 } : { years: 0, months, days: 0 };
}

const ISO_PERIOD = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$/;

/** A review cycle: a named one or an ISO 8601 period of years, months, weeks and days. */
export function parseCycle(text: string): Period | undefined {
  const t = text.trim();
  const named = own(NAMED_CYCLES, t.toLowerCase());
  if (named) return named;
  const m = ISO_PERIOD.exec(t.toUpperCase());
  if (!m || t.length < 3) return undefined;
  const p: Period = { years: Number(m[1] ?? 0), months: Number(m[2] ?? 0), days: Number(m[3] ?? 0) * 7 + Number(m[4] ?? 0) };
  return p.years + p.months + p.days > 0 ? p : undefined;
}

/** The longest review cycle read: a longer one (`P999999999D`) is a typo, and dates that far out overflow. */
export const MAX_CYCLE_YEARS = 10;

/** Whether a cycle is at most MAX_CYCLE_YEARS long: P10Y, P120M and P3653D are; P10Y1D is not. */
export function cycleWithinLimit(p: Period): boolean {
  return p.years * 365.25 + p.months * 30.4375 + p.days <= MAX_CYCLE_YEARS * 365.25 + 0.5;
}

export function describePeriod(p: Period): string {
  for (const [name, q] of Object.entries(NAMED_CYCLES)) {
    if (q.years === p.years && q.months === p.months && q.days === p.days) return name;
  }
  const parts: string[] = [];
  if (p.years) parts.push(`${p.years} year${p.years > 1 ? 's' : ''}`);
  if (p.months) parts.push(`${p.months} month${p.months > 1 ? 's' : ''}`);
  if (p.days) parts.push(`${p.days} day${p.days > 1 ? 's' : ''}`);
  return `every ${parts.join(' ')}`;
}

/** How old the newest evidence of a control may be. Frequent controls are sampled monthly. */
export function evidenceMaxAge(f: Frequency): Period {
  switch (f) {
    case 'annual':
      return NAMED_CYCLES.annual;
    case 'semiannual':
      return NAMED_CYCLES.semiannual;
    case 'quarterly':
      return NAMED_CYCLES.quarterly;
    default:
      return NAMED_CYCLES.monthly;
  }
}

/** The length of one Type II evidence slot for a control's frequency. Frequent controls are sampled per quarter. */
export function slotLength(f: Frequency): Period {
  switch (f) {
    case 'annual':
      return NAMED_CYCLES.annual;
    case 'semiannual':
      return NAMED_CYCLES.semiannual;
    case 'monthly':
      return NAMED_CYCLES.monthly;
    default:
      return NAMED_CYCLES.quarterly;
  }
}

export interface Slot {
  readonly start: string;
  readonly end: string;
  readonly label: string;
}

const slotsCache = new Map<string, readonly Slot[]>();

/** The slots of an audit period for a frequency, clipped to the period. */
export function periodSlots(start: string, end: string, f: Frequency): Slot[] {
  // Every control of a repository asks for the same few periods.
  const key = `${start}|${end}|${f}`;
  let slots = slotsCache.get(key);
  if (!slots) {
    if (slotsCache.size > 100) slotsCache.clear();
    slotsCache.set(key, (slots = computeSlots(start, end, f)));
  }
  return [...slots];
}

function computeSlots(start: string, end: string, f: Frequency): Slot[] {
  const len = slotLength(f);
  const slots: Slot[] = [];
  let s = start;
  for (let i = 0; i < 400 && s <= end; i++) {
    const next = addPeriod(start, len, i + 1);
    const e = fromDays(toDays(next) - 1);
    const clipped = e < end ? e : end;
    slots.push({ start: s, end: clipped, label: slotLabel(s, clipped, f) });
    s = next;
  }
  return slots;
}

function slotLabel(start: string, end: string, f: Frequency): string {
  const y = start.slice(0, 4);
  const m = Number(start.slice(5, 7));
  const alignedQuarter = start.slice(8) === '01' && (m - 1) % 3 === 0;
  if (f === 'monthly' && start.slice(8) === '01') return start.slice(0, 7);
  if (slotLength(f) === NAMED_CYCLES.quarterly && alignedQuarter && end.slice(0, 4) === y) return `${y}-Q${(m - 1) / 3 + 1}`;
  if (f === 'semiannual' && start.slice(8) === '01' && (m === 1 || m === 7)) return `${y}-H${m === 1 ? 1 : 2}`;
  return `${start}..${end}`;
}

const PATH_DATE = /(?<![0-9])(\d{4})[-_](?:[Qq]([1-4])|(\d{2})(?:[-_](\d{2}))?)(?![0-9])/g;

/** The date written in an evidence path: the last of `2026-06-30`, `2026-06` (month end) or `2026-Q2` (quarter end). */
export function dateFromPath(path: string): string | undefined {
  let found: string | undefined;
  PATH_DATE.lastIndex = 0;
  for (let m = PATH_DATE.exec(path); m; m = PATH_DATE.exec(path)) {
    const y = Number(m[1]);
    if (m[2]) {
      const q = Number(m[2]);
      found = formatDate(y, q * 3, daysInMonth(y, q * 3));
    } else {
      const mo = Number(m[3]);
      if (m[4] !== undefined) {
        const d = Number(m[4]);
        if (isValidDate(y, mo, d)) found = formatDate(y, mo, d);
      } else if (isValidDate(y, mo, 1)) {
        found = formatDate(y, mo, daysInMonth(y, mo));
      }
    }
  }
  return found;
}

/**
 * The days the last date written in a path names (one day, a month or a quarter), where
 * dateFromPath gives only the last of them. Read only for evidence whose date is after today.
 */
export function pathDateRange(path: string): { readonly start: string; readonly end: string } | undefined {
  let found: { start: string; end: string } | undefined;
  PATH_DATE.lastIndex = 0;
  for (let m = PATH_DATE.exec(path); m; m = PATH_DATE.exec(path)) {
    const y = Number(m[1]);
    if (m[2]) {
      const q = Number(m[2]);
      found = { start: formatDate(y, q * 3 - 2, 1), end: formatDate(y, q * 3, daysInMonth(y, q * 3)) };
    } else {
      const mo = Number(m[3]);
      if (m[4] !== undefined) {
        const d = Number(m[4]);
        if (isValidDate(y, mo, d)) found = { start: formatDate(y, mo, d), end: formatDate(y, mo, d) };
      } else if (isValidDate(y, mo, 1)) {
        found = { start: formatDate(y, mo, 1), end: formatDate(y, mo, daysInMonth(y, mo)) };
      }
    }
  }
  return found;
}

const MONTH_ABBR = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** comply's style: `Nov 16 2026`. */
export function formatHumanDate(iso: string): string {
  return `${MONTH_ABBR[Number(iso.slice(5, 7)) - 1]} ${Number(iso.slice(8, 10))} ${iso.slice(0, 4)}`;
}
