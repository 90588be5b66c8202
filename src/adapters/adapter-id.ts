// Adapter ids, for the adapters' constructors (kept apart from body.ts, which only loads need).
let counter = 0;

/**
 * An id for data that has no address (inline text, bytes, rows). It is unique per
 * instance, so two adapters never share cache entries, and differs across page
 * loads, so a persistent cache never serves data the host has since changed.
 * Hosts that want persistent caching for such data pass their own `id`.
 */
export function uniqueId(prefix: string): string {
  counter += 1;
  return `${prefix}:${counter}-${Math.random().toString(36).slice(2, 10)}`;
}

/** A stable id from the addresses of the tables (sorted, so option order does not matter). */
export function addressId(prefix: string, urls: Partial<Record<string, string>>): string {
  const entries = Object.entries(urls).filter(
    (e): e is [string, string] => typeof e[1] === 'string',
  );
  entries.sort((a, b) => (a[0] < b[0] ? -1 : 1));
  return `${prefix}:${entries.map(([table, url]) => `${table}=${url}`).join('&')}`;
}
