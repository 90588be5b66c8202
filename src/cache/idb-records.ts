// The records of the cache database: checks on what is read back, and whole-scope deletes.
import type { Sealed } from './crypto.js';
import { IV_BYTES } from './crypto.js';
import type { IDBPTransaction } from 'idb';
import type { CacheDb, CacheSchema, MetaRecord } from './idb-open.js';
import { hasWebCrypto, scopeRange, storedScope } from './at-rest.js';

/** A request's own rejection is only an echo of its transaction's failure, which tx.done reports. */
export function quiet(request: Promise<unknown>): void {
  request.catch(() => undefined);
}

export function isQuotaError(error: unknown): boolean {
  return (error as { name?: unknown } | null)?.name === 'QuotaExceededError';
}

/**
 * Deletes a scope's entries (all when omitted) from an open cache database; rejects on
 * failure. The scope's key goes first, in a transaction of its own: should deleting the
 * entries then fail, what is left can no longer be read. A database of the first layout
 * (no `keys` store, ids in the clear) or a page without WebCrypto to hash the scope with
 * loses every entry: a logout must not leave one behind.
 */
export async function clearDb(db: CacheDb, scope?: string): Promise<void> {
  const layout2 = db.objectStoreNames.contains('keys');
  const hashed =
    scope !== undefined && layout2 && hasWebCrypto() ? await storedScope(scope) : undefined;
  if (layout2) {
    const keys = db.transaction('keys', 'readwrite');
    quiet(hashed === undefined ? keys.store.clear() : keys.store.delete(hashed));
    await keys.done;
  }
  const tx = db.transaction(['meta', 'bytes'], 'readwrite');
  const range = hashed === undefined ? undefined : scopeRange(hashed);
  for (const name of ['meta', 'bytes'] as const) {
    const store = tx.objectStore(name);
    quiet(range ? store.delete(range) : store.clear());
  }
  await tx.done;
}

export function validMeta(meta: MetaRecord | undefined, id: string): meta is MetaRecord {
  return (
    meta !== null &&
    typeof meta === 'object' &&
    meta.id === id &&
    Number.isFinite(meta.fetchedAt) &&
    Number.isFinite(meta.schemaVersion) &&
    Number.isInteger(meta.size) &&
    (meta.version === undefined || typeof meta.version === 'string')
  );
}

export function validSealed(sealed: Sealed | undefined): sealed is Sealed {
  return (
    sealed !== null &&
    typeof sealed === 'object' &&
    sealed.data instanceof Uint8Array &&
    (sealed.iv === undefined ||
      (sealed.iv instanceof Uint8Array && sealed.iv.byteLength === IV_BYTES))
  );
}

export type StoreName = 'meta' | 'bytes' | 'keys';

/** One readwrite transaction; rejects with the transaction's own error (a quota error, say). */
export async function writeTx(
  db: CacheDb,
  stores: StoreName[],
  body: (tx: IDBPTransaction<CacheSchema, StoreName[], 'readwrite'>) => unknown,
): Promise<void> {
  const tx = db.transaction(stores, 'readwrite');
  // Request promises reject with AbortError when the transaction fails; tx.done tells why.
  const done = tx.done;
  try {
    await body(tx);
  } catch (error) {
    done.catch(() => undefined);
    try {
      tx.abort();
    } catch {
      // Already finished or aborted: nothing was left to undo.
    }
    throw error;
  }
  await done.catch((error: unknown) => {
    throw tx.error ?? error;
  });
}

/** Deletes least recently used entries (never `keep`) until `needed` bytes are freed; returns how many. */
export async function evictLeastRecent(db: CacheDb, needed: number, keep: string): Promise<number> {
  let freed = 0;
  let count = 0;
  await writeTx(db, ['meta', 'bytes'], async (tx) => {
    let cursor = await tx.objectStore('meta').index('lastUsed').openCursor();
    while (cursor && freed < needed) {
      if (cursor.value.id !== keep) {
        freed += cursor.value.size;
        count++;
        quiet(tx.objectStore('bytes').delete(cursor.value.id));
        quiet(cursor.delete());
      }
      cursor = await cursor.continue();
    }
  });
  return count;
}
