import { expect } from 'chai';
import { channelCsat } from '../../src/metrics/csat.js';
import { expectNear, wilsonPct } from './near.js';

const csat = (
  at: string,
  score: unknown,
  channel: string | null = 'chat',
  more: Record<string, unknown> = {},
) => ({ at, kind: 'csat', score, channel, ...more });
const HIDDEN = {
  n: null,
  satisfied: null,
  csat: null,
  mean: null,
  ciLow: null,
  ciHigh: null,
  suppressed: true,
};

/** A row worked out from its answers: satisfied = score ≥ min. */
function expected(channel: string, scores: number[], min = 4) {
  const n = scores.length;
  const sat = scores.filter((s) => s >= min).length;
  const [ciLow, ciHigh] = wilsonPct(sat, n);
  return {
    channel,
    n,
    satisfied: sat,
    csat: (100 * sat) / n,
    mean: scores.reduce((a, b) => a + b, 0) / n,
    ciLow,
    ciHigh,
  };
}

describe('channelCsat', () => {
  const basic = [
    csat('2025-01-05', 5),
    csat('2025-01-06', 4),
    csat('2025-02-07', 3),
    csat('2025-01-05', 1, 'app'),
    csat('2025-02-05', 2, 'app'),
    csat('2025-01-09', 5, null),
  ];

  it('csat, mean and the Wilson interval per channel, "(none)" last (SPEC §3.3)', () => {
    const rows = channelCsat(basic);
    // chat: 2 of 3 satisfied = 66.67%, mean 4; app: 0 of 2, mean 1.5; none: 1 of 1.
    expectNear(rows, [
      expected('app', [1, 2]),
      expected('chat', [5, 4, 3]),
      expected('(none)', [5]),
    ]);
    expect(rows[1].csat).to.be.closeTo(200 / 3, 1e-12);
    expect(rows[0].ciLow).to.equal(0);
    expect(rows[2].ciHigh).to.equal(100);
    // Wilson for 2 of 3 by hand: centre (2/3 + z²/6)/(1 + z²/3), z = 1.959964.
    const z2 = 1.959964 ** 2;
    const centre = (2 / 3 + z2 / 6) / (1 + z2 / 3);
    const half = (1.959964 * Math.sqrt(2 / 27 + z2 / 36)) / (1 + z2 / 3);
    expect(rows[1].ciLow).to.be.closeTo(100 * (centre - half), 1e-9);
  });

  it('satisfiedMin and scale', () => {
    expectNear(channelCsat(basic, { satisfiedMin: 3, scale: 3 }), [
      expected('app', [1, 2], 3),
      expected('chat', [5, 4, 3], 3),
      expected('(none)', [5], 3),
    ]);
    const half = [csat('2025-01-05', 4.5), csat('2025-01-05', 3.5), csat('2025-01-05', 4)];
    expectNear(channelCsat(half), [expected('chat', [4.5, 3.5, 4])]);
    expectNear(channelCsat(half, { satisfiedMin: 4.5 }), [expected('chat', [4.5, 3.5, 4], 4.5)]);
  });

  it('reads csat answers only and skips rejected rows', () => {
    const rows = channelCsat([
      csat('2025-01-05', 5),
      csat('2025-01-05', '4', 'chat', { kind: 'CSAT' }),
      csat('2025-01-05', 6),
      csat('2025-01-05', 0),
      csat('2025-01-05', null),
      csat('bad', 5),
      csat('2025-01-05', 1, 'chat', { kind: 'nps' }),
      csat('2025-01-05', 1, 'chat', { kind: 'ces' }),
    ]);
    expectNear(rows, [expected('chat', [5, 4])]);
    expect(channelCsat([])).to.deep.equal([]);
    expect(channelCsat([csat('2025-01-05', 7, 'chat', { kind: 'nps' })])).to.deep.equal([]);
    expect(
      channelCsat([csat('2025-01-05', 4, null), csat('2025-01-05', 5, null)]).map((r) => r.channel),
    ).to.deep.equal(['(none)']);
  });

  it('ranges on `at`, half-open', () => {
    const rows = channelCsat(
      [
        csat('2025-01-31T23:59:59.999Z', 1),
        csat('2025-02-01T00:00:00Z', 5),
        csat('2025-03-01T00:00:00Z', 2),
      ],
      { from: '2025-02-01', to: '2025-03-01' },
    );
    expectNear(rows, [expected('chat', [5])]);
  });

  it('per period: every channel of the range in every period, empty cells with n = 0', () => {
    const rows = channelCsat(basic, { period: 'month' });
    const empty = { n: 0, satisfied: 0, csat: null, mean: null, ciLow: null, ciHigh: null };
    expectNear(rows, [
      { period: '2025-01-01', ...expected('app', [1]) },
      { period: '2025-01-01', ...expected('chat', [5, 4]) },
      { period: '2025-01-01', ...expected('(none)', [5]) },
      { period: '2025-02-01', ...expected('app', [2]) },
      { period: '2025-02-01', ...expected('chat', [3]) },
      { period: '2025-02-01', channel: '(none)', ...empty },
    ]);
    const ranged = channelCsat(basic, { period: 'month', from: '2025-02-01', to: '2025-04-01' });
    expect(ranged.map((r) => [r.period, r.channel, r.n])).to.deep.equal([
      ['2025-02-01', 'app', 1],
      ['2025-02-01', 'chat', 1],
      ['2025-03-01', 'app', 0],
      ['2025-03-01', 'chat', 0],
    ]);
  });

  it('gives the same rows, to the last bit, whether the range ends are given or come from the answers', () => {
    // Both range ends known: counted in one pass; open ends, or folded groups: through the grid.
    const rows = [];
    let x = 7;
    for (let i = 0; i < 600; i++) {
      x = (x * 48271) % 2147483647;
      const day = String(1 + (x % 28)).padStart(2, '0');
      const month = String(1 + (i % 3)).padStart(2, '0');
      rows.push(csat(`2025-${month}-${day}T0${x % 10}:00:00Z`, 1 + (x % 5), ['app', 'chat', 'phone', null][x % 4]));
    }
    const open = channelCsat(rows, { period: 'month' });
    expect(open).to.have.length(12);
    expect(channelCsat(rows, { period: 'month', from: '2025-01-01', to: '2025-04-01' })).to.deep.equal(open);
    expect(channelCsat(rows, { from: '2025-01-01', to: '2025-04-01' })).to.deep.equal(channelCsat(rows));
    const folded = channelCsat(rows, { period: 'month', from: '2025-01-01', to: '2025-04-01', maxSegments: 2 });
    expect(folded.map((r) => r.channel)).to.include('(others)');
    expect(folded).to.deep.equal(channelCsat(rows, { period: 'month', maxSegments: 2 }));
  });

  it('buckets periods in the time zone asked for', () => {
    const rows = channelCsat([csat('2025-02-01T01:00:00Z', 5), csat('2025-02-01T04:00:00Z', 1)], {
      period: 'month',
      timeZone: 'America/Sao_Paulo',
    });
    expect(rows.map((r) => [r.period, r.csat])).to.deep.equal([
      ['2025-01-01', 100],
      ['2025-02-01', 0],
    ]);
  });

  it('groups by a customer attribute; `channel` then holds its value', () => {
    const customers = [
      { customer_id: 'a', plan: 'gold' },
      { customer_id: 'b', plan: 'basic' },
    ];
    const surveys = [
      csat('2025-01-05', 5, 'chat', { customer_id: 'a' }),
      csat('2025-01-05', 4, 'app', { customer_id: 'a' }),
      csat('2025-01-05', 2, 'chat', { customer_id: 'b' }),
      csat('2025-01-05', 3, 'chat'),
    ];
    expectNear(channelCsat({ customers, surveys }, { by: 'plan' }), [
      expected('basic', [2]),
      expected('gold', [5, 4]),
      expected('(none)', [3]),
    ]);
  });

  it('suppresses small counts: a row part and a sibling channel', () => {
    // k = 3. chat: 8 satisfied + 2 not: the 2 is hidden, so is the 8 (n = 10 shows).
    // app: n = 1, hidden, and the smallest other channel (phone, 5) with it.
    const surveys = [
      ...[5, 5, 5, 5, 4, 4, 4, 4, 1, 2].map((s) => csat('2025-01-05', s)),
      csat('2025-01-05', 5, 'app'),
      ...[5, 5, 5, 5, 5].map((s) => csat('2025-01-05', s, 'phone')),
    ];
    expectNear(channelCsat(surveys, { minCellSize: 3 }), [
      { channel: 'app', ...HIDDEN },
      {
        channel: 'chat',
        n: 10,
        satisfied: null,
        csat: null,
        mean: null,
        ciLow: null,
        ciHigh: null,
        suppressed: true,
      },
      { channel: 'phone', ...HIDDEN },
    ]);
  });

  it('suppresses across periods of a channel when a period is asked for', () => {
    // k = 3, chat only: January n = 1 is hidden and February (n = 4) with it.
    const surveys = [
      csat('2025-01-05', 5),
      ...[5, 5, 5, 5].map((s) => csat('2025-02-05', s)),
      ...[5, 5, 5, 5, 5].map((s) => csat('2025-03-05', s)),
    ];
    const rows = channelCsat(surveys, { period: 'month', minCellSize: 3 });
    expect(rows.map((r) => [r.period, r.n, r.suppressed ?? false])).to.deep.equal([
      ['2025-01-01', null, true],
      ['2025-02-01', null, true],
      ['2025-03-01', 5, false],
    ]);
  });

  it('rejects bad options with precise messages', () => {
    expect(() => channelCsat(basic, { satisfiedMin: 6 })).to.throw(
      RangeError,
      'satisfiedMin must be a score from 1 to scale (5); got 6',
    );
    expect(() => channelCsat(basic, { satisfiedMin: 4, scale: 3 })).to.throw(
      RangeError,
      'satisfiedMin must be a score from 1 to scale (3); got 4',
    );
    expect(() => channelCsat(basic, { satisfiedMin: 0 })).to.throw(RangeError, 'got 0');
    expect(() => channelCsat(basic, { scale: 7 })).to.throw(
      RangeError,
      'scale must be a whole number from 2 to 5 (csat answers are 1–5); got 7',
    );
    expect(() => channelCsat(basic, { period: 'hour' as never })).to.throw(
      RangeError,
      "period must be one of day, week, month, quarter, year; got 'hour'",
    );
    expect(() => channelCsat(basic, { by: 7 as never })).to.throw(
      TypeError,
      'by must name a column; got 7',
    );
    expect(() => channelCsat(basic, { by: ' ' })).to.throw(RangeError, "by must name a column; got ' '");
    expect(() => channelCsat(basic, { by: 'plan' })).to.throw(
      RangeError,
      "by 'plan' is neither a column",
    );
    expect(() => channelCsat(basic, { timeZone: 'Nowhere' })).to.throw(
      RangeError,
      'timeZone must be an IANA time zone name',
    );
    expect(() => channelCsat(basic, { minCellSize: 2.5 })).to.throw(
      RangeError,
      'minCellSize must be a whole number',
    );
  });
});
