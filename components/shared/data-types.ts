// The types of the data controller (data-controller.ts): what a widget asks for (its
// queries), what it gets back, its states, and the `pulso-data-error` event.
import type { ValidationReport } from '../../src/data/schema.js';
import type { LoadMeta } from '../../src/cache/cached-meta.js';
import type { MetricQuery } from '../../src/query/types.js';
import type { DashboardFilter } from './context.js';

export type DataStatus = 'initial' | 'pending' | 'complete' | 'error';

/**
 * Why the status is 'initial': nothing to load from, a `source` name no adapter is
 * registered under yet (it loads once one is), or the element left the page mid-load.
 */
export type InitialReason = 'no-source' | 'unregistered' | 'disconnected';

/** A widget's queries by name (a KPI card: its range and its sparkline). */
export type Queries = Readonly<Record<string, MetricQuery>>;

/** The rows each query answered, by the same names. */
export type Answers = Readonly<Record<string, readonly unknown[]>>;

/** What a widget asks for: queries validated before any load, and any that need the first answers. */
export interface WidgetPlan {
  queries: Queries;
  /**
   * What depends on the answers so far (e.g. a window ending at the data's last answer):
   * a plan of its own, whose answers replace those of the same name.
   */
  then?: (answers: Answers) => WidgetPlan;
}

export interface DataValue<R> {
  result: R;
  /** The validation report of the tables the result was computed from. */
  report: ValidationReport;
  /** Where the data came from when through a cache (age, stale, offline). */
  meta?: LoadMeta;
  /** The dashboard filters in force, and whether each reached this widget's data. */
  filters: readonly { filter: DashboardFilter; reached: boolean }[];
}

export interface DataRenderers<R> {
  initial?: (reason: InitialReason) => unknown;
  pending?: () => unknown;
  complete?: (value: DataValue<R>) => unknown;
  error?: (error: Error) => unknown;
}

export interface PulsoDataErrorDetail {
  error: Error;
}
export type PulsoDataErrorEvent = CustomEvent<PulsoDataErrorDetail>;

declare global {
  interface GlobalEventHandlersEventMap {
    'pulso-data-error': PulsoDataErrorEvent;
  }
}
