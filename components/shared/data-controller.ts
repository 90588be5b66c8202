// The one way a widget loads data (DESIGN.md §3.4): a ReactiveController on
// @lit/task, so a change of adapter, tables or range re-runs the load, the
// previous run's signal is aborted, and only the last call reaches the screen.
import { ContextConsumer } from '@lit/context';
import { initialState, Task, TaskStatus } from '@lit/task';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { isAbortError } from '../../src/adapters/errors.js';
import { isRegistered, isUrlSource, onAdapterRegistered, resolveSource } from '../../src/adapters/registry.js';
import type { Adapter, TimeInput } from '../../src/adapters/types.js';
import { filterNeeds, filterTables } from '../../src/data/filter.js';
import type { TableFilter } from '../../src/data/filter.js';
import { loadTables } from '../../src/data/load.js';
import type { NormalizedTables, TableName, ValidationReport } from '../../src/data/schema.js';
import { pulsoAdapterContext, pulsoDashboardContext } from './context.js';
import type { DashboardContext } from './context.js';

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

type Host = ReactiveControllerHost & HTMLElement;
type TimeKey = string | number | undefined;
type Args = [
  Adapter | undefined,
  string | undefined,
  Adapter | undefined,
  string,
  TimeKey,
  TimeKey,
  /** The dashboard's filters that apply to this widget, as JSON (recompute, no reload, on change). */
  string,
  ...unknown[],
];

interface Loaded {
  adapter: Adapter;
  store: unknown;
  key: string;
  value: { tables: NormalizedTables; report: ValidationReport };
}

const STATUS: Record<TaskStatus, DataStatus> = {
  [TaskStatus.INITIAL]: 'initial',
  [TaskStatus.PENDING]: 'pending',
  [TaskStatus.COMPLETE]: 'complete',
  [TaskStatus.ERROR]: 'error',
};

/** Dates compare by identity in Task's args; their time compares by value. */
function timeKey(t: TimeInput | undefined): TimeKey {
  return t instanceof Date ? t.getTime() : t;
}

/** Stops waiting on abort even when an adapter ignores its signal. */
function settleOrAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function asError(e: unknown): Error {
  return e instanceof Error ? e : new Error(String(e), { cause: e });
}

export class PulsoDataController<R> implements ReactiveController {
  private readonly host: Host;
  private readonly options: DataControllerOptions<R>;
  private readonly task: Task<Args, DataValue<R>>;
  private readonly context: ContextConsumer<typeof pulsoAdapterContext, Host>;
  private readonly dashboard: ContextConsumer<typeof pulsoDashboardContext, Host>;
  /** Ours, beside Task's: Task has no hook for the host leaving the page. */
  private running?: AbortController;
  private interrupted = false;
  /** Stops waiting for a source name to be registered. */
  private stopWaiting?: () => void;
  private initialReason: InitialReason = 'no-source';
  /** The last successful load, so a change of `deps` alone recomputes without loading. */
  private loaded?: Loaded;

  constructor(host: Host, options: DataControllerOptions<R>) {
    this.host = host;
    this.options = options;
    this.context = new ContextConsumer(host, { context: pulsoAdapterContext, subscribe: true });
    this.dashboard = new ContextConsumer(host, { context: pulsoDashboardContext, subscribe: true });
    this.task = new Task<Args, DataValue<R>>(host, {
      task: (args, { signal }) => this.perform(args, signal),
      args: () => this.args(),
      onError: (e) => this.fail(e),
    });
    host.addController(this);
  }

  get status(): DataStatus {
    return STATUS[this.task.status];
  }

  /** The last complete value (kept while a new load is pending, for a stale view). */
  get value(): DataValue<R> | undefined {
    return this.task.value;
  }

  get error(): Error | undefined {
    return this.task.status === TaskStatus.ERROR ? asError(this.task.error) : undefined;
  }

  /** Why the status is 'initial' ('no-source': the widget says "no data source"). */
  get reason(): InitialReason | undefined {
    return this.task.status === TaskStatus.INITIAL ? this.initialReason : undefined;
  }

  /** Resolves when the current run settles (rejects on error), like Task's. */
  get taskComplete(): Promise<DataValue<R>> {
    return this.task.taskComplete;
  }

  /** Loads again with the current arguments, bypassing the last load. */
  retry(): Promise<void> {
    this.loaded = undefined;
    return this.task.run();
  }

