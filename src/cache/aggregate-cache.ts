// Answers a source computed (push-down) kept like tables (SPEC §5): under the host's
// scope and the query (a digest in the key, the query's text inside the entry, so two
// queries never share an answer), served fresh at once, stale at once while the source
// is asked again (a changed answer is told, so the widgets on it run again), and from
// the cache when the source cannot be reached. Nothing is written over a logout.
import type { AggregateAnswer, Adapter } from '../adapters/types.js';
import type { Row, ValidationReport } from '../data/schema.js';
import { isValidationReport } from '../data/validate.js';
import type { MetricQuery } from '../query/types.js';
import { queryKey } from '../query/types.js';
import { rowExtras, withExtras } from '../query/extras.js';
import type { CachedAdapterOptions, LoadMeta, RevalidationOutcome } from './cached-meta.js';
import { isOffline } from './cached-meta.js';
import { clearGeneration } from './clear-generation.js';
import { sameBytes } from './codec.js';
import type { ResolvedFreshness } from './freshness.js';
import { compatible, freshness } from './freshness.js';
import { encodeKey } from './key.js';
import type { ProblemReporter } from './problems.js';
import { reason } from './problems.js';
import type { CacheEntry, CacheKey } from './types.js';

/** Bump when what is stored for an answer changes shape. */
export const AGGREGATE_SCHEMA_VERSION = 1;
/** The `table` part of answers' keys (no table has this name). */
export const AGGREGATE_TABLE = '@query';

export interface AggregateServed {
  answer: AggregateAnswer;
  meta: LoadMeta;
}

/** A revalidation found a new answer for `query` (run it again), or found the source offline. */
export interface AggregateUpdate {
  type: 'changed' | 'offline';
  query: MetricQuery;
}

export interface AggregateCacheHost {
  readonly inner: Adapter;
  readonly options: CachedAdapterOptions;
  readonly adapterId: string;
  readonly freshness: ResolvedFreshness;
  readonly problems: ProblemReporter;
  /** Whether the last contact with the source failed for want of a network. */
  offline(): boolean;
  now(): number;
  setOffline(offline: boolean): void;
  /** Counts a background run for the adapter's `idle()`. */
  track(promise: Promise<unknown>): void;
  /** A host's refresh came after this entry: ask the source first. */
  invalidated(entry: CacheEntry, id: string): boolean;
  /** The source was asked for `id` since the refresh. */
  refetched(id: string): void;
  emit(update: AggregateUpdate): void;
}

interface Usable {
  entry: CacheEntry;
  answer: AggregateAnswer;
  stale: boolean;
}

export class AggregateCache {
  private readonly running = new Map<string, Promise<RevalidationOutcome>>();
  private readonly last = new Map<string, { at: number; outcome: RevalidationOutcome }>();

  constructor(private readonly host: AggregateCacheHost) {}

  async run(query: MetricQuery, signal?: AbortSignal): Promise<AggregateServed> {
    const text = queryKey(query);
    const key: CacheKey = { scope: this.host.options.scope, adapterId: this.host.adapterId, table: AGGREGATE_TABLE, query: digest(text) };
    const id = encodeKey(key);
    const usable = await this.usable(key, text);
    signal?.throwIfAborted();
    const invalidated = usable !== undefined && this.host.invalidated(usable.entry, id);
    if (usable && !usable.stale && !invalidated) return served(usable, false);
    if (usable && !this.host.options.networkFirst && !invalidated) {
      return served(usable, this.host.offline(), this.revalidate(key, id, query, text, usable.entry));
    }
    try {
      const fetched = await this.fetch(key, query, text, signal);
      this.host.refetched(id);
      return fetched;
    } catch (error) {
      if (usable && isOffline(error)) return served(usable, true);
      throw error;
    }
  }

  private async fetch(key: CacheKey, query: MetricQuery, text: string, signal?: AbortSignal): Promise<AggregateServed> {
    const since = clearGeneration(key.scope);
    const answer = normalized(await this.host.inner.aggregate!(query, signal));
    this.host.setOffline(false);
    const fetchedAt = this.host.now();
    this.host.track(this.store(key, since, encode(text, answer), fetchedAt));
    return { answer, meta: { fetchedAt, fromCache: false, stale: false, offline: false } };
  }

