// What the layout test looks for in a widget's shadow tree: text boxes (SVG <text>, and
// each line of an HTML text node) that leave their container, or that overlap another.
// A text's container is the widget's box, or the nearest ancestor that clips it; an
// ancestor that scrolls sideways is its container only when it shows that it scrolls
// (a visible [data-scroll-hint] in it or beside it), and then its whole scroll width is.

/** How far (px) a box may cross another or its container's edge: anti-aliasing, rounding. */
const SLACK = 1.5;

interface TextBox {
  node: Node;
  text: string;
  rect: DOMRect;
}

const visible = (el: Element): boolean =>
  el.checkVisibility({ opacityProperty: true, visibilityProperty: true }) &&
  !el.closest('.visually-hidden, .pulso-visually-hidden, [role="tooltip"], title, desc, style, script, option');

const short = (s: string) => (s.length > 40 ? `${s.slice(0, 39)}…` : s);

function textBoxes(root: ShadowRoot): TextBox[] {
  const out: TextBox[] = [];
  for (const t of root.querySelectorAll('text')) {
    const s = (t.textContent ?? '').trim();
    const r = t.getBoundingClientRect();
    if (s && r.width > 0 && visible(t)) out.push({ node: t, text: s, rect: r });
  }
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const parent = n.parentElement;
    const s = (n.textContent ?? '').trim();
    if (!s || !parent || parent.closest('svg') || !visible(parent)) continue;
    const range = document.createRange();
    range.selectNodeContents(n);
    for (const r of range.getClientRects()) if (r.width > 0 && r.height > 0) out.push({ node: n, text: s, rect: r });
  }
  return out;
}

/** The element above `el`, across a shadow root's boundary, up to `host`. */
function up(el: Element, host: Element): Element | null {
  if (el === host) return null;
  if (el.parentElement) return el.parentElement;
  const root = el.getRootNode();
  return root instanceof ShadowRoot ? root.host : null;
}

/** A visible [data-scroll-hint] with words, in the scroller, beside it or beside its frame. */
function hasHint(scroller: Element): boolean {
  const near = [scroller.parentElement, scroller.parentElement?.parentElement].flatMap((p) => (p ? [...p.querySelectorAll(':scope > [data-scroll-hint]')] : []));
  return [...scroller.querySelectorAll('[data-scroll-hint]'), ...near].some((h) => visible(h) && (h.textContent ?? '').trim() !== '');
}

/** Why the box leaves its container, or ''. */
function overflow(box: TextBox, host: Element): string {
  const start = box.node instanceof Element ? box.node : box.node.parentElement!;
  let r = box.rect;
  let scrolledY = false;
  for (let el: Element | null = up(start, host); el; el = up(el, host)) {
    const cs = getComputedStyle(el);
    // A sideways scroll must say so; a table that scrolls down (sticky head, scrollbar) need not.
    if ((cs.overflowY === 'auto' || cs.overflowY === 'scroll') && el.scrollHeight > el.clientHeight + 1) scrolledY = true;
    const scrolls = cs.overflowX === 'auto' || cs.overflowX === 'scroll';
    const clips = el === host || scrolls || cs.overflowX === 'hidden' || cs.overflowX === 'clip';
    if (!clips || el instanceof SVGElement) continue;
    const c = el.getBoundingClientRect();
    let left = c.left;
    let right = c.right;
    if (scrolls && el.scrollWidth > el.clientWidth + 1) {
      if (!hasHint(el)) return `is in a sideways scroll with no sign that it scrolls (${el.localName}.${el.className})`;
      left -= el.scrollLeft;
      right = left + el.scrollWidth;
      if (r.left < left - SLACK || r.right > right + SLACK) return `overflows the scroll area of ${el.localName}.${el.className}`;
      // Inside the scroll area it is fine; further up, the scroller's own box must fit.
      r = c;
      continue;
    }
    const ellipsis = el === start && cs.textOverflow === 'ellipsis' && start.closest('[title]');
    if (!ellipsis && (r.left < left - SLACK || r.right > right + SLACK)) {
      return `overflows ${el === host ? 'the widget' : `${el.localName}.${el.className}`} by ${Math.max(left - r.left, r.right - right).toFixed(0)}px`;
    }
    if (el === host && !scrolledY && (r.top < c.top - SLACK || r.bottom > c.bottom + SLACK)) return 'overflows the widget vertically';
  }
  return '';
}

const overlap = (a: DOMRect, b: DOMRect) =>
  Math.min(a.right, b.right) - Math.max(a.left, b.left) > SLACK && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > SLACK;

const same = (a: DOMRect, b: DOMRect) => Math.abs(a.left - b.left) < 0.5 && Math.abs(a.top - b.top) < 0.5 && Math.abs(a.width - b.width) < 0.5;

/** The part of the box in sight: cut to each container that scrolls down (a long table); null when none is. */
function inSight(box: TextBox, host: Element): TextBox | null {
  const start = box.node instanceof Element ? box.node : box.node.parentElement!;
  let { top, bottom } = box.rect;
  for (let el: Element | null = up(start, host); el; el = up(el, host)) {
    const cs = getComputedStyle(el);
    if (cs.overflowY !== 'auto' && cs.overflowY !== 'scroll') continue;
    const c = el.getBoundingClientRect();
    top = Math.max(top, c.top);
    bottom = Math.min(bottom, c.bottom);
  }
  if (bottom - top <= SLACK) return null;
  return { ...box, rect: new DOMRect(box.rect.left, top, box.rect.width, bottom - top) };
}

/** Each fault of the widget's layout, in words ('overflows …', 'overlaps …'). */
export function layoutFaults(host: Element): string[] {
  if (!host.shadowRoot) return [];
  const boxes = textBoxes(host.shadowRoot);
  const faults: string[] = [];
  const unsigned = new Set<string>();
  for (const b of boxes) {
    const why = overflow(b, host);
    // One fault per scroll with no sign, not one per text in it.
    if (why.startsWith('is in') && unsigned.has(why)) continue;
    unsigned.add(why);
    if (why) faults.push(`${why.startsWith('overflows') ? why : `overflows: ${why}`}: "${short(b.text)}"`);
  }
  const seen = boxes.flatMap((b) => inSight(b, host) ?? []);
  for (let i = 0; i < seen.length; i++) {
    for (let j = i + 1; j < seen.length; j++) {
      const [a, b] = [seen[i], seen[j]];
      if (a.node === b.node || a.node.contains(b.node) || b.node.contains(a.node)) continue;
      // The same words drawn exactly over themselves (a pinned copy of a column) read as one.
      if (a.text === b.text && same(a.rect, b.rect)) continue;
      if (overlap(a.rect, b.rect)) faults.push(`overlaps: "${short(a.text)}" and "${short(b.text)}"`);
    }
  }
  return faults;
}
