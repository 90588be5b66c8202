// Joins between tables by customer_id, at the level of dictionary codes: each
// distinct id string is looked up once per pair of frames, and the map is kept
// (a WeakMap per pair) — the same for every widget and every click on one dashboard.
import type { Frame } from '../data/frame.js';

const codeMaps = new WeakMap<Frame, WeakMap<Frame, Int32Array>>();
const rowMaps = new WeakMap<Frame, WeakMap<Frame, Int32Array>>();
const rowsOfCodes = new WeakMap<Frame, Int32Array>();

function pairMemo(memo: WeakMap<Frame, WeakMap<Frame, Int32Array>>, a: Frame, b: Frame, make: () => Int32Array): Int32Array {
  let inner = memo.get(a);
  if (!inner) {
    inner = new WeakMap();
    memo.set(a, inner);
  }
  let out = inner.get(b);
  if (!out) {
    out = make();
    inner.set(b, out);
  }
  return out;
}

/** Per customer_id code of `from`: the code of the same id in `to`, -1 when `to` lacks it. */
export function customerCodeMap(from: Frame, to: Frame): Int32Array {
  return pairMemo(codeMaps, from, to, () => {
    const own = from.dict('customer_id');
    const other = to.dict('customer_id');
    const out = new Int32Array(own.values.length);
    if (own.values === other.values) {
      // One dictionary (a frame and a view of it): codes are ids already.
      for (let c = 0; c < out.length; c++) out[c] = c;
      return out;
    }
    for (let c = 0; c < out.length; c++) out[c] = other.index.get(own.values[c]) ?? -1;
    return out;
  });
}

/** Per customer_id code of the customers frame: its row (ids are unique there), -1 when no row has it. */
function customerRowOfCode(customers: Frame): Int32Array {
  let out = rowsOfCodes.get(customers);
  if (!out) {
    const ids = customers.dict('customer_id');
    out = new Int32Array(ids.values.length).fill(-1);
    for (let r = 0; r < customers.n; r++) if (ids.codes[r] >= 0) out[ids.codes[r]] = r;
    rowsOfCodes.set(customers, out);
  }
  return out;
}

/** Per customer_id code of `frame`: the row of that customer in `customers`, -1 when absent. */
export function customerRows(frame: Frame, customers: Frame): Int32Array {
  return pairMemo(rowMaps, frame, customers, () => {
    const codes = customerCodeMap(frame, customers);
    const rowOf = customerRowOfCode(customers);
    const out = new Int32Array(codes.length);
    for (let c = 0; c < codes.length; c++) out[c] = codes[c] < 0 ? -1 : rowOf[codes[c]];
    return out;
  });
}

let nextId = 1;
const ids = new WeakMap<Frame, number>();

/** A number naming a frame object, for memo keys that depend on several frames. */
export function frameId(frame: Frame): number {
  let id = ids.get(frame);
  if (id === undefined) {
    id = nextId++;
    ids.set(frame, id);
  }
  return id;
}
