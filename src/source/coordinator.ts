// The one way from a query to rows (DESIGN §1, SPEC §6): validate the query before any
// load, then either ask the adapter to compute it at the source (`aggregate`), or load
// the tables it reads through the source's cache and table store (each table once for
// the page), filter them by row indexes over the shared typed frames, and run the
// metric's kernel. DOM-free; the Lit layer calls it from a thin task per widget.
//
// Each query's compute runs in a task of its own, so ten widgets recomputing after one
// click are ten short tasks between which the page stays responsive, not one long one.
//
// In a browser the heavy work goes to the page's module Worker (src/worker/): a source
// whose adapter can be described by plain options is opened there, its queries are sent
// as messages and its rows come back. Sources of other adapters, pages with
// `configureCache({ worker: 'off' })` or a `now` clock, and pages where the worker cannot
// start keep the work here, in tasks that yield between queries.
import type { Adapter } from '../adapters/types.js';
import type { LoadMeta } from '../cache/cached-meta.js';
import type { CacheProblem } from '../cache/types.js';
import { frameOf } from '../data/frame.js';
import type { Frame } from '../data/frame.js';
import { isCustomerAttribute, SCHEMA } from '../data/schema.js';
import type { NormalizedTables, Row, TableName, ValidationReport } from '../data/schema.js';
import { emptyReport } from '../data/validate.js';
import { asOptionError } from '../query/errors.js';
import { hereSlices, stepsHere } from '../data/slices.js';
import type { Frames } from '../query/filter.js';
import { queryTables, querySteps, type QueryResult } from '../query/run.js';
import type { MetricQuery } from '../query/types.js';
import { validateQuery } from '../query/validate.js';
import { checkCacheConfig, resolveCache } from './cache-policy.js';
import type { CacheConfig, CacheSettings } from './cache-policy.js';
import { ProblemBoard } from './problems.js';
import { Source } from './source.js';
import { nextTask } from './tasks.js';
import { PageWorker } from './page-worker.js';
import { WorkerGone, WorkerLink } from '../worker/client.js';
import type { WorkerProblem } from '../worker/client.js';
import { isPulsoWorker, WORKER_URL } from '../worker/entry.js';

/** What a query came back with. */
export interface QueryAnswer {
  rows: Row[];
  /** The validation report of the tables the rows were computed from (SPEC §1). */
  report: ValidationReport;
  /** Where the tables came from when through a cache (age, stale, offline); undefined otherwise. */
  meta?: LoadMeta;
  /** Per filter of the query: whether it reached any table the metric read. */
  reached: boolean[];
  /** `source`: computed by the adapter's `aggregate`; `browser`: by the kernels here. */
  at: 'source' | 'browser';
}

export interface CoordinatorOptions {
  /** Whether this coordinator may start the page's worker (the worker's own never does). Default: in a page, yes. */
  worker?: boolean;
  /** The worker's script (tests); default Pulso's own module. */
  workerUrl?: string;
  /** How long a worker started early waits for a widget before it is stopped (tests); default 30 s. */
  unwantedWorkerMs?: number;
}

export class Coordinator {
  private config: CacheConfig = {};
  private generation_ = 0;
  private sources = new WeakMap<Adapter, Map<string, Source>>();
  private readonly problems = new ProblemBoard();
  private readonly mayUseWorker: boolean;
  /** The page's worker: when it starts, is replaced and stopped (src/source/page-worker.ts). */
  readonly worker: PageWorker;

  constructor(options: CoordinatorOptions = {}) {
    this.mayUseWorker = options.worker ?? (typeof Worker !== 'undefined' && !isPulsoWorker());
    // The URL is read when the worker starts, never here: entry.ts and this module import each other.
    this.worker = new PageWorker(() => options.workerUrl ?? WORKER_URL, () => workerConfig(this.config), options.unwantedWorkerMs);
  }

  /** Changes whenever `configure` is called: sources made before are not used again. */
  get generation(): number {
    return this.generation_;
  }

  /** The clock the caches judge age by. */
  now(): number {
    return (this.config.now ?? Date.now)();
  }

