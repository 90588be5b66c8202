// The two ways a CachedAdapter keeps tables, for tests that must hold for both: as
// bytes (what IndexedDB stores, here a memory cache without `hold`) and as the table
// objects themselves (a memory cache, `cache="memory"`).
import { MemoryCache } from '../../src/cache/memory.js';

export type CacheKind = 'bytes' | 'held';
export const CACHE_KINDS: readonly CacheKind[] = ['bytes', 'held'];

export function cacheOfKind(kind: CacheKind, now: () => number): MemoryCache {
  const cache = new MemoryCache({ now });
  if (kind === 'held') return cache;
  // Own properties hide the methods: the adapter then stores Arrow IPC bytes.
  return Object.assign(cache, { hold: undefined, held: undefined }) as unknown as MemoryCache;
}
