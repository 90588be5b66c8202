// valueConcentration and paretoCurve in SQL: each customer ranked within the segment by
// value, highest first (ties by customer_id), with window functions; per segment the
// sums topShare and Gini divide (top ceil(top·n) and Σ (n − 2·rank + 1)·x), and for the
// curve the running sum at only the ranks the curve shows, so the answer stays small.
// Suppression and the shares are the kernel's own (concentrationRows, paretoPoints).
import type { Row } from '../../data/schema.js';
import { NONE } from '../../metrics/input.js';
import { segmentOrder } from '../../metrics/options.js';
import { checkValueOptions, concentrationRows, paretoPoints, TOP_EPSILON, type ValueSegment, type ValueSettings } from '../../metrics/value.js';
import type { Compiler } from '../context.js';
import type { DbRow } from '../engine.js';
import { count, num } from '../sql.js';
import { valueOf } from '../values.js';
import { segmentLabel, segmentSql, type MetricCompiler } from './common.js';

/** The value of each customer as the kernel reads it: a number (null when it has none). */
function valueSql(c: Compiler, value: string): string {
  const ref = c.column('customers', value, 's');
  if (!ref) throw new RangeError(`${c.metric}: value '${value}' is not a column of the customers table`);
  const v = valueOf(c, ref, value, 'value');
  if (v.mode !== 'num') c.refuse('value', `column '${value}' is not numeric`);
  return c.d.double(v.sql);
}

/** Each customer's segment, value, whether it counts (x ≥ 0), rank within the counted ones, and their number. */
function ranked(c: Compiler, s: ValueSettings, curve: boolean): string {
  const joins: string[] = [];
  const seg = s.by === undefined ? 'NULL' : segmentSql(c, 'customers', 's', s.by, joins);
  const x = valueSql(c, s.value);
  const asOf = s.asOf === undefined ? 'TRUE' : `coalesce(s.signup_at <= ${c.p.num(s.asOf)}, TRUE) AND coalesce(s.churned_at > ${c.p.num(s.asOf)}, TRUE)`;
  const base = `SELECT ${seg} AS seg, ${x} AS x, coalesce(${x} >= 0, FALSE) AS ok, s.customer_id AS id FROM ${c.filtered('customers')} s ${joins.join(' ')} WHERE ${asOf}`;
  const order = 'PARTITION BY seg, ok ORDER BY x DESC, id';
  return c.define(
    'ranked',
    `SELECT seg, x, ok, row_number() OVER (${order}) AS rk, count(*) OVER (PARTITION BY seg, ok) AS n${
      curve ? `, sum(x) OVER (${order} ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS cum` : ''
    } FROM (${base}) b`,
  );
}

/** Per segment: counted customers, total, the two sums, and the customers left out. */
function segmentsSelect(c: Compiler, s: ValueSettings, from: string): string {
  const k = `ceil(${c.d.double('n')} * ${c.p.num(s.top)} - ${c.p.num(TOP_EPSILON)})`;
  return `SELECT seg, count(*) FILTER (WHERE ok) AS n, sum(x) FILTER (WHERE ok) AS total,
  sum(x) FILTER (WHERE ok AND rk <= ${k}) AS top_sum, sum(${c.d.double('n - 2 * rk + 1')} * x) FILTER (WHERE ok) AS gini_sum,
  count(*) FILTER (WHERE NOT ok) AS excluded
FROM ${from} GROUP BY seg`;
}

/** The ranks the curve shows (rank = round(p · n / steps) for some p): all when points ≥ n + 1. */
function shownRank(c: Compiler, points: number): string {
  if (!Number.isFinite(points)) return 'TRUE';
  const steps = c.p.num(points - 1);
  const round = (x: string) => `floor(${x} + 0.5)`;
  // The p whose rank it may be: round(rank · steps / n), and its neighbours against rounding.
  const p = round(`${c.d.double('rk')} * ${steps} / n`);
  const hit = (q: string) => `${round(`(${q}) * n / ${steps}`)} = rk`;
  return `(n <= ${steps} OR ${hit(p)} OR ${hit(`${p} - 1`)} OR ${hit(`${p} + 1`)})`;
}

/** The segments' sums from the grouped rows, in display order; every dialect reads them here. */
export function valueSegments(rows: readonly DbRow[], by: string | undefined): ValueSegment[] {
  const segments = rows.map((r) => ({
    label: by === undefined ? undefined : segmentLabel(r.seg),
    customers: count(r.n),
    total: num(r.total) ?? 0,
    topSum: num(r.top_sum) ?? 0,
    giniSum: num(r.gini_sum) ?? 0,
    excluded: count(r.excluded),
  }));
  if (by === undefined) return segments;
  return segmentOrder(segments.map((g) => g.label!), new Uint8Array(segments.length).fill(1)).map((i) => segments[i]);
}

/** paretoCurve's points from the segments and the running sums at the ranks shown (seg, rk, cum). */
export function paretoAnswer(segments: readonly ValueSegment[], sums: readonly DbRow[], s: ValueSettings): Row[] {
  const cum = new Map<string, number>();
  for (const r of sums) cum.set(`${segmentLabel(r.seg)}\u0000${count(r.rk)}`, num(r.cum)!);
  return paretoPoints(segments, s, (i, k) => {
    const at = cum.get(`${segments[i].label ?? NONE}\u0000${k}`);
    if (at === undefined) throw new Error(`paretoCurve: the source sent no running sum at rank ${k}`);
    return at;
  }) as never;
}

export const compileValue: MetricCompiler = (c, options, fork) => {
  const s = checkValueOptions(options, c.metric);
  c.require('customers');
  const statements = [c.statement(segmentsSelect(c, s, ranked(c, s, false)))];
  if (c.metric === 'valueConcentration') {
    return { statements, finish: ([rows]) => concentrationRows(valueSegments(rows, s.by), s.minCellSize) as never };
  }
  // Its own compiler: a statement binds only the parameters it uses.
  const e = fork();
  statements.push(e.statement(`SELECT seg, rk, cum FROM ${ranked(e, s, true)} WHERE ok AND ${shownRank(e, s.points)}`));
  return { statements, finish: ([rows, sums]) => paretoAnswer(valueSegments(rows, s.by), sums, s) };
};
