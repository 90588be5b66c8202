// ticketStats (SPEC §3.4): support tickets per channel (or any `by`), optionally per
// period of opening: volume, resolved and open, first-contact resolution, and
// first-response and resolution times in minutes.
import type { TimeInput } from '../adapters/types.js';
import type { Frame } from '../data/frame.js';
import type { TableInput, Tables } from '../data/schema.js';
import type { Period } from '../time/index.js';
import { checkBy, gridGroups, gridOf, optionsObject, periodOption, shown } from './grid.js';
import { metricInput, rangeOf } from './input.js';
import { checkMinCellSize, suppressCells } from './suppress.js';

export interface TicketStatsOptions {
  /** Default `channel`; or any customer attribute. */
  by?: string;
  /** Range on `opened_at`. */
  from?: TimeInput;
  to?: TimeInput;
  period?: Period;
  timeZone?: string;
  minCellSize?: number;
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
  firstResponseMedianMin: number | null;
  firstResponseMeanMin: number | null;
  resolutionMedianMin: number | null;
  suppressed?: true;
}

/** Durations in minutes per cell: how many, their sum and median (NaN when none). */
export interface Durations {
  count: Int32Array;
  sum: Float64Array;
  median: Float64Array;
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

const MINUTE_MS = 60_000;

/**
 * `end − start` in minutes for the rows of each cell that have an end: counts, then
 * each cell's values gathered into one slice of a shared buffer and sorted there.
 */
export function cellDurations(
  cell: Int32Array,
  start: Float64Array,
  end: Float64Array,
  cells: number,
): Durations {
  const count = new Int32Array(cells);
  const sum = new Float64Array(cells);
  for (let i = 0; i < cell.length; i++) {
    const c = cell[i];
    if (c >= 0 && end[i] === end[i]) {
      count[c]++;
      sum[c] += (end[i] - start[i]) / MINUTE_MS;
    }
  }
  const offset = new Int32Array(cells + 1);
  for (let c = 0; c < cells; c++) offset[c + 1] = offset[c] + count[c];
  const values = new Float64Array(offset[cells]);
  const fill = offset.slice(0, cells);
  for (let i = 0; i < cell.length; i++) {
    const c = cell[i];
    if (c >= 0 && end[i] === end[i]) values[fill[c]++] = (end[i] - start[i]) / MINUTE_MS;
  }
  const median = new Float64Array(cells).fill(NaN);
  for (let c = 0; c < cells; c++) {
    if (count[c] > 0) median[c] = selectMedian(values.subarray(offset[c], offset[c + 1]));
  }
  return { count, sum, median };
}

/**
 * Median of `v` (reordered in place), the mean of the two middle values for an even
 * count (SPEC §3.4); NaN when empty. Quickselect, linear on average where a sort is
 * n log n (the sort of ~1M durations was most of ticketStats' time); after a streak
 * of bad pivots it sorts what is left, so it is never worse than a sort.
 */
export function selectMedian(v: Float64Array): number {
  const n = v.length;
  if (n === 0) return NaN;
  const mid = n >> 1;
  const upper = select(v, mid);
  if (n % 2) return upper;
  // After the selection every value before index mid is ≤ v[mid]: the lower middle is their maximum.
  let lower = v[0];
  for (let i = 1; i < mid; i++) if (v[i] > lower) lower = v[i];
  return (lower + upper) / 2;
}

/** Moves the k-th smallest value to index k (smaller ones before, larger after) and returns it. */
function select(v: Float64Array, k: number): number {
  let left = 0;
  let right = v.length - 1;
  let budget = 2 * Math.ceil(Math.log2(v.length + 1)) + 8;
  while (right > left) {
    if (--budget < 0) {
      v.subarray(left, right + 1).sort();
      return v[k];
    }
    const a = v[left];
    const b = v[(left + right) >> 1];
    const c = v[right];
    const pivot = a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
    let i = left;
    let j = right;
    while (i <= j) {
      while (v[i] < pivot) i++;
      while (v[j] > pivot) j--;
      if (i <= j) {
        const t = v[i];
        v[i++] = v[j];
        v[j--] = t;
      }
    }
    // [left, j] ≤ pivot ≤ [i, right], and everything strictly between equals the pivot.
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else return v[k];
  }
  return v[k];
}

/** Every per-cell aggregate of ticketStats (and of the KPI ticket cards). */
export function ticketCells(frame: Frame, cell: Int32Array, cells: number): TicketCells {
  const opened = frame.time('opened_at');
  const resolvedAt = frame.time('resolved_at');
  const contacts = frame.num('contacts');
  const tickets = new Int32Array(cells);
  const resolved = new Int32Array(cells);
  const fcrYes = new Int32Array(cells);
  const fcrNo = new Int32Array(cells);
  for (let i = 0; i < cell.length; i++) {
    const c = cell[i];
    if (c < 0) continue;
    tickets[c]++;
    if (resolvedAt[i] !== resolvedAt[i]) continue;
    resolved[c]++;
    // Contacts not recorded: neither first-contact nor not (NaN fails both tests).
    if (contacts[i] === 1) fcrYes[c]++;
    else if (contacts[i] > 1) fcrNo[c]++;
  }
  return {
    tickets,
    resolved,
    fcrYes,
    fcrNo,
    response: cellDurations(cell, opened, frame.time('first_response_at'), cells),
    resolution: cellDurations(cell, opened, resolvedAt, cells),
  };
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
  const o = optionsObject(options, 'ticketStats');
  const bucket = periodOption(o.period, o.timeZone);
  const range = rangeOf(o);
  const by = checkBy(o.by, 'channel')!;
  const k = checkMinCellSize(o.minCellSize);
  const mi = metricInput(input, 'tickets', 'ticketStats');
  const frame = mi.require('tickets');
  const grid = gridOf({
    time: frame.time('opened_at'),
    range,
    bucket,
    segments: mi.segments(frame, by),
  });
  const S = grid.labels.length;
  const P = grid.periods;
  const acc = ticketCells(frame, grid.cell, grid.cells);
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
  const row: TicketStatsRow = {
    channel,
    tickets: shown(acc.tickets[r], hidden, at),
    resolved: shown(acc.resolved[r], hidden, at + 1),
    open: shown(acc.tickets[r] - acc.resolved[r], hidden, at + 2),
    fcr: fcrHidden || fcrN === 0 ? null : acc.fcrYes[r] / fcrN,
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
