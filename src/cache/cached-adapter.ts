// Any adapter behind the cache: tables stored as Arrow IPC under the host's scope,
// served fresh at once, stale at once while the source is asked again (subscribers
// hear only of a change), and from the cache when the source cannot be reached.
// Writes live in entry-writer.ts, the asking-again in revalidator.ts.
import type { ColumnTable } from 'arquero';
import { loadArrow, loadArrowFor } from '../adapters/arrow-codec.js';
import { throwIfAborted } from '../adapters/errors.js';
import type { Adapter, LoadRequest } from '../adapters/types.js';
import type { MetricQuery } from '../query/types.js';
import type { AggregateCache, AggregateServed, AggregateUpdate } from './aggregate-cache.js';
import type { NormalizedLoad } from '../data/load.js';
import { validateInSlices } from '../data/validate.js';
import type {
  CachedAdapterOptions,
  CacheUpdate,
  CacheUpdateListener,
  LoadedWithMeta,
  LoadMeta,
  RevalidationOutcome,
} from './cached-meta.js';
import { CACHE_SCHEMA_VERSION, NORMALIZED_SCHEMA_VERSION, isOffline } from './cached-meta.js';
import type { EntryCodec, Prepared } from './entry-codec.js';
import { normalizedCodec, rawCodec } from './entry-codec.js';
import { EntryWriter } from './entry-writer.js';
import type { ResolvedFreshness } from './freshness.js';
import { compatible, freshness, resolveFreshness } from './freshness.js';
import { encodeKey, scopePrefix } from './key.js';
import { ProblemReporter, reason } from './problems.js';
import { Revalidator } from './revalidator.js';
import type { CacheEntry, CacheKey, HeldEntry } from './types.js';

interface Usable extends Prepared {
  entry: CacheEntry | HeldEntry;
  stale: boolean;
}

export class CachedAdapter implements Adapter {
  readonly id: string;
  readonly scope: string;
  readonly problems: ProblemReporter;
  /** Whether the last contact with the source failed for want of a network. */
  offline = false;
  aggregate?: Adapter['aggregate'];
  canAggregate?: Adapter['canAggregate'];
  readonly #freshness: ResolvedFreshness;
  readonly #listeners = new Set<CacheUpdateListener>();
  readonly #aggregateListeners = new Set<(update: AggregateUpdate) => void>();
  /**
   * Answers of `aggregate` (push-down), when the adapter computes at the source: made at the
   * first query, its code a chunk of dist/pulso.js (a page of rows never fetches it).
   */
  #aggregates?: () => Promise<AggregateCache>;
  readonly #pending = new Set<Promise<unknown>>();
  readonly #now: () => number;
  readonly #codec: EntryCodec;
  readonly #writer: EntryWriter;
  readonly #revalidator: Revalidator;
  /** Entries fetched at or before this time are asked of the source first (a host's "refresh"). */
  #invalidatedAt = -Infinity;
  /** Keys asked of the source since then (same-millisecond clocks make times alone ambiguous). */
  readonly #refetched = new Set<string>();
  readonly #options: CachedAdapterOptions;

