// ticketStats in SQL: tickets, resolved, first-contact counts, and per duration its
// count, sum and two middle values (so the median is exact) per period and group; the
// grid, suppression and rates are ticketStats' own (ticketRows). Groups past maxSegments:
// the "(others)" group by a second statement over their tickets (fold-later.ts).
import { gridOfGroups } from '../../metrics/grid.js';
import { checkTicketStatsOptions, ticketRows, type TicketCells, type TicketStatsSettings } from '../../metrics/tickets.js';
import type { Compiler } from '../context.js';
import type { DbRow } from '../engine.js';
import { count, num, type BoundStatement } from '../sql.js';
import { ordinal, zoneParam } from '../time.js';
import { groupBy, inRange, segmentLabel, segmentRows, type Compiled, type MetricCompiler } from './common.js';
import { weighed } from './fold.js';
import { foldLater } from './fold-later.js';

const MINUTE_MS = 60_000;

/** Count, sum (ms) and middle values (ms) of `end − opened` over the rows that have an end. */
export function durationItems(c: Compiler, end: string, prefix: string, alias = 's'): string {
  // Null without an end: left out by every aggregate (no FILTER, which costs DuckDB a copy per row).
  const d = `(${alias}.${end} - ${alias}.opened_at)`;
  return `count(${alias}.${end}) AS ${prefix}_n, sum(${d}) AS ${prefix}_sum, ${c.d.lowerMiddle(d)} AS ${prefix}_lo, ${c.d.upperMiddle(d)} AS ${prefix}_hi`;
}

/** The median in minutes as the kernel computes it: the mean of the two middle values for an even count. */
export function medianMinutes(n: number, lo: unknown, hi: unknown): number {
  if (n <= 0) return NaN;
  const a = num(lo)! / MINUTE_MS;
  return n % 2 ? a : (a + num(hi)! / MINUTE_MS) / 2;
}

/** Adds a group's durations into cell `cell` (a cell holds one group: medians cannot be merged). */
export function addDurations(acc: TicketCells['response'], cell: number, r: DbRow, prefix: string): void {
  const n = count(r[`${prefix}_n`]);
  acc.count[cell] += n;
  acc.sum[cell] += (num(r[`${prefix}_sum`]) ?? 0) / MINUTE_MS;
  acc.median[cell] = medianMinutes(n, r[`${prefix}_lo`], r[`${prefix}_hi`]);
}

export function emptyTicketCells(cells: number): TicketCells {
  const durations = () => ({ count: new Int32Array(cells), sum: new Float64Array(cells), median: new Float64Array(cells).fill(NaN) });
  return {
    tickets: new Int32Array(cells),
    resolved: new Int32Array(cells),
    fcrYes: new Int32Array(cells),
    fcrNo: new Int32Array(cells),
    response: durations(),
    resolution: durations(),
  };
}

export function addTickets(acc: TicketCells, cell: number, r: DbRow): void {
  acc.tickets[cell] += count(r.n);
  acc.resolved[cell] += count(r.resolved);
  acc.fcrYes[cell] += count(r.fcr_yes);
  acc.fcrNo[cell] += count(r.fcr_no);
  addDurations(acc.response, cell, r, 'rsp');
  addDurations(acc.resolution, cell, r, 'res');
}

/** Which aggregates a statement computes: ticketStats all; kpis only its asked cards' (the others read as 0). */
export interface TicketParts {
  readonly counts: boolean;
  readonly response: boolean;
  readonly resolution: boolean;
}

const ALL: TicketParts = { counts: true, response: true, resolution: true };

/** The counts of tickets (volume, resolved, first contact) and of each duration, as asked. */
export function ticketItems(c: Compiler, alias = 's', parts: TicketParts = ALL): string {
  const items: string[] = [];
  if (parts.counts) {
    items.push(`count(*) AS n, count(${alias}.resolved_at) AS resolved,
  count(*) FILTER (WHERE ${alias}.resolved_at IS NOT NULL AND ${alias}.contacts = 1) AS fcr_yes,
  count(*) FILTER (WHERE ${alias}.resolved_at IS NOT NULL AND ${alias}.contacts > 1) AS fcr_no`);
  }
  if (parts.response) items.push(durationItems(c, 'first_response_at', 'rsp', alias));
  if (parts.resolution) items.push(durationItems(c, 'resolved_at', 'res', alias));
  return items.join(',\n  ');
}

export const compileTickets: MetricCompiler = (c, options, fork) => {
  const s = checkTicketStatsOptions(options);
  c.require('tickets');
  const first: Compiled = {
    statements: [ticketStatement(c, s)],
    finish([rows]) {
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
    others: (kept) => [ticketStatement(fork(), s, kept)],
  });
};

/** Per period and group, the tickets opened in range; with `kept`, the "(others)" group alone (fold-later.ts). */
function ticketStatement(c: Compiler, s: TicketStatsSettings, kept?: readonly string[]): BoundStatement {
  const { bucket, range, by } = s;
  const joins: string[] = [];
  const p = bucket ? ordinal(c, bucket.period, 's.opened_at__ts', zoneParam(c, bucket.timeZone)) : '0';
  const { seg, rows } = segmentRows(c, 'tickets', 's', by, joins, kept);
  const select = `SELECT ${p} AS p, ${seg} AS seg, ${ticketItems(c)}
FROM ${c.filtered('tickets')} s ${joins.join(' ')}
WHERE ${inRange(c, 's.opened_at', range.from, range.to, 's.opened_at__ts')}${kept ? ` AND ${rows}` : ''}
${groupBy(p, seg)}`;
  return c.statement(select);
}
