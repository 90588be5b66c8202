// The string form of a cache key. The scope comes first, and every part is
// percent-encoded so the separator never occurs inside one: all keys of a scope
// then share the prefix `scopePrefix(scope)`, which IndexedDB can delete as one
// key range, and no scope's prefix is the prefix of another scope's keys.
import { toIso } from '../adapters/json.js';
import type { TimeInput } from '../adapters/types.js';
import type { CacheKey } from './types.js';

const SEP = '|';

/** The stable string of a key; `from`/`to` as ISO instants, so a Date and its ISO string match. */
export function encodeKey(key: CacheKey): string {
  checkKey(key);
  const columns = key.columns ? [...key.columns].sort().map(encodeURIComponent).join(',') : '*';
  const parts = [
    scopePrefix(key.scope).slice(0, -1),
    encodeURIComponent(key.adapterId),
    encodeURIComponent(key.table),
    time(key.from, 'from'),
    time(key.to, 'to'),
    columns,
  ];
  // A query's answer (a digest of the query): table keys keep the form they always had.
  if (key.query !== undefined) parts.push(`q:${encodeURIComponent(key.query)}`);
  return parts.join(SEP);
}

/** What every key of the scope starts with (the separator included). */
export function scopePrefix(scope: string): string {
  checkScope(scope);
  return `${encodeURIComponent(scope)}${SEP}`;
}

/** The scope an encoded key belongs to. */
export function scopeOf(encoded: string): string {
  return decodeURIComponent(encoded.slice(0, encoded.indexOf(SEP)));
}

/** True when the encoded key belongs to the scope (or when no scope is given). */
export function inScope(encoded: string, scope?: string): boolean {
  return scope === undefined || encoded.startsWith(scopePrefix(scope));
}

/**
 * The upper bound of a scope's key range: every percent-encoded character is
 * ASCII, so any key of the scope sorts below the prefix followed by U+FFFF.
 */
export function scopeUpperBound(scope: string): string {
  return `${scopePrefix(scope)}\uffff`;
}

function time(value: TimeInput | undefined, name: string): string {
  return value === undefined ? '' : toIso(value, name);
}

function checkScope(scope: unknown): void {
  if (typeof scope !== 'string') {
    throw new TypeError(
      `cache scope must be a string (a user or tenant id; '' for data shared by everyone); got ${typeof scope}`,
    );
  }
}

function checkKey(key: CacheKey): void {
  if (key === null || typeof key !== 'object') {
    throw new TypeError(
      `cache key must be an object { scope, adapterId, table }; got ${String(key)}`,
    );
  }
  checkScope(key.scope);
  for (const name of ['adapterId', 'table'] as const) {
    if (typeof key[name] !== 'string' || key[name] === '') {
      throw new TypeError(
        `cache key ${name} must be a non-empty string; got ${JSON.stringify(key[name])}`,
      );
    }
  }
}
