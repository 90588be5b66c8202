// Where the text of an exported figure goes: a title and notes wrapped to the figure's
// width, and legend items flowed in lines like words. Pure: widths come from a
// `measure` function (a canvas in the browser, a fixed advance in tests).

export type Measure = (text: string) => number;

/**
 * `text` broken into lines no wider than `width`, at spaces; a word wider than the
 * line is cut by characters so nothing overflows. Empty text gives no lines.
 */
export function wrapText(text: string, width: number, measure: Measure): string[] {
  const words = text.split(/\s+/).filter((w) => w !== '');
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    const next = line ? `${line} ${word}` : word;
    if (measure(next) <= width) {
      line = next;
      continue;
    }
    if (line) lines.push(line);
    line = word;
    while (measure(line) > width && line.length > 1) {
      let cut = line.length - 1;
      while (cut > 1 && measure(line.slice(0, cut)) > width) cut--;
      lines.push(line.slice(0, cut));
      line = line.slice(cut);
    }
  }
  if (line) lines.push(line);
  return lines;
}

/** A box to place in the flow; `glue`: it stays on the line of the box before it. */
export interface FlowBox {
  readonly width: number;
  /** Space before it on the same line (ignored at a line start). */
  readonly gap: number;
  readonly glue?: boolean;
}

export interface Placed {
  x: number;
  line: number;
}

/**
 * Places boxes left to right in lines of `width`, starting a new line when the next
 * box (with the boxes glued to it) does not fit. A box wider than a line gets a line
 * of its own.
 */
export function flowBoxes(boxes: readonly FlowBox[], width: number): Placed[] {
  const out: Placed[] = [];
  let x = 0;
  let line = 0;
  boxes.forEach((box, i) => {
    if (box.glue && i > 0) {
      out.push({ x: x + box.gap, line });
      x += box.gap + box.width;
      return;
    }
    let run = box.width;
    for (let j = i + 1; j < boxes.length && boxes[j]!.glue; j++) run += boxes[j]!.gap + boxes[j]!.width;
    const start = x === 0 ? 0 : x + box.gap;
    if (x > 0 && start + run > width) {
      line++;
      x = 0;
    }
    const at = x === 0 ? 0 : x + box.gap;
    out.push({ x: at, line });
    x = at + box.width;
  });
  return out;
}
