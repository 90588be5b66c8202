// Choosing and opening the cache of the `cache` attribute (persistent, memory, off),
// and `clearCache(scope?)` for logout (SPEC §4).
import { markCleared } from './clear-generation.js';
import { checkEncryptionKey } from './key-check.js';
import { DEFAULT_DB_NAME, DEFAULT_OPEN_TIMEOUT_MS } from './idb-defaults.js';
import { isIdbCache, loadPersistent } from './persistent-load.js';
import { scopePrefix } from './key.js';
import { checkMaxBytes, MemoryCache } from './memory.js';
import { ProblemReporter, reason } from './problems.js';
import type { Cache, CacheEntry, CacheMode, CacheProblemListener } from './types.js';

export const CACHE_MODES: readonly CacheMode[] = ['persistent', 'memory', 'off'];

export interface OpenCacheOptions {
  /** Default 'persistent'. */
  mode?: CacheMode;
  /** The IndexedDB database name. Default 'pulso-cache'. */
  name?: string;
  /** Encrypts persistent entries at rest (AES-GCM). */
  encryptionKey?: CryptoKey;
  /** How long to wait for IndexedDB before falling back to memory. Default 3000 ms. */
  openTimeoutMs?: number;
  /** Byte budget of a memory cache (and of the fallback). Default 64 MiB. */
  maxMemoryBytes?: number;
  /** Told once per kind of problem; problems found before this call are told at once. */
  onProblem?: CacheProblemListener;
}

/** A cache that keeps nothing, for `cache="off"`. */
export class NoCache implements Cache {
  readonly kind = 'off' as const;
  async get(): Promise<CacheEntry | undefined> {
    return undefined;
  }
  async put(): Promise<void> {}
  async refresh(): Promise<void> {}
  async delete(): Promise<void> {}
  async clear(): Promise<void> {}
  async count(): Promise<number> {
    return 0;
  }
  close(): void {}
}

interface Opened {
  /** Set once opened: a closed persistent cache is not handed out again. */
  resolved?: Cache;
  mode: CacheMode;
  name: string;
  encryptionKey?: CryptoKey;
  problems: ProblemReporter;
  cache: Promise<Cache>;
}

/** Caches opened in this page: shared by the widgets that ask for the same one, and cleared by clearCache. */
const opened: Opened[] = [];
/** Database names opened in this page, so clearCache reaches them after their caches are closed. */
const databases = new Set<string>([DEFAULT_DB_NAME]);

/**
 * The cache for a mode. Persistent falls back to memory when IndexedDB is missing,
 * throws or does not open in time; the reason reaches `onProblem`, never the page.
 * Calls with the same mode, name and key share one cache.
 */
export function openCache(options: OpenCacheOptions = {}): Promise<Cache> {
  const mode = options.mode ?? 'persistent';
  if (!CACHE_MODES.includes(mode)) {
    throw new TypeError(`cache must be one of ${CACHE_MODES.join(', ')}; got '${String(mode)}'`);
  }
  if (options.encryptionKey !== undefined) checkEncryptionKey(options.encryptionKey);
  checkMaxBytes(options.maxMemoryBytes, 'maxMemoryBytes');
  const name = options.name ?? DEFAULT_DB_NAME;
  const same = opened.find(
    (o) =>
      o.mode === mode &&
      o.name === name &&
      o.encryptionKey === options.encryptionKey &&
      !(isIdbCache(o.resolved) && o.resolved.isClosed),
  );
  if (same) {
    if (options.onProblem) listenWithReplay(same.problems, options.onProblem);
    return same.cache;
  }
  const problems = new ProblemReporter(options.onProblem);
  const entry: Opened = { mode, name, problems, cache: create(mode, name, options, problems) };
  if (options.encryptionKey) entry.encryptionKey = options.encryptionKey;
  // One that failed to open is not shared, and clearCache does not wait on it.
  void entry.cache.then(
    (cache) => (entry.resolved = cache),
    () => {
      const at = opened.indexOf(entry);
      if (at >= 0) opened.splice(at, 1);
    },
  );
  opened.push(entry);
  if (mode === 'persistent') databases.add(name);
  return entry.cache;
}

async function create(
  mode: CacheMode,
  name: string,
  options: OpenCacheOptions,
  problems: ProblemReporter,
): Promise<Cache> {
  if (mode === 'off') return new NoCache();
  const memory = (): MemoryCache => new MemoryCache({ maxBytes: options.maxMemoryBytes });
  if (mode === 'memory') return memory();
  let persistent;
  try {
    persistent = await loadPersistent();
  } catch (error) {
    problems.report('open-failed', `The persistent cache's code could not be loaded (${reason(error)}); tables are kept in memory`, error);
    return memory();
  }
  try {
    return await persistent.openIdbCache({
      name,
      encryptionKey: options.encryptionKey,
      maxMemoryBytes: options.maxMemoryBytes,
      openTimeoutMs: options.openTimeoutMs ?? DEFAULT_OPEN_TIMEOUT_MS,
      problems,
    });
  } catch {
    // openIdbCache reported why; the page goes on with tables in memory.
    return memory();
  }
}

function listenWithReplay(problems: ProblemReporter, listener: CacheProblemListener): void {
  for (const problem of problems.reported) listener(problem);
  problems.listen(listener);
}

/**
 * Deletes every cached table of a scope (a user or tenant), or of every scope when
 * omitted: in the caches this page opened, in memory and in IndexedDB, including
 * databases no cache holds open now. What a portal calls at logout. Unlike the caches'
 * own methods it rejects when a database could not be cleared: the host must know
 * that a user's data may still be on this computer.
 */
export async function clearCache(scope?: string): Promise<void> {
  if (scope !== undefined) scopePrefix(scope); // validates
  // Before any wait: a store or revalidation begun earlier must not write the scope back.
  markCleared(scope);
  const failures: string[] = [];
  const settled = await Promise.allSettled(opened.map((o) => o.cache));
  const caches = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  for (const cache of caches) {
    // Persistent ones are cleared below, through a connection of their own.
    if (!isIdbCache(cache) || cache.kind === 'memory') {
      await cache.clear(scope);
      // Tables kept in memory without a scope may be the signed-out user's: they go too.
      if (scope !== undefined && scope !== '') await cache.clear('');
    }
  }
  const factory = globalThis.indexedDB;
  if (typeof factory === 'undefined' || factory === null) return;
  // Where the browser can list its databases, one that does not exist is not created just to be emptied.
  const existing =
    typeof factory.databases === 'function'
      ? new Set(
          (await factory.databases().catch(() => [...databases].map((name) => ({ name })))).map(
            (d) => d.name,
          ),
        )
      : new Set(databases);
  for (const name of databases) {
    if (!existing.has(name)) continue;
    try {
      await (await loadPersistent()).clearDatabase(name, scope);
    } catch (error) {
      failures.push(`'${name}' (${reason(error)})`);
    }
  }
  if (failures.length > 0) {
    throw new Error(`clearCache could not clear the cache database ${failures.join(', ')}`);
  }
}
