// The coordinator of SPEC §6 (named re-exports only).
export { Coordinator, configureCache, coordinator } from './coordinator.js';
export type { QueryAnswer } from './coordinator.js';
export { Source } from './source.js';
export type { SourceEvent, SourceListener } from './source.js';
export { resolveCache } from './cache-policy.js';
export type { CacheConfig, CacheSettings, ResolvedCache } from './cache-policy.js';
export { TableStore } from './table-store.js';
