// What <pulso-kpi> draws, shared by the element, its plan and its views.
import type { KpiPolarity } from '../../src/charts/kpi.js';
import type { KpiMetric, KpiPoint, KpiRow } from '../../src/metrics/kpis.js';
import type { Period } from '../../src/time/period.js';

export interface KpiResult {
  metric: KpiMetric;
  /** The headline row over [from, to) (its own `sparkline` unused). */
  row: KpiRow;
  /** One point per period of the sparkline window; null with `spark-unit="none"`. */
  spark: KpiPoint[] | null;
  period: Period | null;
  from: number;
  to: number;
  /** The last sparkline period is cut short by `to`. */
  partialLast: boolean;
  /** The small-cell threshold in force (0 = off). */
  k: number;
  /** The checked `neutral-band` and `polarity` the card was computed with (render never throws on them). */
  neutralBand: number | undefined;
  polarity: KpiPolarity | undefined;
  /** Below this many in either range the change is not judged. */
  minSample: number;
  features: string[] | undefined;
}
