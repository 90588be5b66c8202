// npsTrend, channelCsat and ticketStats against SQL in a real DuckDB, on 60,000
// seeded raw survey and ticket rows (with nulls, ties, boundary instants and bad
// rows that both sides reject on their own), every field compared.
import { expect } from 'chai';
import { validate } from '../../src/data/validate.js';
import type { NormalizedTables } from '../../src/data/schema.js';
import { channelCsat } from '../../src/metrics/csat.js';
import { npsTrend } from '../../src/metrics/nps.js';
import { ticketStats } from '../../src/metrics/tickets.js';
import { generate, oracle, segmentBefore, ts, type Oracle, type RawTables } from './cx-oracle.js';
import { expectNear } from './near.js';

type Row = Record<string, unknown>;
interface Call {
  period?: 'day' | 'week' | 'month' | 'quarter' | 'year';
  from?: string;
  to?: string;
  by?: 'channel' | 'plan';
  timeZone?: string;
}

const Z = 1.959964;

/** The kept rows of a table with `p` (local period start, when asked) and `seg`. */
function source(table: string, time: string, where: string, c: Call, lo?: string): string {
  const seg =
    c.by === 'plan' ? "coalesce(cu.plan, '(none)')" : c.by ? `coalesce(t.${c.by}, '(none)')` : "''";
  const join = c.by === 'plan' ? 'LEFT JOIN customers_v cu ON cu.customer_id = t.customer_id' : '';
  const p = c.period ? `date_trunc('${c.period}', t.${time})::DATE` : "DATE '2000-01-01'";
  const range = [lo ?? (c.from ? ts(c.from) : undefined), c.to ? ts(c.to) : undefined];
  const conds = [
    where,
    range[0] ? `t.${time} >= ${range[0]}` : '',
    range[1] ? `t.${time} < ${range[1]}` : '',
  ].filter(Boolean);
  return `SELECT t.*, ${p} AS p, ${seg} AS seg FROM ${table} t ${join} WHERE ${conds.join(' AND ')}`;
}

/** Every shown period × every segment with a kept row (`ext` earlier periods first, for windows). */
function grid(c: Call, ext = 0, inRange = 's'): string {
  if (!c.period)
    return `grid AS (SELECT DISTINCT p, seg FROM s), bounds AS (SELECT DATE '2000-01-01' AS first)`;
  const first = c.from
    ? `date_trunc('${c.period}', ${ts(c.from)})::DATE`
    : `(SELECT min(p) FROM ${inRange})`;
  const last = c.to
    ? `date_trunc('${c.period}', ${ts(c.to)} - INTERVAL 1 MICROSECOND)::DATE`
    : `(SELECT max(p) FROM s)`;
  return `bounds AS (SELECT ${first} AS first, ${last} AS last),
    periods AS (SELECT unnest(generate_series(first - INTERVAL ${ext} ${c.period}, last, INTERVAL 1 ${c.period}))::DATE AS p FROM bounds),
    grid AS (SELECT periods.p, segs.seg FROM periods CROSS JOIN (SELECT DISTINCT seg FROM s) segs)`;
}

async function npsOracle(db: Oracle, c: Call, w: number): Promise<Row[]> {
  const lo =
    c.from && w > 1 && c.period
      ? `least(${ts(c.from)}, date_trunc('${c.period}', ${ts(c.from)}) - INTERVAL ${w - 1} ${c.period})`
      : undefined;
  const rows = await db.all(`
    WITH s AS (${source('surveys_v', 'ts', "kind = 'nps'", c, lo)}),
    ${grid(c, w - 1)},
    cnt AS (SELECT p, seg, count(*) FILTER (WHERE score >= 9) pr, count(*) FILTER (WHERE score >= 7 AND score < 9) pa, count(*) FILTER (WHERE score < 7) de FROM s GROUP BY ALL),
    win AS (
      SELECT grid.p, grid.seg,
        sum(coalesce(pr, 0)) OVER w AS pr, sum(coalesce(pa, 0)) OVER w AS pa, sum(coalesce(de, 0)) OVER w AS de
      FROM grid LEFT JOIN cnt USING (p, seg)
      WINDOW w AS (PARTITION BY grid.seg ORDER BY grid.p ROWS BETWEEN ${w - 1} PRECEDING AND CURRENT ROW)
    ),
    m AS (SELECT p, seg, pr::DOUBLE pr, pa::DOUBLE pa, de::DOUBLE de, (pr + pa + de)::DOUBLE n FROM win, bounds WHERE p >= first)
    SELECT strftime(p, '%Y-%m-%d') period, seg segment, n::INTEGER n, pr::INTEGER promoters, pa::INTEGER passives, de::INTEGER detractors,
      CASE WHEN n > 0 THEN 100 * (pr - de) / n END nps,
      CASE WHEN n > 0 THEN greatest(-100, 100 * (pr - de) / n - 100 * ${Z} * sqrt(greatest(0, (pr + de) / n - ((pr - de) / n) ^ 2) / n)) END ciLow,
      CASE WHEN n > 0 THEN least(100, 100 * (pr - de) / n + 100 * ${Z} * sqrt(greatest(0, (pr + de) / n - ((pr - de) / n) ^ 2) / n)) END ciHigh
    FROM m`);
  return ordered(rows, 'segment', c.by !== undefined);
}

