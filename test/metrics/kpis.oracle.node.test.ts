// kpis against SQL in a real DuckDB on seeded raw tables (50,000+ customers and
// 60,000 activity, survey and ticket rows, bad rows included): every card, its
// previous range and its sparkline, every field.
import { expect } from 'chai';
import { validate } from '../../src/data/validate.js';
import type { NormalizedTables } from '../../src/data/schema.js';
import { kpis, KPI_METRICS, type KpiOptions } from '../../src/metrics/kpis.js';
import { generate, oracle, ts, type Oracle } from './cx-oracle.js';
import { compareProportions } from '../../src/metrics/compare.js';
import { normalCdf } from '../../src/metrics/stats.js';
import { expectNear, npsCi, wilsonPct } from './near.js';

type Row = Record<string, unknown>;

/** Windows (j, a, b, key) as SQL: previous and current range, or the periods of [from, to). */
function windows(o: KpiOptions, spark: boolean): string {
  const from = ts(String(o.from));
  const to = ts(String(o.to));
  if (!spark)
    return `SELECT * FROM (VALUES (0, ${from} - (${to} - ${from}), ${from}, ''), (1, ${from}, ${to}, '')) w(j, a, b, pkey)`;
  const p = o.period!;
  return `SELECT (row_number() OVER (ORDER BY s) - 1)::INTEGER j, greatest(s, ${from}) a, least(s + INTERVAL 1 ${p}, ${to}) b, strftime(s::DATE, '%Y-%m-%d') pkey
    FROM (SELECT unnest(generate_series(date_trunc('${p}', ${from}), ${to} - INTERVAL 1 MICROSECOND, INTERVAL 1 ${p})) s)`;
}

/** Per window: value and n of every card, straight from the definitions of SPEC §3.7. */
function cardsSql(
  o: KpiOptions,
  spark: boolean,
  activation: string,
  features: readonly string[],
): string {
  const list = features.map((f) => `'${f}'`).join(', ') || "''";
  return `
  WITH w AS (${windows(o, spark)}),
  churn AS (SELECT j, count(c.customer_id) FILTER (WHERE c.signup < a AND (c.churned IS NULL OR c.churned >= a)) den,
      count(c.customer_id) FILTER (WHERE c.signup < a AND c.churned >= a AND c.churned < b) num
    FROM w LEFT JOIN customers_v c ON true GROUP BY j),
  act AS (SELECT c.signup, EXISTS (SELECT 1 FROM activity_v x WHERE x.customer_id = c.customer_id AND x.ts >= c.signup AND x.ts < c.signup + INTERVAL ${activation}
      AND NOT (x.event IN ('signup', 'sign_up') OR starts_with(x.event, 'signup_'))) ok
    FROM customers_v c WHERE c.signup IS NOT NULL),
  activation AS (SELECT j, count(act.signup) den, count(act.signup) FILTER (WHERE ok) num FROM w LEFT JOIN act ON act.signup >= a AND act.signup < b GROUP BY j),
  adoption AS (SELECT j, count(DISTINCT x.customer_id) den, count(DISTINCT x.customer_id) FILTER (WHERE x.event IN (${list})) num
    FROM w LEFT JOIN activity_v x ON x.ts >= a AND x.ts < b GROUP BY j),
  sv AS (SELECT j, count(*) FILTER (WHERE kind = 'nps')::DOUBLE nn, count(*) FILTER (WHERE kind = 'nps' AND score >= 9) pr,
      count(*) FILTER (WHERE kind = 'nps' AND score < 7) de, count(*) FILTER (WHERE kind = 'csat')::DOUBLE cn,
      count(*) FILTER (WHERE kind = 'csat' AND score >= 4) sat, count(*) FILTER (WHERE kind = 'ces') en, avg(score) FILTER (WHERE kind = 'ces') ces,
      var_samp(score) FILTER (WHERE kind = 'ces') cesvar
    FROM w LEFT JOIN surveys_v s ON s.ts >= a AND s.ts < b GROUP BY j),
  tk AS (SELECT j, count(t.ticket_id) vol, count(*) FILTER (WHERE resolved IS NOT NULL AND contacts = 1) fy,
      count(*) FILTER (WHERE resolved IS NOT NULL AND contacts IS NOT NULL) fk,
      count(responded) rn, median((epoch_ms(responded) - epoch_ms(opened)) / 60000::DOUBLE) rm,
      count(resolved) sn, median((epoch_ms(resolved) - epoch_ms(opened)) / 60000::DOUBLE) sm
    FROM w LEFT JOIN tickets_v t ON t.opened >= a AND t.opened < b GROUP BY j)
  SELECT w.j, w.pkey,
    churn.num / nullif(churn.den, 0) churnRate_v, churn.den churnRate_n, churn.num churnRate_x,
    CASE WHEN nn > 0 THEN 100 * (pr - de) / nn END nps_v, nn nps_n, pr nps_pr, de nps_de,
    CASE WHEN cn > 0 THEN 100 * sat / cn END csat_v, cn csat_n, sat csat_x,
    ces ces_v, en ces_n, cesvar / nullif(en, 0) ces_se2,
    fy / nullif(fk, 0) fcr_v, fk fcr_n, fy fcr_x,
    rm firstResponseMedian_v, rn firstResponseMedian_n,
    sm resolutionMedian_v, sn resolutionMedian_n,
    vol ticketVolume_v, vol ticketVolume_n,
    activation.num / nullif(activation.den, 0) activation_v, activation.den activation_n, activation.num activation_x,
    adoption.num / nullif(adoption.den, 0) adoption_v, adoption.den adoption_n, adoption.num adoption_x
  FROM w JOIN churn USING (j) JOIN activation USING (j) JOIN adoption USING (j) JOIN sv USING (j) JOIN tk USING (j)
  ORDER BY w.j`;
}

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/** The shares (numerator in `<metric>_x`) and the unit of their value. */
const SHARES: Partial<Record<string, number>> = { churnRate: 1, csat: 100, fcr: 1, activation: 1, adoption: 1 };

