// What <pulso-value> draws, shared by the element, its view and its words.
import type { ParetoPoint, ValueConcentrationRow } from '../../src/metrics/value.js';

export interface ValueViewResult {
  /** valueConcentration(): customers, total, top share and Gini per segment. */
  rows: ValueConcentrationRow[];
  /** paretoCurve(): the curve's points per segment. */
  points: ParetoPoint[];
  /** The value column (e.g. `revenue`). */
  value: string;
  /** The top fraction (0.2). */
  top: number;
  by: string | undefined;
  /** The small-cell threshold in force (0 = off). */
  k: number;
}
