// Which cache a source's tables go through: the `cache` and `cache-scope` a widget
// or its dashboard wrote, resolved to a mode and scope, and the CachedAdapter that
// mode opens. DOM-free: problems are handed to a listener, never thrown.
//
// Defaults, for shared hospital computers: with a scope (the signed-in user or tenant,
// given by the host) tables persist in IndexedDB under that scope; without one they are
// kept in memory only, for the life of the page, and `persistent` without a scope is
// refused (memory, and a `setting` problem): nothing is written to disk that does not
// say whose it is. `off` never opens a cache at all.
// In memory, entries are keyed by the adapter object (its id plus a number of this page),
// not by its id alone: two adapters that reuse an id (a test's fixture, a host's
// copy-paste) never see each other's tables. Persistent entries outlive the page, so
// they need stable ids.
import type { Adapter } from '../adapters/types.js';
import { CachedAdapter } from '../cache/cached-adapter.js';
import { checkEncryptionKey } from '../cache/key-check.js';
import { resolveFreshness } from '../cache/freshness.js';
import { CACHE_MODES, openCache } from '../cache/open.js';
import { reason } from '../cache/problems.js';
import type { CacheMode, CacheProblem } from '../cache/types.js';

/** The `cache` and `cache-scope` settings as written (by a widget, else its dashboard). */
export interface CacheSettings {
  mode?: string;
  scope?: string;
  /** `auto` or `off`: where the work of the tables runs (the `worker` attribute); else the page's (configureCache). */
  worker?: string;
}

export interface ResolvedCache {
  mode: CacheMode;
  /** '' when the host gave none (memory or off only). */
  scope: string;
  /** Why the settings as written could not be followed (told once as a `setting` problem). */
  problem?: string;
  /** `off`: this source computes on the main thread whatever the page's setting; undefined: the page's. */
  worker?: 'auto' | 'off';
}

/** Page-wide options of the caches; `configureCache` sets them. */
export interface CacheConfig {
  /** IndexedDB database name. Default 'pulso-cache'. */
  name?: string;
  /** Encrypts persistent entries at rest (AES-GCM, from the host's key management). */
  encryptionKey?: CryptoKey;
  /** Served without asking the source up to this age. Default 5 minutes. */
  ttlMs?: number;
  /** Never served past this age. Default 7 days. */
  maxAgeMs?: number;
  openTimeoutMs?: number;
  maxMemoryBytes?: number;
  /** The clock (tests). A page that sets one computes on the main thread (a clock cannot cross to the worker). */
  now?: () => number;
  /**
   * `auto`: loading, validation, the cache and the kernels run in Pulso's worker, for
   * the adapters that can go there (docs/worker.md); `off`: everything on the main
   * thread, in tasks that yield.
   */
  worker?: 'auto' | 'off';
}

const text = (v: string | undefined | null): string | undefined =>
  typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;

/** Checks a configuration at the boundary; throws a RangeError naming the bad option. */
export function checkCacheConfig(config: CacheConfig): CacheConfig {
  resolveFreshness(config);
  if (config.worker !== undefined && config.worker !== 'auto' && config.worker !== 'off') {
    throw new RangeError(`worker must be 'auto' or 'off'; got ${JSON.stringify(config.worker)}`);
  }
  if (config.encryptionKey !== undefined) checkEncryptionKey(config.encryptionKey);
  return { ...config };
}

/** The widget's own settings over the inherited ones, and the defaults described above. */
export function resolveCache(own: CacheSettings = {}, inherited?: CacheSettings): ResolvedCache {
  const resolved = resolveMode(own, inherited);
  const worker = text(own.worker) ?? text(inherited?.worker);
  if (worker === undefined) return resolved;
  if (worker === 'auto' || worker === 'off') return { ...resolved, worker };
  const problem = `worker must be 'auto' or 'off'; got '${worker}' (using the page's setting)`;
  return { ...resolved, problem: resolved.problem ? `${resolved.problem}; ${problem}` : problem };
}

function resolveMode(own: CacheSettings, inherited?: CacheSettings): ResolvedCache {
  const written = text(own.mode) ?? text(inherited?.mode);
  const scope = text(own.scope) ?? text(inherited?.scope) ?? '';
  const fallback: CacheMode = scope ? 'persistent' : 'memory';
  if (written === undefined) return { mode: fallback, scope };
  if (!(CACHE_MODES as readonly string[]).includes(written)) {
    return {
      mode: fallback,
      scope,
      problem: `cache must be one of ${CACHE_MODES.join(', ')}; got '${written}' (using '${fallback}')`,
    };
  }
  if (written === 'persistent' && !scope) {
    return {
      mode: 'memory',
      scope,
      problem:
        'cache="persistent" needs a cache-scope (the signed-in user or tenant id); without one, tables are kept in memory only',
    };
  }
  return { mode: written as CacheMode, scope };
}

/** A number per adapter object, for its keys in memory. */
const tokens = new WeakMap<Adapter, number>();
let lastToken = 0;

/** The adapter under an id no other adapter object of this page has (its push-down too). */
function withPageId(adapter: Adapter): Adapter {
  let t = tokens.get(adapter);
  if (t === undefined) tokens.set(adapter, (t = ++lastToken));
  const paged: Adapter = { id: `${adapter.id}#${t}`, load: (request, signal) => adapter.load(request, signal) };
  if (typeof adapter.aggregate === 'function') paged.aggregate = (query, signal) => adapter.aggregate!(query, signal);
  if (typeof adapter.canAggregate === 'function') paged.canAggregate = (query) => adapter.canAggregate!(query);
  return paged;
}

/**
 * What `adapter` loads through under `settings`: itself for `off`, else a CachedAdapter
 * that stores validated tables (so warm loads skip validation). When no cache can be
 * made, the adapter itself, and the reason goes to `onProblem`.
 */
export async function openCachedAdapter(
  adapter: Adapter,
  settings: ResolvedCache,
  config: CacheConfig,
  onProblem: (problem: CacheProblem) => void,
): Promise<Adapter> {
  if (settings.mode === 'off') return adapter;
  const { ttlMs, maxAgeMs, now } = config;
  try {
    const cache = await openCache({
      mode: settings.mode,
      name: config.name,
      encryptionKey: config.encryptionKey,
      openTimeoutMs: config.openTimeoutMs,
      maxMemoryBytes: config.maxMemoryBytes,
      onProblem,
    });
    const inner = settings.mode === 'memory' ? withPageId(adapter) : adapter;
    return new CachedAdapter(inner, { cache, scope: settings.scope, normalize: true, ttlMs, maxAgeMs, now, onProblem });
  } catch (error) {
    // An adapter without an id, say: it is used uncached, as with cache="off".
    onProblem({ code: 'setting', message: `The data source is used without a cache: ${reason(error)}`, cause: error });
    return adapter;
  }
}
