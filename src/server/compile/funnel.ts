// funnel in SQL. Each unit (a customer, within a segment when `by` reads the activity
// table) has its events numbered in the SPEC §3.5 order: time, then step position at
// one instant, other events after them. Every attempt (a start event in [from, to),
// with its deadline) is followed in SQL:
// - ordered: greedily, each step the next event of that name after the last (the
//   earliest match is the fastest and reaches furthest), through per-row "next
//   event of name X" window columns, one join per step;
// - strict: the events right after the start (lead by 1…m−1) must be the steps;
// - any: the j-th event of each name at or after the start fills one step of that
//   name, and the m-th earliest of those fills level m.
// A unit's level is its best attempt's, and each level's time its fastest attempt's;
// counts per level and the two middle times per segment come back, and the rows,
// suppression and p-values are the funnel's own (funnelRows). Segments past
// maxSegments: "(others)" by a second statement over their events (fold-later.ts).
import { checkFunnelOptions, type FunnelRow, type FunnelSettings } from '../../metrics/funnel.js';
import { funnelRows } from '../../metrics/funnel-rows.js';
import { segmentOrder } from '../../metrics/options.js';
import { duration, zone } from '../../query/options.js';
import type { Compiler } from '../context.js';
import type { DbRow } from '../engine.js';
import { count, num, type BoundStatement } from '../sql.js';
import { addDurationMs, zoneParam } from '../time.js';
import { inRange, segmentLabel, segmentRows, type Compiled, type MetricCompiler } from './common.js';
import { foldLater } from './fold-later.js';
import { funnelWeights } from './weigh.js';

export interface Plan {
  /** Distinct step names, in order of first appearance; ids index it. */
  readonly names: readonly string[];
  /** Name id of each step. */
  readonly ids: readonly number[];
}

/** The distinct step names and each step's name id (a step may repeat a name). */
export function planOf(steps: readonly string[]): Plan {
  const names: string[] = [];
  const ids = steps.map((s) => {
    const i = names.indexOf(s);
    return i >= 0 ? i : names.push(s) - 1;
  });
  return { names, ids };
}

/** Attempts `att` (u, seg, t0, level, tau2…taum) for ordered mode. */
function ordered(c: Compiler, plan: Plan, m: number, start: string, due: string): void {
  const next = plan.names
    .map((_, x) => {
      const frame = 'OVER (PARTITION BY u ORDER BY n ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING)';
      return `min(CASE WHEN e = ${x} THEN n END) ${frame} AS nn${x}, min(CASE WHEN e = ${x} THEN t END) ${frame} AS nt${x}`;
    })
    .join(', ');
  c.define('nx', `SELECT u, n, ${next} FROM sq`);
  c.define('a1', `SELECT u, seg, n AS p1, t AS t0, ${due} AS due FROM sq WHERE e = 0 AND ${start}`);
  for (let j = 1; j < m; j++) {
    const x = plan.ids[j];
    // The next event of step j's name after step j−1's match, if within the deadline.
    c.define(
      `a${j + 1}`,
      `SELECT a.*, CASE WHEN nx.nt${x} <= a.due THEN nx.nn${x} END AS p${j + 1}, CASE WHEN nx.nt${x} <= a.due THEN nx.nt${x} - a.t0 END AS tau${j + 1}
  FROM a${j} a LEFT JOIN nx ON nx.u = a.u AND nx.n = a.p${j}`,
    );
  }
  const levels = Array.from({ length: m - 1 }, (_, j) => `WHEN tau${j + 2} IS NULL THEN ${j + 1}`).join(' ');
  const taus = Array.from({ length: m - 1 }, (_, j) => `tau${j + 2}`).join(', ');
  c.define('att', `SELECT u, seg, CASE ${levels} ELSE ${m} END AS level, ${taus} FROM a${m}`);
}

