// The demo's dashboard over `new JsonAdapter({ base, pushDown })` against the server's own
// API (pulso/server's responder over createMemorySource, answering through msw's
// service worker): drawn from aggregates alone it equals the dashboard drawn from the
// rows, segment list included; no row is ever requested; and with a cache scope the
// answers are served from IndexedDB when the server is gone.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import type { SetupWorker } from 'msw/browser';
import '../../../components/index.js';
import type { PulsoDashboard } from '../../../components/dashboard/pulso-dashboard.js';
import { startMockApi } from '../../../demo/mocks/browser.js';
import { generateHealthPlan } from '../../../demo/data/health-plan.js';
import { JsonAdapter } from '../../../src/adapters/json.js';
import { MemoryAdapter } from '../../../src/adapters/memory.js';
import type { Adapter } from '../../../src/adapters/types.js';
import { clearCache } from '../../../src/cache/open.js';
import type { Tables } from '../../../src/data/schema.js';
import { createMemorySource } from '../../../src/server/memory-source.js';
import { createResponder } from '../../../src/server/responder.js';
import { configureCache, coordinator } from '../../../src/source/coordinator.js';
import { uniqueName } from '../../cache/support.js';
import { MSW_WORKER_PATH, withMswRegistration } from '../../setup/test-policy.js';
import { drawn, text } from '../widget-helpers.js';

const data = generateHealthPlan({ customers: 600, months: 14, start: '2025-01-01', seed: 7 });
const tables: Tables = { customers: data.customers, activity: data.activity, surveys: data.surveys, tickets: data.tickets };
const end = new Date(data.end).toISOString().slice(0, 10);
const answer = createResponder(createMemorySource(tables), { base: '/pd' });

/** The demo's dashboard (demo/index.html) over `adapter`. */
const dashboard = (adapter: Adapter, scope?: string) => html`
  <pulso-dashboard locale="en" .adapter=${adapter} from="2025-03-01" to=${end} segment-options="plan,region" segment-by="plan" cache-scope=${scope ?? ''}>
    <pulso-kpi id="kpi-churn" metric="churnRate" as-of=${end}></pulso-kpi>
    <pulso-kpi id="kpi-nps" metric="nps" as-of=${end}></pulso-kpi>
    <pulso-kpi id="kpi-csat" metric="csat" as-of=${end}></pulso-kpi>
    <pulso-kpi id="kpi-fcr" metric="fcr" as-of=${end}></pulso-kpi>
    <pulso-kpi id="kpi-response" metric="firstResponseMedian" as-of=${end}></pulso-kpi>
    <pulso-kpi id="kpi-ces" metric="ces" as-of=${end}></pulso-kpi>
    <pulso-cohort-churn id="churn" min-cell-size="11" as-of=${end}></pulso-cohort-churn>
    <pulso-nps-trend id="nps" target="30"></pulso-nps-trend>
    <pulso-channel-csat id="csat" tickets="fcr,first-response"></pulso-channel-csat>
    <pulso-adoption-funnel id="onboarding" steps="signup,first_login,profile_completed,booked_appointment,teleconsult" window="P30D"></pulso-adoption-funnel>
    <pulso-adoption-funnel id="features" mode="features" features="teleconsult,lab_results,prescription_renewal,chat_with_nurse"></pulso-adoption-funnel>
  </pulso-dashboard>`;

type Widget = HTMLElement & { updateComplete: Promise<boolean> };

/** Every widget of the dashboard drawn; resolves to them by id. */
async function drawnWidgets(dash: PulsoDashboard): Promise<Map<string, Widget>> {
  const widgets = [...dash.querySelectorAll<Widget>('[id]')];
  for (const el of widgets) el.style.width = '640px';
  // Eleven widgets answered by the in-page server (msw), twice over: on a loaded CI machine
  // that takes longer than one widget's 5 s, so they wait together, up to 20 s.
  await Promise.all(widgets.map((el) => drawn(el, 'svg.pulso-chart, .kpi-value', 20_000)));
  // Rows computed in the worker may arrive before the new width is observed: the frames
  // after it redraw at the width set above.
  for (let frame = 0; frame < 3; frame++) {
    await new Promise((resolve) => requestAnimationFrame(resolve));
    for (const el of widgets) await el.updateComplete;
  }
  return new Map(widgets.map((el) => [el.id, el]));
}

