// The cache in memory: for `cache="memory"`, and where IndexedDB is missing or broken.
// It keeps entries of bytes (`put`) and, for tables, the table object itself (`hold`):
// nothing is encoded to be kept in the same page that made it.
import { markCleared } from './clear-generation.js';
import { encodeKey, inScope } from './key.js';
import type { Cache, CacheEntry, CacheKey, CacheRecord, HeldEntry, HeldRecord } from './types.js';

type Stored = CacheEntry | HeldEntry;

const sizeOf = (entry: Stored): number => ('bytes' in entry ? entry.bytes.byteLength : entry.size);

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
  private readonly entries = new Map<string, Stored>();
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
    const entry = this.touch(encodeKey(key));
    return entry && 'bytes' in entry ? { ...entry } : undefined;
  }

  async held(key: CacheKey): Promise<HeldEntry | undefined> {
    const entry = this.touch(encodeKey(key));
    return entry && 'value' in entry ? { ...entry } : undefined;
  }

  async put(key: CacheKey, record: CacheRecord): Promise<void> {
    // A copy: the caller may transfer or reuse its buffer.
    this.insert(encodeKey(key), { ...record, bytes: record.bytes.slice(), lastUsed: this.now() });
  }

  async hold(key: CacheKey, record: HeldRecord): Promise<void> {
    if (!(typeof record.size === 'number' && record.size >= 0)) {
      throw new RangeError(`a held entry needs a size >= 0; got ${String(record.size)}`);
    }
    this.insert(encodeKey(key), { ...record, lastUsed: this.now() });
  }

  /** The entry, moved to the most recently used end. */
  private touch(id: string): Stored | undefined {
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    this.entries.delete(id);
    const used = { ...entry, lastUsed: this.now() };
    this.entries.set(id, used);
    return used;
  }

  private insert(id: string, entry: Stored): void {
    this.remove(id);
    const size = sizeOf(entry);
    // An entry larger than the whole budget would evict everything and still not fit.
    if (size > this.maxBytes) return;
    while (this.bytes + size > this.maxBytes) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      this.remove(oldest.value);
    }
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
    this.bytes -= sizeOf(entry);
  }
}
