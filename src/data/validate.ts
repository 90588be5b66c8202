// Validation and normalization of the canonical tables (SPEC §1). It never throws
// on data and never drops a row silently: each rejected row is counted under the
// first problem found in it, and a capped sample of rows is kept for display.
// It works column by column (columns.ts reads each into typed arrays, strings as
// dictionary codes): one pass per column marks each row's first problem, one pass
// over the rows settles duplicate ids and counts, and the codes become the frames'
// dictionaries, so no string is hashed again when a metric first runs.
// A table is checked in steps (slices.ts): straight through in the worker, in slices
// that yield on a page's main thread (`validateInSlices`), with the same result.
import type { ColumnTable } from 'arquero';
import {
  PLAUSIBLE_FROM,
  PLAUSIBLE_TO,
  SCHEMA,
  SURVEY_SCALES,
  TABLE_NAMES,
  type ColumnSpec,
  type NormalizedTables,
  type Problem,
  type TableInput,
  type TableName,
  type Tables,
  type ValidationReport,
} from './schema.js';
import { TextCodes, type Cells } from './columns.js';
import { textSteps, valueSteps } from './sliced-read.js';
import { eachSlice, finish, hereSlices, inSlices, sliceRows, type Slices, type Steps } from './slices.js';
import { addCount, emptyReport } from './report.js';
import { storedName } from './column-name.js';
import { output, sourceOf, type Parsed } from './validated-table.js';
import { keptRows, markNumbers, markOrder, markText, markTimes, type Marks } from './row-marks.js';

export { emptyReport, isValidationReport, mergeReports, unionReports } from './report.js';

export interface ValidateOptions {
  /** How many problem rows to keep as samples in `report.problems` (counts stay exact). */
  maxProblems?: number;
  /** Rows per step (tests: to cut small tables); the result is the same whatever it is. */
  sliceRows?: number;
}

export interface SlicedOptions extends ValidateOptions {
  /** Stops the work at its next yield (a load no one waits for any more). */
  signal?: AbortSignal;
  /** Default: in slices on a page's main thread, straight through elsewhere (slices.ts). */
  slices?: Slices | null;
}

export interface ValidationResult {
  tables: NormalizedTables;
  report: ValidationReport;
}

/** Tables `validate` produced: already normalized, so metrics do not check them again. */
const normalized = new WeakSet<ColumnTable>();

export function isNormalized(table: ColumnTable): boolean {
  return normalized.has(table);
}

/**
 * Marks a table as normalized without checking it again: for a table decoded from
 * bytes that `validate` itself produced (a normalized cache entry), whose report
 * was kept beside it. Never for a table from a host.
 */
export function markNormalized(table: ColumnTable): ColumnTable {
  normalized.add(table);
  return table;
}

/**
 * The rows `indices` of a normalized table, as a normalized table (so metrics do
 * not check them again): how a dashboard's filters narrow what widgets see.
 */
export function subsetRows(table: ColumnTable, indices: readonly number[]): ColumnTable {
  const out = table.reify(indices as number[]);
  if (normalized.has(table)) normalized.add(out);
  return out;
}

/** Checks and normalizes every table given; see `schema.ts` for the stored column types. */
export function validate(tables: Tables, options: ValidateOptions = {}): ValidationResult {
  return finish(validateSteps(tables, options, sliceRows(options.sliceRows)));
}

/**
 * `validate`, yielding to the event loop between slices of rows where it runs on a
 * page's main thread (each a task of ≤ ~10 ms there), straight through in a worker.
 */
export async function validateInSlices(tables: Tables, options: SlicedOptions = {}): Promise<ValidationResult> {
  const slices = options.slices === undefined ? hereSlices() : (options.slices ?? undefined);
  if (!slices) return validate(tables, options);
  return inSlices(validateSteps(tables, options, sliceRows(options.sliceRows ?? slices.rows)), slices, options.signal);
}

function* validateSteps(tables: Tables, options: ValidateOptions, rows: number): Steps<ValidationResult> {
  const report = emptyReport();
  const out: NormalizedTables = {};
  const cap = options.maxProblems ?? 100;
  for (const name of TABLE_NAMES) {
    const input = tables[name];
    if (input === undefined || input === null) continue;
    const table = yield* tableSteps(name, input, report, cap, rows);
    normalized.add(table);
    out[name] = table;
  }
  return { tables: out, report };
}