/** Attempts for strict mode: the events right after the start, one lead per step. */
function strict(c: Compiler, plan: Plan, m: number, start: string, due: string): void {
  const leads = Array.from({ length: m - 1 }, (_, k) => `lead(e, ${k + 1}) OVER w AS le${k + 1}, lead(t, ${k + 1}) OVER w AS lt${k + 1}`).join(', ');
  // ts: the deadline of a calendar window (or a day in a time zone) is computed from it (addDurationMs).
  c.define('ld', `SELECT u, seg, n, t, ts, e, ${leads} FROM sq WINDOW w AS (PARTITION BY u ORDER BY n)`);
  c.define('a1', `SELECT *, t AS t0, ${due} AS due FROM ld WHERE e = 0 AND ${start}`);
  const ok = (k: number) => `coalesce(le${k} = ${plan.ids[k]} AND lt${k} <= due, FALSE)`;
  const levels = Array.from({ length: m - 1 }, (_, k) => `WHEN NOT ${ok(k + 1)} THEN ${k + 1}`).join(' ');
  c.define('lv', `SELECT *, CASE ${levels} ELSE ${m} END AS level FROM a1`);
  const taus = Array.from({ length: m - 1 }, (_, k) => `CASE WHEN level >= ${k + 2} THEN lt${k + 1} - t0 END AS tau${k + 2}`).join(', ');
  c.define('att', `SELECT u, seg, level, ${taus} FROM lv`);
}

/** Attempts for any mode: the j-th event of each name at or after the start fills one step of that name. */
function anyOrder(c: Compiler, plan: Plan, m: number, start: string, due: string): void {
  const mult = plan.names.map((_, x) => plan.ids.filter((id) => id === x).length);
  const before = plan.names
    .map((_, x) => `count(CASE WHEN e = ${x} THEN 1 END) OVER (PARTITION BY u ORDER BY n ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS b${x}`)
    .join(', ');
  c.define('xs', 'SELECT u, e, t, row_number() OVER (PARTITION BY u, e ORDER BY n) AS k FROM sq');
  c.define('st', `SELECT u, seg, n, t AS t0, ${due} AS due, ${before} FROM sq WHERE e IS NOT NULL AND ${start}`);
  const joins: string[] = [];
  const cands: string[] = [];
  plan.names.forEach((_, x) => {
    for (let j = 1; j <= mult[x]; j++) {
      const alias = `x${x}_${j}`;
      joins.push(`LEFT JOIN xs ${alias} ON ${alias}.u = s.u AND ${alias}.e = ${x} AND ${alias}.k = s.b${x} + ${j}`);
      cands.push(`${alias}.t`);
    }
  });
  c.define('cw', `SELECT s.u, s.seg, s.n, s.t0, s.due, ${cands.map((t, i) => `${t} AS c${i}`).join(', ')} FROM st s ${joins.join(' ')}`);
  const union = cands.map((_, i) => `SELECT u, seg, n, t0, c${i} AS c FROM cw WHERE c${i} <= due`).join(' UNION ALL ');
  c.define('cr', `SELECT u, seg, n, t0, c, row_number() OVER (PARTITION BY u, n ORDER BY c) AS r FROM (${union}) z`);
  const taus = Array.from({ length: m - 1 }, (_, j) => `min(CASE WHEN r = ${j + 2} THEN c - t0 END) AS tau${j + 2}`).join(', ');
  c.define('att', `SELECT u, seg, max(r) AS level, ${taus} FROM cr GROUP BY u, seg, n`);
}

/**
 * Ordered mode as a chain of joins, for steps where no name follows itself: the match of
 * step j+1 is the earliest event of its name after step j's match and by the deadline.
 * "After" needs no row numbers there: at a later instant, or at the same instant when
 * its name comes later in step order (SPEC §3.5's order at one instant). Each attempt
 * is one start (u, seg, t0); a unit's time at step j is its fastest attempt's. Leaves
 * `lv` (u, seg, j, b): the units that reach step j, with that time (null at step 1).
 */
