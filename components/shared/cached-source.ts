// Which cache a widget loads through (issue 7): its `cache` and `cache-scope`
// attributes, else its dashboard's, else the default below; one CachedAdapter per
// adapter × mode × scope, shared by every widget of the page; and cache problems
// told to the page once, as `pulso-cache-problem` events, never thrown.
//
// Defaults, for shared hospital computers: with a `cache-scope` (the signed-in user
// or tenant, given by the host) tables persist in IndexedDB under that scope; without
// one they are kept in memory only, for the life of the page, and `cache="persistent"`
// without a scope is refused (memory, and a `setting` problem): nothing is written to
// disk that does not say whose it is. `cache="off"` never opens a cache at all.
// In memory, entries are keyed by the adapter object (its id plus a number of this page),
// not by its id alone: two adapters that reuse an id (a test's fixture, a host's
// copy-paste) never see each other's tables, and the page's one memory cache keeps its
// byte budget. Persistent entries outlive the page, so they need stable ids.
import type { Adapter } from '../../src/adapters/types.js';
import { CachedAdapter } from '../../src/cache/cached-adapter.js';
import { checkEncryptionKey } from '../../src/cache/crypto.js';
import { resolveFreshness } from '../../src/cache/freshness.js';
import { CACHE_MODES, openCache } from '../../src/cache/open.js';
import { reason } from '../../src/cache/problems.js';
import type { CacheMode, CacheProblem } from '../../src/cache/types.js';

export type PulsoCacheProblemEvent = CustomEvent<CacheProblem>;

declare global {
  interface GlobalEventHandlersEventMap {
    'pulso-cache-problem': PulsoCacheProblemEvent;
  }
}

/** The `cache` and `cache-scope` attributes as written. */
export interface CacheSettings {
  mode?: string;
  scope?: string;
}

export interface ResolvedCache {
  mode: CacheMode;
  /** '' when the host gave none (memory or off only). */
  scope: string;
  /** Why the settings as written could not be followed (told once as a `setting` problem). */
  problem?: string;
}

/** Page-wide options of the widgets' caches; `configureCache` sets them. */
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
  /** The clock (tests). */
  now?: () => number;
}

interface Shared {
  ready: Promise<Adapter>;
  /** The widgets loading through it, newest last: a problem is told from one of them. */
  hosts: Set<Element>;
  pending: CacheProblem[];
}

let config: CacheConfig = {};
let generation = 0;
let shared = new WeakMap<Adapter, Map<string, Shared>>();
/** Problems already told (one opened cache's problem reaches every adapter over it). */
const told = new WeakSet<CacheProblem>();
const toldSettings = new Set<string>();
/** A number per adapter object, for its keys in memory. */
const tokens = new WeakMap<Adapter, number>();
let lastToken = 0;

const text = (v: string | undefined | null): string | undefined =>
  typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;

/**
 * Sets the page's cache options (database name, encryption key, TTL, max age). Widgets
 * that load afterwards use them; call it before the widgets load, e.g. at sign-in.
 */
export function configureCache(next: CacheConfig = {}): void {
  resolveFreshness(next); // throws a RangeError naming the bad option
  if (next.encryptionKey !== undefined) checkEncryptionKey(next.encryptionKey);
  config = { ...next };
  generation += 1;
  shared = new WeakMap();
}

/** Changes whenever `configureCache` is called: part of a widget's load arguments. */
export function cacheGeneration(): number {
  return generation;
}

/** The configured clock. */
export function cacheNow(): number {
  return (config.now ?? Date.now)();
}

/** The widget's own settings over the dashboard's, and the defaults described above. */
export function resolveCache(own: CacheSettings, inherited?: CacheSettings): ResolvedCache {
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

/**
 * What `adapter` loads through under `settings`: itself for `off`, else the shared
 * CachedAdapter (validated tables stored, so warm loads skip validation). When no
 * cache can be made the adapter itself, and the reason is told once.
 */
export function cachedSource(
  adapter: Adapter,
  settings: ResolvedCache,
  host: Element,
): Promise<Adapter> {
  if (settings.problem) tellSetting(host, settings.problem);
  if (settings.mode === 'off') return Promise.resolve(adapter);
  const entry = sharedFor(adapter, settings);
  entry.hosts.delete(host);
  entry.hosts.add(host);
  flush(entry);
  return entry.ready;
}

/** The widget no longer loads through the caches (it left the page). */
export function releaseHost(adapter: Adapter | undefined, host: Element): void {
  const map = adapter ? shared.get(adapter) : undefined;
  for (const entry of map?.values() ?? []) entry.hosts.delete(host);
}

function sharedFor(adapter: Adapter, settings: ResolvedCache): Shared {
  let map = shared.get(adapter);
  if (!map) shared.set(adapter, (map = new Map()));
  const k = `${settings.mode}\u0000${settings.scope}`;
  let entry = map.get(k);
  if (!entry) {
    const made: Shared = { hosts: new Set(), pending: [], ready: Promise.resolve(adapter) };
    made.ready = open(adapter, settings, (p) => tell(made, p));
    map.set(k, (entry = made));
  }
  return entry;
}

async function open(
  adapter: Adapter,
  settings: ResolvedCache,
  onProblem: (p: CacheProblem) => void,
): Promise<Adapter> {
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
    return new CachedAdapter(inner, {
      cache,
      scope: settings.scope,
      normalize: true,
      ttlMs,
      maxAgeMs,
      now,
      onProblem,
    });
  } catch (error) {
    // An adapter without an id, say: it is used uncached, as with cache="off".
    onProblem({
      code: 'setting',
      message: `The data source is used without a cache: ${reason(error)}`,
      cause: error,
    });
    return adapter;
  }
}

/** The adapter under an id no other adapter object of this page has. */
function withPageId(adapter: Adapter): Adapter {
  let t = tokens.get(adapter);
  if (t === undefined) tokens.set(adapter, (t = ++lastToken));
  return { id: `${adapter.id}#${t}`, load: (request, signal) => adapter.load(request, signal) };
}

function tell(entry: Shared, problem: CacheProblem): void {
  if (told.has(problem)) return;
  entry.pending.push(problem);
  flush(entry);
}

/** Dispatches waiting problems from the newest connected widget; they wait for one otherwise. */
function flush(entry: Shared): void {
  const host = [...entry.hosts].reverse().find((h) => h.isConnected);
  if (!host) return;
  for (const problem of entry.pending.splice(0)) {
    if (told.has(problem)) continue;
    told.add(problem);
    dispatch(host, problem);
  }
}

function tellSetting(host: Element, message: string): void {
  if (toldSettings.has(message)) return;
  toldSettings.add(message);
  dispatch(host, { code: 'setting', message });
}

function dispatch(host: Element, problem: CacheProblem): void {
  host.dispatchEvent(
    new CustomEvent<CacheProblem>('pulso-cache-problem', {
      bubbles: true,
      composed: true,
      detail: problem,
    }),
  );
}
