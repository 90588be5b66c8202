// Every widget fits its box: each element (and the demo's dashboard) is drawn from the
// demo's seeded data in boxes 320, 480, 768, 1024 and 1440 px wide, in pt-BR, en and es,
// and no text box may leave its container (the widget's box, or the scroll area of a
// container that visibly scrolls: one that shows a scroll hint) nor overlap another
// text box. Text cut by an `overflow: hidden` ancestor counts as leaving it.
import { expect, waitUntil } from '@open-wc/testing';
import '../../../components/index.js';
import { registerLabels } from '../../../components/index.js';
import { generateHealthPlan } from '../../../demo/data/health-plan.js';
import { DEMO_LABELS } from '../../../demo/labels.js';
import { MemoryAdapter } from '../../../src/adapters/memory.js';
import type { Adapter } from '../../../src/adapters/types.js';
import { text } from '../widget-helpers.js';
import { clampWidth } from '../../../components/shared/resize-controller.js';
import { layoutFaults } from './layout-faults.js';

const DATA = generateHealthPlan({ customers: 700, start: '2025-01-01', months: 13, mess: false });
const AS_OF = new Date(DATA.end).toISOString();
const FROM = '2025-01-01';
const TO = AS_OF.slice(0, 10);
const WIDTHS = [320, 480, 768, 1024, 1440];
const LOCALES = ['pt-BR', 'en', 'es'];

const LONG_CHANNELS = {
  in_person: 'Atendimento presencial nas unidades próprias da rede credenciada',
  whatsapp: 'WhatsApp Business (canal oficial de atendimento)',
  social: 'Redes sociais: Instagram, Facebook e X',
};
const LONG_STEPS = {
  first_login: 'Primeiro acesso ao aplicativo depois do cadastro inicial',
  profile_completed: 'Perfil de saúde preenchido com todos os dados obrigatórios',
  booked_appointment: 'Primeira consulta agendada pelo aplicativo ou pelo site',
};

type Widget = HTMLElement & { adapter?: Adapter; locale?: string; updateComplete: Promise<boolean> };

interface Case {
  name: string;
  /** The markup's tag and attributes; children for a dashboard. */
  tag: string;
  attrs: Record<string, string>;
  children?: Omit<Case, 'name' | 'table'>[];
  /** Also check the table view. */
  table?: boolean;
}

