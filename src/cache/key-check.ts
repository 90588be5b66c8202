// The check of a host's encryption key, made when the cache is configured: apart from
// crypto.ts, whose sealing is in the persistent cache's chunk.

/** Throws a precise TypeError for a key that cannot encrypt with AES-GCM. */
export function checkEncryptionKey(key: unknown): asserts key is CryptoKey {
  const k = key as Partial<CryptoKey> | null;
  const name = (k?.algorithm as { name?: string } | undefined)?.name;
  if (k === null || typeof k !== 'object' || name !== 'AES-GCM') {
    throw new TypeError(
      `cache encryptionKey must be a WebCrypto AES-GCM CryptoKey; got ${name ? `a ${name} key` : typeof key}`,
    );
  }
  const usages = k.usages ?? [];
  if (!usages.includes('encrypt') || !usages.includes('decrypt')) {
    throw new TypeError(
      `cache encryptionKey must allow 'encrypt' and 'decrypt'; its usages are ${usages.join(', ') || 'none'}`,
    );
  }
}
