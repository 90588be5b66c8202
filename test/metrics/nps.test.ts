import { expect } from 'chai';
import * as aq from 'arquero';
import { npsTrend } from '../../src/metrics/nps.js';
import { expectNear } from './near.js';

type Score = number | null;
/** The counts and scores of a row, in SPEC §3.2's field order. */
const R = (n: Score, p: Score, pa: Score, d: Score, nps: Score, ciLow: Score, ciHigh: Score) => ({
  n,
  promoters: p,
  passives: pa,
  detractors: d,
  nps,
  ciLow,
  ciHigh,
});
const EMPTY = R(0, 0, 0, 0, null, null, null);
const HIDDEN = { ...R(null, null, null, null, null, null, null), suppressed: true };
const nps = (at: string, score: unknown, more: Record<string, unknown> = {}) => ({
  at,
  kind: 'nps',
  score,
  ...more,
});
/** Every answer the same class: nps ±100 or 0 with a zero-width interval. */
const pure = (n: number, p: number, pa: number, d: number, score: number) =>
  R(n, p, pa, d, score, score, score);

describe('npsTrend', () => {
  it('classes 9–10 / 7–8 / 0–6, nps and its interval (SPEC §3.2)', () => {
    const rows = npsTrend([10, 9, 8, 7, 6, 0].map((s) => nps('2025-01-10', s)));
    // p = d = 1/3, n = 6: nps 0, se = sqrt((2/3 − 0) / 6) = 1/3, half-width 100 · 1.959964 / 3.
    expectNear(rows, [
      { period: '2025-01-01', ...R(6, 2, 2, 2, 0, -65.33213333333333, 65.33213333333333) },
    ]);
  });

  it('clamps the interval to [−100, 100]', () => {
    // p = 0.75, d = 0, n = 4: nps 75, se = sqrt((0.75 − 0.5625) / 4) = 0.216506…, half 42.43…
    const rows = npsTrend([10, 10, 10, 8].map((s) => nps('2025-01-10', s)));
    expect(rows[0].ciHigh).to.equal(100);
    expect(rows[0].ciLow).to.be.closeTo(75 - 100 * 1.959964 * Math.sqrt(0.1875 / 4), 1e-9);
  });

  it('keeps empty periods between the first and last answer, with n = 0 and null scores', () => {
    const rows = npsTrend([nps('2025-01-05', 10), nps('2025-03-20', 0)]);
    expectNear(rows, [
      { period: '2025-01-01', ...pure(1, 1, 0, 0, 100) },
      { period: '2025-02-01', ...EMPTY },
      { period: '2025-03-01', ...pure(1, 0, 0, 1, -100) },
    ]);
  });

  it('lists every period from `from` to `to`, half-open, and counts only answers in range', () => {
    const rows = npsTrend(
      [
        nps('2025-01-10T00:00:00Z', 10),
        nps('2025-01-20T00:00:00Z', 0),
        nps('2025-03-31T23:59:59.999Z', 9),
        nps('2025-04-01T00:00:00Z', 0),
      ],
      { from: '2025-01-15', to: '2025-04-01' },
    );
    expectNear(rows, [
      { period: '2025-01-01', ...pure(1, 0, 0, 1, -100) },
      { period: '2025-02-01', ...EMPTY },
      { period: '2025-03-01', ...pure(1, 1, 0, 0, 100) },
    ]);
    expectNear(npsTrend([], { from: '2025-01-01', to: '2025-03-01' }), [
      { period: '2025-01-01', ...EMPTY },
      { period: '2025-02-01', ...EMPTY },
    ]);
  });

  it('reads nps answers only, any case of the kind, and skips rejected rows', () => {
    const rows = npsTrend([
      nps('2025-01-02', 9, { kind: 'NPS' }),
      nps('2025-01-02', '8'),
      nps('2025-01-02', 5, { kind: 'csat' }),
      nps('2025-01-02', 6, { kind: 'ces' }),
      nps('2025-01-02', 11),
      nps('2025-01-02', 7.5),
      nps('2025-01-02', -1),
      nps('2025-01-02', null),
      nps('2025-01-02', 'x'),
      nps('garbage', 9),
      { kind: 'nps', score: 9 },
      nps('2025-01-02', 0, { kind: 'loyalty' }),
    ]);
    expectNear(rows, [
      {
        period: '2025-01-01',
        ...R(2, 1, 1, 0, 50, 50 - 100 * 1.959964 * Math.sqrt(0.25 / 2), 100),
      },
    ]);
  });

  it('returns no rows for no answers and no range', () => {
    expect(npsTrend([])).to.deep.equal([]);
    expect(npsTrend({ surveys: [] })).to.deep.equal([]);
    expect(npsTrend([nps('2025-01-02', 5, { kind: 'csat' })])).to.deep.equal([]);
    expect(
      npsTrend([nps('2025-01-02', 9)], { from: '2025-02-01', to: '2025-02-01' }),
    ).to.deep.equal([]);
  });

  it('puts an answer exactly at a period start in that period', () => {
    const rows = npsTrend([
      nps('2025-01-31T23:59:59.999Z', 0),
      nps('2025-02-01T00:00:00.000Z', 10),
    ]);
    expect(rows.map((r) => [r.period, r.nps])).to.deep.equal([
      ['2025-01-01', -100],
      ['2025-02-01', 100],
    ]);
  });

  it('buckets in the time zone asked for, and by ISO week', () => {
    const answers = [nps('2025-03-01T02:00:00Z', 10), nps('2025-03-01T00:30:00-03:00', 0)];
    expect(npsTrend(answers).map((r) => [r.period, r.n])).to.deep.equal([['2025-03-01', 2]]);
    // 02:00Z is 23:00 on 28 February in São Paulo (UTC−3); 00:30−03:00 is 1 March there.
    const local = npsTrend(answers, { timeZone: 'America/Sao_Paulo' });
    expect(local.map((r) => [r.period, r.nps])).to.deep.equal([
      ['2025-02-01', 100],
      ['2025-03-01', -100],
    ]);
    const weeks = npsTrend([nps('2025-03-02', 10), nps('2025-03-05', 10)], { period: 'week' });
    expect(weeks.map((r) => [r.period, r.n])).to.deep.equal([
      ['2025-02-24', 1],
      ['2025-03-03', 1],
    ]);
  });

  it('breaks down by its own column: every answering segment in every period, "(none)" last', () => {
    const rows = npsTrend(
      [
        nps('2025-01-03', 10, { channel: 'chat' }),
        nps('2025-01-04', 0, { channel: null }),
        nps('2025-02-03', 8, { channel: 'app' }),
      ],
      { by: 'channel' },
    );
    expectNear(rows, [
      { period: '2025-01-01', segment: 'app', ...EMPTY },
      { period: '2025-01-01', segment: 'chat', ...pure(1, 1, 0, 0, 100) },
      { period: '2025-01-01', segment: '(none)', ...pure(1, 0, 0, 1, -100) },
      { period: '2025-02-01', segment: 'app', ...pure(1, 0, 1, 0, 0) },
      { period: '2025-02-01', segment: 'chat', ...EMPTY },
      { period: '2025-02-01', segment: '(none)', ...EMPTY },
    ]);
    const allNull = npsTrend([nps('2025-01-03', 10)], { by: 'channel' });
    expect(allNull.map((r) => r.segment)).to.deep.equal(['(none)']);
  });

  it('breaks down by a customer attribute through customer_id', () => {
    const customers = [
      { customer_id: 'a', signup_at: '2024-01-01', plan: 'gold' },
      { customer_id: 'b', signup_at: '2024-01-01', plan: 'basic' },
      { customer_id: 'c', signup_at: '2024-01-01', plan: null },
    ];
    const surveys = [
      nps('2025-01-03', 10, { customer_id: 'a' }),
      nps('2025-01-03', 9, { customer_id: 'b' }),
      nps('2025-01-03', 0, { customer_id: 'c' }),
      nps('2025-01-03', 0, { customer_id: 'z' }),
      nps('2025-01-03', 7),
    ];
    const rows = npsTrend({ customers, surveys }, { by: 'plan' });
    expect(rows.map((r) => [r.segment, r.n, r.detractors])).to.deep.equal([
      ['basic', 1, 0],
      ['gold', 1, 0],
      ['(none)', 3, 2],
    ]);
    expect(() => npsTrend(surveys, { by: 'plan' })).to.throw(
      RangeError,
      "by 'plan' is neither a column",
    );
  });

  it('counts trailing windows, looking back before `from`', () => {
    const surveys = [
      nps('2025-01-10', 10),
      nps('2025-02-10', 0),
      nps('2025-03-10', 8),
      nps('2025-04-10', 9),
      nps('2025-04-11', 9),
    ];
    const rows = npsTrend(surveys, { rolling: 2, from: '2025-02-01', to: '2025-05-01' });
    expectNear(
      rows.map((r) => [r.period, r.n, r.promoters, r.passives, r.detractors, r.nps]),
      [
        ['2025-02-01', 2, 1, 0, 1, 0],
        ['2025-03-01', 2, 0, 1, 1, -50],
        ['2025-04-01', 3, 2, 1, 0, 200 / 3],
      ],
    );
    // Without from, the first row is the first period of the data: nothing before it.
    expect(npsTrend(surveys, { rolling: 3 }).map((r) => r.n)).to.deep.equal([1, 2, 3, 4]);
    // rolling 1 with from inside January: the answer of 10 January is out of range.
    expect(
      npsTrend(surveys, { from: '2025-01-15', to: '2025-02-15' }).map((r) => r.n),
    ).to.deep.equal([0, 1]);
  });

  it('a segment that answered only in the look-back still gets its rows', () => {
    const rows = npsTrend(
      [nps('2025-01-10', 10, { channel: 'chat' }), nps('2025-02-10', 0, { channel: 'app' })],
      {
        rolling: 2,
        from: '2025-02-01',
        to: '2025-03-01',
        by: 'channel',
      },
    );
    expect(rows.map((r) => [r.segment, r.n, r.nps])).to.deep.equal([
      ['app', 1, -100],
      ['chat', 1, 100],
    ]);
  });

  it('suppresses small counts with complements, across periods and within a row', () => {
    // k = 3. January 4 promoters + 1 detractor: the detractor is hidden and, as n = 5 is
    // shown, so is the promoters count. March has n = 1: hidden, and its sibling
    // period with the smallest n (February, 4) too, since the total over the range shows.
    const surveys = [
      ...[10, 10, 10, 10, 0].map((s) => nps('2025-01-10', s)),
      ...[9, 9, 7, 7].map((s) => nps('2025-02-10', s)),
      nps('2025-03-10', 10),
    ];
    expectNear(npsTrend(surveys, { minCellSize: 3 }), [
      { period: '2025-01-01', ...R(5, null, 0, null, null, null, null), suppressed: true },
      { period: '2025-02-01', ...HIDDEN },
      { period: '2025-03-01', ...HIDDEN },
    ]);
    expect(npsTrend(surveys, { minCellSize: 0 }).every((r) => !('suppressed' in r))).to.equal(true);
  });

  it('suppresses a small segment and the smallest sibling segment of its period', () => {
    const surveys = [
      nps('2025-01-10', 10, { channel: 'a' }),
      ...Array.from({ length: 6 }, () => nps('2025-01-10', 10, { channel: 'b' })),
      ...Array.from({ length: 10 }, () => nps('2025-01-10', 10, { channel: 'c' })),
    ];
    expectNear(npsTrend(surveys, { by: 'channel', minCellSize: 3 }), [
      { period: '2025-01-01', segment: 'a', ...HIDDEN },
      { period: '2025-01-01', segment: 'b', ...HIDDEN },
      { period: '2025-01-01', segment: 'c', ...pure(10, 10, 0, 0, 100) },
    ]);
  });

  it('takes an Arquero table alone or in the object of tables', () => {
    const t = aq.table({ at: ['2025-01-10', '2025-01-11'], kind: ['nps', 'nps'], score: [10, 3] });
    expect(npsTrend(t)).to.deep.equal(npsTrend({ surveys: t }));
    expect(npsTrend(t)[0].nps).to.equal(0);
  });

  it('rejects bad options with precise messages', () => {
    const s = [nps('2025-01-10', 10)];
    expect(() => npsTrend(s, { period: 'mnth' as never })).to.throw(
      RangeError,
      "period must be one of day, week, month, quarter, year; got 'mnth'",
    );
    expect(() => npsTrend(s, { rolling: 0 })).to.throw(
      RangeError,
      'rolling must be a whole number of periods from 1 to 5000; got 0',
    );
    expect(() => npsTrend(s, { rolling: 1.5 })).to.throw(RangeError, 'got 1.5');
    expect(() => npsTrend(s, { rolling: '2' as never })).to.throw(RangeError, "got '2'");
    expect(() => npsTrend(s, { by: '' })).to.throw(RangeError, 'by must name a column');
    expect(() => npsTrend(s, { timeZone: 'Mars/Base' })).to.throw(
      RangeError,
      'timeZone must be an IANA time zone name',
    );
    expect(() => npsTrend(s, { minCellSize: -1 })).to.throw(
      RangeError,
      'minCellSize must be a whole number',
    );
    expect(() => npsTrend(s, { from: '2025-02-01', to: '2025-01-01' })).to.throw(
      RangeError,
      'from must not be after to',
    );
    expect(() => npsTrend(s, { from: 'yesterday' })).to.throw(
      RangeError,
      "from must be an ISO-8601 timestamp, epoch milliseconds or a Date; got 'yesterday'",
    );
    expect(() => npsTrend(null as never)).to.throw(TypeError);
    expect(() => npsTrend(s, 'month' as never)).to.throw(
      TypeError,
      'npsTrend options must be an object',
    );
    expect(() => npsTrend({ customers: [] })).to.throw(
      TypeError,
      'npsTrend needs the surveys table',
    );
  });
});
