// <pulso-dashboard>: one load per table, shared defaults, the segment filter,
// cross-filtering with a removable chip, the URL, and accessibility.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../../components/index.js';
import type { PulsoDashboard } from '../../../components/dashboard/pulso-dashboard.js';
import type { PulsoCohortChurn } from '../../../components/cohort-churn/pulso-cohort-churn.js';
import type { PulsoNpsTrend } from '../../../components/nps-trend/pulso-nps-trend.js';
import { MemoryAdapter } from '../../../src/adapters/memory.js';
import { registerAdapter, unregisterAdapter } from '../../../src/adapters/registry.js';
import type { Adapter, LoadRequest } from '../../../src/adapters/types.js';
import type { Row } from '../../../src/data/schema.js';
import { npsTrend } from '../../../src/metrics/nps.js';
import { $, $$, HOSTILE, drawn, text } from '../widget-helpers.js';

const AS_OF = '2025-04-01T00:00:00Z';
const customers: Row[] = [
  { customer_id: 'a', signup_at: '2025-01-05T00:00:00Z', plan: 'Essencial' },
  { customer_id: 'b', signup_at: '2025-01-20T00:00:00Z', plan: 'Ouro' },
  { customer_id: 'c', signup_at: '2025-02-03T00:00:00Z', plan: 'Ouro', churned_at: '2025-03-10T00:00:00Z' },
  { customer_id: 'd', signup_at: '2025-02-14T00:00:00Z', plan: HOSTILE },
];
const surveys: Row[] = [
  { at: '2025-02-01T10:00:00Z', kind: 'nps', score: 10, customer_id: 'a' },
  { at: '2025-02-02T10:00:00Z', kind: 'nps', score: 2, customer_id: 'b' },
  { at: '2025-03-01T10:00:00Z', kind: 'nps', score: 9, customer_id: 'c' },
  { at: '2025-03-02T10:00:00Z', kind: 'nps', score: 9, customer_id: 'd' },
  { at: '2025-03-03T10:00:00Z', kind: 'nps', score: 0, customer_id: 'a' },
];

/** Counts loads per table. */
function counting(): Adapter & { loads: string[] } {
  const inner = new MemoryAdapter({ customers, surveys });
  const a = {
    id: 'counting',
    loads: [] as string[],
    load(r: LoadRequest, s?: AbortSignal) {
      a.loads.push(r.table);
      return inner.load(r, s);
    },
  };
  return a;
}

async function dashboard(adapter: Adapter, attrs = ''): Promise<{ dash: PulsoDashboard; churn: PulsoCohortChurn; nps: PulsoNpsTrend }> {
  const dash = await fixture<PulsoDashboard>(html`<pulso-dashboard locale="en" .adapter=${adapter} segment-options="plan">
      <pulso-cohort-churn id="churn" as-of=${AS_OF}></pulso-cohort-churn>
      <pulso-nps-trend id="nps" by=${attrs}></pulso-nps-trend>
    </pulso-dashboard>`);
  const churn = dash.querySelector('pulso-cohort-churn')!;
  const nps = dash.querySelector('pulso-nps-trend')!;
  await drawn(churn);
  await drawn(nps);
  return { dash, churn, nps };
}

const answers = (nps: HTMLElement) =>
  $$(nps, 'circle[data-mark]').map((c) => /(\d+) answers(?:, few answers)?$/.exec(c.getAttribute('aria-label') ?? '')?.[1]);

