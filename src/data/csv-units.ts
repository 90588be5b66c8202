// What a CSV export writes for each column of a widget's table: the header with its
// unit, and the value in that unit at a precision that means something. Pure and
// DOM-free; rowsToCsv (csv-export.ts) then writes the text.
//
// Rounded (the default):
//   duration  milliseconds → hours with 2 decimals (36 s steps), header "… (h)";
//   percent   fraction → percentage, the column's digits (default 1), header "… (%)";
//   score     the column's digits (default 1);
//   count     the column's digits, else at most 2 decimals (integers stay integers).
// Raw: every value as computed, durations in ms ("… (ms)"), rates as fractions
// ("… (0–1)"), so nothing is lost for a later computation.
// Units are symbols (h, ms, %), the same in pt-BR, en and es.

export type ExportPrecision = 'rounded' | 'raw';

export const EXPORT_PRECISIONS: readonly ExportPrecision[] = ['rounded', 'raw'];

/** The part of a table column the export reads (components/shared/table-view.ts). */
export interface UnitColumn {
  readonly key: string;
  readonly header: string;
  readonly format: string;
  readonly digits?: number;
}

export interface UnitTable {
  readonly columns: { key: string; header: string }[];
  readonly rows: Record<string, unknown>[];
}

const HOUR_MS = 3_600_000;
const COUNT_DIGITS = 2;

/**
 * `x` rounded half away from zero to `digits` decimals, as a spreadsheet's ROUND does;
 * no float noise (981699.5000000001 → 981699.5). The scaled value is read at 15
 * significant digits first, so 1.005 (stored as 1.00499…) rounds to 1.01.
 */
export function roundTo(x: number, digits: number): number {
  if (!Number.isFinite(x)) return x;
  const scale = 10 ** digits;
  const r = Math.round(Number((Math.abs(x) * scale).toPrecision(15))) / scale;
  return x < 0 && r !== 0 ? -r : r;
}

interface Rule {
  unit: string;
  value: (x: number) => number;
}

function ruleOf(column: UnitColumn, precision: ExportPrecision): Rule | undefined {
  const raw = precision === 'raw';
  switch (column.format) {
    case 'duration':
      return raw ? { unit: 'ms', value: (x) => x } : { unit: 'h', value: (x) => roundTo(x / HOUR_MS, 2) };
    case 'percent':
      return raw ? { unit: '0–1', value: (x) => x } : { unit: '%', value: (x) => roundTo(x * 100, column.digits ?? 1) };
    case 'score':
      return { unit: '', value: raw ? (x) => x : (x) => roundTo(x, column.digits ?? 1) };
    case 'count':
      return { unit: '', value: raw ? (x) => x : (x) => roundTo(x, column.digits ?? COUNT_DIGITS) };
    default:
      return undefined;
  }
}

/**
 * The table as a CSV writes it: headers with units and numbers in those units,
 * rounded unless `precision` is 'raw'. Cells that are not finite numbers pass as they
 * are (null and NaN become empty cells in rowsToCsv). Throws on an unknown precision.
 */
export function unitTable(
  columns: readonly UnitColumn[],
  rows: readonly object[],
  precision: ExportPrecision = 'rounded',
): UnitTable {
  if (!EXPORT_PRECISIONS.includes(precision))
    throw new RangeError(`export-precision must be one of ${EXPORT_PRECISIONS.join(', ')}; got '${String(precision)}'`);
  const rules = columns.map((c) => ruleOf(c, precision));
  return {
    columns: columns.map((c, i) => {
      const unit = rules[i]?.unit;
      return { key: c.key, header: unit ? `${c.header} (${unit})` : c.header };
    }),
    rows: rows.map((row) => {
      const source = row as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      columns.forEach((c, i) => {
        const value = source[c.key];
        const rule = rules[i];
        out[c.key] = rule && typeof value === 'number' && Number.isFinite(value) ? rule.value(value) : value;
      });
      return out;
    }),
  };
}
