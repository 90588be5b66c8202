import { expect } from 'chai';
import type { Period } from '../../src/time/period.js';
import { PERIODS, bucketer, checkPeriod } from '../../src/time/period.js';
import { DAY, isoDay, seeded } from './support.js';

/** Reference key of the period containing a UTC instant, computed with Date alone. */
function refKey(period: Period, ms: number): string {
  const d = new Date(ms);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  if (period === 'day') return isoDay(Date.UTC(y, m, d.getUTCDate()));
  if (period === 'week') return isoDay(Date.UTC(y, m, d.getUTCDate() - ((d.getUTCDay() + 6) % 7)));
  if (period === 'month') return isoDay(Date.UTC(y, m, 1));
  if (period === 'quarter') return isoDay(Date.UTC(y, m - (m % 3), 1));
  return isoDay(Date.UTC(y, 0, 1));
}

describe('time/period', () => {
  describe('checkPeriod', () => {
    it('accepts the five period names', () => {
      for (const p of PERIODS) expect(checkPeriod(p)).to.equal(p);
      expect(PERIODS).to.deep.equal(['day', 'week', 'month', 'quarter', 'year']);
    });

    it('throws a precise RangeError otherwise', () => {
      expect(() => checkPeriod('mnth')).to.throw(
        RangeError,
        "period must be one of day, week, month, quarter, year; got 'mnth'",
      );
      expect(() => checkPeriod('Month', 'granularity')).to.throw(
        RangeError,
        "granularity must be one of day, week, month, quarter, year; got 'Month'",
      );
      expect(() => checkPeriod(undefined)).to.throw(RangeError, '; got undefined');
      expect(() => checkPeriod(null)).to.throw(RangeError, '; got null');
      expect(() => checkPeriod(3)).to.throw(RangeError, '; got 3');
      expect(() => checkPeriod('')).to.throw(RangeError, "; got ''");
    });
  });

  describe('bucketer (UTC)', () => {
    it('is memoized and validates its arguments', () => {
      expect(bucketer('month')).to.equal(bucketer('month'));
      expect(bucketer('month').timeZone).to.equal('UTC');
      expect(bucketer('week').period).to.equal('week');
      expect(bucketer('month', 'UTC').timeZone).to.equal('UTC');
      expect(bucketer('month', 'Etc/UTC').start(2025 * 12)).to.equal(Date.UTC(2025, 0, 1));
      expect(() => bucketer('mnth' as Period)).to.throw(RangeError, "got 'mnth'");
      expect(() => bucketer('day', 'Mars/Olympus')).to.throw(
        RangeError,
        "timeZone must be an IANA time zone name such as America/Sao_Paulo; got 'Mars/Olympus'",
      );
      expect(() => bucketer('day', '')).to.throw(RangeError, "got ''");
    });

    it('day: ordinals are days since 1970-01-01', () => {
      const b = bucketer('day');
      expect(b.index(0)).to.equal(0);
      expect(b.index(DAY - 1)).to.equal(0);
      expect(b.index(-1)).to.equal(-1);
      expect(b.index(Date.UTC(2025, 2, 3, 12))).to.equal(Date.UTC(2025, 2, 3) / DAY);
      expect(b.key(b.index(Date.UTC(2024, 1, 29, 23, 59)))).to.equal('2024-02-29');
      expect(b.key(b.index(Date.UTC(2100, 1, 28)) + 1)).to.equal('2100-03-01');
      expect(b.key(b.index(Date.UTC(2000, 1, 28)) + 1)).to.equal('2000-02-29');
      expect(b.start(b.index(Date.UTC(2025, 2, 3, 12)))).to.equal(Date.UTC(2025, 2, 3));
      expect(b.end(b.index(Date.UTC(2025, 2, 3, 12)))).to.equal(Date.UTC(2025, 2, 4));
    });

    it('week: ISO weeks start on Monday, across year ends', () => {
      const b = bucketer('week');
      const key = (ms: number): string => b.key(b.index(ms));
      expect(key(Date.UTC(2025, 2, 3))).to.equal('2025-03-03');
      expect(key(Date.UTC(2025, 2, 9, 23, 59, 59, 999))).to.equal('2025-03-03');
      expect(key(Date.UTC(2025, 2, 10))).to.equal('2025-03-10');
      expect(key(Date.UTC(2024, 11, 30))).to.equal('2024-12-30');
      expect(key(Date.UTC(2025, 0, 5))).to.equal('2024-12-30');
      expect(key(Date.UTC(2021, 0, 1))).to.equal('2020-12-28');
      expect(key(Date.UTC(2021, 0, 3, 12))).to.equal('2020-12-28');
      expect(key(Date.UTC(2021, 0, 4))).to.equal('2021-01-04');
      // 1970-01-01 was a Thursday: week 0 began Monday 1969-12-29.
      expect(b.index(0)).to.equal(0);
      expect(key(0)).to.equal('1969-12-29');
      expect(b.index(Date.UTC(1969, 11, 29))).to.equal(0);
      expect(b.index(Date.UTC(1969, 11, 28, 23, 59))).to.equal(-1);
      expect(key(Date.UTC(1969, 11, 28))).to.equal('1969-12-22');
      expect(b.start(1)).to.equal(Date.UTC(1970, 0, 5));
      expect(b.end(b.index(Date.UTC(2025, 2, 5)))).to.equal(Date.UTC(2025, 2, 10));
    });

    it('month: y·12 + m − 1, leap Februaries, period arithmetic', () => {
      const b = bucketer('month');
      const feb = b.index(Date.UTC(2024, 1, 29, 12));
      expect(feb).to.equal(2024 * 12 + 1);
      expect(b.key(feb)).to.equal('2024-02-01');
      expect(b.start(feb)).to.equal(Date.UTC(2024, 1, 1));
      expect(b.end(feb)).to.equal(Date.UTC(2024, 2, 1));
      expect(
        b.end(b.index(Date.UTC(2100, 1, 10))) - b.start(b.index(Date.UTC(2100, 1, 10))),
      ).to.equal(28 * DAY);
      expect(
        b.end(b.index(Date.UTC(2000, 1, 10))) - b.start(b.index(Date.UTC(2000, 1, 10))),
      ).to.equal(29 * DAY);
      expect(b.key(b.index(Date.UTC(2025, 2, 14)))).to.equal('2025-03-01');
      expect(b.key(b.index(Date.UTC(2025, 10, 5)) + 3)).to.equal('2026-02-01');
      expect(b.key(b.index(Date.UTC(2025, 0, 5)) - 1)).to.equal('2024-12-01');
      expect(b.index(-1)).to.equal(1969 * 12 + 11);
      expect(b.key(b.index(-1))).to.equal('1969-12-01');
    });

    it('quarter and year keys', () => {
      const q = bucketer('quarter');
      expect(q.index(Date.UTC(2025, 2, 31, 23, 59))).to.equal(2025 * 4);
      expect(q.index(Date.UTC(2025, 3, 1))).to.equal(2025 * 4 + 1);
      expect(q.key(2025 * 4)).to.equal('2025-01-01');
      expect(q.key(2025 * 4 + 3)).to.equal('2025-10-01');
      expect(q.key(2025 * 4 + 4)).to.equal('2026-01-01');
      expect(q.key(q.index(Date.UTC(1969, 10, 15)))).to.equal('1969-10-01');
      expect(q.end(2025 * 4 + 3)).to.equal(Date.UTC(2026, 0, 1));
      const y = bucketer('year');
      expect(y.index(Date.UTC(2025, 11, 31, 23, 59, 59, 999))).to.equal(2025);
      expect(y.index(Date.UTC(2026, 0, 1))).to.equal(2026);
      expect(y.index(-1)).to.equal(1969);
      expect(y.key(2025)).to.equal('2025-01-01');
      expect(y.start(2024)).to.equal(Date.UTC(2024, 0, 1));
      expect(y.end(2024) - y.start(2024)).to.equal(366 * DAY);
    });

    it('NaN and ±Infinity give NaN', () => {
      for (const p of PERIODS) {
        const b = bucketer(p);
        expect(b.index(NaN), p).to.be.NaN;
        expect(b.index(Infinity), p).to.be.NaN;
        expect(b.index(-Infinity), p).to.be.NaN;
      }
    });

    it('start(index(ms)) <= ms < end(index(ms)), and keys match Date, on random instants', () => {
      const rnd = seeded(42);
      for (const p of PERIODS) {
        const b = bucketer(p);
        for (let k = 0; k < 3000; k++) {
          // 1906–2096, including pre-1970 instants.
          const ms = Math.floor((rnd() - 0.4) * 6e12);
          const i = b.index(ms);
          expect(Number.isInteger(i)).to.equal(true);
          expect(b.start(i) <= ms && ms < b.end(i), `${p} ${ms}`).to.equal(true);
          expect(b.key(i), `${p} ${ms}`).to.equal(refKey(p, ms));
          expect(b.indexOfKey(b.key(i))).to.equal(i);
          expect(b.start(i)).to.equal(Date.parse(`${refKey(p, ms)}T00:00:00Z`));
        }
      }
    });
  });

  describe('key and indexOfKey', () => {
    it('round-trip over consecutive ordinals of every period', () => {
      for (const p of PERIODS) {
        const b = bucketer(p);
        const from = b.index(Date.UTC(1960, 0, 1));
        for (let i = from; i < from + 800; i++) expect(b.indexOfKey(b.key(i))).to.equal(i);
      }
    });

    it('reads SPEC §2 keys', () => {
      expect(bucketer('month').indexOfKey('2025-03-01')).to.equal(2025 * 12 + 2);
      expect(bucketer('week').start(bucketer('week').indexOfKey('2025-03-03'))).to.equal(
        Date.UTC(2025, 2, 3),
      );
      expect(bucketer('day').indexOfKey('1969-12-31')).to.equal(-1);
      expect(bucketer('quarter').indexOfKey('2025-04-01')).to.equal(2025 * 4 + 1);
      expect(bucketer('year').indexOfKey('2025-01-01')).to.equal(2025);
    });

    it('throws a RangeError for malformed keys and days that start no period', () => {
      const month = bucketer('month');
      expect(() => month.indexOfKey('2025-03')).to.throw(
        RangeError,
        "month key must be a date YYYY-MM-DD; got '2025-03'",
      );
      expect(() => month.indexOfKey('2025-02-30')).to.throw(RangeError, 'YYYY-MM-DD');
      expect(() => month.indexOfKey(' 2025-03-01')).to.throw(RangeError, 'YYYY-MM-DD');
      expect(() => month.indexOfKey(undefined as unknown as string)).to.throw(
        RangeError,
        'got undefined',
      );
      expect(() => month.indexOfKey('2025-03-05')).to.throw(
        RangeError,
        "month key must be the first day of a month (2025-03-01); got '2025-03-05'",
      );
      expect(() => bucketer('week').indexOfKey('2025-03-05')).to.throw(RangeError, '(2025-03-03)');
      expect(() => bucketer('quarter').indexOfKey('2025-02-01')).to.throw(
        RangeError,
        '(2025-01-01)',
      );
      expect(() => bucketer('year').indexOfKey('2025-02-01')).to.throw(RangeError, '(2025-01-01)');
    });

    it('key throws for a non-integer index', () => {
      expect(() => bucketer('day').key(NaN)).to.throw(
        RangeError,
        'day index must be an integer; got NaN',
      );
      expect(() => bucketer('month').key(1.5)).to.throw(RangeError);
    });
  });
});