async function csatOracle(db: Oracle, c: Call, satisfiedMin: number): Promise<Row[]> {
  const rows = await db.all(`
    WITH s AS (${source('surveys_v', 'ts', "kind = 'csat'", c)}),
    ${grid(c)},
    agg AS (SELECT p, seg, count(*)::DOUBLE n, count(*) FILTER (WHERE score >= ${satisfiedMin})::DOUBLE sat, avg(score) mean FROM s GROUP BY ALL),
    m AS (SELECT grid.p, grid.seg, coalesce(n, 0) n, coalesce(sat, 0) sat, mean FROM grid LEFT JOIN agg USING (p, seg)),
    w AS (SELECT *, sat / n AS q, ${Z} * ${Z} AS z2 FROM m)
    SELECT strftime(p, '%Y-%m-%d') period, seg channel, n::INTEGER n, sat::INTEGER satisfied,
      CASE WHEN n > 0 THEN 100 * sat / n END csat, mean,
      CASE WHEN n > 0 THEN 100 * greatest(0, ((q + z2 / (2 * n)) - ${Z} * sqrt(q * (1 - q) / n + z2 / (4 * n * n))) / (1 + z2 / n)) END ciLow,
      CASE WHEN n > 0 THEN 100 * least(1, ((q + z2 / (2 * n)) + ${Z} * sqrt(q * (1 - q) / n + z2 / (4 * n * n))) / (1 + z2 / n)) END ciHigh
    FROM w`);
  return ordered(rows, 'channel', true, c.period !== undefined);
}

/** A bound of the 95% Wilson interval of x / n (Wilson 1927), as a fraction; NULL for n = 0. */
function wilsonBound(x: string, n: string, side: '-' | '+'): string {
  const q = `(${x}::DOUBLE / ${n})`;
  const z2 = `${Z} * ${Z}`;
  const bound = `((${q} + ${z2} / (2 * ${n})) ${side} ${Z} * sqrt(${q} * (1 - ${q}) / ${n} + ${z2} / (4 * ${n} * ${n}))) / (1 + ${z2} / ${n})`;
  return `CASE WHEN ${n} > 0 THEN ${side === '-' ? `greatest(0, ${bound})` : `least(1, ${bound})`} END`;
}

async function ticketOracle(db: Oracle, c: Call): Promise<Row[]> {
  const rows = await db.all(`
    WITH s AS (${source('tickets_v', 'opened', 'true', c)}),
    ${grid(c)},
    agg AS (SELECT p, seg, count(*) tickets, count(resolved) resolved,
      count(*) FILTER (WHERE resolved IS NOT NULL AND contacts = 1) fcr_yes,
      count(*) FILTER (WHERE resolved IS NOT NULL AND contacts IS NOT NULL) fcr_known,
      median((epoch_ms(responded) - epoch_ms(opened)) / 60000::DOUBLE) frMedian,
      avg((epoch_ms(responded) - epoch_ms(opened)) / 60000::DOUBLE) frMean,
      quantile_cont((epoch_ms(resolved) - epoch_ms(opened)) / 60000::DOUBLE, 0.5) resMedian
      FROM s GROUP BY ALL)
    SELECT strftime(grid.p, '%Y-%m-%d') period, grid.seg channel, coalesce(tickets, 0)::INTEGER tickets, coalesce(resolved, 0)::INTEGER resolved,
      (coalesce(tickets, 0) - coalesce(resolved, 0))::INTEGER open, fcr_yes / nullif(fcr_known, 0) fcr,
      ${wilsonBound('fcr_yes', 'fcr_known', '-')} "fcrLow", ${wilsonBound('fcr_yes', 'fcr_known', '+')} "fcrHigh",
      frMedian firstResponseMedianMin, frMean firstResponseMeanMin, resMedian resolutionMedianMin
    FROM grid LEFT JOIN agg USING (p, seg)`);
  return ordered(rows, 'channel', true, c.period !== undefined);
}

/** Rows in metric order (period, then segment), without the columns the metric omits. */
function ordered(rows: Row[], segKey: string, withSeg: boolean, withPeriod = true): Row[] {
  const out = rows.map((r) => {
    const o = { ...r };
    if (!withSeg) delete o[segKey];
    if (!withPeriod) delete o.period;
    return o;
  });
  return out.sort(
    (a, b) =>
      String(a.period ?? '').localeCompare(String(b.period ?? '')) ||
      (withSeg ? segmentBefore(String(a[segKey]), String(b[segKey])) : 0),
  );
}

