// ticketStats in ClickHouse: tickets, resolved, first-contact counts, and per duration
// its count, sum and two middle values of the sorted durations (so the median is exact:
// ClickHouse's quantileExact does not average the two middles) per period and group;
// the grid, suppression and rates are ticketStats' own (ticketRows). Groups past
// maxSegments: the "(others)" group by a second statement over their tickets (fold-later.ts).
import { gridOfGroups } from '../../../metrics/grid.js';
import { checkTicketStatsOptions, ticketRows, type TicketStatsSettings } from '../../../metrics/tickets.js';
import type { DbRow } from '../../engine.js';
import { count, num } from '../../sql.js';
import { weighed } from '../../compile/fold.js';
import { foldLater } from '../../compile/fold-later.js';
import type { ChCompiler } from '../context.js';
import { addTickets, emptyTicketCells } from '../../compile/tickets.js';
import { ordinal, zoneLiteral } from '../time.js';
import {
  inRange,
  segmentLabel,
  segmented,
  type ChMetricCompiler,
} from './common.js';

/** Count, sum (ms) and the lower and upper middle (ms) of `end − opened_at` over the rows that have an end. */
export function durationItems(end: string, prefix: string): string {
  const d = `(${end} - opened_at)`;
  const sorted = `arraySort(groupArray(${d}))`;
  const n = `toInt64(count(${end}))`;
  return `count(${end}) AS ${prefix}_n, sum(${d}) AS ${prefix}_sum, arrayElement(${sorted}, intDiv(${n} - 1, 2) + 1) AS ${prefix}_lo, arrayElement(${sorted}, intDiv(${n}, 2) + 1) AS ${prefix}_hi`;
}

export function ticketItems(): string {
  return `count() AS n, count(resolved_at) AS resolved,
  countIf(isNotNull(resolved_at) AND contacts = 1) AS fcr_yes, countIf(isNotNull(resolved_at) AND contacts > 1) AS fcr_no,
  ${durationItems('first_response_at', 'rsp')}, ${durationItems('resolved_at', 'res')}`;
}

export const compileTickets: ChMetricCompiler = (c, options) => {
  const s = checkTicketStatsOptions(options);
  c.require('tickets');
  const first = {
    statements: [ticketStatement(c, s)],
    finish([rows]: readonly DbRow[][]) {
      const groups = rows.map((r) => ({ p: num(r.p)!, label: segmentLabel(r.seg), inRange: true }));
      const { grid, cells } = gridOfGroups(groups, s.range, s.bucket, 0, true);
      const acc = emptyTicketCells(grid.cells);
      rows.forEach((r, i) => {
        if (cells[i] >= 0) addTickets(acc, cells[i], r);
      });
      return ticketRows(acc, grid, s.bucket, s.minCellSize) as never;
    },
  };
  // The kernel weighs a group by its tickets in range: the first statement counts them.
  return foldLater(first, {
    limit: s.segments,
    weights: ([rows]) => weighed(rows, (r) => segmentLabel(r.seg), (r) => count(r.n)),
    others: (kept) => [ticketStatement(c, s, kept)],
  });
};

/** Per period and group, the tickets opened in range; with `kept`, the "(others)" group alone (fold-later.ts). */
function ticketStatement(c: ChCompiler, s: TicketStatsSettings, kept?: readonly string[]): string {
  const { bucket, range, by } = s;
  const p = bucket
    ? ordinal(bucket.period, 'opened_at__ts', zoneLiteral(bucket.timeZone))
    : 'toInt64(0)';
  const { rel, seg, rows } = segmented(c, 'tickets', by, kept);
  const where = `${inRange('opened_at', range.from, range.to)}${kept ? ` AND ${rows}` : ''}`;
  return `SELECT p, seg, ${ticketItems()}
FROM (SELECT ${p} AS p, ${seg} AS seg, opened_at, first_response_at, resolved_at, contacts FROM ${rel} WHERE ${where})
GROUP BY p, seg`;
}
