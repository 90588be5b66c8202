// <pulso-at-risk>: draws people only where allowed (its own allow-row-level, and a
// dashboard that hides small cells must allow it too) and then loads nothing before;
// the rows and their signs equal atRisk(); it asks for `limit` rows and its summary
// counts them all (the answer's totals); table, keyboard,
// locales, accessibility, hostile ids.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../../components/index.js';
import type { PulsoAtRisk } from '../../../components/at-risk/pulso-at-risk.js';
import { MemoryAdapter } from '../../../src/adapters/memory.js';
import type { Adapter, LoadRequest } from '../../../src/adapters/types.js';
import type { Row } from '../../../src/data/schema.js';
import { atRisk } from '../../../src/metrics/at-risk.js';
import { $, $$, HOSTILE, drawn, press, text } from '../widget-helpers.js';

const DAY = 86_400_000;
const AS_OF = Date.UTC(2025, 5, 1);
const iso = (ms: number) => new Date(ms).toISOString();

/**
 * quiet: active every 5 days for a year, silent for the last 60 days (activity sign).
 * ticket: active every 5 days to the end, a ticket open for 20 days (tickets sign).
 * grumpy: active to the end, last NPS 3 (nps sign) — and also quiet? no: active to the end.
 * fine: active to the end, NPS 9, no tickets.
 */
function tables() {
  const customers: Row[] = ['quiet', 'ticket', 'grumpy', 'fine'].map((id, i) => ({
    customer_id: id, plan: i % 2 ? 'Ouro' : 'Essencial', revenue: 100 * (i + 1), signup_at: iso(AS_OF - 400 * DAY), churned_at: null,
  }));
  const activity: Row[] = [];
  for (const c of customers) {
    const last = c.customer_id === 'quiet' ? AS_OF - 60 * DAY : AS_OF - DAY;
    for (let t = AS_OF - 365 * DAY; t <= last; t += 5 * DAY) activity.push({ customer_id: c.customer_id, event: 'login', at: iso(t) });
  }
  const tickets: Row[] = [{ ticket_id: 't1', customer_id: 'ticket', channel: 'chat', opened_at: iso(AS_OF - 20 * DAY), resolved_at: null }];
  const surveys: Row[] = [
    { customer_id: 'grumpy', kind: 'nps', score: 3, at: iso(AS_OF - 10 * DAY) },
    { customer_id: 'fine', kind: 'nps', score: 9, at: iso(AS_OF - 10 * DAY) },
  ];
  return { customers, activity, tickets, surveys };
}

function counting(): Adapter & { loads: string[] } {
  const inner = new MemoryAdapter(tables());
  const a = { id: 'counting-risk', loads: [] as string[], load: (r: LoadRequest, s?: AbortSignal) => (a.loads.push(r.table), inner.load(r, s)) };
  return a;
}

async function widget(attrs = '', adapter: Adapter = new MemoryAdapter(tables())): Promise<PulsoAtRisk> {
  const el = await fixture<PulsoAtRisk>(html`<pulso-at-risk locale="en" allow-row-level as-of=${iso(AS_OF)} by="plan" value="revenue" .adapter=${adapter}></pulso-at-risk>`);
  for (const [k, v] of new URLSearchParams(attrs)) el.setAttribute(k, v);
  await el.updateComplete;
  await drawn(el, '.risk-list');
  return el;
}

