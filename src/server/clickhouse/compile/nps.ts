// npsTrend in ClickHouse: answers counted per period and segment by class, over the
// range and the rolling window's lookback; the grid, rolling sums, suppression and
// scores are npsTrend's own (npsRows); "(others)" folded on the grouped counts (compile/fold.ts).
import { gridOfGroups } from '../../../metrics/grid.js';
import { checkNpsTrendOptions, npsRows } from '../../../metrics/nps.js';
import { count, num } from '../../sql.js';
import { withGrouped } from '../../../metrics/others.js';
import { foldRows, NO_FOLDING } from '../../compile/fold.js';
import { npsCounts, npsWeight } from '../../compile/nps.js';
import { ordinal, zoneLiteral } from '../time.js';
import {
  inRange,
  reachesFrom,
  segmentLabel,
  segmented,
  type ChMetricCompiler,
} from './common.js';

export const compileNps: ChMetricCompiler = (c, options) => {
  const s = checkNpsTrendOptions(options);
  c.require('surveys');
  const { bucket, range, by, rolling: w, minCellSize: k } = s;
  const lo =
    w > 1 && range.from > -Infinity
      ? Math.min(range.from, bucket.start(bucket.index(range.from) - (w - 1)))
      : range.from;
  const { rel, seg } = segmented(c, 'surveys', by);
  const select = `SELECT p, seg, ${reachesFrom('t', range.from)} AS inr, countIf(score >= 9) AS pr, countIf(score >= 7 AND score < 9) AS pa, countIf(score < 7) AS de
FROM (SELECT ${ordinal(bucket.period, 'at__ts', zoneLiteral(bucket.timeZone))} AS p, ${seg} AS seg, at AS t, score FROM ${rel}
  WHERE kind = 'nps' AND ${inRange('at', lo, range.to)})
GROUP BY p, seg`;
  return {
    statements: [select],
    finish([rows]) {
      const fold = by === undefined ? NO_FOLDING : foldRows(rows, (r) => segmentLabel(r.seg), npsWeight, s.segments);
      const groups = rows.map((r) => ({
        p: num(r.p)!,
        label: fold.label(segmentLabel(r.seg)),
        inRange: count(r.inr) > 0,
      }));
      const { grid, cells } = gridOfGroups(groups, range, bucket, w - 1, by !== undefined);
      return withGrouped(npsRows(npsCounts(rows, cells, grid.cells), grid, bucket, by, w, k), fold.grouped) as never;
    },
  };
};
