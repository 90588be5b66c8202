// Labels (SPEC §4): the names people read reach marks, tooltips, tables, legends,
// chips, the segment menu, notices and the CSV (with the code beside the name), in the
// three locales; an element's own labels win over its dashboard's, the page's
// (`registerLabels`) and the built-in names.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../../components/index.js';
import { registerLabels } from '../../../components/index.js';
import type { PulsoChannelCsat } from '../../../components/channel-csat/pulso-channel-csat.js';
import type { PulsoDashboard } from '../../../components/dashboard/pulso-dashboard.js';
import type { PulsoNpsTrend } from '../../../components/nps-trend/pulso-nps-trend.js';
import type { PulsoAdoptionFunnel } from '../../../components/adoption-funnel/pulso-adoption-funnel.js';
import { MemoryAdapter } from '../../../src/adapters/memory.js';
import type { Row } from '../../../src/data/schema.js';
import { $, $$, drawn, text } from '../widget-helpers.js';

const answer = (channel: string, day: number, score: number, customer: string, kind = 'csat'): Row => ({
  at: `2025-02-${String(day).padStart(2, '0')}T10:00:00Z`,
  kind,
  score,
  customer_id: customer,
  channel,
});

const customers: Row[] = Array.from({ length: 8 }, (_, i) => ({ customer_id: `c${i}`, signup_at: '2024-01-01', plan: i < 4 ? 'gold' : 'silver' }));
const surveys: Row[] = [
  ...[5, 4, 2].map((s, i) => answer('in_person', 2 + i, s, `c${i}`)),
  ...[5, 5].map((s, i) => answer('chat', 10 + i, s, `c${i + 4}`)),
  ...[9, 10, 3, 8, 7, 10, 9, 2].map((s, i) => answer('app', 3 + i, s, `c${i}`, 'nps')),
];
const activity: Row[] = customers.flatMap((c, i) => [
  { customer_id: c.customer_id, at: '2025-02-01T09:00:00Z', event: 'signup' },
  ...(i % 2 === 0 ? [{ customer_id: c.customer_id, at: '2025-02-02T09:00:00Z', event: 'first_login' }] : []),
]);
const adapter = () => new MemoryAdapter({ customers, surveys, activity });

/** Runs `fn` catching the Blobs an export downloads. */
async function downloads(fn: () => Promise<void>): Promise<Blob[]> {
  const blobs: Blob[] = [];
  const create = URL.createObjectURL;
  URL.createObjectURL = (obj: Blob | MediaSource) => {
    if (obj instanceof Blob) blobs.push(obj);
    return create.call(URL, obj);
  };
  try {
    await fn();
  } finally {
    URL.createObjectURL = create;
  }
  return blobs;
}

async function csat(locale: string, labels?: unknown): Promise<PulsoChannelCsat> {
  const el = await fixture<PulsoChannelCsat>(html`<pulso-channel-csat locale=${locale} from="2025-02-01" to="2025-03-01"></pulso-channel-csat>`);
  if (labels !== undefined) el.setAttribute('labels', JSON.stringify(labels));
  el.adapter = adapter();
  await drawn(el, '[data-mark]');
  return el;
}

const markNames = (el: HTMLElement) => $$(el, '[data-mark]').map((m) => m.getAttribute('aria-label') ?? '');