describe('survey and ticket metrics against DuckDB', function () {
  this.timeout(120_000);
  let db: Oracle;
  let raw: RawTables;
  let tables: NormalizedTables;

  before(async () => {
    const data = generate(20250301);
    raw = data.raw;
    tables = validate(raw).tables;
    db = await oracle(data.sql);
  });
  after(() => db?.close());

  async function inZone<T>(timeZone: string | undefined, f: () => Promise<T>): Promise<T> {
    await db.run(`SET TimeZone = '${timeZone ?? 'UTC'}'`);
    try {
      return await f();
    } finally {
      await db.run("SET TimeZone = 'UTC'");
    }
  }

  it('has at least 50,000 survey and ticket rows, some of them rejected', async () => {
    expect(raw.surveys.length).to.be.at.least(50_000);
    expect(raw.tickets.length).to.be.at.least(50_000);
    const report = validate(raw).report.tables;
    const [s] = await db.all(
      'SELECT (SELECT count(*) FROM surveys_v) s, (SELECT count(*) FROM tickets_v) t, (SELECT count(*) FROM customers_v) c',
    );
    expect([
      report.surveys!.accepted,
      report.tickets!.accepted,
      report.customers!.accepted,
    ]).to.deep.equal([s.s, s.t, s.c]);
    expect(report.surveys!.rejected).to.be.greaterThan(500);
    expect(report.tickets!.rejected).to.be.greaterThan(500);
  });

  const npsCases: [Call, number][] = [
    [{ period: 'month' }, 1],
    [
      {
        period: 'month',
        from: '2024-03-15T00:00:00Z',
        to: '2025-05-01T00:00:00Z',
        by: 'channel',
        timeZone: 'America/Sao_Paulo',
      },
      3,
    ],
    [{ period: 'week', from: '2024-06-01T00:00:00Z', to: '2024-12-01T00:00:00Z', by: 'plan' }, 4],
    [{ period: 'quarter', to: '2025-04-01T00:00:00Z', by: 'channel' }, 2],
    [
      {
        period: 'day',
        from: '2025-02-20T12:00:00Z',
        to: '2025-03-05T00:00:00Z',
        timeZone: 'America/Sao_Paulo',
      },
      7,
    ],
  ];
  for (const [c, rolling] of npsCases) {
    it(`npsTrend ${JSON.stringify(c)} rolling ${rolling}`, async () => {
      const expected = await inZone(c.timeZone, () => npsOracle(db, c, rolling));
      const actual = npsTrend(tables, { ...c, rolling });
      expect(actual.length).to.be.greaterThan(3);
      expectNear(actual, expected);
    });
  }

  const csatCases: [Call, number][] = [
    [{ by: 'channel' }, 4],
    [
      {
        by: 'channel',
        period: 'month',
        from: '2024-02-10T00:00:00Z',
        to: '2025-06-01T00:00:00Z',
        timeZone: 'America/Sao_Paulo',
      },
      4,
    ],
    [{ by: 'plan' }, 4],
    [{ by: 'plan', period: 'week', from: '2024-09-01T00:00:00Z', to: '2025-01-01T00:00:00Z' }, 3],
  ];
  for (const [c, satisfiedMin] of csatCases) {
    it(`channelCsat ${JSON.stringify(c)} satisfiedMin ${satisfiedMin}`, async () => {
      const expected = await inZone(c.timeZone, () => csatOracle(db, c, satisfiedMin));
      const actual = channelCsat(tables, { ...c, satisfiedMin });
      expect(actual.length).to.be.greaterThan(3);
      expectNear(actual, expected);
    });
  }

  const ticketCases: Call[] = [
    { by: 'channel' },
    { by: 'channel', period: 'month', timeZone: 'America/Sao_Paulo' },
    { by: 'plan', period: 'day', from: '2025-01-01T00:00:00Z', to: '2025-03-01T00:00:00Z' },
  ];
  for (const c of ticketCases) {
    it(`ticketStats ${JSON.stringify(c)}`, async () => {
      const expected = await inZone(c.timeZone, () => ticketOracle(db, c));
      const actual = ticketStats(tables, c);
      expect(actual.length).to.be.greaterThan(3);
      expectNear(actual, expected);
    });
  }

  it('the raw rows give the same answer as the validated tables', () => {
    expect(npsTrend(raw, { by: 'channel', rolling: 2 })).to.deep.equal(
      npsTrend(tables, { by: 'channel', rolling: 2 }),
    );
    expect(ticketStats(raw, { period: 'quarter' })).to.deep.equal(
      ticketStats(tables, { period: 'quarter' }),
    );
  });
});
