// Every widget through an adapter that computes at the source: its `aggregate` answers
// each query with runQuery over the same rows (what a SQL source must match), and the
// widget draws exactly what it draws from the rows themselves — same marks, same
// table — while the adapter is never asked for a row.
import { expect, fixture, html } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import '../../../components/index.js';
import { generateHealthPlan } from '../../../demo/data/health-plan.js';
import { JsonAdapter } from '../../../src/adapters/json.js';
import { MemoryAdapter } from '../../../src/adapters/memory.js';
import type { Adapter } from '../../../src/adapters/types.js';
import type { Tables } from '../../../src/data/schema.js';
import { groupedCount } from '../../../src/metrics/others.js';
import { rowExtras } from '../../../src/query/extras.js';
import { runQuery } from '../../../src/query/run.js';
import type { MetricQuery } from '../../../src/query/types.js';
import { $, drawn, text } from '../widget-helpers.js';

const data = generateHealthPlan({ customers: 600, months: 14, start: '2025-01-01', seed: 7 });
const tables: Tables = { customers: data.customers, activity: data.activity, surveys: data.surveys, tickets: data.tickets };
const asOf = new Date(data.end).toISOString();

/** An adapter that computes every query at the source and never hands out a row. */
function pushDown(): Adapter & { asked: MetricQuery[] } {
  const asked: MetricQuery[] = [];
  return {
    id: `pushdown-${Math.random().toString(36).slice(2)}`,
    asked,
    load: () => Promise.reject(new Error('a push-down source sends no rows')),
    aggregate: async (query) => {
      asked.push(query);
      return runQuery(tables, query);
    },
  };
}

const WIDGETS: [string, (adapter: Adapter) => TemplateResult][] = [
  ['cohort heatmap by plan', (a) => html`<pulso-cohort-churn locale="en" .adapter=${a} as-of=${asOf} by="plan" min-cell-size="5"></pulso-cohort-churn>`],
  ['NPS by month', (a) => html`<pulso-nps-trend locale="en" .adapter=${a} from="2025-01-01" to=${asOf}></pulso-nps-trend>`],
  ['CSAT with tickets, window at the last answer', (a) => html`<pulso-channel-csat locale="en" .adapter=${a} tickets="fcr,volume"></pulso-channel-csat>`],
  ['funnel', (a) => html`<pulso-adoption-funnel locale="en" .adapter=${a} steps="signup,first_login,profile_completed"></pulso-adoption-funnel>`],
  ['feature adoption', (a) => html`<pulso-adoption-funnel locale="en" .adapter=${a} mode="features" features="teleconsult,lab_results"></pulso-adoption-funnel>`],
  ['KPI card', (a) => html`<pulso-kpi locale="en" .adapter=${a} metric="nps" as-of=${asOf}></pulso-kpi>`],
];

/** What a user sees: the chart's markup, or the card's, and the text of every mark. */
function picture(el: HTMLElement): string {
  const root = el.shadowRoot!;
  const chart = root.querySelector('svg.pulso-chart') ?? root.querySelector('.pulso-frame');
  return chart!.outerHTML.replace(/ id="[^"]*"/g, '');
}

describe('widgets over an adapter that computes at the source', () => {
  for (const [name, make] of WIDGETS) {
    it(`draws the ${name} exactly as from the rows`, async () => {
      const adapter = pushDown();
      const box = await fixture<HTMLDivElement>(html`<div>${make(new MemoryAdapter(tables))}${make(adapter)}</div>`);
      const [local, remote] = [...box.children] as (HTMLElement & { updateComplete: Promise<boolean> })[];
      // One width for both (set through the CSSOM: the strict-CSP page allows no style attribute).
      for (const el of [local, remote]) el.style.width = '720px';
      for (const el of [local, remote]) await drawn(el, 'svg.pulso-chart, .kpi-value');
      await new Promise((resolve) => requestAnimationFrame(resolve));
      for (const el of [local, remote]) await el.updateComplete;
      expect(adapter.asked.length).to.be.greaterThan(0);
      expect(picture(remote)).to.equal(picture(local));
    });
  }
});

describe('"Others" from answers that crossed the wire', () => {
  const FOLDING: [string, (adapter: Adapter) => TemplateResult][] = [
    ['funnel', (a) => html`<pulso-adoption-funnel locale="en" .adapter=${a} by="plan" max-segments="2" steps="signup,first_login"></pulso-adoption-funnel>`],
    ['feature adoption', (a) => html`<pulso-adoption-funnel locale="en" .adapter=${a} by="plan" max-segments="2" mode="features" features="teleconsult"></pulso-adoption-funnel>`],
    ['NPS', (a) => html`<pulso-nps-trend locale="en" .adapter=${a} by="plan" max-segments="2"></pulso-nps-trend>`],
  ];
  for (const [name, make] of FOLDING) {
    it(`says how many segments the ${name} grouped, as the server counted them`, async () => {
      let grouped = 0;
      // What pulso-serve sends: the rows, and beside them what JSON would drop (othersGrouped).
      const fetch = (_url: string, init?: RequestInit) => {
        const rows = runQuery(tables, JSON.parse(String(init!.body)) as MetricQuery);
        grouped = groupedCount(rows);
        return Promise.resolve(new Response(JSON.stringify({ rows, extras: rowExtras(rows) }), { headers: { 'Content-Type': 'application/json' } }));
      };
      const el = await fixture<HTMLElement & { updateComplete: Promise<boolean> }>(make(new JsonAdapter({ base: 'https://x.test/api', pushDown: true, fetch })));
      await drawn(el, 'svg.pulso-chart');
      expect(grouped, 'folds').to.be.above(1);
      expect(text($(el, '.pulso-widget-notices'))).to.contain(`${grouped} smaller segments are grouped as “Others”.`);
    });
  }
});
