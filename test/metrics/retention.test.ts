// retention (SPEC §3.1) on tiny inline tables; every expected value is worked out
// by hand in the comments beside it.
import { expect } from 'chai';
import { table } from 'arquero';
import { retention, type RetentionRow } from '../../src/metrics/retention.js';
import { expectNear, wilsonPct } from './near.js';

type Cell = [string, number | null, number, number | null, number | null];
/** [cohort, size, offset, retained, churned] per row. */
const cells = (rows: readonly RetentionRow[]): Cell[] =>
  rows.map((r) => [r.cohort, r.size, r.offset, r.retained, r.churned]);

const wilsonCi = (x: number, n: number) => {
  const [ciLow, ciHigh] = wilsonPct(x, n).map((v) => v / 100);
  return { ciLow, ciHigh };
};

const row = (
  cohort: string,
  size: number,
  offset: number,
  retained: number,
  churned: number,
  churnRate: number | null,
  complete: boolean,
): RetentionRow => ({ cohort, size, offset, retained, rate: retained / size, ...wilsonCi(retained, size), churned, churnRate, complete });

describe('retention: subscription mode', () => {
  const customers = [
    { customer_id: 'a', signup_at: '2025-01-05', churned_at: null },
    // churned exactly at end(Feb) = 2025-03-01: still retained in February.
    { customer_id: 'b', signup_at: '2025-01-20', churned_at: '2025-03-01T00:00:00Z' },
    { customer_id: 'c', signup_at: '2025-01-31T23:59:59Z', churned_at: '2025-02-15' },
    // signed up exactly at start(Feb): the February cohort.
    { customer_id: 'd', signup_at: '2025-02-01T00:00:00Z', churned_at: null },
  ];

  it('follows the definitions row by row', () => {
    const rows = retention({ customers }, { asOf: '2025-03-15' });
    expectNear(rows, [
      // Jan: a, b, c. k0 ends Feb 1: all three. k1 ends Mar 1: a, b (b churns at Mar 1 ≥ Mar 1).
      // k2 ends Apr 1 > asOf (partial): a only.
      row('2025-01-01', 3, 0, 3, 0, 0, true),
      row('2025-01-01', 3, 1, 2, 1, 1 / 3, true),
      row('2025-01-01', 3, 2, 1, 1, 1 / 2, false),
      row('2025-02-01', 1, 0, 1, 0, 0, true),
      row('2025-02-01', 1, 1, 1, 0, 0, false),
    ]);
  });

  it('reports offsets while start(P) ≤ asOf, complete while end(P) ≤ asOf, and no cohort starting after asOf', () => {
    // asOf = start(Mar): March is reported, partial; February is complete.
    const atMarch = retention({ customers }, { asOf: '2025-03-01T00:00:00Z' });
    expect(atMarch.map((r) => [r.cohort, r.offset, r.complete])).to.deep.equal([
      ['2025-01-01', 0, true],
      ['2025-01-01', 1, true],
      ['2025-01-01', 2, false],
      ['2025-02-01', 0, true],
      ['2025-02-01', 1, false],
    ]);
    // One ms before March: no March offsets, and February is partial.
    const before = retention({ customers }, { asOf: Date.UTC(2025, 2, 1) - 1 });
    expect(before.map((r) => [r.cohort, r.offset, r.complete])).to.deep.equal([
      ['2025-01-01', 0, true],
      ['2025-01-01', 1, false],
      ['2025-02-01', 0, false],
    ]);
    // asOf in January: the February cohort has not started.
    expect(cells(retention({ customers }, { asOf: new Date('2025-01-31T00:00:00Z') }))).to.deep.equal([
      ['2025-01-01', 3, 0, 3, 0],
    ]);
  });

  it('takes asOf as an ISO string, epoch ms or a Date', () => {
    const iso = retention({ customers }, { asOf: '2025-03-15T00:00:00Z' });
    expect(retention({ customers }, { asOf: Date.UTC(2025, 2, 15) })).to.deep.equal(iso);
    expect(retention({ customers }, { asOf: new Date(Date.UTC(2025, 2, 15)) })).to.deep.equal(iso);
  });

  it('takes the customers table alone, as rows or as an Arquero table', () => {
    const expected = retention({ customers }, { asOf: '2025-03-15' });
    expect(retention(customers, { asOf: '2025-03-15' })).to.deep.equal(expected);
    const t = table({
      customer_id: customers.map((c) => c.customer_id),
      signup_at: customers.map((c) => c.signup_at),
      churned_at: customers.map((c) => c.churned_at),
    });
    expect(retention({ customers: t }, { asOf: '2025-03-15' })).to.deep.equal(expected);
  });

  it('selects cohorts by their start in [from, to) and caps offsets at maxOffset', () => {
    // from Jan 15: January starts before it, so only February; to Feb 1 excludes February.
    expect(cells(retention({ customers }, { asOf: '2025-03-15', from: '2025-01-15' }))).to.deep.equal([
      ['2025-02-01', 1, 0, 1, 0],
      ['2025-02-01', 1, 1, 1, 0],
    ]);
    expect(retention({ customers }, { asOf: '2025-03-15', from: '2025-01-01', to: '2025-02-01' }).map((r) => r.cohort)).to.deep.equal(
      ['2025-01-01', '2025-01-01', '2025-01-01'],
    );
    expect(cells(retention({ customers }, { asOf: '2025-03-15', maxOffset: 0 }))).to.deep.equal([
      ['2025-01-01', 3, 0, 3, 0],
      ['2025-02-01', 1, 0, 1, 0],
    ]);
  });

  it('keeps reporting offsets after everyone left, with churnRate null over zero', () => {
    const rows = retention([{ customer_id: 'x', signup_at: '2025-01-10', churned_at: '2025-01-20' }], { asOf: '2025-03-01' });
    // k0 ends Feb 1 > Jan 20: churned in January.
    expectNear(rows, [
      row('2025-01-01', 1, 0, 0, 1, 1, true),
      row('2025-01-01', 1, 1, 0, 0, null, true),
      row('2025-01-01', 1, 2, 0, 0, null, false),
    ]);
  });

  it('counts daily cohorts two years apart (more cells than members: counted after the layout)', () => {
    const rows = retention(
      [
        { customer_id: 'p', signup_at: '2024-01-01', churned_at: '2024-01-03' },
        { customer_id: 'q', signup_at: '2025-12-30', churned_at: null },
      ],
      { period: 'day', asOf: '2025-12-31' },
    );
    // 2024-01-01: offsets 0…730 (asOf is day 730 after it); p is retained while index(Jan 3) ≥ c + k + 1, k ≤ 1.
    expect(rows.length).to.equal(731 + 2);
    expect(rows.filter((r) => r.retained! > 0).map((r) => [r.cohort, r.offset, r.retained])).to.deep.equal([
      ['2024-01-01', 0, 1],
      ['2024-01-01', 1, 1],
      ['2025-12-30', 0, 1],
      ['2025-12-30', 1, 1],
    ]);
    expect(rows[2]).to.include({ offset: 2, retained: 0, churned: 1, churnRate: 1 });
  });

  it('omits periods without a cohort', () => {
    const rows = retention(
      [
        { customer_id: 'j', signup_at: '2025-01-10' },
        { customer_id: 'm', signup_at: '2025-03-10' },
      ],
      { asOf: '2025-03-31' },
    );
    expect(rows.map((r) => `${r.cohort}+${r.offset}`)).to.deep.equal(['2025-01-01+0', '2025-01-01+1', '2025-01-01+2', '2025-03-01+0']);
  });

  it('buckets ISO weeks from Monday', () => {
    const rows = retention(
      [
        // Sunday 2 March 2025 is in the week of Monday 24 February; its churn at Monday
        // 3 March 00:00 is exactly the end of that week.
        { customer_id: 'sun', signup_at: '2025-03-02T12:00:00Z', churned_at: '2025-03-03T00:00:00Z' },
        { customer_id: 'mon', signup_at: '2025-03-03T00:00:00Z' },
      ],
      { period: 'week', asOf: '2025-03-05' },
    );
    expectNear(rows, [
      row('2025-02-24', 1, 0, 1, 0, 0, true),
      row('2025-02-24', 1, 1, 0, 1, 1, false),
      row('2025-03-03', 1, 0, 1, 0, 0, false),
    ]);
  });

  it('buckets in a time zone', () => {
    // 2025-02-01T01:00Z is 31 January 22:00 in São Paulo (UTC−3).
    const c = [{ customer_id: 'z', signup_at: '2025-02-01T01:00:00Z' }];
    expect(retention(c, { asOf: '2025-02-10', maxOffset: 0 })[0].cohort).to.equal('2025-02-01');
    expect(retention(c, { asOf: '2025-02-10', maxOffset: 0, timeZone: 'America/Sao_Paulo' })[0].cohort).to.equal('2025-01-01');
  });
});

