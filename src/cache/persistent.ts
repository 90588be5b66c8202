// The persistent cache as one piece loaded on first use (src/cache/persistent-load.ts):
// IndexedDB through `idb`, encryption at rest, the entry codec. A page whose widgets keep
// their tables in memory (the default without a `cache-scope`) never fetches it; dist/pulso.js
// has it as a chunk of its own (dist/pulso/persistent-*.js).
import { openDB } from 'idb';
import { clearDb } from './idb-records.js';
import type { CacheSchema } from './idb-open.js';
import { createStores, DEFAULT_OPEN_TIMEOUT_MS, withDeadline } from './idb-open.js';

export { IdbCache, openIdbCache } from './idb.js';

/** Empties a scope (or everything) in database `name`, opened as it is, through a connection of its own. */
export async function clearDatabase(name: string, scope?: string): Promise<void> {
  // No version: the database is opened as it is. One that did not exist gets the
  // cache's stores, so a later openCache finds its layout rather than an empty shell.
  const opening = openDB<CacheSchema>(name, undefined, {
    upgrade: createStores,
    blocking: (_current, _wanted, event) => (event.target as IDBDatabase).close(),
  });
  const db = await withDeadline(opening, DEFAULT_OPEN_TIMEOUT_MS);
  try {
    if (db.objectStoreNames.contains('meta') && db.objectStoreNames.contains('bytes'))
      await clearDb(db, scope);
  } finally {
    db.close();
  }
}