const CASES: Case[] = [
  { name: 'cohort heatmap', tag: 'pulso-cohort-churn', attrs: { 'as-of': AS_OF, 'min-cell-size': '11' } },
  { name: 'cohort heatmap by plan', tag: 'pulso-cohort-churn', attrs: { 'as-of': AS_OF, by: 'plan' } },
  { name: 'cohort curves', tag: 'pulso-cohort-churn', attrs: { 'as-of': AS_OF, chart: 'curves', by: 'plan' } },
  { name: 'nps trend', tag: 'pulso-nps-trend', attrs: { from: FROM, to: TO, target: '30' }, table: true },
  { name: 'nps trend by plan', tag: 'pulso-nps-trend', attrs: { from: FROM, to: TO, by: 'plan' } },
  { name: 'channel csat', tag: 'pulso-channel-csat', attrs: { from: '2025-10-01', to: TO, tickets: 'all' }, table: true },
  {
    name: 'onboarding funnel',
    tag: 'pulso-adoption-funnel',
    attrs: { steps: 'signup,first_login,profile_completed,booked_appointment,teleconsult', window: 'P30D', from: FROM, to: TO },
    table: true,
  },
  {
    name: 'feature adoption',
    tag: 'pulso-adoption-funnel',
    attrs: { mode: 'features', features: 'teleconsult,lab_results,prescription_renewal,chat_with_nurse', from: FROM, to: TO },
    table: true,
  },
  {
    // Names far longer than the built-in ones: cut or wrapped, never drawn outside the box.
    name: 'channel csat with long names',
    tag: 'pulso-channel-csat',
    attrs: { from: '2025-10-01', to: TO, tickets: 'fcr,first-response,resolution', labels: JSON.stringify({ channel: LONG_CHANNELS }) },
  },
  {
    name: 'onboarding funnel with long step names',
    tag: 'pulso-adoption-funnel',
    attrs: { steps: 'signup,first_login,profile_completed,booked_appointment,teleconsult', window: 'P30D', from: FROM, to: TO, labels: JSON.stringify({ event: LONG_STEPS }) },
  },
  { name: 'kpi nps', tag: 'pulso-kpi', attrs: { metric: 'nps', 'as-of': AS_OF }, table: true },
  { name: 'kpi first response', tag: 'pulso-kpi', attrs: { metric: 'firstResponseMedian', 'as-of': AS_OF } },
  { name: 'survival', tag: 'pulso-survival', attrs: { by: 'plan', unit: 'month', 'as-of': AS_OF }, table: true },
  { name: 'value', tag: 'pulso-value', attrs: { 'as-of': AS_OF }, table: true },
  { name: 'at-risk', tag: 'pulso-at-risk', attrs: { 'allow-row-level': '', by: 'plan', value: 'revenue', limit: '8', 'as-of': AS_OF }, table: true },
  {
    name: 'dashboard as in the demo',
    tag: 'pulso-dashboard',
    attrs: { from: FROM, to: TO, 'segment-options': 'plan,region,age_band,user_type' },
    children: [
      { tag: 'pulso-kpi', attrs: { metric: 'churnRate', wide: '' } },
      { tag: 'pulso-kpi', attrs: { metric: 'fcr' } },
      { tag: 'pulso-cohort-churn', attrs: { wide: '', 'min-cell-size': '11', 'as-of': AS_OF } },
      { tag: 'pulso-nps-trend', attrs: { target: '30' } },
      { tag: 'pulso-channel-csat', attrs: { tickets: 'fcr,first-response' } },
      { tag: 'pulso-adoption-funnel', attrs: { steps: 'signup,first_login,profile_completed,booked_appointment,teleconsult', window: 'P30D' } },
    ],
  },
];

// The demo's cards: a padded, bordered box around each widget of the dashboard.
const sheet = new CSSStyleSheet();
sheet.replaceSync(`
  .layout-box { box-sizing: border-box; font-family: system-ui, sans-serif; }
  .layout-box pulso-dashboard > * { border: 1px solid #ccc; border-radius: 8px; padding: 1rem; }
`);

const adapter = new MemoryAdapter({ customers: DATA.customers, activity: DATA.activity, surveys: DATA.surveys, tickets: DATA.tickets });

function build(c: Omit<Case, 'name'>, inDashboard = false): Widget {
  const el = document.createElement(c.tag) as Widget;
  for (const [k, v] of Object.entries(c.attrs)) el.setAttribute(k, v);
  if (!inDashboard) el.adapter = adapter;
  for (const child of c.children ?? []) el.append(build(child, true));
  return el;
}

const frame = () => new Promise((r) => requestAnimationFrame(r));

/** The widgets of a case: the element, or the dashboard and each widget in it. */
const widgetsOf = (el: Widget): Widget[] => [el, ...([...el.children] as Widget[])];

/** Waits until every widget shows its chart (or list, or card), then lets resize observers redraw. */
async function settle(el: Widget): Promise<void> {
  for (const w of widgetsOf(el)) {
    await waitUntil(
      () => w.shadowRoot?.querySelector('svg.pulso-chart, .pulso-frame-chart, .pulso-frame-table, [part~="value"], .grid') && !w.shadowRoot.querySelector('.pulso-skeleton, [aria-busy="true"]'),
      `${w.localName} never drew: ${text(w.shadowRoot as unknown as Element)}`,
      { timeout: 20_000, interval: 5 },
    );
  }
  // A resize reaches a widget a frame or two later (ResizeObserver, then its animation
  // frame): wait until each has laid itself out at its box's width, then one frame more
  // for what is measured after drawing (whether a table scrolls).
  for (let i = 0; i < 20 && !widgetsOf(el).every(laidOut); i++) {
    await frame();
    await Promise.all(widgetsOf(el).map((w) => w.updateComplete));
  }
  await frame();
  await Promise.all(widgetsOf(el).map((w) => w.updateComplete));
}

