import { expect } from 'chai';
import { PERIODS, bucketer } from '../../src/time/period.js';
import { checkTimeZone, isUtcZone, localToUtc, zoneOffset } from '../../src/time/zone.js';
import { DAY, refDay, refMonth, refOffset, seeded } from './support.js';

const H = 3_600_000;
const SP = 'America/Sao_Paulo';
const NY = 'America/New_York';
const at = (iso: string): number => Date.parse(iso);

describe('time/zone', () => {
  describe('zoneOffset', () => {
    it('validates the zone name once, with a precise message', () => {
      expect(checkTimeZone(SP)).to.equal(SP);
      expect(() => zoneOffset('America/Sao Paulo')).to.throw(
        RangeError,
        "timeZone must be an IANA time zone name such as America/Sao_Paulo; got 'America/Sao Paulo'",
      );
      expect(() => checkTimeZone(42, 'zone')).to.throw(
        RangeError,
        'zone must be an IANA time zone name',
      );
      expect(zoneOffset(SP)).to.equal(zoneOffset(SP));
    });

    it('is exact to the ms at New York transitions (2025-03-09, 2025-11-02)', () => {
      const off = zoneOffset(NY);
      expect(off(at('2025-03-09T06:59:59.999Z'))).to.equal(-5 * H);
      expect(off(at('2025-03-09T07:00:00.000Z'))).to.equal(-4 * H);
      expect(off(at('2025-11-02T05:59:59.999Z'))).to.equal(-4 * H);
      expect(off(at('2025-11-02T06:00:00.000Z'))).to.equal(-5 * H);
      // Out of order, so the last-interval cache is missed on purpose.
      expect(off(at('2025-07-01T00:00:00Z'))).to.equal(-4 * H);
      expect(off(at('2025-01-01T00:00:00Z'))).to.equal(-5 * H);
      expect(off(at('2025-03-09T07:00:00.000Z'))).to.equal(-4 * H);
    });

    it('is exact at Sao Paulo transitions 2017–2019 and has no DST after 2019', () => {
      const off = zoneOffset(SP);
      expect(off(at('2017-10-15T02:59:59.999Z'))).to.equal(-3 * H);
      expect(off(at('2017-10-15T03:00:00Z'))).to.equal(-2 * H);
      expect(off(at('2018-02-18T01:59:59.999Z'))).to.equal(-2 * H);
      expect(off(at('2018-02-18T02:00:00Z'))).to.equal(-3 * H);
      expect(off(at('2018-11-04T02:59:59.999Z'))).to.equal(-3 * H);
      expect(off(at('2018-11-04T03:00:00Z'))).to.equal(-2 * H);
      expect(off(at('2019-02-17T01:59:59.999Z'))).to.equal(-2 * H);
      expect(off(at('2019-02-17T02:00:00Z'))).to.equal(-3 * H);
      expect(off(at('2019-12-15T12:00:00Z'))).to.equal(-3 * H);
    });

    it('finds short-lived offsets hour by hour (Boa Vista 2000, Cairo 2010, Casablanca 2019)', () => {
      const windows = [
        ['America/Boa_Vista', '2000-10-01T00:00:00Z', 30],
        ['Africa/Cairo', '2010-08-01T00:00:00Z', 45],
        ['Africa/Casablanca', '2019-04-25T00:00:00Z', 50],
      ] as const;
      for (const [zone, from, days] of windows) {
        const off = zoneOffset(zone);
        const changes = new Set<number>();
        for (let ms = at(from); ms < at(from) + days * DAY; ms += H) {
          expect(off(ms), `${zone} ${new Date(ms).toISOString()}`).to.equal(refOffset(ms, zone));
          changes.add(off(ms));
        }
        expect(changes.size, zone).to.be.greaterThan(1);
      }
    });

    it('NaN in, NaN out; UTC is 0', () => {
      expect(zoneOffset(SP)(NaN)).to.be.NaN;
      expect(zoneOffset(SP)(Infinity)).to.be.NaN;
      expect(zoneOffset('UTC')(123)).to.equal(0);
      expect(zoneOffset('Etc/UTC')(NaN)).to.be.NaN;
    });

    it('names of UTC are valid and UTC without asking Intl (its first DateTimeFormat is slow), as Intl says', () => {
      const names = ['UTC', 'Etc/UTC', 'Etc/GMT', 'GMT'];
      for (const name of names) {
        const resolved = new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
        expect(['UTC', 'Etc/UTC', 'Etc/GMT', 'GMT'], name).to.include(resolved);
      }
      const real = Intl.DateTimeFormat;
      Intl.DateTimeFormat = function refused() {
        throw new Error('Intl asked');
      } as unknown as typeof Intl.DateTimeFormat;
      try {
        for (const name of names) {
          expect(checkTimeZone(name)).to.equal(name);
          expect(isUtcZone(name), name).to.equal(true);
        }
        expect(() => checkTimeZone('Mars/Olympus_Mons')).to.throw(RangeError);
      } finally {
        Intl.DateTimeFormat = real;
      }
    });

    it('localToUtc: skipped wall times move past the gap, repeated ones take the first', () => {
      const off = zoneOffset(NY);
      const wall = (iso: string): number => Date.parse(`${iso}Z`);
      expect(localToUtc(off, wall('2025-03-09T01:30:00'))).to.equal(at('2025-03-09T06:30:00Z'));
      expect(localToUtc(off, wall('2025-03-09T02:30:00'))).to.equal(at('2025-03-09T07:30:00Z'));
      expect(localToUtc(off, wall('2025-03-09T03:30:00'))).to.equal(at('2025-03-09T07:30:00Z'));
      expect(localToUtc(off, wall('2025-11-02T01:30:00'))).to.equal(at('2025-11-02T05:30:00Z'));
      expect(localToUtc(off, wall('2025-11-02T02:30:00'))).to.equal(at('2025-11-02T07:30:00Z'));
    });
  });

  describe('bucketer in America/Sao_Paulo', () => {
    const day = bucketer('day', SP);

    it('2018-11-04: local midnight does not exist; the day starts at the transition', () => {
      const nov4 = day.indexOfKey('2018-11-04');
      expect(day.start(nov4)).to.equal(at('2018-11-04T03:00:00Z'));
      expect(day.end(nov4)).to.equal(at('2018-11-05T02:00:00Z'));
      expect(day.end(nov4) - day.start(nov4)).to.equal(23 * H);
      expect(day.start(nov4 - 1)).to.equal(at('2018-11-03T03:00:00Z'));
      expect(day.end(nov4 - 1) - day.start(nov4 - 1)).to.equal(24 * H);
      expect(day.key(day.index(at('2018-11-04T02:59:59.999Z')))).to.equal('2018-11-03');
      expect(day.key(day.index(at('2018-11-04T03:00:00Z')))).to.equal('2018-11-04');
      const month = bucketer('month', SP);
      expect(month.key(month.index(at('2018-11-04T03:00:00Z')))).to.equal('2018-11-01');
      const week = bucketer('week', SP);
      expect(week.key(week.index(at('2018-11-04T03:00:00Z')))).to.equal('2018-10-29');
      expect(week.start(week.index(at('2018-11-05T12:00:00Z')))).to.equal(
        at('2018-11-05T02:00:00Z'),
      );
    });

    it('2019-02-16: the hour 23:00–24:00 repeats; that day lasts 25 hours', () => {
      const feb16 = day.indexOfKey('2019-02-16');
      expect(day.start(feb16)).to.equal(at('2019-02-16T02:00:00Z'));
      expect(day.end(feb16)).to.equal(at('2019-02-17T03:00:00Z'));
      expect(day.end(feb16) - day.start(feb16)).to.equal(25 * H);
      // 23:30 first under −02:00, then again under −03:00: both on the 16th.
      expect(day.key(day.index(at('2019-02-17T01:30:00Z')))).to.equal('2019-02-16');
      expect(day.key(day.index(at('2019-02-17T02:30:00Z')))).to.equal('2019-02-16');
      expect(day.key(day.index(at('2019-02-17T02:59:59.999Z')))).to.equal('2019-02-16');
      expect(day.key(day.index(at('2019-02-17T03:00:00Z')))).to.equal('2019-02-17');
    });

    it('month, quarter and year buckets start at local midnight', () => {
      expect(bucketer('month', SP).start(2018 * 12 + 10)).to.equal(at('2018-11-01T03:00:00Z'));
      expect(bucketer('month', SP).start(2019 * 12 + 1)).to.equal(at('2019-02-01T02:00:00Z'));
      expect(bucketer('quarter', SP).start(2019 * 4)).to.equal(at('2019-01-01T02:00:00Z'));
      expect(bucketer('year', SP).start(2020)).to.equal(at('2020-01-01T03:00:00Z'));
      expect(bucketer('year', SP).index(at('2020-01-01T02:59:59.999Z'))).to.equal(2019);
    });

    it('every day start of 2017–2019 is the first instant of that local date (Intl reference)', () => {
      const from = day.indexOfKey('2017-01-01');
      const to = day.indexOfKey('2020-01-01');
      for (let i = from; i < to; i++) {
        const s = day.start(i);
        expect(refDay(s, SP), day.key(i)).to.equal(i);
        expect(refDay(s - 1, SP), day.key(i)).to.equal(i - 1);
      }
    });
  });

  describe('bucketer in America/New_York', () => {
    const day = bucketer('day', NY);

    it('2025-03-09 lasts 23 hours and 2025-11-02 lasts 25', () => {
      const mar9 = day.indexOfKey('2025-03-09');
      expect(day.start(mar9)).to.equal(at('2025-03-09T05:00:00Z'));
      expect(day.end(mar9)).to.equal(at('2025-03-10T04:00:00Z'));
      const nov2 = day.indexOfKey('2025-11-02');
      expect(day.start(nov2)).to.equal(at('2025-11-02T04:00:00Z'));
      expect(day.end(nov2)).to.equal(at('2025-11-03T05:00:00Z'));
      expect(day.key(day.index(at('2025-11-02T05:30:00Z')))).to.equal('2025-11-02');
      expect(day.key(day.index(at('2025-11-02T06:30:00Z')))).to.equal('2025-11-02');
      expect(day.key(day.index(at('2025-11-03T04:59:59.999Z')))).to.equal('2025-11-02');
      expect(day.key(day.index(at('2025-11-03T05:00:00Z')))).to.equal('2025-11-03');
    });

    it('weeks start at Monday local midnight', () => {
      const week = bucketer('week', NY);
      const i = week.index(at('2025-03-09T12:00:00Z'));
      expect(week.key(i)).to.equal('2025-03-03');
      expect(week.start(i)).to.equal(at('2025-03-03T05:00:00Z'));
      expect(week.end(i)).to.equal(at('2025-03-10T04:00:00Z'));
      expect(week.end(i) - week.start(i)).to.equal(7 * DAY - H);
    });
  });

  describe('random instants against an Intl reference', () => {
    const zones = [
      SP,
      NY,
      'Europe/London',
      'Europe/Berlin',
      'Asia/Kolkata',
      'Australia/Lord_Howe',
      'Pacific/Chatham',
      'America/St_Johns',
      'Asia/Tehran',
      'Africa/Casablanca',
      'Pacific/Apia',
      'Asia/Kathmandu',
    ];

    it('index for day and month matches formatToParts, and the invariant holds', () => {
      const rnd = seeded(2025);
      for (const zone of zones) {
        const day = bucketer('day', zone);
        const month = bucketer('month', zone);
        for (let k = 0; k < 400; k++) {
          // 1950–2040, in random order so the caches are exercised cold and warm.
          const ms = Math.floor(-6.3e11 + rnd() * 2.84e12);
          const d = day.index(ms);
          expect(d, `${zone} ${ms}`).to.equal(refDay(ms, zone));
          expect(month.index(ms), `${zone} ${ms}`).to.equal(refMonth(ms, zone));
          expect(day.start(d) <= ms && ms < day.end(d), `${zone} ${ms}`).to.equal(true);
        }
      }
    });

    it('instants within hours of Sao Paulo and New York transitions, for every period', () => {
      const rnd = seeded(99);
      const transitions = [
        ['2017-10-15T03:00:00Z', SP],
        ['2018-02-18T02:00:00Z', SP],
        ['2018-11-04T03:00:00Z', SP],
        ['2019-02-17T02:00:00Z', SP],
        ['2025-03-09T07:00:00Z', NY],
        ['2025-11-02T06:00:00Z', NY],
      ] as const;
      for (const [iso, zone] of transitions) {
        for (let k = 0; k < 300; k++) {
          const ms = at(iso) + Math.floor((rnd() - 0.5) * 8 * H);
          expect(bucketer('day', zone).index(ms), `${zone} ${ms}`).to.equal(refDay(ms, zone));
          for (const p of PERIODS) {
            const b = bucketer(p, zone);
            const i = b.index(ms);
            expect(b.start(i) <= ms && ms < b.end(i), `${p} ${zone} ${ms}`).to.equal(true);
          }
        }
      }
    });
  });
});
