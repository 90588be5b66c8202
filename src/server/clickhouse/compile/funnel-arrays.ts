// A funnel unit's level and fastest times in ClickHouse array functions, in O(n log n)
// per unit of n events, as src/metrics/funnel-kernel.ts computes them in a loop. 18.16
// has no arrayFold or arrayFill, and a lambda that reads another array (a capture) gets
// that array copied once per element — O(n²), which following every attempt with
// arrayFirstIndex paid. So every lambda that walks the events reads only its own
// arguments, arrays of the unit's length, and the one thing a loop would carry — "the
// value at the last marked event before this one" — is a fill: the marked values'
// differences put back at their positions (groupArrayInsertAt) and summed
// (arrayCumSum). Intermediate arrays are bound in levels (each computed and written once:
// 18.16 writes an alias out wherever it is read, and a chain of aliases outgrows its
// limit on the size of a query): as columns of nested subqueries (funnel.ts), or, where
// the unit's level is a GROUP BY's, by one-element arrayMap (inlined()).
// The unit's events arrive as sorted keys `time ms × 256 + step id` (SPEC §3.5's order:
// time, then step position at one instant; K, after the steps, for other events).
import type { Plan } from '../../compile/funnel.js';
import type { FunnelOrder } from '../../../metrics/funnel-options.js';
import { inRange } from './common.js';

/** Instants past every deadline (and before none): 2^62 ms. */
const LATE = 'toInt64(4611686018427387904)';

export interface UnitPlan {
  readonly plan: Plan;
  readonly order: FunnelOrder;
  /** The first step's instant must fall in [from, to). */
  readonly from: number;
  readonly to: number;
  /** The deadline (epoch ms) of an attempt starting at epoch ms `start` (an expression). */
  deadline(start: string): string;
}

/** Names bound together (one level), each to its expression: it reads names of earlier levels (in a subquery level, also earlier names of its own, as aliases). */
export type Group = [name: string, expr: string][];

/** A unit's names in levels, and its `tuple(level, b2 … bm)` (bm: fastest time to level m) reading them. */
export interface UnitLevels {
  readonly levels: Group[];
  readonly result: string;
}

/** `body` with each group's names bound to their values by one-element arrayMap, the first group outermost. */
export function inlined({ levels: groups, result: body }: UnitLevels): string {
  return groups.reduceRight(
    (inner, g) => `arrayElement(arrayMap((${g.map(([n]) => n).join(', ')}) -> ${inner}, ${g.map(([, x]) => `[${x}]`).join(', ')}), 1)`,
    body,
  );
}

/** The unit's levels and result from its sorted keys `evs`. */
export function unitLevels(u: UnitPlan, evs: string): UnitLevels {
  const groups: Group[] = [
    [
      ['u_t', `arrayMap(x -> intDiv(x, 256), ${evs})`],
      ['u_e', `arrayMap(x -> toUInt8(x % 256), ${evs})`],
      ['u_k', `arrayEnumerate(${evs})`],
    ],
    [['u_p', 'arrayMap(k -> toUInt32(k - 1), u_k)']],
  ];
  const body = u.order === 'ordered' ? ordered(u, groups) : u.order === 'strict' ? strict(u, groups) : any(u, groups);
  return { levels: groups, result: body };
}

/**
 * Compressed values `c` (one per mark, in position order) at the marks, 0 elsewhere:
 * groupArrayInsertAt puts each at its 0-based position (cheaper than sorting by position;
 * its limit, 2^24 positions, is an error past it, never a wrong answer).
 */
function place(c: string, marks: string): string {
  return `arrayResize(arrayReduce('groupArrayInsertAt', ${c}, arrayFilter((k, x) -> x, u_p, ${marks})), length(u_k))`;
}

/** Binds `name`: per event, `values` at the last marked event strictly before it (−1 when none). */
function before(marks: string, values: string, name: string, groups: Group[]): string {
  const kept = `arrayFilter((v, x) -> x, ${values}, ${marks})`;
  groups.push([[`${name}w`, place(`arrayPopFront(arrayDifference(arrayPushFront(${kept}, toInt64(-1))))`, marks)]]);
  groups.push([[name, `arrayMap((c, w) -> c - w - 1, arrayCumSum(${name}w), ${name}w)`]]);
  return name;
}

/** Per event, the compressed value `kept[j]` of the first marked event at or after it (LATE when none). */
function after(marks: string, kept: string, w: string): [string, string] {
  const steps = `arrayMap(d -> -d, arrayPopFront(arrayDifference(arrayPushBack(${kept}, ${LATE}))))`;
  return [place(steps, marks), `arrayMap(s -> s + ${LATE}, arrayReverse(arrayCumSum(arrayReverse(${w}))))`];
}

const starts = (u: UnitPlan, t: string) => inRange(t, u.from, u.to);
const min = (values: string) => `arrayReduce('min', ${values})`;

/**
 * Ordered (the kernel's orderedLevel): per level j, the chain with the latest start among
 * those ended so far. An event of step j+1 extends the level-j chain ended strictly
 * before it when within that chain's deadline; u_s{j}: that chain's start, −1 when none.
 */
