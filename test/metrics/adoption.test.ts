import { expect } from 'chai';
import * as aq from 'arquero';
import { compareAdoption, featureAdoption, type AdoptionRow } from '../../src/metrics/adoption.js';
import { adjustPValues } from '../../src/metrics/compare.js';
import { expectNear, wilsonPct } from './near.js';

const ev = (customer_id: string | null, at: unknown, event: string | null, extra: Record<string, unknown> = {}) => ({
  customer_id,
  at,
  event,
  ...extra,
});
/** The Wilson interval of x / n as the row fields (fractions). */
const ci = (x: number, n: number) => {
  const [ciLow, ciHigh] = wilsonPct(x, n).map((v) => v / 100);
  return { ciLow, ciHigh };
};
const brief = (rows: AdoptionRow[]) => rows.map((r) => [r.period, r.segment, r.feature, r.active, r.adopters, r.adoption].filter((v) => v !== undefined));

describe('featureAdoption', () => {
  describe('definition', () => {
    const rows = [
      ev('a', '2025-01-05T10:00:00Z', 'login'),
      ev('a', '2025-01-06T10:00:00Z', 'tele'),
      ev('a', '2025-01-07T10:00:00Z', 'tele'), // the same adopter twice
      ev('b', '2025-01-05T10:00:00Z', 'login'),
      ev('c', '2025-03-05T10:00:00Z', 'tele'),
    ];

    it('counts distinct active customers and adopters per period, empty periods included', () => {
      expectNear(featureAdoption(rows, { features: ['tele'] }), [
        { period: '2025-01-01', feature: 'tele', active: 2, adopters: 1, adoption: 0.5, ...ci(1, 2) },
        { period: '2025-02-01', feature: 'tele', active: 0, adopters: 0, adoption: null, ciLow: null, ciHigh: null },
        { period: '2025-03-01', feature: 'tele', active: 1, adopters: 1, adoption: 1, ...ci(1, 1) },
      ]);
    });

    it('does not count a feature user without a counted active event', () => {
      const out = featureAdoption(rows, { features: 'tele', activeEvents: 'login' });
      expect(brief(out)).to.deep.equal([['2025-01-01', 'tele', 2, 1, 0.5]]);
      const onlyTele = featureAdoption(rows, { features: 'tele', activeEvents: ['login'], to: '2025-04-01' });
      expect(brief(onlyTele)).to.deep.equal([
        ['2025-01-01', 'tele', 2, 1, 0.5], ['2025-02-01', 'tele', 0, 0, null], ['2025-03-01', 'tele', 0, 0, null],
      ]);
    });

    it('reports several features in the order given', () => {
      const out = featureAdoption(rows, { features: 'tele,login,chat', period: 'year' });
      expect(brief(out)).to.deep.equal([
        ['2025-01-01', 'tele', 3, 2, 2 / 3], ['2025-01-01', 'login', 3, 2, 2 / 3], ['2025-01-01', 'chat', 3, 0, 0],
      ]);
    });
  });

  describe('time', () => {
    it('puts an event exactly at a period start in that period', () => {
      const rows = [ev('a', '2025-02-01T00:00:00Z', 'x'), ev('b', Date.UTC(2025, 1, 1) - 1, 'x')];
      expect(brief(featureAdoption(rows, { features: 'x' }))).to.deep.equal([
        ['2025-01-01', 'x', 1, 1, 1], ['2025-02-01', 'x', 1, 1, 1],
      ]);
    });

    it('buckets in timeZone and keys weeks by their Monday', () => {
      // 01:00Z on 1 February is 22:00 on 31 January in São Paulo (UTC−3).
      const rows = [ev('a', '2025-02-01T01:00:00Z', 'x')];
      expect(featureAdoption(rows, { features: 'x', timeZone: 'America/Sao_Paulo' })[0].period).to.equal('2025-01-01');
      expect(featureAdoption(rows, { features: 'x' })[0].period).to.equal('2025-02-01');
      expect(featureAdoption(rows, { features: 'x', period: 'week' })[0].period).to.equal('2025-01-27');
    });

    it('counts events in [from, to) and reports every period of the range', () => {
      const rows = [
        ev('a', '2024-12-31T23:59:59Z', 'x'), // before from
        ev('b', '2025-01-01T00:00:00Z', 'x'), // at from: in
        ev('c', '2025-03-01T00:00:00Z', 'x'), // at to: out
      ];
      expect(brief(featureAdoption(rows, { features: 'x', from: '2025-01-01', to: '2025-03-01' }))).to.deep.equal([
        ['2025-01-01', 'x', 1, 1, 1], ['2025-02-01', 'x', 0, 0, null],
      ]);
      expect(brief(featureAdoption(rows, { features: 'x', from: '2025-01-01', to: '2025-03-01T00:00:00.001Z' })).length).to.equal(3);
    });
  });

  describe('input', () => {
    it('returns no rows for empty input, all-null columns and data outside the range', () => {
      expect(featureAdoption([], { features: 'x' })).to.deep.equal([]);
      expect(featureAdoption([ev(null, null, null), ev(null, null, null)], { features: 'x' })).to.deep.equal([]);
      expect(featureAdoption([ev('a', '2025-01-05', 'x')], { features: 'x', from: '2025-02-01' })).to.deep.equal([]);
    });

    it('reports empty periods of a closed range with no data', () => {
      expect(brief(featureAdoption([], { features: 'x', from: '2025-01-01', to: '2025-03-01' }))).to.deep.equal([
        ['2025-01-01', 'x', 0, 0, null], ['2025-02-01', 'x', 0, 0, null],
      ]);
    });

    it('takes one row, an Arquero table, and rejects bad rows without counting them', () => {
      expect(brief(featureAdoption([ev('a', '2025-01-05', 'x')], { features: 'x' }))).to.deep.equal([['2025-01-01', 'x', 1, 1, 1]]);
      const table = aq.table({ customer_id: ['a', 'b'], at: [Date.UTC(2025, 0, 2), Date.UTC(2025, 0, 3)], event: ['x', 'y'] });
      expect(brief(featureAdoption(table, { features: 'x' }))).to.deep.equal([['2025-01-01', 'x', 2, 1, 0.5]]);
      const bad = [
        ev('a', '2025-01-05', 'x'),
        ev('b', 'soon', 'x'),
        ev('c', NaN, 'x'),
        ev(null, '2025-01-05', 'x'),
        ev('d', '2025-01-05', null),
        ev('e', '2025-01-05', 'y'),
      ];
      expect(brief(featureAdoption(bad, { features: 'x' }))).to.deep.equal([['2025-01-01', 'x', 2, 1, 0.5]]);
    });
  });

  describe('by and p-values', () => {
    const customers = [
      ...Array.from({ length: 20 }, (_, i) => ({ customer_id: `d${i}`, user_type: 'doctor' })),
      ...Array.from({ length: 20 }, (_, i) => ({ customer_id: `p${i}`, user_type: 'patient' })),
    ];
    // January: 12 of 20 doctors and 4 of 20 patients use tele; everybody logs in; one unknown customer.
    const activity = [
      ...customers.map((c) => ev(c.customer_id, '2025-01-02', 'login')),
      ...customers.filter((_, i) => i < 12 || (i >= 20 && i < 24)).map((c) => ev(c.customer_id, '2025-01-03', 'tele')),
      ev('ghost', '2025-01-04', 'login'),
    ];

    it('joins a customer attribute, "(none)" last, each segment against the others pooled', () => {
      const out = featureAdoption({ activity, customers }, { features: 'tele', by: 'user_type', minSample: 0 });
      expect(brief(out)).to.deep.equal([
        ['2025-01-01', 'doctor', 'tele', 20, 12, 0.6],
        ['2025-01-01', 'patient', 'tele', 20, 4, 0.2],
        ['2025-01-01', '(none)', 'tele', 1, 0, 0],
      ]);
      // doctors 12/20 against patients and (none) 4/21: every expected count ≥ 5, the z-test.
      expect(out[0]).to.include({ test: 'z', tooFew: false });
      expect(out[0].pValue).to.be.closeTo(pooled(12, 20, 4, 21), 1e-9);
      // (none) 0/1 against 16/40: an expected count of 16/41, Fisher; R's fisher.test gives 1.
      expect(out[2]).to.include({ test: 'fisher', pValue: 1 });
      expect(out.map((r) => r.qValue)).to.deep.equal(adjustPValues(out.map((r) => r.pValue)));
      // With the default minSample (30), twenty doctors are too few to compare.
      const guarded = featureAdoption({ activity, customers }, { features: 'tele', by: 'user_type' });
      expect(guarded.map((r) => [r.tooFew, r.pValue, r.test])).to.deep.equal([[true, null, null], [true, null, null], [true, null, null]]);
    });

    it('compares features against the first one as paired data, and any two rows', () => {
      const out = featureAdoption({ activity, customers }, { features: 'login,tele', compare: 'features' });
      expect(out.map((r) => r.test)).to.deep.equal([null, 'mcnemar']);
      // The same 41 active customers: tele 16, login 41; 16 used both, 25 login only: 25
      // discordant pairs, the χ² form; R: mcnemar.test(matrix(c(16, 25, 0, 0), 2), correct = FALSE).
      expect(out[1].pValue).to.be.closeTo(5.73303143758388e-7, 1e-15);
      expect(out[1].diff).to.be.closeTo(16 / 41 - 1, 1e-12);
      const bySegment = featureAdoption({ activity, customers }, { features: 'tele', by: 'user_type', compare: 'none' });
      expect(bySegment[0]).to.not.have.property('pValue');
      const test = compareAdoption(bySegment[0], bySegment[1], { minSample: 0 });
      expect(test!.diff).to.be.closeTo(0.4, 1e-12);
      expect(test!.test).to.equal('z');
      expect(test!.pValue).to.be.closeTo(pooled(12, 20, 4, 20), 1e-9);
      expect(compareAdoption(bySegment[0], bySegment[1])).to.include({ tooFew: true, pValue: null });
      expect(compareAdoption(bySegment[0], { active: null, adopters: 3 })).to.equal(null);
    });

    it('withholds a paired comparison when who used both features is a small cell', () => {
      // 40 active; tele c0…c14, chat c12…c26: 3 used both, 12 each one only, 13 neither.
      const people = Array.from({ length: 40 }, (_, i) => `c${i}`);
      const rows = [
        ...people.map((c) => ev(c, '2025-01-02', 'login')),
        ...people.slice(0, 15).map((c) => ev(c, '2025-01-03', 'tele')),
        ...people.slice(12, 27).map((c) => ev(c, '2025-01-04', 'chat')),
      ];
      const open = featureAdoption(rows, { features: 'tele,chat', compare: 'features' });
      // 24 discordant pairs, 12 each way: the exact test, p = 1 (R: binom.test(12, 24)).
      expect(open[1]).to.include({ test: 'mcnemar', pValue: 1, diff: 0 });
      const guarded = featureAdoption(rows, { features: 'tele,chat', compare: 'features', minCellSize: 11 });
      expect(guarded.map((r) => [r.active, r.adopters])).to.deep.equal([[40, 15], [40, 15]]);
      expect(guarded[1]).to.include({ test: null, pValue: null, diff: null, tooFew: null });
    });

    it('reads the activity table own column: a customer can be active in several segments', () => {
      const rows = [
        ev('a', '2025-01-02', 'login', { platform: 'web' }),
        ev('a', '2025-01-03', 'tele', { platform: 'ios' }),
        ev('b', '2025-01-03', 'tele', { platform: null }),
      ];
      expect(brief(featureAdoption(rows, { features: 'tele', by: 'platform', compare: 'none' }))).to.deep.equal([
        ['2025-01-01', 'ios', 'tele', 1, 1, 1], ['2025-01-01', 'web', 'tele', 1, 0, 0], ['2025-01-01', '(none)', 'tele', 1, 1, 1],
      ]);
    });

    it('suppresses small counts and the adopters that a small non-adopter count would reveal', () => {
      const out = featureAdoption({ activity, customers }, { features: 'login,tele', by: 'user_type', minCellSize: 11, minSample: 0 });
      expect(out.map((r) => [r.segment, r.feature, r.active, r.adopters, r.adoption, r.suppressed])).to.deep.equal([
        // doctors: 20 active, login 20 (0 non-adopters: shown), tele 12 (8 non-adopters hide it)
        ['doctor', 'login', 20, 20, 1, undefined],
        ['doctor', 'tele', 20, null, null, true],
        // patients: tele 4 hidden, non-adopters 16 with it
        ['patient', 'login', 20, 20, 1, undefined],
        ['patient', 'tele', 20, null, null, true],
        // (none): 1 active hidden; login 1 hidden; tele 0 shown (zero identifies nobody), its 1 non-adopter hidden
        ['(none)', 'login', null, null, null, true],
        ['(none)', 'tele', null, 0, null, true],
      ]);
      // login: doctors against patients only ((none) is hidden): 20/20 vs 20/20, Fisher's
      // exact test (no failures: expected counts 0) gives 1; hidden counts enter no test.
      expect(out.map((r) => r.pValue)).to.deep.equal([1, null, 1, null, null, null]);
    });
  });

  describe('options', () => {
    const ok = [ev('a', '2025-01-05', 'x')];
    it('throws precise errors', () => {
      expect(() => featureAdoption(ok, { features: [] })).to.throw(RangeError, 'features must list at least 1 event name; got 0');
      expect(() => featureAdoption(ok, { features: 'x,y,x' })).to.throw(RangeError, "features must not repeat a name; got 'x' twice");
      expect(() => featureAdoption(ok, { features: 'x', period: 'mnth' as 'month' })).to.throw(RangeError, "period must be one of day, week, month, quarter, year; got 'mnth'");
      expect(() => featureAdoption(ok, { features: 'x', activeEvents: '' })).to.throw(RangeError, 'activeEvents must list at least 1 event name; got 0');
      expect(() => featureAdoption(ok, { features: 'x', compare: 'segments' })).to.throw(RangeError, "compare 'segments' needs by");
      expect(() => featureAdoption(ok, { features: 'x', compare: 'both' as 'none' })).to.throw(RangeError, "compare must be one of segments, features, none; got 'both'");
      expect(() => featureAdoption(ok, { features: 'x', timeZone: 'Nowhere' })).to.throw(RangeError, 'timeZone must be an IANA time zone name');
      expect(() => featureAdoption(ok, { features: 'x', to: 'later' })).to.throw(RangeError, "to must be an ISO-8601 timestamp");
      expect(() => featureAdoption(ok, { features: 'x', minCellSize: -1 })).to.throw(RangeError, 'minCellSize must be a whole number');
      expect(() => featureAdoption(ok, { features: 'x', by: 'plan' })).to.throw(RangeError, "featureAdoption: by 'plan' is neither a column");
    });
  });
});

/** The pooled two-proportion test written out. */
function pooled(x1: number, n1: number, x2: number, n2: number): number {
  const p = (x1 + x2) / (n1 + n2);
  const z = (x1 / n1 - x2 / n2) / Math.sqrt(p * (1 - p) * (1 / n1 + 1 / n2));
  return 2 * (1 - phi(Math.abs(z)));
}

/** Standard normal CDF by Simpson's rule on the density (independent of stats.ts). */
function phi(x: number): number {
  const steps = 2000;
  const h = x / steps;
  const f = (t: number) => Math.exp((-t * t) / 2) / Math.sqrt(2 * Math.PI);
  let sum = f(0) + f(x);
  for (let i = 1; i < steps; i++) sum += f(i * h) * (i % 2 ? 4 : 2);
  return 0.5 + (sum * h) / 3;
}
