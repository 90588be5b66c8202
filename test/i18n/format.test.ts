import { expect } from 'chai';
import { formatters, MISSING } from '../../src/i18n/format.js';
import type { Formatters } from '../../src/i18n/format.js';

// Intl puts U+00A0 / U+202F in some strings (and ICU versions differ on which),
// so compare with every space normalized to a plain one.
const plain = (s: string): string => s.replace(/[\u00a0\u202f]/g, ' ');
const same = (actual: string, expected: string): void => {
  expect(plain(actual)).to.equal(expected);
};

const en = formatters('en');
const pt = formatters('pt-BR');
const es = formatters('es');
const ALL: Formatters[] = [en, pt, es];
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const utc = (y: number, m: number, d: number, h = 0, min = 0): number => Date.UTC(y, m - 1, d, h, min);

describe('i18n format', () => {
  it('memoizes per locale and zone, and rejects bad ones', () => {
    expect(formatters('en')).to.equal(en);
    expect(formatters('en', 'UTC')).to.equal(en);
    expect(formatters('en', 'America/Sao_Paulo')).to.not.equal(en);
    expect(() => formatters('fr' as 'en')).to.throw(RangeError, /locale must be one of pt-BR, en, es; got fr/);
    expect(() => formatters('en', 'Mars/Base')).to.throw(RangeError, /timeZone/);
  });

  it('shows missing and non-finite values as a dash, never NaN', () => {
    for (const f of ALL) {
      for (const bad of [null, undefined, NaN, Infinity, -Infinity]) {
        expect(f.number(bad)).to.equal(MISSING);
        expect(f.percent(bad)).to.equal(MISSING);
        expect(f.score(bad)).to.equal(MISSING);
        expect(f.delta(bad, 'points')).to.equal(MISSING);
        expect(f.duration(bad)).to.equal(MISSING);
        expect(f.date(bad)).to.equal(MISSING);
        expect(f.dateTime(bad)).to.equal(MISSING);
        expect(f.relativeTime(bad)).to.equal(MISSING);
      }
    }
    expect(MISSING).to.equal('—');
  });

  it('groups numbers per locale', () => {
    same(en.number(1234567), '1,234,567');
    same(pt.number(1234567), '1.234.567');
    same(es.number(1234567), '1.234.567');
    // Spanish does not group four digits (CLDR minimumGroupingDigits = 2).
    same(es.number(1234.5), '1234,5');
    same(pt.number(-1234.5), '-1.234,5');
    same(en.number(-1234.5), '-1,234.5');
    same(en.number(3.14159, 2), '3.14');
    same(pt.number(2, 1), '2,0');
    same(en.number(0), '0');
    same(en.number(-0), '0');
    same(en.number(-0.004, 2), '0.00');
  });

  it('formats percentages from fractions', () => {
    same(en.percent(0.4567), '45.7%');
    same(pt.percent(0.4567), '45,7%');
    same(es.percent(0.4567), '45,7 %');
    same(en.percent(1, 0), '100%');
    same(en.percent(-0.125, 2), '-12.50%');
    same(en.percent(-0.0004), '0.0%');
    same(pt.percent(12.345), '1.234,5%');
  });

  it('signs scores except at zero', () => {
    for (const f of ALL) {
      same(f.score(12), '+12');
      same(f.score(-5), '-5');
      same(f.score(0), '0');
      same(f.score(-0.4), '0');
    }
    same(en.score(12.34, 1), '+12.3');
    same(pt.score(12.34, 1), '+12,3');
  });

  it('signs deltas in each unit', () => {
    same(en.delta(3, 'points'), '+3 pts');
    same(en.delta(-1, 'points'), '-1 pt');
    same(pt.delta(2, 'points'), '+2 pts');
    same(es.delta(-4, 'points'), '-4 ptos');
    same(es.delta(1, 'points'), '+1 pto');
    same(en.delta(0, 'points'), '0 pts');
    same(en.delta(0.045, 'percent'), '+4.5%');
    same(pt.delta(-0.045, 'percent'), '-4,5%');
    same(es.delta(0.045, 'percent'), '+4,5 %');
    same(en.delta(12, 'minutes'), '+12 min');
    same(pt.delta(-12, 'minutes'), '-12 min');
    same(en.delta(1204, 'count'), '+1,204');
    same(pt.delta(-1204567, 'count'), '-1.204.567');
    same(en.delta(-0.2, 'count'), '0');
  });

  it('formats compact durations', () => {
    same(en.duration(0), '0 sec');
    same(en.duration(45_000), '45 sec');
    same(en.duration(59_000), '59 sec');
    same(en.duration(59_600), '1 min');
    same(en.duration(12 * MIN), '12 min');
    same(en.duration(HOUR), '1 hr');
    same(en.duration(3 * HOUR + 20 * MIN), '3 hr 20 min');
    same(en.duration(DAY), '1 day');
    same(en.duration(2 * DAY + 4 * HOUR), '2 days 4 hr');
    same(pt.duration(45_000), '45 s');
    same(pt.duration(3 * HOUR + 20 * MIN), '3 h 20 min');
    same(pt.duration(2 * DAY + 4 * HOUR), '2 dias 4 h');
    same(es.duration(3 * HOUR + 20 * MIN), '3 h 20 min');
    same(es.duration(2 * DAY + 4 * HOUR), '2 d 4 h');
    same(es.duration(HOUR - 10_000), '1 h');
    same(en.duration(-1), MISSING);
  });

  it('labels days, months and years from period keys', () => {
    same(en.periodLabel('2025-03-14', 'day'), 'Mar 14, 2025');
    same(pt.periodLabel('2025-03-14', 'day'), '14 de mar. de 2025');
    same(es.periodLabel('2025-03-14', 'day'), '14 mar 2025');
    same(en.periodLabel('2025-03-14', 'day', 'long'), 'March 14, 2025');
    same(pt.periodLabel('2025-03-01', 'month'), 'mar. de 2025');
    same(es.periodLabel('2025-03-01', 'month'), 'mar 2025');
    same(en.periodLabel('2025-03-01', 'month'), 'Mar 2025');
    same(pt.periodLabel('2025-03-01', 'month', 'long'), 'março de 2025');
    same(es.periodLabel('2025-03-01', 'month', 'long'), 'marzo de 2025');
    for (const f of ALL) same(f.periodLabel('2025-01-01', 'year'), '2025');
  });

  it('keeps formats and labels apart by kind, digits, period and style, asked in any order', () => {
    // Each is asked twice around the others: a kept format or label must never answer for another.
    for (let round = 0; round < 2; round++) {
      same(en.number(0.4567, 1), '0.5');
      same(en.number(0.4567, 10), '0.4567000000');
      same(en.number(0.4567), '0.457');
      same(en.percent(0.4567, 1), '45.7%');
      same(en.percent(0.4567, 0), '46%');
      same(en.score(12, 1), '+12.0');
      same(en.periodLabel('2025-03-01', 'month'), 'Mar 2025');
      same(en.periodLabel('2025-03-01', 'month', 'long'), 'March 2025');
      same(en.periodLabel('2025-03-01', 'day'), 'Mar 1, 2025');
      same(pt.periodLabel('2025-03-01', 'month'), 'mar. de 2025');
    }
    // A bad key still throws every time (nothing kept for it).
    for (let round = 0; round < 2; round++) expect(() => en.periodLabel('2025-03-02', 'month')).to.throw(RangeError);
  });

  it('labels weeks and quarters, across year boundaries', () => {
    same(en.periodLabel('2025-03-03', 'week'), 'Week of Mar 3, 2025');
    same(pt.periodLabel('2025-03-03', 'week'), 'Semana de 3 de mar. de 2025');
    same(es.periodLabel('2025-03-03', 'week'), 'Semana del 3 mar 2025');
    // ISO week 1 of 2025 starts on Monday 30 December 2024.
    same(en.periodLabel('2024-12-30', 'week'), 'Week of Dec 30, 2024');
    same(pt.periodLabel('2024-12-30', 'week', 'long'), 'Semana de 30 de dezembro de 2024');
    same(en.periodLabel('2025-01-01', 'quarter'), 'Q1 2025');
    same(en.periodLabel('2024-10-01', 'quarter'), 'Q4 2024');
    same(pt.periodLabel('2025-04-01', 'quarter'), 'T2 2025');
    same(es.periodLabel('2025-07-01', 'quarter'), 'T3 2025');
    same(en.periodLabel('2025-01-01', 'quarter', 'long'), '1st quarter 2025');
    same(pt.periodLabel('2025-01-01', 'quarter', 'long'), '1º trimestre de 2025');
    same(es.periodLabel('2025-10-01', 'quarter', 'long'), '4.º trimestre de 2025');
  });

  it('formats keys as calendar dates whatever the zone', () => {
    const sp = formatters('pt-BR', 'America/Sao_Paulo');
    same(sp.periodLabel('2025-01-01', 'day'), '1 de jan. de 2025');
    same(sp.periodLabel('2025-01-01', 'year'), '2025');
    same(sp.periodLabel('2025-01-01', 'month'), 'jan. de 2025');
  });

  it('rejects period keys that do not start a period', () => {
    expect(() => en.periodLabel('2025-03-04', 'week')).to.throw(RangeError, /first day of a week/);
    expect(() => en.periodLabel('2025-3-1', 'month')).to.throw(RangeError, /YYYY-MM-DD/);
  });

  it('formats dates and times in the given zone', () => {
    const ms = utc(2025, 1, 1, 1, 30);
    same(en.date(ms), 'Jan 1, 2025');
    same(en.dateTime(ms), 'Jan 1, 2025, 1:30 AM');
    const sp = formatters('pt-BR', 'America/Sao_Paulo');
    same(sp.date(ms), '31 de dez. de 2024');
    same(sp.dateTime(ms), '31 de dez. de 2024, 22:30');
    same(formatters('es', 'Europe/Madrid').dateTime(ms), '1 ene 2025, 2:30');
  });

  it('says how long ago', () => {
    same(en.relativeTime(12 * MIN), '12 minutes ago');
    same(pt.relativeTime(12 * MIN), 'há 12 minutos');
    same(es.relativeTime(12 * MIN), 'hace 12 minutos');
    same(en.relativeTime(0), 'now');
    same(pt.relativeTime(200), 'agora');
    same(es.relativeTime(0), 'ahora');
    same(en.relativeTime(30_000), '30 seconds ago');
    same(en.relativeTime(3 * HOUR), '3 hours ago');
    same(en.relativeTime(DAY), '1 day ago');
    same(pt.relativeTime(3 * DAY), 'há 3 dias');
    same(en.relativeTime(60 * DAY), '2 months ago');
    same(es.relativeTime(400 * DAY), 'hace 1 año');
    same(en.relativeTime(-5 * MIN), 'in 5 minutes');
  });

  it('joins lists', () => {
    expect(en.list(['NPS', 'CSAT', 'churn'])).to.equal('NPS, CSAT, and churn');
    expect(pt.list(['NPS', 'CSAT', 'churn'])).to.equal('NPS, CSAT e churn');
    expect(es.list(['NPS', 'CSAT'])).to.equal('NPS y CSAT');
    expect(en.list(['one'])).to.equal('one');
    expect(en.list([])).to.equal('');
  });
});
