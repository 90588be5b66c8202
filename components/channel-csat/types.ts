// What <pulso-channel-csat> draws, shared by the element, its plan and its views.
import type { ChannelCsatRow } from '../../src/metrics/csat.js';
import type { TicketStatsRow } from '../../src/metrics/tickets.js';

export type TicketColumn = 'fcr' | 'first-response' | 'resolution' | 'volume';
export const TICKET_COLUMNS: readonly TicketColumn[] = ['fcr', 'first-response', 'resolution', 'volume'];
export type CompareMode = 'previous' | 'none';

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
  /** Groups folded into the "Others" row of the current window (0 when none, or not known). */
  grouped: number;
}
