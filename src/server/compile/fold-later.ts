// "(others)" for the metrics whose figures do not add up across segments (ticketStats'
// medians, the funnel's units and median times, featureAdoption's distinct customers):
// after the metric's statements, when their segments show that folding may be needed,
// the segments are weighed exactly as the kernel weighs them (from those results when
// they hold the weights, else by one cheap statement), the kernel's groupSegments picks
// those kept, and a last statement computes the metric over the rows of the folded
// segments alone, as the one segment "(others)". The kept segments' rows of the first
// results are the kernel's as they are (folding changes nothing inside them), so the
// finishing step reads them with the "(others)" rows. Under the limit, nothing more runs.
import type { Row } from '../../data/schema.js';
import { withGrouped } from '../../metrics/others.js';
import type { SegmentLimit } from '../../query/options.js';
import type { DbRow } from '../engine.js';
import { count } from '../sql.js';
import { labelOf } from '../values.js';
import { foldOf, mayFold, weighed, type Fold } from './fold.js';

/** Statements (S: how an engine takes one), the rows from their results, and maybe statements those results call for. */
export interface Staged<S> {
  readonly statements: readonly S[];
  finish(results: readonly DbRow[][]): Row[];
  /** What to run after these results (segments to fold): the rows are then that stage's. Absent or undefined: finish here. */
  next?(results: readonly DbRow[][]): Staged<S> | undefined;
}

/** Runs the stages one after the other, and finishes the last. */
export async function runStaged<S>(first: Staged<S>, run: (statements: readonly S[]) => Promise<DbRow[][]>): Promise<Row[]> {
  let stage = first;
  let results = await run(stage.statements);
  for (let more = stage.next?.(results); more; more = stage.next?.(results)) {
    stage = more;
    results = await run(stage.statements);
  }
  return stage.finish(results);
}

/** How a metric folds later; every statement's rows name their segment `seg`. */
export interface FoldPlan<S> {
  readonly limit: SegmentLimit;
  /** The segments' weights when the first results hold them (ticketStats' tickets per group). */
  weights?(results: readonly DbRow[][]): Map<string, number>;
  /** Otherwise a statement answering (seg, w): each segment's weight as the kernel counts it. */
  weigh?(): S;
  /** The statements of the first stage computing the "(others)" segment alone: rows of segments not in `kept`, their seg '(others)'. */
  others(kept: readonly string[]): readonly S[];
}

/** `first` (the metric's statements over every segment), folding later when its results call for it. */
export function foldLater<S>(first: Staged<S>, plan: FoldPlan<S>): Staged<S> {
  return {
    ...first,
    next(results) {
      // Segments of the results: at least those with weight (the statements may list empty ones too).
      const labels = results.flatMap((rows) => rows.map((r) => labelOf(r.seg)));
      if (!mayFold(labels, plan.limit)) return undefined;
      const stage = (weights: Map<string, number>) => {
        const fold = foldOf(weights, plan.limit);
        return fold && othersStage(first, results, fold, plan.others(fold.kept));
      };
      if (plan.weights) return stage(plan.weights(results));
      return {
        statements: [plan.weigh!()],
        finish: () => first.finish(results),
        next: ([w]) => {
          // Segments without weight too: keepSegments keeps one it names, as the kernel does.
          const weights = new Map(labels.map((l) => [l, 0]));
          for (const [l, x] of weighed(w, (r) => labelOf(r.seg), (r) => count(r.w))) weights.set(l, x);
          return stage(weights);
        },
      };
    },
  };
}

/** The kept segments' rows of the first results with the "(others)" rows, finished as the first stage finishes. */
function othersStage<S>(first: Staged<S>, results: readonly DbRow[][], fold: Fold, statements: readonly S[]): Staged<S> {
  const kept = new Set(fold.kept);
  return {
    statements,
    finish: (others) => {
      const merged = results.map((rows, i) => [...rows.filter((r) => kept.has(labelOf(r.seg))), ...others[i]]);
      return withGrouped(first.finish(merged), fold.grouped);
    },
  };
}
