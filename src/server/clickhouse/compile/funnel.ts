// funnel in ClickHouse (18.16: no window functions, so arrays and lambdas). Each unit (a
// customer, within a segment when `by` reads the activity table) gathers its events as
// one integer each, time ms × 256 + step id (other events K, after the steps), sorted:
// the SPEC §3.5 order. Only the events an attempt can use are gathered: from `from` to
// past the last deadline, and only step events except in strict mode (where any event
// breaks a run). funnel-chain.ts (ordered order, window of fixed length) or
// funnel-arrays.ts (the rest) computes the unit's level and each level's fastest time
// from them as the kernel does; counts per level and the two middle times per
// segment come back, and the rows, suppression and p-values are the funnel's own
// (funnelRows). ClickHouse's windowFunnel is not used: it answers the level only (no
// time to convert), and 18.16's differs from SPEC §3.5 (docs/clickhouse.md).
import { checkFunnelOptions } from '../../../metrics/funnel.js';
import type { DbRow } from '../../engine.js';
import { duration, zone } from '../../../query/options.js';
import { str } from '../literal.js';
import { addDurationMs, fixedMs } from '../time.js';
import { funnelFromGroups, planOf, windowBound } from '../../compile/funnel.js';
import { valueOf } from '../values.js';
import type { ChCompiler } from '../context.js';
import { segmentRows, segmented, type ChCompiled } from './common.js';
import { before, since } from './kpis-windows.js';
import { inlined, unitLevels, type UnitLevels } from './funnel-arrays.js';
import { chainFits, orderedChain } from './funnel-chain.js';

/** `from <= ms < to` of a DateTime `ts` for the finite ends; 1 when both are open. */
function timeSpan(ts: string, from: number, to: number): string {
  const parts = [...(from > -Infinity ? [since(ts, from)] : []), ...(to < Infinity ? [before(ts, to)] : [])];
  return parts.length ? parts.join(' AND ') : '1';
}

/** Past this many steps the chain's aliases, written out in one level, outgrow 18.16's limit on a query's size. */
const ALIASED_STEPS = 6;

/**
 * `SELECT seg, level, b2 … bm` per unit from `inner` (its columns `cols`: the segment
 * first, then f__evs), the unit's names bound as columns of one subquery per level.
 */
function chained(unit: UnitLevels, inner: string, cols: readonly string[], outs: readonly string[]): string {
  const have = [...cols];
  let q = inner;
  for (const level of unit.levels) {
    q = `SELECT ${[...have, ...level.map(([n, x]) => `${x} AS ${n}`)].join(', ')} FROM (${q})`;
    have.push(...level.map(([n]) => n));
  }
  return `(SELECT ${cols[0]} AS seg, ${outs.join(', ')} FROM (SELECT ${cols[0]}, ${unit.result} AS f__r FROM (${q})))`;
}

