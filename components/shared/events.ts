// The `pulso-select` event (DESIGN.md §3.8): fired when a mark is clicked or
// chosen with Enter/Space. `filters` says what the mark stands for in the terms a
// dashboard filters by, so cross-filtering needs no knowledge of the widget.
import type { CacheProblem } from '../../src/cache/types.js';
import type { WorkerProblem } from '../../src/worker/client.js';
import type { Period } from '../../src/time/period.js';

export interface PulsoSelectFilters {
  /** A signup (or first-activity) cohort: the `YYYY-MM-DD` key of its period. */
  cohort?: string;
  /** A period key `YYYY-MM-DD`. */
  period?: string;
  /** The value of the widget's `by` column. */
  segment?: string;
  channel?: string;
  step?: string;
  feature?: string;
}

export interface PulsoSelectDetail {
  /** The tag name of the widget that fired. */
  widget: string;
  filters: PulsoSelectFilters;
  /** The period of the `cohort` and `period` keys. */
  periodUnit?: Period;
  /** The column `segment` values belong to (the widget's `by`). */
  by?: string;
  /** What `cohort` is the period of: signup (default) or the customer's first activity. */
  cohortBy?: 'signup' | 'first-activity';
  /** The metric row behind the mark (a copy). */
  row: Readonly<Record<string, unknown>>;
}

export type PulsoSelectEvent = CustomEvent<PulsoSelectDetail>;

/** A cache problem, told once per problem from a widget on the page (the widget still loads). */
export type PulsoCacheProblemEvent = CustomEvent<CacheProblem>;

/**
 * Pulso's worker cannot be used on this page (no Worker, a CSP that refuses it, a script
 * that failed to load): told once per page; the widgets still load, on the main thread.
 */
export type PulsoWorkerProblemEvent = CustomEvent<WorkerProblem>;

declare global {
  interface GlobalEventHandlersEventMap {
    'pulso-select': PulsoSelectEvent;
    'pulso-cache-problem': PulsoCacheProblemEvent;
    'pulso-worker-problem': PulsoWorkerProblemEvent;
  }
}
