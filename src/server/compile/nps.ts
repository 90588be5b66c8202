// npsTrend in SQL: answers counted per period and segment by class (promoters,
// passives, detractors), over the range and the rolling window's lookback; the grid,
// rolling sums, suppression and scores are npsTrend's own (npsRows); segments past
// maxSegments fold into "(others)" on the grouped counts (fold.ts).
import { gridOfGroups } from '../../metrics/grid.js';
import { checkNpsTrendOptions, npsRows } from '../../metrics/nps.js';
import type { DbRow } from '../engine.js';
import { count, num } from '../sql.js';
import { ordinal, zoneParam } from '../time.js';
import { withGrouped } from '../../metrics/others.js';
import { groupBy, inRange, reachesFrom, segmentLabel, segmentSql, type MetricCompiler } from './common.js';
import { foldRows, NO_FOLDING } from './fold.js';

export const compileNps: MetricCompiler = (c, options) => {
  const s = checkNpsTrendOptions(options);
  c.require('surveys');
  c.readsKinds(['nps']);
  const { bucket, range, by, rolling: w, minCellSize: k } = s;
  const lo = w > 1 && range.from > -Infinity ? Math.min(range.from, bucket.start(bucket.index(range.from) - (w - 1))) : range.from;
  const joins: string[] = [];
  const tz = zoneParam(c, bucket.timeZone);
  const seg = by === undefined ? 'NULL' : segmentSql(c, 'surveys', 's', by, joins);
  const from = c.filtered('surveys');
  const p = ordinal(c, bucket.period, 's.at__ts', tz);
  const classes = npsClassItems(c.npsScore('s'), (cond) => (cond ? `count(*) FILTER (WHERE ${cond})` : 'count(*)'));
  const select = `SELECT ${p} AS p, ${seg} AS seg, ${reachesFrom(c, 's.at', range.from, 's.at__ts')} AS inr, ${classes.join(', ')}
FROM ${from} s ${joins.join(' ')}
WHERE s.kind = 'nps' AND ${inRange(c, 's.at', lo, range.to, 's.at__ts')}
${groupBy(p, seg)}`;
  return {
    statements: [c.statement(select)],
    finish([rows]) {
      const fold = by === undefined ? NO_FOLDING : foldRows(rows, (r) => segmentLabel(r.seg), npsWeight, s.segments);
      const groups = rows.map((r) => ({ p: num(r.p)!, label: fold.label(segmentLabel(r.seg)), inRange: count(r.inr) > 0 }));
      const { grid, cells } = gridOfGroups(groups, range, bucket, w - 1, by !== undefined);
      return withGrouped(npsRows(npsCounts(rows, cells, grid.cells), grid, bucket, by, w, k), fold.grouped) as never;
    },
  };
};

/**
 * The NPS classes' counts as select items pr, pa, de of the score `sc` (Compiler.npsScore);
 * `counted(cond)` counts the group's NPS answers where cond holds (all of them without).
 * Passives are the answers neither promoters nor detractors — the score is required, so
 * every valid answer is in one class — which spares the engine a test and a count per row.
 */
export function npsClassItems(sc: string, counted: (cond?: string) => string): string[] {
  const [pr, de] = [counted(`${sc} >= 9`), counted(`${sc} < 7`)];
  return [`${pr} AS pr`, `${counted()} - ${pr} - ${de} AS pa`, `${de} AS de`];
}

/** A group's answers: what the kernel weighs a segment by (its rows in the range and the rolling lookback). */
export const npsWeight = (r: DbRow): number => count(r.pr) + count(r.pa) + count(r.de);

/**
 * The promoters, passives and detractors of each grid cell (three per cell) from the
 * grouped rows (pr, pa, de) and each row's cell (−1: outside the grid); every dialect reads them here.
 */
export function npsCounts(rows: readonly DbRow[], cells: ArrayLike<number>, size: number): Int32Array {
  const ext = new Int32Array(size * 3);
  rows.forEach((r, i) => {
    const cell = cells[i];
    if (cell < 0) return;
    ext[cell * 3] += count(r.pr);
    ext[cell * 3 + 1] += count(r.pa);
    ext[cell * 3 + 2] += count(r.de);
  });
  return ext;
}
