// A frame over some rows of another (a filtered table) without copying the table:
// numbers and times are gathered from the base's typed arrays when a kernel asks
// for the column, and strings keep the base's dictionary — the codes are gathered,
// the values and their index are shared, so no string is hashed or encoded again.
// A dictionary may then hold values no row of the view uses; kernels count what
// rows they see, never what a dictionary lists (see the query equivalence tests).
import type { ColumnTable } from 'arquero';
import { columnMemo } from './frame.js';
import type { Frame } from './frame.js';
import { subsetRows } from './validate.js';

/** The rows of the base each view keeps (a server hands out the rows a filter keeps). */
const kept = new WeakMap<Frame, Int32Array>();

/** The indices into its base of the rows a view keeps; undefined for a frame that is no view (every row). */
export function viewRows(frame: Frame): Int32Array | undefined {
  return kept.get(frame);
}

/** The rows `rows` (ascending indices into `base`) of `base`, as a Frame. */
export function frameView(base: Frame, rows: Int32Array): Frame {
  const cached = columnMemo();
  let table: ColumnTable | undefined;
  const view: Frame = {
    // Built only if someone asks for an Arquero table (an export): kernels never do.
    get table() {
      table ??= subsetRows(base.table, Array.from(rows));
      return table;
    },
    n: rows.length,
    has: (name) => base.has(name),
    time: (name) => cached(`t:${name}`, () => gather(base.time(name), rows)),
    num: (name) => cached(`n:${name}`, () => gather(base.num(name), rows)),
    dict: (name) =>
      cached(`d:${name}`, () => {
        const d = base.dict(name);
        return { codes: gatherCodes(d.codes, rows), values: d.values, index: d.index };
      }),
  };
  kept.set(view, rows);
  return view;
}

function gather(values: Float64Array, rows: Int32Array): Float64Array {
  const out = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = values[rows[i]];
  return out;
}

function gatherCodes(codes: Int32Array, rows: Int32Array): Int32Array {
  const out = new Int32Array(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = codes[rows[i]];
  return out;
}
