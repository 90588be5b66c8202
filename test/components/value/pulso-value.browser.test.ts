// <pulso-value>: the Pareto curve and the top share match valueConcentration() and
// paretoCurve(); the finding in words; states, locales, keyboard, select events, table,
// attributes, bad options, hostile names.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../../components/value/pulso-value.js';
import type { PulsoValue } from '../../../components/value/pulso-value.js';
import { MemoryAdapter } from '../../../src/adapters/memory.js';
import type { Row } from '../../../src/data/schema.js';
import { valueConcentration } from '../../../src/metrics/value.js';
import { $, $$, HOSTILE, drawn, flaky, hanging, press, text } from '../widget-helpers.js';

/**
 * 10 customers on plan A paying 1…10, 10 on plan B paying 100 each, one without a value.
 * All 20: the top 4 (B's) bring 400 of 455 = 87.9%.
 */
function customers(): Row[] {
  const rows: Row[] = [];
  for (let i = 1; i <= 10; i++) rows.push({ customer_id: `a${i}`, plan: 'A', signup_at: '2024-01-01T00:00:00Z', revenue: i });
  for (let i = 1; i <= 10; i++) rows.push({ customer_id: `b${i}`, plan: 'B', signup_at: '2024-01-01T00:00:00Z', revenue: 100 });
  rows.push({ customer_id: 'x', plan: 'A', signup_at: '2024-01-01T00:00:00Z', revenue: null });
  return rows;
}
const adapter = (rows: Row[] = customers()) => new MemoryAdapter({ customers: rows });

async function widget(attrs: Partial<PulsoValue> = {}, rows?: Row[]): Promise<PulsoValue> {
  const el = await fixture<PulsoValue>(html`<pulso-value locale="en" .adapter=${adapter(rows)}></pulso-value>`);
  Object.assign(el, attrs);
  await el.updateComplete;
  await drawn(el);
  return el;
}

