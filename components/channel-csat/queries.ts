// The queries of <pulso-channel-csat> and what their rows make, free of Lit: channelCsat
// (SPEC §3.3) over the current and previous windows and ticketStats (§3.4) over the
// current one, joined by group. A window without both ends is anchored at the data's
// last CSAT answer, so it needs that answer first (an `extent` query) and then the rest.
import type { ChannelCsatRow } from '../../src/metrics/csat.js';
import type { ExtentRow } from '../../src/metrics/extent.js';
import { rangeOf } from '../../src/metrics/input.js';
import { groupedCount, OTHERS } from '../../src/metrics/others.js';
import type { TicketStatsRow } from '../../src/metrics/tickets.js';
import type { MetricQuery } from '../../src/query/types.js';
import { addDuration, parseDuration } from '../../src/time/duration.js';
import type { Duration } from '../../src/time/duration.js';
import { bucketer } from '../../src/time/period.js';
import type { Answers, Queries, WidgetPlan } from '../shared/data-types.js';
import { TICKET_COLUMNS } from './types.js';
import type { CompareMode, CsatResult, TicketColumn, Window } from './types.js';

/** The comparison window when neither `from` nor `to` is set. */
export const DEFAULT_RANGE = 'P30D';

const RANGE_WORDS: Record<string, string> = { day: 'P1D', week: 'P7D', month: 'P1M', quarter: 'P3M', year: 'P1Y' };

