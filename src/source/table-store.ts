// One load per table for everything that reads a source: every widget on the page that
// shares an adapter and cache settings asks this store, so each table is loaded and
// validated once, identical loads in flight are one request, and every widget gets the
// same normalized table (and so the same typed frames) and report.
//
// A table is served from here while it is younger than the time to live; after that the
// next caller asks the cache (or the adapter) again. When the cache serves the same entry
// (same fetch time), the table object already here is kept, so the frames built on it
// are not built again; a revalidation that finds new data replaces it and says so. A
// load in flight is aborted when every caller waiting for it has given up.
import type { ColumnTable } from 'arquero';
import type { Adapter, LoadRequest, TimeInput } from '../adapters/types.js';
import type { LoadMeta } from '../cache/cached-meta.js';
import { DEFAULT_TTL_MS } from '../cache/freshness.js';
import { untilAborted } from '../data/abort.js';
import { InFlight } from './in-flight.js';
import { nextTask } from './tasks.js';
import { combineMeta, loadTable } from '../data/load.js';
import type { NormalizedLoad } from '../data/load.js';
import type { NormalizedTables, TableName, ValidationReport } from '../data/schema.js';
import { emptyReport, mergeReports } from '../data/validate.js';

/** What a cached adapter tells of a revalidation (CachedAdapter's `subscribe`). */
export interface TableUpdate {
  type: 'changed' | 'offline';
  request: LoadRequest;
  fetchedAt: number;
  table?: ColumnTable;
  report?: ValidationReport;
}

interface Subscribable {
  subscribe(listener: (update: TableUpdate) => void): () => void;
}

export interface StoreLoadOptions {
  from?: TimeInput;
  to?: TimeInput;
  /** Stops this caller waiting; the shared load goes on for the others. */
  signal?: AbortSignal;
}

export interface TableStoreOptions {
  /** How long a loaded table is served without asking again. Default 5 minutes; 0 keeps none (loads in flight are still shared). */
  ttlMs?: number;
  now?: () => number;
  /**
   * Told after a table's load settles (`loaded`), when a revalidation found new data
   * (`changed`: the store already holds it), or found the source offline (`offline`).
   */
  onUpdate?: (type: 'loaded' | 'changed' | 'offline', table: TableName) => void;
}

/** A table as loaded, and when it was last had from `through`. */
interface Held {
  result: NormalizedLoad;
  checkedAt: number;
}

const key = (table: TableName, from?: TimeInput, to?: TimeInput): string =>
  JSON.stringify([table, from instanceof Date ? from.getTime() : (from ?? null), to instanceof Date ? to.getTime() : (to ?? null)]);

export class TableStore {
  /** What loads go through: the adapter, or a cache wrapping it. */
  readonly through: Adapter;
  private readonly unsubscribe?: () => void;
  private readonly held = new Map<string, Held>();
  /** Aborts the shared loads when the store is dropped. */
  private readonly controller = new AbortController();
  private readonly loads = new InFlight<NormalizedLoad>(this.controller.signal);
  /** How many times each table was asked of `through` (for tests and diagnostics). */
  readonly adapterLoads = new Map<TableName, number>();
  private readonly ttlMs: number;
  private readonly now: () => number;
  private readonly onUpdate: NonNullable<TableStoreOptions['onUpdate']>;
  /** Bumped by every clear: loads begun before it are not kept. */
  private generation = 0;

  constructor(through: Adapter, options: TableStoreOptions = {}) {
    this.through = through;
    this.ttlMs = options.ttlMs ?? DEFAULT_TTL_MS;
    this.now = options.now ?? Date.now;
    this.onUpdate = options.onUpdate ?? (() => {});
    const cached = through as Partial<Subscribable>;
    if (typeof cached.subscribe === 'function') this.unsubscribe = cached.subscribe.call(through, (u) => this.updated(u));
  }

  private updated(update: TableUpdate): void {
    const { table, from, to } = update.request;
    const k = key(table, from, to);
    if (!this.held.has(k) && !this.loads.running(`${k}#${this.generation}`)) return;
    if (update.type === 'changed' && update.table && update.report) {
      const meta: LoadMeta = { fetchedAt: update.fetchedAt, fromCache: false, stale: false, offline: false };
      this.held.set(k, { result: { tables: { [table]: update.table }, report: update.report, meta }, checkedAt: this.now() });
      this.onUpdate('changed', table);
    } else if (update.type === 'offline') this.onUpdate('offline', table);
  }

  /** The merged validation report of every table loaded so far: what a dashboard says once for all its widgets. */
  report(): ValidationReport {
    let report = emptyReport();
    for (const h of this.held.values()) report = mergeReports(report, h.result.report);
    return report;
  }

  /** The named tables, each loaded and validated once per range; a failed load is retried on the next call. */
  async load(names: readonly TableName[], options: StoreLoadOptions = {}): Promise<NormalizedLoad> {
    const results = await untilAborted(
      Promise.all(names.map((n) => this.one(n, options.from, options.to, options.signal))),
      options.signal,
    );
    const tables: NormalizedTables = {};
    let report = emptyReport();
    let meta: LoadMeta | undefined;
    for (const r of results) {
      Object.assign(tables, r.tables);
      report = mergeReports(report, r.report);
      meta = combineMeta(meta, r.meta);
    }
    return meta ? { tables, report, meta } : { tables, report };
  }

  /** Forgets every load: the next ones are made again (from a cache while it is fresh). */
  clear(): void {
    this.held.clear();
    this.generation += 1;
  }

  /** A host's refresh: forgets every load, and has a cache the loads go through ask the source first. */
  refresh(): void {
    this.clear();
    (this.through as { invalidate?: () => void }).invalidate?.();
  }

  /** The store is dropped: aborts the loads in flight and stops listening to the cache. */
  dispose(): void {
    this.clear();
    this.controller.abort(new DOMException('The data store was closed', 'AbortError'));
    this.unsubscribe?.();
  }

  private one(table: TableName, from?: TimeInput, to?: TimeInput, signal?: AbortSignal): Promise<NormalizedLoad> {
    const k = key(table, from, to);
    const before = this.held.get(k);
    if (before && this.now() - before.checkedAt <= this.ttlMs) return Promise.resolve(before.result);
    const generation = this.generation;
    const load = async (aborted: AbortSignal): Promise<NormalizedLoad> => {
      this.adapterLoads.set(table, (this.adapterLoads.get(table) ?? 0) + 1);
      // Each table's load and validation in a task of its own (not four tables in one).
      await nextTask();
      aborted.throwIfAborted();
      const loaded = await loadTable(this.through, { table, from, to }, aborted);
      // The cache served the entry held here: keep its table, and the frames built on it.
      const result = sameEntry(before?.result, loaded) ? { ...loaded, tables: before!.result.tables } : loaded;
      // A load begun before a clear (a logout) is handed to its callers but not kept.
      if (generation === this.generation && this.ttlMs > 0) this.held.set(k, { result, checkedAt: this.now() });
      this.onUpdate('loaded', table);
      return result;
    };
    return this.loads.join(`${k}#${generation}`, load, signal);
  }
}

/** The cache served the entry the store already holds (same fetch time): keep its table and frames. */
function sameEntry(before: NormalizedLoad | undefined, after: NormalizedLoad): boolean {
  return before?.meta !== undefined && after.meta !== undefined && before.meta.fetchedAt === after.meta.fetchedAt;
}
