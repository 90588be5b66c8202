// Helpers for the IndexedDB tests: unique database names, raw access, and faults.
import { openDB } from 'idb';

let n = 0;

/** A database name no other test uses. */
export function uniqueName(label: string): string {
  n += 1;
  return `pulso-test-${label}-${n}-${Math.random().toString(36).slice(2, 8)}`;
}

export function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = request.onerror = request.onblocked = () => resolve();
  });
}

/** What is really stored: the keys of both stores, read through a connection of their own. */
export async function storedKeys(name: string): Promise<{ meta: string[]; bytes: string[] }> {
  const db = await openDB(name);
  try {
    const has = (s: string): boolean => db.objectStoreNames.contains(s);
    return {
      meta: has('meta') ? ((await db.getAllKeys('meta')) as string[]) : [],
      bytes: has('bytes') ? ((await db.getAllKeys('bytes')) as string[]) : [],
    };
  } finally {
    db.close();
  }
}

/** Replaces a global for the duration of `body`, whatever it does. */
export async function withGlobal<T>(
  name: string,
  value: unknown,
  body: () => Promise<T>,
): Promise<T> {
  const original = Object.getOwnPropertyDescriptor(globalThis, name);
  Object.defineProperty(globalThis, name, { value, configurable: true, writable: true });
  try {
    return await body();
  } finally {
    if (original) Object.defineProperty(globalThis, name, original);
    else delete (globalThis as Record<string, unknown>)[name];
  }
}

/**
 * An IDBFactory whose `open` never answers (a wedged browser profile): the request
 * is a real IDBOpenDBRequest by prototype, whose events never fire.
 */
export function hangingFactory(): IDBFactory {
  const open = (): IDBOpenDBRequest =>
    Object.assign(Object.create(IDBOpenDBRequest.prototype) as IDBOpenDBRequest, {
      addEventListener() {},
      removeEventListener() {},
    });
  return {
    open,
    deleteDatabase: () => open(),
    cmp: indexedDB.cmp.bind(indexedDB),
  } as unknown as IDBFactory;
}

/** An IDBFactory whose `open` throws, as Firefox's private mode once did. */
export function throwingFactory(): IDBFactory {
  return {
    open: () => {
      throw new DOMException('The operation is insecure.', 'SecurityError');
    },
  } as unknown as IDBFactory;
}

/**
 * Makes the next `times` puts into the store named `store` throw a QuotaExceededError,
 * as a full disk does; returns the restore function.
 */
export function failPuts(store: string, times: number): () => void {
  const put = IDBObjectStore.prototype.put;
  let left = times;
  IDBObjectStore.prototype.put = function (
    this: IDBObjectStore,
    ...args: Parameters<IDBObjectStore['put']>
  ) {
    if (this.name === store && left > 0) {
      left -= 1;
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    }
    return put.apply(this, args);
  };
  return () => {
    IDBObjectStore.prototype.put = put;
  };
}
