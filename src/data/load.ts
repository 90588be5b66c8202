// adapter.load → Arquero table → validate: the data path every widget and the
// demo share (DESIGN.md §1). The cache (src/cache) wraps the adapter; a cached
// adapter that stores validated tables (`loadNormalized`) answers them already
// validated, with the report kept from when they were fetched.
import { loadArrowFor } from '../adapters/arrow-codec.js';
import type { Adapter, LoadRequest, TimeInput } from '../adapters/types.js';
import type { LoadMeta, RevalidationOutcome } from '../cache/cached-meta.js';
import { toTable } from './fields.js';
import { nextTask } from '../source/tasks.js';
import type { NormalizedTables, TableName } from './schema.js';
import { emptyReport, mergeReports, validateInSlices, type ValidateOptions, type ValidationResult } from './validate.js';

/** The higher, the worse: data is up to date only when every part of it is. */
const WORSE: Record<RevalidationOutcome, number> = { changed: 3, offline: 2, failed: 1, unchanged: 0 };

/** How a part turned out: its revalidation, else what it was served as (stale without one: not made fresh). */
function outcomeOf(meta: LoadMeta): Promise<RevalidationOutcome> {
  const served: RevalidationOutcome = meta.offline ? 'offline' : meta.stale ? 'failed' : 'unchanged';
  return meta.revalidation ?? Promise.resolve(served);
}

/** Validated tables with their report and, from a cache, where they came from. */
export interface NormalizedLoad extends ValidationResult {
  meta?: LoadMeta;
}

/** An adapter (a cached one) that answers validated tables itself. */
export interface NormalizingAdapter extends Adapter {
  loadNormalized(request: LoadRequest, signal?: AbortSignal): Promise<NormalizedLoad>;
}

export function isNormalizing(adapter: Adapter): adapter is NormalizingAdapter {
  return typeof (adapter as Partial<NormalizingAdapter>).loadNormalized === 'function';
}

export interface LoadOptions extends ValidateOptions {
  from?: TimeInput;
  to?: TimeInput;
  signal?: AbortSignal;
}

/** One table, validated: by the adapter when it can (a cache), else here. */
export async function loadTable(
  adapter: Adapter,
  request: LoadRequest,
  signal?: AbortSignal,
  options: ValidateOptions = {},
): Promise<NormalizedLoad> {
  if (isNormalizing(adapter)) return adapter.loadNormalized(request, signal);
  const result = await adapter.load(request, signal);
  await loadArrowFor(result);
  // Validation in a task of its own, not after the decoding in the adapter's: on the main
  // thread each is a task of tens of ms at 1M rows (bench/RESULTS.md, "Long tasks at 1M (h14task)"),
  // and validation itself yields between slices of rows there (a stale load stops at the next).
  await nextTask();
  return validateInSlices({ [request.table]: toTable(result) }, { ...options, signal });
}

/**
 * The meta of data made of several loads: the oldest fetch, stale or offline when any
 * part is, and the worst of the parts' revalidations (changed > offline > failed >
 * unchanged); undefined when no part came through a cache.
 */
export function combineMeta(a: LoadMeta | undefined, b: LoadMeta | undefined): LoadMeta | undefined {
  if (!a || !b) return a ?? b;
  const out: LoadMeta = {
    fetchedAt: Math.min(a.fetchedAt, b.fetchedAt),
    fromCache: a.fromCache || b.fromCache,
    stale: a.stale || b.stale,
    offline: a.offline || b.offline,
  };
  if (a.revalidation || b.revalidation) {
    const both = Promise.all([outcomeOf(a), outcomeOf(b)]);
    out.revalidation = both.then(([x, y]) => (WORSE[x] >= WORSE[y] ? x : y));
  }
  return out;
}

/** Loads the named tables in parallel and validates them; rejects only on a load failure. */
export async function loadTables(
  adapter: Adapter,
  names: readonly TableName[],
  options: LoadOptions = {},
): Promise<NormalizedLoad> {
  const { from, to, signal } = options;
  const results = await Promise.all(names.map((table) => loadTable(adapter, { table, from, to }, signal, options)));
  const tables: NormalizedTables = {};
  let report = emptyReport();
  let meta: LoadMeta | undefined;
  for (const r of results) {
    Object.assign(tables, r.tables);
    report = mergeReports(report, r.report, options.maxProblems);
    meta = combineMeta(meta, r.meta);
  }
  return meta ? { tables, report, meta } : { tables, report };
}
