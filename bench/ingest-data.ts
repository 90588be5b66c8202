// The bytes the ingest bench (bench/ingest.ts) loads: one table of the dashboard mix
// (bench/dataplane-data.ts) as a server would send it — Arrow IPC as DuckDB or pyarrow
// write it (plain UTF-8 strings, timestamp[ms], float64), a JSON array of rows and
// CSV, both with ISO 8601 times and nulls for missing values.
import type { ColumnTable } from 'arquero';
import { float64, tableFromArrays, tableToIPC, timestamp, TimeUnit, utf8 } from '@uwdata/flechette';
import { SCHEMA, type TableName } from '../src/data/schema.js';

/** The typed columns a metric reads, made ready after validation (strings come with validation's codes). */
export const FRAME_COLUMNS: Record<TableName, [string, 'time' | 'num' | 'dict'][]> = {
  customers: [['customer_id', 'dict'], ['signup_at', 'time'], ['churned_at', 'time'], ['plan', 'dict']],
  activity: [['customer_id', 'dict'], ['at', 'time'], ['event', 'dict']],
  surveys: [['at', 'time'], ['kind', 'dict'], ['score', 'num'], ['channel', 'dict']],
  tickets: [['channel', 'dict'], ['opened_at', 'time'], ['first_response_at', 'time'], ['resolved_at', 'time'], ['contacts', 'num']],
};

export interface Encoded {
  rows: number;
  arrow: Uint8Array;
  json: string;
  csv: string;
}

type Kind = 'string' | 'time' | 'number';

/** Column kinds of a raw table: canonical ones from the schema, any other as strings. */
function kinds(name: TableName, table: ColumnTable): [string, Kind][] {
  return table.columnNames().map((c) => [c, SCHEMA[name].find((s) => s.name === c)?.kind ?? 'string']);
}

/** A column as plain values: null for null or NaN, times as epoch ms. */
function plain(table: ColumnTable, name: string): (string | number | null)[] {
  const col = table.column(name) as unknown as ArrayLike<string | number | null>;
  const out = new Array<string | number | null>(table.numRows());
  for (let i = 0; i < out.length; i++) {
    const v = col[i];
    out[i] = v === undefined || v === null || (typeof v === 'number' && Number.isNaN(v)) ? null : v;
  }
  return out;
}

export function encode(name: TableName, table: ColumnTable): Encoded {
  const cols = kinds(name, table).map(([c, k]) => ({ name: c, kind: k, values: plain(table, c) }));
  const n = table.numRows();
  const types = Object.fromEntries(cols.map((c) => [c.name, c.kind === 'string' ? utf8() : c.kind === 'time' ? timestamp(TimeUnit.MILLISECOND) : float64()]));
  const arrow = tableToIPC(tableFromArrays(Object.fromEntries(cols.map((c) => [c.name, c.values])), { types }), { format: 'stream' })!;
  const text = (v: string | number | null, kind: Kind, quote: boolean): string =>
    v === null ? (quote ? 'null' : '') : kind === 'time' ? (quote ? `"${new Date(v).toISOString()}"` : new Date(v).toISOString()) : kind === 'string' && quote ? `"${v}"` : String(v);
  const json: string[] = [];
  const csv: string[] = [cols.map((c) => c.name).join(',')];
  for (let i = 0; i < n; i++) {
    json.push(`{${cols.map((c) => `"${c.name}":${text(c.values[i], c.kind, true)}`).join(',')}}`);
    csv.push(cols.map((c) => text(c.values[i], c.kind, false)).join(','));
  }
  return { rows: n, arrow, json: `[${json.join(',\n')}]`, csv: csv.join('\n') };
}
