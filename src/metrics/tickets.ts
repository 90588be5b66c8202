// ticketStats (SPEC §3.4): support tickets per channel (or any `by`), optionally per
// period of opening: volume, resolved and open, first-contact resolution, and
// first-response and resolution times in minutes.
import type { TimeInput } from '../adapters/types.js';
import type { Frame } from '../data/frame.js';
import type { TableInput, Tables } from '../data/schema.js';
import { finish, type Steps } from '../data/slices.js';
import { bucketer, PERIODS, type Bucketer, type Period } from '../time/period.js';
import { column, keyword, options as optionsOf, range, segmentLimit, zone, type Range, type SegmentLimit } from '../query/options.js';
import { gridGroups, gridSteps, shown, type Grid } from './grid.js';
import { metricInput } from './input.js';
import { checkRangePeriods } from './limits.js';
import { withGrouped } from './others.js';
import { cellDurations, type Durations } from './durations.js';
import { checkMinCellSize, suppressCells } from './suppress.js';
import { wilson } from './stats.js';

export { selectMedian } from './durations.js';

export interface TicketStatsOptions {
  /** Default `channel`; or any customer attribute. */
  by?: string;
  /** Range on `opened_at`. */
  from?: TimeInput;
  to?: TimeInput;
  period?: Period;
  timeZone?: string;
  minCellSize?: number;
  /** Groups shown, "(others)" included: the smallest past it are folded (default: no limit). */
  maxSegments?: number;
  /** Exactly these groups are shown; every other one is folded into "(others)". */
  keepSegments?: readonly string[];
}

export interface TicketStatsRow {
  period?: string;
  /** The group's value, whatever `by` names. */
  channel: string;
  tickets: number | null;
  resolved: number | null;
  open: number | null;
  /** Resolved with contacts = 1 / resolved with contacts recorded. */
  fcr: number | null;
  /** The 95% Wilson interval of `fcr`; null with it. */
  fcrLow: number | null;
  fcrHigh: number | null;
  firstResponseMedianMin: number | null;
  firstResponseMeanMin: number | null;
  resolutionMedianMin: number | null;
  suppressed?: true;
}

export interface TicketStatsSettings {
  /** Undefined without `period`: one row per group. */
  readonly bucket: Bucketer | undefined;
  readonly range: Range;
  readonly by: string;
  readonly minCellSize: number;
  readonly segments: SegmentLimit;
}

/** The options checked and resolved, without data (what ticketStats does first). */
export function checkTicketStatsOptions(options: unknown): TicketStatsSettings {
  const o = optionsOf(options, 'ticketStats');
  const period = keyword(o.period, 'period', PERIODS);
  const timeZone = zone(o.timeZone);
  const settings = {
    bucket: period === undefined ? undefined : bucketer(period, timeZone),
    range: range(o),
    by: column(o.by, 'by', 'channel')!,
    minCellSize: checkMinCellSize(o.minCellSize),
    segments: segmentLimit(o),
  };
  if (settings.bucket) checkRangePeriods('ticketStats', settings.bucket, settings.range);
  return settings;
}

export interface TicketCells {
  tickets: Int32Array;
  resolved: Int32Array;
  /** Resolved with contacts = 1, and resolved with contacts ≥ 2. */
  fcrYes: Int32Array;
  fcrNo: Int32Array;
  response: Durations;
  resolution: Durations;
}

/** Which aggregates to compute beyond the ticket count (a KPI card may need one alone). */
export interface TicketParts {
  readonly fcr: boolean;
  readonly response: boolean;
  readonly resolution: boolean;
}

const ALL_PARTS: TicketParts = { fcr: true, response: true, resolution: true };

function noDurations(cells: number): Durations {
  return { count: new Int32Array(cells), sum: new Float64Array(cells), median: new Float64Array(cells).fill(NaN) };
}

/**
 * Every per-cell aggregate of ticketStats (and of the KPI ticket cards); parts not asked
 * for stay empty. Steps that pause between the passes over the rows (src/data/slices.ts).
 */
export function* ticketCells(frame: Frame, cell: Int32Array, cells: number, parts: TicketParts = ALL_PARTS): Steps<TicketCells> {
  const opened = parts.response || parts.resolution ? frame.time('opened_at') : undefined;
  const tickets = new Int32Array(cells);
  const resolved = new Int32Array(cells);
  const fcrYes = new Int32Array(cells);
  const fcrNo = new Int32Array(cells);
  for (let i = 0; i < cell.length; i++) if (cell[i] >= 0) tickets[cell[i]]++;
  if (parts.fcr) countResolved(frame, cell, resolved, fcrYes, fcrNo);
  yield;
  const response = parts.response ? yield* cellDurations(cell, opened!, frame.time('first_response_at'), cells) : noDurations(cells);
  yield;
  const resolution = parts.resolution ? yield* cellDurations(cell, opened!, frame.time('resolved_at'), cells) : noDurations(cells);
  return { tickets, resolved, fcrYes, fcrNo, response, resolution };
}

/** Resolved tickets per cell, and among them those solved on first contact or not. */
function countResolved(frame: Frame, cell: Int32Array, resolved: Int32Array, fcrYes: Int32Array, fcrNo: Int32Array): void {
  const resolvedAt = frame.time('resolved_at');
  const contacts = frame.num('contacts');
  for (let i = 0; i < cell.length; i++) {
    const c = cell[i];
    if (c < 0 || resolvedAt[i] !== resolvedAt[i]) continue;
    resolved[c]++;
    // Contacts not recorded: neither first-contact nor not (NaN fails both tests).
    if (contacts[i] === 1) fcrYes[c]++;
    else if (contacts[i] > 1) fcrNo[c]++;
  }
}