  render(renderers: DataRenderers<R>): unknown {
    switch (this.task.status) {
      case TaskStatus.INITIAL:
        return renderers.initial?.(this.initialReason);
      case TaskStatus.PENDING:
        return renderers.pending?.();
      case TaskStatus.COMPLETE:
        return renderers.complete?.(this.task.value as DataValue<R>);
      default:
        return renderers.error?.(asError(this.task.error));
    }
  }

  hostConnected(): void {
    // A load cut short by leaving the page resumes when the element comes back.
    if (this.interrupted) {
      this.interrupted = false;
      void this.task.run();
    }
  }

  hostDisconnected(): void {
    this.stopWaiting?.();
    this.stopWaiting = undefined;
    if (this.running && !this.running.signal.aborted) {
      this.interrupted = true;
      this.running.abort(new DOMException('The element left the page', 'AbortError'));
    }
  }

  /** The dashboard filters for this widget: all but the cross-filter it fired itself. */
  private filters(): TableFilter[] {
    const d: DashboardContext | undefined = this.dashboard.value;
    return (d?.filters ?? []).filter((f) => f.source !== this.host).map((f) => f.filter);
  }

  private args(): Args {
    const o = this.options;
    const filters = this.filters();
    const tables = new Set([...o.tables(), ...filters.flatMap(filterNeeds)]);
    return [
      o.adapter(),
      o.source()?.trim() || undefined,
      this.context.value,
      [...tables].join(','),
      timeKey(o.from?.()),
      timeKey(o.to?.()),
      JSON.stringify(filters),
      // A new store (the dashboard's refresh) loads again.
      this.dashboard.value?.store,
      ...(o.deps?.() ?? []),
    ];
  }

  private async perform(args: Args, taskSignal: AbortSignal): Promise<DataValue<R> | typeof initialState> {
    const [own, source, fromContext, tablesKey, from, to, filterKey] = args;
    // Precedence: the element's property, its source attribute, then the dashboard.
    if (!own && source && !isUrlSource(source) && !isRegistered(source)) {
      // A page may register its adapter after the elements load: wait for the name.
      this.waitFor(source);
      this.initialReason = 'unregistered';
      return initialState;
    }
    const adapter = own ?? (source ? resolveSource(source) : fromContext);
    if (!adapter) {
      this.initialReason = 'no-source';
      return initialState;
    }
    const running = new AbortController();
    this.running = running;
    const signal = AbortSignal.any([taskSignal, running.signal]);
    try {
      const key = JSON.stringify([tablesKey, from ?? null, to ?? null]);
      const cached = this.loaded;
      const names = tablesKey ? (tablesKey.split(',') as TableName[]) : [];
      // Inside a dashboard, its store loads each table once for every widget.
      const store = adapter === fromContext ? this.dashboard.value?.store : undefined;
      const value =
        cached && cached.adapter === adapter && cached.store === store && cached.key === key
          ? cached.value
          : await settleOrAbort(
              store && store.adapter === adapter
                ? store.load(names, { from, to, signal })
                : loadTables(adapter, names, { from, to, signal }),
              signal,
            );
      signal.throwIfAborted();
      this.loaded = { adapter, store, key, value };
      const filters = JSON.parse(filterKey) as TableFilter[];
      const tables = filters.reduce((t, f) => filterTables(t, f), value.tables);
      const result = await this.options.compute(tables, signal);
      signal.throwIfAborted();
      return { result, report: value.report };
    } catch (e) {
      // A newer run (Task ignores this one) or the element leaving: not an error.
      if (signal.aborted) {
        if (running.signal.aborted) this.initialReason = 'disconnected';
        return initialState;
      }
      throw e;
    } finally {
      if (this.running === running) this.running = undefined;
    }
  }

  private waitFor(name: string): void {
    this.stopWaiting?.();
    this.stopWaiting = onAdapterRegistered((registered) => {
      if (registered !== name) return;
      this.stopWaiting?.();
      this.stopWaiting = undefined;
      void this.task.run();
    });
  }

  private fail(e: unknown): void {
    if (isAbortError(e)) return;
    this.host.dispatchEvent(
      new CustomEvent<PulsoDataErrorDetail>('pulso-data-error', {
        bubbles: true,
        composed: true,
        detail: { error: asError(e) },
      }),
    );
  }
}
