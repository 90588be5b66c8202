// kpis in ClickHouse: each asked card's counts per window (the range and the one before
// it, and each sparkline period), grouped by the server; the series, suppression and
// deltas are kpis' own, from the rows as compile/kpis-read.ts reads them for every dialect.
import { checkKpiOptions, sparkBounds, type KpiSettings } from '../../../metrics/kpis.js';
import {
  kpisFromGroups,
  readChurn,
  readRatio,
  readSurveys,
  readTickets,
  type KpiRead,
} from '../../compile/kpis-read.js';
import type { ChCompiler } from '../context.js';
import { num as lit, str, strs } from '../literal.js';
import { dedupCounts, type DedupCounts } from '../dedup.js';
import { addDurationMs } from '../time.js';
import type { ChMetricCompiler } from './common.js';
import { before, mainWindows, since, sparkWindows, type ChWindows } from './kpis-windows.js';
import { ticketItems } from './tickets.js';

/** A card's statements, and its rows from their results (by default, the one statement's). */
type Part = { statement: string; read: KpiRead; more?: DedupCounts };

/**
 * The filtered rows of activity or surveys in one level (c.scan), so that on a
 * Distributed table each shard aggregates its own rows: `from` (FROM … WHERE … with the
 * window index `j` defined), the relation's columns by `col`.
 */
function rows(c: ChCompiler, table: 'surveys' | 'activity', w: ChWindows) {
  const scan = c.scan(table)!;
  const col = scan.col;
  return {
    col,
    from: `${scan.from} WHERE ${scan.where} AND NOT ignore(${w.index(col('at__ts'))} AS j)`,
  };
}

function surveyPart(c: ChCompiler, s: KpiSettings, w: ChWindows): Part {
  const { col, from } = rows(c, 'surveys', w);
  const [kind, score] = [col('kind'), col('score')];
  const statement = `SELECT j, countIf(${kind} = 'nps' AND ${score} >= 9) AS pr, countIf(${kind} = 'nps' AND ${score} >= 7 AND ${score} < 9) AS pa,
  countIf(${kind} = 'nps' AND ${score} < 7) AS de, countIf(${kind} = 'csat') AS csat_n, countIf(${kind} = 'csat' AND ${score} >= ${lit(s.satisfiedMin)}) AS sat,
  countIf(${kind} = 'ces') AS ces_n, sumIf(${score}, ${kind} = 'ces') AS ces_sum,
  sumIf(${score} * ${score}, ${kind} = 'ces') AS ces_sq
FROM ${from} GROUP BY j`;
  return { statement, read: readSurveys(w.count) };
}

function ticketPart(c: ChCompiler, w: ChWindows): Part {
  const statement = `SELECT j, ${ticketItems()}
FROM (SELECT ${w.index('opened_at__ts')} AS j, opened_at, first_response_at, resolved_at, contacts FROM ${c.filtered('tickets')}) GROUP BY j`;
  return { statement, read: readTickets(w.count) };
}

function churnPart(c: ChCompiler, w: ChWindows): Part {
  // No id repeats (facts.ts): every valid row is a customer, counted where it is read.
  if (c.colocated || !c.duplicates('customers')) return churnOnShards(c, w);
  const hi = `multiIf(isNull(churned_at), NULL, ${w.startsUpTo('churned_at__ts')})`;
  const statement = `SELECT lo, hi, j, count() AS n
FROM (SELECT ${w.startsUpTo('signup_at__ts')} AS lo, ${hi} AS hi, ${w.index('churned_at__ts')} AS j
  FROM ${c.filtered('customers')} WHERE isNotNull(signup_at))
GROUP BY lo, hi, j`;
  return { statement, read: readChurn(w.count) };
}

/**
 * Each shard counts its own customers per sign-up and churn windows: sharded by
 * customer, duplicates of an id set apart and settled in TypeScript (dedup.ts); when no
 * id repeats, for any sharding (dedup.ts's one statement, merged at the initiator).
 */
function churnOnShards(c: ChCompiler, w: ChWindows): Part {
  const counts = dedupCounts(
    c,
    'customers',
    (col) => [
      ['lo', w.startsUpTo(col('signup_at__ts'))],
      // Tested on the DateTime, null exactly when the ms are: a column that is not
      // Nullable makes the test a constant (no filter pass, no ms computed per row).
      ['hi', `multiIf(isNull(${col('churned_at__ts')}), NULL, ${w.startsUpTo(col('churned_at__ts'))})`],
      ['j', w.index(col('churned_at__ts'))],
    ],
    (col) => `isNotNull(${col('signup_at__ts')})`,
  );
  return { statement: counts.statements[0], more: counts, read: readChurn(w.count) };
}

/** The events that count as activity (SPEC §3.7): activationEvents, else every event but the sign-up itself (isSignupEvent). */
function countedEvent(s: KpiSettings, event: string): string {
  if (s.activationEvents) return `ifNull(${event} IN ${strs(s.activationEvents)}, 0)`;
  // startsWith, not substring: no copy of every event's prefix (a quarter of the activation card's CPU at 10M).
  const signup = `${event} IN (${str('signup')}, ${str('sign_up')}) OR startsWith(${event}, ${str('signup_')})`;
  return `ifNull(NOT (${signup}), 0)`;
}

