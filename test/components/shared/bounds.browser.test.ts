// What a widget shows when its data is too wide or too long to draw: segments past
// `max-segments` grouped as a translated "Others" with a notice and the exact count
// (and "Others" never cross-filters), and a span past the period limit as a translated
// setting error that names the range and offers no retry.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../../components/nps-trend/pulso-nps-trend.js';
import '../../../components/cohort-churn/pulso-cohort-churn.js';
import '../../../components/channel-csat/pulso-channel-csat.js';
import type { PulsoNpsTrend } from '../../../components/nps-trend/pulso-nps-trend.js';
import type { PulsoCohortChurn } from '../../../components/cohort-churn/pulso-cohort-churn.js';
import type { PulsoChannelCsat } from '../../../components/channel-csat/pulso-channel-csat.js';
import { MemoryAdapter } from '../../../src/adapters/memory.js';
import type { Row } from '../../../src/data/schema.js';
import { $, $$, drawn, text } from '../widget-helpers.js';

/** Plan `p${i}` answers `sizes[i]` times in January and in February 2025. */
function surveys(sizes: readonly number[]): Row[] {
  return sizes.flatMap((size, i) =>
    ['2025-01-10', '2025-02-10'].flatMap((at) => Array.from({ length: size }, (_, j) => ({ at, kind: 'nps', score: j % 11, plan: `p${i}` }))),
  );
}

const SIZES = Array.from({ length: 30 }, (_, i) => 30 - i);

describe('widgets past their bounds', () => {
  it('groups the smallest segments as "Others", says how many, and draws max-segments lines', async () => {
    const el = await fixture<PulsoNpsTrend>(html`<pulso-nps-trend locale="en" by="plan" max-segments="4" .adapter=${new MemoryAdapter({ surveys: surveys(SIZES) })}></pulso-nps-trend>`);
    await drawn(el);
    expect(text($(el, '.pulso-widget-notices'))).to.equal('27 smaller segments are grouped as “Others”.');
    const series = new Set($$(el, 'circle[data-mark]').map((m) => m.getAttribute('aria-label')!.split(' ')[0].replace(/,$/, '')));
    expect([...series]).to.deep.equal(['p0', 'p1', 'p2', 'Others']);
    el.locale = 'pt-BR';
    await el.updateComplete;
    expect(text($(el, '.pulso-widget-notices'))).to.equal('27 segmentos menores estão agrupados em “Outros”.');
    expect(text(el.shadowRoot as unknown as Element)).to.contain('Outros');
  });

  it('draws at most 8 lines by default, and an "Others" point selects its period alone', async () => {
    const el = await fixture<PulsoNpsTrend>(html`<pulso-nps-trend locale="en" by="plan" .adapter=${new MemoryAdapter({ surveys: surveys(SIZES) })}></pulso-nps-trend>`);
    await drawn(el);
    const marks = $$<SVGElement>(el, 'circle[data-mark]');
    expect(marks).to.have.length(8 * 2);
    const others = marks.find((m) => m.getAttribute('aria-label')!.startsWith('Others'))!;
    setTimeout(() => others.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true })));
    const { detail } = await oneEvent(el, 'pulso-select');
    expect(detail.filters).to.deep.equal({ period: others.dataset.period });
  });

  it('groups cohorts and CSAT bars past max-segments, with the count', async () => {
    const customers = SIZES.flatMap((size, i) => Array.from({ length: size }, (_, j) => ({ customer_id: `${i}-${j}`, signup_at: '2025-01-05', plan: `p${i}` })));
    const churn = await fixture<PulsoCohortChurn>(html`<pulso-cohort-churn locale="en" by="plan" as-of="2025-03-01" .adapter=${new MemoryAdapter({ customers })}></pulso-cohort-churn>`);
    await drawn(churn);
    expect(text($(churn, '.pulso-widget-notices'))).to.contain('25 smaller segments are grouped as “Others”.');
    const answers = SIZES.flatMap((size, i) => Array.from({ length: size }, (_, j) => ({ at: '2025-01-10', kind: 'csat', score: 1 + (j % 5), channel: `c${i}` })));
    const csat = await fixture<PulsoChannelCsat>(html`<pulso-channel-csat locale="es" from="2025-01-01" to="2025-02-01" max-segments="5" .adapter=${new MemoryAdapter({ surveys: answers })}></pulso-channel-csat>`);
    await drawn(csat);
    expect(text($(csat, '.pulso-widget-notices'))).to.equal('26 segmentos más pequeños están agrupados en «Otros».');
    expect($$(csat, '.row')).to.have.length(5);
  });

  it('refuses a span of too many periods in words, naming the range, with no retry', async () => {
    const rows: Row[] = [
      { at: '1900-01-01', kind: 'nps', score: 9 },
      { at: '2199-12-31', kind: 'nps', score: 3 },
    ];
    const el = await fixture<PulsoNpsTrend>(html`<pulso-nps-trend locale="en" period="day" .adapter=${new MemoryAdapter({ surveys: rows })}></pulso-nps-trend>`);
    await waitUntil(() => $(el, '.pulso-error'), 'no error state', { timeout: 5000 });
    expect(text($(el, '.pulso-error-title'))).to.equal('This chart cannot be drawn with its settings');
    expect(text($(el, '.pulso-error-sentence'))).to.equal(
      'From January 1, 1900 to December 31, 2199 is 109,573 days: more than the 5,000 periods a chart can show. Choose a shorter date range or a longer period.',
    );
    expect($(el, '.pulso-retry')).to.equal(null);
    el.locale = 'pt-BR';
    await el.updateComplete;
    expect(text($(el, '.pulso-error-sentence'))).to.match(/^De 1 de janeiro de 1900 a 31 de dezembro de 2199 são 109\.573 dias: mais do que os 5\.000 períodos/);
    // By month the same answers are 3,600 periods: drawn.
    el.period = 'month';
    await drawn(el);
  });

  it('refuses a cohort triangle of too many cells, from its options, before any load', async () => {
    let loads = 0;
    const adapter = { id: 'counting', load: async () => (loads++, []) };
    const el = await fixture<PulsoCohortChurn>(html`<pulso-cohort-churn locale="en" period="day" from="2020-01-01" as-of="2026-01-01" .adapter=${adapter}></pulso-cohort-churn>`);
    await waitUntil(() => $(el, '.pulso-error'), 'no error state', { timeout: 5000 });
    expect(text($(el, '.pulso-error-sentence'))).to.equal(
      'Cohorts from January 1, 2020 to January 1, 2026, counted in days, make 2,405,721 cells: more than the 250,000 a chart can show. Choose a shorter date range, a longer period or a maximum offset.',
    );
    expect($(el, '.pulso-retry')).to.equal(null);
    expect(loads).to.equal(0);
  });
});
