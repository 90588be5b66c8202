// The one way a widget loads data (DESIGN.md §3.4): a ReactiveController on
// @lit/task, so a change of adapter, tables or range re-runs the load, the
// previous run's signal is aborted, and only the last call reaches the screen.
import { ContextConsumer } from '@lit/context';
import { initialState, Task, TaskStatus } from '@lit/task';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { isAbortError } from '../../src/adapters/errors.js';
import { isRegistered, isUrlSource, onAdapterRegistered, resolveSource } from '../../src/adapters/registry.js';
import type { Adapter } from '../../src/adapters/types.js';
import { filterNeeds, filterTables } from '../../src/data/filter.js';
import type { TableFilter } from '../../src/data/filter.js';
import { loadTables } from '../../src/data/load.js';
import type { SourceMeta } from '../../src/data/load.js';
import type { NormalizedTables, TableName, ValidationReport } from '../../src/data/schema.js';
import { cacheGeneration, cachedSource, releaseHost, resolveCache } from './cached-source.js';
import type { ResolvedCache } from './cached-source.js';
import { CacheWatch } from './cache-watch.js';
import { pulsoAdapterContext, pulsoDashboardContext } from './context.js';
import type { DashboardContext } from './context.js';
import { STATUS, asError, sameCache, settleOrAbort, timeKey } from './data-helpers.js';
import type { TimeKey } from './data-helpers.js';
import type {
  DataControllerOptions,
  DataMeta,
  DataRenderers,
  DataStatus,
  DataValue,
  InitialReason,
  PulsoDataErrorDetail,
} from './data-types.js';

export type {
  DataControllerOptions,
  DataMeta,
  DataRenderers,
  DataStatus,
  DataValue,
  InitialReason,
  PulsoDataErrorDetail,
  PulsoDataErrorEvent,
} from './data-types.js';

type Host = ReactiveControllerHost & HTMLElement;
type Args = [
  Adapter | undefined,
  string | undefined,
  Adapter | undefined,
  string,
  TimeKey,
  TimeKey,
  /** The dashboard's filters that apply to this widget, as JSON (recompute, no reload, on change). */
  string,
  /** The cache mode, scope and configuration (a change loads again). */
  string,
  ...unknown[],
];

interface Loaded {
  adapter: Adapter;
  store: unknown;
  key: string;
  value: { tables: NormalizedTables; report: ValidationReport; meta?: SourceMeta };
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
  /** Cache updates (new data, offline) and the once-a-minute redraw of "updated n minutes ago". */
  private readonly watch: CacheWatch;
  /** The adapter loaded from last, whose shared cache this host is registered with. */
  private source?: Adapter;

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
    this.watch = new CacheWatch(host, () => this.reload());
    host.addController(this);
  }

  /** Where the data shown came from, when through a cache (undefined otherwise or before a load). */
  get meta(): DataMeta | undefined {
    return this.watch.meta;
  }

  get fetchedAt(): number | undefined {
    return this.watch.meta?.fetchedAt;
  }

  get stale(): boolean {
    return this.watch.meta?.stale ?? false;
  }

  get offline(): boolean {
    return this.watch.meta?.offline ?? false;
  }

  /** The cache settings this widget loads with now. */
  get cacheSettings(): ResolvedCache {
    return this.resolvedCache();
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
    this.watch.connected();
    // A load cut short by leaving the page resumes when the element comes back.
    if (this.interrupted) {
      this.interrupted = false;
      void this.task.run();
    }
  }

  hostDisconnected(): void {
    this.watch.disconnected();
    releaseHost(this.source, this.host);
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

  private resolvedCache(): ResolvedCache {
    const o = this.options;
    return resolveCache({ mode: o.cache?.(), scope: o.cacheScope?.() }, this.dashboard.value?.cache);
  }

  /** A cache update said the data changed: load again (from the cache, which has it). */
  private reload(): void {
    this.loaded = undefined;
    void this.task.run();
  }

  private args(): Args {
    const o = this.options;
    const filters = this.filters();
    const cache = this.resolvedCache();
    const tables = new Set([...o.tables(), ...filters.flatMap(filterNeeds)]);
    return [
      o.adapter(),
      o.source()?.trim() || undefined,
      this.context.value,
      [...tables].join(','),
      timeKey(o.from?.()),
      timeKey(o.to?.()),
      JSON.stringify(filters),
      JSON.stringify([cache.mode, cache.scope, cacheGeneration()]),
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
      const settings = this.resolvedCache();
      // Data loaded under another cache scope is not reused (a sign-out and sign-in, say).
      const key = JSON.stringify([tablesKey, from ?? null, to ?? null, settings.mode, settings.scope]);
      const cached = this.loaded;
      const names = tablesKey ? (tablesKey.split(',') as TableName[]) : [];
      // Inside a dashboard, its store loads each table once for every widget, through
      // the dashboard's cache; a widget with cache settings of its own loads by itself.
      const context = this.dashboard.value;
      const shared =
        adapter === fromContext && context?.store?.adapter === adapter && sameCache(settings, context)
          ? context.store
          : undefined;
      if (this.source !== adapter) releaseHost(this.source, this.host);
      this.source = adapter;
      const through = await settleOrAbort(cachedSource(adapter, settings, this.host), signal);
      this.watch.follow(through, names, from, to);
      const store = shared;
      const value =
        cached && cached.adapter === adapter && cached.store === store && cached.key === key
          ? cached.value
          : await settleOrAbort(
              store
                ? (store.loadThrough(through), store.load(names, { from, to, signal }))
                : loadTables(through, names, { from, to, signal }),
              signal,
            );
      signal.throwIfAborted();
      this.loaded = { adapter, store, key, value };
      this.watch.served(value.meta);
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
