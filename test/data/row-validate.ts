// The row-by-row validation Pulso had before validation read columns (validate.ts):
// kept as the oracle the columnar path must equal, report and tables, on any input.
import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';
import { parseTimestamp } from '../../src/time/parse.js';
import {
  PLAUSIBLE_FROM,
  PLAUSIBLE_TO,
  SCHEMA,
  SURVEY_SCALES,
  TABLE_NAMES,
  type ColumnSpec,
  type NormalizedTables,
  type Problem,
  type Row,
  type TableInput,
  type TableName,
  type Tables,
  type ValidationReport,
} from '../../src/data/schema.js';
import { storedName } from '../../src/data/column-name.js';
import { addCount, emptyReport } from '../../src/data/report.js';
import { columnValues, inputColumns, isMissing, isTable, toNumber, toText, type Values } from '../../src/data/values.js';

export interface ValidateOptions {
  /** How many problem rows to keep as samples in `report.problems` (counts stay exact). */
  maxProblems?: number;
}

export interface ValidationResult {
  tables: NormalizedTables;
  report: ValidationReport;
}

/** Checks and normalizes every table given; see `schema.ts` for the stored column types. */
export function rowValidate(tables: Tables, options: ValidateOptions = {}): ValidationResult {
  const report = emptyReport();
  const out: NormalizedTables = {};
  const cap = options.maxProblems ?? 100;
  for (const name of TABLE_NAMES) {
    const input = tables[name];
    if (input === undefined || input === null) continue;
    const table = validateTable(name, input, report, cap);
    out[name] = table;
  }
  return { tables: out, report };
}

/** Reads cell (row, column) of either input form. */
type Reader = (row: number) => unknown;

function readers(input: TableInput, names: readonly string[]): { n: number; read: Map<string, Reader> } {
  const read = new Map<string, Reader>();
  if (isTable(input)) {
    for (const name of names) {
      const values: Values | undefined = columnValues(input, name);
      read.set(name, values ? (i) => values[i] : () => undefined);
    }
    return { n: input.numRows(), read };
  }
  const rows = input as readonly Row[];
  for (const name of names) read.set(name, (i) => (rows[i] == null ? undefined : rows[i][name]));
  return { n: rows.length, read };
}

interface Rejection {
  field: string;
  problem: Problem;
}