function orderedChain(c: Compiler, plan: Plan, m: number, start: string, due: string, key: string, on: (a: string, b: string) => string): void {
  c.define('a1', `SELECT DISTINCT ${key}, t AS t0, ${due} AS due, t AS t1 FROM evs WHERE e = 0 AND ${start}`);
  for (let j = 1; j < m; j++) {
    const x = plan.ids[j];
    const after = x > plan.ids[j - 1] ? '>=' : '>';
    c.define(
      `a${j + 1}`,
      `SELECT ${key.split(', ').map((k) => `a.${k}`).join(', ')}, a.t0, a.due, min(s.t) AS t${j + 1}
  FROM a${j} a JOIN evs s ON ${on('s', 'a')} AND s.e = ${x} AND s.t ${after} a.t${j} AND s.t <= a.due
  GROUP BY ${key.split(', ').map((k) => `a.${k}`).join(', ')}, a.t0, a.due`,
    );
  }
  const levels = Array.from({ length: m }, (_, j) =>
    j === 0 ? `SELECT DISTINCT ${key}, 1 AS j, CAST(NULL AS BIGINT) AS b FROM a1` : `SELECT ${key}, ${j + 1} AS j, min(t${j + 1} - t0) AS b FROM a${j + 1} GROUP BY ${key}`,
  );
  c.define('lv', levels.join('\nUNION ALL\n'));
}

/** An upper bound (ms) of how far past its start an attempt's deadline can be. */
export function windowBound(window: { months: number; days: number; ms: number }): number {
  // A calendar month is at most 31 days; a day in a zone, at most 25 hours; one day more for the zone's offset.
  return window.months * 31 * 86_400_000 + (window.days + 1) * 90_000_000 + window.ms;
}

export const compileFunnel: MetricCompiler = (c, options, fork) => {
  const o = checkFunnelOptions(options);
  c.require('activity');
  const first: Compiled = { statements: [funnelStatement(c, o, options)], finish: ([rows]) => funnelFromGroups(o, rows) as never };
  if (o.by === undefined) return first;
  return foldLater(first, { limit: o.segments, weigh: () => funnelWeights(fork(), o), others: (kept) => [funnelStatement(fork(), o, options, kept)] });
};

