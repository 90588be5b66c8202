// The types of the data controller (data-controller.ts): its options, states,
// renderers and the `pulso-data-error` event.
import type { Adapter, TimeInput } from '../../src/adapters/types.js';
import type { NormalizedTables, TableName, ValidationReport } from '../../src/data/schema.js';
import type { FreshnessMeta } from './cache-watch.js';

export type DataStatus = 'initial' | 'pending' | 'complete' | 'error';

/**
 * Why the status is 'initial': nothing to load from, a `source` name no adapter is
 * registered under yet (it loads once one is), or the element left the page mid-load.
 */
export type InitialReason = 'no-source' | 'unregistered' | 'disconnected';

export interface DataValue<R> {
  result: R;
  report: ValidationReport;
}

export interface DataControllerOptions<R> {
  tables: () => readonly TableName[];
  /** The element's own `adapter` property; overrides `source` and the context. */
  adapter: () => Adapter | undefined;
  /** The `source` attribute: a registered adapter name or a JSON base URL. */
  source: () => string | undefined;
  from?: () => TimeInput | undefined;
  to?: () => TimeInput | undefined;
  /** Values the computation depends on (metric options): a change recomputes without reloading. */
  deps?: () => readonly unknown[];
  compute: (tables: NormalizedTables, signal: AbortSignal) => R | Promise<R>;
  /** The `cache` attribute (persistent, memory, off); else the dashboard's, else by scope. */
  cache?: () => string | undefined;
  /** The `cache-scope` attribute: the user or tenant whose entries these are. */
  cacheScope?: () => string | undefined;
}

/** Where the data shown came from, when it came through a cache: `fetchedAt`, `stale`, `offline`. */
export type DataMeta = FreshnessMeta;

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

