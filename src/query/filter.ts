// A query's filters applied to typed frames without copying a table (SPEC §6; the
// semantics are in types.ts): each filter clears a keep flag per row in one integer
// pass, customer-level filters through the customer_id joins of join.ts, and the
// kept rows become a frame view (frame-view.ts). Views are memoized per base frame
// and filter list, so every widget of a dashboard with the same filters shares one.
import { frameView } from '../data/frame-view.js';
import type { Frame } from '../data/frame.js';
import { isCustomerAttribute, TABLE_NAMES, type TableName } from '../data/schema.js';
import { toText } from '../data/values.js';
import { parseTimestamp } from '../time/parse.js';
import { customerCodeMap, customerRows, frameId } from './join.js';
import { isValuesFilter, queryKey, type QueryFilter } from './types.js';

export type Frames = Partial<Record<TableName, Frame>>;

export interface FilteredFrames {
  frames: Frames;
  /** reached[i]: filter i applied to at least one of the given tables. */
  reached: boolean[];
}

/** One filter as it applies to one table. */
interface Applied {
  /** The filter and the other frames it reads: part of the view's memo key. */
  readonly key: string;
  /** Clears keep[i] for every row the filter drops. */
  apply(keep: Uint8Array): void;
}

/** How a filter reads `column` on a frame: its own column, or its customer's. */
interface Reading {
  readonly deps: string;
  apply(keep: Uint8Array): void;
  /** The row's time in `column` (NaN when none): for `match: 'first'`. */
  times(): Float64Array;
}

/** The filters of one call, and the frames they read. */
class Context {
  constructor(
    readonly frames: Frames,
    readonly filters: readonly QueryFilter[],
  ) {}

  /** How filter f reads its column on `frame`; undefined when it cannot. */
  reading(frame: Frame, f: QueryFilter): Reading | undefined {
    if (frame.has(f.column)) return ownReading(frame, f);
    const customers = this.frames.customers;
    if (!customers || !isCustomerAttribute(f.column) || !customers.has(f.column) || !frame.has('customer_id')) return undefined;
    return customerReading(frame, customers, f);
  }

  /**
   * A filter with `table`: the frames it reads (for memo keys) and, when asked, the
   * flags of the chosen customers over that table's customer_id codes; null when it
   * reaches nothing.
   */
  chosenCustomers(f: QueryFilter): { source: Frame; deps: string; chosen: () => Uint8Array } | null {
    const source = this.frames[f.table!];
    const reading = source && source.has('customer_id') ? this.reading(source, f) : undefined;
    if (!source || !reading) return null;
    const deps = `t${frameId(source)}${reading.deps}`;
    return { source, deps, chosen: () => memoFor(source, `${queryKey(f)}@${deps}`, () => choose(source, f, reading)) };
  }
}

/** Per customer_id code of `source`: 1 when the customer has a kept row (or a first time in range). */
function choose(source: Frame, f: QueryFilter, reading: Reading): Uint8Array {
  const codes = source.dict('customer_id');
  const chosen = new Uint8Array(codes.values.length);
  if (!isValuesFilter(f) && f.match === 'first') {
    const t = reading.times();
    const first = new Float64Array(chosen.length).fill(Infinity);
    for (let i = 0; i < source.n; i++) {
      const c = codes.codes[i];
      if (c >= 0 && t[i] < first[c]) first[c] = t[i];
    }
    const { from, to } = bounds(f);
    for (let c = 0; c < chosen.length; c++) chosen[c] = first[c] >= from && first[c] < to ? 1 : 0;
    return chosen;
  }
  const keep = new Uint8Array(source.n).fill(1);
  reading.apply(keep);
  for (let i = 0; i < source.n; i++) if (keep[i] && codes.codes[i] >= 0) chosen[codes.codes[i]] = 1;
  return chosen;
}

/** Flags kept per base frame: one byte a row (or a customer) each. */
const FLAGS_PER_FRAME = 8;
/**
 * Views kept per base frame: a dashboard has a few filter sets at a time (with the
 * cross-filter, and without it for the widget it came from); each view holds the
 * columns its kernels gathered, up to 8 bytes a kept row each, so few are kept.
 */
const VIEWS_PER_FRAME = 4;
const flagMemo = new WeakMap<Frame, Map<string, Uint8Array>>();

/** Flags computed from one frame for one filter, kept for the next widget or click (LRU per frame). */
function memoFor(frame: Frame, key: string, make: () => Uint8Array): Uint8Array {
  let memo = flagMemo.get(frame);
  if (!memo) {
    memo = new Map();
    flagMemo.set(frame, memo);
  }
  let out = memo.get(key);
  if (out) memo.delete(key);
  else out = make();
  memo.set(key, out);
  if (memo.size > FLAGS_PER_FRAME) memo.delete(memo.keys().next().value!);
  return out;
}

function bounds(f: QueryFilter): { from: number; to: number } {
  const r = f as { from?: unknown; to?: unknown };
  return {
    from: r.from === undefined || r.from === null ? -Infinity : parseTimestamp(r.from),
    to: r.to === undefined || r.to === null ? Infinity : parseTimestamp(r.to),
  };
}

/** A value as the dictionaries store it; undefined for null (or blank: a missing value). */
function textOf(v: string | number | null): string | undefined {
  const text = v === null ? undefined : toText(v);
  return text === '' ? undefined : text;
}

/** Whether the values list null: a missing value passes. */
function listsNull(values: readonly (string | number | null)[]): boolean {
  return values.some((v) => textOf(v) === undefined);
}

