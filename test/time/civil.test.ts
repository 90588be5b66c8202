import { expect } from 'chai';
import {
  DAY_MS,
  civilFromDays,
  civilInto,
  daysFromCivil,
  daysInMonth,
  formatDay,
  isLeapYear,
  isValidCivil,
  monthIndexArithmetic,
  monthIndexFromDays,
  monthIndexFromMs,
} from '../../src/time/civil.js';
import { DAY, seeded, utc } from './support.js';

describe('time/civil', () => {
  it('DAY_MS is one day of epoch time', () => {
    expect(DAY_MS).to.equal(24 * 60 * 60 * 1000);
  });

  it('counts days from 1970-01-01, before and after', () => {
    expect(daysFromCivil(1970, 1, 1)).to.equal(0);
    expect(daysFromCivil(1970, 1, 2)).to.equal(1);
    expect(daysFromCivil(1969, 12, 31)).to.equal(-1);
    expect(daysFromCivil(2000, 3, 1)).to.equal(Date.UTC(2000, 2, 1) / DAY);
    expect(daysFromCivil(2025, 3, 3)).to.equal(Date.UTC(2025, 2, 3) / DAY);
    expect(daysFromCivil(0, 1, 1)).to.equal(utc(0, 1, 1) / DAY);
    expect(daysFromCivil(-1, 12, 31)).to.equal(utc(-1, 12, 31) / DAY);
  });

  it('leap years: 2024 and 2000 are leap, 2100 and 1900 are not', () => {
    expect(isLeapYear(2024)).to.equal(true);
    expect(isLeapYear(2000)).to.equal(true);
    expect(isLeapYear(2100)).to.equal(false);
    expect(isLeapYear(1900)).to.equal(false);
    expect(isLeapYear(2025)).to.equal(false);
    expect(isLeapYear(-4)).to.equal(true);
    expect(isLeapYear(0)).to.equal(true);
    expect(daysInMonth(2024, 2)).to.equal(29);
    expect(daysInMonth(2100, 2)).to.equal(28);
    expect(daysInMonth(2000, 2)).to.equal(29);
    expect(daysInMonth(2025, 4)).to.equal(30);
    expect(daysInMonth(2025, 12)).to.equal(31);
    // 2100-02-28 is followed directly by 2100-03-01; 2000-02-29 exists.
    expect(daysFromCivil(2100, 3, 1) - daysFromCivil(2100, 2, 28)).to.equal(1);
    expect(daysFromCivil(2000, 3, 1) - daysFromCivil(2000, 2, 28)).to.equal(2);
    expect(civilFromDays(daysFromCivil(2024, 2, 29))).to.deep.equal({ y: 2024, m: 2, d: 29 });
  });

  it('validates calendar dates', () => {
    expect(isValidCivil(2024, 2, 29)).to.equal(true);
    expect(isValidCivil(2025, 2, 29)).to.equal(false);
    expect(isValidCivil(2025, 2, 30)).to.equal(false);
    expect(isValidCivil(2025, 13, 1)).to.equal(false);
    expect(isValidCivil(2025, 0, 1)).to.equal(false);
    expect(isValidCivil(2025, 1, 0)).to.equal(false);
    expect(isValidCivil(2025, 1.5, 1)).to.equal(false);
    expect(isValidCivil(NaN, 1, 1)).to.equal(false);
  });

  it('round-trips random day numbers against Date (incl. negative years)', () => {
    const rnd = seeded(1);
    const out = { y: 0, m: 0, d: 0 };
    for (let k = 0; k < 5000; k++) {
      const days = Math.floor((rnd() - 0.5) * 2 * 1_000_000);
      const date = new Date(days * DAY);
      const expected = {
        y: date.getUTCFullYear(),
        m: date.getUTCMonth() + 1,
        d: date.getUTCDate(),
      };
      expect(civilFromDays(days)).to.deep.equal(expected);
      expect(civilInto(days, out)).to.equal(out);
      expect(out).to.deep.equal(expected);
      expect(daysFromCivil(expected.y, expected.m, expected.d)).to.equal(days);
      expect(monthIndexFromDays(days)).to.equal(expected.y * 12 + expected.m - 1);
    }
  });

  it('month ordinals: table and arithmetic agree with Date on every day of 1795–2205', () => {
    const date = new Date(0);
    for (let days = Date.UTC(1795, 0, 1) / DAY; days < Date.UTC(2205, 0, 1) / DAY; days++) {
      date.setTime(days * DAY);
      const expected = date.getUTCFullYear() * 12 + date.getUTCMonth();
      if (monthIndexFromDays(days) !== expected || monthIndexArithmetic(days) !== expected) {
        expect([monthIndexFromDays(days), monthIndexArithmetic(days)], `day ${days}`).to.deep.equal(
          [expected, expected],
        );
      }
    }
  });

  it('month ordinals of instants: the ms table agrees with the day table at both ends of every day of 1795–2205', () => {
    for (let days = Date.UTC(1795, 0, 1) / DAY; days < Date.UTC(2205, 0, 1) / DAY; days++) {
      for (const ms of [days * DAY, days * DAY + DAY - 1, days * DAY + DAY - 0.25]) {
        if (monthIndexFromMs(ms) !== monthIndexFromDays(days)) expect(monthIndexFromMs(ms), `ms ${ms}`).to.equal(monthIndexFromDays(days));
      }
    }
    const rnd = seeded(2);
    for (let k = 0; k < 5000; k++) {
      const ms = Math.floor((rnd() - 0.5) * 2 * 8.64e15);
      expect(monthIndexFromMs(ms), `ms ${ms}`).to.equal(monthIndexFromDays(Math.floor(ms / DAY)));
    }
    expect(monthIndexFromMs(-1)).to.equal(1969 * 12 + 11);
    expect(monthIndexFromMs(NaN)).to.be.NaN;
  });

  it('month ordinals around year ends and before 1970', () => {
    expect(monthIndexFromDays(daysFromCivil(2024, 12, 31))).to.equal(2024 * 12 + 11);
    expect(monthIndexFromDays(daysFromCivil(2025, 1, 1))).to.equal(2025 * 12);
    expect(monthIndexFromDays(-1)).to.equal(1969 * 12 + 11);
    expect(monthIndexFromDays(daysFromCivil(-4, 2, 29))).to.equal(-4 * 12 + 1);
    expect(monthIndexFromDays(NaN)).to.be.NaN;
  });

  it('formats days as YYYY-MM-DD, expanded outside 0000–9999', () => {
    expect(formatDay(0)).to.equal('1970-01-01');
    expect(formatDay(-1)).to.equal('1969-12-31');
    expect(formatDay(daysFromCivil(2025, 3, 3))).to.equal('2025-03-03');
    expect(formatDay(daysFromCivil(5, 6, 7))).to.equal('0005-06-07');
    expect(formatDay(daysFromCivil(-1, 1, 1))).to.equal('-000001-01-01');
    expect(formatDay(daysFromCivil(12345, 1, 1))).to.equal('+012345-01-01');
  });
});
