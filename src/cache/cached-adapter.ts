// Any adapter behind the cache: tables stored as Arrow IPC under the host's scope,
// served fresh at once, stale at once while the source is asked again (subscribers
// hear only of a change), and from the cache when the source cannot be reached.
import type { ColumnTable } from 'arquero';
import { throwIfAborted } from '../adapters/errors.js';
import type { Adapter, AggregateQuery, LoadRequest, LoadResult } from '../adapters/types.js';
import type { NormalizedLoad } from '../data/load.js';
import type { Row } from '../data/schema.js';
import { validate } from '../data/validate.js';
import type {
  CachedAdapterOptions,
  CacheUpdate,
  CacheUpdateListener,
  LoadedWithMeta,
  LoadMeta,
  RevalidationOutcome,
} from './cached-meta.js';
import { CACHE_SCHEMA_VERSION, NORMALIZED_SCHEMA_VERSION, isOffline } from './cached-meta.js';
import { clearGeneration } from './clear-generation.js';
import { sameBytes } from './codec.js';
import type { EntryCodec, Prepared } from './entry-codec.js';
import { normalizedCodec, rawCodec } from './entry-codec.js';
import type { ResolvedFreshness } from './freshness.js';
import { compatible, freshness, resolveFreshness } from './freshness.js';
import { encodeKey, scopePrefix } from './key.js';
import { ProblemReporter, reason } from './problems.js';
import type { CacheEntry, CacheKey } from './types.js';

interface Usable extends Prepared {
  entry: CacheEntry;
  stale: boolean;
}

export class CachedAdapter implements Adapter {
  readonly id: string;
  readonly scope: string;
  readonly problems: ProblemReporter;
  /** Whether the last contact with the source failed for want of a network. */
  offline = false;
  aggregate?: (query: AggregateQuery, signal?: AbortSignal) => Promise<Row[]>;
  private readonly freshness: ResolvedFreshness;
  private readonly listeners = new Set<CacheUpdateListener>();
  private readonly revalidating = new Map<string, Promise<RevalidationOutcome>>();
  /**
   * Each key's last revalidation: within the TTL its outcome is answered again without
   * asking the source (a store that failed to keep new data must not cause a loop, nor
   * have the old data called up to date).
   */
  private readonly revalidated = new Map<string, { at: number; outcome: RevalidationOutcome }>();
  private readonly pending = new Set<Promise<unknown>>();
  private readonly now: () => number;
  private readonly codec: EntryCodec;
  /** Entries fetched at or before this time are asked of the source first (a host's "refresh"). */
  private invalidatedAt = -Infinity;
  /** Keys asked of the source since then (same-millisecond clocks make times alone ambiguous). */
  private readonly refetched = new Set<string>();

  constructor(
    readonly inner: Adapter,
    private readonly options: CachedAdapterOptions,
  ) {
    if (!inner || typeof inner.load !== 'function' || typeof inner.id !== 'string') {
      throw new TypeError('CachedAdapter needs an adapter with an `id` and a `load` method');
    }
    if (!options?.cache || typeof options.cache.get !== 'function') {
      throw new TypeError('CachedAdapter needs a `cache` (from openCache)');
    }
    scopePrefix(options.scope); // validates
    this.id = inner.id;
    this.scope = options.scope;
    this.freshness = resolveFreshness(options);
    this.problems = new ProblemReporter(options.onProblem);
    this.now = options.now ?? Date.now;
    this.codec = options.normalize
      ? normalizedCodec(options.schemaVersion ?? NORMALIZED_SCHEMA_VERSION)
      : rawCodec(options.schemaVersion ?? CACHE_SCHEMA_VERSION);
    if (options.onUpdate) this.listeners.add(options.onUpdate);
    // Push-down results are small and computed at the source: passed through, not cached.
    if (inner.aggregate) this.aggregate = (query, signal) => inner.aggregate!(query, signal);
  }

