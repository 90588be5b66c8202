// atRisk in SQL: each customer still here at asOf read into the quantities its signals
// come from (last counted activity, the count and two middle values of the gaps
// between its active days, open tickets, last NPS score), only for the customers those
// readings can flag; which signals fire, the rows and their order are atRisk's own
// (atRiskRow, rankAtRisk). Gaps are between distinct UTC days, `lag` over a customer's
// days, taken only for the customers whose other readings already make them candidates.
import { checkAtRiskOptions, SIGNAL_TABLE, type AtRiskSettings, type AtRiskSignal } from '../../metrics/at-risk-options.js';
import { atRiskRow, countTotals, daysSince, rankAtRisk, usualGap, type AtRiskRow, type AtRiskTotals, type RankedAtRiskRow } from '../../metrics/at-risk-rows.js';
import type { TableName } from '../../data/schema.js';
import { DAY_MS } from '../../time/civil.js';
import type { Compiler } from '../context.js';
import type { DbRow } from '../engine.js';
import { count, num } from '../sql.js';
import { labelOf, valueOf } from '../values.js';
import { topSql, totalsOf } from './at-risk-top.js';
import { inRange, segmentSql, type MetricCompiler } from './common.js';

/** The counted activity before asOf (rows `a`). */
function countedSql(c: Compiler, s: AtRiskSettings): string {
  const counted = s.events ? ` AND ${c.d.inList('a.event', c.p.texts(s.events))}` : '';
  return `${c.filtered('activity')} a WHERE ${inRange(c, 'a.at', -Infinity, s.asOf, 'a.at__ts')}${counted}`;
}

/**
 * The count, lower and upper middle of the gaps (days) between the distinct active days
 * of the customers of `cand` (only theirs: the days and their order are the costly part).
 */
function gapsSql(c: Compiler, s: AtRiskSettings, cand: string): string {
  const days = c.define(
    'ar_days',
    `SELECT a.customer_id, floor(${c.d.double('a.at')} / ${DAY_MS}) AS day FROM ${countedSql(c, s)}
  AND a.customer_id IN (SELECT customer_id FROM ${cand}) GROUP BY 1, 2`,
  );
  const gaps = c.define('ar_gaps', `SELECT customer_id, day - lag(day) OVER (PARTITION BY customer_id ORDER BY day) AS gap FROM ${days}`);
  return `SELECT customer_id, count(gap) AS gaps, ${c.d.lowerMiddle('gap')} AS lo, ${c.d.upperMiddle('gap')} AS hi FROM ${gaps} GROUP BY 1`;
}

/** Per customer: tickets opened at least ticketDays before asOf and not resolved by then. */
function ticketsSql(c: Compiler, s: AtRiskSettings): string {
  const asOf = c.p.num(s.asOf);
  return `SELECT t.customer_id, count(*) AS open FROM ${c.filtered('tickets')} t
WHERE t.opened_at <= ${c.p.num(s.asOf - s.ticketDays * DAY_MS)} AND t.opened_at < ${asOf} AND (t.resolved_at IS NULL OR t.resolved_at > ${asOf})
GROUP BY 1`;
}

/** Per customer: the score of the last NPS answer in [asOf − npsDays, asOf); at the same instant, the lowest. */
function npsSql(c: Compiler, s: AtRiskSettings): string {
  const answers = `SELECT n.customer_id, n.score, row_number() OVER (PARTITION BY n.customer_id ORDER BY n.at DESC, n.score ASC) AS k
FROM ${c.filtered('surveys')} n WHERE n.kind = 'nps' AND n.customer_id IS NOT NULL AND ${inRange(c, 'n.at', s.asOf - s.npsDays * DAY_MS, s.asOf, 'n.at__ts')}`;
  return `SELECT customer_id, score FROM (${answers}) x WHERE k = 1`;
}

/** The value column (`value`), numeric; refused when the customers table holds it as text. */
function valueSql(c: Compiler, value: string): string {
  const ref = c.column('customers', value, 'k');
  if (!ref) throw new RangeError(`atRisk: value '${value}' is not a column of the customers table`);
  const v = valueOf(c, ref, value, 'value');
  if (v.mode !== 'num') c.refuse('value', `column '${value}' is not numeric`);
  return v.sql;
}

/** The signals asked for whose table the source has (the kernel reads the others as absent). */
export interface Reads {
  activity: boolean;
  tickets: boolean;
  nps: boolean;
}

export function readsOf(c: { has(table: TableName): boolean }, s: AtRiskSettings): Reads {
  const uses = (x: AtRiskSignal) => s.signals.includes(x) && c.has(SIGNAL_TABLE[x]);
  return { activity: uses('activity'), tickets: uses('tickets'), nps: uses('nps') };
}

