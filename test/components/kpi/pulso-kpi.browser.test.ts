// <pulso-kpi>: the figures and sparkline against the metric and layout functions,
// every state, locales, keyboard and tooltip, the table, options as attributes
// and properties, invalid options, suppression and hostile strings.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../../components/kpi/pulso-kpi.js';
import type { PulsoKpi } from '../../../components/kpi/pulso-kpi.js';
import { SPARK_HEIGHT, SPARK_MARGINS } from '../../../components/kpi/card-view.js';
import { MemoryAdapter } from '../../../src/adapters/memory.js';
import type { Adapter, LoadResult } from '../../../src/adapters/types.js';
import { sparklineLayout } from '../../../src/charts/kpi.js';
import type { Row } from '../../../src/data/schema.js';
import { kpis } from '../../../src/metrics/kpis.js';
import type { PulsoSelectEvent } from '../../../components/shared/events.js';
import { loadMarksKeys } from '../../../components/shared/marks-nav.js';

const AS_OF = '2026-03-01T00:00:00Z';
const nps = (day: string, scores: number[]): Row[] =>
  scores.map((score, i) => ({ at: `${day}T12:00:00Z`, kind: 'nps', score, customer_id: `c${day}${i}`, channel: 'app' }));
// Nov +25, Dec +50, Jan 0 (the previous 30 days), Feb +40 (the current 30 days).
const SURVEYS: Row[] = [
  ...nps('2025-11-10', [10, 10, 6, 8]),
  ...nps('2025-12-10', [9, 9, 9, 2]),
  ...nps('2026-01-10', [10, 10, 8, 3, 3]),
  ...nps('2026-02-10', [10, 10, 10, 10, 10, 10, 8, 8, 3, 3]),
];
const csat = (day: string, scores: number[]): Row[] =>
  scores.map((score, i) => ({ at: `${day}T12:00:00Z`, kind: 'csat', score, customer_id: `k${day}${i}`, channel: 'chat' }));
// Feb: 5 of 8 satisfied = 62.5%; Jan: 3 of 4 = 75%.
const CSAT: Row[] = [...csat('2026-01-10', [5, 4, 4, 2]), ...csat('2026-02-10', [5, 5, 4, 4, 4, 3, 2, 1])];
// Active at Jan 30: 20 customers; 2 churn in Feb (10%). Active at Dec 31: 21; 1 churns in Jan (≈4.8%).
const CUSTOMERS: Row[] = Array.from({ length: 21 }, (_, i) => ({
  customer_id: `u${i}`,
  signup_at: '2025-06-01T00:00:00Z',
  churned_at: i === 0 ? '2026-01-15T00:00:00Z' : i < 3 ? '2026-02-15T00:00:00Z' : null,
}));

const ticket = (id: string, day: string, responseMin: number, resolutionMin: number): Row => {
  const opened = Date.parse(`${day}T08:00:00Z`);
  return { ticket_id: id, customer_id: 'c1', channel: 'chat', opened_at: new Date(opened).toISOString(),
    first_response_at: new Date(opened + responseMin * 60_000).toISOString(),
    resolved_at: new Date(opened + resolutionMin * 60_000).toISOString(), contacts: 1 };
};
// Previous range: first responses 30 and 34 min (median 32), resolutions 1 h. Current: 10, 20, 30 min (median 20), 3–5 h (median 4 h).
const TICKETS: Row[] = [
  ticket('t1', '2026-01-10', 30, 60), ticket('t2', '2026-01-11', 34, 60),
  ticket('t3', '2026-02-10', 10, 180), ticket('t4', '2026-02-11', 20, 240), ticket('t5', '2026-02-12', 30, 300),
];

const shadow = (el: PulsoKpi): ShadowRoot => el.shadowRoot!;
const text = (el: PulsoKpi, sel: string): string => shadow(el).querySelector(sel)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const marks = (el: PulsoKpi) => [...shadow(el).querySelectorAll<SVGCircleElement>('[data-mark]')];

/** The data controller's status (protected on the element; read here to wait for a load). */
const status = (el: PulsoKpi): string => (el as unknown as { data: { status: string } }).data.status;