describe('retention: excluded customers and bad input', () => {
  it('counts customers without signup_at on a non-enumerable excluded property', () => {
    const rows = retention(
      [
        { customer_id: 'a', signup_at: '2025-01-05' },
        { customer_id: 'b', signup_at: null },
        { customer_id: 'c' },
      ],
      { asOf: '2025-01-20' },
    );
    expect(cells(rows)).to.deep.equal([['2025-01-01', 1, 0, 1, 0]]);
    expect(rows.excluded).to.deep.equal({ noSignup: 2, noCustomer: 0 });
    expect(Object.keys(rows)).to.deep.equal(['0']);
    expect(JSON.parse(JSON.stringify(rows))).to.deep.equal([{ ...rows[0] }]);
  });

  it('returns no rows for empty input or an all-null signup column', () => {
    const empty = retention({ customers: [] }, { asOf: '2025-01-01' });
    expect(empty).to.deep.equal([]);
    expect(empty.excluded).to.deep.equal({ noSignup: 0, noCustomer: 0 });
    const nulls = retention([{ customer_id: 'a', signup_at: null }, { customer_id: 'b', signup_at: null }], { asOf: '2025-01-01' });
    expect(nulls).to.deep.equal([]);
    expect(nulls.excluded.noSignup).to.equal(2);
  });

  it('does not count rows that validation rejects', () => {
    const rows = retention(
      [
        { customer_id: 'a', signup_at: '2025-01-05' },
        { customer_id: 'a', signup_at: '2025-01-06' }, // duplicate id
        { customer_id: 'b', signup_at: 'yesterday' }, // unparseable
        { customer_id: 'c', signup_at: '2025-01-09', churned_at: '2025-01-01' }, // churn before signup
        { customer_id: null, signup_at: '2025-01-09' }, // no id
        { customer_id: 'd', signup_at: Number.NaN },
      ],
      { asOf: '2025-01-20' },
    );
    // Only a is kept; d's NaN signup is a null, so d is excluded for want of a signup.
    expect(cells(rows)).to.deep.equal([['2025-01-01', 1, 0, 1, 0]]);
    expect(rows.excluded.noSignup).to.equal(1);
  });
});

