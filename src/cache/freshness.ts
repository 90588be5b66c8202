// When a cached table may be served (SPEC §5): fresh ones at once, stale ones at once
// while a refresh runs, expired ones never — not even offline, since a dashboard of
// week-old figures that looks current misleads more than an error does.
import type { CacheEntry } from './types.js';

export type Freshness = 'fresh' | 'stale' | 'expired';

export interface FreshnessOptions {
  /** Served without asking the source, up to this age. Default 5 minutes. */
  ttlMs?: number;
  /** Never served past this age. Default 7 days. */
  maxAgeMs?: number;
}

export const DEFAULT_TTL_MS = 5 * 60 * 1000;
export const DEFAULT_MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000;

export interface ResolvedFreshness {
  ttlMs: number;
  maxAgeMs: number;
}

/** Checks the options at the boundary, with the message a host needs. */
export function resolveFreshness(options: FreshnessOptions = {}): ResolvedFreshness {
  const ttlMs = options.ttlMs ?? DEFAULT_TTL_MS;
  const maxAgeMs = options.maxAgeMs ?? Math.max(DEFAULT_MAX_AGE_MS, ttlMs);
  for (const [name, value] of [
    ['ttlMs', ttlMs],
    ['maxAgeMs', maxAgeMs],
  ] as const) {
    if (typeof value !== 'number' || !(value >= 0)) {
      throw new RangeError(
        `cache ${name} must be a number of milliseconds >= 0; got ${String(value)}`,
      );
    }
  }
  if (maxAgeMs < ttlMs) {
    throw new RangeError(`cache maxAgeMs (${maxAgeMs}) must be at least ttlMs (${ttlMs})`);
  }
  return { ttlMs, maxAgeMs };
}

/**
 * The state of an entry fetched at `fetchedAt`, seen at `now`. A time in the future
 * (another tab's clock, a corrected system clock) counts as age 0; a time that is not
 * a number counts as expired, so a damaged record is never served as fresh.
 */
export function freshness(fetchedAt: number, now: number, options: ResolvedFreshness): Freshness {
  if (!Number.isFinite(fetchedAt) || !Number.isFinite(now)) return 'expired';
  const age = Math.max(0, now - fetchedAt);
  if (age <= options.ttlMs) return 'fresh';
  return age <= options.maxAgeMs ? 'stale' : 'expired';
}

/** Whether a stored entry may be used at all: same schema version, and same data version when both name one. */
export function compatible(
  entry: Pick<CacheEntry, 'schemaVersion' | 'version'>,
  schemaVersion: number,
  version?: string,
): boolean {
  if (entry.schemaVersion !== schemaVersion) return false;
  return version === undefined || entry.version === version;
}
