// <pulso-survival>: curves, bands, censoring ticks, medians and numbers at risk match
// survival()/survivalSummary(); the log-rank result in words; small groups left out;
// states, locales, keyboard, select events, table view, attributes, bad options, hostile names.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../../components/index.js';
import type { PulsoSurvival } from '../../../components/survival/pulso-survival.js';
import { MemoryAdapter } from '../../../src/adapters/memory.js';
import type { Row } from '../../../src/data/schema.js';
import { survival, survivalSummary } from '../../../src/metrics/survival.js';
import { $, $$, HOSTILE, drawn, flaky, hanging, press, text } from '../widget-helpers.js';

const DAY = 86_400_000;
const MONTH = 30.4375 * DAY;
const T0 = Date.UTC(2024, 0, 1);
const AS_OF = '2025-07-01T00:00:00.000Z';

/**
 * Basic: 40 customers, two churning each month for 12 months (survival sits at exactly 1/2 after
 * month 9 and falls at month 10: the median is 9.5), the rest still here.
 * Premium: 40 customers, 2 churn by asOf (months 6 and 12; those at 18 and 24 come after it).
 * Tiny: 5 customers (below min-group-size 30).
 */
function customers(): Row[] {
  const rows: Row[] = [];
  const add = (id: string, plan: string, signup: number, churnAfterMonths: number | null) =>
    rows.push({ customer_id: id, plan, signup_at: new Date(signup).toISOString(), churned_at: churnAfterMonths === null ? null : new Date(signup + churnAfterMonths * MONTH + DAY).toISOString() });
  for (let i = 0; i < 40; i++) add(`b${i}`, 'Basic', T0 + (i % 4) * DAY, i < 24 ? Math.floor(i / 2) : null);
  for (let i = 0; i < 40; i++) add(`p${i}`, 'Premium', T0 + (i % 4) * DAY, i < 4 ? 6 * (i + 1) : null);
  for (let i = 0; i < 5; i++) add(`t${i}`, 'Tiny', T0, 2);
  return rows;
}
const adapter = (rows: Row[] = customers()) => new MemoryAdapter({ customers: rows });

async function widget(attrs: Partial<PulsoSurvival> = {}, rows?: Row[]): Promise<PulsoSurvival> {
  const el = await fixture<PulsoSurvival>(html`<pulso-survival locale="en" as-of=${AS_OF} by="plan" .adapter=${adapter(rows)}></pulso-survival>`);
  Object.assign(el, attrs);
  await el.updateComplete;
  await drawn(el);
  return el;
}

const options = { asOf: AS_OF, by: 'plan', unit: 'month' as const, minGroupSize: 30 };