describe('<pulso-at-risk>', () => {
  it('draws nothing and loads nothing without allow-row-level', async () => {
    const adapter = counting();
    const el = await fixture<PulsoAtRisk>(html`<pulso-at-risk locale="en" as-of=${iso(AS_OF)} .adapter=${adapter}></pulso-at-risk>`);
    await waitUntil(() => $(el, '.row-level-off'));
    expect(text($(el, '.row-level-off'))).to.equal('This list shows individual customers, so it is off until the page sets allow-row-level on it.');
    await new Promise((r) => setTimeout(r, 100));
    expect(adapter.loads).to.deep.equal([]);
    expect($(el, '.risk-list')).to.equal(null);
  });

  it('lists each customer with the signs that fired, ranked as atRisk ranks them', async () => {
    const el = await widget();
    const rows = atRisk(tables(), { asOf: AS_OF, by: 'plan', value: 'revenue' });
    expect(rows.map((r) => [r.customer_id, r.signals])).to.deep.equal([
      ['grumpy', ['nps']],
      ['ticket', ['tickets']],
      ['quiet', ['activity']],
    ]);
    const items = $$(el, 'li.risk');
    expect(items.map((li) => text(li.querySelector('.id')))).to.deep.equal(['grumpy', 'ticket', 'quiet']);
    expect(text(items[0].querySelector('.signals'))).to.equal('Last NPS 3');
    expect(text(items[1].querySelector('.signals'))).to.equal('1 ticket(s) open for 7+ days');
    expect(text(items[2].querySelector('.signals'))).to.equal('Quiet for 60 days (usually every 5 days)');
    expect(items[2].getAttribute('aria-label')).to.equal('3. quiet (Essencial): Quiet for 60 days (usually every 5 days)');
    expect(text($(el, '.pulso-frame-summary'))).to.equal(
      'On Jun 1, 2025, 3 customers show warning signs: 1 quiet for longer than usual, 1 with tickets open too long, and 1 detractors in their last NPS. A rule-based early warning, not a prediction: each row says which signs fired.',
    );
  });

  it('asks for the first rows only, and still counts every customer listed in its summary', async () => {
    const el = await widget('limit=2');
    expect($$(el, 'li.risk')).to.have.length(2);
    expect(text($(el, '.more'))).to.equal('…and 1 more customers with warning signs (a larger limit lists them).');
    // The answer has two rows; the summary's counts are its totals (the third is quiet).
    expect(text($(el, '.pulso-frame-summary'))).to.match(/^On Jun 1, 2025, 3 customers show warning signs: 1 quiet for longer than usual, 1 with tickets open too long, and 1 detractors/);
    $<HTMLButtonElement>(el, '.pulso-frame-toggle')!.click();
    await el.updateComplete;
    expect($$(el, 'tbody tr')).to.have.length(2);
    expect($$(el, 'thead th').map((th) => text(th))).to.include.members(['Customer', 'Segment', 'Value', 'Warning signs']);
    await expect(el).to.be.accessible();
  });

  it('offers CSV only (a list is not a chart), with the rows asked for', async () => {
    const el = await widget('limit=3');
    $<HTMLElement>(el, 'summary[part~=export-menu]')!.click();
    expect($$<HTMLButtonElement>(el, '.pulso-frame-export').map((b) => b.dataset.kind)).to.deep.equal(['csv']);
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
    expect(blobs.map((b) => b.type.split(';')[0])).to.deep.equal(['text/csv']);
    const lines = (await blobs[0].text()).replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines.length).to.equal(4);
    // The range, filters and source close every row (export-metadata="columns").
    expect(lines[3]).to.match(/^quiet,Essencial,Essencial,100,Quiet for 60 days \(usually every 5 days\),60,5,0,,All data,No filters,"Pulso · memory[^"]*"$/);
  });

  it('stays off in a dashboard that hides small cells, unless the dashboard allows row-level lists', async () => {
    const adapter = counting();
    const dash = await fixture(html`<pulso-dashboard locale="en" min-cell-size="11" .adapter=${adapter}>
      <pulso-at-risk allow-row-level as-of=${iso(AS_OF)}></pulso-at-risk></pulso-dashboard>`);
    const el = dash.querySelector('pulso-at-risk')!;
    await waitUntil(() => $(el, '.row-level-off'));
    expect(text($(el, '.row-level-off'))).to.contain('This dashboard hides small groups');
    expect(adapter.loads).to.deep.equal([]);
    dash.setAttribute('allow-row-level', '');
    await drawn(el, '.risk-list');
    expect($$(el, 'li.risk')).to.have.length(3);
  });

  it('shows a tooltip for the focused row, and speaks Portuguese', async () => {
    const el = await widget();
    const first = $$<HTMLElement>(el, 'li.risk').find((li) => li.getAttribute('tabindex') === '0')!;
    first.focus();
    press(el, 'ArrowRight');
    await el.updateComplete;
    expect(text($(el, '[role=tooltip]'))).to.equal('ticket Segment Ouro 1 ticket(s) open for 7+ days');
    el.locale = 'pt-BR';
    await el.updateComplete;
    expect(text($(el, '.pulso-frame-title'))).to.equal('Clientes com sinais de alerta');
    expect(text($$(el, 'li.risk')[2].querySelector('.signals'))).to.equal('Sem atividade há 60 dias (costuma voltar a cada 5 dias)');
  });

  it('renders hostile ids as text', async () => {
    const t = tables();
    t.customers = t.customers.map((c) => (c.customer_id === 'grumpy' ? { ...c, plan: HOSTILE } : c));
    const el = await widget('', new MemoryAdapter(t));
    expect(text($(el, '.risk-list'))).to.contain('onerror');
    expect($(el, 'img')).to.equal(null);
  });
});
