// Arrow IPC bytes to a table, or a format error: what every path that meets Arrow bytes
// uses (the Arrow and JSON adapters, any adapter answering bytes, the cache), through
// arrow-decode.ts. Part of the Arrow codec's chunk, loaded on first use.
import { table as arqueroTable } from 'arquero';
import type { ColumnTable } from 'arquero';
import { tableFromIPC } from '@uwdata/flechette';
import { ArrowShapeError, checkArrowShape } from './arrow-check.js';
import { MAX_COLUMNS, storedName } from '../data/column-name.js';
import { AdapterError } from './errors.js';

/**
 * The table in Arrow IPC bytes (stream or file format), or a format error (SPEC §5):
 * bytes whose lengths do not fit (checked before decoding: see arrow-check.ts), that
 * the decoder refuses, or that hold no schema, no column or no whole number of rows
 * are never an empty table. A column named `__proto__` keeps its name (column-name.ts).
 * `noColumns` accepts a table without columns: what the cache stores for a table a
 * source does not have, never what a source answers.
 */
export function decodeArrow(
  bytes: Uint8Array | ArrayBuffer,
  source: string,
  { noColumns = false } = {},
): ColumnTable {
  const data = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  const invalid = (reason: string, cause?: unknown) =>
    new AdapterError(
      'malformed',
      source,
      `${source} is not valid Arrow IPC: ${reason}`,
      cause === undefined ? {} : { cause },
    );
  try {
    checkArrowShape(data, { maxColumns: MAX_COLUMNS });
  } catch (error) {
    if (error instanceof ArrowShapeError) throw invalid(error.message);
    throw error;
  }
  let table: ColumnTable;
  try {
    const arrow = tableFromIPC(data, { useDate: true });
    // Arrow columns as they are, as Arquero's fromArrow keeps them, dictionary ones too:
    // its dictionary wrapper reads a last batch that a table of no rows lacks, and marks
    // nulls past a batch's end in the keys; validation reads the batches' keys itself.
    const names = [...new Set(arrow.schema.fields.map((f) => f.name))];
    const columns = Object.fromEntries(names.map((n) => [storedName(n), arrow.getChild(n)]));
    table = arqueroTable(columns as unknown as Record<string, unknown[]>, names.map(storedName));
  } catch (error) {
    throw invalid(error instanceof Error ? error.message : String(error), error);
  }
  if (table.numCols() === 0 && !noColumns) throw invalid('it has no columns');
  if (!Number.isSafeInteger(table.numRows())) throw invalid('its row count is not a whole number');
  return table;
}