async function settled(el: PulsoKpi): Promise<void> {
  await waitUntil(() => status(el) === 'complete' || status(el) === 'error', 'never settled', { timeout: 5000 });
  await el.updateComplete;
}

async function card(attrs: string, tables: ConstructorParameters<typeof MemoryAdapter>[0] = { surveys: SURVEYS }): Promise<PulsoKpi> {
  const el = await fixture<PulsoKpi>(html`<pulso-kpi locale="en" as-of=${AS_OF} .adapter=${new MemoryAdapter(tables)}></pulso-kpi>`);
  for (const part of attrs.split(';').filter(Boolean)) {
    const eq = part.indexOf('=');
    el.setAttribute(part.slice(0, eq).trim(), part.slice(eq + 1));
  }
  await el.updateComplete;
  await settled(el);
  return el;
}

describe('<pulso-kpi>', () => {
  // The marks' chunk in, as after a page's first hover: keys are handled as they come.
  before(() => loadMarksKeys());

  it('shows the value, the change with its direction in words, n and the summary', async () => {
    const el = await card('metric=nps;min-sample=0');
    expect(text(el, '.pulso-frame-title')).to.equal('NPS');
    expect(text(el, '.kpi-value')).to.equal('+40');
    expect(text(el, '.kpi-ci')).to.equal('95% CI -10 to +90');
    expect(text(el, '.kpi-change')).to.equal('▲ +40 pts');
    // +40 against 0 over 10 and 5 answers: the z-test on the two NPS says it could be chance.
    expect(shadow(el).querySelector('.kpi-delta')!.classList.contains('dir-neutral')).to.be.true;
    expect(text(el, '.kpi-evidence')).to.match(/^Could be chance \(95% CI -?\d+(\.\d)? to \+?\d+(\.\d)? pts\)$/);
    expect(text(el, '.kpi-meta')).to.equal('of 10 answers · Jan 30, 2026 – Feb 28, 2026');
    expect(text(el, '#pulso-frame-summary')).to.equal('NPS is +40, up 40 points from the previous 30 days (could be chance).');
  });

  it('judges no change over fewer answers than min-sample (default 30): too few to compare', async () => {
    const el = await card('metric=nps');
    expect(text(el, '.kpi-change')).to.equal('▲ +40 pts');
    expect(shadow(el).querySelector('.kpi-delta')!.classList.contains('dir-neutral')).to.be.true;
    expect(text(el, '.kpi-evidence')).to.equal('Too few to compare (fewer than 30 in a range)');
    expect(text(el, '#pulso-frame-summary')).to.equal('NPS is +40, up 40 points from the previous 30 days (too few to compare).');
  });

  it('colours a change only when its test says it is likely real, with the interval and test in the table', async () => {
    // January 30 of 40 satisfied (75%), February 20 of 40 (50%): z-test p = 0.021.
    const many = [...csat('2026-01-10', [...Array(30).fill(5), ...Array(10).fill(1)]), ...csat('2026-02-10', [...Array(20).fill(5), ...Array(20).fill(1)])];
    const el = await card('metric=csat', { surveys: many });
    expect(text(el, '.kpi-change')).to.equal('▼ -25.0 pts');
    expect(shadow(el).querySelector('.kpi-delta')!.className).to.contain('dir-worse');
    const row = kpis({ surveys: many }, { from: '2026-01-30', to: AS_OF, metrics: ['csat'] })[0];
    expect(row.test).to.equal('z');
    expect(row.pValue).to.be.closeTo(0.0209, 0.0005);
    expect(text(el, '.kpi-evidence')).to.equal(`Likely a real change (95% CI ${(row.deltaLow!).toFixed(1)} to ${(row.deltaHigh!).toFixed(1)} pts)`);
    shadow(el).querySelector<HTMLButtonElement>('.pulso-frame-toggle')!.click();
    await el.updateComplete;
    const first = shadow(el).querySelector('tbody tr')!.textContent!.replace(/\s+/g, ' ');
    expect(first).to.contain(`-25.0 pts (95% CI ${(row.deltaLow!).toFixed(1)} to ${(row.deltaHigh!).toFixed(1)} pts), two-proportion z-test`);
    expect(first).to.contain('likely real');
    el.minSample = 50;
    await settled(el);
    await waitUntil(() => shadow(el).querySelector('tbody tr')?.textContent?.includes('too few to compare'));
    expect(shadow(el).querySelector('tbody tr')!.textContent).not.to.contain('z-test');
  });

  it('draws one mark per sparkline period with a value, where sparklineLayout puts it', async () => {
    const el = await card('metric=nps');
    const row = kpis({ surveys: SURVEYS }, { from: '2025-03-01', to: AS_OF, period: 'month' }).find((r) => r.metric === 'nps')!;
    expect(row.sparkline).to.have.length(12);
    const svg = shadow(el).querySelector('svg.pulso-chart')!;
    const width = Number(svg.getAttribute('width'));
    const layout = sparklineLayout(row.sparkline!, { width, height: SPARK_HEIGHT, margin: SPARK_MARGINS });
    const drawn = marks(el);
    expect(drawn).to.have.length(4);
    expect(layout.points.map((p) => p.value)).to.deep.equal([25, 50, 0, 40]);
    drawn.forEach((m, i) => {
      expect(Number(m.getAttribute('cx'))).to.equal(layout.points[i].x);
      expect(Number(m.getAttribute('cy'))).to.equal(layout.points[i].y);
    });
    expect(drawn.map((m) => m.getAttribute('data-col'))).to.deep.equal(['8', '9', '10', '11']);
    expect(shadow(el).querySelector('.spark-line')!.getAttribute('d')).to.equal(layout.path);
    expect(drawn[1].getAttribute('aria-label')).to.equal('December 2025: NPS +50, 95% CI -35 to +100, of 4 answers');
  });

  it('shows a card skeleton while loading', async () => {
    const pending: Adapter = { id: 'pending', load: () => new Promise<LoadResult>(() => {}) };
    const el = await fixture<PulsoKpi>(html`<pulso-kpi metric="nps" locale="en" .adapter=${pending}></pulso-kpi>`);
    await el.updateComplete;
    expect(shadow(el).querySelector('.pulso-loading')!.getAttribute('data-shape')).to.equal('card');
  });

  it('says when the range has no answers, and when there is no source', async () => {
    const el = await card('metric=nps', { surveys: [] });
    expect(text(el, '.pulso-empty')).to.equal('No answers in this range');
    const none = await fixture<PulsoKpi>(html`<pulso-kpi metric="nps" locale="en"></pulso-kpi>`);
    await none.updateComplete;
    expect(shadow(none).querySelector('.pulso-no-source')).to.exist;
  });

  it('shows an error with a retry button that loads again', async () => {
    let calls = 0;
    const flaky: Adapter = {
      id: 'flaky',
      load: (request) => (++calls === 1 ? Promise.reject(new Error('boom')) : new MemoryAdapter({ surveys: SURVEYS }).load(request)),
    };
    const el = await fixture<PulsoKpi>(html`<pulso-kpi metric="nps" locale="en" as-of=${AS_OF} .adapter=${flaky}></pulso-kpi>`);
    await settled(el);
    expect(text(el, '.pulso-error-title')).to.equal('The data could not be loaded');
    shadow(el).querySelector<HTMLButtonElement>('.pulso-retry')!.click();
    await waitUntil(() => status(el) === 'complete', 'retry never completed');
    await el.updateComplete;
    expect(calls).to.equal(2);
    expect(text(el, '.kpi-value')).to.equal('+40');
  });

  it('reports the exact count of skipped rows', async () => {
    const bad = { at: '2026-02-11T00:00:00Z', kind: 'nps', score: 11, customer_id: 'x', channel: 'app' };
    const el = await card('metric=nps', { surveys: [...SURVEYS, bad] });
    expect(text(el, '.pulso-notices')).to.contain(`1 of ${SURVEYS.length + 1} survey rows was skipped`);
    expect(text(el, '.kpi-value')).to.equal('+40');
  });

  it('switches language: title, words and number format', async () => {
    const el = await card('metric=csat;min-sample=0', { surveys: CSAT });
    expect(text(el, '.kpi-value')).to.equal('62.5%');
    expect(text(el, '.kpi-change')).to.equal('▼ -12.5 pts');
    expect(text(el, '.kpi-meta')).to.contain('of 8 answers');
    el.locale = 'pt-BR';
    await el.updateComplete;
    expect(text(el, '.kpi-value')).to.equal('62,5%');
    expect(text(el, '.kpi-change')).to.equal('▼ -12,5 pts');
    expect(text(el, '.kpi-meta')).to.contain('de 8 respostas');
    expect(text(el, '#pulso-frame-summary')).to.equal('CSAT é 62,5%, caiu 12,5 pontos percentuais na comparação com os 30 dias anteriores (pode ser acaso).');
    el.locale = 'es';
    el.metric = 'nps';
    el.adapter = new MemoryAdapter({ surveys: SURVEYS });
    await settled(el);
    await waitUntil(() => text(el, '.kpi-value') === '+40');
    expect(text(el, '#pulso-frame-summary')).to.equal('NPS es +40, subió 40 puntos en comparación con los 30 días anteriores (puede ser azar).');
  });

  it('moves through the points with the keyboard, shows a tooltip, and selects with Enter', async () => {
    const el = await card('metric=nps');
    const [first, second] = marks(el);
    first.focus();
    await el.updateComplete;
    const tip = shadow(el).querySelector('.pulso-tooltip')!;
    expect(tip.hasAttribute('hidden')).to.be.false;
    expect(tip.textContent!.replace(/\s+/g, ' ')).to.contain('November 2025').and.contain('+25');
    first.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true, composed: true }));
    await el.updateComplete;
    expect(shadow(el).activeElement).to.equal(second);
    const event = oneEvent(el, 'pulso-select') as Promise<PulsoSelectEvent>;
    second.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
    const { detail } = await event;
    expect(detail.filters).to.deep.equal({ period: '2025-12-01' });
    expect(detail.periodUnit).to.equal('month');
    expect(detail.row.value).to.equal(50);
  });

  it('toggles to a table of the headline rows and every sparkline period', async () => {
    const el = await card('metric=nps');
    shadow(el).querySelector<HTMLButtonElement>('.pulso-frame-toggle')!.click();
    await el.updateComplete;
    const rows = [...shadow(el).querySelectorAll('tbody tr')];
    expect(rows).to.have.length(2 + 12);
    expect(rows[0].textContent!.replace(/\s+/g, ' ')).to.contain('This range').and.contain('+40.0').and.contain('10');
    expect(rows[1].textContent!.replace(/\s+/g, ' ')).to.contain('Previous range').and.contain('0.0');
    expect(rows[13].textContent!.replace(/\s+/g, ' ')).to.contain('+40.0');
    await expect(el).to.be.accessible();
  });

  it('is accessible', async () => {
    const el = await card('metric=nps');
    await expect(el).to.be.accessible();
    el.theme = 'dark';
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });

  it('maps every attribute to its property', async () => {
    const el = await card(
      'metric=adoption;from=2026-01-01;to=2026-02-01;range=P7D;spark-unit=week;spark-periods=5;activation-window=P3D;' +
        'features=a, b,c;satisfied-min=3;min-cell-size=2;time-zone=America/Sao_Paulo;neutral-band=2;polarity=down',
      { activity: [] },
    );
    expect([el.metric, el.from, el.to, el.range, el.sparkUnit, el.sparkPeriods, el.activationWindow]).to.deep.equal(
      ['adoption', '2026-01-01', '2026-02-01', 'P7D', 'week', 5, 'P3D']);
    expect([el.features, el.satisfiedMin, el.minCellSize, el.timeZone, el.neutralBand, el.polarity, el.asOf]).to.deep.equal(
      ['a, b,c', 3, 2, 'America/Sao_Paulo', 2, 'down', AS_OF]);
    expect(text(el, '.pulso-frame-title')).to.equal('Adoption of a, b, c');
  });

  it('counts activation on the events named in activation-events, never on a sign-up', async () => {
    // Four sign-ups in February, each logging 'signup'; two book an appointment within 7 days.
    const customers = ['a', 'b', 'c', 'd'].map((id) => ({ customer_id: id, signup_at: '2026-02-10T00:00:00Z' }));
    const activity = [
      ...customers.map((c) => ({ customer_id: c.customer_id, at: '2026-02-10T00:00:00Z', event: 'signup' })),
      { customer_id: 'a', at: '2026-02-11T00:00:00Z', event: 'booked_appointment' },
      { customer_id: 'b', at: '2026-02-12T00:00:00Z', event: 'login' },
      { customer_id: 'c', at: '2026-02-12T00:00:00Z', event: 'booked_appointment' },
    ];
    const el = await card('metric=activation', { customers, activity });
    // By default every event but the sign-up counts: a, b and c.
    expect(text(el, '.kpi-value')).to.equal('75.0%');
    expect(text(el, '.kpi-ci')).to.match(/^95% CI \d+\.\d% to \d+\.\d%$/);
    el.setAttribute('activation-events', 'booked_appointment');
    await settled(el);
    await waitUntil(() => text(el, '.kpi-value') === '50.0%');
    expect(el.activationEvents).to.equal('booked_appointment');
    el.setAttribute('min-sample', '2');
    expect(el.minSample).to.equal(2);
  });

  it('turns a bad option into the translated settings error', async () => {
    for (const attrs of ['metric=bogus', 'metric=nps;polarity=sideways', 'metric=adoption', 'metric=nps;range=P1Q', 'metric=nps;spark-unit=mnth']) {
      const el = await card(attrs);
      expect(text(el, '.pulso-error-sentence'), attrs).to.equal('A setting of this chart is not valid.');
    }
  });

  it('judges the change by the metric polarity, its override and the neutral band', async () => {
    // 401 customers: 10 churn in January (2.5%), 40 of the 391 left in February (10.2%).
    const many: Row[] = Array.from({ length: 401 }, (_, i) => ({
      customer_id: `m${i}`,
      signup_at: '2025-06-01T00:00:00Z',
      churned_at: i < 10 ? '2026-01-15T00:00:00Z' : i < 50 ? '2026-02-15T00:00:00Z' : null,
    }));
    const el = await card('metric=churnRate', { customers: many });
    expect(text(el, '.kpi-value')).to.equal('10.2%');
    expect(text(el, '.kpi-change')).to.equal('▲ +7.7 pts');
    expect(shadow(el).querySelector('.kpi-delta')!.className).to.contain('dir-worse');
    expect(text(el, '.kpi-meta')).to.contain('of 391 customers active at the start');
    el.polarity = 'up';
    await settled(el);
    await waitUntil(() => shadow(el).querySelector('.dir-better'));
    el.neutralBand = 8;
    await settled(el);
    await waitUntil(() => shadow(el).querySelector('.dir-neutral'));
    expect(text(el, '.kpi-delta .visually-hidden')).to.equal(', about the same as the previous 30 days');
    // The 20-customer book: +5.2 pts is not judged (too few), nor with min-sample 0 (Fisher's p is large).
    el.polarity = undefined;
    el.neutralBand = undefined;
    el.adapter = new MemoryAdapter({ customers: CUSTOMERS });
    await settled(el);
    await waitUntil(() => text(el, '.kpi-change') === '▲ +5.2 pts');
    expect(shadow(el).querySelector('.kpi-delta')!.className).to.contain('dir-neutral');
    expect(text(el, '.kpi-evidence')).to.equal('Too few to compare (fewer than 30 in a range)');
    el.minSample = 0;
    await settled(el);
    await waitUntil(() => text(el, '.kpi-evidence').startsWith('Could be chance'));
    expect(shadow(el).querySelector('.kpi-delta')!.className).to.contain('dir-neutral');
  });

  it('hides a value over fewer than min-cell-size and never shows its number', async () => {
    const el = await card('metric=nps;min-cell-size=11');
    expect(text(el, '.kpi-value')).to.equal('< 11');
    expect(text(el, '.kpi-note')).to.equal('Hidden: fewer than 11 in this range');
    expect(shadow(el).textContent).not.to.contain('+40');
    expect(text(el, '#pulso-frame-summary')).to.contain('NPS is hidden');
    shadow(el).querySelector<HTMLButtonElement>('.pulso-frame-toggle')!.click();
    await el.updateComplete;
    expect(shadow(el).querySelector('tbody tr')!.textContent).to.contain('< 11').and.not.contain('40');
  });

  it('renders hostile feature names as text', async () => {
    const evil = '<img src=x onerror="window.__pwned=1">';
    const activity = [
      { customer_id: 'a', at: '2026-02-10T00:00:00Z', event: evil },
      { customer_id: 'b', at: '2026-02-10T00:00:00Z', event: 'login' },
    ];
    const el = await card(`metric=adoption;features=${evil}`, { activity });
    expect(text(el, '.pulso-frame-title')).to.equal(`Adoption of ${evil}`);
    expect(text(el, '.kpi-value')).to.equal('50.0%');
    expect(shadow(el).querySelector('img')).to.equal(null);
    expect((window as unknown as { __pwned?: number }).__pwned).to.equal(undefined);
  });

  it('writes medians as durations and judges times down-is-good and volume not at all', async () => {
    const el = await card('metric=firstResponseMedian;min-sample=0', { tickets: TICKETS });
    expect(text(el, '.kpi-value')).to.equal('20 min');
    expect(text(el, '.kpi-change')).to.equal('▼ -12 min');
    expect(text(el, '#pulso-frame-summary')).to.equal('Median first response is 20 min, down 12 min from the previous 30 days (better).');
    el.metric = 'resolutionMedian';
    await settled(el);
    await waitUntil(() => text(el, '.kpi-value') === '4 hr');
    expect(text(el, '.kpi-change')).to.equal('▲ +3 hr');
    expect(shadow(el).querySelector('.kpi-delta')!.className).to.contain('dir-worse');
    el.metric = 'ticketVolume';
    await settled(el);
    await waitUntil(() => text(el, '.kpi-value') === '3');
    expect(text(el, '.kpi-change')).to.equal('▲ +1');
    expect(shadow(el).querySelector('.kpi-delta')!.className).to.contain('dir-neutral');
    expect(text(el, '#pulso-frame-summary')).to.equal('Tickets opened is 3, up 1 ticket from the previous 30 days (not rated better or worse).');
  });

  it('draws hidden sparkline periods as labelled hollow marks, and no delta against a hidden range', async () => {
    const el = await card('metric=nps;min-cell-size=2');
    const all = marks(el);
    expect(all.map((m) => m.getAttribute('class'))).to.deep.equal(['spark-hidden', 'spark-hidden', 'spark-hidden', 'spark-dot end']);
    expect(all[0].getAttribute('aria-label')).to.equal('November 2025: Hidden: fewer than 2 in this range');
    expect(text(el, '.kpi-value')).to.equal('+40');
    expect(text(el, '.kpi-delta')).to.equal('no value for the previous 30 days to compare with');
  });

  it('follows range and spark unit: a 7-day card with a weekly sparkline, or none', async () => {
    const el = await card('metric=nps;range=P7D;spark-unit=week;spark-periods=4');
    // No answer in the last 7 days: no value, but the weekly sparkline still has February's.
    expect(text(el, '.kpi-value')).to.equal('—');
    expect(text(el, '.kpi-meta')).to.equal('of 0 answers · Feb 22, 2026 – Feb 28, 2026');
    expect(text(el, '#pulso-frame-summary')).to.equal('NPS has no value in this range.');
    expect(marks(el)).to.have.length(1);
    expect(shadow(el).querySelectorAll('.kpi-spark')).to.have.length(1);
    expect(text(el, '.kpi-delta')).to.contain('no value for the previous 7 days');
    el.sparkUnit = 'none';
    await settled(el);
    await waitUntil(() => !shadow(el).querySelector('.kpi-spark'));
    expect(marks(el)).to.have.length(0);
  });
});
