// One data source of the page: an adapter under one cache mode and scope. It owns the
// cache the adapter's tables go through, the table store every widget on it shares,
// the queries in flight at the source, and who hears of its news (a table changed or
// went offline in the cache, a refresh, a cache problem). DOM-free: listeners are callbacks.
//
// `cache="off"` keeps no table: loads in flight are shared, nothing once loaded. A
// logout's clearCache(scope) empties the tables held for that scope, and any clear
// empties those held without a scope (they may be the signed-out user's).
import type { AggregateAnswer, Adapter, TimeInput } from '../adapters/types.js';
import type { AggregateServed, AggregateUpdate } from '../cache/aggregate-cache.js';
import type { LoadMeta } from '../cache/cached-meta.js';
import { anyClearGeneration, clearGeneration } from '../cache/clear-generation.js';
import type { CacheProblem } from '../cache/types.js';
import type { NormalizedLoad } from '../data/load.js';
import type { Row, TableName, ValidationReport } from '../data/schema.js';
import { emptyReport, unionReports } from '../data/validate.js';
import type { MetricQuery } from '../query/types.js';
import { queryKey } from '../query/types.js';
import { METRICS } from '../query/registry.js';
import { openCachedAdapter } from './cache-policy.js';
import type { CacheConfig, ResolvedCache } from './cache-policy.js';
import { InFlight } from './in-flight.js';
import type { PageProblem, ProblemBoard } from './problems.js';
import { TableStore } from './table-store.js';
import type { WorkerLink, WorkerProblem } from '../worker/client.js';
import type { RemoteSource } from '../worker/remote-source.js';

/**
 * News of a source: a table loaded, replaced by a revalidation (`changed`), or found
 * offline; or every table forgotten by a host's refresh (`refreshed`).
 */
export type SourceEvent = { type: 'loaded' | 'changed' | 'offline'; table: TableName } | { type: 'refreshed' };

export type SourceListener = (event: SourceEvent) => void;

/** A source's answer to a query, and where it came from when through a cache. */
export interface SourceAnswer {
  answer: Row[] | AggregateAnswer;
  meta?: LoadMeta;
}

/** What a CachedAdapter adds for answers computed at the source. */
interface AnswersThroughCache {
  aggregateWithMeta(query: MetricQuery, signal?: AbortSignal): Promise<AggregateServed>;
  subscribeAggregates(listener: (update: AggregateUpdate) => void): () => void;
}

export class Source {
  readonly adapter: Adapter;
  readonly cache: ResolvedCache;
  /** The store, once the cache is open (a `cache="off"` source has it at once). */
  private store?: TableStore;
  private opened?: Promise<TableStore>;
  /** The source's twin in the page's worker, where its tables are loaded and its queries run (absent: here). */
  remote?: RemoteSource;
  private readonly listeners = new Set<SourceListener>();
  /** Queries asked of the adapter's `aggregate`, one request per query however many ask. */
  private readonly aggregates = new InFlight<SourceAnswer>();
  /** The validation report the source gave with its latest answer, for the dashboard's notices. */
  private remoteReport?: ValidationReport;
  /** The clears (clearCache) already applied to the store. */
  private cleared: number;
  /** Grows with every change of data (a revalidation's new table, a refresh): a widget back on the page compares it. */
  version = 0;

  constructor(
    adapter: Adapter,
    cache: ResolvedCache,
    private readonly config: CacheConfig,
    private readonly problems: ProblemBoard,
    link?: WorkerLink,
  ) {
    this.adapter = adapter;
    this.cache = cache;
    this.cleared = this.clears();
    if (link) {
      this.remote = link.open(adapter, cache, {
        // The worker's own refresh answers ours: the listeners already heard it.
        event: (event, report) => {
          if (this.remote) this.remote.report = report;
          if (event.type !== 'refreshed') this.emit(event);
        },
        problem: (p) => problems.tell(this, p),
        gone: (p: WorkerProblem) => problems.tell(this, p),
      });
    } else void this.ready;
  }

