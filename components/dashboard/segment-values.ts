// The values the dashboard's segment list offers: the distinct values of a customer
// attribute, read from the customers table of the source the widgets share, so the
// table is loaded once for all of them.
import { frameOf } from '../../src/data/frame.js';
import type { Source } from '../../src/source/source.js';

/** Sorted non-empty values of `by` (empty when the customers table lacks the column). */
export async function segmentValues(source: Source, by: string): Promise<string[]> {
  const { tables } = await source.load(['customers']);
  const t = tables.customers;
  if (!t || !frameOf(t).has(by)) return [];
  return [...frameOf(t).dict(by).values].filter((v) => v !== '').sort((a, b) => a.localeCompare(b));
}
