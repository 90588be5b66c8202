// atRisk in ClickHouse (18.16: no window functions, one JOIN per SELECT). Each customer's distinct active days come back as an array
// (groupUniqArray in one level over the activity, so each shard sends its own), sorted,
// and arrayDifference gives the gaps between them; with the last activity, open tickets
// and last NPS score, they are the readings compile/at-risk.ts reads for the other
// engines (readingOf), for the customers those readings can flag; which signals fire,
// the rows and their order are atRisk's own.
import { checkAtRiskOptions, type AtRiskSettings } from '../../../metrics/at-risk-options.js';
import { DAY_MS } from '../../../time/civil.js';
import { finishAtRisk, readsOf, type Reads } from '../../compile/at-risk.js';
import { totalsOf } from '../../compile/at-risk-top.js';
import { topStatements } from './at-risk-top.js';
import type { ChCompiler } from '../context.js';
import { int, num, strs } from '../literal.js';
import { valueOf } from '../values.js';
import { inRange, labelled, segmentValue, type ChMetricCompiler } from './common.js';

/** The counted activity before asOf, in one level over the table (c.scan). */
function counted(c: ChCompiler, s: AtRiskSettings) {
  const scan = c.scan('activity')!;
  const where = [scan.where, inRange(scan.col('at'), -Infinity, s.asOf)];
  if (s.events) where.push(`${scan.col('event')} IN ${strs(s.events)}`);
  return { ...scan, where };
}

/**
 * Per customer: last counted activity before asOf, and the count, lower and upper middle
 * of its gaps — for the customers of `candidates` alone (their days, sorted, are the costly part).
 */
function activitySql(c: ChCompiler, s: AtRiskSettings, candidates: string): string {
  const scan = counted(c, s);
  const at = scan.col('at');
  const where = [...scan.where, `${scan.col('customer_id')} ${c.global}IN ${candidates}`];
  const perCustomer = `SELECT ${scan.col('customer_id')} AS ra__id, groupUniqArray(floor(assumeNotNull(${at}) / ${DAY_MS})) AS days, max(assumeNotNull(${at})) AS ra_last
FROM ${scan.from} WHERE ${where.join(' AND ')} GROUP BY ${scan.col('customer_id')}`;
  const gaps = `arraySort(arrayPopFront(arrayDifference(arraySort(days))))`;
  return `SELECT ra__id AS customer_id, ra_last, length(g) AS gaps, arrayElement(g, intDiv(length(g) - 1, 2) + 1) AS lo, arrayElement(g, intDiv(length(g), 2) + 1) AS hi
FROM (SELECT ra__id, ra_last, ${gaps} AS g FROM (${perCustomer}))`;
}

function ticketsSql(c: ChCompiler, s: AtRiskSettings): string {
  const asOf = num(s.asOf);
  return `SELECT customer_id, count() AS open FROM ${c.filtered('tickets')}
WHERE opened_at <= ${num(s.asOf - s.ticketDays * DAY_MS)} AND opened_at < ${asOf} AND (isNull(resolved_at) OR resolved_at > ${asOf})
GROUP BY customer_id`;
}

/** The last answer's score: the latest, and at one instant the lowest (argMax over (at, −score)). */
function npsSql(c: ChCompiler, s: AtRiskSettings): string {
  const scan = c.scan('surveys')!;
  const [at, score, id] = [scan.col('at'), scan.col('score'), scan.col('customer_id')];
  const where = [scan.where, `${scan.col('kind')} = 'nps'`, `isNotNull(${id})`, inRange(at, s.asOf - s.npsDays * DAY_MS, s.asOf)];
  const last = `SELECT ${id} AS rn__id, argMax(assumeNotNull(${score}), tuple(assumeNotNull(${at}), -assumeNotNull(${score}))) AS rn_score
FROM ${scan.from} WHERE ${where.join(' AND ')} GROUP BY ${id}`;
  return `SELECT rn__id AS customer_id, rn_score FROM (${last})`;
}

function valueSql(c: ChCompiler, value: string): string {
  const ref = c.column('customers', value);
  if (!ref) throw new RangeError(`atRisk: value '${value}' is not a column of the customers table`);
  const v = valueOf(c, ref, value, 'value');
  if (v.mode !== 'num') c.refuse('value', `column '${value}' is not numeric`);
  return v.sql;
}

