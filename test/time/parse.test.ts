import { expect } from 'chai';
import { formatIso, parseDay, parseTimestamp } from '../../src/time/parse.js';
import { DAY, seeded, utc } from './support.js';

describe('time/parse', () => {
  describe('parseTimestamp: strings', () => {
    it('a date alone is midnight UTC', () => {
      expect(parseTimestamp('2025-03-14')).to.equal(Date.UTC(2025, 2, 14));
      expect(parseTimestamp('1969-12-31')).to.equal(-DAY);
      expect(parseTimestamp('2024-02-29')).to.equal(Date.UTC(2024, 1, 29));
      expect(parseTimestamp('2000-02-29')).to.equal(Date.UTC(2000, 1, 29));
    });

    it('date-times to the minute, second and fraction; no zone means UTC', () => {
      expect(parseTimestamp('2025-03-14T10:20')).to.equal(Date.UTC(2025, 2, 14, 10, 20));
      expect(parseTimestamp('2025-03-14T10:20:30')).to.equal(Date.UTC(2025, 2, 14, 10, 20, 30));
      expect(parseTimestamp('2025-03-14T10:20:30.123')).to.equal(
        Date.UTC(2025, 2, 14, 10, 20, 30, 123),
      );
      expect(parseTimestamp('2025-03-14T10:20:30.5')).to.equal(
        Date.UTC(2025, 2, 14, 10, 20, 30, 500),
      );
      expect(parseTimestamp('2025-03-14T10:20:30.05')).to.equal(
        Date.UTC(2025, 2, 14, 10, 20, 30, 50),
      );
      // More than three digits are truncated to the ms, as Date does.
      expect(parseTimestamp('2025-03-14T10:20:30.123999')).to.equal(
        Date.UTC(2025, 2, 14, 10, 20, 30, 123),
      );
      expect(parseTimestamp('2025-03-14T23:59:59.9999999Z')).to.equal(
        Date.UTC(2025, 2, 14, 23, 59, 59, 999),
      );
      expect(parseTimestamp('2025-03-14T10:20:30,25Z')).to.equal(
        Date.UTC(2025, 2, 14, 10, 20, 30, 250),
      );
    });

    it('Z and every offset form', () => {
      const at = Date.UTC(2025, 2, 14, 10, 20, 30);
      expect(parseTimestamp('2025-03-14T10:20:30Z')).to.equal(at);
      expect(parseTimestamp('2025-03-14T10:20:30z')).to.equal(at);
      expect(parseTimestamp('2025-03-14T13:20:30+03:00')).to.equal(at);
      expect(parseTimestamp('2025-03-14T07:20:30-03:00')).to.equal(at);
      expect(parseTimestamp('2025-03-14T15:50:30+0530')).to.equal(at);
      expect(parseTimestamp('2025-03-14T15:50:30+05:30')).to.equal(at);
      expect(parseTimestamp('2025-03-14T12:20:30+02')).to.equal(at);
      expect(parseTimestamp('2025-03-14T10:20:30-00:00')).to.equal(at);
      expect(parseTimestamp('2025-03-14T23:20:30+13:00')).to.equal(at);
      // An offset can carry the instant into the previous or next day.
      expect(parseTimestamp('2025-03-01T01:00-03:00')).to.equal(Date.UTC(2025, 2, 1, 4));
      expect(parseTimestamp('2025-03-01T01:00+03:00')).to.equal(Date.UTC(2025, 1, 28, 22));
    });

    it('agrees with Date.parse on ISO strings that carry a zone', () => {
      const strings = [
        '2025-03-14T10:20:30.123+05:30',
        '1999-12-31T23:59:59.999-08:00',
        '2024-02-29T00:00:00Z',
        '1969-07-20T20:17:40Z',
        '2038-01-19T03:14:08+00:00',
      ];
      for (const s of strings) expect(parseTimestamp(s), s).to.equal(Date.parse(s));
    });

    it('a space instead of T (SQL exports), lowercase t, surrounding whitespace', () => {
      const at = Date.UTC(2025, 2, 14, 10, 20, 30);
      expect(parseTimestamp('2025-03-14 10:20:30')).to.equal(at);
      expect(parseTimestamp('2025-03-14 10:20:30+00')).to.equal(at);
      expect(parseTimestamp('2025-03-14 07:20:30.000-03')).to.equal(at);
      expect(parseTimestamp('2025-03-14t10:20:30Z')).to.equal(at);
      expect(parseTimestamp('  2025-03-14T10:20:30Z \t\n')).to.equal(at);
      expect(parseTimestamp('\uFEFF2025-03-14')).to.equal(Date.UTC(2025, 2, 14));
    });

    it('24:00 is accepted as the midnight that ends the day', () => {
      expect(parseTimestamp('2025-03-14T24:00')).to.equal(Date.UTC(2025, 2, 15));
      expect(parseTimestamp('2025-12-31T24:00:00Z')).to.equal(Date.UTC(2026, 0, 1));
      expect(parseTimestamp('2025-12-31T24:00:00.000-03:00')).to.equal(Date.UTC(2026, 0, 1, 3));
      expect(parseTimestamp('2025-03-14T24:00:01')).to.be.NaN;
      expect(parseTimestamp('2025-03-14T24:01')).to.be.NaN;
      expect(parseTimestamp('2025-03-14T24:00:00.001')).to.be.NaN;
    });

    it('negative epochs and expanded years', () => {
      expect(parseTimestamp('1969-12-31T23:59:59.999Z')).to.equal(-1);
      expect(parseTimestamp('1900-01-01')).to.equal(Date.UTC(1900, 0, 1));
      expect(parseTimestamp('0001-01-01')).to.equal(utc(1, 1, 1));
      expect(parseTimestamp('+010000-01-01T00:00:00Z')).to.equal(utc(10000, 1, 1));
      expect(parseTimestamp('-000001-06-15')).to.equal(utc(-1, 6, 15));
      expect(parseTimestamp('-000000-01-01')).to.be.NaN;
      expect(parseTimestamp('+275760-09-13T00:00:00Z')).to.equal(8.64e15);
      expect(parseTimestamp('+275760-09-13T00:00:01Z')).to.be.NaN;
    });

    it('rejects impossible dates and times', () => {
      const bad = [
        '2025-02-30',
        '2025-02-29',
        '2100-02-29',
        '2025-13-01',
        '2025-00-10',
        '2025-03-00',
        '2025-04-31',
        '2025-03-14T25:00',
        '2025-03-14T10:60',
        '2025-03-14T10:00:60',
        '2025-03-14T10:00+24:00',
        '2025-03-14T10:00+05:60',
      ];
      for (const s of bad) expect(parseTimestamp(s), s).to.be.NaN;
    });

    it('rejects other layouts, blanks and pure digit strings', () => {
      const bad = [
        'March 3',
        '2025/03/01',
        '03/01/2025',
        '',
        '  ',
        'abc',
        '20250301',
        '1741000000000',
        '2025',
        '2025-03',
        '2025-3-1',
        '25-03-01',
        '2025-03-14T',
        '2025-03-14T10',
        '2025-03-14T1:00',
        '2025-03-14T10:0',
        '2025-03-14T10:00:',
        '2025-03-14T10:00:00.',
        '2025-03-14T10:00:00.Z',
        '2025-03-14Z',
        '2025-03-14T10:00 Z',
        '2025-03-14T10:00+5',
        '2025-03-14T10:00+05:',
        '2025-03-14T10:00+05:3',
        '2025-03-14T10:00+053',
        '2025-03-14T10:00:00Zx',
        '2025-03-14T10:00:00+00:00:00',
        '2025-03-14_10:00',
        '2025-03-14  10:00',
        '１９７０-01-01',
      ];
      for (const s of bad) expect(parseTimestamp(s), JSON.stringify(s)).to.be.NaN;
    });
  });

  describe('parseTimestamp: other values', () => {
    it('finite numbers are epoch ms, within Date range', () => {
      expect(parseTimestamp(0)).to.equal(0);
      expect(parseTimestamp(1_741_000_000_000)).to.equal(1_741_000_000_000);
      expect(parseTimestamp(-1)).to.equal(-1);
      expect(parseTimestamp(8.64e15)).to.equal(8.64e15);
      expect(parseTimestamp(NaN)).to.be.NaN;
      expect(parseTimestamp(Infinity)).to.be.NaN;
      expect(parseTimestamp(-Infinity)).to.be.NaN;
      expect(parseTimestamp(8.64e15 + 1)).to.be.NaN;
    });

    it('Dates give their time; invalid Dates and anything else are NaN', () => {
      expect(parseTimestamp(new Date(Date.UTC(2025, 2, 14)))).to.equal(Date.UTC(2025, 2, 14));
      expect(parseTimestamp(new Date(NaN))).to.be.NaN;
      for (const v of [null, undefined, true, {}, [], 10n, ['2025-03-14']])
        expect(parseTimestamp(v)).to.be.NaN;
    });
  });

  it('parseDay reads an exact YYYY-MM-DD as a day number', () => {
    expect(parseDay('1970-01-02')).to.equal(1);
    expect(parseDay('1969-12-31')).to.equal(-1);
    expect(parseDay('2025-03-03')).to.equal(Date.UTC(2025, 2, 3) / DAY);
    expect(parseDay('2025-03-03T00:00')).to.be.NaN;
    expect(parseDay(' 2025-03-03')).to.be.NaN;
    expect(parseDay('2025-02-30')).to.be.NaN;
    expect(parseDay('')).to.be.NaN;
  });

  describe('formatIso', () => {
    it('formats UTC ISO strings', () => {
      expect(formatIso(0)).to.equal('1970-01-01T00:00:00.000Z');
      expect(formatIso(-1)).to.equal('1969-12-31T23:59:59.999Z');
      expect(formatIso(Date.UTC(2025, 2, 14, 10, 20, 30, 5))).to.equal('2025-03-14T10:20:30.005Z');
    });

    it('round-trips through parseTimestamp', () => {
      const rnd = seeded(7);
      for (let k = 0; k < 2000; k++) {
        const ms = Math.floor((rnd() - 0.5) * 2 * 1e14);
        expect(parseTimestamp(formatIso(ms))).to.equal(ms);
      }
    });

    it('throws a RangeError for NaN and out-of-range values', () => {
      expect(() => formatIso(NaN)).to.throw(
        RangeError,
        'formatIso needs epoch milliseconds within ±8.64e15; got NaN',
      );
      expect(() => formatIso(1e16)).to.throw(RangeError);
    });
  });
});
