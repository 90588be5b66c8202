// The display order of segments, shared by the metrics. (Option checks are in
// src/query/options.ts.)
import { NONE } from './input.js';
import { OTHERS } from './others.js';

/** Where a label sorts: "(none)" after every value, "(others)" after that. */
function tail(label: string): number {
  return label === OTHERS ? 2 : label === NONE ? 1 : 0;
}

/**
 * Segment codes in display order: labels in plain string order (stable across
 * locales), "(none)" then "(others)" last; only the codes flagged in `present`.
 */
export function segmentOrder(labels: readonly string[], present: Uint8Array): number[] {
  const codes: number[] = [];
  for (let s = 0; s < labels.length; s++) if (present[s]) codes.push(s);
  return codes.sort((a, b) => {
    const x = labels[a];
    const y = labels[b];
    if (x === y) return 0;
    if (tail(x) !== tail(y)) return tail(x) - tail(y);
    return x < y ? -1 : 1;
  });
}
