// Answers kept by the handler for a source that cannot change while it serves (a DuckDB
// file opened read-only, or one the host declares immutable): a dashboard drawn again,
// by anyone of the same scope, costs no scan. Keyed by the caller's scope and the
// effective query (which holds the caller's row-level filters and the server's k), so
// an answer never reaches another scope. Bounded by entries and by bytes (the answers'
// JSON), the least recently used dropped first. Free of Node: cli-cache.ts keeps it on disk.
import type { Row } from '../data/schema.js';
import { rowExtras, withExtras } from '../query/extras.js';
import { queryKey, type MetricQuery } from '../query/types.js';
import { jsonText } from './replies.js';

export interface AnswerCacheOptions {
  /** Most answers kept. Default 2,000. */
  maxEntries?: number;
  /** Most bytes of answers kept (their JSON text). Default 64 MiB. */
  maxBytes?: number;
}

/** One kept answer as it is written down: its key, rows and the rows' extras (retention's `excluded`). */
export interface StoredAnswer {
  key: string;
  rows: Row[];
  extras?: Record<string, unknown>;
}

interface Entry {
  rows: Row[];
  bytes: number;
}

/** The key of `query` (as the server computes it) for callers of `scope`. */
export function answerKey(scope: string, query: MetricQuery): string {
  return `${scope}\u0000${queryKey(query)}`;
}

export class AnswerCache {
  private readonly entries = new Map<string, Entry>();
  private held = 0;
  private readonly maxEntries: number;
  private readonly maxBytes: number;
  /** Called after an answer is added (to write the cache down). */
  onChange: (() => void) | undefined;

  constructor(options: AnswerCacheOptions = {}) {
    this.maxEntries = positive(options.maxEntries, 'maxEntries', 2_000);
    this.maxBytes = positive(options.maxBytes, 'maxBytes', 64 * 2 ** 20);
  }

  get size(): number {
    return this.entries.size;
  }

  get bytes(): number {
    return this.held;
  }

  /** The answer kept under `key` (now the most recently used), or undefined. */
  get(key: string): Row[] | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.rows;
  }

  /** Keeps `rows` under `key`; an answer larger than the whole budget is not kept. */
  set(key: string, rows: Row[]): void {
    const bytes = jsonText(rows).length + jsonText(rowExtras(rows) ?? null).length + key.length;
    if (bytes > this.maxBytes) return;
    this.drop(key);
    this.entries.set(key, { rows, bytes });
    this.held += bytes;
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.maxEntries && this.held <= this.maxBytes) break;
      this.drop(oldest);
    }
    this.onChange?.();
  }

  /** The keys of the answers kept, least recently used first. */
  keys(): string[] {
    return [...this.entries.keys()];
  }

  /** Every answer kept, least recently used first (what `restore` takes back). */
  dump(): StoredAnswer[] {
    return [...this.entries].map(([key, { rows }]) => {
      const extras = rowExtras(rows);
      return extras ? { key, rows: [...rows], extras } : { key, rows: [...rows] };
    });
  }

  /** Puts back what `dump` gave (in its order, so the bounds drop the least used). */
  restore(stored: readonly StoredAnswer[]): void {
    const change = this.onChange;
    this.onChange = undefined;
    try {
      for (const s of stored) this.set(s.key, withExtras([...s.rows], s.extras));
    } finally {
      this.onChange = change;
    }
  }

  private drop(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.held -= entry.bytes;
  }
}

function positive(value: number | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < 1) throw new RangeError(`AnswerCache: ${name} must be a whole number above 0; got ${String(value)}`);
  return value;
}
