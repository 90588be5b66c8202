// Host CSS that inherits into shadow DOM must not re-typeset the widgets: every element
// is drawn twice from the same small data set, once in a plain container and once in a
// container carrying a hostile stylesheet (centred, spaced, uppercase, italic, rtl…), and
// the boxes of the host, its marks and its text, and the computed text styles, must match.
// The stylesheet is a constructed one (adoptedStyleSheets), which style-src does not
// govern, so this runs in the strict-CSP group too.
import { expect, waitUntil } from '@open-wc/testing';
import '../../../components/index.js';
import { generateHealthPlan } from '../../../demo/data/health-plan.js';
import { MemoryAdapter } from '../../../src/adapters/memory.js';
import type { Adapter } from '../../../src/adapters/types.js';
import { text } from '../widget-helpers.js';

const DATA = generateHealthPlan({ customers: 120, start: '2025-01-01', months: 8, mess: false });
const AS_OF = new Date(DATA.end).toISOString();
const FROM = '2025-03-01';
const TO = AS_OF.slice(0, 10);

/** Inherited properties set to values far from their initial ones (visibility is left out: hiding is legitimate). */
const HOSTILE = `
  text-align: center; text-align-last: right; text-indent: 3em; text-transform: uppercase;
  letter-spacing: 5px; word-spacing: 12px; line-height: 3; white-space: pre; word-break: break-all;
  overflow-wrap: anywhere; hyphens: auto; text-shadow: 2px 2px 0 red; text-rendering: optimizeLegibility;
  font-family: serif; font-size: 23px; font-style: italic; font-weight: 900; font-variant: small-caps;
  font-feature-settings: 'smcp', 'tnum' 0; font-variation-settings: 'wght' 900; font-kerning: none;
  font-stretch: condensed; font-size-adjust: 0.3; font-synthesis: none;
  direction: rtl; cursor: wait; quotes: '«' '»'; caption-side: bottom; border-collapse: collapse;
  border-spacing: 9px; list-style: square inside; text-anchor: middle; dominant-baseline: central;
  paint-order: stroke; stroke: red; stroke-width: 4px; fill: red; shape-rendering: crispEdges;
  -webkit-text-stroke: 1px red;
`;

/** The computed properties compared on every element (each one the hostile sheet sets). */
const COMPARED = [
  'text-align', 'text-align-last', 'text-indent', 'text-transform', 'letter-spacing', 'word-spacing',
  'line-height', 'white-space-collapse', 'text-wrap-mode', 'word-break', 'overflow-wrap', 'hyphens',
  'text-shadow', 'text-rendering', 'font-family', 'font-size', 'font-style', 'font-weight',
  'font-variant-caps', 'font-feature-settings', 'font-variation-settings', 'font-kerning', 'font-stretch',
  'font-size-adjust', 'font-synthesis-weight', 'direction', 'writing-mode', 'cursor', 'quotes', 'caption-side',
  'border-collapse', 'border-spacing', 'list-style-type', 'list-style-position', 'text-anchor',
  'dominant-baseline', 'paint-order', 'stroke', 'stroke-width', 'fill', 'shape-rendering', '-webkit-text-stroke-width',
];

const sheet = new CSSStyleSheet();
sheet.replaceSync(`
  .seal-box { width: 640px; }
  .seal-hostile { ${HOSTILE} }
  .seal-vertical { writing-mode: vertical-rl; }
  .seal-host-font { --pulso-font: monospace; }
  .seal-parts pulso-kpi::part(value) { letter-spacing: 3px; }
`);

type Widget = HTMLElement & { adapter?: Adapter; updateComplete: Promise<boolean> };

interface Case {
  name: string;
  tag: string;
  attrs: Record<string, string>;
  children?: Case[];
  /** What shows once it has settled (in its own shadow root). */
  ready: string;
  /** Switch to the table view once drawn. */
  table?: boolean;
  empty?: boolean;
}