describe('retention: activity mode', () => {
  const customers = [
    { customer_id: 'p', signup_at: '2025-01-10', plan: 'basic' },
    { customer_id: 'q', signup_at: '2025-01-20', plan: 'Premium' },
    { customer_id: 'r', signup_at: '2025-02-05', plan: null },
  ];
  const activity = [
    { customer_id: 'p', at: '2024-12-20', event: 'login' }, // before the cohort period: irrelevant
    { customer_id: 'p', at: '2025-01-03', event: 'login' }, // before signup, in the cohort period: offset 0
    { customer_id: 'p', at: '2025-03-01T00:00:00Z', event: 'login' }, // exactly start(Mar): offset 2
    { customer_id: 'q', at: '2025-02-28T23:59:59.999Z', event: 'login' },
    { customer_id: 'q', at: '2025-02-10', event: 'login' }, // same cell again: counted once
    { customer_id: 'q', at: '2025-03-05', event: 'export' },
    { customer_id: 'r', at: '2025-02-06', event: 'login' },
    { customer_id: 'x', at: '2025-01-15', event: 'login' }, // not a customer
  ];
  const asOf = '2025-03-20';

  it('counts members with a counted event in each period; people come back', () => {
    const rows = retention({ customers, activity }, { mode: 'activity', asOf });
    // Jan (p, q): Jan p; Feb q; Mar p and q. Feb (r): Feb r; Mar nobody.
    expectNear(rows, [
      row('2025-01-01', 2, 0, 1, 1, null, true),
      row('2025-01-01', 2, 1, 1, 0, null, true),
      row('2025-01-01', 2, 2, 2, -1, null, false),
      row('2025-02-01', 1, 0, 1, 0, null, true),
      row('2025-02-01', 1, 1, 0, 1, null, false),
    ]);
    expect(rows.excluded).to.deep.equal({ noSignup: 0, noCustomer: 1 });
  });

  it('gives the same answer whatever the row order', () => {
    const expected = retention({ customers, activity }, { mode: 'activity', asOf });
    const reversed = [...activity].reverse();
    expect(retention({ customers, activity: reversed }, { mode: 'activity', asOf })).to.deep.equal(expected);
  });

  it('counts only the events named in events', () => {
    const rows = retention({ customers, activity }, { mode: 'activity', asOf, events: ['login'] });
    // q's March event is an export: Jan cohort March = p only.
    expect(cells(rows)[2]).to.deep.equal(['2025-01-01', 2, 2, 1, 0]);
    // x never exported, so no activity of an unknown customer was left out.
    expect(retention({ customers, activity }, { mode: 'activity', asOf, events: 'export' }).excluded.noCustomer).to.equal(0);
  });

  it('breaks down by a customer attribute, in plain string order with (none) last', () => {
    const rows = retention({ customers, activity }, { mode: 'activity', asOf, by: 'plan' });
    expect(rows.map((r) => [r.cohort, r.segment, r.offset, r.retained])).to.deep.equal([
      ['2025-01-01', 'Premium', 0, 0],
      ['2025-01-01', 'Premium', 1, 1],
      ['2025-01-01', 'Premium', 2, 1],
      ['2025-01-01', 'basic', 0, 1],
      ['2025-01-01', 'basic', 1, 0],
      ['2025-01-01', 'basic', 2, 1],
      ['2025-02-01', '(none)', 0, 1],
      ['2025-02-01', '(none)', 1, 0],
    ]);
  });

  it('needs the activity table', () => {
    expect(() => retention({ customers }, { mode: 'activity', asOf })).to.throw(TypeError, 'retention needs the activity table');
  });
});