describe('<pulso-dashboard>', () => {
  afterEach(() => history.replaceState(null, '', location.pathname));

  it('gives every widget its data with one load per table', async () => {
    const adapter = counting();
    const { churn, nps } = await dashboard(adapter);
    expect($$(churn, 'rect[data-mark]').length).to.be.greaterThan(0);
    expect(answers(nps)).to.deep.equal(['2', '3']);
    expect(adapter.loads.filter((t) => t === 'customers')).to.have.length(1);
    expect(adapter.loads.filter((t) => t === 'surveys')).to.have.length(1);
  });

  it('cross-filters the other widgets on a click, shows a chip, and clears it', async () => {
    const { dash, churn, nps } = await dashboard(counting());
    // January's cohort is a and b: their answers are February's two and a's in March.
    const janCell = $$<SVGRectElement>(churn, 'rect[data-mark]').find((r) => r.dataset.row === '0' && r.dataset.col === '0')!;
    janCell.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
    await waitUntil(() => answers(nps).join() === '2,1', `answers stayed ${answers(nps).join()}`);
    const expected = npsTrend(surveys.filter((s) => s.customer_id === 'a' || s.customer_id === 'b'), {});
    expect(answers(nps)).to.deep.equal(expected.map((r) => String(r.n)));
    expect(text($(dash, '[data-chip=cross] span'))).to.equal('Cohort: Jan 2025');
    // The source widget is not filtered by its own selection.
    expect($$(churn, 'rect[data-mark]').length).to.equal(7);
    expect(dash.cross?.filters).to.deep.equal({ cohort: '2025-01-01' });
    $<HTMLButtonElement>(dash, '[data-chip=cross] button')!.click();
    await waitUntil(() => answers(nps).join() === '2,3');
    expect($(dash, '[data-chip]')).to.equal(null);
    expect(text($(dash, '[role=status]'))).to.equal('All filters cleared');
  });

  it('filters every widget by a segment chosen in the bar, with hostile values as text', async () => {
    const { dash, nps, churn } = await dashboard(counting());
    dash.segmentBy = 'plan';
    await waitUntil(() => $$(dash, '.bar select')[2]?.querySelectorAll('option').length === 4);
    const options = [...$$(dash, '.bar select')[2].querySelectorAll('option')].map((o) => o.textContent!.trim());
    expect(options).to.deep.equal(['All', HOSTILE, 'Essencial', 'Ouro']);
    const select = $$<HTMLSelectElement>(dash, '.bar select')[2];
    select.value = 'Ouro';
    select.dispatchEvent(new Event('change'));
    await waitUntil(() => answers(nps).join() === '1,1', `answers stayed ${answers(nps).join()}`);
    expect(text($(dash, '[data-chip=segment] span'))).to.equal('Plan: Ouro');
    // Each cohort keeps its Ouro customer only: b in January, c in February.
    const first = () => $$(churn, 'rect[data-mark]')[0]?.getAttribute('aria-label') ?? '';
    await waitUntil(() => first().includes('1 of 1'), `cell: ${first()}`);
    expect((window as unknown as { __pwned?: number }).__pwned).to.equal(undefined);
  });

  it('shares the range and period with widgets that have none of their own, never writing theirs', async () => {
    const { dash, nps } = await dashboard(counting());
    dash.period = 'quarter';
    await waitUntil(() => $$(nps, 'circle[data-mark]').length === 1);
    expect(answers(nps)).to.deep.equal(['5']);
    // Read at use time: the widget's own property stays unset.
    expect(nps.period).to.equal(undefined);
    expect(nps.hasAttribute('period')).to.equal(false);
    dash.period = undefined;
    await waitUntil(() => $$(nps, 'circle[data-mark]').length === 2);
    nps.setAttribute('period', 'year');
    dash.period = 'quarter';
    await dash.updateComplete;
    await waitUntil(() => $$(nps, 'circle[data-mark]').length === 1);
    expect(nps.period).to.equal('year');
    expect($(nps, 'circle[data-mark]')!.getAttribute('aria-label')).to.match(/^2025/);
  });

  it('says a bad period of its own in words, and its widgets refuse it as theirs would be refused', async () => {
    const { dash, nps } = await dashboard(counting());
    dash.period = 'mnth';
    await waitUntil(() => $(dash, '.setting-error'), 'the dashboard did not say its period is bad');
    expect(text($(dash, '.setting-error'))).to.equal(
      "A setting of this dashboard is not valid. period must be one of day, week, month, quarter, year; got 'mnth'",
    );
    await waitUntil(() => $(nps, '.pulso-error'), 'the widget did not refuse the period');
    expect(text($(nps, '.pulso-error-sentence'))).to.equal('A setting of this chart is not valid.');
  });

  it('says which widgets a cross-filter reaches, and why one it empties is empty', async () => {
    const withChannels: Row[] = [
      ...surveys,
      { at: '2025-03-04T10:00:00Z', kind: 'csat', score: 5, customer_id: 'a', channel: 'chat' },
      { at: '2025-03-05T10:00:00Z', kind: 'csat', score: 2, customer_id: 'b', channel: 'phone' },
    ];
    const dash = await fixture<PulsoDashboard>(html`<pulso-dashboard locale="en" .adapter=${new MemoryAdapter({ customers, surveys: withChannels })}>
        <pulso-cohort-churn as-of=${AS_OF}></pulso-cohort-churn>
        <pulso-nps-trend></pulso-nps-trend>
        <pulso-channel-csat from="2025-03-01" to="2025-04-01" compare="none"></pulso-channel-csat>
      </pulso-dashboard>`);
    const [churn, nps, csat] = [...dash.children] as HTMLElement[];
    for (const w of [churn, nps, csat]) await drawn(w as PulsoNpsTrend);
    const phone = $$(csat, 'rect[data-mark]').find((r) => r.getAttribute('data-channel') === 'phone')!;
    phone.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
    // NPS answers carry no channel: the filter reaches them and leaves none, and says so.
    await waitUntil(() => $(nps, '.pulso-empty'), 'NPS was not emptied by the channel');
    expect(text($(nps, '.pulso-empty'))).to.contain('No NPS answers for Channel: Phone.');
    // The cohorts have no channel: left whole, and marked so, to the eye and to screen readers.
    await waitUntil(() => $(churn, '.pulso-unreached'), 'the heatmap did not say the filter misses it');
    expect(text($(churn, '.pulso-unreached'))).to.equal('⊘ Not filtered by channel');
    expect($(churn, '.pulso-unreached')!.getAttribute('role')).to.equal('note');
    expect($(nps, '.pulso-unreached')).to.equal(null);
    // The chip counts the charts it filters (the CSAT chart it came from is not one of them).
    await waitUntil(() => text($(dash, '[data-chip=cross] .reach')) === '(filters 1 of 2 charts)', text($(dash, '[data-chip=cross]')));
    expect(text($(dash, '[data-chip=cross] span'))).to.equal('Channel: Phone');
  });

  it('keeps its filters in the URL and reads them back', async () => {
    history.replaceState(null, '', `${location.pathname}?pulso.period=quarter&pulso.x.cohort=2025-02-01&pulso.x.unit=month&pulso.x.src=churn&keep=1`);
    const dash = await fixture<PulsoDashboard>(html`<pulso-dashboard locale="en" sync-url .adapter=${counting()}>
        <pulso-cohort-churn id="churn" as-of=${AS_OF}></pulso-cohort-churn>
        <pulso-nps-trend id="nps"></pulso-nps-trend>
      </pulso-dashboard>`);
    const nps = dash.querySelector('pulso-nps-trend')!;
    await drawn(nps);
    // February's cohort (c, d) answered twice, both in Q1.
    await waitUntil(() => answers(nps).join() === '2');
    expect(dash.period).to.equal('quarter');
    dash.period = 'month';
    await dash.updateComplete;
    const params = new URLSearchParams(location.search);
    expect(params.get('pulso.period')).to.equal('month');
    expect(params.get('pulso.x.cohort')).to.equal('2025-02-01');
    expect(params.get('keep')).to.equal('1');
  });

  it('waits for a source name registered after it, then gives every widget its data', async () => {
    const name = `late-${Math.random().toString(36).slice(2)}`;
    const dash = await fixture<PulsoDashboard>(html`<pulso-dashboard locale="en" source=${name}>
        <pulso-nps-trend></pulso-nps-trend>
      </pulso-dashboard>`);
    const nps = dash.querySelector('pulso-nps-trend')!;
    await new Promise((r) => setTimeout(r, 30));
    expect($(nps, 'svg.pulso-chart')).to.equal(null);
    registerAdapter(name, new MemoryAdapter({ customers, surveys }));
    await drawn(nps);
    expect(answers(nps)).to.deep.equal(['2', '3']);
    unregisterAdapter(name);
  });

  it('has no accessibility violations', async () => {
    const { dash } = await dashboard(counting());
    await expect(dash).to.be.accessible();
  });
});