/**
 * Tickets opened in [from, to) per group (SPEC §3.4). `resolved` is the state the
 * data shows (resolved_at present, even after `to`); fcr counts resolved tickets
 * with contacts recorded (a source that does not record contacts neither raises
 * nor lowers it; null when none has). Times are minutes over the tickets that have
 * them; with `period`, every period × every group, empty cells with zero counts.
 */
export function ticketStats(
  input: Tables | TableInput,
  options?: TicketStatsOptions,
): TicketStatsRow[] {
  return finish(ticketStatsSteps(input, options));
}

/** ticketStats as steps that pause between the kernel's passes (src/data/slices.ts). */
export function* ticketStatsSteps(input: Tables | TableInput, options?: TicketStatsOptions): Steps<TicketStatsRow[]> {
  const { bucket, range, by, minCellSize: k, segments } = checkTicketStatsOptions(options);
  const mi = metricInput(input, 'tickets', 'ticketStats');
  const frame = mi.require('tickets');
  const grid = yield* gridSteps({
    time: frame.time('opened_at'),
    range,
    bucket,
    segments: mi.segments(frame, by),
    limit: segments,
    metric: 'ticketStats',
  });
  yield;
  const cells = yield* ticketCells(frame, grid.cell, grid.cells);
  return withGrouped(ticketRows(cells, grid, bucket, k), grid.grouped);
}

/** Counts → rows (the second half of ticketStats, shared with SQL sources). */
export function ticketRows(
  acc: TicketCells,
  grid: Pick<Grid, 'first' | 'periods' | 'labels'>,
  bucket: Bucketer | undefined,
  k: number,
): TicketStatsRow[] {
  const S = grid.labels.length;
  const P = grid.periods;
  const hidden = hiddenCells(acc, P, S, k, bucket !== undefined);
  const rows: TicketStatsRow[] = [];
  for (let p = 0; p < P; p++) {
    for (let s = 0; s < S; s++) {
      const row = rowOf(acc, p * S + s, grid.labels[s], hidden, k);
      rows.push(bucket ? { period: bucket.key(grid.first + p), ...row } : row);
    }
  }
  return rows;
}

// Suppression cells per row: tickets, resolved, open, fcrYes, fcrNo.
const F = 5;

/**
 * resolved + open add up to the shown tickets, and fcr · (fcrYes + fcrNo) gives
 * fcrYes back, so those pairs are siblings; tickets' siblings are the other groups
 * of the period and, with `period`, the other periods of the group.
 */
function hiddenCells(
  acc: TicketCells,
  P: number,
  S: number,
  k: number,
  acrossPeriods: boolean,
): Uint8Array {
  if (k <= 1) return new Uint8Array(P * S * F);
  const cells = new Int32Array(P * S * F);
  const groups = gridGroups(P, S, F, 0, acrossPeriods);
  for (let r = 0; r < P * S; r++) {
    const at = r * F;
    cells[at] = acc.tickets[r];
    cells[at + 1] = acc.resolved[r];
    cells[at + 2] = acc.tickets[r] - acc.resolved[r];
    cells[at + 3] = acc.fcrYes[r];
    cells[at + 4] = acc.fcrNo[r];
    groups.push([at + 1, at + 2], [at + 3, at + 4]);
  }
  const hidden = suppressCells(cells, groups, k);
  for (let r = 0; r < P * S; r++) if (hidden[r * F]) hidden.fill(1, r * F, r * F + F);
  return hidden;
}

function rowOf(
  acc: TicketCells,
  r: number,
  channel: string,
  hidden: Uint8Array,
  k: number,
): TicketStatsRow {
  const at = r * F;
  const all = hidden[at] === 1;
  const fcrN = acc.fcrYes[r] + acc.fcrNo[r];
  const fcrHidden = hidden[at + 3] | hidden[at + 4];
  // A time over fewer than k tickets describes those few people: hidden like a small count.
  const few = (count: number) => all || (count > 0 && count < k);
  const { response, resolution } = acc;
  const responseHidden = few(response.count[r]);
  const resolutionHidden = few(resolution.count[r]) || hidden[at + 1] === 1;
  const fcrCi = fcrHidden ? null : wilson(acc.fcrYes[r], fcrN);
  const row: TicketStatsRow = {
    channel,
    tickets: shown(acc.tickets[r], hidden, at),
    resolved: shown(acc.resolved[r], hidden, at + 1),
    open: shown(acc.tickets[r] - acc.resolved[r], hidden, at + 2),
    fcr: fcrHidden || fcrN === 0 ? null : acc.fcrYes[r] / fcrN,
    fcrLow: fcrCi?.low ?? null,
    fcrHigh: fcrCi?.high ?? null,
    firstResponseMedianMin: responseHidden ? null : orNull(response.median[r]),
    firstResponseMeanMin:
      responseHidden || response.count[r] === 0 ? null : response.sum[r] / response.count[r],
    resolutionMedianMin: resolutionHidden ? null : orNull(resolution.median[r]),
  };
  if (all || hidden[at + 2] || fcrHidden || responseHidden || resolutionHidden)
    row.suppressed = true;
  return row;
}

function orNull(x: number): number | null {
  return x === x ? x : null;
}
