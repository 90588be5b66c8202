// The values the dashboard's segment list offers: the distinct values of a customer
// attribute, asked as a `values` query through the coordinator — computed at the source
// when it computes queries (the customers table never leaves it), else from the
// customers table the widgets share, loaded once for all of them.
import { byCodePoint } from '../../src/metrics/values.js';
import type { ValuesRow } from '../../src/metrics/values.js';
import { coordinator } from '../../src/source/coordinator.js';
import type { Source } from '../../src/source/source.js';

/** Non-empty values of `by`, sorted for people (rejects when the customers table lacks the column). */
export async function segmentValues(source: Source, by: string, locale?: string): Promise<string[]> {
  const { rows } = await coordinator.run({ metric: 'values', options: { table: 'customers', column: by } }, source);
  const values = (rows as unknown as ValuesRow[]).map((r) => r.value);
  return values.sort((a, b) => a.localeCompare(b, locale) || byCodePoint(a, b));
}
