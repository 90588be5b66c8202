// The cache of SPEC §5 (named re-exports only).
export type {
  Cache,
  CacheEntry,
  CacheKey,
  CacheKind,
  CacheMode,
  CacheProblem,
  CacheProblemCode,
  CacheProblemListener,
  CacheRecord,
  HeldEntry,
  HeldRecord,
} from './types.js';
export { encodeKey } from './key.js';
export { MemoryCache } from './memory.js';
export type { MemoryCacheOptions } from './memory.js';
// Lazy in every entry: the persistent cache's code is fetched when first opened.
export { IdbCache, openIdbCache } from './persistent-load.js';
export type { IdbCacheOptions } from './idb.js';
export { CACHE_MODES, NoCache, openCache, clearCache } from './open.js';
export type { OpenCacheOptions } from './open.js';
export { freshness, DEFAULT_TTL_MS, DEFAULT_MAX_AGE_MS } from './freshness.js';
export type { Freshness, FreshnessOptions } from './freshness.js';
export { CachedAdapter } from './cached-adapter.js';
export { CACHE_SCHEMA_VERSION, NORMALIZED_SCHEMA_VERSION, isOffline } from './cached-meta.js';
export type {
  CachedAdapterOptions,
  CacheUpdate,
  CacheUpdateListener,
  LoadMeta,
  LoadedWithMeta,
  RevalidationOutcome,
} from './cached-meta.js';
