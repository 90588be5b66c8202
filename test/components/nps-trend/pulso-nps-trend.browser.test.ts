// <pulso-nps-trend>: points, band, gaps and mix match npsTrend(), states,
// locale, keyboard, select events, table, attributes, bad options, hostile strings.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../../components/nps-trend/pulso-nps-trend.js';
import type { PulsoNpsTrend } from '../../../components/nps-trend/pulso-nps-trend.js';
import { MIX_COLORS } from '../../../src/charts/nps-mix.js';
import { MemoryAdapter } from '../../../src/adapters/memory.js';
import type { Row } from '../../../src/data/schema.js';
import { npsTrend } from '../../../src/metrics/nps.js';
import { $, $$, HOSTILE, drawn, flaky, hanging, press, text } from '../widget-helpers.js';

let seq = 0;
const answer = (at: string, score: number, channel = 'app'): Row => ({
  at: `${at}T12:00:00Z`,
  kind: 'nps',
  score,
  customer_id: `c${seq++}`,
  channel,
});

/** January: 3 promoters, 1 passive, 1 detractor; February: none (a gap); March: 1 promoter, 2 detractors. */
const surveys: Row[] = [
  answer('2025-01-05', 10),
  answer('2025-01-06', 9),
  answer('2025-01-07', 9, 'phone'),
  answer('2025-01-08', 7),
  answer('2025-01-09', 3, 'phone'),
  answer('2025-03-02', 10, 'phone'),
  answer('2025-03-03', 0),
  answer('2025-03-04', 6),
];
const adapter = (rows: Row[] = surveys) => new MemoryAdapter({ surveys: rows });

async function widget(attrs: Partial<PulsoNpsTrend> = {}, rows?: Row[]): Promise<PulsoNpsTrend> {
  const el = await fixture<PulsoNpsTrend>(html`<pulso-nps-trend locale="en" .adapter=${adapter(rows)}></pulso-nps-trend>`);
  Object.assign(el, attrs);
  await drawn(el);
  return el;
}

const points = (el: HTMLElement) => $$<SVGCircleElement>(el, 'circle[data-mark]');

