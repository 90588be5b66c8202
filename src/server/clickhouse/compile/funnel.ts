// funnel in ClickHouse (18.16: no window functions, so arrays and lambdas). Each unit (a
// customer, within a segment when `by` reads the activity table) gathers its events
// sorted in the SPEC §3.5 order: time, then step position at one instant, other events
// after them. Every attempt (a start event in [from, to), with its deadline) is followed
// in the arrays, as compile/funnel.ts follows it for the other engines:
// - ordered: each step the first event of its name after the previous match, within the
//   deadline (positions bound by one-element arrayMap, so each is written once);
// - strict: the events right after the start must be the steps;
// - any: the first events of each name at or after the start fill the steps of that
//   name; the k-th earliest of those within the deadline fills level k.
// A unit's level is its best attempt's, and each level's time its fastest attempt's;
// counts per level and the two middle times per segment come back, and the rows,
// suppression and p-values are the funnel's own (funnelRows).
import { checkFunnelOptions } from '../../../metrics/funnel.js';
import { duration, zone } from '../../../query/options.js';
import { num as lit, str } from '../literal.js';
import { addDurationMs } from '../time.js';
import { funnelFromGroups } from '../../compile/funnel.js';
import { valueOf } from '../values.js';
import { planOf, type Plan } from '../../compile/funnel.js';
import type { ChCompiler } from '../context.js';
import { segmentRows, segmented, type ChCompiled } from './common.js';


/** Arrays of the unit (1-based): ts times, es step ids (K for other events), ds deadlines, ks positions. */
const T = (i: string) => `arrayElement(ts, ${i})`;
const E = (i: string) => `arrayElement(es, ${i})`;

/** An attempt from start position `i`: tuple(level, tau2…taum). */
function orderedAttempt(plan: Plan, m: number): string {
  const next = (p: string, x: number) =>
    `arrayFirstIndex((e, t, k) -> ${p} > 0 AND k > ${p} AND e = ${x} AND t <= d0, es, ts, ks)`;
  const level = ['1', ...Array.from({ length: m - 1 }, (_, j) => `(p${j + 2} > 0)`)].join(' + ');
  const taus = Array.from({ length: m - 1 }, (_, j) => `${T(`p${j + 2}`)} - t0`);
  let body = `tuple(toInt64(${level}), ${taus.join(', ')})`;
  for (let j = m - 1; j >= 1; j--)
    body = `arrayElement(arrayMap(p${j + 1} -> ${body}, [${next(`p${j}`, plan.ids[j])}]), 1)`;
  return `arrayElement(arrayMap(p1 -> ${body}, [i]), 1)`;
}

function strictAttempt(plan: Plan, m: number): string {
  const ok = (k: number) =>
    `(i + ${k} <= length(es) AND ${E(`i + ${k}`)} = ${plan.ids[k]} AND ${T(`i + ${k}`)} <= d0)`;
  const level = `multiIf(${Array.from({ length: m - 1 }, (_, k) => `NOT ${ok(k + 1)}, ${k + 1}`).join(', ')}, ${m})`;
  const taus = Array.from({ length: m - 1 }, (_, k) => `${T(`i + ${k + 1}`)} - t0`);
  return `tuple(toInt64(${level}), ${taus.join(', ')})`;
}

function anyAttempt(plan: Plan, m: number): string {
  const slots = plan.names.map((_, x) => {
    const mult = plan.ids.filter((id) => id === x).length;
    return `arraySlice(arrayFilter((t, e, k) -> k >= i AND e = ${x}, ts, es, ks), 1, ${mult})`;
  });
  const taus = Array.from({ length: m - 1 }, (_, j) => `arrayElement(cs, ${j + 2}) - t0`);
  const body = `tuple(toInt64(length(cs)), ${taus.join(', ')})`;
  return `arrayElement(arrayMap(cs -> ${body}, [arraySort(arrayFilter(t -> t <= d0, arrayConcat(${slots.join(', ')})))]), 1)`;
}

