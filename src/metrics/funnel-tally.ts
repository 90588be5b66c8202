// What the funnel keeps of each unit once its level is known: per segment, how many
// units stop at each level, and each unit's fastest time to every level from 2 up,
// whose medians the rows show. Both ways of reaching the units (sorted units, or one
// pass over a log already in order) feed the same tally. The loops over units and
// times are plain functions of typed arrays and numbers, the long ones called block by
// block: optimized code that specialized on the Tally's shape, or a loop optimized on
// stack replacement, is dropped at a full collection (blocks.ts).
import { BLOCK_ROWS } from './blocks.js';
import { medianInPlace } from './stats.js';

export class Tally {
  /** `levels[s·(M + 1) + level]`: units of segment s that stop at `level`. */
  readonly levels: Float64Array;
  readonly times = new Times();

  constructor(
    readonly segments: number,
    readonly steps: number,
  ) {
    this.levels = new Float64Array(segments * (steps + 1));
  }

  /** One unit of segment `s` at `level`; its fastest time to level j is `best[at + j]`. */
  add(s: number, level: number, best: Float64Array, at: number): void {
    const t = this.times.room(this.steps - 1);
    t.n = addUnit(this.levels, this.steps, t.keys, t.values, t.n, s, level, best, at);
  }

  /** `entered[s·M + m − 1]`: units of segment s whose level is ≥ m (suffix sums). */
  entered(): Float64Array {
    const m = this.steps;
    const entered = new Float64Array(this.segments * m);
    for (let s = 0; s < this.segments; s++) {
      let sum = 0;
      for (let j = m; j >= 1; j--) {
        sum += this.levels[s * (m + 1) + j];
        entered[s * m + j - 1] = sum;
      }
    }
    return entered;
  }

  /** `median[s·M + m − 1]`: median fastest time to level m (NaN when nobody reached it). */
  medians(): Float64Array {
    return this.times.medians(this.segments * this.steps);
  }
}

/**
 * Tally.add with plain arguments: counts the unit in `levels` and writes its times at
 * `n` (room for M − 1 made by the caller); returns the new count of times.
 */
export function addUnit(
  levels: Float64Array, m: number, keys: Int32Array, values: Float64Array, n: number,
  s: number, level: number, best: Float64Array, at: number,
): number {
  levels[s * (m + 1) + level]++;
  for (let j = 2; j <= level; j++) {
    keys[n] = s * m + j - 1;
    values[n++] = best[at + j];
  }
  return n;
}

/** Keyed times that grow by doubling; medians per key by one counting sort. */
export class Times {
  keys = new Int32Array(1024);
  values = new Float64Array(1024);
  n = 0;

  /** This list, with room for `more` times past `n`. */
  room(more: number): Times {
    if (this.n + more > this.keys.length) {
      const size = Math.max(this.keys.length * 2, this.n + more);
      const keys = new Int32Array(size);
      const values = new Float64Array(size);
      keys.set(this.keys.subarray(0, this.n));
      values.set(this.values.subarray(0, this.n));
      this.keys = keys;
      this.values = values;
    }
    return this;
  }

  medians(buckets: number): Float64Array {
    const { keys, values, n } = this;
    const start = new Uint32Array(buckets + 1);
    for (let lo = 0; lo < n; lo += BLOCK_ROWS) countKeys(keys, start, lo, Math.min(n, lo + BLOCK_ROWS));
    for (let b = 0; b < buckets; b++) start[b + 1] += start[b];
    const sorted = new Float64Array(n);
    const next = start.slice(0, buckets);
    for (let lo = 0; lo < n; lo += BLOCK_ROWS) placeValues(keys, values, next, sorted, lo, Math.min(n, lo + BLOCK_ROWS));
    const out = new Float64Array(buckets).fill(NaN);
    for (let b = 0; b < buckets; b++) {
      const med = medianInPlace(sorted.subarray(start[b], start[b + 1]));
      if (med !== null) out[b] = med;
    }
    return out;
  }
}

/** Times per key, at `start[key + 1]`, over times [lo, hi). */
function countKeys(keys: Int32Array, start: Uint32Array, lo: number, hi: number): void {
  for (let i = lo; i < hi; i++) start[keys[i] + 1]++;
}

/** The counting sort's placing of times [lo, hi), in order within each key. */
function placeValues(keys: Int32Array, values: Float64Array, next: Uint32Array, sorted: Float64Array, lo: number, hi: number): void {
  for (let i = lo; i < hi; i++) sorted[next[keys[i]]++] = values[i];
}
