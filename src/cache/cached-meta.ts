// The options and per-load metadata of CachedAdapter, and how a load failure or a
// source's bytes are judged.
import type { ColumnTable } from 'arquero';
import { AdapterError } from '../adapters/errors.js';
import type { LoadRequest } from '../adapters/types.js';
import type { ValidationReport } from '../data/schema.js';
import { fromIpcBytes } from './codec.js';
import type { FreshnessOptions } from './freshness.js';
import { reason } from './problems.js';
import type { Cache, CacheKey, CacheProblemListener } from './types.js';

/** Bump when what is stored for a table changes shape; older entries are then refetched. */
export const CACHE_SCHEMA_VERSION = 1;
/**
 * The layout of normalized entries (the `normalize` option): bump it, too, whenever
 * `validate` changes what it produces, since a stored table is not validated again.
 */
export const NORMALIZED_SCHEMA_VERSION = 3;

export interface CachedAdapterOptions extends FreshnessOptions {
  cache: Cache;
  /** The user or tenant: part of every key, so one scope never reads another's entries. */
  scope: string;
  /** The data's version or ETag as the host knows it: entries stored under another are not served. */
  version?: string;
  schemaVersion?: number;
  /**
   * Store tables after validation, with the report beside them, and serve them as
   * validated (times as epoch ms, no second parse): what the widgets use. Off by
   * default, when tables are stored as the source answered them.
   */
  normalize?: boolean;
  /** Ask the source before serving a stale entry, which is then served only when the source is unreachable. */
  networkFirst?: boolean;
  onUpdate?: CacheUpdateListener;
  onProblem?: CacheProblemListener;
  now?: () => number;
}

export interface LoadMeta {
  /** Epoch ms when the source answered the data served. */
  fetchedAt: number;
  fromCache: boolean;
  /** Older than the TTL ("updated n minutes ago"). */
  stale: boolean;
  /** The source could not be reached; the data is the cache's ("offline — data from <time>"). */
  offline: boolean;
  /** When a stale entry was served: how asking the source again turned out. */
  revalidation?: Promise<RevalidationOutcome>;
}

export type RevalidationOutcome = 'changed' | 'unchanged' | 'offline' | 'failed';

export interface LoadedWithMeta {
  table: ColumnTable;
  meta: LoadMeta;
  /** With `normalize`: the validation report of the table (a validated table is served). */
  report?: ValidationReport;
}

/** A revalidation found new data (`table` is it: render it, do not reload), or found the source offline. */
export type CacheUpdate =
  | {
      type: 'changed';
      key: CacheKey;
      request: LoadRequest;
      fetchedAt: number;
      table: ColumnTable;
      /** With `normalize`: the report of the new table, which is validated. */
      report?: ValidationReport;
    }
  | { type: 'offline'; key: CacheKey; request: LoadRequest; fetchedAt: number };

export type CacheUpdateListener = (update: CacheUpdate) => void;

/** Network down or no answer in time: the cache may stand in for the source. */
export function isOffline(error: unknown): boolean {
  return error instanceof AdapterError && (error.code === 'network' || error.code === 'timeout');
}

/** The table of bytes a source just answered; bytes that are not Arrow IPC are the source's fault. */
export function decodeFresh(bytes: Uint8Array, id: string, request: LoadRequest): ColumnTable {
  try {
    return fromIpcBytes(bytes);
  } catch (error) {
    const where = `${id} ${request.table}`;
    throw new AdapterError(
      'malformed',
      where,
      `${where} answered bytes that are not valid Arrow IPC: ${reason(error)}`,
      { cause: error },
    );
  }
}
