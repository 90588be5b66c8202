// The numbers of <pulso-channel-csat>, free of Lit: the current and previous
// windows, channelCsat over both (SPEC §3.3), ticketStats over the current one
// (§3.4), joined by group. The element only draws what this returns.
import type { TimeInput } from '../../src/adapters/types.js';
import { frameOf } from '../../src/data/frame.js';
import type { NormalizedTables } from '../../src/data/schema.js';
import { channelCsat } from '../../src/metrics/csat.js';
import type { ChannelCsatRow } from '../../src/metrics/csat.js';
import { rangeOf } from '../../src/metrics/input.js';
import { ticketStats } from '../../src/metrics/tickets.js';
import type { TicketStatsRow } from '../../src/metrics/tickets.js';
import { addDuration, parseDuration } from '../../src/time/duration.js';
import type { Duration } from '../../src/time/duration.js';
import { bucketer } from '../../src/time/period.js';

export type TicketColumn = 'fcr' | 'first-response' | 'resolution' | 'volume';
export const TICKET_COLUMNS: readonly TicketColumn[] = ['fcr', 'first-response', 'resolution', 'volume'];
export type CompareMode = 'previous' | 'none';

/** The comparison window when neither `from` nor `to` is set. */
export const DEFAULT_PERIOD = 'P30D';

const PERIOD_WORDS: Record<string, string> = { day: 'P1D', week: 'P7D', month: 'P1M', quarter: 'P3M', year: 'P1Y' };

export interface CsatOptions {
  by?: string;
  from?: TimeInput;
  to?: TimeInput;
  /** Length of the window when `from` or `to` is missing: ISO duration or day…year. */
  period?: string;
  compare: CompareMode;
  satisfiedMin?: number;
  scale?: number;
  minCellSize?: number;
  timeZone?: string;
  tickets: readonly TicketColumn[];
}

/** A half-open [from, to) in epoch ms. */
export interface Window {
  from: number;
  to: number;
}

export interface CsatResult {
  /** Groups with answers in the current window (hidden ones included), in metric order. */
  rows: ChannelCsatRow[];
  /** The previous window's rows, or [] without a comparison. */
  previous: ChannelCsatRow[];
  /** Ticket stats by group over the current window; empty without ticket columns. */
  tickets: Map<string, TicketStatsRow>;
  columns: readonly TicketColumn[];
  /** Null when the whole history is shown (no from/to, compare="none"). */
  window: Window | null;
  previousWindow: Window | null;
  /** The `by` in force ('channel' by default). */
  by: string;
}

/** `tickets="fcr, volume"` → the known columns, in the order given; "all" for every one. */
export function ticketColumns(list: readonly string[] | undefined): TicketColumn[] {
  if (!list) return [];
  if (list.length === 1 && list[0] === 'all') return [...TICKET_COLUMNS];
  for (const c of list) {
    if (!(TICKET_COLUMNS as readonly string[]).includes(c))
      throw new RangeError(`tickets must list ${TICKET_COLUMNS.join(', ')} (or all); got '${c}'`);
  }
  return [...new Set(list)] as TicketColumn[];
}

export function periodDuration(value: string | undefined): Duration {
  const v = value ?? DEFAULT_PERIOD;
  const d = parseDuration(PERIOD_WORDS[v] ?? v, 'period');
  if (d.months === 0 && d.days === 0 && d.ms === 0) throw new RangeError(`period must be longer than zero; got '${v}'`);
  return d;
}

/** Start of the day after the last csat answer, in the zone: the end of "the data". */
function endOfData(tables: NormalizedTables, zone: string | undefined): number | undefined {
  if (!tables.surveys || tables.surveys.numRows() === 0) return undefined;
  const frame = frameOf(tables.surveys);
  const at = frame.time('at');
  const kind = frame.dict('kind');
  const csat = kind.index.get('csat');
  let last = -Infinity;
  for (let i = 0; i < at.length; i++) if (kind.codes[i] === csat && at[i] > last) last = at[i];
  if (last === -Infinity) return undefined;
  const day = bucketer('day', zone);
  return day.start(day.index(last) + 1);
}

const minus = (d: Duration): Duration => ({ months: -d.months, days: -d.days, ms: -d.ms });

/**
 * The current and previous windows. With from and to: [from, to) and the same length
 * before it. A missing end is the end of the data (or `from` + period when the data
 * ends earlier), a missing start is `to` − period; with neither, the last `period`
 * up to the data's last answer. compare="none" with neither keeps the whole history.
 */
export function windowsOf(tables: NormalizedTables, o: CsatOptions): { window: Window | null; previous: Window | null } {
  const zone = o.timeZone;
  const given = rangeOf({ from: o.from, to: o.to });
  const d = periodDuration(o.period);
  const hasFrom = Number.isFinite(given.from);
  const hasTo = Number.isFinite(given.to);
  if (!hasFrom && !hasTo && o.compare === 'none') return { window: null, previous: null };
  let window: Window;
  if (hasFrom && hasTo) window = given;
  else if (hasTo) window = { from: addDuration(given.to, minus(d), zone), to: given.to };
  else {
    const end = endOfData(tables, zone);
    if (end === undefined) return { window: null, previous: null };
    window = hasFrom ? { from: given.from, to: Math.max(end, given.from) } : { from: addDuration(end, minus(d), zone), to: end };
  }
  if (o.compare === 'none') return { window, previous: null };
  const length = window.to - window.from;
  // A calendar period (P1M) steps back by the calendar; given from/to by their exact length.
  const previousFrom = hasFrom || hasTo ? window.from - length : addDuration(window.from, minus(d), zone);
  return { window, previous: { from: previousFrom, to: window.from } };
}

const noTickets = (channel: string): TicketStatsRow => ({
  channel,
  tickets: 0,
  resolved: 0,
  open: 0,
  fcr: null,
  firstResponseMedianMin: null,
  firstResponseMeanMin: null,
  resolutionMedianMin: null,
});

export function computeCsat(tables: NormalizedTables, o: CsatOptions): CsatResult {
  const by = o.by ?? 'channel';
  const { window, previous } = windowsOf(tables, o);
  const common = { by, satisfiedMin: o.satisfiedMin, scale: o.scale, minCellSize: o.minCellSize, timeZone: o.timeZone };
  const input = { surveys: tables.surveys ?? [], customers: tables.customers };
  const current = channelCsat(input, { ...common, from: window?.from, to: window?.to });
  // A group that answered only elsewhere in the history is not part of this window.
  const rows = current.filter((r) => r.suppressed || (r.n ?? 0) > 0);
  const prev = previous ? channelCsat(input, { ...common, from: previous.from, to: previous.to }) : [];
  const tickets = new Map<string, TicketStatsRow>();
  if (o.tickets.length > 0) {
    const stats = ticketStats(
      { tickets: tables.tickets ?? [], customers: tables.customers },
      { by, from: window?.from, to: window?.to, minCellSize: o.minCellSize, timeZone: o.timeZone },
    );
    for (const s of stats) tickets.set(s.channel, s);
    // A group with answers but no ticket in the table opened none: zero, not unknown.
    if ((tables.tickets?.numRows() ?? 0) > 0)
      for (const r of rows) if (!tickets.has(r.channel)) tickets.set(r.channel, noTickets(r.channel));
  }
  return { rows, previous: prev, tickets, columns: o.tickets, window, previousWindow: previous, by };
}