/** Problems by number (1-based; 0 = none), so a row's first problem fits a byte. */
const PROBLEMS: readonly Problem[] = [
  'missing',
  'unparseable-time',
  'implausible-time',
  'not-a-number',
  'out-of-range',
  'not-an-integer',
  'unknown-kind',
  'duplicate-id',
  'end-before-start',
  'not-text',
];
const code = (p: Problem) => PROBLEMS.indexOf(p) + 1;
const P_MISSING = code('missing');
const P_UNPARSEABLE = code('unparseable-time');
const P_IMPLAUSIBLE = code('implausible-time');
const P_NAN = code('not-a-number');
const P_RANGE = code('out-of-range');
const P_INTEGER = code('not-an-integer');
const P_KIND = code('unknown-kind');
const P_DUPLICATE = code('duplicate-id');
const P_ORDER = code('end-before-start');
const P_TEXT = code('not-text');

/** A field index at or above this is a check across columns, made after every column's own checks. */
const CROSS = 64;

function mark(marks: Marks, i: number, problem: number, field: number): void {
  if (marks.problem[i] === 0) {
    marks.problem[i] = problem;
    marks.field[i] = field;
  }
}

function* tableSteps(name: TableName, input: TableInput, report: ValidationReport, cap: number, rows: number): Steps<ColumnTable> {
  const specs = SCHEMA[name];
  const source = sourceOf(input);
  const n = source.n;
  const canonical = new Set(specs.map((s) => s.name));
  const extras = source.names.filter((c) => !canonical.has(c));
  const marks: Marks = { problem: new Uint8Array(n), field: new Uint8Array(n) };
  const status = new Uint8Array(n);
  const parsed = new Map<string, Parsed>();
  for (let k = 0; k < specs.length; k++) {
    parsed.set(specs[k].name, yield* readColumn(specs[k], k, source.cells(storedName(specs[k].name)), n, marks, status, rows));
    yield;
  }
  crossChecks(name, specs, parsed, marks, n);
  yield;
  yield* settleDuplicates(specs, parsed, marks, n, rows);

  const counts = new Map<number, number>();
  const keep = new Int32Array(n);
  const accepted = keptRows(marks.problem, keep);
  if (accepted < n) yield* eachSlice(n, rows, (a, b) => countProblems(name, marks, a, b, counts, report, cap));
  for (const [key, m] of counts) addCount(report, name, specs[key >> 5].name, PROBLEMS[(key & 31) - 1], m);
  report.accepted += accepted;
  report.rejected += n - accepted;
  report.tables[name] = { accepted, rejected: n - accepted };
  return output(specs, parsed, extras, source, accepted === n ? undefined : keep.subarray(0, accepted));
}

/** Rows [a, b)'s problems counted by field and problem, and sampled up to `cap`. */
function countProblems(name: TableName, marks: Marks, a: number, b: number, counts: Map<number, number>, report: ValidationReport, cap: number): void {
  const specs = SCHEMA[name];
  for (let i = a; i < b; i++) {
    const p = marks.problem[i];
    if (p === 0) continue;
    const f = marks.field[i] % CROSS;
    const key = f * 32 + p;
    counts.set(key, (counts.get(key) ?? 0) + 1);
    if (report.problems.length < cap) report.problems.push({ table: name, row: i, field: specs[f].name, problem: PROBLEMS[p - 1] });
    else report.problemsOmitted++;
  }
}

/** Reads one canonical column and marks the rows where it is the first problem. */
function* readColumn(spec: ColumnSpec, k: number, cells: Cells, n: number, marks: Marks, status: Uint8Array, rows: number): Steps<Parsed> {
  const required = spec.required === true;
  if (spec.kind === 'string') {
    const text = new TextCodes();
    const codes = yield* textSteps(cells, n, text, spec.unique === true, rows);
    markText(codes, P_TEXT, required ? P_MISSING : 0, marks.problem, marks.field, k);
    // `values` read when asked: deferred id strings (text-codes.ts) are not made for validation.
    return {
      text: codes,
      get values() {
        return text.values;
      },
      codes: text,
    };
  }
  const out = new Float64Array(n);
  const absent = required ? P_MISSING : 0;
  yield* valueSteps(spec.kind, cells, n, out, status, rows);
  const { integer = false, min = -Infinity, max = Infinity } = spec;
  const problems = spec.kind === 'time'
    ? { absent, unreadable: P_UNPARSEABLE, outside: P_IMPLAUSIBLE, fraction: 0 }
    : { absent, unreadable: P_NAN, outside: P_RANGE, fraction: integer ? P_INTEGER : 0 };
  const [from, to] = spec.kind === 'time' ? [PLAUSIBLE_FROM, PLAUSIBLE_TO] : [min, max];
  const markValues = spec.kind === 'time' ? markTimes : markNumbers;
  yield* eachSlice(n, rows, (a, b) =>
    markValues(out.subarray(a, b), status.subarray(a, b), from, to, problems, marks.problem.subarray(a, b), marks.field.subarray(a, b), k),
  );
  return { numbers: out };
}