describe('retention: first-activity cohorts', () => {
  const activity = [
    { customer_id: 'u', at: '2025-01-15', event: 'open', channel: 'web' },
    { customer_id: 'u', at: '2025-02-02', event: 'open', channel: 'app' },
    { customer_id: 'v', at: '2025-01-31T23:00:00Z', event: 'open', channel: 'app' },
    { customer_id: 'v', at: '2025-03-01T00:00:00Z', event: 'open', channel: 'web' },
    { customer_id: 'w', at: '2025-02-01T00:00:00Z', event: 'buy', channel: null },
  ];
  const opts = { mode: 'activity', cohortBy: 'first-activity', asOf: '2025-03-10' } as const;

  it('draws cohorts from activity, without a customers table', () => {
    // Jan (u, v): Jan both; Feb u; Mar v. Feb (w): Feb w; Mar nobody.
    const expected = [
      row('2025-01-01', 2, 0, 2, 0, null, true),
      row('2025-01-01', 2, 1, 1, 1, null, true),
      row('2025-01-01', 2, 2, 1, 0, null, false),
      row('2025-02-01', 1, 0, 1, 0, null, true),
      row('2025-02-01', 1, 1, 0, 1, null, false),
    ];
    expectNear(retention({ activity }, opts), expected);
    expectNear(retention(activity, opts), expected);
  });

  it('takes the cohort from the first counted event', () => {
    expect(cells(retention({ activity }, { ...opts, events: ['open'] }))).to.deep.equal([
      ['2025-01-01', 2, 0, 2, 0],
      ['2025-01-01', 2, 1, 1, 1],
      ['2025-01-01', 2, 2, 1, 0],
    ]);
  });

  it('buckets cohorts and activity in the time zone', () => {
    // São Paulo (UTC−3): w's Feb 1 00:00Z and v's Mar 1 00:00Z fall in January and February.
    // Jan (u, v, w): Jan all three; Feb u and v; Mar nobody.
    expect(cells(retention({ activity }, { ...opts, timeZone: 'America/Sao_Paulo' }))).to.deep.equal([
      ['2025-01-01', 3, 0, 3, 0],
      ['2025-01-01', 3, 1, 2, 1],
      ['2025-01-01', 3, 2, 0, 2],
    ]);
  });

  it('segments by an activity column with its value at the first activity', () => {
    const rows = retention({ activity }, { ...opts, by: 'channel', maxOffset: 0 });
    expect(rows.map((r) => [r.cohort, r.segment, r.size])).to.deep.equal([
      ['2025-01-01', 'app', 1],
      ['2025-01-01', 'web', 1],
      ['2025-02-01', '(none)', 1],
    ]);
  });

  it('joins a customer attribute, "(none)" for customers missing from the customers table', () => {
    const customers = [{ customer_id: 'u', plan: 'gold' }];
    const rows = retention({ customers, activity }, { ...opts, by: 'plan', maxOffset: 0 });
    expect(rows.map((r) => [r.cohort, r.segment, r.size])).to.deep.equal([
      ['2025-01-01', 'gold', 1],
      ['2025-01-01', '(none)', 1],
      ['2025-02-01', '(none)', 1],
    ]);
    expect(() => retention({ activity }, { ...opts, by: 'plan' })).to.throw(RangeError, "by 'plan'");
  });

  it('reads churned_at from customers in subscription mode, counting members without a row', () => {
    const customers = [
      { customer_id: 'u', churned_at: '2025-02-20' },
      { customer_id: 'v', churned_at: null },
    ];
    const rows = retention({ customers, activity }, { cohortBy: 'first-activity', asOf: '2025-03-10' });
    // Jan (u, v): k0 both; k1 ends Mar 1 > Feb 20: v; k2: v. w has no customers row.
    expectNear(rows, [
      row('2025-01-01', 2, 0, 2, 0, 0, true),
      row('2025-01-01', 2, 1, 1, 1, 1 / 2, true),
      row('2025-01-01', 2, 2, 1, 0, 0, false),
    ]);
    expect(rows.excluded).to.deep.equal({ noSignup: 0, noCustomer: 1 });
  });
});