  /** Sets the page's cache options; sources made from now on use them. Throws on a bad option. */
  configure(config: CacheConfig = {}): void {
    this.config = checkCacheConfig(config);
    this.generation_ += 1;
    this.sources = new WeakMap();
    this.worker.configure(this.workerAllowed());
  }

  /** Why the page's worker cannot be used, once that is known (diagnostics, tests). */
  get workerProblem(): WorkerProblem | undefined {
    return this.worker.problem;
  }

  /** Where this coordinator's sources over `adapter` compute: 'worker' or 'main' (diagnostics, tests). */
  placement(source: Source): 'worker' | 'main' {
    return source.remote && !source.remote.gone ? 'worker' : 'main';
  }

  /** Whether the work may go to the worker at all (see the header); `own`: a source's `worker` setting. */
  private workerAllowed(own?: 'auto' | 'off'): boolean {
    return this.mayUseWorker && (own ?? this.config.worker ?? DEFAULT_WORKER) !== 'off' && this.config.now === undefined;
  }

  /**
   * Starts the page's worker before any source needs it (a widget or dashboard joined the
   * page): its script loads and evaluates while the page still gets its data, rather than
   * after the adapter is set. A worker nobody uses then stays idle.
   */
  warm(): void {
    this.worker.want(this.workerAllowed());
  }

  /**
   * Starts the page's worker when Pulso's elements are defined, before any of them joins
   * the page (at its first idle moment; in a page, never in a worker — a host's own): a page that creates its
   * dashboard with its data gets a worker that is ready (bench/RESULTS.md, "Worker
   * started early"). Stopped again if no widget joins within 30 s.
   */
  warmEarly(): void {
    const inWorker = (globalThis as { WorkerGlobalScope?: unknown }).WorkerGlobalScope !== undefined;
    if (this.mayUseWorker && !inWorker) this.worker.early(() => this.workerAllowed());
  }

  /** The page's worker for a source over `adapter`, when the work can go there (see the header); `own`: the source's `worker` setting. */
  private workerFor(adapter: Adapter, own?: 'auto' | 'off'): WorkerLink | undefined {
    if (!this.workerAllowed(own) || !WorkerLink.accepts(adapter)) return undefined;
    return this.worker.forSource(WorkerLink.fetches(adapter));
  }

  /**
   * The source of `adapter` under the cache settings written (own over inherited): one
   * per adapter object, mode and scope, shared by every caller on the page.
   */
  source(adapter: Adapter, own?: CacheSettings, inherited?: CacheSettings): Source {
    const cache = resolveCache(own, inherited);
    let map = this.sources.get(adapter);
    if (!map) this.sources.set(adapter, (map = new Map()));
    const key = `${cache.mode}\u0000${cache.scope}\u0000${cache.worker ?? ''}`;
    let source = map.get(key);
    if (!source) {
      source = new Source(adapter, cache, this.config, this.problems, this.workerFor(adapter, cache.worker));
      map.set(key, source);
      // A worker that could not start (or died before this source, warmed early) is told to the first source that wanted it.
      const gone = this.worker.problem;
      if (gone && this.workerAllowed(cache.worker) && WorkerLink.accepts(adapter)) this.problems.tell(source, gone);
    }
    return source;
  }

  /**
   * The problem of cache settings as written (own over inherited) that cannot be
   * followed, the first time the page meets it; undefined otherwise. The element that
   * wrote them tells it (a `pulso-cache-problem` event).
   */
  settingProblem(own?: CacheSettings, inherited?: CacheSettings): CacheProblem | undefined {
    const { problem } = resolveCache(own, inherited);
    return problem === undefined ? undefined : this.problems.setting(problem);
  }