/** The funnel per segment; with `kept`, the "(others)" segment alone (fold-later.ts). */
function funnelStatement(c: Compiler, o: FunnelSettings, options: Readonly<Record<string, unknown>>, kept?: readonly string[]): BoundStatement {
  const window = duration(options.window, 'window', 'P30D');
  const tz = zoneParam(c, zone(options.timeZone));
  const plan = planOf(o.steps);
  const m = o.steps.length;
  const joins: string[] = [];
  const { seg, rows } = o.by === undefined ? { seg: 'NULL', rows: 'TRUE' } : segmentRows(c, 'activity', 'a', o.by, joins, kept);
  const stepId = `CASE ${plan.names.map((name, x) => `WHEN a.event = ${c.p.text(name)} THEN ${x}`).join(' ')} END`;
  c.define('ev', `SELECT a.customer_id AS cu, ${seg} AS seg, a.at AS t, a.at__ts AS ts, ${stepId} AS e FROM ${c.filtered('activity')} a ${joins.join(' ')}${kept ? ` WHERE ${rows}` : ''}`);
  const start = inRange(c, 't', o.plan.from, o.plan.to);
  const due = addDurationMs(c, 'ts', 't', window, tz);
  // Events before the first start, or past the last deadline, take part in no attempt.
  const bound = o.plan.to < Infinity && window.months >= 0 && window.days >= 0 && window.ms >= 0 ? o.plan.to + windowBound(window) : Infinity;
  const span = inRange(c, 't', o.plan.from, bound, 'ts');
  const chain = o.plan.order === 'ordered' && plan.ids.every((x, j) => j === 0 || x !== plan.ids[j - 1]);
  let units: string;
  if (chain) {
    // Without `by`, seg is null throughout: the customer alone is the unit.
    const key = o.by === undefined ? 'cu' : 'cu, seg';
    const on = (s: string, a: string) => (o.by === undefined ? `${s}.cu = ${a}.cu` : `${s}.cu = ${a}.cu AND ${s}.seg IS NOT DISTINCT FROM ${a}.seg`);
    c.define('evs', `SELECT cu, seg, t, ts, e FROM ev WHERE e IS NOT NULL AND ${span}`);
    orderedChain(c, plan, m, start, due, key, on);
    units = `SELECT ${o.by === undefined ? 'NULL AS seg' : 'seg'}, j, b FROM lv`;
  } else {
    // Only step events matter, except in strict mode, where any other event breaks a run.
    const relevant = o.plan.order === 'strict' ? '' : ' AND e IS NOT NULL';
    c.define(
      'sq',
      `SELECT u, seg, t, ts, e, row_number() OVER (PARTITION BY u ORDER BY t, coalesce(e, ${plan.names.length})) AS n
  FROM (SELECT dense_rank() OVER (ORDER BY cu, seg) AS u, seg, t, ts, e FROM ev WHERE ${span}${relevant}) q`,
    );
    if (o.plan.order === 'ordered') ordered(c, plan, m, start, due);
    else if (o.plan.order === 'strict') strict(c, plan, m, start, due);
    else anyOrder(c, plan, m, start, due);
    const best = Array.from({ length: m - 1 }, (_, j) => `min(tau${j + 2}) AS b${j + 2}`).join(', ');
    c.define('best', `SELECT u, seg, max(level) AS level, ${best} FROM att GROUP BY u, seg`);
    units = Array.from({ length: m }, (_, j) => `SELECT seg, ${j + 1} AS j, ${j === 0 ? 'CAST(NULL AS BIGINT)' : `b${j + 1}`} AS b FROM best WHERE level >= ${j + 1}`).join(
      '\nUNION ALL\n',
    );
  }
  c.define('units', units);
  const per = Array.from({ length: m }, (_, j) => {
    const e = `count(*) FILTER (WHERE x.j = ${j + 1}) AS e${j + 1}`;
    if (j === 0) return e;
    const has = `x.j = ${j + 1} AND x.b IS NOT NULL`;
    return `${e}, ${c.d.lowerMiddle('x.b', has)} AS lo${j + 1}, ${c.d.upperMiddle('x.b', has)} AS hi${j + 1}`;
  }).join(', ');
  // Every segment of the activity has a row, reached by no one or not.
  const segments = o.by === undefined ? 'SELECT NULL AS seg WHERE EXISTS (SELECT 1 FROM ev)' : 'SELECT DISTINCT seg FROM ev';
  const select = `SELECT p.seg, ${per} FROM (${segments}) p LEFT JOIN units x ON x.seg IS NOT DISTINCT FROM p.seg GROUP BY p.seg`;
  return c.statement(select);
}

/**
 * The funnel's rows from its grouped SQL rows (any dialect): per segment `seg`, `e{j}`
 * customers entered at step j and the two middle fastest times `lo{j}`, `hi{j}`; the
 * rows, suppression and comparisons are the kernel's own (funnelRows).
 */
export function funnelFromGroups(o: FunnelSettings, rows: readonly DbRow[]): FunnelRow[] {
  const m = o.steps.length;
  const labels = rows.map((r) => (o.by === undefined ? '' : segmentLabel(r.seg)));
  const S = rows.length;
  const entered = new Float64Array(S * m);
  const median = new Float64Array(S * m).fill(NaN);
  rows.forEach((r, s) => {
    for (let j = 0; j < m; j++) {
      const e = count(r[`e${j + 1}`]);
      entered[s * m + j] = e;
      if (j > 0 && e > 0) {
        const lo = num(r[`lo${j + 1}`])!;
        median[s * m + j] = e % 2 ? lo : (lo + num(r[`hi${j + 1}`])!) / 2;
      }
    }
  });
  const present = new Uint8Array(S).fill(1);
  const counts = { steps: m, entered, median, present };
  if (o.by === undefined) return funnelRows(counts, o.steps, S ? [0] : [], undefined, o.k, o.minSample);
  return funnelRows(counts, o.steps, segmentOrder(labels, present), labels, o.k, o.minSample);
}
