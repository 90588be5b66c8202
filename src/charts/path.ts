// The part of d3-shape the charts use, written out (issue 14: d3-shape and d3-path were
// ~2.4 KB gzip of every page's first chart for these few lines): `line` and `area` with
// `x`, `y`/`y0`/`y1`, `defined` and `digits`, straight or `curveStepAfter`. The paths are
// d3's to the character (the same moveTo/lineTo/closePath sequence, numbers rounded the
// same way): test/charts/path.test.ts compares them with d3-shape's own.

/** How points join: straight segments, or d3's step-after (horizontal, then vertical). */
export type Curve = 'linear' | 'step-after';
export const curveStepAfter: Curve = 'step-after';

type Accessor<T> = (d: T, i: number, data: readonly T[]) => number;
type Test<T> = (d: T, i: number, data: readonly T[]) => boolean;

/** d3-path's output with `digits`: M, L and Z, each number rounded to that many decimals. */
class Path {
  text = '';
  private open = false;
  constructor(private readonly k: number) {}
  private n(v: number): number {
    return Math.round(v * this.k) / this.k;
  }
  moveTo(x: number, y: number): void {
    this.open = true;
    this.text += `M${this.n(x)},${this.n(y)}`;
  }
  lineTo(x: number, y: number): void {
    this.text += `L${this.n(x)},${this.n(y)}`;
  }
  close(): void {
    if (this.open) this.text += 'Z';
  }
}

/**
 * d3's curveLinear and curveStep(t = 1) as one state machine: `line` is 0 during an area's
 * top edge, 1 during its bottom edge, and NaN for a line (as d3's `_line`: a lone point
 * closes, an area's bottom edge closes the shape).
 */
class Drawer {
  line = NaN;
  private point = 0;
  private x = NaN;
  private y = NaN;
  private t = 1;
  constructor(
    private readonly path: Path,
    private readonly step: boolean,
  ) {}
  areaStart(): void {
    this.line = 0;
  }
  areaEnd(): void {
    this.line = NaN;
  }
  lineStart(): void {
    this.point = 0;
    this.x = this.y = NaN;
  }
  lineEnd(): void {
    if (this.line || (this.line !== 0 && this.point === 1)) this.path.close();
    if (this.step && this.line >= 0) this.t = 1 - this.t;
    this.line = 1 - this.line;
  }
  add(x: number, y: number): void {
    if (this.point === 0) {
      this.point = 1;
      if (this.line) this.path.lineTo(x, y);
      else this.path.moveTo(x, y);
    } else {
      this.point = 2;
      // A step after (t = 1) goes across then down; the area's way back (t = 0) down then across.
      if (this.step && this.t <= 0) this.path.lineTo(this.x, y);
      else if (this.step) this.path.lineTo(x, this.y);
      this.path.lineTo(x, y);
    }
    this.x = x;
    this.y = y;
  }
}

interface Shape<T> {
  x(f: Accessor<T>): this;
  defined(f: Test<T>): this;
  digits(n: number): this;
  curve(c: Curve): this;
}
export interface LineShape<T> extends Shape<T> {
  (data: readonly T[]): string | null;
  y(f: Accessor<T>): this;
}
export interface AreaShape<T> extends Shape<T> {
  (data: readonly T[]): string | null;
  y0(f: Accessor<T>): this;
  y1(f: Accessor<T>): this;
}

interface Settings<T> {
  x: Accessor<T>;
  y0: Accessor<T>;
  y1: Accessor<T>;
  defined: Test<T>;
  k: number;
  curve: Curve;
}

function settings<T>(): Settings<T> {
  const zero = (): number => 0;
  return { x: zero, y0: zero, y1: zero, defined: () => true, k: 1000, curve: 'linear' };
}

/** The chain methods both shapes share, on `shape`. */
function chain<T, S extends Shape<T>>(shape: S, s: Settings<T>): S {
  shape.x = (f) => ((s.x = f), shape);
  shape.defined = (f) => ((s.defined = f), shape);
  shape.digits = (n) => ((s.k = 10 ** Math.floor(n)), shape);
  shape.curve = (c) => ((s.curve = c), shape);
  return shape;
}

/** d3's `line()`: a path through the defined points, a new subpath after each gap. */
export function line<T>(): LineShape<T> {
  const s = settings<T>();
  const shape = ((data: readonly T[]) => {
    const path = new Path(s.k);
    const out = new Drawer(path, s.curve === 'step-after');
    let on = false;
    for (let i = 0; i <= data.length; i++) {
      const d = data[i];
      if (!(i < data.length && s.defined(d, i, data)) === on) {
        on = !on;
        if (on) out.lineStart();
        else out.lineEnd();
      }
      if (on) out.add(+s.x(d, i, data), +s.y1(d, i, data));
    }
    return path.text || null;
  }) as LineShape<T>;
  shape.y = (f) => ((s.y1 = f), shape);
  return chain(shape, s);
}

/** d3's `area()`: the top edge (x, y1) forward, the bottom edge (x, y0) back, closed; a new one after each gap. */
export function area<T>(): AreaShape<T> {
  const s = settings<T>();
  const shape = ((data: readonly T[]) => {
    const path = new Path(s.k);
    const out = new Drawer(path, s.curve === 'step-after');
    const x0: number[] = [];
    const y0: number[] = [];
    let on = false;
    let start = 0;
    for (let i = 0; i <= data.length; i++) {
      const d = data[i];
      if (!(i < data.length && s.defined(d, i, data)) === on) {
        on = !on;
        if (on) {
          start = i;
          out.areaStart();
          out.lineStart();
        } else {
          out.lineEnd();
          out.lineStart();
          for (let k = i - 1; k >= start; k--) out.add(x0[k], y0[k]);
          out.lineEnd();
          out.areaEnd();
        }
      }
      if (on) {
        x0[i] = +s.x(d, i, data);
        y0[i] = +s.y0(d, i, data);
        out.add(x0[i], +s.y1(d, i, data));
      }
    }
    return path.text || null;
  }) as AreaShape<T>;
  shape.y0 = (f) => ((s.y0 = f), shape);
  shape.y1 = (f) => ((s.y1 = f), shape);
  return chain(shape, s);
}
