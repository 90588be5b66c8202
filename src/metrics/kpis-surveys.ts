// The survey cards of kpis (SPEC §3.7): NPS, CSAT and mean CES per window in one
// fused pass over the surveys, each with what its interval and the test of its
// change need (counts for CSAT; standard errors for NPS and CES).
import type { Frame } from '../data/frame.js';
import { ratio, windowOf, type Series } from './kpis-windows.js';
import { npsScore } from './stats.js';
import { BLOCK_ROWS } from './blocks.js';

export interface SurveyCards {
  nps: Series;
  csat: Series;
  ces: Series;
}

/**
 * NPS, CSAT (percent with score ≥ satisfiedMin) and mean CES per window, in one
 * fused pass over the surveys (three kernels' passes cost three times as much).
 */
export function surveyCards(
  surveys: Frame,
  bounds: Float64Array,
  satisfiedMin: number,
  want: ReadonlySet<string> = new Set(['nps', 'csat', 'ces']),
): SurveyCards {
  const m = bounds.length - 1;
  const at = surveys.time('at');
  const score = surveys.num('score');
  const kind = surveys.dict('kind');
  // A kind not wanted gets a code no row has (-3), so its answers are skipped unread.
  const [nps, csat, ces] = ['nps', 'csat', 'ces'].map((k) => (want.has(k) ? (kind.index.get(k) ?? -2) : -3));
  const classes = [new Int32Array(m), new Int32Array(m), new Int32Array(m)];
  const [csatN, satisfied, cesN] = [new Int32Array(m), new Int32Array(m), new Int32Array(m)];
  const cesSum = new Float64Array(m);
  const cesSq = new Float64Array(m);
  const codes = Float64Array.of(nps, csat, ces, satisfiedMin);
  for (let i = 0; i < at.length; i += BLOCK_ROWS) {
    surveyRows(at, score, kind.codes, codes, bounds, classes[0], classes[1], classes[2], csatN, satisfied, cesN, cesSum, cesSq, i, Math.min(at.length, i + BLOCK_ROWS));
  }
  return surveySeries({ classes, csatN, satisfied, cesN, cesSum, cesSq });
}

/** surveyCards over answers [at, end); `codes` = [nps, csat and ces kind codes, satisfiedMin]. */
function surveyRows(
  times: Float64Array, score: Float64Array, kinds: Int32Array, codes: Float64Array, bounds: Float64Array,
  promoters: Int32Array, passives: Int32Array, detractors: Int32Array, csatN: Int32Array, satisfied: Int32Array,
  cesN: Int32Array, cesSum: Float64Array, cesSq: Float64Array, at: number, end: number,
): void {
  const nps = codes[0];
  const csat = codes[1];
  const ces = codes[2];
  const satisfiedMin = codes[3];
  for (let i = at; i < end; i++) {
    const k = kinds[i];
    if (k !== nps && k !== csat && k !== ces) continue;
    const j = windowOf(bounds, times[i]);
    if (j < 0) continue;
    const s = score[i];
    if (k === nps) (s >= 9 ? promoters : s >= 7 ? passives : detractors)[j]++;
    else if (k === csat) {
      csatN[j]++;
      if (s >= satisfiedMin) satisfied[j]++;
    } else {
      cesN[j]++;
      cesSum[j] += s;
      cesSq[j] += s * s;
    }
  }
}

/** Survey counts per window: NPS classes (promoters, passives, detractors), CSAT answers and satisfied, CES answers, sum and sum of squares. */
export interface SurveyCounts {
  readonly classes: readonly Int32Array[];
  readonly csatN: Int32Array;
  readonly satisfied: Int32Array;
  readonly cesN: Int32Array;
  readonly cesSum: Float64Array;
  readonly cesSq: Float64Array;
}

/** Counts → the three survey series with their intervals and standard errors (shared with SQL sources). */
export function surveySeries({ classes, csatN, satisfied, cesN, cesSum, cesSq }: SurveyCounts): SurveyCards {
  const m = csatN.length;
  const npsN = new Int32Array(m);
  const npsValue = new Float64Array(m);
  for (let j = 0; j < m; j++) {
    npsN[j] = classes[0][j] + classes[1][j] + classes[2][j];
    npsValue[j] = npsScore(classes[0][j], classes[2][j], npsN[j]).nps ?? NaN;
  }
  const cesValue = Float64Array.from(cesSum, (sum, j) => (cesN[j] > 0 ? sum / cesN[j] : NaN));
  const npsInterval = (j: number) => {
    const s = npsScore(classes[0][j], classes[2][j], npsN[j]);
    return s.ciLow === null || s.ciHigh === null ? null : { low: s.ciLow, high: s.ciHigh };
  };
  // SPEC §3.2's standard error, in NPS points.
  const npsSe = (j: number) => {
    const p = classes[0][j] / npsN[j];
    const d = classes[2][j] / npsN[j];
    return 100 * Math.sqrt(Math.max(0, p + d - (p - d) * (p - d)) / npsN[j]);
  };
  // The standard error of a mean score: the sample variance (n − 1) over n.
  const cesSe = (j: number) => {
    const n = cesN[j];
    const variance = n > 1 ? Math.max(0, cesSq[j] - (cesSum[j] * cesSum[j]) / n) / (n - 1) : NaN;
    return Math.sqrt(variance / n);
  };
  return {
    nps: { value: npsValue, n: npsN, parts: classes, interval: npsInterval, se: npsSe },
    csat: ratio(satisfied, csatN, 100),
    ces: { value: cesValue, n: cesN, parts: [], se: cesSe },
  };
}

