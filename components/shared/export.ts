// Browser side of "export": a chart's <svg> as a standalone SVG file or a PNG, and a
// Blob handed to the user as a download. CSV text comes from src/data/csv-export.ts.
//
// Why computed styles: marks are coloured through CSS custom properties and classes
// in a shadow root, which a standalone file does not have. Each element's computed
// paint and font are copied into SVG presentation attributes (not `style="…"`, which
// a strict style-src CSP may block when the file is shown, and which carries var()).
// Works under `img-src 'self' data: blob:` because the PNG path loads a blob: URL.

export const SVG_NS = 'http://www.w3.org/2000/svg';
export const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';

/** Computed properties that are also SVG presentation attributes. */
const INLINED = [
  'fill', 'fill-opacity', 'fill-rule', 'stroke', 'stroke-width', 'stroke-opacity',
  'stroke-dasharray', 'stroke-linecap', 'stroke-linejoin', 'opacity',
  'font-family', 'font-size', 'font-weight', 'font-style', 'text-anchor',
  'dominant-baseline', 'visibility',
] as const;

const ATTRIBUTE_NAME = /^[a-z][a-z-]*$/;

export interface SerializeSvgOptions {
  /** Written as the file's <title> (replaces an existing first-level title). */
  readonly title?: string;
  /** Extra presentation attributes for the root <svg>, e.g. { 'font-family': 'Inter' }. */
  readonly styles?: Readonly<Record<string, string>>;
}

function inlineComputed(source: Element, target: Element): void {
  const computed = getComputedStyle(source);
  if (computed.display === 'none') target.setAttribute('display', 'none');
  for (const name of INLINED) {
    const value = computed.getPropertyValue(name).trim();
    if (value !== '') target.setAttribute(name, value);
  }
  target.removeAttribute('style');
  target.removeAttribute('class');
}

function removeComments(root: Node): void {
  const walker = root.ownerDocument?.createTreeWalker(root, NodeFilter.SHOW_COMMENT);
  const comments: Node[] = [];
  while (walker?.nextNode()) comments.push(walker.currentNode);
  for (const c of comments) c.parentNode?.removeChild(c);
}

function sizeOf(svg: SVGSVGElement): { width: number; height: number } {
  const box = svg.getBoundingClientRect();
  const view = svg.viewBox.baseVal;
  const width = box.width || view?.width || 0;
  const height = box.height || view?.height || 0;
  if (!(width > 0 && height > 0)) throw new Error('cannot export an SVG with no width or height');
  return { width, height };
}

export function setTitle(clone: SVGSVGElement, title: string): void {
  const existing = [...clone.children].find((c) => c.localName === 'title');
  existing?.remove();
  const el = clone.ownerDocument.createElementNS(SVG_NS, 'title');
  el.textContent = title;
  clone.insertBefore(el, clone.firstChild);
}

/**
 * A copy of a rendered <svg> that looks the same outside its shadow root: computed
 * fill, stroke and font inlined as attributes, classes, styles and comments removed.
 */
export function inlinedClone(svg: SVGSVGElement): SVGSVGElement {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const sources = [svg, ...svg.querySelectorAll('*')];
  const targets = [clone, ...clone.querySelectorAll('*')];
  sources.forEach((source, i) => {
    const target = targets[i];
    if (target) inlineComputed(source, target);
  });
  removeComments(clone);
  return clone;
}

/** The drawn size of an <svg> in CSS pixels (its viewBox when not laid out); throws when empty. */
export { sizeOf as svgSize };

/**
 * Serializes a rendered <svg> as a standalone SVG document: computed fill, stroke
 * and font inlined as attributes, xmlns, width, height and viewBox set. Text is
 * escaped by XMLSerializer, so data never becomes markup.
 */
export function serializeSvg(svg: SVGSVGElement, options: SerializeSvgOptions = {}): string {
  const { width, height } = sizeOf(svg);
  const clone = inlinedClone(svg);
  setRootAttributes(clone, options.styles);
  if (options.title !== undefined) setTitle(clone, options.title);
  clone.setAttributeNS(XMLNS_NS, 'xmlns', SVG_NS);
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  if (!clone.hasAttribute('viewBox')) clone.setAttribute('viewBox', `0 0 ${width} ${height}`);
  return new XMLSerializer().serializeToString(clone);
}

/** Extra presentation attributes on an exported root; never event handlers. */
export function setRootAttributes(root: Element, styles: Readonly<Record<string, string>> = {}): void {
  for (const [name, value] of Object.entries(styles)) {
    // Event-handler attributes (onload…) would be script in the exported file.
    if (!ATTRIBUTE_NAME.test(name) || name.startsWith('on')) throw new Error(`styles keys must be attribute names; got '${name}'`);
    root.setAttribute(name, value);
  }
}

function positive(name: string, value: number): number {
  if (!(Number.isFinite(value) && value > 0)) throw new Error(`${name} must be a positive number; got ${value}`);
  return value;
}

function loadImage(url: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => resolve(img);
    img.onerror = () => reject(new Error('the SVG could not be loaded as an image'));
    img.src = url;
  });
}

/** Rasterizes SVG text to a PNG at `scale` device pixels per CSS pixel. */
export async function svgToPngBlob(
  svgText: string,
  width: number,
  height: number,
  scale = 2,
): Promise<Blob> {
  positive('width', width);
  positive('height', height);
  positive('scale', scale);
  const url = URL.createObjectURL(new Blob([svgText], { type: 'image/svg+xml' }));
  try {
    const img = await loadImage(url);
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('a 2D canvas is not available');
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) => {
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('PNG encoding failed'))), 'image/png');
    });
  } finally {
    URL.revokeObjectURL(url);
  }
}

/**
 * Offers a Blob as a download through a temporary `<a download>`. The object URL
 * is revoked after `revokeAfterMs` (some browsers still read it just after the
 * click); the returned promise settles once it is revoked.
 */
export function downloadBlob(blob: Blob, filename: string, revokeAfterMs = 100): Promise<void> {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  a.hidden = true;
  document.body.append(a);
  try {
    a.click();
  } finally {
    a.remove();
  }
  return new Promise((resolve) => {
    setTimeout(() => {
      URL.revokeObjectURL(url);
      resolve();
    }, revokeAfterMs);
  });
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** `Cohort Churn — São Paulo`, 'png' → `cohort-churn-sao-paulo-2025-03-07.png` (local date). */
export function exportFilename(base: string, ext: string, date: Date = new Date()): string {
  if (Number.isNaN(date.getTime())) throw new Error('date must be a valid Date');
  const extension = ext.replace(/^\./, '').toLowerCase();
  if (!/^[a-z0-9]{1,8}$/.test(extension)) throw new Error(`ext must be 1 to 8 letters or digits; got '${ext}'`);
  const slug = base
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
  const day = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  return `${slug || 'pulso'}-${day}.${extension}`;
}
