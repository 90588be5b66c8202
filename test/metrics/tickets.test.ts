import { expect } from 'chai';
import { selectMedian, ticketStats } from '../../src/metrics/tickets.js';
import { expectNear, wilsonPct } from './near.js';

const MIN = 60_000;
let id = 0;
/** A ticket opened at `opened` (UTC), answered and resolved so many minutes later. */
function ticket(
  opened: string,
  response: number | null,
  resolution: number | null,
  contacts: unknown,
  channel: unknown = 'chat',
  more: Record<string, unknown> = {},
) {
  const t0 = Date.parse(opened);
  return {
    ticket_id: `t${++id}`,
    channel,
    opened_at: opened,
    first_response_at: response === null ? null : t0 + response * MIN,
    resolved_at: resolution === null ? null : t0 + resolution * MIN,
    contacts,
    ...more,
  };
}

/** fcr's 95% Wilson interval as the row fields (fractions). */
const fcrCi = (x: number, n: number) => {
  const [fcrLow, fcrHigh] = wilsonPct(x, n).map((v) => v / 100);
  return { fcrLow, fcrHigh };
};
const NO_FCR = { fcrLow: null, fcrHigh: null };

const NONE = {
  tickets: null,
  resolved: null,
  open: null,
  fcr: null,
  ...NO_FCR,
  firstResponseMedianMin: null,
  firstResponseMeanMin: null,
  resolutionMedianMin: null,
  suppressed: true,
};