describe('retention: suppression', () => {
  // A January cohort of 12: one leaves in February, six in March, the last five in April.
  const churn = ['2025-02-10', ...Array(6).fill('2025-03-10'), ...Array(5).fill('2025-04-05')];
  const customers = churn.map((c, i) => ({ customer_id: `m${i}`, signup_at: '2025-01-02', churned_at: c }));
  const asOf = '2025-04-15';

  it('reports a cohort below minCohortSize with no counts', () => {
    const rows = retention({ customers: customers.slice(0, 2) }, { asOf, minCohortSize: 3, maxOffset: 1 });
    const hidden = { size: null, retained: null, rate: null, ciLow: null, ciHigh: null, churned: null, churnRate: null };
    expect(rows).to.deep.equal([
      { cohort: '2025-01-01', offset: 0, ...hidden, complete: true, suppressed: true },
      { cohort: '2025-01-01', offset: 1, ...hidden, complete: true, suppressed: true },
    ]);
    expect(retention({ customers: customers.slice(0, 3) }, { asOf, minCohortSize: 3 })[0].size).to.equal(3);
  });

  it('hides small retained counts and the churned counts that would reveal them', () => {
    const rows = retention({ customers }, { asOf, minCellSize: 11 });
    expectNear(rows, [
      row('2025-01-01', 12, 0, 12, 0, 0, true),
      // 1 churned stays: 12 − 11 is on screen anyway.
      row('2025-01-01', 12, 1, 11, 1, 1 / 12, true),
      // 5 is hidden, and so are churned 11 − 5 and 5 − 0.
      { cohort: '2025-01-01', size: 12, offset: 2, retained: null, rate: null, ciLow: null, ciHigh: null, churned: null, churnRate: null, complete: true, suppressed: true },
      { cohort: '2025-01-01', size: 12, offset: 3, retained: 0, rate: 0, ...wilsonCi(0, 12), churned: null, churnRate: null, complete: false, suppressed: true },
    ]);
  });

  it('hides a whole cohort whose size is a small cell', () => {
    const rows = retention({ customers: customers.slice(0, 10) }, { asOf, minCellSize: 11, maxOffset: 0 });
    expect(rows[0]).to.include({ size: null, retained: null, churned: null, suppressed: true });
  });

  it('suppresses per segment', () => {
    const withPlan = customers.map((c, i) => ({ ...c, plan: i < 11 ? 'a' : 'b' }));
    const rows = retention({ customers: withPlan }, { asOf, minCellSize: 11, maxOffset: 0, by: 'plan' });
    // Plan a: 11 members, all retained in January; plan b: 1 member, hidden entirely.
    expect(rows.map((r) => [r.segment, r.size, r.retained, r.suppressed])).to.deep.equal([
      ['a', 11, 11, undefined],
      ['b', null, null, true],
    ]);
  });
});

