// The four canonical tables of SPEC §1: their columns, types and rules.
import type { ColumnTable } from 'arquero';

export type TableName = 'customers' | 'activity' | 'surveys' | 'tickets';
export const TABLE_NAMES: readonly TableName[] = ['customers', 'activity', 'surveys', 'tickets'];

/** A row as a host passes it in: column name to value. */
export type Row = Record<string, unknown>;

/** What a metric or `validate` accepts for one table. */
export type TableInput = ColumnTable | readonly Row[];

/** The canonical tables, any of them absent. */
export interface Tables {
  customers?: TableInput;
  activity?: TableInput;
  surveys?: TableInput;
  tickets?: TableInput;
}

/** Normalized tables: canonical columns typed (see `normalize.ts`). */
export type NormalizedTables = Partial<Record<TableName, ColumnTable>>;

/**
 * How a canonical column is stored once normalized:
 * - `time`: Float64Array of epoch milliseconds, NaN where null;
 * - `number`: Float64Array, NaN where null;
 * - `string`: an array of strings, null where null.
 */
export type ColumnKind = 'string' | 'time' | 'number';

export interface ColumnSpec {
  readonly name: string;
  readonly kind: ColumnKind;
  readonly required?: boolean;
  /** Values must be distinct across the table. */
  readonly unique?: boolean;
  /** Inclusive bounds for numbers; `integer` forbids fractions. */
  readonly min?: number;
  readonly max?: number;
  readonly integer?: boolean;
  /** This time may not be earlier than that column's time (end before start). */
  readonly notBefore?: readonly string[];
}

export const SCHEMA: Readonly<Record<TableName, readonly ColumnSpec[]>> = {
  customers: [
    { name: 'customer_id', kind: 'string', required: true, unique: true },
    { name: 'signup_at', kind: 'time' },
    { name: 'churned_at', kind: 'time', notBefore: ['signup_at'] },
    { name: 'user_type', kind: 'string' },
  ],
  activity: [
    { name: 'customer_id', kind: 'string', required: true },
    { name: 'at', kind: 'time', required: true },
    { name: 'event', kind: 'string', required: true },
  ],
  surveys: [
    { name: 'at', kind: 'time', required: true },
    { name: 'kind', kind: 'string', required: true },
    { name: 'score', kind: 'number', required: true },
    { name: 'customer_id', kind: 'string' },
    { name: 'channel', kind: 'string' },
  ],
  tickets: [
    { name: 'ticket_id', kind: 'string', required: true, unique: true },
    { name: 'customer_id', kind: 'string' },
    { name: 'channel', kind: 'string', required: true },
    { name: 'opened_at', kind: 'time', required: true },
    { name: 'first_response_at', kind: 'time', notBefore: ['opened_at'] },
    { name: 'resolved_at', kind: 'time', notBefore: ['opened_at', 'first_response_at'] },
    { name: 'contacts', kind: 'number', min: 1, integer: true },
  ],
};

/**
 * Whether a filter on `column` can be a customer attribute, read through customer_id:
 * any column but the canonical columns of the activity, survey and ticket tables
 * (`channel`, `at`, `event`, …), which belong to those tables wherever they appear.
 */
export function isCustomerAttribute(column: string): boolean {
  return !(['activity', 'surveys', 'tickets'] as const).some((t) => SCHEMA[t].some((c) => c.name === column));
}

/**
 * The plausible window of a timestamp in data, [1900-01-01, 2200-01-01) UTC (SPEC §1):
 * a `0000-01-01` typo outside it is rejected, so no chart spans two thousand years of
 * empty periods.
 */
export const PLAUSIBLE_FROM = Date.UTC(1900, 0, 1);
export const PLAUSIBLE_TO = Date.UTC(2200, 0, 1);

/** Survey kinds and the inclusive integer scale of each (SPEC §1). */
export const SURVEY_SCALES = {
  nps: { min: 0, max: 10 },
  csat: { min: 1, max: 5 },
  ces: { min: 1, max: 7 },
} as const;
export type SurveyKind = keyof typeof SURVEY_SCALES;

/** The reasons a row is rejected; each has a translated message in `src/i18n`. */
export type Problem =
  | 'missing'
  | 'unparseable-time'
  | 'implausible-time'
  | 'not-a-number'
  | 'out-of-range'
  | 'not-an-integer'
  | 'unknown-kind'
  | 'duplicate-id'
  | 'end-before-start'
  | 'not-text';

export interface ProblemSample {
  table: TableName;
  /** 0-based index of the row in the input the host gave. */
  row: number;
  field: string;
  problem: Problem;
}

/** Exact count of rejected rows for one (table, field, problem); a row counts once, for its first problem. */
export interface ProblemCount {
  table: TableName;
  field: string;
  problem: Problem;
  rows: number;
}

/** SPEC §1's validation report: counts are exact, `problems` is a capped sample. */
export interface ValidationReport {
  accepted: number;
  rejected: number;
  problems: ProblemSample[];
  /** How many samples were left out of `problems` by the cap. */
  problemsOmitted: number;
  counts: ProblemCount[];
  tables: Partial<Record<TableName, { accepted: number; rejected: number }>>;
}
