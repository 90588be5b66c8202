// The exported picture of a widget (SVG and PNG): one standalone SVG with the title,
// the range and filters, any headline figures (a KPI's value and change), the chart,
// its legend redrawn from the legend on screen, and a source line, on the widget's
// own background so a dark-theme export stays readable. Text goes in as text nodes
// (XMLSerializer escapes it); positions come from src/charts/export-layout.ts.
import { flowBoxes, wrapText } from '../../src/charts/export-layout.js';
import type { FlowBox } from '../../src/charts/export-layout.js';
import type { ExportMeta } from './export-meta.js';
import { SVG_NS, XMLNS_NS, inlinedClone, setTitle, svgSize } from './export.js';

/** A headline line under the title, e.g. a KPI's value (large) and its change. */
export interface FigureLine {
  text: string;
  size: number;
  weight?: number;
}

export interface FigureInput {
  meta: ExportMeta;
  chart?: SVGSVGElement | null;
  /** The legend on screen: items of swatches (<svg>) and words. */
  legend?: Element | null;
  figures?: readonly FigureLine[];
  /** Where colours and font are read (the widget's frame). */
  frame: Element;
}

export interface Figure {
  text: string;
  width: number;
  height: number;
}

const PAD = 16;
const MIN_WIDTH = 480;
const TITLE = 18;
const NOTE = 13;
const LEGEND = 12;
const SOURCE = 11;
const ITEM_GAP = 16;

interface Paint {
  fg: string;
  muted: string;
  surface: string;
  font: string;
}

function paintOf(frame: Element): Paint {
  const style = getComputedStyle(frame);
  const variable = (name: string, fallback: string): string => style.getPropertyValue(name).trim() || fallback;
  const bg = style.backgroundColor;
  return {
    fg: style.color || '#1f2933',
    muted: variable('--_pulso-muted', '#5b6573'),
    surface: bg && bg !== 'rgba(0, 0, 0, 0)' && bg !== 'transparent' ? bg : variable('--_pulso-surface', '#ffffff'),
    font: style.fontFamily || 'system-ui, sans-serif',
  };
}

let canvas: CanvasRenderingContext2D | null | undefined;

function measurer(size: number, weight: number, font: string): (text: string) => number {
  canvas ??= document.createElement('canvas').getContext('2d');
  const ctx = canvas;
  if (!ctx) return (text) => text.length * size * 0.6;
  return (text) => {
    ctx.font = `${weight} ${size}px ${font}`;
    return ctx.measureText(text).width;
  };
}

class Builder {
  readonly root: SVGSVGElement;
  y = PAD;

  constructor(
    readonly width: number,
    readonly paint: Paint,
  ) {
    this.root = document.createElementNS(SVG_NS, 'svg');
  }

  el<K extends keyof SVGElementTagNameMap>(name: K, attrs: Record<string, string | number>): SVGElementTagNameMap[K] {
    const node = document.createElementNS(SVG_NS, name);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
    this.root.append(node);
    return node;
  }

  text(content: string, x: number, baseline: number, size: number, fill: string, weight = 400): void {
    const node = this.el('text', { x, y: baseline, 'font-size': size, 'font-weight': weight, fill, 'font-family': this.paint.font });
    node.textContent = content;
  }

  /** Wrapped lines of `content`, each `size * 1.35` high. */
  para(content: string, size: number, fill: string, weight = 400): void {
    const lineHeight = Math.round(size * 1.35);
    for (const line of wrapText(content, this.width - 2 * PAD, measurer(size, weight, this.paint.font))) {
      this.text(line, PAD, this.y + size, size, fill, weight);
      this.y += lineHeight;
    }
  }
}

/** The boxes of a legend item: its swatches and words, with each swatch glued to its neighbours. */
type Token = { kind: 'word'; text: string } | { kind: 'swatch'; svg: SVGSVGElement };

function hidden(el: Element): boolean {
  return el.classList.contains('visually-hidden') || el.classList.contains('pulso-visually-hidden') || getComputedStyle(el).display === 'none';
}

function tokensOf(node: Node, out: Token[]): void {
  if (node.nodeType === Node.TEXT_NODE) {
    for (const word of (node.textContent ?? '').split(/\s+/)) if (word) out.push({ kind: 'word', text: word });
    return;
  }
  if (!(node instanceof Element) || hidden(node)) return;
  if (node instanceof SVGSVGElement) {
    out.push({ kind: 'swatch', svg: node });
    return;
  }
  for (const child of node.childNodes) tokensOf(child, out);
}