/** The widget has drawn at its content box's width (the dashboard draws no chart). */
function laidOut(w: Widget): boolean {
  const resize = (w as unknown as { resize?: { width: number } }).resize;
  if (!resize) return true;
  const cs = getComputedStyle(w);
  const content = w.getBoundingClientRect().width - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight) - parseFloat(cs.borderLeftWidth) - parseFloat(cs.borderRightWidth);
  return Math.abs(resize.width - clampWidth(content)) <= 1;
}

/** Shows the table views (or the charts); whether any widget changed. */
function showTables(el: Widget, on: boolean): boolean {
  let changed = false;
  for (const w of widgetsOf(el)) {
    const toggle = w.shadowRoot?.querySelector<HTMLButtonElement>('.pulso-frame-toolbar .pulso-frame-toggle');
    const shown = !!w.shadowRoot?.querySelector('.pulso-frame-table');
    if (toggle && shown !== on) {
      toggle.click();
      changed = true;
    }
  }
  return changed;
}

describe('every widget fits its box, 320 to 1440 px, in pt-BR, en and es', function () {
  this.timeout(120_000);
  const boxes: HTMLElement[] = [];
  before(() => {
    registerLabels(DEMO_LABELS);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  });
  afterEach(() => boxes.splice(0).forEach((b) => b.remove()));
  after(() => {
    document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet);
  });

  it('finds a label cut by its box and two labels drawn over each other (the check can fail)', async () => {
    const box = document.createElement('div');
    box.style.width = '200px';
    const host = document.createElement('div');
    const root = host.attachShadow({ mode: 'open' });
    const svgNs = 'http://www.w3.org/2000/svg';
    const svg = document.createElementNS(svgNs, 'svg');
    svg.setAttribute('width', '300');
    svg.setAttribute('height', '40');
    svg.setAttribute('overflow', 'visible');
    for (const [x, label] of [[150, 'Primeira resposta'], [10, 'Presencial'], [20, 'WhatsApp']] as const) {
      const t = document.createElementNS(svgNs, 'text');
      t.setAttribute('x', String(x));
      t.setAttribute('y', '20');
      t.textContent = label;
      svg.append(t);
    }
    root.append(svg);
    box.append(host);
    document.body.append(box);
    boxes.push(box);
    const faults = layoutFaults(host);
    expect(faults.some((f) => f.startsWith('overflows') && f.includes('Primeira resposta'))).to.equal(true, faults.join('\n'));
    expect(faults.some((f) => f.startsWith('overlaps') && f.includes('Presencial') && f.includes('WhatsApp'))).to.equal(true, faults.join('\n'));
  });

  for (const c of CASES) {
    it(c.name, async () => {
      const box = document.createElement('div');
      box.className = 'layout-box';
      const el = build(c);
      box.append(el);
      document.body.append(box);
      boxes.push(box);
      const faults: string[] = [];
      for (const locale of LOCALES) {
        el.setAttribute('locale', locale);
        for (const view of c.table ? ['chart', 'table'] : ['chart']) {
          for (const width of WIDTHS) {
            box.style.width = `${width}px`;
            await settle(el);
            if (showTables(el, view === 'table')) await settle(el);
            for (const w of widgetsOf(el)) {
              for (const f of layoutFaults(w)) faults.push(`${locale} ${width}px ${view} ${w.localName}: ${f}`);
            }
          }
        }
        showTables(el, false);
      }
      expect(faults.length, `${faults.length} faults:\n${faults.slice(0, 30).join('\n')}`).to.equal(0);
    });
  }
});
