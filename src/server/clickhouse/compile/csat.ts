// channelCsat in ClickHouse: answers, satisfied answers and the score sum per period and
// group; the grid, suppression, Wilson interval and mean are channelCsat's own (csatRows);
// "(others)" folded on the grouped counts (compile/fold.ts).
import { checkChannelCsatOptions, csatRows } from '../../../metrics/csat.js';
import { gridOfGroups } from '../../../metrics/grid.js';
import { withGrouped } from '../../../metrics/others.js';
import { count, num } from '../../sql.js';
import { csatCounts } from '../../compile/csat.js';
import { foldRows } from '../../compile/fold.js';
import { num as lit } from '../literal.js';
import { ordinal, zoneLiteral } from '../time.js';
import {
  inRange,
  segmentLabel,
  segmented,
  type ChMetricCompiler,
} from './common.js';

export const compileCsat: ChMetricCompiler = (c, options) => {
  const s = checkChannelCsatOptions(options);
  c.require('surveys');
  const { bucket, range, by, satisfiedMin, minCellSize: k } = s;
  const p = bucket ? ordinal(bucket.period, 'at__ts', zoneLiteral(bucket.timeZone)) : 'toInt64(0)';
  const { rel, seg } = segmented(c, 'surveys', by);
  const select = `SELECT p, seg, count() AS n, countIf(score >= ${lit(satisfiedMin)}) AS sat, sum(score) AS total
FROM (SELECT ${p} AS p, ${seg} AS seg, score FROM ${rel} WHERE kind = 'csat' AND ${inRange('at', range.from, range.to)})
GROUP BY p, seg`;
  return {
    statements: [select],
    finish([rows]) {
      const fold = foldRows(rows, (r) => segmentLabel(r.seg), (r) => count(r.n), s.segments);
      const groups = rows.map((r) => ({ p: num(r.p)!, label: fold.label(segmentLabel(r.seg)), inRange: true }));
      const { grid, cells } = gridOfGroups(groups, range, bucket, 0, true);
      return withGrouped(csatRows(csatCounts(rows, cells, grid.cells), grid, bucket, k), fold.grouped) as never;
    },
  };
};