  subscribe(listener: CacheUpdateListener): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
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
    return { ...validate({ [request.table]: table }), meta };
  }

  /** The next load of every entry stored so far asks the source first (served from the cache only offline). */
  invalidate(): void {
    this.invalidatedAt = this.now();
    this.refetched.clear();
  }

  async loadWithMeta(request: LoadRequest, signal?: AbortSignal): Promise<LoadedWithMeta> {
    const key = this.keyOf(request);
    const id = encodeKey(key);
    throwIfAborted(`cached ${this.id} ${request.table}`, signal);
    const usable = await this.usable(key);
    throwIfAborted(`cached ${this.id} ${request.table}`, signal);
    const invalidated =
      usable !== undefined &&
      usable.entry.fetchedAt <= this.invalidatedAt &&
      !this.refetched.has(id);
    if (usable && !usable.stale && !invalidated) return served(usable, false);
    if (usable && !this.options.networkFirst && !invalidated) {
      return served(usable, this.offline, this.revalidate(key, id, request, usable.entry));
    }
    try {
      const fetched = await this.fetch(key, request, signal);
      this.refetched.add(id);
      return fetched;
    } catch (error) {
      if (usable && isOffline(error)) return served(usable, true);
      throw error;
    }
  }

  /** Settles when every background write and revalidation started so far has. */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  private keyOf(request: LoadRequest): CacheKey {
    const key: CacheKey = { scope: this.scope, adapterId: this.id, table: request.table };
    if (request.from !== undefined) key.from = request.from;
    if (request.to !== undefined) key.to = request.to;
    if (request.columns !== undefined) key.columns = request.columns;
    return key;
  }

  /** The stored entry when it may be served; one that may never be is deleted. */
  private async usable(key: CacheKey): Promise<Usable | undefined> {
    // A host's own Cache may reject where ours never do: a miss, then, not a failed load.
    const entry = await this.options.cache.get(key).catch((error: unknown) => {
      this.problems.report('read-failed', `Reading the cache failed: ${reason(error)}`, error);
      return undefined;
    });
    if (!entry) return undefined;
    const state = freshness(entry.fetchedAt, this.now(), this.freshness);
    if (state === 'expired' || !compatible(entry, this.codec.schemaVersion, this.options.version)) {
      await this.options.cache.delete(key).catch(() => undefined);
      return undefined;
    }
    try {
      return { ...this.codec.decode(entry.bytes), entry, stale: state === 'stale' };
    } catch (error) {
      this.problems.report(
        'corrupt',
        `A cached table could not be decoded and was discarded: ${reason(error)}`,
        error,
      );
      await this.options.cache.delete(key).catch(() => undefined);
      return undefined;
    }
  }

  private async fetch(
    key: CacheKey,
    request: LoadRequest,
    signal?: AbortSignal,
  ): Promise<LoadedWithMeta> {
    const since = clearGeneration(this.scope);
    const result = await this.inner.load(request, signal);
    this.offline = false;
    const fetchedAt = this.now();
    const prepared = this.codec.prepare(result, this.id, request);
    this.track(this.storeLater(key, prepared, fetchedAt, request, since));
    const meta: LoadMeta = { fetchedAt, fromCache: false, stale: false, offline: false };
    return withReport({ table: prepared.table, meta }, prepared.report);
  }

  /**
   * Encodes and stores a table once the caller has had its turn: Arrow encoding takes
   * about 0.1 s per 100k rows, and the first chart should not wait for it.
   */
  private async storeLater(
    key: CacheKey,
    prepared: Prepared,
    fetchedAt: number,
    request: LoadRequest,
    since: number,
  ): Promise<void> {
    await later();
    if (clearGeneration(this.scope) !== since) return; // the scope was cleared meanwhile (a logout)
    const bytes = this.encode(prepared, request);
    if (bytes) await this.unlessCleared(key, since, () => this.store(key, bytes, fetchedAt));
  }

  private revalidate(
    key: CacheKey,
    id: string,
    request: LoadRequest,
    entry: CacheEntry,
  ): Promise<RevalidationOutcome> {
    const running = this.revalidating.get(id);
    if (running) return running;
    const last = this.revalidated.get(id);
    if (last !== undefined && this.now() - last.at <= this.freshness.ttlMs)
      return Promise.resolve(last.outcome);
    const run = this.revalidateNow(key, id, request, entry)
      .catch((): RevalidationOutcome => 'failed')
      .finally(() => this.revalidating.delete(id));
    this.revalidating.set(id, run);
    this.track(run);
    return run;
  }

  private async revalidateNow(
    key: CacheKey,
    id: string,
    request: LoadRequest,
    entry: CacheEntry,
  ): Promise<RevalidationOutcome> {
    const since = clearGeneration(this.scope);
    let result: LoadResult;
    try {
      result = await this.inner.load(request);
    } catch (error) {
      if (!isOffline(error)) return 'failed';
      this.offline = true;
      this.emit({ type: 'offline', key, request, fetchedAt: entry.fetchedAt });
      return 'offline';
    }
    this.offline = false;
    const fetchedAt = this.now();
    let outcome: RevalidationOutcome = 'failed';
    try {
      outcome = await this.keep(key, since, request, entry, result, fetchedAt);
    } finally {
      this.revalidated.set(id, { at: fetchedAt, outcome });
    }
    return outcome;
  }

  /** Stores what a revalidation found (unless the scope was cleared meanwhile) and tells subscribers of a change. */
  private async keep(
    key: CacheKey,
    since: number,
    request: LoadRequest,
    entry: CacheEntry,
    result: LoadResult,
    fetchedAt: number,
  ): Promise<RevalidationOutcome> {
    let prepared: Prepared;
    try {
      prepared = this.codec.prepare(result, this.id, request);
    } catch {
      return 'failed'; // the source answered bytes that are not Arrow: the next load will say so
    }
    const bytes = this.encode(prepared, request);
    if (!bytes) return 'failed';
    if (sameBytes(bytes, entry.bytes)) {
      await this.unlessCleared(key, since, () => this.options.cache.refresh(key, fetchedAt));
      return 'unchanged';
    }
    await this.unlessCleared(key, since, () => this.store(key, bytes, fetchedAt));
    const update: CacheUpdate = { type: 'changed', key, request, fetchedAt, table: prepared.table };
    if (prepared.report) update.report = prepared.report;
    this.emit(update);
    return 'changed';
  }

  /**
   * Runs a write begun at clear generation `since` unless the scope has been cleared
   * since; one a clear overtook while it ran is deleted again.
   */
  private async unlessCleared(
    key: CacheKey,
    since: number,
    write: () => Promise<void>,
  ): Promise<void> {
    if (clearGeneration(this.scope) !== since) return;
    await write();
    if (clearGeneration(this.scope) !== since)
      await this.options.cache.delete(key).catch(() => undefined);
  }

  private store(key: CacheKey, bytes: Uint8Array, fetchedAt: number): Promise<void> {
    const schemaVersion = this.codec.schemaVersion;
    const record = {
      bytes,
      fetchedAt,
      schemaVersion,
      ...(this.options.version === undefined ? {} : { version: this.options.version }),
    };
    return this.options.cache.put(key, record);
  }

  /** Arrow IPC bytes of a result, or undefined (reported) when it cannot be encoded: served uncached then. */
  private encode(prepared: Prepared, request: LoadRequest): Uint8Array | undefined {
    try {
      return this.codec.encode(prepared);
    } catch (error) {
      this.problems.report(
        'encode-failed',
        `The ${request.table} table of ${this.id} could not be stored as Arrow IPC and is not cached: ${reason(error)}`,
        error,
      );
      return undefined;
    }
  }

  private emit(update: CacheUpdate): void {
    for (const listener of this.listeners) {
      try {
        listener(update);
      } catch (error) {
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }

  private track(promise: Promise<unknown>): void {
    const settled = promise.then(
      () => undefined,
      () => undefined,
    );
    this.pending.add(settled);
    void settled.then(() => this.pending.delete(settled));
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

/** A background task where the platform has a scheduler, else the next macrotask. */
function later(): Promise<void> {
  const scheduler = (
    globalThis as { scheduler?: { postTask?: (f: () => void, o: object) => unknown } }
  ).scheduler;
  return new Promise((resolve) => {
    if (typeof scheduler?.postTask === 'function') {
      void scheduler.postTask(resolve, { priority: 'background' });
    } else setTimeout(resolve, 0);
  });
}
