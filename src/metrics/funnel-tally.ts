// What the funnel keeps of each unit once its level is known: per segment, how many
// units stop at each level, and each unit's fastest time to every level from 2 up,
// whose medians the rows show. Both ways of reaching the units (sorted units, or one
// pass over a log already in order) feed the same tally.
import { medianInPlace } from './stats.js';

export class Tally {
  /** `levels[s·(M + 1) + level]`: units of segment s that stop at `level`. */
  readonly levels: Float64Array;
  private readonly times = new TimeList();

  constructor(
    readonly segments: number,
    readonly steps: number,
  ) {
    this.levels = new Float64Array(segments * (steps + 1));
  }

  /** One unit of segment `s` at `level`; its fastest time to level j is `best[at + j]`. */
  add(s: number, level: number, best: Float64Array, at: number): void {
    const m = this.steps;
    this.levels[s * (m + 1) + level]++;
    for (let j = 2; j <= level; j++) this.times.push(s * m + j - 1, best[at + j]);
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

/** Keyed times that grow by doubling; medians per key by one counting sort. */
class TimeList {
  private keys = new Int32Array(1024);
  private values = new Float64Array(1024);
  private n = 0;

  push(key: number, value: number): void {
    if (this.n === this.keys.length) {
      const keys = new Int32Array(this.n * 2);
      const values = new Float64Array(this.n * 2);
      keys.set(this.keys);
      values.set(this.values);
      this.keys = keys;
      this.values = values;
    }
    this.keys[this.n] = key;
    this.values[this.n++] = value;
  }

  medians(buckets: number): Float64Array {
    const start = new Uint32Array(buckets + 1);
    for (let i = 0; i < this.n; i++) start[this.keys[i] + 1]++;
    for (let b = 0; b < buckets; b++) start[b + 1] += start[b];
    const sorted = new Float64Array(this.n);
    const next = start.slice(0, buckets);
    for (let i = 0; i < this.n; i++) sorted[next[this.keys[i]]++] = this.values[i];
    const out = new Float64Array(buckets).fill(NaN);
    for (let b = 0; b < buckets; b++) {
      const med = medianInPlace(sorted.subarray(start[b], start[b + 1]));
      if (med !== null) out[b] = med;
    }
    return out;
  }
}