/**
 * The customers some reading can flag, whatever the others say (minSignals is at least
 * one): silent for minQuietDays at least, with an open ticket, or with a last NPS score
 * of 6 or less. Only theirs are the days read (a necessary test; the final WHERE decides).
 */
function candidatesSql(c: ChCompiler, s: AtRiskSettings, read: Reads): string {
  const scan = counted(c, s);
  const id = scan.col('customer_id');
  const quiet = `SELECT ${id} AS rc__id FROM ${scan.from} WHERE ${scan.where.join(' AND ')} GROUP BY rc__id
HAVING floor((${num(s.asOf)} - max(assumeNotNull(${scan.col('at')}))) / ${DAY_MS}) >= ${int(s.minQuietDays)}`;
  const parts = [quiet];
  if (read.tickets) parts.push(`SELECT customer_id AS rc__id FROM (${ticketsSql(c, s)})`);
  if (read.nps) parts.push(`SELECT customer_id AS rc__id FROM (${npsSql(c, s)}) WHERE rn_score <= 6`);
  return `(${parts.join(' UNION ALL ')})`;
}

/** The customers still here, then each reading joined on (one JOIN per level), kept when it can flag them. */
function selectSql(c: ChCompiler, s: AtRiskSettings, read: Reads): string {
  const asOf = num(s.asOf);
  const items = ['customer_id AS id'];
  if (s.by !== undefined) {
    items.push(`${labelled(segmentValue(c, 'customers', s.by).value)} AS seg`);
  }
  if (s.value !== undefined) items.push(`${valueSql(c, s.value)} AS val`);
  let rel = `(SELECT customer_id, ${items.join(', ')} FROM ${c.filtered('customers')}
  WHERE (isNull(signup_at) OR signup_at <= ${asOf}) AND (isNull(churned_at) OR churned_at > ${asOf}))`;
  const can: string[] = [];
  // Columns named at each level: 18.16's `*` over a JOIN is the left side's columns only.
  const names = ['customer_id', 'id', ...(s.by !== undefined ? ['seg'] : []), ...(s.value !== undefined ? ['val'] : [])];
  const join = (sql: string, added: string[]) => {
    names.push(...added);
    rel = `(SELECT ${names.join(', ')} FROM ${rel} ANY LEFT JOIN (${sql}) USING customer_id)`;
  };
  if (read.activity) {
    join(activitySql(c, s, candidatesSql(c, s, read)), ['ra_last', 'gaps', 'lo', 'hi']);
    const quiet = `floor((${asOf} - ra_last) / ${DAY_MS})`;
    can.push(`gaps >= ${int(s.minGaps)} AND ${quiet} >= ${int(s.minQuietDays)} AND ${quiet} >= ${num(s.gapFactor)} * lo`);
  }
  if (read.tickets) {
    join(ticketsSql(c, s), ['open']);
    can.push('open > 0');
  }
  if (read.nps) {
    join(npsSql(c, s), ['rn_score']);
    can.push('rn_score <= 6');
  }
  // A customer without a reading has NULLs there (the engine sets join_use_nulls): no flag.
  const flags = can.length ? can.map((x) => `if(ifNull(${x}, 0), 1, 0)`).join(' + ') : '0';
  const readings = [
    ...(read.activity ? ['ra_last AS last', 'gaps', 'lo', 'hi'] : []),
    ...(read.tickets ? ['open'] : []),
    ...(read.nps ? ['rn_score AS score'] : []),
  ];
  return `SELECT ${['id', ...(s.by !== undefined ? ['seg'] : []), ...(s.value !== undefined ? ['val'] : []), ...readings].join(', ')}
FROM ${rel} WHERE ${flags} >= ${int(s.minSignals)}`;
}

export const compileAtRisk: ChMetricCompiler = (c, options) => {
  const s = checkAtRiskOptions(options);
  c.require('customers');
  const read = readsOf(c, s);
  const statements = topStatements(s, read, selectSql(c, s, read));
  return {
    statements,
    // Without a limit the rows are the whole list, and the totals theirs.
    finish: ([rows, totals]) => finishAtRisk(rows, s, read, totals && totalsOf(totals[0])) as never,
  };
};