function activationPart(c: ChCompiler, s: KpiSettings, w: ChWindows): Part {
  const lo = s.from - (s.to - s.from);
  const due = addDurationMs('signup_at__ts', 'signup_at', s.activationWindow, s.timeZone);
  // The customers who signed up in the windows, each once (one row per id) with its window
  // and deadline, sent to every shard (GLOBAL JOIN; sharded by customer, each shard joins
  // its own customers): each shard counts, per window, the distinct customers with a
  // counted event before their deadline (uniqExact, merged at the initiator; sharded by
  // customer, final on each shard), beside each window's customers (names a__… are no
  // host column's). readRatio adds up the rows of one window.
  // The activity's times compared as stored (whole seconds): at ≥ sign-up, and its second
  // before the deadline's ceiling (its ms below the deadline's), computed once per customer.
  // Both bounds are not NULL (the WHERE keeps sign-ups in range): assumeNotNull spares the
  // Nullable comparisons on every joined event.
  const signups = `(SELECT customer_id AS a__id, ${w.index('signup_at__ts')} AS a__j, assumeNotNull(signup_at__ts) AS a__t0, assumeNotNull(toInt64(ceil(${due} / 1000))) AS a__due FROM ${c.filtered('customers')} WHERE ${since('signup_at__ts', lo)} AND ${before('signup_at__ts', s.to)})`;
  const { from, where, col } = c.scan('activity')!;
  const at = col('at__ts');
  // Every counted event is at or after a sign-up in range and before its deadline: the
  // activity's own bounds, tested before the join (the table's sort key prunes them on
  // read; a third less joined at 10M). The latest deadline is bounded without the calendar:
  // a month is at most 31 days, a day at most 25 hours (DST); +1 s for the ceiling.
  const span = (s.activationWindow.months * 31 + s.activationWindow.days) * 25 * 3_600_000 + s.activationWindow.ms + 1000;
  const during = `${since(at, lo)} AND ${before(at, s.to + span)}`;
  const statement = c.perShard(`SELECT ${w.index('signup_at__ts')} AS j, count() AS den, toUInt64(0) AS num FROM ${c.filtered('customers')} GROUP BY j
UNION ALL
SELECT a__j AS j, toUInt64(0) AS den, uniqExact(${col('customer_id')} AS a__id) AS num FROM ${from} ${c.global}ANY INNER JOIN ${signups} USING a__id
  WHERE ${where} AND ${during} AND ${countedEvent(s, col('event'))} AND ${at} >= a__t0 AND toInt64(${at}) < a__due GROUP BY j`);
  return { statement, read: readRatio(w.count, 'activation') };
}

function adoptionPart(c: ChCompiler, s: KpiSettings, w: ChWindows): Part {
  const { col, from } = rows(c, 'activity', w);
  // Sharded by customer, each shard's counts are final (readRatio adds up the rows of one window).
  const statement = c.perShard(`SELECT j, uniqExact(${col('customer_id')}) AS den, uniqExactIf(${col('customer_id')}, ifNull(${col('event')} IN ${strs(s.features!)}, 0)) AS num
FROM ${from} GROUP BY j`);
  return { statement, read: readRatio(w.count, 'adoption') };
}

/** The parts one set of windows needs for the asked cards whose tables the source has. */
function parts(c: ChCompiler, s: KpiSettings, w: ChWindows): Part[] {
  const want = new Set<string>(s.metrics);
  const out: Part[] = [];
  if (['nps', 'csat', 'ces'].some((m) => want.has(m)) && c.has('surveys'))
    out.push(surveyPart(c, s, w));
  if (
    ['fcr', 'firstResponseMedian', 'resolutionMedian', 'ticketVolume'].some((m) => want.has(m)) &&
    c.has('tickets')
  )
    out.push(ticketPart(c, w));
  if (want.has('churnRate') && c.has('customers')) out.push(churnPart(c, w));
  if (want.has('activation') && c.has('customers') && c.has('activity'))
    out.push(activationPart(c, s, w));
  if (want.has('adoption') && s.features && c.has('activity')) out.push(adoptionPart(c, s, w));
  return out;
}

export const compileKpis: ChMetricCompiler = (c, options) => {
  const s = checkKpiOptions(options);
  // sparklineOnly: no statement for the range's own cards (kpis leaves them null).
  const main = s.sparklineOnly ? [] : parts(c, s, mainWindows(s.from - (s.to - s.from), s.from, s.to));
  const spark = s.bucket ? sparkBounds(s.bucket, s.from, s.to) : undefined;
  const sparkParts = spark ? parts(c, s, sparkWindows(s, spark.keys.length)) : [];
  const all = [...main, ...sparkParts];
  return {
    statements: all.flatMap((p) => (p.more ? p.more.statements : [p.statement])),
    finish(results) {
      // One result per part, but a part counted on the shards (dedup.ts): its statements'.
      let i = 0;
      const perPart = all.map((p) =>
        p.more ? p.more.rows(results.slice(i, (i += p.more.statements.length))) : results[i++],
      );
      return kpisFromGroups(
        s,
        main.map((p) => p.read),
        spark && { reads: sparkParts.map((p) => p.read), keys: spark.keys },
        perPart,
      );
    },
  };
};
