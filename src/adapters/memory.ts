// In-memory tables given by the host: arrays of row objects or Arquero tables.
import { table as aqTable } from 'arquero';
import type { ColumnTable } from 'arquero';
import { applyFieldMap, toTable } from '../data/fields.js';
import { loadArrowFor } from './arrow-codec.js';
import type { TableName, Tables } from '../data/schema.js';
import { TABLE_NAMES } from '../data/schema.js';
import { uniqueId } from './adapter-id.js';
import { throwIfAborted } from './errors.js';
import type { Adapter, FieldMap, LoadRequest } from './types.js';

export interface MemoryAdapterOptions {
  /** Default: a per-instance id (pass a stable one for caching across page loads). */
  id?: string;
  fields?: FieldMap;
}

/**
 * Serves the whole table whatever `from`/`to` say: the data is already here, and the
 * metrics apply their ranges themselves, so filtering here would only copy it.
 * `columns` is ignored for the same reason.
 */
export class MemoryAdapter implements Adapter {
  readonly id: string;
  private readonly tables: Tables;
  private readonly fields?: FieldMap;
  /** Rows are turned into columns once per table, on first use. */
  private readonly built = new Map<TableName, ColumnTable>();

  constructor(tables: Tables = {}, options: MemoryAdapterOptions = {}) {
    for (const key of Object.keys(tables)) {
      if (!(TABLE_NAMES as readonly string[]).includes(key)) {
        throw new TypeError(
          `MemoryAdapter: '${key}' is not a table; expected ${TABLE_NAMES.join(', ')}`,
        );
      }
    }
    this.tables = { ...tables };
    this.fields = options.fields;
    this.id = options.id ?? uniqueId('memory');
  }

  async load(request: LoadRequest, signal?: AbortSignal): Promise<ColumnTable> {
    throwIfAborted(`memory table ${request.table}`, signal);
    let table = this.built.get(request.table);
    if (!table) {
      const input = this.tables[request.table];
      await loadArrowFor(input);
      table =
        input === undefined || input === null
          ? aqTable({})
          : applyFieldMap(toTable(input), request.table, this.fields);
      this.built.set(request.table, table);
    }
    return table;
  }
}
