// Hand-written typed-array loops for the customer and activity metrics, specialized
// to the bench's cases: the monthly retention triangle in subscription mode, the
// ordered 4-step funnel (P30D) and adoption by month of 3 features.
import { FEATURES, FUNNEL_STEPS, type Activity, type Customers } from './generate.js';
import type { Row } from './hand-cx.js';
import { monthKey, monthOf, median } from './month.js';

const DAY = 86_400_000;

/** retention(customers, { period: 'month', asOf }): the triangle of signup cohorts. */
export function handRetention(c: Customers, asOf: number): Row[] {
  const now = monthOf(asOf);
  const cohort = new Int32Array(c.n);
  let lo = Infinity;
  for (let i = 0; i < c.n; i++) {
    cohort[i] = monthOf(c.signup[i]);
    if (cohort[i] < lo) lo = cohort[i];
  }
  const K = now - lo + 1;
  const size = new Int32Array(K);
  // lastIn[cohort, k]: members whose last retained offset is k; suffix sums give retained(k).
  const lastIn = new Int32Array(K * K);
  for (let i = 0; i < c.n; i++) {
    const m = cohort[i];
    size[m - lo]++;
    const ch = c.churned[i];
    const last = ch === ch ? Math.min(now - m, monthOf(ch) - m - 1) : now - m;
    if (last >= 0) lastIn[(m - lo) * K + last]++;
  }
  const rows: Row[] = [];
  for (let j = 0; j < K; j++) {
    if (size[j] === 0) continue;
    const offsets = now - (lo + j) + 1;
    const retained = lastIn.subarray(j * K, j * K + offsets);
    for (let k = offsets - 2; k >= 0; k--) retained[k] += retained[k + 1];
    let previous = size[j];
    for (let k = 0; k < offsets; k++) {
      const r = retained[k];
      rows.push({
        cohort: monthKey(lo + j), size: size[j], offset: k, retained: r, rate: r / size[j],
        churned: previous - r, churnRate: previous ? (previous - r) / previous : null, complete: lo + j + k + 1 <= now,
      });
      previous = r;
    }
  }
  return rows;
}

/**
 * funnel(activity, { steps, window: 'P30D' }), ordered. Specialized to a log in time
 * order: one pass keeps per customer and level the chain with the latest start
 * (it reaches whatever another chain of that level could, and sooner).
 */
export function handFunnel(a: Activity): Row[] {
  const M = FUNNEL_STEPS.length;
  const W = 30 * DAY;
  const stepOf = Int32Array.from(a.event.labels, (e) => FUNNEL_STEPS.indexOf(e));
  const start = new Float64Array(a.active * M);
  const due = new Float64Array(a.active * M).fill(NaN);
  const best = new Float64Array(a.active * M).fill(Infinity);
  const level = new Uint8Array(a.active);
  for (let i = 0; i < a.n; i++) {
    const j = stepOf[a.event.codes[i]];
    if (j < 0) continue;
    const c = a.customer[i];
    const t = a.at[i];
    const b = c * M;
    if (j === 0) {
      start[b] = t;
      due[b] = t + W;
      if (level[c] < 1) level[c] = 1;
    } else if (t <= due[b + j - 1]) {
      start[b + j] = start[b + j - 1];
      due[b + j] = due[b + j - 1];
      if (t - start[b + j] < best[b + j]) best[b + j] = t - start[b + j];
      if (level[c] < j + 1) level[c] = j + 1;
    }
  }
  const entered = new Int32Array(M + 1);
  for (let c = 0; c < a.active; c++) for (let j = 1; j <= level[c]; j++) entered[j]++;
  return FUNNEL_STEPS.map((step, j) => {
    const times = new Float64Array(entered[j + 1]);
    let k = 0;
    if (j > 0) for (let c = 0; c < a.active; c++) if (level[c] > j) times[k++] = best[c * M + j];
    return {
      step, index: j + 1, entered: entered[j + 1],
      conversion: entered[j + 1] / entered[1], fromPrevious: entered[j + 1] / entered[j || 1],
      medianTimeToConvertMs: j === 0 ? null : median(times),
    };
  });
}

/** featureAdoption(activity, { features, period: 'month' }): flags per (month, customer). */
export function handAdoption(a: Activity): Row[] {
  const F = FEATURES.length;
  const featureOf = Int32Array.from(a.event.labels, (e) => FEATURES.indexOf(e));
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < a.n; i++) {
    const m = monthOf(a.at[i]);
    if (m < lo) lo = m;
    if (m > hi) hi = m;
  }
  const P = hi - lo + 1;
  const A = a.active;
  const seen = new Uint8Array(P * A);
  const used = new Uint8Array(P * A * F);
  const active = new Int32Array(P);
  const adopters = new Int32Array(P * F);
  for (let i = 0; i < a.n; i++) {
    const p = monthOf(a.at[i]) - lo;
    const k = p * A + a.customer[i];
    if (!seen[k]) {
      seen[k] = 1;
      active[p]++;
    }
    const f = featureOf[a.event.codes[i]];
    if (f >= 0 && !used[k * F + f]) {
      used[k * F + f] = 1;
      adopters[p * F + f]++;
    }
  }
  const rows: Row[] = [];
  for (let p = 0; p < P; p++) {
    for (let f = 0; f < F; f++) {
      const x = adopters[p * F + f];
      rows.push({ period: monthKey(lo + p), feature: FEATURES[f], active: active[p], adopters: x, adoption: active[p] ? x / active[p] : null });
    }
  }
  return rows;
}
