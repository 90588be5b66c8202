// The persistent cache: IndexedDB through `idb`, metadata and bytes in two stores
// (touching `lastUsed` on a read rewrites a few numbers, not megabytes). When the
// database breaks after opening, the instance carries on in memory. Every entry is
// encrypted, with the host's key or else its scope's own, under a hashed id (at-rest.ts).
import type { Sealed } from './crypto.js';
import { checkEncryptionKey, seal, unseal } from './crypto.js';
import type { CacheDb, MetaRecord } from './idb-open.js';
import { DB_VERSION, DEFAULT_DB_NAME, DEFAULT_OPEN_TIMEOUT_MS, openCacheDb } from './idb-open.js';
import {
  clearDb,
  evictLeastRecent,
  isQuotaError,
  quiet,
  validMeta,
  validSealed,
  writeTx,
} from './idb-records.js';
import { markCleared } from './clear-generation.js';
import { ensureScopeKey, readScopeKey, scopeRange, storedId, storedScope } from './at-rest.js';
import type { ScopeKeyRecord } from './at-rest.js';
import { checkMaxBytes, MemoryCache } from './memory.js';
import { ProblemReporter, reason } from './problems.js';
import type { Cache, CacheEntry, CacheKey, CacheKind, CacheRecord } from './types.js';

export interface IdbCacheOptions {
  /** The database name. Default 'pulso-cache'. */
  name?: string;
  /**
   * A WebCrypto AES-GCM key for every entry. Without one each scope gets a
   * non-extractable key of its own, kept in the database. Either way entries are
   * encrypted at rest, each with its own random IV.
   */
  encryptionKey?: CryptoKey;
  /** How long to wait for the database to open. Default 3000 ms. */
  openTimeoutMs?: number;
  /** Byte budget of the memory cache used once the database cannot be reopened. Default 64 MiB. */
  maxMemoryBytes?: number;
  /** The database version; raise it only with a new layout (tests use it to play an older tab). */
  version?: number;
  problems?: ProblemReporter;
  now?: () => number;
}

/** Opens the database; rejects with a CacheOpenError (already reported) when it cannot be used. */
export async function openIdbCache(options: IdbCacheOptions = {}): Promise<IdbCache> {
  if (options.encryptionKey !== undefined) checkEncryptionKey(options.encryptionKey);
  checkMaxBytes(options.maxMemoryBytes, 'maxMemoryBytes');
  const cache = new IdbCache(options);
  cache.db = await cache.connect();
  return cache;
}

export class IdbCache implements Cache {
  readonly name: string;
  readonly problems: ProblemReporter;
  /** @internal The open connection; undefined after another tab asked this one to close. */
  db?: CacheDb;
  private reconnecting?: Promise<CacheDb | undefined>;
  /** Where entries go once the database cannot be reopened. */
  private fallback?: MemoryCache;
  private closed = false;
  private readonly now: () => number;

  constructor(private readonly options: IdbCacheOptions) {
    this.name = options.name ?? DEFAULT_DB_NAME;
    this.problems = options.problems ?? new ProblemReporter();
    this.now = options.now ?? Date.now;
  }

  get kind(): CacheKind {
    return this.fallback ? 'memory' : 'persistent';
  }

  /** @internal */
  connect(): Promise<CacheDb> {
    return openCacheDb({
      name: this.name,
      version: this.options.version ?? DB_VERSION,
      timeoutMs: this.options.openTimeoutMs ?? DEFAULT_OPEN_TIMEOUT_MS,
      problems: this.problems,
      onClosed: (why) => {
        this.db = undefined;
        const what =
          why === 'terminated' ? 'was closed by the browser' : 'was closed for another tab';
        this.problems.report(
          'version-change',
          `The cache database '${this.name}' ${what}; it is reopened on next use`,
        );
      },
    });
  }

  async get(key: CacheKey): Promise<CacheEntry | undefined> {
    const { scope, id, plain } = await storedId(key);
    const db = await this.database();
    if (!db) return this.fallback?.get(key);
    let meta: MetaRecord | undefined;
    let sealed: Sealed | undefined;
    let scopeKey: ScopeKeyRecord | undefined;
    try {
      const tx = db.transaction(['meta', 'bytes', 'keys'], 'readonly');
      [meta, sealed, scopeKey] = await Promise.all([
        tx.objectStore('meta').get(id),
        tx.objectStore('bytes').get(id),
        this.options.encryptionKey ? undefined : readScopeKey(tx, scope),
        tx.done,
      ]);
    } catch (error) {
      this.problems.report(
        'read-failed',
        `Reading the cache database '${this.name}' failed: ${reason(error)}`,
        error,
      );
      return undefined;
    }
    if (meta === undefined && sealed === undefined) return undefined;
    let bytes: Uint8Array;
    try {
      if (!validMeta(meta, id) || !validSealed(sealed))
        throw new Error('its record is incomplete or malformed');
      const cryptoKey = this.options.encryptionKey ?? scopeKey?.key;
      if (!cryptoKey) throw new Error('the key of its scope is gone (the scope was cleared)');
      bytes = await unseal(sealed, plain, cryptoKey);
      if (bytes.byteLength !== meta.size)
        throw new Error(`it holds ${bytes.byteLength} bytes, not ${meta.size}`);
    } catch (error) {
      this.problems.report(
        'corrupt',
        `A cache entry could not be read and was discarded: ${reason(error)}`,
        error,
      );
      await this.delete(key);
      return undefined;
    }
    const lastUsed = this.now();
    // Re-read in the write: a put or refresh that ran while this one decrypted is kept.
    await writeTx(db, ['meta'], async (tx) => {
      const current = await tx.objectStore('meta').get(id);
      if (current) await tx.objectStore('meta').put({ ...current, lastUsed });
    }).catch(() => undefined);
    const entry: CacheEntry = {
      bytes,
      fetchedAt: meta.fetchedAt,
      schemaVersion: meta.schemaVersion,
      lastUsed,
    };
    if (meta.version !== undefined) entry.version = meta.version;
    return entry;
  }

