// Encryption at rest with the host's WebCrypto AES-GCM key. The key string is the
// additional authenticated data, so bytes copied under another key (another scope,
// table or range) fail to decrypt instead of being served there.

/** AES-GCM's recommended IV length. */
export const IV_BYTES = 12;

export interface Sealed {
  data: Uint8Array;
  /** Present when `data` is ciphertext. */
  iv?: Uint8Array;
}

export { checkEncryptionKey } from './key-check.js';

const encoder = new TextEncoder();

export async function seal(bytes: Uint8Array, id: string, key?: CryptoKey): Promise<Sealed> {
  if (!key) return { data: bytes };
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const data = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: encoder.encode(id) },
    key,
    bytes as Uint8Array<ArrayBuffer>,
  );
  return { data: new Uint8Array(data), iv };
}

/** The plain bytes; rejects when the entry was not sealed with this key under this id. */
export async function unseal(sealed: Sealed, id: string, key?: CryptoKey): Promise<Uint8Array> {
  if (!key) {
    if (sealed.iv) throw new Error('the entry is encrypted and this cache has no encryption key');
    return sealed.data;
  }
  if (!sealed.iv) throw new Error('the entry is not encrypted but this cache requires encryption');
  const plain = await crypto.subtle.decrypt(
    {
      name: 'AES-GCM',
      iv: sealed.iv as Uint8Array<ArrayBuffer>,
      additionalData: encoder.encode(id),
    },
    key,
    sealed.data as Uint8Array<ArrayBuffer>,
  );
  return new Uint8Array(plain);
}
