// atRisk's readings → rows: the signals that fire, the row shape and the ranking. The
// kernel (at-risk.ts) and the SQL sources (server/compile/at-risk.ts) both read each
// customer still here at asOf into an AtRiskReading and finish here, so a list is the
// same wherever it is computed.
import { DAY_MS } from '../time/civil.js';
import type { AtRiskSettings, AtRiskSignal } from './at-risk-options.js';

export interface AtRiskRow {
  customer_id: string;
  /** With `by`: the customer's value of it ("(none)" when missing). */
  segment?: string;
  /** With `value`: the customer's value of it (null when missing). */
  value?: number | null;
  /** The signals that fired, in the order activity, tickets, nps. */
  signals: AtRiskSignal[];
  /** Whole days since the last counted activity before asOf; null without any (or without the activity signal). */
  daysSinceActivity: number | null;
  /** The median gap in days between the customer's active days; null with fewer than minGaps gaps. */
  usualGapDays: number | null;
  /** Tickets open at asOf for at least ticketDays; null without the tickets signal. */
  openTickets: number | null;
  /** The last NPS score in the window; null without one (or without the nps signal). */
  lastNps: number | null;
}

/** What was read of one customer still here at asOf: the quantities its signals come from. */
export interface AtRiskReading {
  customerId: string;
  /** With `by`: the segment label. */
  segment?: string;
  /** With `value`: the value (NaN when missing). */
  value?: number;
  /** Whole days since the last counted activity (daysSince); NaN without any. */
  daysSince: number;
  /** The median gap between active days (usualGap); NaN with fewer than minGaps gaps. */
  usualGap: number;
  /** Tickets open for at least ticketDays; −1 when tickets were not read. */
  openTickets: number;
  /** The last NPS score in the window; NaN without one. */
  lastNps: number;
}

/** A listed row with the silence ratio it is ranked by. */
export type RankedAtRiskRow = AtRiskRow & { ratio: number };

/** Whole days from the last activity (epoch ms, before asOf) to asOf. */
export const daysSince = (asOf: number, last: number): number => Math.floor((asOf - last) / DAY_MS);

/**
 * The usual gap from the count of gaps and their two middle values (lower, upper; the
 * same for an odd count): the median, NaN with fewer than `min` gaps.
 */
export function usualGap(gaps: number, lower: number, upper: number, min: number): number {
  if (gaps < min) return NaN;
  return gaps % 2 ? lower : (lower + upper) / 2;
}

const orNull = (v: number) => (v === v ? v : null);

/** The row of a customer whose signals fire (at least minSignals of them); undefined otherwise. */
export function atRiskRow(r: AtRiskReading, s: AtRiskSettings): RankedAtRiskRow | undefined {
  const signals: AtRiskSignal[] = [];
  if (r.daysSince >= s.minQuietDays && r.daysSince >= s.gapFactor * r.usualGap) signals.push('activity');
  if (r.openTickets > 0) signals.push('tickets');
  if (r.lastNps <= 6) signals.push('nps');
  if (signals.length < s.minSignals) return undefined;
  return {
    customer_id: r.customerId,
    ...(r.segment !== undefined ? { segment: r.segment } : {}),
    ...(r.value !== undefined ? { value: orNull(r.value) } : {}),
    signals,
    daysSinceActivity: orNull(r.daysSince),
    usualGapDays: orNull(r.usualGap),
    openTickets: r.openTickets < 0 ? null : r.openTickets,
    lastNps: orNull(r.lastNps),
    ratio: r.daysSince / r.usualGap,
  };
}

/**
 * What the list's summary says, over every listed customer — also those past `limit`,
 * whose rows were not returned: how many are listed, and how many of them show each sign.
 */
export interface AtRiskTotals {
  customers: number;
  activity: number;
  tickets: number;
  nps: number;
}

/** The totals of rows that are the whole list. */
export function countTotals(rows: readonly { signals: readonly AtRiskSignal[] }[]): AtRiskTotals {
  const t: AtRiskTotals = { customers: rows.length, activity: 0, tickets: 0, nps: 0 };
  for (const r of rows) for (const s of r.signals) t[s]++;
  return t;
}

/**
 * The listed rows ranked (most signals, then highest value, then the longest silence
 * against the usual gap, then id), the first `limit` of them, carrying the totals of the
 * whole list as a non-enumerable `totals` (as retention's `excluded`: a server sends it
 * beside the rows). A SQL source passes the totals it counted and only its first rows.
 */
export function rankAtRisk(rows: RankedAtRiskRow[], limit = Infinity, totals = countTotals(rows)): AtRiskRow[] {
  const ranked = rows.sort(byRank).slice(0, limit).map(({ ratio: _, ...row }) => row);
  return Object.defineProperty(ranked, 'totals', { value: totals, enumerable: false });
}

/** The totals an answer carries; undefined for rows without them (a server of an older Pulso). */
export function atRiskTotals(rows: readonly unknown[]): AtRiskTotals | undefined {
  const t = (rows as { totals?: unknown }).totals;
  return t !== null && typeof t === 'object' ? (t as AtRiskTotals) : undefined;
}

function byRank(a: RankedAtRiskRow, b: RankedAtRiskRow): number {
  return (
    b.signals.length - a.signals.length ||
    (b.value ?? -Infinity) - (a.value ?? -Infinity) ||
    (b.ratio === b.ratio ? b.ratio : -Infinity) - (a.ratio === a.ratio ? a.ratio : -Infinity) ||
    (a.customer_id < b.customer_id ? -1 : a.customer_id > b.customer_id ? 1 : 0)
  );
}
