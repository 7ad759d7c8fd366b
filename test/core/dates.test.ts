import assert from 'node:assert/strict';
import {
  addPeriod,
  dateFromPath,
  daysBetween,
  describePeriod,
  evidenceMaxAge,
  formatHumanDate,
  fromDays,
  isValidDate,
  ambiguousDate,
  parseAnyDate,
  parseReviewDate,
  parseWrittenDate,
  parseCycle,
  parseWordedCycle,
  parseHumanDate,
  parseIsoDate,
  periodSlots,
  slotLength,
  toDays,
} from '../../server/src/core/dates';

const Y1 = { years: 1, months: 0, days: 0 };
const M1 = { years: 0, months: 1, days: 0 };

describe('dates', () => {
  describe('parseIsoDate', () => {
    it('reads YYYY-MM-DD and the date part of a timestamp', () => {
      assert.equal(parseIsoDate('2026-06-30'), '2026-06-30');
      assert.equal(parseIsoDate(' 2026-06-30 '), '2026-06-30');
      assert.equal(parseIsoDate('2026-06-30T23:59:59Z'), '2026-06-30');
      assert.equal(parseIsoDate('2026-06-30 08:00'), '2026-06-30');
      assert.equal(parseIsoDate('2026-06-30T08:00:00.123+02:00'), '2026-06-30');
    });

    it('rejects days that do not exist and other shapes', () => {
      for (const bad of ['2026-02-29', '2026-06-31', '2026-13-01', '2026-00-10', '2026-6-30', '30/06/2026', '20260630', '2026-06-30x', '0999-01-01', '']) {
        assert.equal(parseIsoDate(bad), undefined, bad);
      }
      assert.equal(parseIsoDate('2024-02-29'), '2024-02-29');
      assert.equal(isValidDate(2000, 2, 29), true);
      assert.equal(isValidDate(1900, 2, 29), false);
    });
  });

  describe('parseHumanDate (comply revisions)', () => {
    it('reads month-day-year and day-month-year, abbreviated or in full', () => {
      const cases: Array<[string, string]> = [
        ['Jun 1 2018', '2018-06-01'],
        ['June 1, 2018', '2018-06-01'],
        ['jun 1 2018', '2018-06-01'],
        ['Sept 3 2019', '2019-09-03'],
        ['Sep. 3, 2019', '2019-09-03'],
        ['Mar 2nd 2026', '2026-03-02'],
        ['1 June 2018', '2018-06-01'],
        ['21st March 2026', '2026-03-21'],
      ];
      for (const [text, iso] of cases) assert.equal(parseHumanDate(text), iso, text);
    });

    it('rejects what is not a date', () => {
      for (const bad of ['Junk 1 2018', 'Juni 1 2018', 'Feb 30 2026', 'Jun 2018', 'June', '1/6/2018', 'Jun 1 18']) assert.equal(parseHumanDate(bad), undefined, bad);
    });

    it('parseAnyDate takes either', () => {
      assert.equal(parseAnyDate('2026-01-15'), '2026-01-15');
      assert.equal(parseAnyDate('Jan 15 2026'), '2026-01-15');
      assert.equal(parseAnyDate('soon'), undefined);
    });

    it('formats dates the way comply writes them', () => {
      assert.equal(formatHumanDate('2026-11-16'), 'Nov 16 2026');
      assert.equal(formatHumanDate('2026-01-05'), 'Jan 5 2026');
    });
  });

  describe('dates in digits and months (parseWrittenDate, parseReviewDate)', () => {
    it('reads a day written in digits when only one day fits', () => {
      assert.equal(parseWrittenDate('2026/06/30'), '2026-06-30');
      assert.equal(parseWrittenDate('2026.6.3'), '2026-06-03');
      assert.equal(parseWrittenDate('30.06.2026'), '2026-06-30', 'dots: day first');
      assert.equal(parseWrittenDate('6/30/2026'), '2026-06-30', 'the month first: 30 is no month');
      assert.equal(parseWrittenDate('30/6/2026'), '2026-06-30', 'the day first');
      assert.equal(parseWrittenDate('05/05/2026'), '2026-05-05', 'both orders the same day');
    });

    it('does not guess the order of a slashed day that can mean two, nor read what is no day', () => {
      assert.equal(parseWrittenDate('03/04/2026'), undefined);
      assert.equal(ambiguousDate('03/04/2026'), 'two days: 2026-03-04 or 2026-04-03');
      for (const t of ['13/13/2026', '02/30/2026', '1/2/26', '2026/13/01', '6-30-2026', '12/31', 'v1.2.2026']) assert.equal(parseWrittenDate(t), undefined, t);
      assert.equal(ambiguousDate('6/30/2026'), 'a date in digits (2026-06-30)', 'one day, not written as the schema writes it');
      assert.equal(parseAnyDate('6/30/2026'), undefined, 'the schema\'s own keys take YYYY-MM-DD or comply\'s Jun 30 2026');
    });

    it('reads a review date that names two days or a month as the later day it can mean', () => {
      assert.equal(parseReviewDate('03/04/2026'), '2026-04-03');
      assert.equal(parseReviewDate('12/01/2025'), '2025-12-01');
      assert.equal(parseReviewDate('2026-06'), '2026-06-30');
      assert.equal(parseReviewDate('February 2024'), '2024-02-29');
      assert.equal(parseReviewDate('Sept. 2025'), '2025-09-30');
      assert.equal(parseReviewDate(' 2026-06-15 '), '2026-06-15');
      assert.equal(ambiguousDate('2026-06'), 'a month, not a day');
      for (const t of ['2026-13', 'Junk 2026', 'June', '2026', 'Q2 2026', 'TBD']) assert.equal(parseReviewDate(t), undefined, t);
    });
  });

  describe('review cycles written in words (parseWordedCycle, for other tools\' keys)', () => {
    it('reads the cycles teams write, each as the period it names', () => {
      const y = (n: number) => ({ years: n, months: 0, days: 0 });
      const mo = (n: number) => ({ years: 0, months: n, days: 0 });
      const cases: Array<[string, ReturnType<typeof y>]> = [
        ['Annually', y(1)], ['yearly', y(1)], ['once a year', y(1)], ['12 months', y(1)], ['every year', y(1)],
        ['semiannually', mo(6)], ['halfyearly', mo(6)], ['twice a year', mo(6)], ['Every 6 months', mo(6)], ['6 months', mo(6)],
        ['every quarter', mo(3)], ['every 3 months', mo(3)], ['every month', mo(1)],
        ['every two years', y(2)], ['24 months', y(2)], ['biennially', y(2)], ['18months', mo(18)],
      ];
      for (const [text, want] of cases) assert.deepEqual(parseWordedCycle(text), want, text);
      assert.deepEqual(parseWordedCycle('Semi-Annually'), { years: 0, months: 6, days: 0 });
    });

    it('does not read what is ambiguous or not a cycle', () => {
      for (const t of ['biannually', 'biannual', 'as needed', 'every 0 months', 'annual review', 'months', 'every', 'six']) assert.equal(parseWordedCycle(t), undefined, t);
    });
  });

  describe('days and periods', () => {
    it('counts whole days, across years and leap days', () => {
      assert.equal(daysBetween('2026-11-16', '2026-12-04'), 18);
      assert.equal(daysBetween('2024-02-28', '2024-03-01'), 2);
      assert.equal(daysBetween('2026-12-31', '2027-01-01'), 1);
      assert.equal(daysBetween('2026-06-01', '2025-06-01'), -365);
      assert.equal(fromDays(toDays('2026-03-31')), '2026-03-31');
      assert.equal(fromDays(0), '1970-01-01');
    });

    it('adds months and years, clamping to the end of a shorter month', () => {
      assert.equal(addPeriod('2026-01-31', M1), '2026-02-28');
      assert.equal(addPeriod('2024-01-31', M1), '2024-02-29');
      assert.equal(addPeriod('2024-02-29', Y1), '2025-02-28');
      assert.equal(addPeriod('2026-11-30', { years: 0, months: 3, days: 0 }), '2027-02-28');
      assert.equal(addPeriod('2026-01-31', M1, 2), '2026-03-31');
      assert.equal(addPeriod('2026-12-25', { years: 0, months: 0, days: 10 }), '2027-01-04');
      assert.equal(addPeriod('2026-01-31', { years: 1, months: 1, days: 1 }), '2027-03-01');
    });

    it('reads review cycles: the named ones and ISO 8601 periods', () => {
      assert.deepEqual(parseCycle('annual'), Y1);
      assert.deepEqual(parseCycle('Quarterly'), { years: 0, months: 3, days: 0 });
      assert.deepEqual(parseCycle('semiannual'), { years: 0, months: 6, days: 0 });
      assert.deepEqual(parseCycle('P1Y6M'), { years: 1, months: 6, days: 0 });
      assert.deepEqual(parseCycle('p90d'), { years: 0, months: 0, days: 90 });
      assert.deepEqual(parseCycle('P2W'), { years: 0, months: 0, days: 14 });
      for (const bad of ['yearly', 'biannual', 'P', 'P0D', 'PT1H', '6M', '']) assert.equal(parseCycle(bad), undefined, bad);
    });

    it('describes a period in words', () => {
      assert.equal(describePeriod(Y1), 'annual');
      assert.equal(describePeriod({ years: 0, months: 0, days: 90 }), 'every 90 days');
      assert.equal(describePeriod({ years: 1, months: 6, days: 0 }), 'every 1 year 6 months');
      assert.equal(describePeriod({ years: 2, months: 0, days: 1 }), 'every 2 years 1 day');
    });
  });

  describe('dates in evidence paths', () => {
    it('reads a day, a month (its last day) or a quarter (its last day)', () => {
      assert.equal(dateFromPath('evidence/2026-06-15/okta.csv'), '2026-06-15');
      assert.equal(dateFromPath('evidence/2026-06/okta.csv'), '2026-06-30');
      assert.equal(dateFromPath('evidence/2026-02/okta.csv'), '2026-02-28');
      assert.equal(dateFromPath('evidence/2024-02/okta.csv'), '2024-02-29');
      assert.equal(dateFromPath('evidence/2026-Q1/okta.csv'), '2026-03-31');
      assert.equal(dateFromPath('evidence/2026-q4/okta.csv'), '2026-12-31');
      assert.equal(dateFromPath('evidence/okta_2026_06_30.csv'), '2026-06-30');
    });

    it('takes the last date in the path', () => {
      assert.equal(dateFromPath('evidence/2025-Q4/2026-01-05-export.csv'), '2026-01-05');
      assert.equal(dateFromPath('evidence/2026-Q2/2026-06-31.csv'), '2026-06-30');
    });

    it('finds no date in numbers that are not dates', () => {
      for (const p of ['evidence/report-20260630.csv', 'evidence/2026-13/x.csv', 'evidence/build-12345/x.csv', 'evidence/SEC-1234-56.csv', 'evidence/x.csv', 'evidence/2026-Q5/x.csv']) {
        assert.equal(dateFromPath(p), undefined, p);
      }
    });
  });

  describe('Type II slots and evidence age', () => {
    it('splits an audit period into slots for the control frequency, labelled as auditors write them', () => {
      const labels = (f: Parameters<typeof periodSlots>[2]): string[] => periodSlots('2026-01-01', '2026-12-31', f).map((s) => s.label);
      assert.deepEqual(labels('quarterly'), ['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4']);
      assert.deepEqual(labels('continuous'), ['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4']);
      assert.deepEqual(labels('monthly').slice(0, 3), ['2026-01', '2026-02', '2026-03']);
      assert.equal(labels('monthly').length, 12);
      assert.deepEqual(labels('semiannual'), ['2026-H1', '2026-H2']);
      assert.deepEqual(labels('annual'), ['2026-01-01..2026-12-31']);
      assert.deepEqual(periodSlots('2026-01-01', '2026-12-31', 'quarterly')[1], { start: '2026-04-01', end: '2026-06-30', label: '2026-Q2' });
    });

    it('clips slots to a period that does not start on a quarter', () => {
      assert.deepEqual(periodSlots('2026-02-15', '2026-09-30', 'quarterly'), [
        { start: '2026-02-15', end: '2026-05-14', label: '2026-02-15..2026-05-14' },
        { start: '2026-05-15', end: '2026-08-14', label: '2026-05-15..2026-08-14' },
        { start: '2026-08-15', end: '2026-09-30', label: '2026-08-15..2026-09-30' },
      ]);
    });

    it('allows frequent controls a month between records, others one period', () => {
      assert.deepEqual(evidenceMaxAge('weekly'), M1);
      assert.deepEqual(evidenceMaxAge('continuous'), M1);
      assert.deepEqual(evidenceMaxAge('quarterly'), { years: 0, months: 3, days: 0 });
      assert.deepEqual(evidenceMaxAge('annual'), Y1);
      assert.deepEqual(slotLength('daily'), { years: 0, months: 3, days: 0 });
      assert.deepEqual(slotLength('monthly'), M1);
    });
  });
});