function validateTable(name: TableName, input: TableInput, report: ValidationReport, cap: number): ColumnTable {
  const specs = SCHEMA[name];
  const canonical = new Set(specs.map((s) => s.name));
  const extras = inputColumns(input).filter((c) => !canonical.has(c));
  const { n, read } = readers(input, [...canonical, ...extras]);
  const sink = columnSinks(specs, extras, n);
  const seen = new Map<string, Set<string>>();
  for (const s of specs) if (s.unique) seen.set(s.name, new Set());
  const parsed: Record<string, number | string | null> = {};
  const counts = new Map<string, number>();
  let accepted = 0;

  for (let i = 0; i < n; i++) {
    const why = checkRow(name, specs, read, i, parsed, seen);
    if (why) {
      const key = `${why.field}\u0000${why.problem}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
      if (report.problems.length < cap) report.problems.push({ table: name, row: i, field: why.field, problem: why.problem });
      else report.problemsOmitted++;
      continue;
    }
    for (const s of specs) if (s.unique) seen.get(s.name)!.add(parsed[s.name] as string);
    sink.push(accepted++, parsed, read, i);
  }
  for (const [key, rows] of counts) {
    const [field, problem] = key.split('\u0000') as [string, Problem];
    addCount(report, name, field, problem, rows);
  }
  const rejected = n - accepted;
  report.accepted += accepted;
  report.rejected += rejected;
  report.tables[name] = { accepted, rejected };
  return sink.table(accepted);
}

/** Parses the canonical cells of row i into `parsed`; returns the first problem, if any. */
function checkRow(
  table: TableName,
  specs: readonly ColumnSpec[],
  read: Map<string, Reader>,
  i: number,
  parsed: Record<string, number | string | null>,
  seen: Map<string, Set<string>>,
): Rejection | undefined {
  for (const spec of specs) {
    const raw = read.get(spec.name)!(i);
    if (isMissing(raw)) {
      if (spec.required) return { field: spec.name, problem: 'missing' };
      parsed[spec.name] = spec.kind === 'string' ? null : NaN;
      continue;
    }
    const problem = parseCell(spec, raw, parsed);
    if (problem) return { field: spec.name, problem };
    if (spec.unique && seen.get(spec.name)!.has(parsed[spec.name] as string)) {
      return { field: spec.name, problem: 'duplicate-id' };
    }
  }
  return crossChecks(table, specs, parsed);
}

function parseCell(spec: ColumnSpec, raw: unknown, parsed: Record<string, number | string | null>): Problem | undefined {
  if (spec.kind === 'time') {
    const t = parseTimestamp(raw);
    parsed[spec.name] = t;
    if (Number.isNaN(t)) return 'unparseable-time';
    return t >= PLAUSIBLE_FROM && t < PLAUSIBLE_TO ? undefined : 'implausible-time';
  }
  if (spec.kind === 'number') {
    const x = toNumber(raw);
    parsed[spec.name] = x;
    if (Number.isNaN(x)) return 'not-a-number';
    if (spec.integer && !Number.isInteger(x)) return 'not-an-integer';
    if ((spec.min !== undefined && x < spec.min) || (spec.max !== undefined && x > spec.max)) return 'out-of-range';
    return undefined;
  }
  const s = toText(raw);
  parsed[spec.name] = s ?? null;
  return s === undefined ? 'not-text' : undefined;
}

/** Rules across columns: survey kind and its scale; ends before their starts. */
function crossChecks(
  table: TableName,
  specs: readonly ColumnSpec[],
  parsed: Record<string, number | string | null>,
): Rejection | undefined {
  if (table === 'surveys') {
    const kind = String(parsed.kind).toLowerCase() as keyof typeof SURVEY_SCALES;
    const scale = SURVEY_SCALES[kind];
    if (!scale) return { field: 'kind', problem: 'unknown-kind' };
    parsed.kind = kind;
    const score = parsed.score as number;
    if (score < scale.min || score > scale.max) return { field: 'score', problem: 'out-of-range' };
    if (kind === 'nps' && !Number.isInteger(score)) return { field: 'score', problem: 'not-an-integer' };
  }
  for (const spec of specs) {
    const end = parsed[spec.name] as number;
    for (const startName of spec.notBefore ?? []) {
      const start = parsed[startName] as number;
      if (end < start) return { field: spec.name, problem: 'end-before-start' };
    }
  }
  return undefined;
}

/**
 * Typed output columns, filled with the accepted rows only; a column named
 * `__proto__` is kept under its stored name (column-name.ts).
 */
function columnSinks(specs: readonly ColumnSpec[], extras: readonly string[], n: number) {
  const cols = new Map<string, Float64Array | unknown[]>();
  for (const s of specs) cols.set(s.name, s.kind === 'string' ? new Array<string | null>(n) : new Float64Array(n));
  for (const e of extras) cols.set(e, new Array<unknown>(n));
  const canonical = specs.map((s) => [s.name, cols.get(s.name) as unknown[]] as const);
  const extra = extras.map((e) => [e, cols.get(e) as unknown[]] as const);
  return {
    push(at: number, parsed: Record<string, number | string | null>, read: Map<string, Reader>, i: number) {
      for (const [name, col] of canonical) col[at] = parsed[name];
      for (const [name, col] of extra) {
        const v = read.get(name)!(i);
        col[at] = v === undefined ? null : v;
      }
    },
    table(count: number): ColumnTable {
      const trimmed = new Map<string, ArrayLike<unknown>>();
      for (const [k, v] of cols) {
        if (v instanceof Float64Array) trimmed.set(k, count === v.length ? v : v.slice(0, count));
        else {
          v.length = count;
          trimmed.set(storedName(k), v);
        }
      }
      return aq.table(Object.fromEntries(trimmed), [...trimmed.keys()]);
    },
  };
}