describe('labels', () => {
  it('names canonical channels in pt-BR, en and es on marks, the tooltip and the table', async () => {
    const expected = { 'pt-BR': 'Presencial', en: 'In person', es: 'Presencial' } as const;
    for (const [locale, name] of Object.entries(expected)) {
      const el = await csat(locale);
      const marks = markNames(el);
      expect(marks.some((m) => m.includes(name)), marks.join(' | ')).to.equal(true);
      expect(marks.join(' ')).not.to.contain('in_person');
      $$<SVGElement>(el, '[data-mark]').find((m) => m.getAttribute('aria-label')!.includes(name))!.focus();
      await el.updateComplete;
      expect(text($(el, '[role="tooltip"]'))).to.contain(name).and.not.contain('in_person');
      $<HTMLButtonElement>(el, '.pulso-frame-toggle')!.click();
      await el.updateComplete;
      const cells = $$(el, 'table tbody th, table tbody td').map((c) => text(c));
      expect(cells).to.include(name);
      expect(cells).not.to.include('in_person');
    }
    const en = await csat('en');
    expect(markNames(en).join(' ')).to.contain('Chat');
  });

  it('exports the name and, in a column of its own beside it, the code', async () => {
    const el = await csat('pt-BR');
    const [blob] = await downloads(() => el.export('csv'));
    const lines = (await blob.text()).replace(/^\uFEFF/, '').trim().split('\r\n');
    const header = lines[0].split(';');
    const at = header.indexOf('Canal');
    expect(at, lines[0]).to.be.greaterThan(-1);
    expect(header[at + 1]).to.equal('Canal (código)');
    const row = lines.slice(1).map((l) => l.split(';')).find((cells) => cells[at] === 'Presencial');
    expect(row, lines.join('\n')).not.to.equal(undefined);
    expect(row![at + 1]).to.equal('in_person');
  });

  it("uses the element's labels over the page's, and the page's over the built-in names", async () => {
    registerLabels({ channel: { chat: 'Conversa (página)', in_person: { en: 'Walk-in (page)' } } });
    const own = await csat('pt-BR', { channel: { chat: { 'pt-BR': 'Conversa (própria)' } } });
    const page = await csat('pt-BR');
    expect(markNames(own).join(' ')).to.contain('Conversa (própria)').and.not.contain('(página)');
    expect(markNames(page).join(' ')).to.contain('Conversa (página)');
    // A page label without pt-BR lets the built-in pt-BR name answer; in English it applies.
    expect(markNames(page).join(' ')).to.contain('Presencial');
    const en = await csat('en');
    expect(markNames(en).join(' ')).to.contain('Walk-in (page)');
    registerLabels({ channel: { chat: 'Chat', in_person: { en: 'In person' } } });
  });

  it('redraws a widget when labels are registered after it drew', async () => {
    const el = await csat('en');
    registerLabels({ channel: { in_person: { en: 'At the clinic' } } });
    await el.updateComplete;
    expect(markNames(el).join(' ')).to.contain('At the clinic');
    registerLabels({ channel: { in_person: { en: 'In person' } } });
  });

  it("gives the dashboard's labels to its widgets (legend, segment menu, chips) unless a widget has its own", async () => {
    const labels = { plan: { gold: { 'pt-BR': 'Ouro', en: 'Gold' }, silver: 'Prata' }, event: { first_login: 'Primeiro acesso' } };
    const board = await fixture<PulsoDashboard>(html`<pulso-dashboard locale="pt-BR" from="2025-02-01" to="2025-03-01" segment-options="plan">
      <pulso-nps-trend by="plan" min-cell-size="1" min-answers="1"></pulso-nps-trend>
      <pulso-nps-trend id="own" by="plan" min-cell-size="1" min-answers="1" labels='{"plan":{"gold":"Dourado"}}'></pulso-nps-trend>
      <pulso-adoption-funnel steps="signup,first_login" window="P30D"></pulso-adoption-funnel>
    </pulso-dashboard>`);
    board.labels = labels;
    board.adapter = adapter();
    const [nps, own] = [...board.querySelectorAll<PulsoNpsTrend>('pulso-nps-trend')];
    const funnel = board.querySelector<PulsoAdoptionFunnel>('pulso-adoption-funnel')!;
    await drawn(nps, '[part="legend"]');
    await drawn(own, '[part="legend"]');
    await drawn(funnel, '[data-mark]');
    expect(text($(nps, '[part="legend"]'))).to.contain('Ouro').and.contain('Prata').and.not.contain('gold');
    expect(text($(own, '[part="legend"]'))).to.contain('Dourado').and.contain('Prata');
    expect(text($(funnel, 'svg.pulso-chart'))).to.contain('Primeiro acesso').and.not.contain('first_login');
    // The segment menu names the column and its values.
    board.segmentBy = 'plan';
    await waitUntil(() => $$(board, 'option').some((o) => text(o) === 'Ouro'), 'segment values never named');
    expect($$(board, 'option').map((o) => text(o))).to.include('Plano');
    board.segment = 'gold';
    await board.updateComplete;
    expect(text($(board, '[part="chips"]'))).to.contain('Plano: Ouro');
  });

  it('names features in the legend, its note and the summary', async () => {
    const el = await fixture<PulsoAdoptionFunnel>(html`<pulso-adoption-funnel locale="en" mode="features" features="signup,first_login"
      from="2025-02-01" to="2025-03-01" labels='{"event":{"signup":"Sign-up","first_login":"First login"}}'></pulso-adoption-funnel>`);
    el.adapter = adapter();
    await drawn(el, '[part="legend"]');
    const shown = `${text($(el, '[part="legend"]'))} ${text($(el, '[part~="summary"]'))}`;
    expect(shown).to.contain('Sign-up').and.contain('First login');
    expect(shown).not.to.match(/first_login|\bsignup\b/);
  });

  it('names the fields of skipped rows in the notices', async () => {
    const el = await fixture<PulsoChannelCsat>(html`<pulso-channel-csat locale="pt-BR" from="2025-02-01" to="2025-03-01"></pulso-channel-csat>`);
    el.adapter = new MemoryAdapter({ surveys: [...surveys, { kind: 'csat', score: 4, channel: 'chat' }] });
    await drawn(el, '[data-mark]');
    const notices = text(el.shadowRoot as unknown as Element);
    expect(notices).to.contain('data ausente').and.not.contain(' at ausente');
  });
});
