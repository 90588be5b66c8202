// One load per table for everything that shares an adapter (issue 6): a
// dashboard's widgets ask for overlapping tables; each table is loaded and
// validated once, and every widget gets the same normalized table and report.
import type { ColumnTable } from 'arquero';
import type { Adapter, LoadRequest, TimeInput } from '../adapters/types.js';
import { untilAborted } from './abort.js';
import { combineMeta, loadTable } from './load.js';
import type { NormalizedLoad, SourceMeta } from './load.js';
import type { NormalizedTables, TableName, ValidationReport } from './schema.js';
import { emptyReport, mergeReports, type ValidationResult } from './validate.js';

/** What a cached adapter tells of a revalidation that found new data (CachedAdapter's `subscribe`). */
interface ChangedUpdate {
  type: string;
  request: LoadRequest;
  fetchedAt: number;
  table?: ColumnTable;
  report?: ValidationReport;
}

interface Subscribable {
  subscribe(listener: (update: ChangedUpdate) => void): () => void;
}

export interface StoreLoadOptions {
  from?: TimeInput;
  to?: TimeInput;
  /** Stops this caller waiting; the shared load goes on for the others. */
  signal?: AbortSignal;
}

const key = (table: TableName, from?: TimeInput, to?: TimeInput): string =>
  JSON.stringify([table, from instanceof Date ? from.getTime() : (from ?? null), to instanceof Date ? to.getTime() : (to ?? null)]);

export class TableStore {
  readonly adapter: Adapter;
  /** What loads go through: the adapter, or a cache wrapping it (`loadThrough`). */
  private source: Adapter;
  private unsubscribe?: () => void;
  private readonly loads = new Map<string, Promise<NormalizedLoad>>();
  /** Aborts the shared loads when the store is dropped (the dashboard left the page or changed adapter). */
  private readonly controller = new AbortController();
  /** How many times each table was asked of the adapter (for tests and diagnostics). */
  readonly adapterLoads = new Map<TableName, number>();

  /** Validation reports of the tables loaded so far, one per table and range. */
  private readonly settled = new Map<string, ValidationResult['report']>();
  /** Called after each table's load succeeds (e.g. to show the reports). */
  onSettle?: () => void;

  constructor(adapter: Adapter) {
    this.adapter = adapter;
    this.source = adapter;
  }

  /** What loads go through now. */
  get through(): Adapter {
    return this.source;
  }

  /**
   * Loads the adapter's tables through `source` from now on (a cache wrapping it, set
   * by the widgets from the dashboard's `cache` settings; the adapter itself to stop).
   * A change forgets what was loaded the other way. A cache's revalidation that finds
   * new data replaces the table here, so widgets that load again get it.
   */
  loadThrough(source: Adapter): void {
    if (source === this.source) return;
    this.source = source;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.loads.clear();
    this.settled.clear();
    const cached = source as Partial<Subscribable>;
    if (source !== this.adapter && typeof cached.subscribe === 'function') {
      this.unsubscribe = cached.subscribe((update) => this.changed(update));
    }
  }

  private changed(update: ChangedUpdate): void {
    if (update.type !== 'changed' || !update.table || !update.report) return;
    const { table, from, to } = update.request;
    const k = key(table, from, to);
    if (!this.loads.has(k)) return;
    const result: NormalizedLoad = {
      tables: { [table]: update.table },
      report: update.report,
      meta: { fetchedAt: update.fetchedAt, fromCache: false, stale: false, offline: false },
    };
    this.loads.set(k, Promise.resolve(result));
    this.settled.set(k, result.report);
    this.onSettle?.();
  }

  /** The merged validation report of every table loaded so far: what a dashboard says once for all its widgets. */
  report(): ValidationResult['report'] {
    let report = emptyReport();
    for (const r of this.settled.values()) report = mergeReports(report, r);
    return report;
  }

  /** The named tables, each loaded and validated once per range; a failed load is retried on the next call. */
  async load(names: readonly TableName[], options: StoreLoadOptions = {}): Promise<NormalizedLoad> {
    const results = await untilAborted(Promise.all(names.map((n) => this.one(n, options.from, options.to))), options.signal);
    const tables: NormalizedTables = {};
    let report = emptyReport();
    let meta: SourceMeta | undefined;
    for (const r of results) {
      Object.assign(tables, r.tables);
      report = mergeReports(report, r.report);
      meta = combineMeta(meta, r.meta);
    }
    return meta ? { tables, report, meta } : { tables, report };
  }

  /** Forgets every load: the next ones are made again (from a cache while it is fresh). */
  clear(): void {
    this.loads.clear();
    this.settled.clear();
  }

  /**
   * A host's refresh: forgets every load, and has a cache loads go through ask the
   * source first (that cache is shared, so its other users then refetch too).
   */
  refresh(): void {
    this.clear();
    (this.source as { invalidate?: () => void }).invalidate?.();
  }

  /**
   * The store is dropped (its dashboard changed adapter or left): aborts the loads in
   * flight and stops listening. A shared cache is left as it is for its other users.
   */
  dispose(): void {
    this.clear();
    this.controller.abort(new DOMException('The data store was closed', 'AbortError'));
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  private one(table: TableName, from?: TimeInput, to?: TimeInput): Promise<NormalizedLoad> {
    const k = key(table, from, to);
    let p = this.loads.get(k);
    if (!p) {
      this.adapterLoads.set(table, (this.adapterLoads.get(table) ?? 0) + 1);
      p = loadTable(this.source, { table, from, to }, this.controller.signal).then((result) => {
        this.settled.set(k, result.report);
        this.onSettle?.();
        return result;
      });
      this.loads.set(k, p);
      // A failure is not kept: the next caller (a retry) loads again.
      p.catch(() => {
        if (this.loads.get(k) === p) this.loads.delete(k);
      });
    }
    return p;
  }
}
