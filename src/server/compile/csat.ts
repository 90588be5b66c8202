// channelCsat in SQL: answers, satisfied answers and the score sum per period and
// group; the grid, suppression, Wilson interval and mean are channelCsat's own (csatRows);
// groups past maxSegments fold into "(others)" on the grouped counts (fold.ts).
import { checkChannelCsatOptions, csatRows } from '../../metrics/csat.js';
import { gridOfGroups } from '../../metrics/grid.js';
import type { DbRow } from '../engine.js';
import { count, num } from '../sql.js';
import { ordinal, zoneParam } from '../time.js';
import { withGrouped } from '../../metrics/others.js';
import { groupBy, inRange, segmentLabel, segmentSql, type MetricCompiler } from './common.js';
import { foldRows } from './fold.js';

export const compileCsat: MetricCompiler = (c, options) => {
  const s = checkChannelCsatOptions(options);
  c.require('surveys');
  c.readsKinds(['csat']);
  const { bucket, range, by, satisfiedMin, minCellSize: k } = s;
  const joins: string[] = [];
  const p = bucket ? ordinal(c, bucket.period, 's.at__ts', zoneParam(c, bucket.timeZone)) : '0';
  const seg = segmentSql(c, 'surveys', 's', by, joins);
  const from = c.filtered('surveys');
  const select = `SELECT ${p} AS p, ${seg} AS seg, count(*) AS n, count(*) FILTER (WHERE s.score >= ${c.p.num(satisfiedMin)}) AS sat, sum(s.score) AS total
FROM ${from} s ${joins.join(' ')}
WHERE s.kind = 'csat' AND ${inRange(c, 's.at', range.from, range.to, 's.at__ts')}
${groupBy(p, seg)}`;
  return {
    statements: [c.statement(select)],
    finish([rows]) {
      const fold = foldRows(rows, (r) => segmentLabel(r.seg), (r) => count(r.n), s.segments);
      const groups = rows.map((r) => ({ p: num(r.p)!, label: fold.label(segmentLabel(r.seg)), inRange: true }));
      const { grid, cells } = gridOfGroups(groups, range, bucket, 0, true);
      return withGrouped(csatRows(csatCounts(rows, cells, grid.cells), grid, bucket, k), fold.grouped) as never;
    },
  };
};

/** Answers n, satisfied and score sum of each grid cell from the grouped rows (n, sat, total); every dialect reads them here. */
export function csatCounts(rows: readonly DbRow[], cells: ArrayLike<number>, size: number) {
  const acc = { n: new Int32Array(size), satisfied: new Int32Array(size), sum: new Float64Array(size) };
  rows.forEach((r, i) => {
    const cell = cells[i];
    if (cell < 0) return;
    acc.n[cell] += count(r.n);
    acc.satisfied[cell] += count(r.sat);
    acc.sum[cell] += num(r.total) ?? 0;
  });
  return acc;
}