/** What a user sees of a widget: its chart (or card), ids aside. */
const picture = (el: HTMLElement): string =>
  (el.shadowRoot!.querySelector('svg.pulso-chart') ?? el.shadowRoot!.querySelector('.pulso-frame'))!.outerHTML.replace(/ id="[^"]*"/g, '');

/** The segment values the dashboard's bar offers. */
async function segmentList(dash: PulsoDashboard): Promise<string[]> {
  const options = () => [...dash.shadowRoot!.querySelectorAll('select')].at(-1)!.querySelectorAll('option');
  await waitUntil(() => options().length > 1, 'the segment list never filled');
  return [...options()].map((o) => text(o));
}

describe('a dashboard over a push-down JsonAdapter and the server API', () => {
  let worker: SetupWorker;
  let requests: string[];
  // The API's requests (not the modules the page's worker loads, also seen by msw's worker).
  const record = ({ request }: { request: Request }): void => {
    const path = new URL(request.url).pathname;
    if (path.startsWith('/pd/')) requests.push(`${request.method} ${path}`);
  };

  before(async () => {
    worker = await withMswRegistration(() =>
      startMockApi([http.all('/pd/*', ({ request }) => answer(request, { scope: 'test' }))], { url: MSW_WORKER_PATH, scope: '/' }),
    );
    worker.events.on('request:start', record);
  });
  beforeEach(() => (requests = []));
  after(() => {
    worker.events.removeListener('request:start', record);
    worker.stop();
  });

  for (const pushDown of [true, 'auto'] as const) {
    it(`draws from aggregates alone (pushDown: ${String(pushDown)}) exactly what it draws from the rows`, async function () {
      this.timeout(60_000);
      const box = await fixture<HTMLDivElement>(html`<div>${dashboard(new MemoryAdapter(tables))}${dashboard(new JsonAdapter({ base: '/pd', pushDown }))}</div>`);
      const [local, remote] = [...box.children] as PulsoDashboard[];
      const [rows, aggregates] = [await drawnWidgets(local), await drawnWidgets(remote)];
      expect(aggregates.size).to.equal(11);
      for (const [id, el] of rows) expect(picture(aggregates.get(id)!), id).to.equal(picture(el));
      expect(await segmentList(remote)).to.deep.equal(await segmentList(local));
      // The validation notice says the same: the server reports the rows it skipped.
      expect(text(remote.shadowRoot!.querySelector('.pulso-notices'))).to.equal(text(local.shadowRoot!.querySelector('.pulso-notices')));
      const table = (r: string) => /^GET \/pd\/(customers|activity|surveys|tickets)/.test(r);
      expect(requests.filter(table), 'row requests').to.deep.equal([]);
      const asked = requests.filter((r) => r !== 'POST /pd/aggregate');
      expect(asked).to.deep.equal(pushDown === 'auto' ? ['GET /pd/capabilities'] : []);
      expect(requests.length).to.be.greaterThan(10);
    });
  }

  it('serves the answers from the cache when the server is gone, and says so', async () => {
    configureCache({ name: uniqueName('push-down'), ttlMs: 0 });
    try {
      const adapter = new JsonAdapter({ base: '/pd', pushDown: true, retries: 0 });
      const online = await fixture<PulsoDashboard>(dashboard(adapter, 'u-7'));
      const before = new Map([...(await drawnWidgets(online))].map(([id, el]) => [id, el.shadowRoot!.querySelector('svg.pulso-chart, .kpi-value')!.outerHTML]));
      // The answers are written (encrypted) in the background; a user closes the tab after that.
      await coordinator.source(adapter, undefined, { scope: 'u-7' }).idle();
      online.remove();
      worker.use(http.all('/pd/*', () => HttpResponse.error()));
      requests = [];
      // A new page's adapter: the same API, so the same cache entries.
      const offline = await fixture<PulsoDashboard>(dashboard(new JsonAdapter({ base: '/pd', pushDown: true, retries: 0 }), 'u-7'));
      const widgets = await drawnWidgets(offline);
      for (const [id, el] of widgets) expect(el.shadowRoot!.querySelector('svg.pulso-chart, .kpi-value')!.outerHTML, id).to.equal(before.get(id));
      const nps = widgets.get('nps')!;
      await waitUntil(() => text(nps.shadowRoot as unknown as Element).includes('Offline: showing data from'), 'no offline note');
      expect(requests.length, 'the server was asked again').to.be.greaterThan(0);
      expect(requests.every((r) => r === 'POST /pd/aggregate')).to.equal(true);
    } finally {
      worker.resetHandlers();
      configureCache({});
      await clearCache();
    }
  });
});
