// What the code every page loads knows of the persistent cache: how to fetch it. The
// IndexedDB cache (src/cache/persistent.ts) is a chunk of dist/pulso.js fetched when a
// widget asks for `cache="persistent"` (with a `cache-scope`), when `openIdbCache` is first
// called, or when `clearCache` finds a cache database to empty.
import type * as Persistent from './persistent.js';
import type { IdbCache as RealIdbCache, IdbCacheOptions } from './idb.js';

let loading: Promise<typeof Persistent> | undefined;
let loaded: typeof Persistent | undefined;

/** The persistent cache's module, fetched once (a failed fetch is tried again on the next call). */
export function loadPersistent(): Promise<typeof Persistent> {
  loading ??= import('./persistent.js').then(
    (m) => (loaded = m),
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

/** Whether `value` is a persistent cache (false before the chunk was ever loaded: none can exist). */
export function isIdbCache(value: unknown): value is RealIdbCache {
  return loaded !== undefined && value instanceof loaded.IdbCache;
}

/** Opens the persistent cache (SPEC §4), fetching its code first; rejects as it does when IndexedDB cannot be used. */
export async function openIdbCache(options: IdbCacheOptions = {}): Promise<RealIdbCache> {
  return (await loadPersistent()).openIdbCache(options);
}

/**
 * The class's name for hosts: `cache instanceof IdbCache` answers as before. An instance is
 * made by `await openIdbCache(options)` (it needs the database open), never with `new`.
 */
export const IdbCache = class IdbCache {
  static [Symbol.hasInstance](value: unknown): boolean {
    return isIdbCache(value);
  }
  constructor() {
    throw new TypeError('IdbCache: open one with `await openIdbCache(options)`');
  }
};
export type IdbCache = RealIdbCache;