const chart = 'svg.pulso-chart [data-mark]';
const CASES: Case[] = [
  { name: 'cohort heatmap', tag: 'pulso-cohort-churn', attrs: { 'as-of': AS_OF, by: 'plan' }, ready: chart },
  { name: 'cohort curves', tag: 'pulso-cohort-churn', attrs: { 'as-of': AS_OF, chart: 'curves' }, ready: chart },
  { name: 'nps trend', tag: 'pulso-nps-trend', attrs: { from: FROM, to: TO, target: '30' }, ready: chart },
  { name: 'channel csat', tag: 'pulso-channel-csat', attrs: { from: FROM, to: TO, tickets: 'fcr,first-response' }, ready: chart },
  { name: 'channel csat, table', tag: 'pulso-channel-csat', attrs: { from: FROM, to: TO }, ready: chart, table: true },
  {
    name: 'funnel',
    tag: 'pulso-adoption-funnel',
    attrs: { steps: 'signup,first_login,profile_completed,teleconsult', window: 'P30D', from: '2025-01-01', to: TO, by: 'plan' },
    ready: chart,
  },
  {
    name: 'features',
    tag: 'pulso-adoption-funnel',
    attrs: { mode: 'features', features: 'teleconsult,lab_results', from: '2025-01-01', to: TO },
    ready: chart,
  },
  { name: 'kpi', tag: 'pulso-kpi', attrs: { metric: 'nps', 'as-of': AS_OF, range: 'P60D' }, ready: '[part~="value"]' },
  { name: 'kpi, empty', tag: 'pulso-kpi', attrs: { metric: 'csat', 'as-of': '2020-01-01' }, ready: '[part~="value"], .pulso-empty', empty: true },
  {
    name: 'dashboard',
    tag: 'pulso-dashboard',
    attrs: { from: FROM, to: TO, 'segment-options': 'plan' },
    ready: '.grid',
    children: [
      { name: 'kpi in dashboard', tag: 'pulso-kpi', attrs: { metric: 'churnRate' }, ready: '[part~="value"]' },
      { name: 'nps in dashboard', tag: 'pulso-nps-trend', attrs: {}, ready: chart },
    ],
  },
];

const adapter = new MemoryAdapter({ customers: DATA.customers, activity: DATA.activity, surveys: DATA.surveys, tickets: DATA.tickets });

/** The element of a case; widgets inside a dashboard take its adapter. */
function build(c: Case, inDashboard = false): Widget {
  const el = document.createElement(c.tag) as Widget;
  for (const [k, v] of Object.entries(c.attrs)) el.setAttribute(k, v);
  el.setAttribute('locale', 'en');
  if (!inDashboard) el.adapter = adapter;
  for (const child of c.children ?? []) el.append(build(child, true));
  return el;
}

async function settle(el: Widget, c: Case): Promise<void> {
  await waitUntil(() => el.shadowRoot?.querySelector(c.ready), `${c.name}: ${c.ready} never rendered: ${text(el.shadowRoot as unknown as Element)}`, {
    timeout: 10_000,
  });
  await el.updateComplete;
  for (const [i, child] of (c.children ?? []).entries()) await settle(el.children[i] as Widget, child);
  if (c.table) {
    const toggle = el.shadowRoot!.querySelector<HTMLButtonElement>('.pulso-frame-toolbar .pulso-frame-toggle')!;
    toggle.click();
    await waitUntil(() => el.shadowRoot!.querySelector('table'), `${c.name}: no table`);
    await el.updateComplete;
  }
  // Let resize observers report and the charts redraw at their final width.
  for (let i = 0; i < 3; i++) await new Promise((r) => requestAnimationFrame(r));
  await el.updateComplete;
}

/** Mounts a case in a 640px box with the given classes; resolves once drawn. */
async function mount(c: Case, classes: string[]): Promise<{ box: HTMLElement; el: Widget }> {
  const box = document.createElement('div');
  box.classList.add('seal-box', ...classes);
  const el = build(c);
  box.append(el);
  document.body.append(box);
  await settle(el, c);
  return { box, el };
}

interface Entry {
  path: string;
  box: string;
  style: string;
}