/** A window's interval from the SQL counts: Wilson for the shares, SPEC §3.2 for NPS. */
function intervalOf(metric: string, r: Row): { ciLow: number | null; ciHigh: number | null } {
  const n = num(r[`${metric}_n`]);
  const scale = SHARES[metric];
  if (!n) return { ciLow: null, ciHigh: null };
  if (scale !== undefined) {
    const [lo, hi] = wilsonPct(num(r[`${metric}_x`])!, n);
    return { ciLow: (lo / 100) * scale, ciHigh: (hi / 100) * scale };
  }
  if (metric !== 'nps') return { ciLow: null, ciHigh: null };
  const [lo, hi] = npsCi(num(r.nps_pr)!, num(r.nps_de)!, n);
  return { ciLow: lo, ciHigh: hi };
}

/** The squared standard error of a window's NPS (SPEC §3.2) or mean CES (sample variance / n). */
function se2(metric: string, r: Row): number {
  if (metric === 'ces') return num(r.ces_se2)!;
  const n = num(r.nps_n)!;
  const [p, d] = [num(r.nps_pr)! / n, num(r.nps_de)! / n];
  return (1e4 * (p + d - (p - d) ** 2)) / n;
}

/**
 * The change of a card: compareProportions on the SQL counts for the shares; a z-test
 * on the difference with its Wald interval for NPS and CES (default minSample 30).
 */
function changeOf(metric: string, prev: Row, cur: Row) {
  const [pn, cn] = [num(prev[`${metric}_n`])!, num(cur[`${metric}_n`])!];
  const tooFew = pn < 30 || cn < 30;
  const scale = SHARES[metric];
  const none = { deltaLow: null, deltaHigh: null, pValue: null, test: null, tooFew };
  if ((metric === 'nps' || metric === 'ces') && !tooFew) {
    const se = Math.sqrt(se2(metric, prev) + se2(metric, cur));
    const diff = num(cur[`${metric}_v`])! - num(prev[`${metric}_v`])!;
    const test = metric === 'nps' ? 'npsZ' : 'meanZ';
    return { deltaLow: diff - 1.959964 * se, deltaHigh: diff + 1.959964 * se, pValue: 2 * normalCdf(-Math.abs(diff / se)), test, tooFew };
  }
  if (scale === undefined || !pn || !cn) return none;
  const c = compareProportions({ x: num(cur[`${metric}_x`])!, n: cn }, { x: num(prev[`${metric}_x`])!, n: pn });
  const unit = (v: number | null) => (v === null ? null : v * scale);
  return { deltaLow: unit(c.diffLow), deltaHigh: unit(c.diffHigh), pValue: c.pValue, test: c.test, tooFew: c.tooFew };
}

describe('kpis against DuckDB', function () {
  this.timeout(120_000);
  let db: Oracle;
  let tables: NormalizedTables;

  before(async () => {
    const data = generate(20250417);
    tables = validate(data.raw).tables;
    db = await oracle(data.sql);
  });
  after(() => db?.close());

  const cases: [KpiOptions, string][] = [
    [
      {
        from: '2025-03-01T00:00:00Z',
        to: '2025-05-01T00:00:00Z',
        features: ['teleconsult'],
        period: 'month',
      },
      '7 DAY',
    ],
    [
      {
        from: '2024-11-17T05:00:00Z',
        to: '2025-02-03T00:00:00Z',
        features: ['teleconsult', 'lab_results'],
        period: 'week',
        timeZone: 'America/Sao_Paulo',
        activationWindow: 'P10D',
      },
      '10 DAY',
    ],
    [
      {
        from: '2024-06-01T00:00:00Z',
        to: '2024-06-02T00:00:00Z',
        features: ['login'],
        period: 'day',
        activationWindow: 'PT36H',
      },
      '36 HOUR',
    ],
  ];
  for (const [o, activation] of cases) {
    it(`every card ${JSON.stringify(o)}`, async () => {
      await db.run(`SET TimeZone = '${o.timeZone ?? 'UTC'}'`);
      const main = await db.all(cardsSql(o, false, activation, o.features ?? []));
      const spark = await db.all(cardsSql(o, true, activation, o.features ?? []));
      await db.run("SET TimeZone = 'UTC'");
      const expected = KPI_METRICS.map((metric) => {
        const [prev, cur] = [main[0], main[1]].map((r: Row) => ({
          v: num(r[`${metric}_v`]),
          n: num(r[`${metric}_n`]),
        }));
        return {
          metric,
          value: cur.v,
          previous: prev.v,
          delta: cur.v !== null && prev.v !== null ? cur.v - prev.v : null,
          n: cur.n,
          previousN: prev.n,
          ...intervalOf(metric, main[1]),
          ...changeOf(metric, main[0], main[1]),
          sparkline: spark.map((r) => ({
            period: r.pkey,
            value: num(r[`${metric}_v`]),
            n: num(r[`${metric}_n`]),
            ...intervalOf(metric, r),
          })),
        };
      });
      const actual = kpis(tables, o);
      expect(actual[0].sparkline!.length).to.be.greaterThan(0);
      expect(actual.every((r) => r.n! > 0)).to.equal(true);
      expectNear(actual, expected);
      // The change of the shares is tested somewhere in these cases, not only "too few".
      expect(actual.filter((r) => r.test !== null).length, 'tested cards').to.be.greaterThan(0);
    });
  }
});