describe('<pulso-nps-trend>', () => {
  it('draws periods with fewer answers than min-answers (default 30) hollow, with no band, and says "few answers"', async () => {
    const el = await widget();
    // 5 and 3 answers: both few, so no band at all (one answer would give an interval of zero width).
    expect(points(el).map((m) => m.classList.contains('few'))).to.deep.equal([true, true]);
    expect($(el, 'path.band')?.getAttribute('d') ?? '').to.equal('');
    points(el)[0].focus();
    await el.updateComplete;
    expect(text($(el, '#pulso-tooltip'))).to.contain('Few answers (fewer than 30)');
    el.minAnswers = 4;
    await drawn(el);
    await waitUntil(() => !points(el)[0].classList.contains('few'));
    expect(points(el).map((m) => m.classList.contains('few'))).to.deep.equal([false, true]);
    expect($(el, 'path.band')!.getAttribute('d')).to.match(/^M/);
    expect(points(el)[0].getAttribute('aria-label')).not.to.contain('few answers');
    el.hideBand = false;
    (el.shadowRoot!.querySelector<HTMLButtonElement>('.pulso-frame-toggle'))!.click();
    await el.updateComplete;
    const cells = $$(el, 'table tbody tr').map((r) => text(r));
    // The NPS comes right after its period, so a narrow box shows it without scrolling.
    expect($$(el, 'table thead th').map((h) => text(h)).slice(0, 2)).to.deep.equal(['Period', 'NPS']);
    expect(cells[0]).not.to.contain('few answers');
    expect(cells[2]).to.contain('few answers');
  });

  it('draws a point per answered period, leaves a gap for February, and stacks the answer mix', async () => {
    const el = await widget();
    const rows = npsTrend(surveys, {});
    expect(rows.map((r) => [r.period, r.n])).to.deep.equal([
      ['2025-01-01', 5],
      ['2025-02-01', 0],
      ['2025-03-01', 3],
    ]);
    const marks = points(el);
    expect(marks.map((m) => m.dataset.period)).to.deep.equal(['2025-01-01', '2025-03-01']);
    expect(marks.map((m) => m.dataset.col)).to.deep.equal(['0', '2']);
    // Two runs of one point each: the path has one M per run and no segment across February.
    const path = $(el, 'path.line')!.getAttribute('d')!;
    expect(path.match(/M/g)).to.have.length(2);
    expect(path).to.not.contain('L');
    // y of NPS: Jan +40 sits above 0, Mar −33 below; y grows downward.
    const zero = Number($(el, '.grid line.zero')!.getAttribute('y1'));
    const [jan, mar] = marks.map((m) => Number(m.getAttribute('cy')));
    expect(jan).to.be.below(zero);
    expect(mar).to.be.above(zero);
    expect(Math.round((zero - jan) / (mar - zero) * 100) / 100).to.equal(Math.round((40 / 33.33) * 100) / 100);
    expect(marks[0].getAttribute('aria-label')).to.equal(
      `January 2025: NPS +40.0, 95% interval ${fmt(rows[0].ciLow!)} to ${fmt(rows[0].ciHigh!)}, 5 answers, few answers`,
    );
    // Mix: Jan has three parts with heights 3:1:1, Feb an empty outline, Mar two parts (no passives).
    const rects = $$<SVGRectElement>(el, '.mix rect');
    const janParts = rects.filter((r) => r.getAttribute('fill')).slice(0, 3);
    expect(janParts.map((r) => r.getAttribute('fill'))).to.deep.equal([MIX_COLORS.detractors, MIX_COLORS.passives, MIX_COLORS.promoters]);
    const h = janParts.map((r) => Number(r.getAttribute('height')));
    expect(Math.round(h[2] / h[0])).to.equal(3);
    expect($$(el, '.mix rect.mix-empty')).to.have.length(1);
    // The mix sits on a scale of its own (shares, 0–100%), below the NPS axis's -100
    // gridline and the period labels, under a title that names that scale.
    const gridY = (label: string): number => {
      const tick = $$<SVGTextElement>(el, '.tick').find((t) => t.textContent === label)!;
      return Number(tick.getAttribute('y'));
    };
    const minus100 = gridY('-100');
    const periodLabel = Math.max(...$$<SVGTextElement>(el, '.grid text.tick').filter((t) => t.getAttribute('text-anchor') === 'middle').map((t) => Number(t.getAttribute('y'))));
    const title = $<SVGTextElement>(el, '.mix-title')!;
    expect(text(title)).to.equal('Answer mix, % of answers (number of answers above each bar)');
    expect(periodLabel).to.be.above(minus100);
    expect(Number(title.getAttribute('y'))).to.be.above(periodLabel);
    expect(gridY('100%')).to.be.above(Number(title.getAttribute('y')));
    expect(gridY('0%')).to.equal(Math.max(...rects.map((r) => Number(r.getAttribute('y')) + Number(r.getAttribute('height')))));
    for (const r of rects) expect(Number(r.getAttribute('y'))).to.be.at.least(gridY('100%'));
    expect(text($(el, '.pulso-frame-summary'))).to.equal(
      'NPS in March 2025: -33 from 3 answers. Over 3 periods it ranged from -33 to +40. Periods without answers are gaps in the line.',
    );
  });

  it('draws the target rule, the rolling window and one line per segment', async () => {
    const el = await widget({ target: 30, rolling: 2 });
    expect(text($(el, '.target text'))).to.equal('Target +30');
    const rolled = npsTrend(surveys, { rolling: 2 });
    // February now counts January's answers: a point, and the line is unbroken.
    expect(points(el).map((m) => m.dataset.period)).to.deep.equal(rolled.filter((r) => r.n).map((r) => r.period));
    expect($(el, 'path.line')!.getAttribute('d')!.match(/M/g)).to.have.length(1);
    el.rolling = 1;
    el.by = 'channel';
    await el.updateComplete;
    await waitUntil(() => $$(el, 'path.line').length === 2);
    expect(text($(el, '[part~=legend]'))).to.equal('App Phone Hollow point: fewer than 30 answers, no band drawn');
    expect($$(el, '.mix')).to.have.length(0);
    expect(new Set(points(el).map((p) => p.dataset.row))).to.deep.equal(new Set(['0', '1']));
  });

  it('shows a line skeleton while loading, then the chart', async () => {
    const slow = hanging();
    const el = await fixture<PulsoNpsTrend>(html`<pulso-nps-trend locale="en" .adapter=${slow}></pulso-nps-trend>`);
    await waitUntil(() => $(el, '.pulso-loading'));
    expect($(el, '.pulso-loading')!.getAttribute('data-shape')).to.equal('line');
    slow.open();
    await waitUntil(() => !$(el, '.pulso-loading'));
  });

  it('says "no answers" for an empty range, and retries after an error', async () => {
    const empty = await fixture<PulsoNpsTrend>(
      html`<pulso-nps-trend locale="en" from="2030-01-01" to="2030-03-01" .adapter=${adapter()}></pulso-nps-trend>`,
    );
    await waitUntil(() => $(empty, '.pulso-empty'));
    expect(text($(empty, '.pulso-empty'))).to.equal('No answers in this period');

    const failing = flaky(adapter());
    const el = await fixture<PulsoNpsTrend>(html`<pulso-nps-trend locale="en" .adapter=${failing}></pulso-nps-trend>`);
    await waitUntil(() => $(el, '.pulso-error'));
    expect(text($(el, '.pulso-error-title'))).to.equal('The data could not be loaded');
    $<HTMLButtonElement>(el, '.pulso-retry')!.click();
    await drawn(el);
    expect(points(el)).to.have.length(2);
  });

  it('counts answers skipped for a score out of range', async () => {
    const el = await widget({}, [...surveys, { ...answer('2025-01-10', 12) }]);
    expect($$(el, '.pulso-notices li').map((li) => text(li))).to.deep.equal([
      '1 of 9 survey rows was skipped: score out of range',
    ]);
    expect(points(el)).to.have.length(2);
  });

  it('switches language', async () => {
    const el = await widget();
    el.locale = 'pt-BR';
    await el.updateComplete;
    expect(text($(el, '.pulso-frame-title'))).to.equal('NPS ao longo do tempo');
    expect(points(el)[0].getAttribute('aria-label')).to.match(/^janeiro de 2025: NPS \+40,0, intervalo de 95% de/);
    expect(text($(el, '[part~=legend]'))).to.equal('Promotores Neutros Detratores Ponto vazado: menos de 30 respostas, sem faixa');
    el.locale = 'es';
    await el.updateComplete;
    expect(text($(el, '.pulso-frame-title'))).to.equal('NPS a lo largo del tiempo');
  });

  it('moves between points with the keyboard, shows the tooltip and fires pulso-select', async () => {
    const el = await widget({ by: 'channel' });
    await waitUntil(() => $$(el, 'path.line').length === 2);
    const first = points(el).find((p) => p.getAttribute('tabindex') === '0')!;
    first.focus();
    press(el, 'ArrowRight');
    const active = el.shadowRoot!.activeElement as SVGCircleElement;
    expect([active.dataset.row, active.dataset.period]).to.deep.equal(['0', '2025-03-01']);
    await el.updateComplete;
    const tip = $(el, '[role=tooltip]')!;
    expect(tip.hasAttribute('hidden')).to.equal(false);
    expect(text(tip)).to.contain('March 2025');
    expect(text(tip)).to.contain('Segment App');
    expect(text(tip)).to.contain('Answers 2');
    press(el, 'Escape');
    await el.updateComplete;
    expect($(el, '[role=tooltip]')!.hasAttribute('hidden')).to.equal(true);
    setTimeout(() => press(el, ' '));
    const ev = await oneEvent(el, 'pulso-select');
    expect(ev.detail.filters).to.deep.equal({ period: '2025-03-01', segment: 'app' });
    expect(ev.detail.by).to.equal('channel');
  });

  it('shows the same rows as a table and has no accessibility violations', async () => {
    const el = await widget({ target: 20 });
    await expect(el).to.be.accessible();
    $<HTMLButtonElement>(el, '.pulso-frame-toggle')!.click();
    await el.updateComplete;
    expect($$(el, 'tbody tr')).to.have.length(3);
    expect(text($$(el, 'tbody tr')[1])).to.contain('Feb 2025');
    await expect(el).to.be.accessible();
  });

  it('reads options from kebab-case attributes', async () => {
    const el = await fixture<PulsoNpsTrend>(html`<pulso-nps-trend locale="en" period="quarter" rolling="1" target="10"
      min-cell-size="1" hide-band hide-mix time-zone="UTC" .adapter=${adapter()}></pulso-nps-trend>`);
    await drawn(el);
    expect([el.period, el.target, el.minCellSize, el.hideBand, el.hideMix]).to.deep.equal(['quarter', 10, 1, true, true]);
    expect(points(el).map((p) => p.dataset.period)).to.deep.equal(['2025-01-01']);
    expect($$(el, '.bands')).to.have.length(0);
    expect($$(el, '.mix')).to.have.length(0);
  });

  it('explains a bad option', async () => {
    const el = await fixture<PulsoNpsTrend>(html`<pulso-nps-trend locale="en" rolling="0" .adapter=${adapter()}></pulso-nps-trend>`);
    await waitUntil(() => $(el, '.pulso-error'));
    expect(text($(el, '.pulso-error-sentence'))).to.equal('A setting of this chart is not valid.');
  });

  it('renders hostile segment names as text', async () => {
    const el = await widget({ by: 'channel' }, surveys.map((s) => ({ ...s, channel: HOSTILE })));
    await waitUntil(() => text($(el, '[part~=legend]')).includes('onerror'));
    expect(text($(el, '[part~=legend]'))).to.contain(HOSTILE);
    expect($(el, 'img')).to.equal(null);
    expect((window as unknown as { __pwned?: number }).__pwned).to.equal(undefined);
  });
});

function fmt(v: number): string {
  const s = v.toFixed(1);
  return v > 0 ? `+${s}` : s;
}
