// The cache in memory: for `cache="memory"`, and where IndexedDB is missing or broken.
import { markCleared } from './clear-generation.js';
import { encodeKey, inScope } from './key.js';
import type { Cache, CacheEntry, CacheKey, CacheRecord } from './types.js';

export interface MemoryCacheOptions {
  /** Upper bound on the stored bytes; least recently used entries go first. Default 64 MiB. */
  maxBytes?: number;
  now?: () => number;
}

export const DEFAULT_MEMORY_BYTES = 64 * 1024 * 1024;

/** A byte budget (the default when omitted), or a RangeError naming the option. */
export function checkMaxBytes(value: unknown, what: string): number {
  const max = value ?? DEFAULT_MEMORY_BYTES;
  if (!(typeof max === 'number' && max >= 0)) {
    throw new RangeError(`${what} must be a number >= 0; got ${String(max)}`);
  }
  return max;
}

export class MemoryCache implements Cache {
  readonly kind = 'memory' as const;
  readonly maxBytes: number;
  /** A Map keeps insertion order: re-inserting on use makes its first key the least recently used. */
  private readonly entries = new Map<string, CacheEntry>();
  private bytes = 0;
  private readonly now: () => number;

  constructor(options: MemoryCacheOptions = {}) {
    this.maxBytes = checkMaxBytes(options.maxBytes, 'MemoryCache maxBytes');
    this.now = options.now ?? Date.now;
  }

  /** Bytes held now. */
  get size(): number {
    return this.bytes;
  }

  async get(key: CacheKey): Promise<CacheEntry | undefined> {
    const id = encodeKey(key);
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    this.entries.delete(id);
    const used = { ...entry, lastUsed: this.now() };
    this.entries.set(id, used);
    return { ...used };
  }

  async put(key: CacheKey, record: CacheRecord): Promise<void> {
    const id = encodeKey(key);
    this.remove(id);
    const size = record.bytes.byteLength;
    // An entry larger than the whole budget would evict everything and still not fit.
    if (size > this.maxBytes) return;
    while (this.bytes + size > this.maxBytes) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      this.remove(oldest.value);
    }
    // A copy: the caller may transfer or reuse its buffer.
    const entry: CacheEntry = { ...record, bytes: record.bytes.slice(), lastUsed: this.now() };
    this.entries.set(id, entry);
    this.bytes += size;
  }

  async refresh(key: CacheKey, fetchedAt: number): Promise<void> {
    const entry = this.entries.get(encodeKey(key));
    if (entry) entry.fetchedAt = fetchedAt;
  }

  async delete(key: CacheKey): Promise<void> {
    this.remove(encodeKey(key));
  }

  async clear(scope?: string): Promise<void> {
    markCleared(scope);
    for (const id of [...this.entries.keys()]) if (inScope(id, scope)) this.remove(id);
  }

  async count(scope?: string): Promise<number> {
    let n = 0;
    for (const id of this.entries.keys()) if (inScope(id, scope)) n++;
    return n;
  }

  close(): void {
    // Nothing to release; entries stay until cleared, as a closed IndexedDB keeps its data.
  }

  private remove(id: string): void {
    const entry = this.entries.get(id);
    if (!entry) return;
    this.entries.delete(id);
    this.bytes -= entry.bytes.byteLength;
  }
}
