// What the persistent cache writes instead of names: record ids and scopes as SHA-256
// digests, and a non-extractable AES-GCM key per scope (SPEC §5). Someone who reads
// the browser profile sees hex digests, sizes and times — no user or tenant id, API
// URL, table name, range or row — and ciphertext that no key they can export opens.
//
// A record's id is `sha256(scope)|sha256(full key)`: a scope's records still share a
// prefix, so a logout deletes them as one key range. The full key in the clear is the
// AES-GCM additional data (crypto.ts), never stored: an entry copied under another
// id fails authentication.
import type { IDBPTransaction } from 'idb';
import type { CacheDb, CacheSchema } from './idb-open.js';
import { encodeKey, scopePrefix } from './key.js';
import type { CacheKey } from './types.js';

const SEP = '|';
const encoder = new TextEncoder();

/** A scope's key as kept in the `keys` store, under the scope's digest. */
export interface ScopeKeyRecord {
  key: CryptoKey;
  /** Random, so a write can tell the key it encrypted with is still the scope's key. */
  keyId: string;
}

/** True where WebCrypto's digest and AES-GCM are usable (a secure context). */
export function hasWebCrypto(): boolean {
  return typeof globalThis.crypto?.subtle?.digest === 'function';
}

async function sha256Hex(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(text)));
  let hex = '';
  for (const byte of digest) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

/** The scope as stored: its SHA-256, hex. */
export function storedScope(scope: string): Promise<string> {
  scopePrefix(scope); // validates
  return sha256Hex(`scope${SEP}${scope}`);
}

/** Where a record is stored, and the plain key its ciphertext is bound to. */
export interface StoredId {
  scope: string;
  id: string;
  /** The full key in the clear: the AES-GCM additional data, never written. */
  plain: string;
}

export async function storedId(key: CacheKey): Promise<StoredId> {
  const plain = encodeKey(key);
  const scope = await storedScope(key.scope);
  return { scope, id: `${scope}${SEP}${await sha256Hex(`key${SEP}${plain}`)}`, plain };
}

/** The ids of a scope's records, as an IndexedDB key range (hex sorts below U+FFFF). */
export function scopeRange(scope: string): IDBKeyRange {
  return IDBKeyRange.bound(`${scope}${SEP}`, `${scope}${SEP}\uffff`);
}

function randomId(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) =>
    b.toString(16).padStart(2, '0'),
  ).join('');
}

/**
 * The scope's key, made and stored when it has none. Made before the transaction
 * (WebCrypto's promises would let an IndexedDB transaction close), then added only if
 * no other tab stored one meanwhile: every tab of a scope ends up with the same key.
 */
export async function ensureScopeKey(db: CacheDb, scope: string): Promise<ScopeKeyRecord> {
  const found = await db.get('keys', scope);
  if (isScopeKey(found)) return found;
  const fresh: ScopeKeyRecord = {
    key: await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, [
      'encrypt',
      'decrypt',
    ]),
    keyId: randomId(),
  };
  const tx = db.transaction('keys', 'readwrite');
  const current = await tx.store.get(scope);
  const kept = isScopeKey(current) ? current : fresh;
  if (kept === fresh) await tx.store.put(fresh, scope);
  await tx.done;
  return kept;
}

type KeysTx = IDBPTransaction<CacheSchema, ('meta' | 'bytes' | 'keys')[], 'readonly' | 'readwrite'>;

/** The scope's key read inside `tx`, or undefined when it has none (never made, or cleared). */
export async function readScopeKey(tx: KeysTx, scope: string): Promise<ScopeKeyRecord | undefined> {
  const found: unknown = await tx.objectStore('keys').get(scope);
  return isScopeKey(found) ? found : undefined;
}

export function isScopeKey(value: unknown): value is ScopeKeyRecord {
  const v = value as Partial<ScopeKeyRecord> | null | undefined;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.keyId === 'string' &&
    typeof CryptoKey !== 'undefined' &&
    v.key instanceof CryptoKey &&
    v.key.algorithm.name === 'AES-GCM'
  );
}