describe('ticketStats', () => {
  const chat = [
    ticket('2025-03-01T00:00:00Z', 10, 60, 1),
    ticket('2025-03-02T00:00:00Z', 20, 120, 2),
    ticket('2025-03-03T00:00:00Z', 30, 30, null),
    ticket('2025-03-04T00:00:00Z', null, null, 1),
    ticket('2025-03-05T00:00:00Z', 40, null, null),
  ];
  // Resolved 3 of 5; fcr over resolved tickets with contacts recorded: 1 of 2; first
  // responses 10, 20, 30, 40 (median of an even count: (20 + 30) / 2); resolutions 60, 120, 30.
  const chatRow = {
    channel: 'chat',
    tickets: 5,
    resolved: 3,
    open: 2,
    fcr: 0.5,
    ...fcrCi(1, 2),
    firstResponseMedianMin: 25,
    firstResponseMeanMin: 25,
    resolutionMedianMin: 60,
  };
  const phoneRow = {
    channel: 'phone',
    tickets: 1,
    resolved: 0,
    open: 1,
    fcr: null,
    ...NO_FCR,
    firstResponseMedianMin: null,
    firstResponseMeanMin: null,
    resolutionMedianMin: null,
  };

  it('volume, resolved/open, fcr, response and resolution times per channel (SPEC §3.4)', () => {
    const rows = ticketStats([...chat, ticket('2025-03-01T00:00:00Z', null, null, null, 'phone')]);
    expectNear(rows, [chatRow, phoneRow]);
  });

  it('times are minutes with fractions; fcr is null when no resolved ticket has contacts', () => {
    const rows = ticketStats([
      ticket('2025-03-01T00:00:00Z', 1.5, 2.25, null),
      ticket('2025-03-01T00:00:00Z', 0, 0, null),
    ]);
    expectNear(rows, [
      {
        channel: 'chat',
        tickets: 2,
        resolved: 2,
        open: 0,
        fcr: null,
        ...NO_FCR,
        firstResponseMedianMin: 0.75,
        firstResponseMeanMin: 0.75,
        resolutionMedianMin: 1.125,
      },
    ]);
  });

  it('skips rejected tickets', () => {
    const bad = [
      ticket('2025-03-01T00:00:00Z', 10, -5, 1),
      ticket('2025-03-01T00:00:00Z', -1, 10, 1),
      ticket('2025-03-01T00:00:00Z', 30, 20, 1),
      ticket('2025-03-01T00:00:00Z', 10, 20, 0),
      ticket('2025-03-01T00:00:00Z', 10, 20, 1.5),
      ticket('2025-03-01T00:00:00Z', 10, 20, 'x'),
      ticket('2025-03-01T00:00:00Z', 10, 20, 1, null),
      { ...ticket('2025-03-01T00:00:00Z', 10, 20, 1), opened_at: 'someday' },
      { ...ticket('2025-03-01T00:00:00Z', 1, 1, 1), ticket_id: chat[0].ticket_id },
      { ...ticket('2025-03-01T00:00:00Z', 1, 1, 1), ticket_id: null },
    ];
    expectNear(ticketStats([...chat, ...bad]), [chatRow]);
    expect(ticketStats([])).to.deep.equal([]);
    // Alone, the copy of a chat ticket's id is no longer a duplicate.
    expect(ticketStats(bad).map((r) => r.tickets)).to.deep.equal([1]);
  });

  it('ranges on opened_at, half-open', () => {
    const rows = ticketStats(
      [
        ticket('2025-02-28T23:59:59.999Z', 5, null, null),
        ticket('2025-03-01T00:00:00Z', 7, 9, 1),
        ticket('2025-04-01T00:00:00Z', 5, null, null),
      ],
      { from: '2025-03-01', to: '2025-04-01' },
    );
    expectNear(rows, [
      {
        channel: 'chat',
        tickets: 1,
        resolved: 1,
        open: 0,
        fcr: 1,
        ...fcrCi(1, 1),
        firstResponseMedianMin: 7,
        firstResponseMeanMin: 7,
        resolutionMedianMin: 9,
      },
    ]);
  });

  it('per period: every channel in every period, by week in a time zone', () => {
    // Sunday 2 March 23:00 in São Paulo is Monday 3 March 02:00 UTC.
    const tickets = [
      ticket('2025-03-03T02:00:00Z', 10, null, null),
      ticket('2025-03-10T12:00:00Z', 20, null, null, 'email'),
    ];
    const rows = ticketStats(tickets, { period: 'week', timeZone: 'America/Sao_Paulo' });
    expect(rows.map((r) => [r.period, r.channel, r.tickets, r.firstResponseMeanMin])).to.deep.equal(
      [
        ['2025-02-24', 'chat', 1, 10],
        ['2025-02-24', 'email', 0, null],
        ['2025-03-03', 'chat', 0, null],
        ['2025-03-03', 'email', 0, null],
        ['2025-03-10', 'chat', 0, null],
        ['2025-03-10', 'email', 1, 20],
      ],
    );
    const utc = ticketStats(tickets, { period: 'week' });
    expect(utc.map((r) => [r.period, r.channel, r.tickets])).to.deep.equal([
      ['2025-03-03', 'chat', 1],
      ['2025-03-03', 'email', 0],
      ['2025-03-10', 'chat', 0],
      ['2025-03-10', 'email', 1],
    ]);
  });

  it('groups by a customer attribute', () => {
    const customers = [
      { customer_id: 'a', region: 'north' },
      { customer_id: 'b', region: 'south' },
    ];
    const tickets = [
      ticket('2025-03-01T00:00:00Z', 10, 20, 1, 'chat', { customer_id: 'b' }),
      ticket('2025-03-01T00:00:00Z', 30, 40, 1, 'email', { customer_id: 'b' }),
      ticket('2025-03-01T00:00:00Z', 5, null, null, 'chat', { customer_id: 'a' }),
      ticket('2025-03-01T00:00:00Z', 7, null, null, 'chat'),
    ];
    const rows = ticketStats({ customers, tickets }, { by: 'region' });
    expect(
      rows.map((r) => [r.channel, r.tickets, r.resolutionMedianMin, r.firstResponseMedianMin]),
    ).to.deep.equal([
      ['north', 1, null, 5],
      ['south', 2, 30, 20],
      ['(none)', 1, null, 7],
    ]);
  });

  it('suppresses small counts within a row, and times over fewer than k tickets', () => {
    // k = 3: open 2 is hidden, so resolved 3 is too; fcr 1 of 2 hides both parts; 4
    // first responses show; the resolution median goes with the hidden resolved count.
    expectNear(ticketStats(chat, { minCellSize: 3 }), [
      {
        channel: 'chat',
        tickets: 5,
        resolved: null,
        open: null,
        fcr: null,
        ...NO_FCR,
        firstResponseMedianMin: 25,
        firstResponseMeanMin: 25,
        resolutionMedianMin: null,
        suppressed: true,
      },
    ]);
    // k = 5: 4 first responses are too few as well.
    expectNear(ticketStats(chat, { minCellSize: 5 }), [
      {
        channel: 'chat',
        tickets: 5,
        resolved: null,
        open: null,
        fcr: null,
        ...NO_FCR,
        firstResponseMedianMin: null,
        firstResponseMeanMin: null,
        resolutionMedianMin: null,
        suppressed: true,
      },
    ]);
  });

  it('suppresses a small channel and its smallest sibling', () => {
    const rows = ticketStats([...chat, ticket('2025-03-01T00:00:00Z', null, null, null, 'phone')], {
      minCellSize: 2,
    });
    expectNear(rows, [
      { channel: 'chat', ...NONE },
      { channel: 'phone', ...NONE },
    ]);
  });

  it('selectMedian: odd, even, ties, empty, and equal to the middle of a sort', () => {
    expect(selectMedian(new Float64Array([3, 1, 2]))).to.equal(2);
    expect(selectMedian(new Float64Array([4, 1, 3, 2]))).to.equal(2.5);
    expect(selectMedian(new Float64Array([5, 5, 5, 1]))).to.equal(5);
    expect(selectMedian(new Float64Array([7]))).to.equal(7);
    expect(Number.isNaN(selectMedian(new Float64Array(0)))).to.equal(true);
    let seed = 1;
    const next = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    for (const n of [2, 3, 10, 101, 1000, 4096]) {
      for (const spread of [3, 1e6]) {
        const v = Float64Array.from({ length: n }, () => Math.floor(next() * spread));
        const sorted = Float64Array.from(v).sort();
        const mid = n >> 1;
        const want = n % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
        expect(selectMedian(v), `n ${n} spread ${spread}`).to.equal(want);
      }
    }
    // Sorted and reversed input, where naive pivots are worst.
    const up = Float64Array.from({ length: 5000 }, (_, i) => i);
    expect(selectMedian(up)).to.equal(2499.5);
    expect(selectMedian(up.reverse())).to.equal(2499.5);
  });

  it('rejects bad options with precise messages', () => {
    expect(() => ticketStats(chat, { period: 'fortnight' as never })).to.throw(
      RangeError,
      "period must be one of day, week, month, quarter, year; got 'fortnight'",
    );
    expect(() => ticketStats(chat, { by: 'plan' })).to.throw(
      RangeError,
      "by 'plan' is neither a column",
    );
    expect(() => ticketStats(chat, { to: 'soon' })).to.throw(
      RangeError,
      'to must be an ISO-8601 timestamp',
    );
    expect(() => ticketStats(chat, { minCellSize: '11' as never })).to.throw(
      RangeError,
      'minCellSize must be a whole number',
    );
    expect(() => ticketStats({ surveys: [] })).to.throw(
      TypeError,
      'ticketStats needs the tickets table',
    );
  });
});
