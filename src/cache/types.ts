// The Cache contract of DESIGN.md §1 (SPEC §5): loaded tables kept as Arrow IPC bytes
// under a key of scope, adapter id, table and range.
import type { TimeInput } from '../adapters/types.js';

/** `persistent` = IndexedDB (memory when it is missing or broken), `memory`, or `off`. */
export type CacheMode = 'persistent' | 'memory' | 'off';

/** What a cache really is once opened: a persistent cache may have fallen back to memory. */
export type CacheKind = CacheMode;

export interface CacheKey {
  /** The user or tenant the host names; entries of one scope are never read under another. */
  scope: string;
  adapterId: string;
  table: string;
  from?: TimeInput;
  to?: TimeInput;
  /** The columns asked for: a load of fewer columns is a different table. */
  columns?: readonly string[];
  /** For a query's answer computed at the source: a digest of the query (its text is in the entry). */
  query?: string;
}

/** What is stored for one key. */
export interface CacheRecord {
  /** The table as Arrow IPC stream bytes. */
  bytes: Uint8Array;
  /** Epoch ms when the source answered these bytes. */
  fetchedAt: number;
  /** The adapter's version or ETag of the data, when it gives one. */
  version?: string;
  /** Layout of the stored table; an entry of another schema version is not served. */
  schemaVersion: number;
}

/** A stored record as read back, with the time it was last read or written. */
export interface CacheEntry extends CacheRecord {
  /** Epoch ms of the last get or put: the least recently used entries are evicted first. */
  lastUsed: number;
}

/**
 * What a cache in memory keeps instead of bytes: the loaded table object itself,
 * served as it was stored. Encoding a table to Arrow IPC costs seconds on the main
 * thread for a column of 100,000 distinct strings; bytes are needed only on disk.
 */
export interface HeldRecord extends Omit<CacheRecord, 'bytes'> {
  /** Never copied, changed or encoded: whoever holds it must not change it either. */
  value: object;
  /** An estimate of the memory it keeps alive, counted against the byte budget. */
  size: number;
}

export interface HeldEntry extends HeldRecord {
  lastUsed: number;
}

/**
 * Every method resolves and never rejects: a broken store is reported through
 * `onProblem` and then behaves as an empty one, so a page never sees the failure.
 * Only a malformed key throws (a TypeError or RangeError naming the bad part):
 * that is a bug in the caller, not a state of the browser.
 */
export interface Cache {
  readonly kind: CacheKind;
  /** The entry, or undefined when absent or unreadable (an unreadable one is deleted). */
  get(key: CacheKey): Promise<CacheEntry | undefined>;
  /** Stores the record; on a full store evicts least recently used entries and retries once. */
  put(key: CacheKey, record: CacheRecord): Promise<void>;
  /**
   * Caches in memory only: keeps `record.value` itself under the key (replacing any
   * entry there), with the same scopes, eviction and clearing as bytes. Absent where
   * entries must be bytes (IndexedDB).
   */
  hold?(key: CacheKey, record: HeldRecord): Promise<void>;
  /** The entry `hold` stored under the key, or undefined (`get` answers only entries of bytes). */
  held?(key: CacheKey): Promise<HeldEntry | undefined>;
  /** Marks an entry (of bytes or held) as fetched again without rewriting it (a revalidation found no change). */
  refresh(key: CacheKey, fetchedAt: number): Promise<void>;
  delete(key: CacheKey): Promise<void>;
  /** Deletes the entries of one scope, or all entries when scope is omitted. */
  clear(scope?: string): Promise<void>;
  /** The number of entries of one scope, or of all. */
  count(scope?: string): Promise<number>;
  close(): void;
}

export type CacheProblemCode =
  | 'unavailable' // no IndexedDB in this environment
  | 'open-failed'
  | 'open-timeout'
  | 'blocked' // an upgrade waits for another tab to close its connection
  | 'version-change' // another tab upgraded or deleted the database
  | 'quota'
  | 'corrupt' // an entry could not be read, decrypted or decoded
  | 'read-failed'
  | 'write-failed'
  | 'encode-failed' // a loaded table could not be turned into Arrow IPC
  | 'setting'; // the host's cache settings could not be followed (e.g. persistent without a scope)

export interface CacheProblem {
  code: CacheProblemCode;
  message: string;
  cause?: unknown;
}

export type CacheProblemListener = (problem: CacheProblem) => void;
