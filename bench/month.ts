// Helpers of the hand-written loops, written plainly. UTC months specialized to the
// bench's data (years 2000–2099): a table of month starts built once, then per row
// an estimate and one or two comparisons (month ordinal = y·12 + m − 1, as the
// bucketer numbers them). Medians by selection; NPS and Wilson intervals.
const FIRST_YEAR = 2000;
const MONTHS = 100 * 12;
const starts = new Float64Array(MONTHS + 1);
for (let k = 0; k <= MONTHS; k++) starts[k] = Date.UTC(FIRST_YEAR + Math.floor(k / 12), k % 12, 1);
const BASE = starts[0];
const MEAN_MONTH = (starts[MONTHS] - BASE) / MONTHS;

/** Month ordinal of a UTC instant in 2000–2099; NaN for NaN. */
export function monthOf(ms: number): number {
  let k = Math.floor((ms - BASE) / MEAN_MONTH);
  if (ms < starts[k]) k--;
  else if (ms >= starts[k + 1]) k++;
  return FIRST_YEAR * 12 + k;
}

/** `YYYY-MM-01` of a month ordinal. */
export function monthKey(month: number): string {
  const y = Math.floor(month / 12);
  const m = month - y * 12 + 1;
  return `${y}-${m < 10 ? '0' : ''}${m}-01`;
}

/** The k-th smallest value, moved to index k with smaller ones before it (Hoare's quickselect). */
function nth(v: Float64Array, k: number): number {
  let l = 0;
  let r = v.length - 1;
  while (l < r) {
    const pivot = v[(l + r) >> 1];
    let i = l;
    let j = r;
    while (i <= j) {
      while (v[i] < pivot) i++;
      while (v[j] > pivot) j--;
      if (i <= j) {
        const t = v[i];
        v[i++] = v[j];
        v[j--] = t;
      }
    }
    if (k <= j) r = j;
    else if (k >= i) l = i;
    else return v[k];
  }
  return v[k];
}

/** Median (reordering v); NaN when empty; the mean of the two middle values for an even count. */
export function median(v: Float64Array): number {
  const n = v.length;
  if (n === 0) return NaN;
  const upper = nth(v, n >> 1);
  if (n % 2) return upper;
  let lower = -Infinity;
  for (let i = 0; i < n >> 1; i++) if (v[i] > lower) lower = v[i];
  return (lower + upper) / 2;
}

/** 95% Wilson interval in percent (z = 1.959964). */
export function wilsonPercent(x: number, n: number): [number, number] {
  const z = 1.959964;
  const p = x / n;
  const d = 1 + (z * z) / n;
  const c = (p + (z * z) / (2 * n)) / d;
  const h = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / d;
  return [100 * Math.max(0, c - h), 100 * Math.min(1, c + h)];
}

/** NPS and its clamped 95% interval (SPEC §3.2). */
export function npsOf(promoters: number, detractors: number, n: number): [number, number, number] {
  const p = promoters / n;
  const d = detractors / n;
  const nps = 100 * (p - d);
  const half = 100 * 1.959964 * Math.sqrt((p + d - (p - d) * (p - d)) / n);
  return [nps, Math.max(-100, nps - half), Math.min(100, nps + half)];
}