  /** The cache and table store here, opened at first use (at once for a source that computes here). */
  private get ready(): Promise<TableStore> {
    return (this.opened ??= this.open());
  }

  private open(): Promise<TableStore> {
    const { adapter, cache, config, problems } = this;
    return openCachedAdapter(adapter, cache, config, (p: CacheProblem) => problems.tell(this, p)).then((through) => {
      this.store = new TableStore(through, {
        ttlMs: cache.mode === 'off' ? 0 : config.ttlMs,
        now: config.now,
        onUpdate: (type, table) => this.emit({ type, table }),
      });
      // A cached answer found changed (or offline): the widgets reading the metric's table hear it.
      (through as Partial<AnswersThroughCache>).subscribeAggregates?.((u) => this.emit({ type: u.type, table: METRICS[u.query.metric].tables(u.query.options)[0] }));
      return this.store;
    });
  }

  /** The named tables, validated, each loaded once for every caller. */
  async load(names: readonly TableName[], options: { from?: TimeInput; to?: TimeInput; signal?: AbortSignal } = {}): Promise<NormalizedLoad> {
    const store = await this.ready;
    this.applyClears();
    return store.load(names, options);
  }

  /**
   * The query computed by the adapter, through the cache (kept under the query and
   * scope like a table); identical queries in flight are one request, aborted when nobody waits.
   */
  aggregate(query: MetricQuery, signal?: AbortSignal): Promise<SourceAnswer> {
    return this.aggregates.join(queryKey(query), async (aborted) => {
      const through = (await this.ready).through as Partial<AnswersThroughCache>;
      const served: SourceAnswer =
        typeof through.aggregateWithMeta === 'function'
          ? await through.aggregateWithMeta(query, aborted)
          : { answer: await this.adapter.aggregate!(query, aborted) };
      const { answer } = served;
      // Each answer reports the tables its query read: the newest word on each table is kept.
      if (!Array.isArray(answer) && answer?.report) this.remoteReport = this.remoteReport ? unionReports([answer.report, this.remoteReport]) : answer.report;
      return served;
    }, signal);
  }

  /** The merged report of every table loaded so far, and the source's own (what a dashboard says once). */
  report(): ValidationReport {
    this.applyClears();
    const reports = [this.store?.report() ?? this.remote?.report ?? emptyReport()];
    if (this.remoteReport) reports.push(this.remoteReport);
    return unionReports(reports);
  }

  /** How many times each table was asked of the adapter (or its cache). */
  get adapterLoads(): ReadonlyMap<TableName, number> {
    return this.store?.adapterLoads ?? new Map();
  }

  /** Settles the cache's background writes and revalidations (tests, and a page about to close). */
  async idle(): Promise<void> {
    if (this.remote && !this.remote.gone) return this.remote.idle();
    const store = await this.ready;
    await (store.through as { idle?: () => Promise<void> }).idle?.();
  }

  /** Hears this source's news until the returned function is called. */
  watch(listener: SourceListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Hears the cache problems of this source (each told once on the page, to the newest
   * listener), until the returned function is called.
   */
  onProblem(listener: (problem: PageProblem) => void): () => void {
    return this.problems.listen(this, listener);
  }

  /** Forgets every load and has the cache ask the source first; the listeners load again. */
  refresh(): void {
    if (this.remote && !this.remote.gone) this.remote.refresh();
    this.store?.refresh();
    this.remoteReport = undefined;
    this.emit({ type: 'refreshed' });
  }

  private clears(): number {
    return this.cache.scope ? clearGeneration(this.cache.scope) : anyClearGeneration();
  }

  private applyClears(): void {
    const cleared = this.clears();
    if (cleared === this.cleared) return;
    this.cleared = cleared;
    this.store?.clear();
    if (this.remote) this.remote.report = undefined;
    this.remoteReport = undefined;
  }

  private emit(event: SourceEvent): void {
    if (event.type === 'changed' || event.type === 'refreshed') this.version += 1;
    for (const listener of [...this.listeners]) listener(event);
  }
}
