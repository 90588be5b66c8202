// Segments folded into "(others)" (SPEC §3, maxSegments / keepSegments) at a SQL source.
// The segments are weighed as the kernel weighs them on its rows, and the kernel's own
// groupSegments picks those kept (the heaviest, ties by label; or keepSegments).
// - npsTrend and channelCsat count answers, retention counts members (each customer has
//   one segment): their grouped counts add up across segments, so the folded groups are
//   relabelled "(others)" and the finishing step adds groups that land in one cell, as it
//   adds a period's groups (foldRows). No second statement, on any engine.
// - ticketStats (medians), funnel (median times, units per segment) and featureAdoption
//   (distinct customers of a segment) do not add up: when folding is needed, a second
//   statement computes the "(others)" segment alone over the folded segments' rows
//   (fold-later.ts).
import { groupSegments, OTHERS } from '../../metrics/others.js';
import type { SegmentLimit } from '../../query/options.js';

/** Which segments stay under a limit, when some are folded. */
export interface Fold {
  /** The labels that keep their own segment (never "(others)"). */
  readonly kept: readonly string[];
  /** Segments with weight that went into "(others)" (the rows' `othersGrouped`). */
  readonly grouped: number;
}

/** The fold of segments weighing `weights` (label → weight) under `limit`; undefined when none is folded. */
export function foldOf(weights: ReadonlyMap<string, number>, limit: SegmentLimit): Fold | undefined {
  const labels = [...weights.keys()];
  const g = groupSegments({ codes: new Int32Array(0), labels }, labels.map((l) => weights.get(l)!), limit);
  if (g.labels === labels) return undefined;
  // groupSegments appends OTHERS after the kept labels.
  return { kept: g.labels.slice(0, -1), grouped: g.grouped };
}

/**
 * Whether segments `labels` (every segment with weight, and maybe some without) may fold
 * under `limit`: more of them than `max`, or one that `keep` leaves out. False: none folds.
 */
export function mayFold(labels: Iterable<string>, limit: SegmentLimit): boolean {
  const present = new Set(labels);
  if (!limit.keep) return present.size > limit.max;
  const keep = new Set(limit.keep);
  return [...present].some((l) => !keep.has(l) || l === OTHERS);
}

export interface Folding {
  /** The label a group is counted under: its own, or "(others)". */
  label(own: string): string;
  /** Segments with rows that went into "(others)" (the rows' `othersGrouped`). */
  readonly grouped: number;
}

export const NO_FOLDING: Folding = { label: (own) => own, grouped: 0 };

/** How the segments of `rows` fold under `limit`, each row weighing `weight(row)` in its segment `label(row)`. */
export function foldRows<R>(rows: readonly R[], label: (r: R) => string, weight: (r: R) => number, limit: SegmentLimit): Folding {
  const fold = foldOf(weighed(rows, label, weight), limit);
  if (!fold) return NO_FOLDING;
  const kept = new Set(fold.kept);
  return { label: (own) => (kept.has(own) ? own : OTHERS), grouped: fold.grouped };
}

/** Each label's total weight over `rows`. */
export function weighed<R>(rows: readonly R[], label: (r: R) => string, weight: (r: R) => number): Map<string, number> {
  const weights = new Map<string, number>();
  for (const r of rows) weights.set(label(r), (weights.get(label(r)) ?? 0) + weight(r));
  return weights;
}