/** The grouped rows, and a row of zero counts for each segment present only past the span. */
function withAbsent(rows: readonly DbRow[], present: readonly DbRow[], m: number): DbRow[] {
  const seen = new Set(rows.map((r) => JSON.stringify(r.seg ?? null)));
  const zero = Object.fromEntries(Array.from({ length: m }, (_, j) => [`e${j + 1}`, 0]));
  return [...rows, ...present.filter((r) => !seen.has(JSON.stringify(r.seg ?? null))).map((r) => ({ seg: r.seg, ...zero }))];
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
  // the events that matter and groups its own rows, and the initiator concatenates the arrays.
  const scan =
    o.by === undefined || c.column('activity', o.by) !== undefined ? c.scan('activity') : undefined;
  const col = scan ? scan.col : (name: string) => name;
  const stepId = `multiIf(${plan.names.map((name, x) => `${col('event')} = ${str(name)}, ${x}`).join(', ')}, ${K})`;
  const e = `toUInt8(assumeNotNull(${stepId}))`;
  const key = `assumeNotNull(${col('at')}) * 256 + ${e}`;
  // Events before the first start, or past the last deadline, take part in no attempt;
  // every row still makes its unit (and so its segment) appear.
  const { from, to } = o.plan;
  const bound = to < Infinity && window.months >= 0 && window.days >= 0 && window.ms >= 0 ? to + windowBound(window) : Infinity;
  // Compared on the DateTime as stored (exact: its ms are whole seconds), so that a table
  // ordered by time reads only the span's granules. In one level the span is the WHERE's.
  const span = timeSpan(scan ? col('at__ts') : 'assumeNotNull(at__ts)', from, bound);
  const within = scan ? '1' : span;
  const keep = o.plan.order === 'strict' ? within : `${within} AND ${e} < ${K}`;
  const { seg, rows: folded } = scan
    ? o.by === undefined
      ? { seg: 'CAST(NULL AS Nullable(String))', rows: '1' }
      : segmentRows(valueOf(c, c.column('activity', o.by, true)!, o.by, 'by'), kept)
    : { seg: '', rows: '1' };
  // Folding: only the rows of the segments not kept, all labelled "(others)".
  const scanWhere = scan && (kept ? `${scan.where} AND ${folded}` : scan.where);
  const tz = zone(options.timeZone);
  // A window of fixed length in the ordered order: the chain of key distances (funnel-chain.ts).
  const fixed = fixedMs(window, tz);
  const chainPlan = fixed === undefined ? undefined : { plan, from, to, window: Math.floor(fixed) };
  const chain = o.plan.order === 'ordered' && chainPlan && chainFits(chainPlan) ? orderedChain(chainPlan, 'f__evs') : undefined;
  const arrays = chain ?? unitLevels(
    {
      plan,
      order: o.plan.order,
      from,
      to,
      deadline: (s) => addDurationMs(`toDateTime(intDiv(${s}, 1000), 'UTC')`, s, window, tz),
    },
    'f__evs',
  );
  // In the level that groups (colocated): the chain's names as aliases, funnel-arrays.ts's by one-element arrayMap.
  const items = chain ? [...chain.levels.flat().map(([n, x]) => `${x} AS ${n}`), `${chain.result} AS f__r`] : [`${inlined(arrays)} AS f__r`];
  const outs = ['level', ...Array.from({ length: m - 1 }, (_, j) => `b${j + 2}`)].map((n, j) => `tupleElement(f__r, ${j + 1}) AS ${n}`);
  let perUnit: string;
  // Rows past the span are left out where they are read (MergeTree moves the test on a
  // time column to PREWHERE: the rest of the row is neither validated nor grouped), so
  // a second statement finds the segments of the rows left out (presentSegments).
  const narrowed = scan !== undefined && span !== '1';
  if (scan) {
    const where = narrowed ? `${scanWhere} AND ${span}` : scanWhere!;
    // Validation leaves no row without a customer; one String key groups fastest (a constant seg is no key).
    const unit = `${o.by === undefined ? '' : 'f__seg, '}assumeNotNull(${col('customer_id')})`;
    const gathered = `arraySort(groupArrayIf(${key}, ${keep})) AS f__evs`;
    const units = `SELECT ${seg} AS f__seg, ${gathered} FROM ${scan.from} WHERE ${where} GROUP BY ${unit}`;
    // Sharded by customer, a unit's events are all on its shard: each shard follows its
    // units in the level that gathers them (the arrays read its aggregates) and sends one
    // level and m − 1 times per unit, not the arrays.
    // Past ALIASED_STEPS the chain is bound above the level that groups, on the initiator.
    perUnit =
      c.colocated && (!chain || m <= ALIASED_STEPS)
        ? `(SELECT f__seg AS seg, ${outs.join(', ')} FROM (SELECT ${seg} AS f__seg, ${gathered}, ${items.join(',\n    ')}
    FROM ${scan.from} WHERE ${where} GROUP BY ${unit}))`
        : chained(arrays, units, ['f__seg', 'f__evs'], outs);
  } else {
    const { rel, seg, rows } = segmented(c, 'activity', o.by, kept);
    const units = `SELECT seg, arraySort(groupArrayIf(k, w)) AS f__evs FROM (SELECT ${seg} AS seg, customer_id AS cu, ${key} AS k, ${keep} AS w FROM ${rel}${kept ? ` WHERE ${rows}` : ''}) GROUP BY seg, cu`;
    perUnit = chained(arrays, units, ['seg', 'f__evs'], outs);
  }
  const per = Array.from({ length: m }, (_, j) => {
    const e = `countIf(level >= ${j + 1}) AS e${j + 1}`;
    if (j === 0) return e;
    const sorted = `arraySort(groupArrayIf(b${j + 1}, level >= ${j + 1}))`;
    const n = `toInt64(countIf(level >= ${j + 1}))`;
    return `${e}, arrayElement(${sorted}, intDiv(${n} - 1, 2) + 1) AS lo${j + 1}, arrayElement(${sorted}, intDiv(${n}, 2) + 1) AS hi${j + 1}`;
  }).join(', ');
  // perShard: the units' level (per customer) is finished on the shards; this level, the initiator's, merges.
  // arraysPerUnit: the units' arrays reach the chain or the fills in blocks that fit in cache (shards.ts TWO_LEVEL).
  const main = c.arraysPerUnit(c.perShard(`SELECT seg, ${per} FROM ${perUnit} GROUP BY seg`));
  // GROUP BY, not a bare LIMIT 1 or DISTINCT: 18.16 moves the filters to PREWHERE and then
  // loses a customer filter's IN column when no other column is read (Code 8, "Cannot find column").
  const present = narrowed
    ? `SELECT ${seg} AS seg FROM ${scan.from} WHERE ${scanWhere} GROUP BY seg${o.by === undefined ? ' LIMIT 1' : ''}`
    : undefined;
  const finish = (rows: readonly DbRow[], seen: readonly DbRow[] = []) =>
    funnelFromGroups(o, withAbsent(rows, seen, m)) as never;
  // Without `by` the one segment's row of zeros is needed only when no unit is in the span.
  if (present && o.by === undefined)
    return {
      statements: [main],
      finish: ([rows]) => finish(rows),
      next: ([rows]) => (rows.length ? undefined : { statements: [present], finish: ([seen]) => finish([], seen) }),
    };
  return { statements: present ? [main, present] : [main], finish: ([rows, seen]) => finish(rows, seen) };
};