/**
 * The statement, in two steps. Candidates: the customers still here whose last activity,
 * tickets and NPS answer can flag them (a silence of minQuietDays at least); then the
 * gaps of the candidates alone, and the rows whose readings can flag them (a necessary
 * test: atRiskRow decides).
 */
function selectSql(c: Compiler, s: AtRiskSettings, read: Reads): string {
  const asOf = c.p.num(s.asOf);
  const joins: string[] = [];
  const items = ['k.customer_id'];
  const can: string[] = [];
  if (s.by !== undefined) items.push(`${segmentSql(c, 'customers', 'k', s.by, joins)} AS seg`);
  if (s.value !== undefined) items.push(`${valueSql(c, s.value)} AS val`);
  const days = `floor((${asOf} - r.last) / ${DAY_MS})`;
  if (read.activity) {
    joins.push(`LEFT JOIN (SELECT a.customer_id, max(a.at) AS last FROM ${countedSql(c, s)} GROUP BY 1) ra ON ra.customer_id = k.customer_id`);
    items.push('ra.last');
    can.push(`${days} >= ${c.p.num(s.minQuietDays)}`);
  }
  if (read.tickets) {
    joins.push(`LEFT JOIN (${ticketsSql(c, s)}) rt ON rt.customer_id = k.customer_id`);
    items.push('coalesce(rt.open, 0) AS open');
    can.push('r.open > 0');
  }
  if (read.nps) {
    joins.push(`LEFT JOIN (${npsSql(c, s)}) rn ON rn.customer_id = k.customer_id`);
    items.push('rn.score');
    can.push('r.score <= 6');
  }
  const enough = (tests: string[]) => `${tests.length ? tests.map((x) => `CASE WHEN ${x} THEN 1 ELSE 0 END`).join(' + ') : '0'} >= ${c.p.num(s.minSignals)}`;
  const here = `SELECT ${items.join(', ')} FROM ${c.filtered('customers')} k ${joins.join(' ')}
WHERE (k.signup_at IS NULL OR k.signup_at <= ${asOf}) AND (k.churned_at IS NULL OR k.churned_at > ${asOf})`;
  const cand = c.define('ar_cand', `SELECT * FROM (${here}) r WHERE ${enough(can)}`);
  if (!read.activity) return `SELECT r.customer_id AS id, r.* FROM ${cand} r`;
  // Days since ≥ gapFactor × lower middle: implied by ≥ gapFactor × median (rounding is monotone).
  can[0] = `${can[0]} AND g.gaps >= ${c.p.num(s.minGaps)} AND ${days} >= ${c.p.num(s.gapFactor)} * g.lo`;
  return `SELECT r.customer_id AS id, r.*, g.gaps, g.lo, g.hi FROM ${cand} r LEFT JOIN (${gapsSql(c, s, cand)}) g ON g.customer_id = r.customer_id
WHERE ${enough(can)}`;
}

/** A customer's row from its readings, as the kernel finishes it. */
function rowOf(r: DbRow, s: AtRiskSettings, read: Reads): RankedAtRiskRow | undefined {
  const last = num(r.last);
  return atRiskRow(
    {
      customerId: String(r.id),
      ...(s.by !== undefined ? { segment: labelOf(r.seg) } : {}),
      ...(s.value !== undefined ? { value: num(r.val) ?? NaN } : {}),
      daysSince: read.activity && last !== null ? daysSince(s.asOf, last) : NaN,
      usualGap: read.activity && last !== null ? usualGap(count(r.gaps), num(r.lo) ?? NaN, num(r.hi) ?? NaN, s.minGaps) : NaN,
      openTickets: read.tickets ? count(r.open) : -1,
      lastNps: read.nps ? num(r.score) ?? NaN : NaN,
    },
    s,
  );
}

export const compileAtRisk: MetricCompiler = (c, options) => {
  const s = checkAtRiskOptions(options);
  c.require('customers');
  const read = readsOf(c, s);
  const select = topSql(c, s, read, selectSql(c, s, read));
  return { statements: [c.statement(select)], finish: ([rows]) => finishAtRisk(rows, s, read, totalsOf(rows[0])) as never };
};

/**
 * The rows from the readings every dialect returns (id, seg, val, last, gaps, lo, hi,
 * open, score; null where not read) — the first `limit` of the ranking and its ties —
 * ranked and cut with the totals the source counted: read here for every engine.
 */
export function finishAtRisk(rows: readonly DbRow[], s: AtRiskSettings, read: Reads, totals?: AtRiskTotals): AtRiskRow[] {
  const listed: RankedAtRiskRow[] = [];
  for (const r of rows) {
    const row = rowOf(r, s, read);
    if (row) listed.push(row);
  }
  return rankAtRisk(listed, s.limit, totals ?? countTotals(listed));
}
