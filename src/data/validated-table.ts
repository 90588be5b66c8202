// The two ends of validation: a table input as columns of cells (rows or an Arquero
// table, Arrow-backed or not), and the normalized table made from the parsed columns
// and the rows kept, with validation's string codes handed to its frame.
import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';
import type { ColumnSpec, Row, TableInput } from './schema.js';
import { givenName, storedName } from './column-name.js';
import { CodedStrings } from './coded-strings.js';
import { cellsOf, loadedBytePath, MISSING, rowCells, TextCodes, type Cells } from './columns.js';
import type { Utf8Keys } from './utf8-codes.js';
import { presetDictionaries, type Dictionary } from './frame.js';
import { columnValues, inputColumns, isTable } from './values.js';

/** A table's cells by column, and its column names (stored names for a table, keys for rows). */
export interface Source {
  n: number;
  names: string[];
  cells(name: string): Cells;
  values(name: string): ArrayLike<unknown>;
  /**
   * An Arrow UTF-8 column's distinct strings and each row's key (-1: null), if it is one
   * and the byte path (byte-path.ts) is loaded; else its values are read.
   */
  utf8(name: string): Utf8Keys | undefined;
}

export function sourceOf(input: TableInput): Source {
  if (isTable(input)) {
    const t = input.isFiltered() || input.isOrdered() ? input.reify() : input;
    return {
      n: t.numRows(),
      names: inputColumns(t),
      cells: (name) => cellsOf(t, name),
      values: (name) => columnValues(t, name) ?? [],
      utf8: (name) => {
        const cells = cellsOf(t, name);
        const path = loadedBytePath();
        return cells.kind === 'arrow' && path ? path.utf8Keys(cells.batches, t.numRows()) : undefined;
      },
    };
  }
  const rows = input as readonly Row[];
  return {
    n: rows.length,
    names: inputColumns(rows),
    cells: (name) => rowCells(rows, name),
    values: (name) => (rowCells(rows, name) as { values: ArrayLike<unknown> }).values,
    utf8: () => undefined,
  };
}

/** One canonical column as read: codes into a dictionary, or numbers. */
/** `codes` (when set) looks values up: made lazily, so a column no metric looks up in never gets a Map. */
export type Parsed = { text: Int32Array; values: string[]; codes?: TextCodes } | { numbers: Float64Array };

/** The normalized table: the kept rows of every column, strings as codes into their frame dictionaries (coded-strings.ts). */
export function output(
  specs: readonly ColumnSpec[],
  parsed: Map<string, Parsed>,
  extras: readonly string[],
  source: Source,
  keep: Int32Array | undefined,
): ColumnTable {
  const m = keep ? keep.length : source.n;
  const columns: Record<string, ArrayLike<unknown> | CodedStrings> = {};
  const names: string[] = [];
  const dicts = new Map<string, Dictionary>();
  for (const spec of specs) {
    const col = parsed.get(spec.name)!;
    if ('numbers' in col) columns[spec.name] = keep ? gatherNumbers(col.numbers, keep) : col.numbers;
    else {
      const { strings, dict } = compact(col.text, () => col.values, keep, m, col.codes);
      columns[spec.name] = strings;
      dicts.set(spec.name, dict);
    }
    names.push(spec.name);
  }
  for (const e of extras) {
    const utf8 = source.utf8(e);
    if (utf8) {
      const { strings, dict } = extraText(utf8, keep, m);
      columns[storedName(e)] = strings;
      dicts.set(givenName(e), dict);
    } else {
      const values = source.values(e);
      const out = new Array<unknown>(m);
      for (let j = 0; j < m; j++) {
        const v = values[keep ? keep[j] : j];
        out[j] = v === undefined ? null : v;
      }
      columns[storedName(e)] = out;
    }
    names.push(storedName(e));
  }
  // Arquero reads any column through `length`, `at` and `toArray` (typed arrays and CodedStrings alike).
  const table = aq.table(columns as Record<string, unknown[]>, names);
  presetDictionaries(table, dicts);
  return table;
}

/**
 * An extra Arrow UTF-8 column's kept strings as they are (what flechette gives), each
 * distinct byte string decoded once (codes into the keys), and its frame dictionary
 * made from the same keys.
 */
function extraText({ ids, keys }: Utf8Keys, keep: Int32Array | undefined, m: number): { strings: CodedStrings; dict: Dictionary } {
  // Keys come in order of first appearance, so their codes (trimmed, blanks missing) do too.
  const text = new TextCodes();
  const codeOf = Int32Array.from(keys, (k) => text.code(k));
  const codes = new Int32Array(ids.length);
  for (let i = 0; i < ids.length; i++) codes[i] = ids[i] < 0 ? MISSING : codeOf[ids[i]];
  const kept = keep ? gather(ids, keep) : ids;
  return { strings: new CodedStrings(kept, { values: keys }), dict: compact(codes, () => text.values, keep, m, text).dict };
}

function gather(ids: Int32Array, keep: Int32Array): Int32Array {
  const out = new Int32Array(keep.length);
  for (let j = 0; j < keep.length; j++) out[j] = ids[keep[j]];
  return out;
}

function gatherNumbers(values: Float64Array, keep: Int32Array): Float64Array {
  const out = new Float64Array(keep.length);
  for (let j = 0; j < keep.length; j++) out[j] = values[keep[j]];
  return out;
}

/**
 * The kept rows' strings, as codes into their dictionary in order of first appearance
 * among them (what frames encode), equal values merged (survey kinds were lower-cased).
 */
function compact(
  codes: Int32Array,
  strings: () => readonly string[],
  keep: Int32Array | undefined,
  m: number,
  known?: TextCodes,
): { strings: CodedStrings; dict: Dictionary } {
  if (!keep && known) {
    // Every row kept and no value changed: validation's codes are already in order of
    // first appearance, so they are the dictionary as they are (no row kept is no text).
    // Their strings are made when first asked (deferred ids: text-codes.ts).
    return {
      strings: new CodedStrings(codes, known),
      dict: {
        codes,
        get values() {
          return known.values;
        },
        get index() {
          return known.index;
        },
      },
    };
  }
  const values = strings();
  const remap = new Int32Array(values.length).fill(-2);
  const index = new Map<string, number>();
  const list: string[] = [];
  const out = new Int32Array(m);
  for (let j = 0; j < m; j++) {
    const c = codes[keep ? keep[j] : j];
    if (c < 0) {
      out[j] = MISSING;
      continue;
    }
    let r = remap[c];
    if (r === -2) {
      const s = values[c];
      r = index.get(s) ?? -1;
      if (r < 0) {
        r = list.length;
        list.push(s);
        index.set(s, r);
      }
      remap[c] = r;
    }
    out[j] = r;
  }
  return { strings: new CodedStrings(out, { values: list }), dict: { codes: out, values: list, index } };
}