/** The legend's items: the children of its innermost wrapper (ul.legend > li, div.legend > span). */
function legendItems(legend: Element): Token[][] {
  let box = legend;
  while (box.children.length === 1 && !(box.children[0] instanceof SVGSVGElement) && ![...box.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent?.trim()))
    box = box.children[0]!;
  return [...box.children]
    .filter((item) => !hidden(item))
    .map((item) => {
      const tokens: Token[] = [];
      tokensOf(item, tokens);
      return tokens;
    })
    .filter((tokens) => tokens.length > 0);
}

function drawLegend(b: Builder, legend: Element): void {
  const measure = measurer(LEGEND, 400, b.paint.font);
  const space = measure(' ');
  const items = legendItems(legend);
  const tokens: (Token & { item: number })[] = [];
  const boxes: FlowBox[] = [];
  items.forEach((item, i) =>
    item.forEach((token, j) => {
      const prev = item[j - 1];
      const width = token.kind === 'word' ? measure(token.text) : svgSize(token.svg).width;
      const glue = prev !== undefined && (token.kind === 'swatch' || prev.kind === 'swatch');
      const gap = j === 0 ? ITEM_GAP : glue ? 4 : space;
      tokens.push({ ...token, item: i });
      boxes.push({ width, gap, glue });
    }),
  );
  const placed = flowBoxes(boxes, b.width - 2 * PAD);
  const lineHeight = 20;
  let run: { text: string; x: number; line: number; item: number } | undefined;
  const flush = (): void => {
    if (run) b.text(run.text, PAD + run.x, b.y + run.line * lineHeight + 14, LEGEND, b.paint.muted);
    run = undefined;
  };
  tokens.forEach((token, i) => {
    const at = placed[i]!;
    if (token.kind === 'word') {
      if (run && run.line === at.line && run.item === token.item) run.text += ` ${token.text}`;
      else {
        flush();
        run = { text: token.text, x: at.x, line: at.line, item: token.item };
      }
      return;
    }
    flush();
    const { width, height } = svgSize(token.svg);
    const swatch = inlinedClone(token.svg);
    swatch.setAttribute('x', String(PAD + at.x));
    swatch.setAttribute('y', String(b.y + at.line * lineHeight + (lineHeight - height) / 2));
    swatch.setAttribute('width', String(width));
    swatch.setAttribute('height', String(height));
    b.root.append(swatch);
  });
  flush();
  const lines = placed.length ? Math.max(...placed.map((p) => p.line)) + 1 : 0;
  b.y += lines * lineHeight;
}

/** Builds the exported figure (see the file comment). */
export function composeFigure(o: FigureInput): Figure {
  const paint = paintOf(o.frame);
  const chartSize = o.chart ? svgSize(o.chart) : undefined;
  const width = Math.ceil(Math.max(MIN_WIDTH, (chartSize?.width ?? 0) + 2 * PAD));
  const b = new Builder(width, paint);
  const background = b.el('rect', { x: 0, y: 0, width, height: 0, fill: paint.surface });
  b.para(o.meta.title, TITLE, paint.fg, 600);
  b.y += 2;
  b.para(o.meta.range, NOTE, paint.muted);
  if (o.meta.filters) b.para(o.meta.filters, NOTE, paint.fg, 600);
  for (const line of o.figures ?? []) {
    b.y += 4;
    b.para(line.text, line.size, paint.fg, line.weight ?? 400);
  }
  if (o.chart && chartSize) {
    b.y += 8;
    const chart = inlinedClone(o.chart);
    chart.setAttribute('x', String(PAD));
    chart.setAttribute('y', String(b.y));
    chart.setAttribute('width', String(chartSize.width));
    chart.setAttribute('height', String(chartSize.height));
    if (!chart.hasAttribute('viewBox')) chart.setAttribute('viewBox', `0 0 ${chartSize.width} ${chartSize.height}`);
    b.root.append(chart);
    b.y += chartSize.height;
  }
  if (o.legend) {
    b.y += 8;
    drawLegend(b, o.legend);
  }
  b.y += 10;
  b.para(o.meta.source, SOURCE, paint.muted);
  const height = Math.ceil(b.y + PAD - 4);
  background.setAttribute('height', String(height));
  const root = b.root;
  setTitle(root, o.meta.title);
  root.setAttributeNS(XMLNS_NS, 'xmlns', SVG_NS);
  root.setAttribute('width', String(width));
  root.setAttribute('height', String(height));
  root.setAttribute('viewBox', `0 0 ${width} ${height}`);
  root.setAttribute('font-family', paint.font);
  return { text: new XMLSerializer().serializeToString(root), width, height };
}
