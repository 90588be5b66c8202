import { expect } from 'chai';
import { addDuration, durationMs, parseDuration } from '../../src/time/duration.js';
import { DAY } from './support.js';

const H = 3_600_000;
const at = (iso: string): number => Date.parse(iso);
const MESSAGE = 'window must be an ISO-8601 duration such as P14D, or milliseconds; got ';

describe('time/duration', () => {
  describe('parseDuration', () => {
    it('reads ISO 8601 durations', () => {
      expect(parseDuration('P14D')).to.deep.equal({ months: 0, days: 14, ms: 0 });
      expect(parseDuration('PT12H')).to.deep.equal({ months: 0, days: 0, ms: 12 * H });
      expect(parseDuration('P1M')).to.deep.equal({ months: 1, days: 0, ms: 0 });
      expect(parseDuration('PT1M')).to.deep.equal({ months: 0, days: 0, ms: 60_000 });
      expect(parseDuration('P2W')).to.deep.equal({ months: 0, days: 14, ms: 0 });
      expect(parseDuration('P1Y')).to.deep.equal({ months: 12, days: 0, ms: 0 });
      expect(parseDuration('P1Y2M3DT4H5M6S')).to.deep.equal({
        months: 14,
        days: 3,
        ms: 4 * H + 5 * 60_000 + 6000,
      });
      expect(parseDuration('P1W2D')).to.deep.equal({ months: 0, days: 9, ms: 0 });
      expect(parseDuration('P0D')).to.deep.equal({ months: 0, days: 0, ms: 0 });
      expect(parseDuration(' P3D ')).to.deep.equal({ months: 0, days: 3, ms: 0 });
    });

    it('allows a fraction on the smallest time unit', () => {
      expect(parseDuration('PT0.5S').ms).to.equal(500);
      expect(parseDuration('PT1,25S').ms).to.equal(1250);
      expect(parseDuration('PT1.5H').ms).to.equal(1.5 * H);
      expect(parseDuration('PT2M0.001S').ms).to.equal(120_001);
      expect(parseDuration('PT0.0004S').ms).to.equal(0);
    });

    it('reads non-negative milliseconds and Duration objects', () => {
      expect(parseDuration(86_400_000)).to.deep.equal({ months: 0, days: 0, ms: DAY });
      expect(parseDuration(0)).to.deep.equal({ months: 0, days: 0, ms: 0 });
      expect(parseDuration({ months: 1, days: 2, ms: 3 })).to.deep.equal({
        months: 1,
        days: 2,
        ms: 3,
      });
    });

    it('throws a precise RangeError for anything else', () => {
      expect(() => parseDuration('two weeks')).to.throw(RangeError, `${MESSAGE}'two weeks'`);
      const bad: unknown[] = [
        '',
        'P',
        'PT',
        'P1DT',
        'P1.5D',
        'P1.5M',
        'PT1.5H30M',
        '14D',
        'p14d',
        'P14',
        'PT1S2M',
        'P1D2Y',
      ];
      for (const v of bad) expect(() => parseDuration(v), String(v)).to.throw(RangeError, MESSAGE);
      expect(() => parseDuration(NaN)).to.throw(RangeError, `${MESSAGE}NaN`);
      expect(() => parseDuration(Infinity)).to.throw(RangeError, `${MESSAGE}Infinity`);
      expect(() => parseDuration(null)).to.throw(RangeError, `${MESSAGE}null`);
      expect(() => parseDuration(undefined)).to.throw(RangeError, `${MESSAGE}undefined`);
      expect(() => parseDuration({})).to.throw(RangeError, `${MESSAGE}a value of type object`);
      expect(() => parseDuration('P99999999999999999999D')).to.throw(RangeError, MESSAGE);
      expect(() => parseDuration('x', 'slaTarget')).to.throw(
        RangeError,
        "slaTarget must be an ISO-8601 duration such as P14D, or milliseconds; got 'x'",
      );
    });

    it('rejects negative durations', () => {
      expect(() => parseDuration(-1)).to.throw(RangeError, 'window must not be negative; got -1');
      expect(() => parseDuration(-Infinity)).to.throw(
        RangeError,
        'window must not be negative; got -Infinity',
      );
      expect(() => parseDuration('-P1D')).to.throw(
        RangeError,
        "window must not be negative; got '-P1D'",
      );
      expect(() => parseDuration({ months: 0, days: -1, ms: 0 })).to.throw(
        RangeError,
        'must not be negative',
      );
    });
  });

  describe('addDuration', () => {
    it('months clamp the day to the end of the month', () => {
      const p1m = parseDuration('P1M');
      expect(addDuration(at('2025-01-31T10:00:00Z'), p1m)).to.equal(at('2025-02-28T10:00:00Z'));
      expect(addDuration(at('2024-01-31T10:00:00Z'), p1m)).to.equal(at('2024-02-29T10:00:00Z'));
      expect(addDuration(at('2025-03-31T00:00:00Z'), p1m)).to.equal(at('2025-04-30T00:00:00Z'));
      expect(addDuration(at('2025-01-31T00:00:00Z'), parseDuration('P2M'))).to.equal(
        at('2025-03-31T00:00:00Z'),
      );
      expect(addDuration(at('2025-12-15T00:00:00Z'), p1m)).to.equal(at('2026-01-15T00:00:00Z'));
      expect(addDuration(at('2024-02-29T00:00:00Z'), parseDuration('P1Y'))).to.equal(
        at('2025-02-28T00:00:00Z'),
      );
      expect(addDuration(at('2096-02-29T00:00:00Z'), parseDuration('P4Y'))).to.equal(
        at('2100-02-28T00:00:00Z'),
      );
      expect(addDuration(at('1969-12-31T00:00:00Z'), p1m)).to.equal(at('1970-01-31T00:00:00Z'));
    });

    it('adds months, then days, then ms', () => {
      const d = parseDuration('P1M1DT1H');
      // Jan 31 + 1 month = Feb 28, + 1 day = Mar 1, + 1 hour.
      expect(addDuration(at('2025-01-31T00:00:00Z'), d)).to.equal(at('2025-03-01T01:00:00Z'));
      expect(addDuration(0, parseDuration('P14D'))).to.equal(14 * DAY);
      expect(addDuration(0, parseDuration(1234))).to.equal(1234);
      expect(addDuration(at('2025-03-01T00:00:00Z'), { months: -1, days: 0, ms: 0 })).to.equal(
        at('2025-02-01T00:00:00Z'),
      );
    });

    it('days keep the local wall time across DST in a zone', () => {
      const ny = 'America/New_York';
      const p1d = parseDuration('P1D');
      expect(addDuration(at('2025-03-08T17:00:00Z'), p1d, ny)).to.equal(at('2025-03-09T16:00:00Z'));
      expect(addDuration(at('2025-03-08T17:00:00Z'), parseDuration('PT24H'), ny)).to.equal(
        at('2025-03-09T17:00:00Z'),
      );
      expect(addDuration(at('2025-11-01T16:00:00Z'), p1d, ny)).to.equal(at('2025-11-02T17:00:00Z'));
      // 02:30 on 2025-03-09 does not exist in New York: it becomes 03:30 EDT.
      expect(addDuration(at('2025-03-08T07:30:00Z'), p1d, ny)).to.equal(at('2025-03-09T07:30:00Z'));
      // 01:30 on 2025-11-02 happens twice: the first (EDT) is taken.
      expect(addDuration(at('2025-11-01T05:30:00Z'), p1d, ny)).to.equal(at('2025-11-02T05:30:00Z'));
      // Sao Paulo 2018-11-04 00:00 does not exist: midnight + P1D lands at 01:00 −02:00.
      expect(addDuration(at('2018-11-03T03:00:00Z'), p1d, 'America/Sao_Paulo')).to.equal(
        at('2018-11-04T03:00:00Z'),
      );
      expect(
        addDuration(at('2025-01-31T15:00:00Z'), parseDuration('P1M'), 'America/Sao_Paulo'),
      ).to.equal(at('2025-02-28T15:00:00Z'));
      expect(addDuration(at('2025-03-08T17:00:00Z'), p1d, 'UTC')).to.equal(
        at('2025-03-09T17:00:00Z'),
      );
    });

    it('NaN in, NaN out; a bad zone throws', () => {
      expect(addDuration(NaN, parseDuration('P1D'))).to.be.NaN;
      expect(addDuration(Infinity, parseDuration('P1D'))).to.be.NaN;
      expect(() => addDuration(0, parseDuration('P1D'), 'Nowhere/City')).to.throw(
        RangeError,
        "got 'Nowhere/City'",
      );
    });
  });

  describe('durationMs', () => {
    it('counts days as 86 400 000 ms', () => {
      expect(durationMs(parseDuration('P14D'))).to.equal(14 * DAY);
      expect(durationMs(parseDuration('P1DT12H'))).to.equal(1.5 * DAY);
      expect(durationMs(parseDuration(5))).to.equal(5);
    });

    it('throws for months, which have no fixed length', () => {
      expect(() => durationMs(parseDuration('P1M'))).to.throw(RangeError, 'has no fixed length');
      expect(() => durationMs(parseDuration('P1Y'))).to.throw(RangeError, 'got 12 months');
    });
  });
});