/** With `kept` (folding, funnel-fold.ts): the "(others)" segment alone, over the rows of the segments not kept. */
export const compileFunnel = (c: ChCompiler, options: Readonly<Record<string, unknown>>, kept?: readonly string[]): ChCompiled => {
  const o = checkFunnelOptions(options);
  c.require('activity');
  const window = duration(options.window, 'window', 'P30D');
  const plan = planOf(o.steps);
  const m = o.steps.length;
  const K = plan.names.length;
  // Without `by`, or by a column of the activity itself, each unit's events are gathered
  // in one level over the activity (c.scan): each shard of a Distributed table keeps only
  // the step events and groups its own rows, and the initiator concatenates the arrays.
  const scan =
    o.by === undefined || c.column('activity', o.by) !== undefined ? c.scan('activity') : undefined;
  const col = scan ? scan.col : (name: string) => name;
  const stepId = `multiIf(${plan.names.map((name, x) => `${col('event')} = ${str(name)}, ${x}`).join(', ')}, ${K})`;
  const due = `assumeNotNull(toFloat64(${addDurationMs(col('at__ts'), col('at'), window, zone(options.timeZone))}))`;
  const strict = o.plan.order === 'strict';
  const e = `toUInt8(assumeNotNull(${stepId}))`;
  // Only step events matter, except in strict mode, where any other event breaks a run.
  const keep = strict ? '1' : `${e} < ${K}`;
  const { seg, rows: folded } = scan
    ? o.by === undefined
      ? { seg: 'CAST(NULL AS Nullable(String))', rows: '1' }
      : segmentRows(valueOf(c, c.column('activity', o.by, true)!, o.by, 'by'), kept)
    : { seg: '', rows: '1' };
  const scanWhere = scan && (kept ? `${scan.where} AND ${folded}` : scan.where);
  const gathered = scan && `groupArrayIf(tuple(assumeNotNull(${col('at')}), ${e}, ${due}), ${keep})`;
  // Sorted by one integer, time × 256 + step id (e < 256): the order of the tuples (the
  // deadline follows from the time), without comparing tuples element by element.
  const sorted = (evs: string) => `arraySort(x -> tupleElement(x, 1) * 256 + tupleElement(x, 2), ${evs})`;
  let units: string;
  if (scan) {
    units = `(SELECT f__seg AS seg, ${sorted('evs')} AS evs FROM (SELECT ${seg} AS f__seg, ${gathered} AS evs
    FROM ${scan.from} WHERE ${scanWhere} GROUP BY f__seg, ${col('customer_id')}))`;
  } else {
    const { rel, seg, rows } = segmented(c, 'activity', o.by, kept);
    units = `(SELECT seg, ${sorted(`groupArrayIf(tuple(t, e, d), ${keep.replace(e, 'e')})`)} AS evs FROM
    (SELECT ${seg} AS seg, customer_id AS cu, assumeNotNull(at) AS t, ${e} AS e, ${due} AS d FROM ${rel}${kept ? ` WHERE ${rows}` : ''})
  GROUP BY seg, cu)`;
  }
  const attempt =
    o.plan.order === 'ordered'
      ? orderedAttempt(plan, m)
      : strict
        ? strictAttempt(plan, m)
        : anyAttempt(plan, m);
  const arrays = `arrayMap(x -> tupleElement(x, 1), evs) AS ts, arrayMap(x -> tupleElement(x, 2), evs) AS es,
    arrayMap(x -> tupleElement(x, 3), evs) AS ds, arrayEnumerate(evs) AS ks`;
  // 18.16 reads a column that a lambda captures only when something outside a lambda reads it too: the
  // arrays are aliases of `evs` in the SELECT of the attempts, and `ks` (outside every lambda) reads evs.
  // Ordered and strict runs start at the first step's name; in any order, at any step.
  const start = [o.plan.order === 'any' ? `${E('i')} < ${K}` : `${E('i')} = 0`];
  if (o.plan.from > -Infinity) start.push(`${T('i')} >= ${lit(o.plan.from)}`);
  if (o.plan.to < Infinity) start.push(`${T('i')} < ${lit(o.plan.to)}`);
  const attempts = `arrayMap(i -> arrayElement(arrayMap((t0, d0) -> ${attempt}, [${T('i')}], [arrayElement(ds, i)]), 1), arrayFilter(i -> ${start.join(' AND ')}, ks))`;
  const best = Array.from(
    { length: m - 1 },
    (_, j) =>
      `arrayReduce('min', arrayMap(a -> tupleElement(a, ${j + 2}), arrayFilter(a -> tupleElement(a, 1) >= ${j + 2}, atts))) AS b${j + 2}`,
  );
  const level = `if(length(atts) = 0, toInt64(0), arrayReduce('max', arrayMap(a -> tupleElement(a, 1), atts))) AS level`;
  const perUnitItems = [level, ...best].join(', ');
  let perUnit = `(SELECT seg, ${perUnitItems}
  FROM (SELECT seg, ${arrays}, ${attempts} AS atts FROM ${units}))`;
  if (scan && c.colocated) {
    // Sharded by customer, a unit's events are all on its shard: each shard follows its
    // units' attempts in the level that gathers them (aggregates read by the arrays) and
    // sends one level and m − 1 times per unit, not the arrays. Aliases there are f__…
    // (no host column's); the attempt expressions name only arrays and lambda arguments.
    const local = (sql: string) => sql.replace(/\b(ts|es|ds|ks|evs|atts|level|b\d+)\b/g, 'f__$1');
    const outs = ['level', ...best.map((_, j) => `b${j + 2}`)].map((n) => `f__${n} AS ${n}`);
    perUnit = `(SELECT f__seg AS seg, ${outs.join(', ')} FROM (SELECT ${seg} AS f__seg, ${sorted(gathered!)} AS f__evs, ${local(arrays)},
    ${local(attempts)} AS f__atts, ${local(perUnitItems)} FROM ${scan.from} WHERE ${scanWhere} GROUP BY f__seg, ${col('customer_id')}))`;
  }
  const per = Array.from({ length: m }, (_, j) => {
    const e = `countIf(level >= ${j + 1}) AS e${j + 1}`;
    if (j === 0) return e;
    const sorted = `arraySort(groupArrayIf(b${j + 1}, level >= ${j + 1}))`;
    const n = `toInt64(countIf(level >= ${j + 1}))`;
    return `${e}, arrayElement(${sorted}, intDiv(${n} - 1, 2) + 1) AS lo${j + 1}, arrayElement(${sorted}, intDiv(${n}, 2) + 1) AS hi${j + 1}`;
  }).join(', ');
  return {
    // perShard: the units' level (per customer) is finished on the shards; this level, the initiator's, merges.
    statements: [c.perShard(`SELECT seg, ${per} FROM ${perUnit} GROUP BY seg`)],
    finish: ([rows]) => funnelFromGroups(o, rows) as never,
  };
};