describe('<pulso-survival>', () => {
  it('draws a step curve, band and keyboard points per shown segment, and says which leaves sooner', async () => {
    const el = await widget();
    const summary = survivalSummary({ customers: customers() }, options);
    expect(summary.groups.map((g) => [g.segment, g.n, g.median])).to.deep.equal([
      ['Basic', 40, 9.5],
      ['Premium', 40, null],
      ['Tiny', null, null],
    ]);
    expect($$(el, 'path.line')).to.have.length(2);
    expect($$(el, 'path.band')).to.have.length(2);
    // Step curves: only horizontal and vertical moves (H/V or L with a repeated coordinate).
    const d = $(el, 'path.line')!.getAttribute('d')!;
    expect(d).to.match(/^M[\d.]+,[\d.]+/);
    // One median drop line (Basic's); Premium never reaches one half.
    expect($$(el, '.half line.median')).to.have.length(1);
    const p = summary.logRank!.pValue;
    expect(p).to.be.below(0.001);
    expect(text($(el, '.pulso-frame-summary'))).to.equal(
      'Customers with plan Basic leave sooner: median 9.5 months, while Premium has not reached half; log-rank p < 0.001. Not shown, fewer than 30 customers: Tiny.',
    );
    // The summary is on screen, not only for screen readers.
    expect($(el, '.pulso-frame-summary')!.classList.contains('visually-hidden')).to.equal(false);
    expect(text($(el, '[part~=legend]'))).to.contain('Basic (median 9.5 months)');
    expect(text($(el, '[part~=legend]'))).to.not.contain('Tiny');
  });

  it('puts the numbers at risk under the axis, equal to the Kaplan–Meier rows', async () => {
    const el = await widget();
    const rows = survival({ customers: customers() }, options);
    const rowsOf = $$(el, '.at-risk-row');
    expect(rowsOf).to.have.length(2);
    const [basic] = rowsOf.map((g) => [...g.querySelectorAll('text.tick')].map((t) => t.textContent));
    const ticks = $$(el, '.grid text.tick').filter((t) => t.getAttribute('text-anchor') === 'middle').map((t) => Number(t.textContent));
    expect(basic).to.have.length(ticks.length);
    // At time t: the customers followed at least t = at risk of the first row at or after t.
    const expected = ticks.map((t) => rows.find((r) => r.segment === 'Basic' && r.time >= t)?.atRisk ?? 0).map(String);
    expect(basic).to.deep.equal(expected);
    expect(basic[0]).to.equal('40');
    // Censoring ticks where customers are still here at asOf.
    expect($$(el, '.censors line').length).to.equal(rows.filter((r) => (r.censored ?? 0) > 0).length);
  });

  it('hides the tail where fewer than min-cell-size are at risk', async () => {
    const el = await widget({ minCellSize: 25 });
    expect(text($$(el, '.at-risk-row')[0])).to.contain('< 25');
  });

  it("takes the dashboard's min-cell-size, and a chosen segment cross-filters the dashboard", async () => {
    const dash = await fixture(html`<pulso-dashboard locale="en" min-cell-size="25" .adapter=${adapter()}>
      <pulso-survival as-of=${AS_OF} by="plan"></pulso-survival><pulso-survival id="all" as-of=${AS_OF}></pulso-survival></pulso-dashboard>`);
    const el = dash.querySelector<PulsoSurvival>('pulso-survival')!;
    await drawn(el);
    expect(text($$(el, '.at-risk-row')[0])).to.contain('< 25');
    const first = $$<SVGCircleElement>(el, 'circle[data-mark]').find((c) => c.getAttribute('tabindex') === '0')!;
    first.focus();
    press(el, 'Enter');
    await waitUntil(() => dash.shadowRoot!.querySelector('[data-chip=cross]'), 'no cross-filter chip');
    const other = dash.querySelector<PulsoSurvival>('#all')!;
    // The other curve now has Basic's 40 customers only.
    await waitUntil(() => text($(other, '.pulso-frame-summary')).includes('(40 customers, 24 churned)'), text($(other, '.pulso-frame-summary')));
  });

  it('shows a line skeleton while loading, says when nobody signed up, and retries after an error', async () => {
    const slow = hanging();
    const loading = await fixture<PulsoSurvival>(html`<pulso-survival locale="en" .adapter=${slow}></pulso-survival>`);
    await waitUntil(() => $(loading, '.pulso-loading'));
    expect($(loading, '.pulso-loading')!.getAttribute('data-shape')).to.equal('line');
    slow.open();
    const empty = await fixture<PulsoSurvival>(html`<pulso-survival locale="en" from="2030-01-01" to="2031-01-01" .adapter=${adapter()}></pulso-survival>`);
    await waitUntil(() => $(empty, '.pulso-empty'));
    expect(text($(empty, '.pulso-empty'))).to.equal('No customers signed up in this period');
    const failing = flaky(adapter());
    const el = await fixture<PulsoSurvival>(html`<pulso-survival locale="en" as-of=${AS_OF} .adapter=${failing}></pulso-survival>`);
    await waitUntil(() => $(el, '.pulso-error'));
    $<HTMLButtonElement>(el, '.pulso-retry')!.click();
    await drawn(el);
    expect(text($(el, '.pulso-frame-summary'))).to.match(/^More than half of the customers are still here \(85 customers, 31 churned\)\./);
  });

  it('speaks Portuguese and Spanish', async () => {
    const el = await widget();
    el.locale = 'pt-BR';
    await el.updateComplete;
    expect(text($(el, '.pulso-frame-title'))).to.equal('Quanto tempo os clientes ficam');
    expect(text($(el, '.pulso-frame-summary'))).to.match(/^Clientes com plano Basic saem mais cedo: mediana de 9,5 meses, enquanto Premium não chegou à metade; log-rank p < 0,001\./);
    expect(text($(el, '.at-risk-title'))).to.equal('Clientes em risco');
    el.locale = 'es';
    await el.updateComplete;
    expect(text($(el, '.pulso-frame-summary'))).to.match(/^Los clientes con plan Basic se van antes: mediana de 9,5 meses/);
  });

  it('moves between points with the keyboard, shows the tooltip and selects a segment', async () => {
    const el = await widget();
    const first = $$<SVGCircleElement>(el, 'circle[data-mark]').find((c) => c.getAttribute('tabindex') === '0')!;
    first.focus();
    press(el, 'ArrowRight');
    const active = el.shadowRoot!.activeElement as SVGCircleElement;
    expect([active.dataset.row, active.dataset.col]).to.deep.equal(['0', '1']);
    await el.updateComplete;
    const tip = $(el, '[role=tooltip]')!;
    expect(tip.hasAttribute('hidden')).to.equal(false);
    expect(text(tip)).to.contain('Segment Basic');
    expect(text(tip)).to.contain('Median 9.5 months');
    expect(active.getAttribute('aria-label')).to.match(/^Basic, after \d+ months?: [\d.]+% still customers, 95% interval/);
    setTimeout(() => press(el, 'Enter'));
    const ev = await oneEvent(el, 'pulso-select');
    expect(ev.detail.filters).to.deep.equal({ segment: 'Basic' });
    expect(ev.detail.by).to.equal('plan');
  });

  it('shows the Kaplan–Meier rows as a table and has no accessibility violations', async () => {
    const el = await widget();
    await expect(el).to.be.accessible();
    $<HTMLButtonElement>(el, '.pulso-frame-toggle')!.click();
    await el.updateComplete;
    expect($$(el, 'tbody tr')).to.have.length(survival({ customers: customers() }, options).length);
    await expect(el).to.be.accessible();
  });

  it('exports the Kaplan–Meier rows as CSV and the curves as SVG', async () => {
    const el = await widget();
    const blobs: Blob[] = [];
    const create = URL.createObjectURL;
    URL.createObjectURL = (obj: Blob | MediaSource) => {
      if (obj instanceof Blob) blobs.push(obj);
      return create.call(URL, obj);
    };
    try {
      await el.export('csv');
      await el.export('svg');
    } finally {
      URL.createObjectURL = create;
    }
    const lines = (await blobs.find((b) => b.type.startsWith('text/csv'))!.text()).replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines).to.have.length(survival({ customers: customers() }, options).length + 1);
    expect(lines[0]).to.equal('Segment,Segment (code),Time (months),At risk,Churned,Still here (censored),Still customers (%),95% CI low (%),95% CI high (%),Date range,Filters,Source');
    const svgText = await blobs.find((b) => b.type === 'image/svg+xml')!.text();
    expect(svgText).to.contain('Customers at risk');
    expect(svgText).to.not.match(/\sstyle=/);
  });

  it('reads options from kebab-case attributes, in dark theme too', async () => {
    const el = await fixture<PulsoSurvival>(html`<pulso-survival locale="en" as-of=${AS_OF} by="plan" unit="week" min-group-size="3"
      min-cell-size="2" theme="dark" .adapter=${adapter()}></pulso-survival>`);
    await drawn(el);
    expect([el.unit, el.minGroupSize, el.minCellSize, el.theme]).to.deep.equal(['week', 3, 2, 'dark']);
    expect($$(el, 'path.line')).to.have.length(3);
    expect(text($(el, '.axis-title'))).to.equal('Weeks since signup');
  });

  it('explains a bad option', async () => {
    const el = await fixture<PulsoSurvival>(html`<pulso-survival locale="en" unit="mnth" .adapter=${adapter()}></pulso-survival>`);
    await waitUntil(() => $(el, '.pulso-error'));
    expect(text($(el, '.pulso-error-sentence'))).to.equal('A setting of this chart is not valid.');
    expect(text($(el, '.pulso-error'))).to.contain("'mnth'");
  });

  it('renders hostile segment names as text', async () => {
    const el = await widget({}, customers().map((c) => (c.plan === 'Basic' ? { ...c, plan: HOSTILE } : c)));
    await waitUntil(() => text($(el, '[part~=legend]')).includes('onerror'));
    expect($(el, 'img')).to.equal(null);
    expect((window as unknown as { __pwned?: number }).__pwned).to.equal(undefined);
  });
});
