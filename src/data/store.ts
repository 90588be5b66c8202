// One load per table for everything that shares an adapter (issue 6): a
// dashboard's widgets ask for overlapping tables; each table is loaded and
// validated once, and every widget gets the same normalized table and report.
import type { Adapter, TimeInput } from '../adapters/types.js';
import { toTable } from './fields.js';
import type { NormalizedTables, TableName } from './schema.js';
import { emptyReport, mergeReports, validate, type ValidationResult } from './validate.js';

export interface StoreLoadOptions {
  from?: TimeInput;
  to?: TimeInput;
  /** Stops this caller waiting; the shared load goes on for the others. */
  signal?: AbortSignal;
}

const key = (table: TableName, from?: TimeInput, to?: TimeInput): string =>
  JSON.stringify([table, from instanceof Date ? from.getTime() : (from ?? null), to instanceof Date ? to.getTime() : (to ?? null)]);

/** Waits for `promise` unless `signal` aborts first. */
function until<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return promise;
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

export class TableStore {
  readonly adapter: Adapter;
  private readonly loads = new Map<string, Promise<ValidationResult>>();
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
  }

  /** The merged validation report of every table loaded so far: what a dashboard says once for all its widgets. */
  report(): ValidationResult['report'] {
    let report = emptyReport();
    for (const r of this.settled.values()) report = mergeReports(report, r);
    return report;
  }

  /** The named tables, each loaded and validated once per range; a failed load is retried on the next call. */
  async load(names: readonly TableName[], options: StoreLoadOptions = {}): Promise<ValidationResult> {
    const results = await until(Promise.all(names.map((n) => this.one(n, options.from, options.to))), options.signal);
    const tables: NormalizedTables = {};
    let report = emptyReport();
    for (const r of results) {
      Object.assign(tables, r.tables);
      report = mergeReports(report, r.report);
    }
    return { tables, report };
  }

  /** Forgets every load (a refresh) or, with `dispose`, also aborts the ones in flight. */
  clear(dispose = false): void {
    this.loads.clear();
    this.settled.clear();
    if (dispose) this.controller.abort(new DOMException('The data store was closed', 'AbortError'));
  }

  private one(table: TableName, from?: TimeInput, to?: TimeInput): Promise<ValidationResult> {
    const k = key(table, from, to);
    let p = this.loads.get(k);
    if (!p) {
      this.adapterLoads.set(table, (this.adapterLoads.get(table) ?? 0) + 1);
      p = this.adapter
        .load({ table, from, to }, this.controller.signal)
        .then((loaded) => validate({ [table]: toTable(loaded) }))
        .then((result) => {
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