describe('<pulso-value>', () => {
  it('draws the curve over the line of equal shares and says what the top 20% bring', async () => {
    const el = await widget();
    const [row] = valueConcentration({ customers: customers() }, {});
    expect([row.customers, row.total, row.topShare]).to.deep.equal([20, 1055, 400 / 1055]);
    expect(text($(el, '.pulso-frame-summary'))).to.equal(
      `The top 20% of customers bring 38% of revenue (Gini ${row.gini!.toFixed(2)}, 20 customers). Customers without a value, left out: 1.`,
    );
    expect($$(el, 'path.line')).to.have.length(1);
    expect($(el, 'path.diagonal')).to.not.equal(null);
    expect(text($(el, '.top-label'))).to.equal('38%');
    // The top point sits at x = 20% and y = 400/1055 of the plot.
    const grid = $$(el, '.grid line').map((l) => Number(l.getAttribute('y1')));
    const [bottom, top] = [Math.max(...grid), Math.min(...grid)];
    const guide = $(el, '.top-guide')!.getAttribute('d')!;
    const y = Number(guide.match(/V([\d.]+)/)![1]);
    expect((bottom - y) / (bottom - top)).to.be.closeTo(400 / 1055, 0.002);
    // A point at every tenth of the customers.
    expect($$(el, 'circle[data-mark]')).to.have.length(10);
  });

  it('compares segments with by, naming each share', async () => {
    const el = await widget({ by: 'plan' });
    const rows = valueConcentration({ customers: customers() }, { by: 'plan' });
    expect(rows.map((r) => [r.segment, r.customers, r.topShare])).to.deep.equal([
      ['A', 10, 19 / 55],
      ['B', 10, 0.2],
    ]);
    expect($$(el, 'path.line')).to.have.length(2);
    expect(text($(el, '.pulso-frame-summary'))).to.equal(
      'Share of revenue brought by the top 20% of customers: A 35% and B 20%. Customers without a value, left out: 1.',
    );
    expect(text($(el, '[part~=legend]'))).to.equal('A B Equal shares');
  });

  it('shows a skeleton while loading, an empty state, and retries after an error', async () => {
    const slow = hanging();
    const loading = await fixture<PulsoValue>(html`<pulso-value locale="en" .adapter=${slow}></pulso-value>`);
    await waitUntil(() => $(loading, '.pulso-loading'));
    slow.open();
    const empty = await fixture<PulsoValue>(html`<pulso-value locale="en" .adapter=${adapter(customers().map((c) => ({ ...c, revenue: null })))}></pulso-value>`);
    await waitUntil(() => $(empty, '.pulso-empty'));
    expect(text($(empty, '.pulso-empty'))).to.equal('No customers with a value');
    const failing = flaky(adapter());
    const el = await fixture<PulsoValue>(html`<pulso-value locale="en" .adapter=${failing}></pulso-value>`);
    await waitUntil(() => $(el, '.pulso-error'));
    $<HTMLButtonElement>(el, '.pulso-retry')!.click();
    await drawn(el);
  });

  it('speaks Portuguese and Spanish', async () => {
    const el = await widget();
    el.locale = 'pt-BR';
    await el.updateComplete;
    expect(text($(el, '.pulso-frame-summary'))).to.match(/^Os 20% maiores clientes trazem 38% da receita \(Gini 0,\d\d, 20 clientes\)\./);
    el.locale = 'es';
    await el.updateComplete;
    expect(text($(el, '.pulso-frame-summary'))).to.match(/^El 20\s% de clientes de mayor valor aporta el 38\s% de los ingresos/);
  });

  it('moves between points with the keyboard, shows the tooltip and selects a segment', async () => {
    const el = await widget({ by: 'plan' });
    const first = $$<SVGCircleElement>(el, 'circle[data-mark]').find((c) => c.getAttribute('tabindex') === '0')!;
    first.focus();
    press(el, 'ArrowRight');
    await el.updateComplete;
    const tip = $(el, '[role=tooltip]')!;
    expect(text(tip)).to.match(/^A: Top 20% of customers Share of revenue 34\.5%/);
    setTimeout(() => press(el, 'Enter'));
    const ev = await oneEvent(el, 'pulso-select');
    expect(ev.detail.filters).to.deep.equal({ segment: 'A' });
    expect(ev.detail.by).to.equal('plan');
  });

  it('shows the rows as a table and has no accessibility violations', async () => {
    const el = await widget({ by: 'plan' });
    await expect(el).to.be.accessible();
    $<HTMLButtonElement>(el, '.pulso-frame-toggle')!.click();
    await el.updateComplete;
    expect($$(el, 'tbody tr')).to.have.length(2);
    expect(text($$(el, 'tbody tr')[0])).to.contain('34.5%');
    await expect(el).to.be.accessible();
  });

  it('reads options from attributes, and explains a bad one', async () => {
    const el = await fixture<PulsoValue>(html`<pulso-value locale="en" top="0.1" value="revenue" min-cell-size="11" by="plan" .adapter=${adapter()}></pulso-value>`);
    await drawn(el);
    expect([el.top, el.value, el.minCellSize]).to.deep.equal([0.1, 'revenue', 11]);
    // Each plan has 10 customers (A 10 with a value): below k = 11, no figures.
    expect($$(el, 'path.line')).to.have.length(0);
    const bad = await fixture<PulsoValue>(html`<pulso-value locale="en" top="1.5" .adapter=${adapter()}></pulso-value>`);
    await waitUntil(() => $(bad, '.pulso-error'));
    expect(text($(bad, '.pulso-error-sentence'))).to.equal('A setting of this chart is not valid.');
  });

  it('renders hostile segment names as text', async () => {
    const el = await widget({ by: 'plan' }, customers().map((c) => ({ ...c, plan: HOSTILE })));
    await waitUntil(() => text($(el, '[part~=legend]')).includes('onerror'));
    expect($(el, 'img')).to.equal(null);
  });
});
