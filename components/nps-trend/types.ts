// What <pulso-nps-trend> draws, shared by the element and its view.
import type { NpsTrendRow } from '../../src/metrics/nps.js';
import type { Period } from '../../src/time/period.js';

export interface NpsTrendResult {
  rows: NpsTrendRow[];
  period: Period;
  segmented: boolean;
  k: number;
}
