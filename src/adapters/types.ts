// The adapter contract of SPEC §5.
import type { ColumnTable } from 'arquero';
import type { Row, TableName, ValidationReport } from '../data/schema.js';
import type { MetricQuery } from '../query/types.js';

/** A timestamp as hosts give it: ISO-8601 string, epoch milliseconds or Date. */
export type TimeInput = string | number | Date;

export interface LoadRequest {
  table: TableName;
  /** Half-open range on the table's main time column, as the host's API filters it. */
  from?: TimeInput;
  to?: TimeInput;
  columns?: readonly string[];
}

/** Rows, an Arquero table, or Arrow IPC stream bytes. */
export type LoadResult = readonly Row[] | ColumnTable | Uint8Array;

export interface Adapter {
  /** Stable identity, part of cache keys. */
  readonly id: string;
  load(request: LoadRequest, signal?: AbortSignal): Promise<LoadResult>;
  /**
   * Optional push-down (SPEC §6): compute a query at the source; its rows must equal
   * `runQuery` on the same data. May answer the rows alone or with the validation
   * report of the source's tables.
   */
  aggregate?(query: MetricQuery, signal?: AbortSignal): Promise<Row[] | AggregateAnswer>;
  /**
   * Whether `aggregate` takes this query (default: every query); a declined one is
   * computed in the browser. May be asynchronous (a server asked once what it computes).
   */
  canAggregate?(query: MetricQuery): boolean | Promise<boolean>;
}

/** What `aggregate` may answer besides the bare rows. */
export interface AggregateAnswer {
  rows: Row[];
  report?: ValidationReport;
  /** Per filter of the query: whether it reached a table the metric read (default: all did). */
  reached?: boolean[];
}

/** The same value in every row, for a canonical column the host's data lacks. */
export interface FieldConstant {
  readonly value: string | number;
}

/**
 * Host column names for canonical ones, or constants (`{ event: { value: 'purchase' } }`). Either one map for every table
 * (`{ customer_id: 'CustomerID', at: 'InvoiceDate' }`) or one per table
 * (`{ activity: { at: 'InvoiceDate' } }`).
 */
export type FieldMap =
  | Readonly<Record<string, string | FieldConstant>>
  | Readonly<Partial<Record<TableName, Readonly<Record<string, string | FieldConstant>>>>>;