  /** Validates `query`, then computes it at the source or in the browser. */
  /**
   * Validates `query`, then computes it at the source or in the browser. An option the
   * query cannot take rejects with a PulsoOptionError, before any load when it can be
   * told without data; a failed load rejects with the adapter's error.
   */
  async run(query: MetricQuery, source: Source, signal?: AbortSignal): Promise<QueryAnswer> {
    const q = refusing(() => validateQuery(query));
    if (await acceptsAggregate(source.adapter, q)) return this.aggregate(q, source, signal);
    if (source.remote && !source.remote.gone) {
      try {
        const { rows, report, meta, reached, at } = await source.remote.run(q, signal);
        return meta ? { rows, report, meta, reached, at } : { rows, report, reached, at };
      } catch (e) {
        // The worker went away while this query waited: it runs here instead.
        if (!(e instanceof WorkerGone)) throw e;
      }
    }
    const loaded = await source.load(queryTables(q), { signal });
    await nextTask();
    signal?.throwIfAborted();
    const { rows, reached } = await computeHere(framesOf(loaded.tables), q, signal);
    return { rows, report: loaded.report, meta: loaded.meta, reached, at: 'browser' };
  }

  private async aggregate(q: MetricQuery, source: Source, signal?: AbortSignal): Promise<QueryAnswer> {
    const { answer, meta } = await source.aggregate(q, signal);
    const rows = Array.isArray(answer) ? answer : answer?.rows;
    if (!Array.isArray(rows)) throw new TypeError(`${source.adapter.id}: aggregate must answer rows (an array); got ${typeof rows}`);
    const report = (Array.isArray(answer) ? undefined : answer.report) ?? emptyReport();
    const reached = (Array.isArray(answer) ? undefined : answer.reached) ?? likelyReached(q);
    return { rows, report, meta, reached, at: 'source' };
  }
}

/**
 * Which filters reach the query's tables, as far as the schema tells when the source
 * does not say: a filter with a `table`, on a column of a table the metric reads, or on
 * a customer attribute (which reaches every table through customer_id).
 */
function likelyReached(q: MetricQuery): boolean[] {
  const read = queryTables(q);
  return (q.filters ?? []).map(
    (f) => f.table !== undefined || isCustomerAttribute(f.column) || read.some((t) => SCHEMA[t].some((c) => c.name === f.column)),
  );
}

/**
 * The query's kernel here: on a page's main thread in slices that yield between its
 * blocks (no task of it past ~10 ms), then one more yield so the widget's render is a
 * task of its own rather than the end of the kernel's last; elsewhere straight through.
 */
async function computeHere(frames: Frames, q: MetricQuery, signal?: AbortSignal): Promise<QueryResult> {
  try {
    const result = await stepsHere(querySteps(frames, q), signal);
    if (hereSlices()) await nextTask();
    return result;
  } catch (e) {
    throw asOptionError(e);
  }
}

/** `work()`, with a refused option (RangeError, TypeError) thrown as the option error it is. */
function refusing<T>(work: () => T): T {
  try {
    return work();
  } catch (e) {
    throw asOptionError(e);
  }
}

/** An adapter with `aggregate` is asked for every query it does not decline (`canAggregate`). */
function acceptsAggregate(adapter: Adapter, query: MetricQuery): boolean | Promise<boolean> {
  if (typeof adapter.aggregate !== 'function') return false;
  return typeof adapter.canAggregate === 'function' ? adapter.canAggregate(query) : true;
}

function framesOf(tables: NormalizedTables): Partial<Record<TableName, Frame>> {
  const out: Partial<Record<TableName, Frame>> = {};
  for (const [name, table] of Object.entries(tables) as [TableName, NonNullable<NormalizedTables[TableName]>][])
    out[name] = frameOf(table);
  return out;
}

/** Whether sources use the page's worker when `configureCache` does not say. */
export const DEFAULT_WORKER: 'auto' | 'off' = 'auto';

/** The cache options the worker's sources use (a `now` clock never crosses: such a page keeps its work here). */
function workerConfig(config: CacheConfig): Omit<CacheConfig, 'now'> {
  const rest = { ...config };
  delete rest.now;
  return rest;
}

/** The page's coordinator: every widget and dashboard on the page shares it. */
export const coordinator = new Coordinator();

/**
 * Sets the page's cache options (database name, encryption key, TTL, max age). Widgets
 * that load afterwards use them; call it before the widgets load, e.g. at sign-in.
 */
export function configureCache(config: CacheConfig = {}): void {
  coordinator.configure(config);
}
