// The ordered funnel with a window of fixed length, over a unit's sorted keys
// `k = time ms × 256 + step id` (funnel.ts), in about 4 array passes per step and no fill
// by position (funnel-arrays.ts's place(), which is what costs there). Per level j, u_r{j}
// is the key distance from each event back to the start of the latest level-j chain
// ended at or before it — the chain with the latest start, as the kernel keeps. A
// sentinel key before the unit's first stands for "no chain": its distance is past every
// window, so no first-position test or cap is needed. u_r{j} is an
// arrayCumSumNonNegative: a chain's end adds RESET (−2^62), which the running sum cannot
// go below, so the sum starts again from 0 there; between ends it adds the key
// differences, less (from level 2 on) those of the previous level's distance, since a
// level-j chain's start is the level-(j−1) start at its end. A key distance is
// 256·(t − s) + id_j (the first step's id is 0), so the window test is one integer
// comparison and the fastest time one minIf and an intDiv.
// On 18.16 a subquery drops a column that its outer level reads only inside a lambda
// ("Unknown identifier"), so every lambda takes the arrays it reads as arguments; and
// the names are bound as columns of nested subqueries (or aliases of one level, where
// the expanded text stays small), not as one-element arrayMap, which copies every array
// bound so far at each level.
import type { Plan } from '../../compile/funnel.js';
import { int } from '../literal.js';
import type { Group, UnitLevels } from './funnel-arrays.js';

/** Before every unit's keys: −2^60 + 255 (no step's id), as if a chain started there, its distance past every window. */
const SENTINEL = 'toInt64(-1152921504606846721)';
/** Added at a chain's end: the running sum (below 2^62) falls to 0 there. */
const RESET = 'toInt64(-4611686018427387904)';

export interface ChainPlan {
  readonly plan: Plan;
  /** The first step's instant must fall in [from, to). */
  readonly from: number;
  readonly to: number;
  /** The window in whole ms (fixed: no calendar part). */
  readonly window: number;
}

/** Whether every key and bound of the chain is a safe integer, and the window far below the sentinel's distance. */
export function chainFits(u: ChainPlan): boolean {
  const key = (ms: number) => Number.isSafeInteger(ms * 256 + 256);
  const end = (ms: number) => !Number.isFinite(ms) || key(Math.ceil(ms));
  return Math.abs(u.window) < 2 ** 50 && key(u.window) && end(u.from) && end(u.to);
}

/** The ordered chain over the sorted keys `evs` (a column of the level below the first). */
export function orderedChain(u: ChainPlan, evs: string): UnitLevels {
  const { ids } = u.plan;
  const m = ids.length;
  const bounds = [
    ...(u.from > -Infinity ? [`x >= ${int(Math.ceil(u.from) * 256)}`] : []),
    ...(u.to < Infinity ? [`x < ${int(Math.ceil(u.to) * 256)}`] : []),
  ];
  const fill = (step: string, args: string, arrays: string) =>
    `arrayCumSumNonNegative(arrayMap((${args}, x) -> if(x, ${RESET}, ${step}), ${arrays}))`;
  const levels: Group[] = [
    [['u_e', `arrayPushFront(${evs}, ${SENTINEL})`]],
    [
      ['u_d', 'arrayDifference(u_e)'],
      ['u_x1', `arrayMap(x -> ${['bitAnd(x, 255) = 0', ...bounds].join(' AND ')}, u_e)`],
      ['u_r1', fill('d', 'd', 'u_d, u_x1')],
    ],
  ];
  // reach[j]: the distances level j + 1's events are tested on (u_r{j}, or shifted by one).
  const reach: string[] = [];
  for (let j = 2; j <= m; j++) {
    const level: Group = [];
    let r = `u_r${j - 1}`;
    // When step j repeats step j − 1's name, an event that ends a level-(j − 1) chain must
    // not also extend it: it is tested on the distance from the chain ended before it.
    if (ids[j - 1] === ids[j - 2]) {
      level.push([`u_p${j - 1}`, `arrayMap((r, d) -> r + d, arrayPopBack(arrayPushFront(${r}, toInt64(0))), u_d)`]);
      r = `u_p${j - 1}`;
    }
    reach.push(r);
    const within = int(u.window * 256 + ids[j - 1]);
    level.push([`u_x${j}`, `arrayMap((x, r) -> bitAnd(x, 255) = ${ids[j - 1]} AND r <= ${within}, u_e, ${r})`]);
    if (j < m) level.push([`u_r${j}`, `arrayMap((r, q) -> r + q, ${r}, ${fill('d - dr', 'd, dr', `u_d, arrayDifference(${r}), u_x${j}`)})`]);
    levels.push(level);
  }
  const reached = Array.from({ length: m }, (_, j) => `has(u_x${m - j}, 1), ${m - j}`);
  // A distance's 256·(t − s) + id_j (the first step's id is 0; ids are below 256): its intDiv by 256 is t − s.
  const times = reach.map((r, j) => `intDiv(arrayReduce('minIf', ${r}, u_x${j + 2}), 256)`);
  return { levels, result: `tuple(${[`toInt64(multiIf(${reached.join(', ')}, 0))`, ...times].join(', ')})` };
}