function ordered(u: UnitPlan, groups: Group[]): string {
  const { ids } = u.plan;
  const m = ids.length;
  groups.push([['u_x1', `arrayMap((t, e) -> e = 0 AND ${starts(u, 't')}, u_t, u_e)`]]);
  let chain = before('u_x1', 'u_t', 'u_s1', groups);
  const times: string[] = [];
  for (let j = 2; j <= m; j++) {
    groups.push([[`u_x${j}`, `arrayMap((t, e, s) -> e = ${ids[j - 1]} AND s >= 0 AND t <= ${u.deadline('s')}, u_t, u_e, ${chain})`]]);
    times.push(min(`arrayFilter((d, x) -> x, arrayMap((t, s) -> t - s, u_t, ${chain}), u_x${j})`));
    if (j < m) chain = before(`u_x${j}`, chain, `u_s${j}`, groups);
  }
  const reached = Array.from({ length: m }, (_, j) => `has(u_x${m - j}, 1), ${m - j}`);
  return `tuple(toInt64(multiIf(${reached.join(', ')}, 0)), ${times.join(', ')})`;
}

/** The array shifted left by k (element i is element i+k), padded with `pad` to its length. */
const shifted = (arr: string, k: number, pad: string) =>
  k === 0
    ? arr
    : `arraySlice(arrayConcat(arraySlice(${arr}, ${k + 1}), [${Array.from({ length: k }, () => pad).join(', ')}]), 1, length(${arr}))`;

/** Strict: the events right after a start must be the steps (every event of the unit is in the arrays). */
function strict(u: UnitPlan, groups: Group[]): string {
  const { ids } = u.plan;
  const m = ids.length;
  const args = ['t', 'e'];
  const arrays = ['u_t', 'u_e'];
  const next: Group = [];
  for (let k = 1; k < m; k++) {
    args.push(`e${k}`, `t${k}`);
    next.push([`u_e${k}`, shifted('u_e', k, 'toUInt8(255)')], [`u_t${k}`, shifted('u_t', k, LATE)]);
    arrays.push(`u_e${k}`, `u_t${k}`);
  }
  groups.push(next);
  const ok = (k: number) => `(e${k} = ${ids[k]} AND t${k} <= ${u.deadline('t')})`;
  const run = Array.from({ length: m - 1 }, (_, k) => `NOT ${ok(k + 1)}, ${k + 1}`).join(', ');
  groups.push([['u_lv', `arrayMap((${args.join(', ')}) -> if(e = 0 AND ${starts(u, 't')}, multiIf(${run}, ${m}), 0), ${arrays.join(', ')})`]]);
  const times = Array.from({ length: m - 1 }, (_, j) =>
    min(`arrayFilter((d, l) -> l > ${j + 1}, arrayMap((t, tk) -> tk - t, u_t, u_t${j + 1}), u_lv)`),
  );
  return `tuple(toInt64(arrayReduce('max', u_lv)), ${times.join(', ')})`;
}

/**
 * Any: from a start (any step event in range), each name's first events at or after it
 * fill the steps of that name (as many as the steps carrying it); the k-th earliest of
 * those candidates within the deadline fills level k.
 */
function any(u: UnitPlan, groups: Group[]): string {
  const { ids, names } = u.plan;
  const m = ids.length;
  const ofName: Group = [];
  const placed: Group = [];
  const filled: Group = [];
  names.forEach((_, x) => {
    ofName.push([`u_m${x}`, `arrayMap(e -> e = ${x}, u_e)`], [`u_n${x}`, `arrayFilter((t, e) -> e = ${x}, u_t, u_e)`]);
    const mult = ids.filter((id) => id === x).length;
    for (let r = 0; r < mult; r++) {
      const [w, c] = after(`u_m${x}`, shifted(`u_n${x}`, r, LATE), `u_w${x}_${r}`);
      placed.push([`u_w${x}_${r}`, w]);
      filled.push([`u_c${x}_${r}`, c]);
    }
  });
  groups.push(ofName, placed, filled);
  const cands = filled.map(([n]) => n);
  const args = cands.map((_, i) => `c${i}`);
  groups.push([['u_cs', `arrayMap((${args.join(', ')}) -> arraySort([${args.join(', ')}]), ${cands.join(', ')})`]]);
  const within = Array.from({ length: m }, (_, j) => `(arrayElement(s, ${j + 1}) <= ${u.deadline('t')})`).join(' + ');
  groups.push([['u_lv', `arrayMap((t, e, s) -> if(e < ${names.length} AND ${starts(u, 't')}, toInt64(${within}), 0), u_t, u_e, u_cs)`]]);
  const times = Array.from({ length: m - 1 }, (_, j) =>
    min(`arrayFilter((d, l) -> l >= ${j + 2}, arrayMap((t, s) -> arrayElement(s, ${j + 2}) - t, u_t, u_cs), u_lv)`),
  );
  return `tuple(toInt64(arrayReduce('max', u_lv)), ${times.join(', ')})`;
}
