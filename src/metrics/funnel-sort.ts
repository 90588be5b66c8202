// Groups activity rows into funnel units — one customer's events (within one
// segment when `by` reads the activity table's own column) — each ordered by
// time, events at one instant by their step's position, other events after them
// (SPEC §3.5: the same order a SQL source follows, where rows have no input order). Two stable counting sorts (customer,
// then segment) and a stable time sort inside each unit: O(n + customers) plus
// the small per-unit sorts, with no object per row.

export interface Units {
  /** Row indices, grouped by unit and in (time, input order) inside each unit. */
  readonly order: Uint32Array;
  /** Unit u spans `order[bounds[u] … bounds[u + 1])`. */
  readonly bounds: Uint32Array;
  /** `time[order[k]]`, sorted along with `order`. */
  readonly time: Float64Array;
}

/** Stable counting sort of `src` by `key[row]` (0 ≤ key < buckets) into `dst`. */
function countingSort(src: Uint32Array, key: Int32Array, buckets: number, dst: Uint32Array): void {
  const start = new Uint32Array(buckets + 1);
  for (let i = 0; i < src.length; i++) start[key[src[i]] + 1]++;
  for (let b = 0; b < buckets; b++) start[b + 1] += start[b];
  for (let i = 0; i < src.length; i++) dst[start[key[src[i]]]++] = src[i];
}

/**
 * Sorts the rows `rows` (ascending input indices) into units by customer code
 * `customer` (0 ≤ code < customers) and, when given, segment code `segment`.
 */
export function sortUnits(
  rows: Uint32Array,
  time: Float64Array,
  customer: Int32Array,
  customers: number,
  segment?: Int32Array,
  segments = 0,
  tie?: Int32Array,
): Units {
  const order = new Uint32Array(rows.length);
  countingSort(rows, customer, customers, order);
  if (segment && segments > 1) {
    const bySegment = new Uint32Array(rows.length);
    countingSort(order, segment, segments, bySegment);
    order.set(bySegment);
  }
  const bounds: number[] = [0];
  for (let k = 1; k < order.length; k++) {
    const a = order[k - 1];
    const b = order[k];
    if (customer[a] !== customer[b] || (segment !== undefined && segment[a] !== segment[b])) bounds.push(k);
  }
  if (order.length) bounds.push(order.length);
  // Times gathered in unit order once, so the per-unit sorts read memory in sequence.
  const t = new Float64Array(order.length);
  for (let k = 0; k < order.length; k++) t[k] = time[order[k]];
  // Ties: the row's rank at one instant (its step position), gathered in unit order too.
  const key = new Int32Array(order.length);
  if (tie) for (let k = 0; k < order.length; k++) key[k] = tie[order[k]];
  for (let u = 0; u + 1 < bounds.length; u++) sortByTime(order, t, key, bounds[u], bounds[u + 1]);
  return { order, bounds: Uint32Array.from(bounds), time: t };
}

/**
 * Stable sort of `order[a … b)` by time, then `key` (the rank at one instant), `t` and
 * `key` moved along. The counting sorts keep input order, so the insertion sort needs
 * no further tie-break; the comparator sort of long units breaks ties by position.
 */
function sortByTime(order: Uint32Array, t: Float64Array, key: Int32Array, a: number, b: number): void {
  let sorted = true;
  for (let k = a + 1; k < b; k++) {
    if (t[k] < t[k - 1] || (t[k] === t[k - 1] && key[k] < key[k - 1])) {
      sorted = false;
      break;
    }
  }
  if (sorted) return;
  if (b - a > 48) {
    // Local positions are in input order too, so they break the remaining ties.
    const perm = new Uint32Array(b - a);
    for (let k = 0; k < perm.length; k++) perm[k] = k;
    perm.sort((x, y) => t[a + x] - t[a + y] || key[a + x] - key[a + y] || x - y);
    const rows = order.slice(a, b);
    const times = t.slice(a, b);
    const keys = key.slice(a, b);
    for (let k = 0; k < perm.length; k++) {
      order[a + k] = rows[perm[k]];
      t[a + k] = times[perm[k]];
      key[a + k] = keys[perm[k]];
    }
    return;
  }
  for (let k = a + 1; k < b; k++) {
    const row = order[k];
    const tk = t[k];
    const kk = key[k];
    let j = k - 1;
    while (j >= a && (t[j] > tk || (t[j] === tk && key[j] > kk))) {
      order[j + 1] = order[j];
      t[j + 1] = t[j];
      key[j + 1] = key[j];
      j--;
    }
    order[j + 1] = row;
    t[j + 1] = tk;
    key[j + 1] = kk;
  }
}
