// Asking the source again for a stale entry served at once: one run per key at a time,
// the new data stored and told to subscribers only when its bytes differ, and within
// the TTL the last outcome answered again without asking the source (a store that
// failed to keep new data must not cause a loop, nor have the old data called up to date).
// A cache in memory holds tables, not bytes: there the tables are compared instead.
import { loadArrowFor } from '../adapters/arrow-codec.js';
import type { Adapter, LoadRequest, LoadResult } from '../adapters/types.js';
import type { CacheUpdate, RevalidationOutcome } from './cached-meta.js';
import { isOffline } from './cached-meta.js';
import { sameBytes } from './codec.js';
import type { EntryCodec, Prepared } from './entry-codec.js';
import type { EntryWriter } from './entry-writer.js';
import { samePrepared } from './same-table.js';
import type { CacheEntry, CacheKey, HeldEntry } from './types.js';

/** What is served now: the stored entry and its table. */
export interface Served extends Prepared {
  entry: CacheEntry | HeldEntry;
}

/** What a Revalidator needs of its CachedAdapter. */
export interface RevalidationHost {
  readonly inner: Adapter;
  readonly adapterId: string;
  readonly codec: EntryCodec;
  readonly writer: EntryWriter;
  readonly ttlMs: number;
  now(): number;
  /** Records whether the source answered (the adapter's `offline`), before subscribers hear. */
  setOffline(offline: boolean): void;
  emit(update: CacheUpdate): void;
  /** Counts a background run for the adapter's `idle()`. */
  track(promise: Promise<unknown>): void;
}

export class Revalidator {
  private readonly running = new Map<string, Promise<RevalidationOutcome>>();
  /** Each key's last revalidation, answered again within the TTL. */
  private readonly last = new Map<string, { at: number; outcome: RevalidationOutcome }>();

  constructor(private readonly host: RevalidationHost) {}

  /** Revalidates the entry under `id` (encoded `key`), or joins or repeats a run that did. */
  revalidate(
    key: CacheKey,
    id: string,
    request: LoadRequest,
    entry: Served,
  ): Promise<RevalidationOutcome> {
    const running = this.running.get(id);
    if (running) return running;
    const last = this.last.get(id);
    if (last !== undefined && this.host.now() - last.at <= this.host.ttlMs)
      return Promise.resolve(last.outcome);
    const run = this.run(key, id, request, entry)
      .catch((): RevalidationOutcome => 'failed')
      .finally(() => this.running.delete(id));
    this.running.set(id, run);
    this.host.track(run);
    return run;
  }

  private async run(
    key: CacheKey,
    id: string,
    request: LoadRequest,
    served: Served,
  ): Promise<RevalidationOutcome> {
    const { host } = this;
    const since = host.writer.generation();
    let result: LoadResult;
    try {
      result = await host.inner.load(request);
    } catch (error) {
      if (!isOffline(error)) return 'failed';
      host.setOffline(true);
      host.emit({ type: 'offline', key, request, fetchedAt: served.entry.fetchedAt });
      return 'offline';
    }
    host.setOffline(false);
    const fetchedAt = host.now();
    let outcome: RevalidationOutcome = 'failed';
    try {
      outcome = await this.keep(key, since, request, served, result, fetchedAt);
    } finally {
      this.last.set(id, { at: fetchedAt, outcome });
    }
    return outcome;
  }

  /** Stores what a revalidation found (unless the scope was cleared meanwhile) and tells subscribers of a change. */
  private async keep(
    key: CacheKey,
    since: number,
    request: LoadRequest,
    served: Served,
    result: LoadResult,
    fetchedAt: number,
  ): Promise<RevalidationOutcome> {
    const { codec, writer } = this.host;
    let prepared: Prepared;
    try {
      await loadArrowFor(result);
      prepared = await codec.prepare(result, this.host.adapterId, request);
    } catch {
      return 'failed'; // the source answered bytes that are not Arrow: the next load will say so
    }
    let write: () => Promise<void>;
    if ('value' in served.entry) {
      if (samePrepared(prepared, served)) {
        await writer.unlessCleared(key, since, () => writer.refresh(key, fetchedAt));
        return 'unchanged';
      }
      write = () => writer.hold(key, prepared, fetchedAt);
    } else {
      const bytes = writer.encode(prepared, request);
      if (!bytes) return 'failed';
      if (sameBytes(bytes, served.entry.bytes)) {
        await writer.unlessCleared(key, since, () => writer.refresh(key, fetchedAt));
        return 'unchanged';
      }
      write = () => writer.store(key, bytes, fetchedAt);
    }
    await writer.unlessCleared(key, since, write);
    const update: CacheUpdate = { type: 'changed', key, request, fetchedAt, table: prepared.table };
    if (prepared.report) update.report = prepared.report;
    this.host.emit(update);
    return 'changed';
  }
}
