// What <pulso-at-risk> draws, shared by the element and its view.
import type { AtRiskRow } from '../../src/metrics/at-risk.js';

export interface AtRiskViewResult {
  rows: AtRiskRow[];
  /** The date the list is made (epoch ms). */
  asOf: number;
  by: string | undefined;
  value: string | undefined;
  /** Rows drawn in the list (all are in the table and the CSV). */
  limit: number;
  /** The tickets signal's least age in days (for its words). */
  ticketDays: number;
}

/** Why a row-level list draws nothing: the host did not allow it, or its dashboard hides small cells. */
export type RowLevelBlock = 'host' | 'dashboard';
