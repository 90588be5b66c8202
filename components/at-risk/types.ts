// What <pulso-at-risk> draws, shared by the element and its view.
import type { AtRiskRow, AtRiskTotals } from '../../src/metrics/at-risk.js';

export interface AtRiskViewResult {
  /** The first rows of the ranking (at most `limit`). */
  rows: AtRiskRow[];
  /** Every customer listed, and per sign: what the summary says (the rows may be fewer). */
  totals: AtRiskTotals;
  /** The date the list is made (epoch ms). */
  asOf: number;
  by: string | undefined;
  value: string | undefined;
  /** Rows asked for and drawn (the table and the CSV have the same). */
  limit: number;
  /** The tickets signal's least age in days (for its words). */
  ticketDays: number;
}

/** Why a row-level list draws nothing: the host did not allow it, or its dashboard hides small cells. */
export type RowLevelBlock = 'host' | 'dashboard';
