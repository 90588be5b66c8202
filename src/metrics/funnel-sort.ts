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
  /** The row's rank at one instant (`tie`), sorted along with `order`. */
  readonly rank: Int32Array;
}

/** Ties: a row's rank at one instant is `rankOf[code[row]]` (its step position). */
export interface Tie {
  readonly code: Int32Array;
  readonly rankOf: Int32Array;
}

/** Stable counting sort of `src` by `key[row]` (0 ≤ key < buckets) into `dst`. */
function countingSort(src: Uint32Array, key: Int32Array, buckets: number, dst: Uint32Array): Uint32Array {
  const start = new Uint32Array(buckets + 1);
  for (let i = 0; i < src.length; i++) start[key[src[i]] + 1]++;
  for (let b = 0; b < buckets; b++) start[b + 1] += start[b];
  const next = start.slice(0, buckets);
  for (let i = 0; i < src.length; i++) dst[next[key[src[i]]]++] = src[i];
  return start;
}

/** The non-empty buckets' bounds of a counting sort (start offsets per bucket, then the end). */
function boundsOf(start: Uint32Array): Uint32Array {
  let units = 0;
  for (let b = 0; b + 1 < start.length; b++) if (start[b + 1] > start[b]) units++;
  const bounds = new Uint32Array(units + 1);
  let u = 0;
  for (let b = 0; b + 1 < start.length; b++) if (start[b + 1] > start[b]) bounds[u++] = start[b];
  bounds[units] = start[start.length - 1];
  return units === 0 ? new Uint32Array(0) : bounds;
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
  tie?: Tie,
): Units {
  const order = new Uint32Array(rows.length);
  const start = countingSort(rows, customer, customers, order);
  let bounds: Uint32Array;
  if (segment && segments > 1) {
    const bySegment = new Uint32Array(rows.length);
    countingSort(order, segment, segments, bySegment);
    order.set(bySegment);
    const list: number[] = [0];
    for (let k = 1; k < order.length; k++) {
      const a = order[k - 1];
      const b = order[k];
      if (customer[a] !== customer[b] || segment[a] !== segment[b]) list.push(k);
    }
    if (order.length) list.push(order.length);
    bounds = Uint32Array.from(list);
  } else bounds = boundsOf(start);
  // Times and tie ranks gathered in unit order once, so the per-unit sorts read memory in sequence.
  const t = new Float64Array(order.length);
  const key = new Int32Array(order.length);
  if (tie) {
    const { code, rankOf } = tie;
    for (let k = 0; k < order.length; k++) {
      const row = order[k];
      t[k] = time[row];
      key[k] = rankOf[code[row]];
    }
  } else for (let k = 0; k < order.length; k++) t[k] = time[order[k]];
  for (let u = 0; u + 1 < bounds.length; u++) sortByTime(order, t, key, bounds[u], bounds[u + 1]);
  return { order, bounds, time: t, rank: key };
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