/** Rules across columns, for rows whose columns each passed: survey kind and its scale; ends before their starts. */
function crossChecks(table: TableName, specs: readonly ColumnSpec[], parsed: Map<string, Parsed>, marks: Marks, n: number): void {
  const field = (name: string) => CROSS + specs.findIndex((s) => s.name === name);
  if (table === 'surveys') {
    const kind = parsed.get('kind') as { text: Int32Array; values: string[]; codes?: TextCodes };
    const score = (parsed.get('score') as { numbers: Float64Array }).numbers;
    // The scale of each distinct kind, looked up once; the stored kind is lower case.
    const scales = kind.values.map((v) => {
      const lower = v.toLowerCase();
      return Object.hasOwn(SURVEY_SCALES, lower) ? { kind: lower, ...SURVEY_SCALES[lower as keyof typeof SURVEY_SCALES] } : undefined;
    });
    for (let k = 0; k < kind.values.length; k++) if (scales[k]) kind.values[k] = scales[k]!.kind;
    // Lower-casing may have made two values one: the dictionary is made again from the kept rows.
    delete kind.codes;
    const [fKind, fScore] = [field('kind'), field('score')];
    for (let i = 0; i < n; i++) {
      if (marks.problem[i] !== 0) continue;
      const scale = scales[kind.text[i]];
      const x = score[i];
      if (!scale) mark(marks, i, P_KIND, fKind);
      else if (x < scale.min || x > scale.max) mark(marks, i, P_RANGE, fScore);
      else if (scale.kind === 'nps' && !Number.isInteger(x)) mark(marks, i, P_INTEGER, fScore);
    }
  }
  for (const spec of specs) {
    if (!spec.notBefore) continue;
    const end = (parsed.get(spec.name) as { numbers: Float64Array }).numbers;
    const f = field(spec.name);
    for (const startName of spec.notBefore) {
      const start = (parsed.get(startName) as { numbers: Float64Array }).numbers;
      markOrder(end, start, P_ORDER, marks.problem, marks.field, f);
    }
  }
}

/**
 * Duplicate ids, checked where the id column stands among the row's checks: a row is a
 * duplicate when an earlier row with its id was accepted (a rejected row reserves
 * nothing). One pass in row order over the codes, with the accepted row of each code.
 */
function* settleDuplicates(specs: readonly ColumnSpec[], parsed: Map<string, Parsed>, marks: Marks, n: number, rows: number): Steps<void> {
  // A column with as many distinct values as cells with one has no repeat to find.
  const unique = specs.flatMap((s, k) => {
    if (!s.unique) return [];
    const col = parsed.get(s.name) as { text: Int32Array; values: string[]; codes?: TextCodes };
    const size = col.codes?.size ?? col.values.length;
    return size < valued(col.text) ? [{ k, text: col.text, size }] : [];
  });
  if (unique.length === 0) return;
  const taken = unique.map((u) => new Uint8Array(u.size));
  // In row order, slice after slice: `taken` carries the ids accepted so far across them.
  yield* eachSlice(n, rows, (a, b) => settleRows(unique, taken, marks, a, b));
}

function settleRows(unique: readonly { k: number; text: Int32Array }[], taken: Uint8Array[], marks: Marks, a: number, b: number): void {
  for (let i = a; i < b; i++) {
    let p = marks.problem[i];
    const f = marks.field[i];
    for (let u = 0; u < unique.length; u++) {
      const { k, text } = unique[u];
      if (p !== 0 && f < k) break;
      const c = text[i];
      if (c >= 0 && taken[u][c] === 1) {
        p = marks.problem[i] = P_DUPLICATE;
        marks.field[i] = k;
        break;
      }
    }
    if (p === 0) for (let u = 0; u < unique.length; u++) if (unique[u].text[i] >= 0) taken[u][unique[u].text[i]] = 1;
  }
}

/** How many codes stand for a value (not missing, not text). */
function valued(codes: Int32Array): number {
  let m = 0;
  for (let i = 0; i < codes.length; i++) if (codes[i] >= 0) m++;
  return m;
}
