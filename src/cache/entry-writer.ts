// The write side of a CachedAdapter: a source's answer kept under its key — as the
// prepared table itself in a cache in memory, encoded as Arrow IPC for one on disk,
// after the caller has had its table — and never over a clear of the scope (a logout)
// that happened while the source was asked or the bytes were made.
import { loadArrow } from '../adapters/arrow-codec.js';
import type { LoadRequest } from '../adapters/types.js';
import type { CachedAdapterOptions } from './cached-meta.js';
import { clearGeneration } from './clear-generation.js';
import type { EntryCodec, Prepared } from './entry-codec.js';
import type { ProblemReporter } from './problems.js';
import { reason } from './problems.js';
import { estimateTableBytes } from './table-size.js';
import type { CacheKey } from './types.js';

export class EntryWriter {
  private readonly scope: string;

  constructor(
    // The adapter's options object itself, so the cache and version are read as they were.
    private readonly options: CachedAdapterOptions,
    private readonly adapterId: string,
    private readonly codec: EntryCodec,
    private readonly problems: ProblemReporter,
  ) {
    this.scope = options.scope;
  }

  /** The scope's clear generation now, for a write begun later to compare against. */
  generation(): number {
    return clearGeneration(this.scope);
  }

  /** Whether the cache keeps prepared tables as they are (in memory), not as bytes. */
  get holds(): boolean {
    return typeof this.options.cache.hold === 'function' && typeof this.options.cache.held === 'function';
  }

  /**
   * Stores a table once the caller has had its turn. A cache in memory keeps the table
   * object: nothing to encode. Otherwise Arrow encoding takes about 0.1 s per 100k
   * rows (seconds for 100k distinct strings), and the first chart should not wait for it.
   */
  async storeLater(
    key: CacheKey,
    prepared: Prepared,
    fetchedAt: number,
    request: LoadRequest,
    since: number,
  ): Promise<void> {
    if (this.holds) return this.unlessCleared(key, since, () => this.hold(key, prepared, fetchedAt));
    await later();
    if (clearGeneration(this.scope) !== since) return; // the scope was cleared meanwhile (a logout)
    await loadArrow();
    const bytes = this.encode(prepared, request);
    if (bytes) await this.unlessCleared(key, since, () => this.store(key, bytes, fetchedAt));
  }

  /** Keeps the prepared table itself (a cache in memory), sized by an estimate of its memory. */
  hold(key: CacheKey, prepared: Prepared, fetchedAt: number): Promise<void> {
    const size = estimateTableBytes(prepared.table) + (prepared.bytes?.byteLength ?? 0);
    const value: Prepared = { table: prepared.table };
    if (prepared.report) value.report = prepared.report;
    if (prepared.bytes) value.bytes = prepared.bytes;
    return this.options.cache.hold!(key, { ...this.info(fetchedAt), value, size });
  }

  /**
   * Runs a write begun at clear generation `since` unless the scope has been cleared
   * since; one a clear overtook while it ran is deleted again.
   */
  async unlessCleared(key: CacheKey, since: number, write: () => Promise<void>): Promise<void> {
    if (clearGeneration(this.scope) !== since) return;
    await write();
    if (clearGeneration(this.scope) !== since) await this.discard(key);
  }

  store(key: CacheKey, bytes: Uint8Array, fetchedAt: number): Promise<void> {
    return this.options.cache.put(key, { ...this.info(fetchedAt), bytes });
  }

  private info(fetchedAt: number): { fetchedAt: number; schemaVersion: number; version?: string } {
    const schemaVersion = this.codec.schemaVersion;
    const version = this.options.version;
    return version === undefined ? { fetchedAt, schemaVersion } : { fetchedAt, schemaVersion, version };
  }

  /** Marks an entry whose bytes the source answered again as fetched at `fetchedAt`. */
  refresh(key: CacheKey, fetchedAt: number): Promise<void> {
    return this.options.cache.refresh(key, fetchedAt);
  }

  /** Deletes an entry quietly: a store that fails to delete must not fail a load. */
  discard(key: CacheKey): Promise<void> {
    return this.options.cache.delete(key).catch(() => undefined);
  }

  /** Arrow IPC bytes of a result, or undefined (reported) when it cannot be encoded: served uncached then. */
  encode(prepared: Prepared, request: LoadRequest): Uint8Array | undefined {
    try {
      return this.codec.encode(prepared);
    } catch (error) {
      this.problems.report(
        'encode-failed',
        `The ${request.table} table of ${this.adapterId} could not be stored as Arrow IPC and is not cached: ${reason(error)}`,
        error,
      );
      return undefined;
    }
  }
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
