// The options of `atRisk` (Pulso's early-warning list of customers at risk), checked
// once at the boundary with messages that quote the bad value. No data is read.
import type { TimeInput } from '../adapters/types.js';
import type { TableName } from '../data/schema.js';
import { column, finite, isAbsent, keywords, names, options as optionsOf, timestamp, wholeNumber } from '../query/options.js';

/** The three signals: activity well below the customer's own rhythm, open tickets, a detractor NPS. */
export type AtRiskSignal = 'activity' | 'tickets' | 'nps';
export const AT_RISK_SIGNALS: readonly AtRiskSignal[] = ['activity', 'tickets', 'nps'];

/** The table each signal reads. */
export const SIGNAL_TABLE: Readonly<Record<AtRiskSignal, TableName>> = { activity: 'activity', tickets: 'tickets', nps: 'surveys' };

export interface AtRiskOptions {
  /** The day the list is made: only data before it is read, and only customers still here then. Default: now. */
  asOf?: TimeInput;
  /** Which signals to look for (default all three). */
  signals?: readonly AtRiskSignal[] | string;
  /** The activity events that count (default any). */
  events?: readonly string[] | string;
  /** Activity signal: days since the last active day at least this many times the customer's median gap (default 3). */
  gapFactor?: number;
  /** …and at least this many days (default 30). */
  minQuietDays?: number;
  /** …for customers with at least this many gaps between active days (default 3): fewer is no rhythm to fall from. */
  minGaps?: number;
  /** Tickets signal: tickets open at asOf for at least this many days (default 7). */
  ticketDays?: number;
  /** NPS signal: the customer's last NPS answer in this many days before asOf was 0–6 (default 180). */
  npsDays?: number;
  /** Customers with at least this many signals are listed (default 1). */
  minSignals?: number;
  /** A customer attribute to show on each row (`segment`). */
  by?: string;
  /** A numeric customer column to show and rank by among equals (`revenue`). */
  value?: string;
  /**
   * Only the first `limit` rows of the ranking (default: every listed customer); the
   * rows' `totals` still count every listed customer (at-risk-rows.ts).
   */
  limit?: number;
}

export interface AtRiskSettings {
  readonly asOf: number;
  readonly signals: readonly AtRiskSignal[];
  readonly events: readonly string[] | undefined;
  readonly gapFactor: number;
  readonly minQuietDays: number;
  readonly minGaps: number;
  readonly ticketDays: number;
  readonly npsDays: number;
  readonly minSignals: number;
  readonly by: string | undefined;
  readonly value: string | undefined;
  /** Rows returned; Infinity when every listed customer is. */
  readonly limit: number;
}

/** The options checked and resolved, without data (what atRisk does first). */
export function checkAtRiskOptions(options: unknown): AtRiskSettings {
  const o = optionsOf(options, 'atRisk');
  const signals = keywords(o.signals, 'signals', AT_RISK_SIGNALS);
  return {
    asOf: isAbsent(o.asOf) ? Date.now() : timestamp(o.asOf, 'asOf'),
    signals,
    events: isAbsent(o.events) ? undefined : names(o.events, 'events', 1),
    gapFactor: finite(o.gapFactor, 'gapFactor', { min: 1, fallback: 3 }),
    minQuietDays: wholeNumber(o.minQuietDays, 'minQuietDays', { fallback: 30, unit: 'days' }),
    minGaps: wholeNumber(o.minGaps, 'minGaps', { min: 1, fallback: 3 }),
    ticketDays: wholeNumber(o.ticketDays, 'ticketDays', { fallback: 7, unit: 'days' }),
    npsDays: wholeNumber(o.npsDays, 'npsDays', { min: 1, fallback: 180, unit: 'days' }),
    minSignals: wholeNumber(o.minSignals, 'minSignals', { min: 1, max: signals.length, fallback: 1 }),
    by: column(o.by, 'by'),
    value: column(o.value, 'value'),
    limit: wholeNumber(o.limit, 'limit', { min: 1, fallback: Infinity, note: 'the first rows of the ranking; totals count them all' }),
  };
}

/** The tables the list reads: customers, and each chosen signal's table. */
export function atRiskTables(s: AtRiskSettings): TableName[] {
  const used = new Set<TableName>(['customers', ...s.signals.map((x) => SIGNAL_TABLE[x])]);
  return (['customers', 'activity', 'surveys', 'tickets'] as const).filter((t) => used.has(t));
}
