// Opening the IndexedDB database: with a deadline (a broken profile can leave
// `indexedDB.open` pending forever), and with the handlers that let another tab
// upgrade or delete the database instead of being blocked by this one.
import { openDB } from 'idb';
import type { DBSchema, IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import { hasWebCrypto, type ScopeKeyRecord } from './at-rest.js';
import type { Sealed } from './crypto.js';
import type { ProblemReporter } from './problems.js';
import { reason } from './problems.js';

export { DEFAULT_DB_NAME, DEFAULT_OPEN_TIMEOUT_MS } from './idb-defaults.js';
/**
 * Raise when the layout below changes; `upgrade` creates what is missing. Version 2
 * hashed the record ids and added the scopes' keys (at-rest.ts).
 */
export const DB_VERSION = 2;

/** The metadata of one entry, apart from its bytes so a read can touch `lastUsed` cheaply. */
export interface MetaRecord {
  id: string;
  fetchedAt: number;
  version?: string;
  schemaVersion: number;
  lastUsed: number;
  /** Plain byte length, checked on read. */
  size: number;
}

export interface CacheSchema extends DBSchema {
  meta: { key: string; value: MetaRecord; indexes: { lastUsed: number } };
  bytes: { key: string; value: Sealed };
  /** Each scope's AES-GCM key, under the scope's digest (none with a host key). */
  keys: { key: string; value: ScopeKeyRecord };
}

export type CacheDb = IDBPDatabase<CacheSchema>;

/**
 * Creates what the layout lacks; every version's upgrade runs it. Records of version 1
 * sit under ids that name their scope, URL and table, unencrypted unless the host gave
 * a key: they are deleted, not carried over (a cache refills).
 */
export function createStores(
  database: CacheDb,
  oldVersion = 0,
  _newVersion?: number | null,
  tx?: IDBPTransaction<CacheSchema, StoreNames<CacheSchema>[], 'versionchange'>,
): void {
  const has = (name: StoreNames<CacheSchema>): boolean => database.objectStoreNames.contains(name);
  if (oldVersion === 1 && tx) {
    // A failure aborts the upgrade, and the open reports it.
    if (has('meta'))
      tx.objectStore('meta')
        .clear()
        .catch(() => undefined);
    if (has('bytes'))
      tx.objectStore('bytes')
        .clear()
        .catch(() => undefined);
  }
  if (!has('meta')) {
    database.createObjectStore('meta', { keyPath: 'id' }).createIndex('lastUsed', 'lastUsed');
  }
  if (!has('bytes')) database.createObjectStore('bytes');
  if (!has('keys')) database.createObjectStore('keys');
}

/** Why a database could not be opened; its problem has been reported already. */
export class CacheOpenError extends Error {
  constructor(
    readonly code: 'unavailable' | 'open-failed' | 'open-timeout',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'CacheOpenError';
  }
}

export interface OpenDbOptions {
  name: string;
  version: number;
  timeoutMs: number;
  problems: ProblemReporter;
  /** Another connection wants to upgrade or delete: this one has been closed. */
  onClosed: (why: 'version-change' | 'terminated') => void;
}

export async function openCacheDb(options: OpenDbOptions): Promise<CacheDb> {
  const { name, version, timeoutMs, problems } = options;
  if (typeof globalThis.indexedDB === 'undefined' || globalThis.indexedDB === null) {
    return fail(
      problems,
      'unavailable',
      'IndexedDB is not available here; the cache keeps tables in memory',
    );
  }
  if (!hasWebCrypto()) {
    return fail(
      problems,
      'unavailable',
      'WebCrypto is not available here (a page served over plain http:?); nothing is written to disk unencrypted, so the cache keeps tables in memory',
    );
  }
  let db: CacheDb;
  const opening = (async () =>
    openDB<CacheSchema>(name, version, {
      upgrade: createStores,
      blocked(current) {
        problems.report(
          'blocked',
          `Opening the cache database '${name}' at version ${version} waits for another tab that holds version ${current} open`,
        );
      },
      blocking(_current, _wanted, event) {
        // Close at once so the other tab's upgrade or deletion goes ahead; reopen on next use.
        (event.target as IDBDatabase).close();
        options.onClosed('version-change');
      },
      terminated() {
        options.onClosed('terminated');
      },
    }))();
  try {
    db = await withDeadline(opening, timeoutMs);
  } catch (error) {
    if (error instanceof OpenTimeoutError) {
      return fail(
        problems,
        'open-timeout',
        `The cache database '${name}' did not open within ${timeoutMs} ms; the cache keeps tables in memory`,
      );
    }
    return fail(
      problems,
      'open-failed',
      `The cache database '${name}' could not be opened (${reason(error)}); the cache keeps tables in memory`,
      error,
    );
  }
  if (!(['meta', 'bytes', 'keys'] as const).every((store) => db.objectStoreNames.contains(store))) {
    db.close();
    return fail(
      problems,
      'open-failed',
      `The database '${name}' exists without the cache's stores (another program's database?); the cache keeps tables in memory`,
    );
  }
  return db;
}

/** A database that did not open within its deadline. */
export class OpenTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`it did not open within ${timeoutMs} ms`);
    this.name = 'OpenTimeoutError';
  }
}

/**
 * The connection `opening` gives, or an OpenTimeoutError after `timeoutMs`: a broken
 * profile can leave `indexedDB.open` pending forever. A connection that opens after
 * the deadline is closed at once, so it blocks no other tab's upgrade or deletion.
 */
export async function withDeadline<T extends { close(): void }>(
  opening: Promise<T>,
  timeoutMs: number,
): Promise<T> {
  let timedOut = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  opening.then(
    (late) => (timedOut ? late.close() : undefined),
    () => undefined,
  );
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      timedOut = true;
      reject(new OpenTimeoutError(timeoutMs));
    }, timeoutMs);
  });
  try {
    return await Promise.race([opening, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

function fail(
  problems: ProblemReporter,
  code: CacheOpenError['code'],
  message: string,
  cause?: unknown,
): never {
  problems.report(code, message, cause);
  throw new CacheOpenError(code, message, cause === undefined ? undefined : { cause });
}