  /** The stored answer when it may be served; one that may never be is deleted. */
  private async usable(key: CacheKey, text: string): Promise<Usable | undefined> {
    const { cache } = this.host.options;
    const entry = await cache.get(key).catch((error: unknown) => {
      this.host.problems.report('read-failed', `Reading the cache failed: ${reason(error)}`, error);
      return undefined;
    });
    if (!entry) return undefined;
    const state = freshness(entry.fetchedAt, this.host.now(), this.host.freshness);
    const answer = state === 'expired' || !compatible(entry, AGGREGATE_SCHEMA_VERSION, this.host.options.version) ? undefined : decode(entry.bytes, text);
    if (!answer) {
      await cache.delete(key).catch(() => undefined);
      return undefined;
    }
    return { entry, answer, stale: state === 'stale' };
  }

  /** Writes an answer unless the scope was cleared (a logout) since `since`; one a clear overtook is deleted again. */
  private async store(key: CacheKey, since: number, bytes: Uint8Array, fetchedAt: number): Promise<void> {
    const { cache, version } = this.host.options;
    if (clearGeneration(key.scope) !== since) return;
    await cache.put(key, { bytes, fetchedAt, schemaVersion: AGGREGATE_SCHEMA_VERSION, ...(version === undefined ? {} : { version }) });
    if (clearGeneration(key.scope) !== since) await cache.delete(key).catch(() => undefined);
  }

  /** Asks the source again for a stale answer: one run per key, and within the TTL the last outcome again. */
  private revalidate(key: CacheKey, id: string, query: MetricQuery, text: string, entry: CacheEntry): Promise<RevalidationOutcome> {
    const running = this.running.get(id);
    if (running) return running;
    const last = this.last.get(id);
    if (last && this.host.now() - last.at <= this.host.freshness.ttlMs) return Promise.resolve(last.outcome);
    const run = this.again(key, query, text, entry)
      .catch((): RevalidationOutcome => 'failed')
      .then((outcome) => {
        this.last.set(id, { at: this.host.now(), outcome });
        return outcome;
      })
      .finally(() => this.running.delete(id));
    this.running.set(id, run);
    this.host.track(run);
    return run;
  }

  private async again(key: CacheKey, query: MetricQuery, text: string, entry: CacheEntry): Promise<RevalidationOutcome> {
    const since = clearGeneration(key.scope);
    let answer: AggregateAnswer;
    try {
      answer = normalized(await this.host.inner.aggregate!(query));
    } catch (error) {
      if (!isOffline(error)) return 'failed';
      this.host.setOffline(true);
      this.host.emit({ type: 'offline', query });
      return 'offline';
    }
    this.host.setOffline(false);
    const bytes = encode(text, answer);
    const fetchedAt = this.host.now();
    if (sameBytes(bytes, entry.bytes)) {
      if (clearGeneration(key.scope) === since) await this.host.options.cache.refresh(key, fetchedAt);
      return 'unchanged';
    }
    await this.store(key, since, bytes, fetchedAt);
    this.host.emit({ type: 'changed', query });
    return 'changed';
  }
}

function served(usable: Usable, offline: boolean, revalidation?: Promise<RevalidationOutcome>): AggregateServed {
  const meta: LoadMeta = { fetchedAt: usable.entry.fetchedAt, fromCache: true, stale: usable.stale, offline };
  if (revalidation) meta.revalidation = revalidation;
  return { answer: usable.answer, meta };
}

/** The rows alone or with a report: always `{ rows, report? }`. */
function normalized(answer: Row[] | AggregateAnswer): AggregateAnswer {
  return Array.isArray(answer) ? { rows: answer } : answer;
}

function encode(text: string, answer: AggregateAnswer): Uint8Array {
  const stored: { query: string; rows: Row[]; report?: ValidationReport; extras?: Record<string, unknown> } = { query: text, rows: answer.rows };
  if (answer.report) stored.report = answer.report;
  const extras = rowExtras(answer.rows);
  if (extras) stored.extras = extras;
  return new TextEncoder().encode(JSON.stringify(stored));
}

/** The answer stored for the query `text`, or undefined (another query's, or damaged). */
function decode(bytes: Uint8Array, text: string): AggregateAnswer | undefined {
  try {
    const stored = JSON.parse(new TextDecoder().decode(bytes)) as { query?: unknown; rows?: unknown; report?: unknown; extras?: unknown };
    if (stored.query !== text || !Array.isArray(stored.rows)) return undefined;
    if (stored.report !== undefined && !isValidationReport(stored.report)) return undefined;
    const rows = withExtras(stored.rows as Row[], stored.extras);
    return stored.report === undefined ? { rows } : { rows, report: stored.report };
  } catch {
    return undefined;
  }
}

/** A 64-bit digest of a query's text, as 16 hex digits: short keys that do not spell filter values. */
export function digest(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (h1 >>> 0).toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0');
}
