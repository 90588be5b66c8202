// <pulso-adoption-funnel> in funnel mode: bars from the metric's rows through the
// same layout, every state, locales, keyboard, tooltip, table, attributes, option
// errors, significance markers and hostile names.
import { expect, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { MemoryAdapter } from '../../../src/adapters/memory.js';
import type { Adapter } from '../../../src/adapters/types.js';
import { funnel } from '../../../src/metrics/funnel.js';
import { funnelGeometry } from '../../../components/adoption-funnel/funnel-view.js';
import type { FunnelResult } from '../../../components/adoption-funnel/types.js';
import { HOSTILE, SIMPLE, funnelGroup, make, marks, q, qa, segmented, settled, text, widthOf } from './fixtures.js';

declare global {
  interface Window {
    __pwned?: number;
  }
}

const summary = (el: Element & { shadowRoot: ShadowRoot | null }) => text(el.shadowRoot!.querySelector('#pulso-frame-summary'));

describe('<pulso-adoption-funnel> funnel mode', () => {
  it('draws one bar per metric row, as wide as the layout says', async () => {
    const el = await make({ steps: 'a,b,c' });
    const rows = funnel({ activity: SIMPLE.activity }, { steps: ['a', 'b', 'c'] });
    expect(rows.map((r) => r.entered)).to.deep.equal([10, 6, 3]);
    const result: FunnelResult = { mode: 'funnel', rows, segments: [undefined], k: 0, minSample: 30, comparisons: 0 };
    const { layout } = funnelGeometry(result, widthOf(el));
    const fills = qa<SVGRectElement>(el, 'rect.fill');
    expect(marks(el)).to.have.length(3);
    expect(fills.map((r) => Number(r.getAttribute('width')))).to.deep.equal(layout.bars.map((b) => b.w));
    expect(fills.map((r) => Number(r.getAttribute('y')))).to.deep.equal(layout.bars.map((b) => b.y));
    // Widths are the conversion from the first step: 60 % and 30 % of the first bar.
    expect(layout.bars[1].w / layout.bars[0].w).to.be.closeTo(0.6, 0.002);
    expect(layout.bars[2].w / layout.bars[0].w).to.be.closeTo(0.3, 0.002);
    expect(qa(el, '.value').map(text)).to.deep.equal(['100.0% · 10', '60.0% · 6', '30.0% · 3']);
    expect(text(q(el, '.step-info.worst'))).to.equal('−3 (50.0%) from previous · median 2 hr');
    expect(qa(el, '.step-info').map(text)).to.deep.equal(['−4 (40.0%) from previous · median 1 hr', '−3 (50.0%) from previous · median 2 hr']);
    expect(marks(el)[1].getAttribute('aria-label')).to.equal(
      'Step 2, b: 6 customers, 60.0% of the first step (95% CI 31.3% to 83.2%), 60.0% of the previous step, 4 dropped off, median time to convert 1 hr',
    );
  });

  it('says the overall conversion and the biggest drop', async () => {
    const el = await make({ steps: 'a,b,c' });
    expect(summary(el)).to.equal(
      'Of 10 customers who reached a, 30.0% reached c. The biggest drop is from b to c: 3 customers (50.0%) did not continue.',
    );
    el.locale = 'es';
    await el.updateComplete;
    expect(summary(el)).to.equal(
      'De los 10 clientes que llegaron a a, 30,0 % llegaron a c. La mayor caída es de b a c: 3 clientes (50,0 %) no continuaron.',
    );
  });

  it('switches locale: title, labels and number format', async () => {
    const el = await make({ steps: 'a,b,c', locale: 'en' });
    expect(text(q(el, '[part~=title]'))).to.equal('Onboarding funnel');
    expect(text(qa(el, '.value')[1])).to.equal('60.0% · 6');
    el.locale = 'pt-BR';
    await el.updateComplete;
    expect(text(q(el, '[part~=title]'))).to.equal('Funil de onboarding');
    expect(text(qa(el, '.value')[1])).to.equal('60,0% · 6');
    expect(text(q(el, '.axis-title'))).to.equal('Parcela dos clientes que chegaram à primeira etapa');
    expect(marks(el)[2].getAttribute('aria-label')).to.contain('Etapa 3, c: 3 clientes');
  });

  it('shows the loading skeleton while the adapter is pending', async () => {
    const pending: Adapter = { id: 'pending', load: () => new Promise(() => undefined) };
    const el = document.createElement('pulso-adoption-funnel');
    el.steps = 'a,b';
    el.adapter = pending;
    document.body.append(el);
    await el.updateComplete;
    await new Promise((r) => setTimeout(r, 20));
    const busy = q(el, '[aria-busy="true"]');
    expect(busy).to.exist;
    expect(busy!.getAttribute('data-shape')).to.equal('bars');
    el.remove();
  });

  it('says so when nobody started the funnel', async () => {
    const el = await make({ steps: 'x,y' });
    expect(text(q(el, '.pulso-state'))).to.equal('Nobody started this funnel in this range');
    expect(q(el, 'svg.pulso-chart')).to.equal(null);
  });

  it('says which steps to set when there are none, in the page language', async () => {
    const el = await make({ locale: 'pt-BR' });
    expect(text(q(el, '.pulso-state'))).to.equal('Defina as etapas do funil: steps="signup,first_login,teleconsult".');
    el.steps = 'a,b';
    await settled(el);
    expect(marks(el)).to.have.length(2);
  });

  it('shows an error with a retry that loads again', async () => {
    let calls = 0;
    const inner = new MemoryAdapter(SIMPLE);
    const flaky: Adapter = {
      id: 'flaky',
      load: (req, signal) => (++calls === 1 ? Promise.reject(new Error('boom')) : inner.load(req, signal)),
    };
    const el = await make({ steps: 'a,b,c' }, flaky);
    expect(text(q(el, '.pulso-error-title'))).to.equal('The data could not be loaded');
    q<HTMLButtonElement>(el, '.pulso-retry')!.click();
    await settled(el);
    expect(marks(el)).to.have.length(3);
    expect(calls).to.equal(2);
  });

  it('says there is no data source', async () => {
    const el = await make({ steps: 'a,b' }, null);
    expect(text(q(el, '.pulso-state'))).to.contain('No data source');
  });

  it('reports a skipped row with its exact count', async () => {
    const activity = [...SIMPLE.activity, { customer_id: 'c0', at: 'not a time', event: 'a' }];
    const el = await make({ steps: 'a,b,c' }, new MemoryAdapter({ activity }));
    expect(text(q(el, '.pulso-state-notices'))).to.contain(`1 of ${activity.length}`);
    expect(marks(el)).to.have.length(3);
  });

  it('moves through the steps with the keyboard and fires pulso-select', async () => {
    const el = await make({ steps: 'a,b,c' });
    marks(el)[0].focus();
    await sendKeys({ press: 'ArrowRight' });
    expect(el.shadowRoot!.activeElement).to.equal(marks(el)[1]);
    await sendKeys({ press: 'ArrowDown' });
    expect(el.shadowRoot!.activeElement).to.equal(marks(el)[2]);
    const fired = oneEvent(el, 'pulso-select');
    await sendKeys({ press: 'Enter' });
    const { detail } = await fired;
    expect(detail.widget).to.equal('pulso-adoption-funnel');
    expect(detail.filters).to.deep.equal({ step: 'c' });
    expect(detail.row.entered).to.equal(3);
  });

  it('shows the tooltip of the focused bar', async () => {
    const el = await make({ steps: 'a,b,c' });
    marks(el)[1].focus();
    await el.updateComplete;
    const tip = q(el, '#pulso-tooltip')!;
    expect(tip.hasAttribute('hidden')).to.equal(false);
    expect(text(tip)).to.equal(
      '2. b Customers 6 Conversion from first step 60.0% (95% CI 31.3% to 83.2%) From previous step 60.0% Drop-off 4 Median time to convert 1 hr',
    );
    expect(marks(el)[1].getAttribute('aria-describedby')).to.equal('pulso-tooltip');
  });

  it('shows a table with one row per metric row', async () => {
    const el = await make({ steps: 'a,b,c' });
    q<HTMLButtonElement>(el, '.pulso-frame-toggle')!.click();
    await el.updateComplete;
    const rows = qa(el, 'table tbody tr');
    expect(rows).to.have.length(3);
    expect(text(rows[2])).to.contain('30.0%');
    await expect(el).to.be.accessible();
  });

  it('is accessible, with and without segments', async () => {
    await expect(await make({ steps: 'a,b,c' })).to.be.accessible();
    await expect(await make({ steps: 'a,b,c', by: 'plan' }, new MemoryAdapter(segmented()))).to.be.accessible();
  });

  it('reflects every option between attributes and properties', async () => {
    const el = await make({
      steps: 'a, b,c', order: 'strict', window: 'PT90M', from: '2025-01-01', to: '2025-02-01', by: 'plan',
      'min-cell-size': '0', 'time-zone': 'America/Sao_Paulo', period: 'week', features: 'x,y', 'active-events': 'login',
      feature: 'y', segment: 'P',
    }, new MemoryAdapter(segmented()));
    expect([el.steps, el.order, el.window, el.from, el.to, el.by, el.minCellSize, el.timeZone]).to.deep.equal(
      ['a, b,c', 'strict', 'PT90M', '2025-01-01', '2025-02-01', 'plan', 0, 'America/Sao_Paulo'],
    );
    expect([el.period, el.features, el.activeEvents, el.feature, el.segment, el.mode]).to.deep.equal(['week', 'x,y', 'login', 'y', 'P', 'funnel']);
    // PT90M: b (1 h after a) counts, c (2 h after a) does not.
    expect(qa(el, '.value').map(text).slice(-2)).to.deep.equal(['A · 0.0% · 0', 'B · 0.0% · 0']);
    // Strict: b between a and c breaks the run, so nobody reaches c.
    el.steps = ['a', 'c'];
    await settled(el);
    expect(qa(el, '.value').map(text).slice(-2)).to.deep.equal(['A · 0.0% · 0', 'B · 0.0% · 0']);
    el.order = 'ordered';
    el.window = 'P1D';
    await settled(el);
    expect(qa(el, '.value').map(text)).to.deep.equal(['A · 100.0% · 50', 'B · 100.0% · 50', 'A · 40.0% · 20 *', 'B · 10.0% · 5 *']);
    el.mode = 'features';
    await el.updateComplete;
    expect(el.getAttribute('mode')).to.equal('features');
  });

  it('turns an invalid option into the settings error', async () => {
    const el = await make({ steps: 'a,b,c', order: 'sideways' });
    expect(text(q(el, '.pulso-error-sentence'))).to.equal('A setting of this chart is not valid.');
    el.order = 'any';
    await settled(el);
    expect(marks(el)).to.have.length(3);
    el.window = 'banana';
    await settled(el);
    expect(text(q(el, '.pulso-error-sentence'))).to.equal('A setting of this chart is not valid.');
  });

  it('marks segment differences that are likely real after adjusting, with the difference and test in the tooltip', async () => {
    const rows = funnel(segmented(), { steps: ['a', 'b', 'c'], by: 'plan' });
    const el = await make({ steps: 'a,b,c', by: 'plan' }, new MemoryAdapter(segmented()));
    const significant = rows.filter((r) => typeof r.qValue === 'number' && r.qValue < 0.05);
    const compared = rows.filter((r) => typeof r.pValue === 'number');
    expect(significant.length).to.be.greaterThan(0);
    expect(compared).to.have.length(4);
    expect(qa(el, '.value').filter((t) => text(t).endsWith('*'))).to.have.length(significant.length);
    // Rows are segment-major, marks step-major: A step 2 is the third mark.
    const aStep2 = marks(el).find((m) => m.getAttribute('data-row') === '0' && m.getAttribute('data-col') === '1')!;
    expect(aStep2.getAttribute('aria-label')).to.equal(
      'A: Step 2, b: 45 customers, 90.0% of the first step (95% CI 78.6% to 95.7%), 90.0% of the previous step, 5 dropped off, ' +
        'median time to convert 1 hr, likely a real difference from the other segments; ' +
        'Against the other segments: +70.0\u00a0pts (95% CI 52.7 to 80.4), two-proportion z-test; Verdict: likely a real difference (q < 0.001, 4 comparisons)',
    );
    aStep2.focus();
    await el.updateComplete;
    expect(text(q(el, '#pulso-tooltip'))).to.contain(
      'Against the other segments +70.0 pts (95% CI 52.7 to 80.4), two-proportion z-test Verdict likely a real difference (q < 0.001, 4 comparisons)',
    );
    expect(text(q(el, '[part~=legend]'))).to.equal('A B *Likely a real difference from the other segments (q < 0.05 over 4 comparisons)');
    expect(summary(el)).to.equal(
      `Conversion from a to c: A 40.0% and B 10.0%. ${significant.length} of 4 differences are likely real (q < 0.05).`,
    );
    const fired = oneEvent(el, 'pulso-select');
    await sendKeys({ press: 'Enter' });
    expect((await fired).detail.filters).to.deep.equal({ step: 'b', segment: 'A' });
  });

  it('marks nothing when a segment has fewer than min-sample customers, and says so', async () => {
    const el = await make({ steps: 'a,b,c', by: 'plan', 'min-sample': '51' }, new MemoryAdapter(segmented()));
    expect(qa(el, '.value').filter((t) => text(t).endsWith('*'))).to.have.length(0);
    expect(text(q(el, '[part~=legend]'))).to.equal('A B Groups of fewer than 51 customers are not compared');
    const aStep2 = marks(el).find((m) => m.getAttribute('data-row') === '0' && m.getAttribute('data-col') === '1')!;
    expect(aStep2.getAttribute('aria-label')).to.match(/Against the other segments: too few to compare \(fewer than 51 on a side\)$/);
  });

  it('hides small counts with min-cell-size', async () => {
    const rows = funnel({ activity: SIMPLE.activity }, { steps: ['a', 'b', 'c'], minCellSize: 5 });
    const hidden = rows.filter((r) => r.suppressed);
    expect(hidden.length).to.be.greaterThan(0);
    const el = await make({ steps: 'a,b,c', 'min-cell-size': '5' });
    const labels = marks(el).map((m) => m.getAttribute('aria-label')!);
    expect(labels.filter((l) => l.endsWith('hidden, fewer than 5 customers'))).to.have.length(hidden.length);
    expect(qa(el, '.value').map(text).filter((t) => t === '< 5')).to.have.length(hidden.length);
    expect(el.shadowRoot!.textContent).to.not.match(/NaN/);
  });

  it('renders hostile step and segment names as text', async () => {
    const data = funnelGroup('h', 5, 3, 1, HOSTILE, [HOSTILE, 'b', 'c']);
    const el = await make({ steps: `${HOSTILE},b`, by: 'plan' }, new MemoryAdapter(data));
    expect(text(q(el, '.step-title'))).to.equal(`1. ${HOSTILE}`);
    expect(text(q(el, '.value'))).to.contain(HOSTILE);
    expect(q(el, 'img')).to.equal(null);
    expect(window.__pwned).to.equal(undefined);
  });
});
