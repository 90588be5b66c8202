// The log-rank test across segments (SPEC §3.8), as R's survival::survdiff (rho = 0):
// at each distinct event time, observed and expected events per group and the
// hypergeometric covariance; chisq = (O − E)' V⁻¹ (O − E) over the groups with
// E > 0, less the first; df = that count − 1.
import { chiSquareUpper } from './gamma.js';
import type { SurvivalGroup } from './survival-times.js';

export interface LogRank {
  chisq: number;
  df: number;
  pValue: number;
}

/** The test over `groups`; null when fewer than two groups can be compared (one group, or no events). */
export function logRank(groups: readonly SurvivalGroup[]): LogRank | null {
  const g = groups.length;
  if (g < 2) return null;
  const { observed, expected, variance } = accumulate(groups);
  const kept: number[] = [];
  for (let i = 0; i < g; i++) if (expected[i] > 0) kept.push(i);
  if (kept.length < 2) return null;
  const idx = kept.slice(1);
  const m = idx.length;
  const diff = idx.map((i) => observed[i] - expected[i]);
  const v = idx.map((i) => idx.map((j) => variance[i * g + j]));
  const x = solve(v, diff);
  if (!x) return null;
  let chisq = 0;
  for (let i = 0; i < m; i++) chisq += x[i] * diff[i];
  return { chisq, df: m, pValue: chiSquareUpper(chisq, m) };
}

/** One sweep over the groups' distinct times merged in order. */
function accumulate(groups: readonly SurvivalGroup[]) {
  const g = groups.length;
  const times = [...new Set(groups.flatMap((gr) => [...gr.times]))].sort((a, b) => a - b);
  const atRisk = Float64Array.from(groups, (gr) => gr.n);
  const observed = new Float64Array(g);
  const expected = new Float64Array(g);
  const variance = new Float64Array(g * g);
  const died = new Float64Array(g);
  const left = new Float64Array(g);
  const next = new Int32Array(g);
  for (const time of times) {
    died.fill(0);
    left.fill(0);
    groups.forEach((gr, j) => {
      const i = next[j];
      if (i < gr.times.length && gr.times[i] === time) {
        died[j] = gr.events[i];
        left[j] = gr.events[i] + gr.censored[i];
        next[j]++;
      }
    });
    addTime(atRisk, died, observed, expected, variance);
    for (let j = 0; j < g; j++) atRisk[j] -= left[j];
  }
  return { observed, expected, variance };
}

function addTime(atRisk: Float64Array, died: Float64Array, o: Float64Array, e: Float64Array, v: Float64Array): void {
  const g = atRisk.length;
  let n = 0;
  let d = 0;
  for (let j = 0; j < g; j++) {
    n += atRisk[j];
    d += died[j];
  }
  if (d === 0) return;
  const factor = n > 1 ? (d * (n - d)) / (n - 1) : 0;
  for (let a = 0; a < g; a++) {
    o[a] += died[a];
    e[a] += (d * atRisk[a]) / n;
    for (let b = 0; b < g; b++) v[a * g + b] += factor * (atRisk[a] / n) * ((a === b ? 1 : 0) - atRisk[b] / n);
  }
}

/** x with A x = b (Gaussian elimination, partial pivoting); undefined when A is singular. */
function solve(a: number[][], b: number[]): number[] | undefined {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r][c]) > Math.abs(m[p][c])) p = r;
    if (!(Math.abs(m[p][c]) > 1e-300)) return undefined;
    [m[c], m[p]] = [m[p], m[c]];
    for (let r = c + 1; r < n; r++) {
      const f = m[r][c] / m[c][c];
      for (let k = c; k <= n; k++) m[r][k] -= f * m[c][k];
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = m[r][n];
    for (let k = r + 1; k < n; k++) s -= m[r][k] * x[k];
    x[r] = s / m[r][r];
  }
  return x;
}
