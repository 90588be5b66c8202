// A box that scrolls sideways says so: the cohort heatmap too wide for its box keeps its
// cohort column in place while the months scroll and says "Scroll sideways for more
// months" in the page's language; a table view says so only while it is wider than its
// box. Text is cut to its room with "…" only when it does not fit.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../../components/cohort-churn/pulso-cohort-churn.js';
import '../../../components/nps-trend/pulso-nps-trend.js';
import type { PulsoCohortChurn } from '../../../components/cohort-churn/pulso-cohort-churn.js';
import type { PulsoNpsTrend } from '../../../components/nps-trend/pulso-nps-trend.js';
import { fitText, textWidth } from '../../../components/shared/text-width.js';
import { generateHealthPlan } from '../../../demo/data/health-plan.js';
import { MemoryAdapter } from '../../../src/adapters/memory.js';
import { $, drawn, text } from '../widget-helpers.js';

const DATA = generateHealthPlan({ customers: 200, start: '2025-01-01', months: 13, mess: false });
const adapter = new MemoryAdapter({ customers: DATA.customers, activity: DATA.activity, surveys: DATA.surveys });
const AS_OF = new Date(DATA.end).toISOString();

async function resizeTo(el: HTMLElement & { updateComplete: Promise<boolean> }, px: number): Promise<void> {
  el.style.width = `${px}px`;
  await waitUntil(() => (el as unknown as { resize: { width: number } }).resize.width === px, `never laid out at ${px}px`);
  await el.updateComplete;
  await new Promise((r) => requestAnimationFrame(r));
  await el.updateComplete;
}

describe('scroll cues', () => {
  it('a heatmap wider than its box pins the cohort column and says, translated, that more months are to the side', async () => {
    const el = await fixture<PulsoCohortChurn>(html`<pulso-cohort-churn locale="en" as-of=${AS_OF} .adapter=${adapter}></pulso-cohort-churn>`);
    await drawn(el);
    await resizeTo(el, 1000);
    expect($(el, '[data-scroll-hint]')).to.equal(null);
    expect($(el, '.heat-pin')).to.equal(null);
    await resizeTo(el, 320);
    expect(text($(el, '[data-scroll-hint]'))).to.equal('Scroll sideways for more months →');
    const scroller = $<HTMLElement>(el, '[data-scroll-area]')!;
    expect(scroller.scrollWidth).to.be.above(scroller.clientWidth);
    // Scrolled to the end, the pinned cohort labels stay at the box's left edge.
    const label = () => $(el, '.heat-pin .row-label')!.getBoundingClientRect().left;
    const before = label();
    scroller.scrollLeft = scroller.scrollWidth;
    await new Promise((r) => requestAnimationFrame(r));
    expect(scroller.scrollLeft).to.be.above(50);
    expect(label()).to.be.closeTo(before, 0.5);
    el.locale = 'pt-BR';
    await el.updateComplete;
    expect(text($(el, '[data-scroll-hint]'))).to.equal('Role para o lado para ver mais meses →');
    el.locale = 'es';
    await el.updateComplete;
    expect(text($(el, '[data-scroll-hint]'))).to.equal('Desplace hacia el lado para ver más meses →');
  });

  it('a table view says that it scrolls only while it is wider than its box', async () => {
    const el = await fixture<PulsoNpsTrend>(html`<pulso-nps-trend locale="en" .adapter=${adapter}></pulso-nps-trend>`);
    await drawn(el);
    $<HTMLButtonElement>(el, '.pulso-frame-toggle')!.click();
    await resizeTo(el, 1400);
    expect($(el, '[data-scroll-hint]')).to.equal(null);
    await resizeTo(el, 320);
    await waitUntil(() => $(el, '[data-scroll-hint]'), 'no hint on a narrow table');
    expect(text($(el, '[data-scroll-hint]'))).to.equal('Scroll sideways for more columns →');
    expect(getComputedStyle($(el, 'tbody th[scope="row"]')!).position).to.equal('sticky');
    await resizeTo(el, 1400);
    await waitUntil(() => !$(el, '[data-scroll-hint]'), 'the hint stays on a table that fits');
  });

  it('cuts text with "…" only when it does not fit its room', () => {
    expect(fitText('Chat', 200, 13)).to.equal('Chat');
    const long = 'Atendimento presencial nas unidades próprias da rede credenciada';
    const cut = fitText(long, 120, 13);
    expect(cut.endsWith('…')).to.equal(true);
    expect(long.startsWith(cut.slice(0, -1))).to.equal(true);
    expect(textWidth(cut, 13)).to.be.at.most(120);
    expect(textWidth(`${long.slice(0, cut.length)}…`, 13)).to.be.above(120);
  });
});