export interface CsatOptions {
  by?: string;
  from?: string;
  to?: string;
  /** Length of the window when `from` or `to` is missing: ISO duration or day…year. */
  range?: string;
  compare: CompareMode;
  satisfiedMin?: number;
  scale?: number;
  minCellSize?: number;
  timeZone?: string;
  tickets: readonly TicketColumn[];
  /** Groups shown, "Others" included (the smallest past it are folded). */
  maxSegments?: number;
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

export function checkCompare(value: unknown): CompareMode {
  const compare = value ?? 'previous';
  if (compare !== 'previous' && compare !== 'none') throw new RangeError(`compare must be previous or none; got '${String(compare)}'`);
  return compare;
}

export function rangeDuration(value: string | undefined): Duration {
  const v = value ?? DEFAULT_RANGE;
  const d = parseDuration(RANGE_WORDS[v] ?? v, 'range');
  if (d.months === 0 && d.days === 0 && d.ms === 0) throw new RangeError(`range must be longer than zero; got '${v}'`);
  return d;
}

const minus = (d: Duration): Duration => ({ months: -d.months, days: -d.days, ms: -d.ms });

/** Whether the windows can be known without the data's last answer. */
function anchored(o: CsatOptions): boolean {
  const given = rangeOf({ from: o.from, to: o.to });
  const ends = Number(Number.isFinite(given.from)) + Number(Number.isFinite(given.to));
  return ends === 2 || (ends === 0 && o.compare === 'none') || (ends === 1 && Number.isFinite(given.to));
}

/** Start of the day after the last CSAT answer (`last`, epoch ms), in the zone: the end of "the data". */
function endOfData(last: number | null | undefined, zone: string | undefined): number | undefined {
  if (last === null || last === undefined) return undefined;
  const day = bucketer('day', zone);
  return day.start(day.index(last) + 1);
}

/**
 * The current and previous windows. With from and to: [from, to) and the same length
 * before it. A missing end is the end of the data (or `from` when the data ends
 * earlier), a missing start is `to` − range; with neither, the last `range` up to
 * the data's last answer. compare="none" with neither keeps the whole history.
 * `last` is the data's last CSAT answer, needed only when a window ends with it.
 */
export function windowsOf(o: CsatOptions, last?: number | null): { window: Window | null; previous: Window | null } {
  const zone = o.timeZone;
  const given = rangeOf({ from: o.from, to: o.to });
  const d = rangeDuration(o.range);
  const hasFrom = Number.isFinite(given.from);
  const hasTo = Number.isFinite(given.to);
  if (!hasFrom && !hasTo && o.compare === 'none') return { window: null, previous: null };
  let window: Window;
  if (hasFrom && hasTo) window = given;
  else if (hasTo) window = { from: addDuration(given.to, minus(d), zone), to: given.to };
  else {
    const end = endOfData(last, zone);
    if (end === undefined) return { window: null, previous: null };
    window = hasFrom ? { from: given.from, to: Math.max(end, given.from) } : { from: addDuration(end, minus(d), zone), to: end };
  }
  if (o.compare === 'none') return { window, previous: null };
  const length = window.to - window.from;
  // A calendar range (P1M) steps back by the calendar; given from/to by their exact length.
  const previousFrom = hasFrom || hasTo ? window.from - length : addDuration(window.from, minus(d), zone);
  return { window, previous: { from: previousFrom, to: window.from } };
}

/**
 * The queries of the windows: CSAT in the current (and previous) one, tickets in the
 * current one. With `keep` (the groups the current window shows), the previous window
 * and the tickets alone, folding exactly the groups the current one folded.
 */
function windowQueries(o: CsatOptions, last?: number | null, keep?: readonly string[]): Queries {
  const { window, previous } = windowsOf(o, last);
  const by = o.by ?? 'channel';
  const segments = keep ? { keepSegments: keep } : { maxSegments: o.maxSegments };
  const common = { by, satisfiedMin: o.satisfiedMin, scale: o.scale, minCellSize: o.minCellSize, timeZone: o.timeZone, ...segments };
  const csat = (w: Window | null): MetricQuery => ({ metric: 'channelCsat', options: { ...common, from: w?.from, to: w?.to } });
  const out: Record<string, MetricQuery> = keep ? {} : { current: csat(window) };
  if (previous) out.previous = csat(previous);
  if (o.tickets.length > 0)
    out.tickets = {
      metric: 'ticketStats',
      options: { by, from: window?.from, to: window?.to, minCellSize: o.minCellSize, timeZone: o.timeZone, ...segments },
    };
  return out;
}

/**
 * The window queries, then — when the current window folded groups into "Others" — the
 * previous window and the tickets again, folding the same groups, so a comparison or a
 * ticket column of "Others" is about the same channels. Nothing more otherwise.
 */
function windowPlan(o: CsatOptions, last?: number | null): WidgetPlan {
  return {
    queries: windowQueries(o, last),
    then: (answers) => {
      const current = (answers.current ?? []) as ChannelCsatRow[];
      if (!current.some((r) => r.channel === OTHERS)) return { queries: {} };
      const keep = [...new Set(current.map((r) => r.channel))].filter((c) => c !== OTHERS);
      return { queries: windowQueries(o, last, keep) };
    },
  };
}

const EXTENT: MetricQuery = { metric: 'extent', options: { table: 'surveys', kind: 'csat' } };

/** The widget's plan: the window queries at once, or after the data's last answer when they end with it. */
export function csatPlan(o: CsatOptions): WidgetPlan {
  rangeDuration(o.range); // a bad range is refused before any load, whatever the windows need
  if (anchored(o)) return windowPlan(o);
  return { queries: { extent: EXTENT }, then: (first) => windowPlan(o, lastOf(first)) };
}

const lastOf = (answers: Answers): number | null => (answers.extent?.[0] as ExtentRow | undefined)?.last ?? null;

const noTickets = (channel: string): TicketStatsRow => ({
  channel,
  tickets: 0,
  resolved: 0,
  open: 0,
  fcr: null,
  fcrLow: null,
  fcrHigh: null,
  firstResponseMedianMin: null,
  firstResponseMeanMin: null,
  resolutionMedianMin: null,
});

/** The result from the answers of `csatPlan(o)`. */
export function csatResult(answers: Answers, o: CsatOptions): CsatResult {
  const by = o.by ?? 'channel';
  const { window, previous } = windowsOf(o, lastOf(answers));
  // A group that answered only elsewhere in the history is not part of this window.
  const rows = ((answers.current ?? []) as ChannelCsatRow[]).filter((r) => r.suppressed || (r.n ?? 0) > 0);
  const tickets = new Map<string, TicketStatsRow>();
  const stats = (answers.tickets ?? []) as TicketStatsRow[];
  for (const s of stats) tickets.set(s.channel, s);
  // With tickets in the window, a group with answers but none of them opened none: zero, not unknown.
  if (stats.length > 0) for (const r of rows) if (!tickets.has(r.channel)) tickets.set(r.channel, noTickets(r.channel));
  return {
    rows,
    previous: (answers.previous ?? []) as ChannelCsatRow[],
    tickets,
    columns: o.tickets,
    window,
    previousWindow: previous,
    by,
    grouped: groupedCount(answers.current ?? []),
  };
}