describe('retention: options', () => {
  const customers = [{ customer_id: 'a', signup_at: '2025-01-05' }];
  const bad: [Record<string, unknown>, ErrorConstructor, string][] = [
    [{ period: 'mnth' }, RangeError, "period must be one of day, week, month, quarter, year; got 'mnth'"],
    [{ mode: 'usage' }, RangeError, "mode must be one of subscription, activity; got 'usage'"],
    [{ cohortBy: 'first' }, RangeError, "cohortBy must be one of signup, first-activity; got 'first'"],
    [{ maxOffset: -1 }, RangeError, 'maxOffset must be a whole number ≥ 0; got -1'],
    [{ minCohortSize: 1.5 }, RangeError, 'minCohortSize must be a whole number ≥ 0; got 1.5'],
    [{ minCellSize: -3 }, RangeError, 'minCellSize must be a whole number ≥ 0'],
    [{ events: [] }, RangeError, 'events must list at least 1 event name; got 0'],
    [{ events: ['a', ''] }, RangeError, "events must name events; entry 2 is ''"],
    [{ events: 3 }, TypeError, 'events must be a list of event names or a comma-separated string; got 3'],
    [{ by: 3 }, TypeError, 'by must name a column; got 3'],
    [{ by: 'plan' }, RangeError, "retention: by 'plan' is neither a column of the table nor a customer attribute"],
    [{ asOf: 'soon' }, RangeError, "asOf must be an ISO-8601 timestamp, epoch milliseconds or a Date; got 'soon'"],
    [{ from: '2025-02-01', to: '2025-01-01' }, RangeError, 'from must not be after to'],
    [{ timeZone: 'Mars/Olympus' }, RangeError, "timeZone must be an IANA time zone name such as America/Sao_Paulo; got 'Mars/Olympus'"],
  ];
  for (const [options, type, message] of bad) {
    it(`rejects ${JSON.stringify(options)}`, () => {
      expect(() => retention({ customers }, options)).to.throw(type, message);
    });
  }

  it('needs the customers table for signup cohorts', () => {
    expect(() => retention({ activity: [] })).to.throw(TypeError, 'retention needs the customers table');
  });

  it('defaults asOf to now and period to month', () => {
    const rows = retention([{ customer_id: 'a', signup_at: new Date() }]);
    expect(rows).to.have.length(1);
    expect(rows[0]).to.include({ offset: 0, retained: 1, complete: false });
    expect(rows[0].cohort.endsWith('-01')).to.equal(true);
  });
});
