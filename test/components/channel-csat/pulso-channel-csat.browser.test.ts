// <pulso-channel-csat>: bars from channelCsat rows through the same layout, the
// previous window and its change, ticket columns, every state, locales, keyboard,
// tooltip, table, attributes ⇄ properties, invalid options and hostile names.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../../components/channel-csat/pulso-channel-csat.js';
import type { PulsoChannelCsat } from '../../../components/channel-csat/pulso-channel-csat.js';
import { barsGeometry } from '../../../components/channel-csat/bars-geometry.js';
import { csatPlan, windowsOf } from '../../../components/channel-csat/queries.js';
import type { CsatResult } from '../../../components/channel-csat/types.js';
import { extent } from '../../../src/metrics/extent.js';
import type { PulsoSelectEvent } from '../../../components/shared/events.js';
import { loadMarksKeys } from '../../../components/shared/marks-nav.js';
import { MemoryAdapter } from '../../../src/adapters/memory.js';
import type { Adapter } from '../../../src/adapters/types.js';
import { validate } from '../../../src/data/validate.js';
import type { Row } from '../../../src/data/schema.js';
import { formatters } from '../../../src/i18n/format.js';
import { channelCsat } from '../../../src/metrics/csat.js';

const HOSTILE = '<img src=x onerror="window.__pwned=1">';
const FROM = '2025-02-01';
const TO = '2025-03-01';

const answer = (channel: string, day: string, score: number, customer = 'c1'): Row => ({
  at: `${day}T10:00:00Z`,
  kind: 'csat',
  score,
  customer_id: customer,
  channel,
});

/** Current window (February): email 4/4, chat 8/10, phone 2/5; January: chat 2/4, phone 2/2. */
function surveys(): Row[] {
  const rows: Row[] = [];
  [5, 5, 5, 4, 4, 4, 3, 2, 5, 4].forEach((s, i) => rows.push(answer('chat', `2025-02-${String(2 + i).padStart(2, '0')}`, s, `c${i}`)));
  [1, 2, 5, 3, 4].forEach((s, i) => rows.push(answer('phone', `2025-02-${String(10 + i).padStart(2, '0')}`, s, `c${i}`)));
  [5, 5, 5, 4].forEach((s, i) => rows.push(answer('email', `2025-02-${String(20 + i).padStart(2, '0')}`, s, `c${i + 5}`)));
  [5, 5, 1, 1].forEach((s, i) => rows.push(answer('chat', `2025-01-${String(10 + i).padStart(2, '0')}`, s)));
  [5, 5].forEach((s, i) => rows.push(answer('phone', `2025-01-${String(20 + i).padStart(2, '0')}`, s)));
  rows.push({ at: '2025-02-05T00:00:00Z', kind: 'nps', score: 9, customer_id: 'c1', channel: 'chat' });
  return rows;
}

const tickets: Row[] = [
  { ticket_id: 't1', customer_id: 'c1', channel: 'chat', opened_at: '2025-02-02T10:00:00Z', first_response_at: '2025-02-02T10:30:00Z', resolved_at: '2025-02-02T12:00:00Z', contacts: 1 },
  { ticket_id: 't2', customer_id: 'c2', channel: 'chat', opened_at: '2025-02-03T10:00:00Z', first_response_at: '2025-02-03T11:00:00Z', resolved_at: '2025-02-03T14:00:00Z', contacts: 2 },
];

const customers: Row[] = Array.from({ length: 10 }, (_, i) => ({ customer_id: `c${i}`, signup_at: '2024-01-01', plan: i < 5 ? 'Ouro' : 'Prata' }));

const adapterOf = (s: Row[] = surveys()): MemoryAdapter => new MemoryAdapter({ surveys: s, tickets, customers });

const root = (el: PulsoChannelCsat): ShadowRoot => el.shadowRoot!;
const marks = (el: PulsoChannelCsat): SVGElement[] => [...root(el).querySelectorAll<SVGElement>('[data-mark]')];
const texts = (el: PulsoChannelCsat, sel: string): string[] =>
  [...root(el).querySelectorAll(sel)].map((e) => (e.textContent ?? '').replace(/\s+/g, ' ').trim());