  async put(key: CacheKey, record: CacheRecord): Promise<void> {
    const { scope, id, plain } = await storedId(key);
    const db = await this.database();
    if (!db) return this.fallback?.put(key, record);
    let sealed: Sealed;
    let keyId: string | undefined;
    try {
      const host = this.options.encryptionKey;
      const scopeKey = host ? undefined : await ensureScopeKey(db, scope);
      keyId = scopeKey?.keyId;
      sealed = await seal(record.bytes, plain, host ?? scopeKey?.key);
    } catch (error) {
      const why = `Encrypting a cache entry failed, so it was not stored: ${reason(error)}`;
      return this.problems.report('write-failed', why, error);
    }
    const meta: MetaRecord = {
      id,
      fetchedAt: record.fetchedAt,
      schemaVersion: record.schemaVersion,
      lastUsed: this.now(),
      size: record.bytes.byteLength,
    };
    if (record.version !== undefined) meta.version = record.version;
    const store = (): Promise<void> =>
      writeTx(db, ['meta', 'bytes', 'keys'], async (tx) => {
        // The scope was cleared while this entry was encrypted: its key is gone, and so must it be.
        if (keyId !== undefined && (await readScopeKey(tx, scope))?.keyId !== keyId) return;
        quiet(tx.objectStore('bytes').put(sealed, id));
        quiet(tx.objectStore('meta').put(meta));
      });
    try {
      await store();
      return;
    } catch (error) {
      if (!isQuotaError(error)) {
        this.problems.report(
          'write-failed',
          `Writing to the cache database '${this.name}' failed: ${reason(error)}`,
          error,
        );
        return;
      }
    }
    // Full: make room with the least recently used entries (plain sizes on both sides), then try once more.
    const freed = await evictLeastRecent(db, meta.size, id).catch(() => 0);
    try {
      if (freed === 0) throw new Error('no other entry to evict');
      await store();
    } catch (error) {
      this.problems.report(
        'quota',
        `The cache database '${this.name}' is full; a ${meta.size}-byte table was not stored (${reason(error)})`,
        error,
      );
    }
  }

  async refresh(key: CacheKey, fetchedAt: number): Promise<void> {
    const { id } = await storedId(key);
    const db = await this.database();
    if (!db) return this.fallback?.refresh(key, fetchedAt);
    await writeTx(db, ['meta'], async (tx) => {
      const meta = await tx.objectStore('meta').get(id);
      if (meta) await tx.objectStore('meta').put({ ...meta, fetchedAt, lastUsed: this.now() });
    }).catch((error) =>
      this.problems.report(
        'write-failed',
        `Updating the cache database '${this.name}' failed: ${reason(error)}`,
        error,
      ),
    );
  }

  async delete(key: CacheKey): Promise<void> {
    const { id } = await storedId(key);
    const db = await this.database();
    if (!db) return this.fallback?.delete(key);
    await writeTx(db, ['meta', 'bytes'], (tx) => {
      quiet(tx.objectStore('meta').delete(id));
      quiet(tx.objectStore('bytes').delete(id));
    }).catch((error) =>
      this.problems.report(
        'write-failed',
        `Deleting from the cache database '${this.name}' failed: ${reason(error)}`,
        error,
      ),
    );
  }

  async clear(scope?: string): Promise<void> {
    markCleared(scope);
    await this.fallback?.clear(scope);
    const db = await this.database();
    if (!db) return;
    await clearDb(db, scope).catch((error) =>
      this.problems.report(
        'write-failed',
        `Clearing the cache database '${this.name}' failed: ${reason(error)}`,
        error,
      ),
    );
  }

  async count(scope?: string): Promise<number> {
    const db = await this.database();
    if (!db) return this.fallback?.count(scope) ?? 0;
    try {
      const range = scope === undefined ? undefined : scopeRange(await storedScope(scope));
      return await db.count('meta', range);
    } catch (error) {
      const why = `Counting in the cache database '${this.name}' failed: ${reason(error)}`;
      this.problems.report('read-failed', why, error);
      return 0;
    }
  }

  /** True after close(): the instance then stores nothing. */
  get isClosed(): boolean {
    return this.closed;
  }

  close(): void {
    this.closed = true;
    this.db?.close();
    this.db = undefined;
  }

  /** The open connection: reopened after another tab closed it; undefined once it cannot be. */
  private async database(): Promise<CacheDb | undefined> {
    if (this.db || this.fallback || this.closed) return this.db;
    this.reconnecting ??= this.connect().then(
      (db) => (this.db = db),
      () => {
        this.fallback = new MemoryCache({ maxBytes: this.options.maxMemoryBytes, now: this.now });
        return undefined;
      },
    );
    try {
      return await this.reconnecting;
    } finally {
      this.reconnecting = undefined;
    }
  }
}

export { clearDb, isQuotaError, DEFAULT_DB_NAME };
