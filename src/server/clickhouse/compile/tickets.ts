// ticketStats in ClickHouse: tickets, resolved, first-contact counts, and per duration
// its count, sum and two middle values of the sorted durations (so the median is exact:
// ClickHouse's quantileExact does not average the two middles) per period and group;
// the grid, suppression and rates are ticketStats' own (ticketRows).
import { gridOfGroups } from '../../../metrics/grid.js';
import { checkTicketStatsOptions, ticketRows } from '../../../metrics/tickets.js';
import { num } from '../../sql.js';
import { addTickets, emptyTicketCells } from '../../compile/tickets.js';
import { ordinal, zoneLiteral } from '../time.js';
import {
  inRange,
  refuseFolding,
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
  const { bucket, range, by, minCellSize: k } = s;
  const p = bucket
    ? ordinal(bucket.period, 'opened_at__ts', zoneLiteral(bucket.timeZone))
    : 'toInt64(0)';
  const { rel, seg } = segmented(c, 'tickets', by);
  const select = `SELECT p, seg, ${ticketItems()}
FROM (SELECT ${p} AS p, ${seg} AS seg, opened_at, first_response_at, resolved_at, contacts FROM ${rel} WHERE ${inRange('opened_at', range.from, range.to)})
GROUP BY p, seg`;
  return {
    statements: [select],
    finish([rows]) {
      const groups = rows.map((r) => ({ p: num(r.p)!, label: segmentLabel(r.seg), inRange: true }));
      refuseFolding(
        c,
        groups.map((g) => g.label),
        s.segments,
      );
      const { grid, cells } = gridOfGroups(groups, range, bucket, 0, true);
      const acc = emptyTicketCells(grid.cells);
      rows.forEach((r, i) => {
        if (cells[i] >= 0) addTickets(acc, cells[i], r);
      });
      return ticketRows(acc, grid, bucket, k) as never;
    },
  };
};