  constructor(
    readonly inner: Adapter,
    options: CachedAdapterOptions,
  ) {
    this.#options = options;
    if (!inner || typeof inner.load !== 'function' || typeof inner.id !== 'string') {
      throw new TypeError('CachedAdapter needs an adapter with an `id` and a `load` method');
    }
    if (!options?.cache || typeof options.cache.get !== 'function') {
      throw new TypeError('CachedAdapter needs a `cache` (from openCache)');
    }
    scopePrefix(options.scope); // validates
    this.id = inner.id;
    this.scope = options.scope;
    this.#freshness = resolveFreshness(options);
    this.problems = new ProblemReporter(options.onProblem);
    this.#now = options.now ?? Date.now;
    this.#codec = options.normalize
      ? normalizedCodec(options.schemaVersion ?? NORMALIZED_SCHEMA_VERSION)
      : rawCodec(options.schemaVersion ?? CACHE_SCHEMA_VERSION);
    this.#writer = new EntryWriter(options, this.id, this.#codec, this.problems);
    this.#revalidator = new Revalidator({
      inner,
      adapterId: this.id,
      codec: this.#codec,
      writer: this.#writer,
      ttlMs: this.#freshness.ttlMs,
      now: () => this.#now(),
      setOffline: (offline) => void (this.offline = offline),
      emit: (update) => this.#emit(update),
      track: (promise) => this.#track(promise),
    });
    if (options.onUpdate) this.#listeners.add(options.onUpdate);
    // Push-down answers are kept like tables: by scope and query (aggregate-cache.ts).
    if (inner.aggregate) {
      let made: Promise<AggregateCache> | undefined;
      this.#aggregates = () =>
        (made ??= import('./aggregate-cache.js').then(
          (m) => this.#aggregateCache(m.AggregateCache),
          (error: unknown) => {
            made = undefined; // the next query tries again
            throw error;
          },
        ));
      this.aggregate = async (query, signal) => (await this.aggregateWithMeta(query, signal)).answer;
      void this.#aggregates().catch(() => {}); // fetched now, alongside the page's other work
    }
    if (inner.canAggregate) this.canAggregate = (query) => inner.canAggregate!(query);
  }

  /** The source's answer to a query, through the cache, and where it came from. */
  aggregateWithMeta(query: MetricQuery, signal?: AbortSignal): Promise<AggregateServed> {
    if (!this.#aggregates) throw new TypeError(`${this.id} computes no queries (it has no aggregate)`);
    return this.#aggregates().then((cache) => cache.run(query, signal));
  }

  /** Hears of answers a revalidation found changed, or the source found offline for. */
  subscribeAggregates(listener: (update: AggregateUpdate) => void): () => void {
    this.#aggregateListeners.add(listener);
    return () => void this.#aggregateListeners.delete(listener);
  }

  #aggregateCache(Made: typeof AggregateCache): AggregateCache {
    return new Made({
      inner: this.inner,
      options: this.#options,
      adapterId: this.id,
      freshness: this.#freshness,
      problems: this.problems,
      offline: () => this.offline,
      now: () => this.#now(),
      setOffline: (offline) => void (this.offline = offline),
      track: (promise) => this.#track(promise),
      invalidated: (entry, id) => entry.fetchedAt <= this.#invalidatedAt && !this.#refetched.has(id),
      refetched: (id) => void this.#refetched.add(id),
      emit: (update) => {
        for (const listener of this.#aggregateListeners) listener(update);
      },
    });
  }

  subscribe(listener: CacheUpdateListener): () => void {
    this.#listeners.add(listener);
    return () => void this.#listeners.delete(listener);
  }

  async load(request: LoadRequest, signal?: AbortSignal): Promise<ColumnTable> {
    return (await this.loadWithMeta(request, signal)).table;
  }

  /**
   * The validated table and its report, for `loadTables` and `TableStore` (with the
   * `normalize` option the report was stored beside the table, so nothing is parsed again).
   */
  async loadNormalized(request: LoadRequest, signal?: AbortSignal): Promise<NormalizedLoad> {
    const { table, report, meta } = await this.loadWithMeta(request, signal);
    if (report) return { tables: { [request.table]: table }, report, meta };
    // Raw mode, or a table the schema does not know: validated here, as without a cache.
    return { ...(await validateInSlices({ [request.table]: table }, { signal })), meta };
  }

  /** The next load of every entry stored so far asks the source first (served from the cache only offline). */
  invalidate(): void {
    this.#invalidatedAt = this.#now();
    this.#refetched.clear();
  }

  async loadWithMeta(request: LoadRequest, signal?: AbortSignal): Promise<LoadedWithMeta> {
    const key = this.#keyOf(request);
    const id = encodeKey(key);
    throwIfAborted(`cached ${this.id} ${request.table}`, signal);
    const usable = await this.#usable(key);
    throwIfAborted(`cached ${this.id} ${request.table}`, signal);
    const invalidated =
      usable !== undefined &&
      usable.entry.fetchedAt <= this.#invalidatedAt &&
      !this.#refetched.has(id);
    if (usable && !usable.stale && !invalidated) return served(usable, false);
    if (usable && !this.#options.networkFirst && !invalidated) {
      return served(usable, this.offline, this.#revalidator.revalidate(key, id, request, usable));
    }
    try {
      const fetched = await this.#fetch(key, request, signal);
      this.#refetched.add(id);
      return fetched;
    } catch (error) {
      if (usable && isOffline(error)) return served(usable, true);
      throw error;
    }
  }

  /** Settles when every background write and revalidation started so far has. */
  async idle(): Promise<void> {
    while (this.#pending.size > 0) await Promise.allSettled([...this.#pending]);
  }

  #keyOf(request: LoadRequest): CacheKey {
    const key: CacheKey = { scope: this.scope, adapterId: this.id, table: request.table };
    if (request.from !== undefined) key.from = request.from;
    if (request.to !== undefined) key.to = request.to;
    if (request.columns !== undefined) key.columns = request.columns;
    return key;
  }

  /** The stored entry when it may be served; one that may never be is deleted. */
  async #usable(key: CacheKey): Promise<Usable | undefined> {
    const { cache } = this.#options;
    // A host's own Cache may reject where ours never do: a miss, then, not a failed load.
    const entry = await (this.#writer.holds ? cache.held!(key) : cache.get(key)).catch((error: unknown) => {
      this.problems.report('read-failed', `Reading the cache failed: ${reason(error)}`, error);
      return undefined;
    });
    if (!entry) return undefined;
    const state = freshness(entry.fetchedAt, this.#now(), this.#freshness);
    if (state === 'expired' || !compatible(entry, this.#codec.schemaVersion, this.#options.version)) {
      await this.#writer.discard(key);
      return undefined;
    }
    // A held table is served as it was stored: the object the first load prepared.
    if ('value' in entry) return { ...(entry.value as Prepared), entry, stale: state === 'stale' };
    try {
      await loadArrow();
      return { ...this.#codec.decode(entry.bytes), entry, stale: state === 'stale' };
    } catch (error) {
      this.problems.report(
        'corrupt',
        `A cached table could not be decoded and was discarded: ${reason(error)}`,
        error,
      );
      await this.#writer.discard(key);
      return undefined;
    }
  }

  async #fetch(
    key: CacheKey,
    request: LoadRequest,
    signal?: AbortSignal,
  ): Promise<LoadedWithMeta> {
    const since = this.#writer.generation();
    const result = await this.inner.load(request, signal);
    this.offline = false;
    const fetchedAt = this.#now();
    await loadArrowFor(result);
    const prepared = await this.#codec.prepare(result, this.id, request, signal);
    this.#track(this.#writer.storeLater(key, prepared, fetchedAt, request, since));
    const meta: LoadMeta = { fetchedAt, fromCache: false, stale: false, offline: false };
    return withReport({ table: prepared.table, meta }, prepared.report);
  }

  #emit(update: CacheUpdate): void {
    for (const listener of this.#listeners) {
      try {
        listener(update);
      } catch (error) {
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }

  #track(promise: Promise<unknown>): void {
    const settled = promise.then(
      () => undefined,
      () => undefined,
    );
    this.#pending.add(settled);
    void settled.then(() => this.#pending.delete(settled));
  }
}

function served(
  usable: Usable,
  offline: boolean,
  revalidation?: Promise<RevalidationOutcome>,
): LoadedWithMeta {
  const { entry, table, stale, report } = usable;
  const meta: LoadMeta = { fetchedAt: entry.fetchedAt, fromCache: true, stale, offline };
  if (revalidation) meta.revalidation = revalidation;
  return withReport({ table, meta }, report);
}

function withReport(loaded: LoadedWithMeta, report: Prepared['report']): LoadedWithMeta {
  if (report) loaded.report = report;
  return loaded;
}
