// How wide a line of text draws, for layouts that must choose before drawing (a label
// column, whether ticket columns fit beside the bars). Measured on a canvas in the
// widgets' font; without a canvas, estimated from the character count (generously).
let context: CanvasRenderingContext2D | null | undefined;

const FONT = 'system-ui, sans-serif';

function canvas(): CanvasRenderingContext2D | null {
  if (context === undefined) {
    context = typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d');
  }
  return context;
}

/**
 * Widths measured so far: a chart lays out the same labels at every redraw (a click dims and
 * redraws every widget), and a canvas measure was a third of the CSAT chart's render.
 */
const measured = new Map<string, number>();
let lastFont = '';

/** Width in px of `text` at `size` px (weight 400 or 600/700), rounded up, with a little room for other fonts. */
export function textWidth(text: string, size: number, weight = 400): number {
  const ctx = canvas();
  if (!ctx) return Math.ceil(text.length * size * 0.62);
  const key = `${weight} ${size} ${text}`;
  let width = measured.get(key);
  if (width === undefined) {
    if (measured.size >= 5000) measured.clear();
    // Setting the canvas font parses it each time: only when it changes.
    const font = `${weight} ${size}px ${FONT}`;
    if (font !== lastFont) ctx.font = lastFont = font;
    width = Math.ceil(ctx.measureText(text).width * 1.06);
    measured.set(key, width);
  }
  return width;
}

/**
 * `text` cut with "…" to fit `width` px at `size` px; the whole text when it fits. The
 * full text must also be reachable elsewhere (the mark's tooltip and the table).
 */
export function fitText(text: string, width: number, size: number, weight = 400): string {
  if (textWidth(text, size, weight) <= width) return text;
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (textWidth(`${text.slice(0, mid)}…`, size, weight) <= width) lo = mid;
    else hi = mid - 1;
  }
  return `${text.slice(0, Math.max(1, lo)).trimEnd()}…`;
}