async function ready(el: PulsoChannelCsat, sel = '[data-mark]'): Promise<void> {
  await waitUntil(() => root(el).querySelector(sel), `no ${sel}`, { timeout: 5000 });
  await el.updateComplete;
}

async function widget(attrs = '', adapter: Adapter = adapterOf()): Promise<PulsoChannelCsat> {
  const el = await fixture<PulsoChannelCsat>(html`<pulso-channel-csat locale="en"></pulso-channel-csat>`);
  for (const part of attrs.split(';').filter(Boolean)) {
    const [k, v] = part.split('=');
    el.setAttribute(k.trim(), v.trim());
  }
  el.adapter = adapter;
  await ready(el);
  return el;
}

describe('pulso-channel-csat', () => {
  // The marks' chunk in, as after a page's first hover: keys are handled as they come.
  before(() => loadMarksKeys());

  it('draws one bar per channel through the layout of the metric rows, best first', async () => {
    const el = await widget(`from=${FROM};to=${TO}`);
    const { tables } = validate({ surveys: surveys() });
    const rows = channelCsat(tables, { from: FROM, to: TO });
    const previous = channelCsat(tables, { from: '2025-01-04', to: FROM });
    const result = el['data'].value!.result as CsatResult;
    expect(result.rows).to.deep.equal(rows.filter((r) => (r.n ?? 0) > 0));
    expect(result.previous).to.deep.equal(previous);
    const g = barsGeometry(result, el.barsOptions('en'), el['context']);
    const bars = [...root(el).querySelectorAll('rect.bar')];
    expect(marks(el)).to.have.length(3);
    expect(g.layout.bars.map((b) => b.channel)).to.deep.equal(['email', 'chat', 'phone']);
    g.layout.bars.forEach((b, i) => {
      expect(Number(bars[i].getAttribute('width'))).to.be.closeTo(b.w, 0.01);
      expect(Number(bars[i].getAttribute('y'))).to.equal(b.y);
      expect(marks(el)[i].getAttribute('data-channel')).to.equal(b.channel);
    });
    // chat 8/10 is 80% of email's 100% bar.
    expect(Number(bars[1].getAttribute('width')) / Number(bars[0].getAttribute('width'))).to.be.closeTo(0.8, 1e-6);
    expect(texts(el, 'text.csat')).to.deep.equal(['100.0%', '80.0%', '40.0%']);
    expect(texts(el, 'text.n')).to.deep.equal(['n = 4', 'n = 10', 'n = 5']);
    // Previous window: chat 2/4 = 50% → +30 pts; phone 2/2 = 100% → −60; email had no answers.
    const d = (x: number) => formatters('en').delta(x, 'points', 1).replace(/\s+/g, ' ');
    expect(texts(el, 'text.delta')).to.deep.equal(['', d(30), d(-60)]);
    expect(root(el).querySelectorAll('.prev line:not(.halo)')).to.have.length(2);
    expect(root(el).querySelectorAll('.whisker')).to.have.length(3);
    // Everyone has fewer than 30 answers: every bar carries the warning mark, and says so.
    expect(root(el).querySelectorAll('.row.wide .warn')).to.have.length(3);
    expect(marks(el)[1].getAttribute('aria-label')).to.contain('Chat: CSAT 80.0%').and.contain('few answers');
  });

  it('colours a change against the previous period only when it is likely real, adjusted over the channels', async () => {
    // chat 36 of 40 satisfied against 20 of 40 in January; phone 21 of 40 against 20 of 40; email 4 answers now.
    const many: Row[] = [];
    const add = (channel: string, month: string, good: number, total: number) => {
      for (let i = 0; i < total; i++) many.push(answer(channel, `2025-${month}-${String(1 + (i % 27)).padStart(2, '0')}`, i < good ? 5 : 1, `m${channel}${month}${i}`));
    };
    add('chat', '02', 36, 40);
    add('chat', '01', 20, 40);
    add('phone', '02', 21, 40);
    add('phone', '01', 20, 40);
    add('email', '02', 4, 4);
    add('email', '01', 30, 40);
    const el = await widget(`from=${FROM};to=${TO}`, adapterOf(many));
    const label = (channel: string) => marks(el).find((m) => m.dataset.channel === channel)!.getAttribute('aria-label')!;
    expect(texts(el, 'text.delta.up')).to.have.length(1);
    expect(texts(el, 'text.delta.down')).to.have.length(0);
    expect(label('chat')).to.match(/change \+40\.0\u00a0pts \(95% CI \d+\.\d to \d+\.\d\), two-proportion z-test, likely a real difference \(q < 0\.001, 2 comparisons\)/);
    expect(label('phone')).to.match(/change \+2\.5\u00a0pts \(95% CI -?\d+\.\d to \d+\.\d\), two-proportion z-test, could be chance \(q = 0\.\d{3}, 2 comparisons\)/);
    expect(label('email')).to.contain('too few to compare (fewer than 30 on a side)');
    const legend = texts(el, '.change-key').join(' ');
    expect(legend).to.contain('adjusted over 2 channels').and.contain('not judged under 30 answers');
    // min-sample 0: email is compared too (Fisher's exact test: 4 answers), over 3 channels.
    el.minSample = 0;
    await el.updateComplete;
    await waitUntil(() => label('email').includes("Fisher's exact test"));
    expect(label('chat')).to.contain('3 comparisons');
  });

  it('computes the default window: the last 30 days to the last answer, against the 30 before', () => {
    const { tables } = validate({ surveys: surveys() });
    const last = extent(tables, { table: 'surveys', kind: 'csat' })[0].last;
    const w = windowsOf({ compare: 'previous', tickets: [] }, last);
    // Last csat answer 2025-02-23 → the window ends at the start of 2025-02-24.
    expect(w.window).to.deep.equal({ from: Date.UTC(2025, 0, 25), to: Date.UTC(2025, 1, 24) });
    expect(w.previous).to.deep.equal({ from: Date.UTC(2024, 11, 26), to: Date.UTC(2025, 0, 25) });
    const month = windowsOf({ compare: 'previous', range: 'month', tickets: [] }, last);
    expect(month.window).to.deep.equal({ from: Date.UTC(2025, 0, 24), to: Date.UTC(2025, 1, 24) });
    expect(month.previous).to.deep.equal({ from: Date.UTC(2024, 11, 24), to: Date.UTC(2025, 0, 24) });
    expect(windowsOf({ compare: 'none', tickets: [] }, last)).to.deep.equal({ window: null, previous: null });
  });

  it('asks for the last answer only when a window ends with it', () => {
    const open = csatPlan({ compare: 'previous', tickets: ['fcr'] });
    expect(Object.keys(open.queries)).to.deep.equal(['extent']);
    expect(open.queries.extent).to.deep.equal({ metric: 'extent', options: { table: 'surveys', kind: 'csat' } });
    const then = open.then!({ extent: [{ table: 'surveys', first: 0, last: Date.UTC(2025, 1, 23, 12), rows: 9 }] });
    expect(Object.keys(then.queries)).to.deep.equal(['current', 'previous', 'tickets']);
    expect(then.queries.current.options).to.include({ from: Date.UTC(2025, 0, 25), to: Date.UTC(2025, 1, 24) });
    const closed = csatPlan({ from: FROM, to: TO, compare: 'previous', tickets: [] });
    expect(Object.keys(closed.queries)).to.deep.equal(['current', 'previous']);
    // Nothing more to ask unless the current window folded groups into "Others".
    expect(closed.then!({ current: [{ channel: 'chat' }] }).queries).to.deep.equal({});
    const keep = closed.then!({ current: [{ channel: 'chat' }, { channel: '(others)' }] }).queries;
    expect(Object.keys(keep)).to.deep.equal(['previous']);
    expect(keep.previous.options.keepSegments).to.deep.equal(['chat']);
    expect(() => csatPlan({ compare: 'previous', range: 'P0D', tickets: [] })).to.throw(RangeError, /range must be longer than zero/);
  });

  it('shows ticket columns beside the bars when they fit, else under each bar with their names, never wider than the box', async () => {
    const el = await widget(`from=${FROM};to=${TO};tickets=fcr,first-response,resolution,volume`);
    const f = formatters('en');
    const values = ['50%', f.duration(45 * 60_000), f.duration(180 * 60_000), '2'];
    const rowsOf = () => [...root(el).querySelectorAll('.row')];
    const tickets = (row: Element) => [...row.querySelectorAll('text.ticket')];
    const resizeTo = async (px: number) => {
      el.style.width = `${px}px`;
      await waitUntil(() => el['resize'].width === px, `never laid out at ${px}px`);
      await el.updateComplete;
    };
    // Wide: a column each, on the bar's centre line, headed "lower = better" where it applies.
    await resizeTo(1200);
    expect(tickets(rowsOf()[1]).map((e) => e.textContent)).to.deep.equal(values);
    expect(tickets(rowsOf()[0]).map((e) => e.textContent)).to.deep.equal(['—', '—', '—', '0']);
    expect(texts(el, '.col-sub.lower')).to.deep.equal(['lower = better', 'lower = better']);
    const bar = rowsOf()[1].querySelector('rect.bar')!;
    const cy = Number(bar.getAttribute('y')) + Number(bar.getAttribute('height')) / 2;
    for (const t of tickets(rowsOf()[1])) expect(Number(t.getAttribute('y'))).to.equal(cy);
    // Narrower: the same values under the bar, each with its name, and the chart keeps to its box.
    for (const px of [560, 300]) {
      await resizeTo(px);
      const row = rowsOf()[1];
      const bottom = Number(row.querySelector('rect.bar')!.getAttribute('y')) + Number(row.querySelector('rect.bar')!.getAttribute('height'));
      expect(tickets(row).map((e) => e.textContent)).to.deep.equal(['FCR 50%', `1st response ${values[1]}`, `Resolution ${values[2]}`, 'Tickets 2']);
      for (const t of tickets(row)) expect(Number(t.getAttribute('y'))).to.be.above(bottom);
      expect(texts(el, '.col-sub.lower')).to.deep.equal([]);
      const svgEl = root(el).querySelector<SVGSVGElement>('svg.pulso-chart')!;
      expect(svgEl.getBoundingClientRect().width).to.be.at.most(px + 0.5);
      expect(root(el).querySelector('.scroll, .pulso-scroll')).to.equal(null);
    }
  });

  it('shows a skeleton while loading, then the bars', async () => {
    let open!: () => void;
    const gate = new Promise<void>((r) => (open = r));
    const inner = adapterOf();
    const slow: Adapter = { id: 'slow', load: async (req, signal) => (await gate, inner.load(req, signal)) };
    const el = await fixture<PulsoChannelCsat>(html`<pulso-channel-csat locale="en" .adapter=${slow}></pulso-channel-csat>`);
    await waitUntil(() => root(el).querySelector('.pulso-loading'), 'no skeleton');
    expect(root(el).querySelector('.pulso-loading')!.getAttribute('data-shape')).to.equal('bars');
    open();
    await ready(el);
  });

  it('says "No answers in this period" without csat answers, and when there is no source', async () => {
    const el = await fixture<PulsoChannelCsat>(html`<pulso-channel-csat locale="en"></pulso-channel-csat>`);
    await ready(el, '.pulso-no-source');
    el.adapter = adapterOf(surveys().filter((r) => r.kind === 'nps'));
    await waitUntil(() => texts(el, '.pulso-empty')[0] === 'No answers in this period', texts(el, '.pulso-empty').join());
    expect(marks(el)).to.have.length(0);
    el.from = '2030-01-01';
    el.to = '2030-02-01';
    el.adapter = adapterOf();
    await el.updateComplete;
    await waitUntil(() => texts(el, '.pulso-empty')[0] === 'No answers in this period');
  });

  it('shows the error state and retries', async () => {
    let fail = true;
    const inner = adapterOf();
    const flaky: Adapter = {
      id: 'flaky',
      load: async (req, signal) => {
        if (fail) throw new Error('boom');
        return inner.load(req, signal);
      },
    };
    const el = await fixture<PulsoChannelCsat>(html`<pulso-channel-csat locale="en" .adapter=${flaky}></pulso-channel-csat>`);
    await ready(el, '.pulso-error');
    fail = false;
    root(el).querySelector<HTMLButtonElement>('.pulso-retry')!.click();
    await ready(el);
    expect(marks(el).length).to.be.greaterThan(0);
  });

  it('notes skipped rows with their exact count', async () => {
    const el = await widget(`from=${FROM};to=${TO}`, adapterOf([...surveys(), answer('chat', '2025-02-07', 9)]));
    const notice = texts(el, '.pulso-notices li').join(' ');
    expect(notice).to.contain(`1 of ${surveys().length + 1} survey rows was skipped`);
  });

  it('switches language: title, labels and number format', async () => {
    const el = await widget(`from=${FROM};to=${TO}`);
    expect(texts(el, '.pulso-frame-title')[0]).to.equal('Satisfaction (CSAT) by channel');
    el.locale = 'pt-BR';
    await el.updateComplete;
    expect(texts(el, '.pulso-frame-title')[0]).to.equal('Satisfação (CSAT) por canal');
    expect(texts(el, 'text.csat')).to.deep.equal(['100,0%', '80,0%', '40,0%']);
    expect(texts(el, '.col-head')[0]).to.equal('Canal');
    expect(texts(el, '.pulso-frame-summary')[0]).to.contain('maior em E-mail com 100,0%').and.contain('menor em Telefone com 40,0%');
    el.locale = 'es';
    await el.updateComplete;
    expect(texts(el, '.pulso-frame-summary')[0]).to.contain('el más alto es Correo electrónico');
  });

  it('moves through bars with the keyboard, shows the tooltip and fires pulso-select', async () => {
    const el = await widget(`from=${FROM};to=${TO}`);
    const [first] = marks(el);
    first.focus();
    await el.updateComplete;
    const tip = root(el).querySelector('[role="tooltip"]')!;
    expect(tip.hasAttribute('hidden')).to.equal(false);
    expect(tip.textContent).to.contain('Email').and.contain('100.0%');
    first.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true, composed: true }));
    await el.updateComplete;
    expect(root(el).activeElement).to.equal(marks(el)[1]);
    marks(el)[1].dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true, composed: true }));
    await el.updateComplete;
    expect(root(el).activeElement).to.equal(marks(el)[2]);
    const events: PulsoSelectEvent[] = [];
    el.addEventListener('pulso-select', (e) => events.push(e));
    marks(el)[2].dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
    expect(events).to.have.length(1);
    expect(events[0].detail.filters).to.deep.equal({ channel: 'phone' });
    expect(events[0].detail.row).to.include({ channel: 'phone', n: 5, satisfied: 2 });
  });

  it('fires { segment } with by, on a customer attribute', async () => {
    const el = await widget(`from=${FROM};to=${TO};by=plan`);
    expect(texts(el, '.pulso-frame-title')[0]).to.equal('Satisfaction (CSAT) by plan');
    const events: PulsoSelectEvent[] = [];
    el.addEventListener('pulso-select', (e) => events.push(e));
    marks(el)[0].dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
    // c0–c4 (Ouro): chat 5,5,5,4,4 + phone 1,2,5,3,4 → 7/10; c5–c9 (Prata): 4,3,2,5,4 + email 5,5,5,4 → 7/9.
    expect(events[0].detail.filters).to.deep.equal({ segment: 'Prata' });
    expect(events[0].detail.by).to.equal('plan');
    expect(texts(el, 'text.csat')).to.deep.equal([formatters('en').percent(7 / 9, 1), '70.0%']);
  });

  it('toggles to a table with one row per bar', async () => {
    const el = await widget(`from=${FROM};to=${TO};tickets=all`);
    root(el).querySelector<HTMLButtonElement>('.pulso-frame-toggle')!.click();
    await el.updateComplete;
    const table = root(el).querySelector('table')!;
    expect(table.querySelectorAll('tbody tr')).to.have.length(3);
    const chat = [...table.querySelectorAll('tbody tr')].find((tr) => tr.textContent!.includes('Chat'))!;
    expect(chat.textContent).to.contain('80.0%').and.contain('+30.0').and.contain('50.0%');
  });

  it('puts its title at the heading level the page asks for (default 3)', async () => {
    const el = await widget(`from=${FROM};to=${TO}`);
    expect(root(el).querySelector('[part~=title]')!.localName).to.equal('h3');
    el.setAttribute('heading-level', '2');
    await el.updateComplete;
    expect(root(el).querySelector('[part~=title]')!.localName).to.equal('h2');
    el.setAttribute('heading-level', '9');
    await el.updateComplete;
    expect(root(el).querySelector('[part~=title]')!.localName).to.equal('h3');
    const empty = await fixture<PulsoChannelCsat>(html`<pulso-channel-csat locale="en" heading-level="4"></pulso-channel-csat>`);
    await waitUntil(() => root(empty).querySelector('[part~=title]'), 'no title');
    expect(root(empty).querySelector('[part~=title]')!.localName).to.equal('h4');
  });

  it('is accessible', async () => {
    const el = await widget(`from=${FROM};to=${TO};tickets=all`);
    await expect(el).to.be.accessible();
  });

  it('reflects every option between attributes and properties', async () => {
    const el = await widget(
      'by=channel;from=2025-02-01;to=2025-03-01;range=P14D;satisfied-min=5;scale=5;min-cell-size=1;time-zone=America/Sao_Paulo;' +
        'tickets=fcr, volume;compare=none;min-answers=3',
    );
    expect(el.by).to.equal('channel');
    expect(el.from).to.equal('2025-02-01');
    expect(el.to).to.equal('2025-03-01');
    expect(el.range).to.equal('P14D');
    expect(el.satisfiedMin).to.equal(5);
    expect(el.scale).to.equal(5);
    expect(el.minCellSize).to.equal(1);
    expect(el.timeZone).to.equal('America/Sao_Paulo');
    expect(el.tickets).to.equal('fcr, volume');
    expect(el.compare).to.equal('none');
    expect(el.minAnswers).to.equal(3);
    await waitUntil(() => texts(el, 'text.csat').join() === '75.0%,40.0%,20.0%', texts(el, 'text.csat').join());
    expect(texts(el, '.col-head').slice(2)).to.deep.equal(['FCR', 'Tickets']);
    expect(root(el).querySelectorAll('.prev')).to.have.length(0);
    // min-answers=3: no group is "few" any more (intervals are still wide, though).
    el.minAnswers = 1000;
    el.satisfiedMin = 4;
    el.tickets = ['resolution'];
    await waitUntil(() => texts(el, 'text.csat').join() === '100.0%,80.0%,40.0%');
    expect(texts(el, '.col-head').slice(2)).to.deep.equal(['Resolution']);
  });

  it('shows the option error for an invalid setting', async () => {
    const el = await widget(`from=${FROM};to=${TO}`);
    el.satisfiedMin = 9;
    await waitUntil(() => root(el).querySelector('.pulso-error'));
    expect(root(el).querySelector('.pulso-error')!.textContent).to.contain('A setting of this chart is not valid.');
    el.satisfiedMin = 4;
    await ready(el);
    el.setAttribute('tickets', 'fcr,nope');
    await waitUntil(() => root(el).querySelector('.pulso-error'));
    el.setAttribute('tickets', 'fcr');
    await ready(el);
    el.setAttribute('range', 'P-1');
    await waitUntil(() => root(el).querySelector('.pulso-error'));
  });

  it('renders hostile channel names as text', async () => {
    const rows = surveys().map((r) => (r.channel === 'phone' ? { ...r, channel: HOSTILE } : r));
    const el = await widget(`from=${FROM};to=${TO}`, adapterOf(rows));
    const mark = marks(el).find((m) => m.getAttribute('data-channel') === HOSTILE)!;
    expect(mark.getAttribute('aria-label')).to.contain(HOSTILE);
    expect(root(el).querySelector('img')).to.equal(null);
    expect(texts(el, '.pulso-frame-summary')[0]).to.contain(HOSTILE);
    expect((window as { __pwned?: unknown }).__pwned).to.equal(undefined);
  });
});
