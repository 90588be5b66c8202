// Validation's per-row loops (validate.ts), each a small function of typed arrays only.
// A row's first problem and its field are marked in two byte arrays. Why so small: in a
// browser, V8 optimizes a long loop while it runs (on-stack replacement), and a big
// function whose loops each serve one kind of column was thrown back to the interpreter
// each time a run reached a branch it had not seen yet (Chromium's trace: readColumn 17
// deopts in three loads of four tables, its loops then run unoptimized). A loop of its
// own, reached by every column of its kind, is optimized once and stays so. They take the
// two arrays, not the object holding them, whose map dies with it (and their code with it).

/** Per row: its first problem (0 = none) and the index of the field it is reported under. */
export interface Marks {
  problem: Uint8Array;
  field: Uint8Array;
}

/** Text codes: NOT_TEXT (-2) is `notText`, MISSING (-1) is `missing` when the column is required (else none). */
export function markText(codes: Int32Array, notText: number, missing: number, problem: Uint8Array, field: Uint8Array, k: number): void {
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i];
    if (c >= 0 || problem[i] !== 0) continue;
    const p = c === -2 ? notText : missing;
    if (p !== 0) {
      problem[i] = p;
      field[i] = k;
    }
  }
}

/** What a time or number cell that is no valid value is: by status (1 absent, 2 unreadable) and by value. */
export interface ValueProblems {
  /** An absent cell (0: none, the column is optional). */
  absent: number;
  unreadable: number;
  /** A time outside [from, to), or a number outside [min, max]. */
  outside: number;
  /** A number that is no integer where integers are asked for (0: none asked). */
  fraction: number;
}

/** Times with their status (0 OK): a time outside [from, to) is implausible. */
export function markTimes(times: Float64Array, status: Uint8Array, from: number, to: number, ps: ValueProblems, problem: Uint8Array, field: Uint8Array, k: number): void {
  const { absent, unreadable, outside } = ps;
  for (let i = 0; i < times.length; i++) {
    if (problem[i] !== 0) continue;
    const s = status[i];
    const t = times[i];
    const p = s === 0 ? (t < from || t >= to ? outside : 0) : s === 1 ? absent : unreadable;
    if (p !== 0) {
      problem[i] = p;
      field[i] = k;
    }
  }
}

/** Numbers with their status (0 OK): checked for a fraction (when `fraction`), then against [min, max]. */
export function markNumbers(xs: Float64Array, status: Uint8Array, min: number, max: number, ps: ValueProblems, problem: Uint8Array, field: Uint8Array, k: number): void {
  const { absent, unreadable, outside, fraction } = ps;
  for (let i = 0; i < xs.length; i++) {
    if (problem[i] !== 0) continue;
    const s = status[i];
    const x = xs[i];
    const p = s === 0 ? (fraction !== 0 && !Number.isInteger(x) ? fraction : x < min || x > max ? outside : 0) : s === 1 ? absent : unreadable;
    if (p !== 0) {
      problem[i] = p;
      field[i] = k;
    }
  }
}

/** Rows not yet marked whose end is before their start: `p` under field `f`. */
export function markOrder(end: Float64Array, start: Float64Array, p: number, problem: Uint8Array, field: Uint8Array, f: number): void {
  for (let i = 0; i < end.length; i++) {
    if (problem[i] === 0 && end[i] < start[i]) {
      problem[i] = p;
      field[i] = f;
    }
  }
}

/** The rows with no problem into `keep`; how many. */
export function keptRows(problem: Uint8Array, keep: Int32Array): number {
  let m = 0;
  for (let i = 0; i < problem.length; i++) if (problem[i] === 0) keep[m++] = i;
  return m;
}
