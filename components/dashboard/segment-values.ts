// The values the dashboard's segment list offers: the distinct values of a
// customer attribute, read from the customers table through the same cache and
// store as the widgets, so the table is loaded once for all of them.
import type { Adapter } from '../../src/adapters/types.js';
import { frameOf } from '../../src/data/frame.js';
import type { TableStore } from '../../src/data/store.js';
import { cachedSource } from '../shared/cached-source.js';
import type { ResolvedCache } from '../shared/cached-source.js';

/** Sorted non-empty values of `by` (empty when the customers table lacks the column). */
export async function segmentValues(store: TableStore, cache: ResolvedCache, host: Element, by: string): Promise<string[]> {
  const through: Adapter = await cachedSource(store.adapter, cache, host);
  store.loadThrough(through);
  const { tables } = await store.load(['customers']);
  const t = tables.customers;
  if (!t || !frameOf(t).has(by)) return [];
  return [...frameOf(t).dict(by).values].filter((v) => v !== '').sort((a, b) => a.localeCompare(b));
}