/** Which codes of a dictionary the values name. */
function wanted(values: readonly (string | number | null)[], index: ReadonlyMap<string, number>, size: number): Uint8Array {
  const want = new Uint8Array(size);
  for (const v of values) {
    const code = index.get(textOf(v) ?? '');
    if (code !== undefined) want[code] = 1;
  }
  return want;
}

/** Keep flags of `frame`'s rows for a filter on its own column. */
function ownFlags(frame: Frame, f: QueryFilter, keep: Uint8Array): void {
  if (isValuesFilter(f)) {
    const d = frame.dict(f.column);
    const want = wanted(f.values, d.index, d.values.length);
    const nullOk = listsNull(f.values);
    const codes = d.codes;
    for (let i = 0; i < codes.length; i++) {
      const c = codes[i];
      if (c < 0 ? !nullOk : !want[c]) keep[i] = 0;
    }
    return;
  }
  const t = frame.time(f.column);
  const { from, to } = bounds(f);
  for (let i = 0; i < t.length; i++) if (!(t[i] >= from && t[i] < to)) keep[i] = 0;
}

function ownReading(frame: Frame, f: QueryFilter): Reading {
  return { deps: '', apply: (keep) => ownFlags(frame, f, keep), times: () => frame.time(f.column) };
}

/** The filter read through each row's customer: one pass over customers, one over the rows. */
function customerReading(frame: Frame, customers: Frame, f: QueryFilter): Reading {
  const rows = () => customerRows(frame, customers);
  return {
    deps: `c${frameId(customers)}`,
    apply(keep) {
      const flags = memoFor(customers, queryKey(f), () => {
        const out = new Uint8Array(customers.n).fill(1);
        ownFlags(customers, f, out);
        return out;
      });
      // A row with no customer, or one missing from the customers table, has the value null.
      const nullPass = isValuesFilter(f) && listsNull(f.values) ? 1 : 0;
      const rowOf = rows();
      const codes = frame.dict('customer_id').codes;
      for (let i = 0; i < codes.length; i++) {
        const c = codes[i];
        const r = c < 0 ? -1 : rowOf[c];
        if (!(r < 0 ? nullPass : flags[r])) keep[i] = 0;
      }
    },
    times() {
      const t = customers.time(f.column);
      const rowOf = rows();
      const codes = frame.dict('customer_id').codes;
      const out = new Float64Array(codes.length);
      for (let i = 0; i < codes.length; i++) out[i] = codes[i] < 0 || rowOf[codes[i]] < 0 ? NaN : t[rowOf[codes[i]]];
      return out;
    },
  };
}

/** Filter i as it applies to `frame` (the table `name`), or undefined when it does not reach it. */
function applied(ctx: Context, frame: Frame, i: number): Applied | undefined {
  const f = ctx.filters[i];
  const key = queryKey(f);
  if (f.table === undefined) {
    const reading = ctx.reading(frame, f);
    return reading && { key: `${key}@${reading.deps}`, apply: reading.apply };
  }
  const found = frame.has('customer_id') ? ctx.chosenCustomers(f) : null;
  if (!found) return undefined;
  return {
    key: `${key}@${found.deps}`,
    apply(keep) {
      const map = customerCodeMap(frame, found.source);
      const codes = frame.dict('customer_id').codes;
      const flags = found.chosen();
      for (let r = 0; r < codes.length; r++) {
        const c = codes[r];
        if (c < 0 || map[c] < 0 || !flags[map[c]]) keep[r] = 0;
      }
    },
  };
}

const views = new WeakMap<Frame, Map<string, Frame>>();

/** The view of `base` that keeps the rows every filter keeps; memoized per base and filters (LRU). */
function viewOf(base: Frame, filters: readonly Applied[]): Frame {
  const key = filters.map((f) => f.key).join('&');
  let memo = views.get(base);
  if (!memo) {
    memo = new Map();
    views.set(base, memo);
  }
  const hit = memo.get(key);
  if (hit) {
    memo.delete(key);
    memo.set(key, hit);
    return hit;
  }
  const keep = new Uint8Array(base.n).fill(1);
  for (const f of filters) f.apply(keep);
  let count = 0;
  for (let i = 0; i < keep.length; i++) count += keep[i];
  let view = base;
  if (count < base.n) {
    const rows = new Int32Array(count);
    for (let i = 0, k = 0; i < keep.length; i++) if (keep[i]) rows[k++] = i;
    view = frameView(base, rows);
  }
  memo.set(key, view);
  if (memo.size > VIEWS_PER_FRAME) memo.delete(memo.keys().next().value!);
  return view;
}

/**
 * The frames narrowed to the rows every filter keeps, as views over the given
 * frames (a frame no filter reaches, or whose rows all pass, is returned as is).
 */
export function filterFrames(frames: Frames, filters: readonly QueryFilter[]): FilteredFrames {
  const reached = filters.map(() => false);
  if (filters.length === 0) return { frames, reached };
  const ctx = new Context(frames, filters);
  const out: Frames = {};
  for (const name of TABLE_NAMES) {
    const base = frames[name];
    if (!base) continue;
    const list: Applied[] = [];
    filters.forEach((_, i) => {
      const a = applied(ctx, base, i);
      if (a) {
        reached[i] = true;
        list.push(a);
      }
    });
    out[name] = list.length ? viewOf(base, list) : base;
  }
  return { frames: out, reached };
}
