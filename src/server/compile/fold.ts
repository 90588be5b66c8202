// Segments folded into "(others)" (SPEC §3, maxSegments / keepSegments) at a SQL source,
// for the metrics whose grouped counts add up across segments: npsTrend and channelCsat
// count answers, retention counts members (each customer has one segment), so the
// "(others)" cell is the sum of the folded segments' cells. The segments are weighed on
// the grouped rows as the kernel weighs them on its rows, the kernel's own
// groupSegments picks those kept (the heaviest, ties by label; or keepSegments), and the
// folded groups are relabelled "(others)": the finishing step adds groups that land in
// one cell, as it adds a period's groups. No second statement, on any engine.
// ticketStats (medians), funnel (median times) and featureAdoption (distinct customers
// of an activity segment) do not add up: folding them is refused (refuseFolding).
import { groupSegments } from '../../metrics/others.js';
import type { SegmentLimit } from '../../query/options.js';

export interface Folding {
  /** The label a group is counted under: its own, or "(others)". */
  label(own: string): string;
  /** Segments with rows that went into "(others)" (the rows' `othersGrouped`). */
  readonly grouped: number;
}

export const NO_FOLDING: Folding = { label: (own) => own, grouped: 0 };

/** How the segments of `rows` fold under `limit`, each row weighing `weight(row)` in its segment `label(row)`. */
export function foldRows<R>(rows: readonly R[], label: (r: R) => string, weight: (r: R) => number, limit: SegmentLimit): Folding {
  const weights = new Map<string, number>();
  for (const r of rows) weights.set(label(r), (weights.get(label(r)) ?? 0) + weight(r));
  const labels = [...weights.keys()];
  const g = groupSegments({ codes: new Int32Array(0), labels }, labels.map((l) => weights.get(l)!), limit);
  if (g.labels === labels) return NO_FOLDING;
  const code = new Map(labels.map((l, i) => [l, i]));
  return { label: (own) => g.labels[g.map[code.get(own)!]], grouped: g.grouped };
}