/** Every element in the widget's shadow tree (and its children's): box relative to the host, and computed text styles. */
function snapshot(host: Element): Entry[] {
  const origin = host.getBoundingClientRect();
  const out: Entry[] = [{ path: host.localName, box: `${origin.width.toFixed(1)}×${origin.height.toFixed(1)}`, style: '' }];
  const walk = (root: ParentNode, prefix: string) => {
    for (const el of root.querySelectorAll('*')) {
      const path = `${prefix} ${el.localName}${el.getAttribute('class') ? '.' + el.getAttribute('class')!.trim().split(/\s+/).join('.') : ''}`;
      const r = el.getBoundingClientRect();
      const cs = getComputedStyle(el);
      // An element without a box (display: none, <option>) reports 0,0 of the viewport.
      const drawn = el.getClientRects().length > 0;
      out.push({
        path,
        box: drawn ? [r.x - origin.x, r.y - origin.y, r.width, r.height].map((v) => v.toFixed(1)).join(',') : 'none',
        style: COMPARED.map((p) => `${p}:${cs.getPropertyValue(p)}`).join(';'),
      });
      if (el.shadowRoot) walk(el.shadowRoot, `${path} >>`);
    }
  };
  walk(host.shadowRoot!, host.localName);
  for (const child of host.children) if (child.shadowRoot) walk(child.shadowRoot, `${host.localName} > ${child.localName}`);
  return out;
}

/** The first few differences, property by property, for a readable failure. */
function differences(plain: Entry[], hostile: Entry[]): string[] {
  const out: string[] = [];
  if (plain.length !== hostile.length) out.push(`${plain.length} elements plain, ${hostile.length} under the hostile sheet`);
  for (let i = 0; i < Math.min(plain.length, hostile.length) && out.length < 8; i++) {
    const [a, b] = [plain[i], hostile[i]];
    if (a.path !== b.path) out.push(`#${i}: ${a.path} / ${b.path}`);
    else if (a.box !== b.box) out.push(`${a.path}: box ${a.box} → ${b.box}`);
    else if (a.style !== b.style) {
      const sb = b.style.split(';');
      const changed = a.style.split(';').flatMap((s, j) => (s === sb[j] ? [] : [`${s} → ${sb[j].split(':').slice(1).join(':')}`]));
      out.push(`${a.path}: ${changed.join(', ')}`);
    }
  }
  return out;
}

describe('widgets are sealed from host CSS that inherits', () => {
  const boxes: HTMLElement[] = [];
  before(() => {
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  });
  afterEach(() => boxes.splice(0).forEach((b) => b.remove()));
  after(() => {
    document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet);
  });

  it('the hostile sheet applies to the container (the test can see a leak)', async () => {
    const box = document.createElement('div');
    box.classList.add('seal-box', 'seal-hostile');
    box.append(Object.assign(document.createElement('span'), { textContent: 'x' }));
    document.body.append(box);
    boxes.push(box);
    const cs = getComputedStyle(box.firstElementChild!);
    expect([cs.textAlign, cs.letterSpacing, cs.textTransform, cs.direction, cs.fontStyle]).to.deep.equal(['center', '5px', 'uppercase', 'rtl', 'italic']);
  });

  for (const c of CASES) {
    it(`${c.name}: same boxes and text styles under the hostile sheet`, async () => {
      const plain = await mount(c, []);
      const hostile = await mount(c, ['seal-hostile']);
      boxes.push(plain.box, hostile.box);
      if (!c.empty) expect(plain.el.shadowRoot!.querySelector('.pulso-error, .pulso-empty'), `${c.name} has data`).to.equal(null);
      const a = snapshot(plain.el);
      const b = snapshot(hostile.el);
      expect(a.length, 'elements compared').to.be.greaterThan(c.empty ? 4 : 20);
      expect(differences(a, b), `${c.name} changed under host CSS`).to.deep.equal([]);
    });
  }

  it('keeps the widget horizontal inside a vertical writing mode', async () => {
    const { box, el } = await mount(CASES.find((c) => c.tag === 'pulso-kpi')!, ['seal-vertical']);
    boxes.push(box);
    const value = el.shadowRoot!.querySelector('[part~="value"]')!;
    expect([getComputedStyle(el).writingMode, getComputedStyle(value).writingMode]).to.deep.equal(['horizontal-tb', 'horizontal-tb']);
  });

  it('still takes the host font through --pulso-font and ::part() rules', async () => {
    const { box, el } = await mount(CASES.find((c) => c.tag === 'pulso-kpi')!, ['seal-host-font', 'seal-parts']);
    boxes.push(box);
    const value = el.shadowRoot!.querySelector('[part~="value"]')!;
    expect(getComputedStyle(value).fontFamily).to.equal('monospace');
    expect(getComputedStyle(value).letterSpacing).to.equal('3px');
  });
});
