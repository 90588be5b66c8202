// The shared chart frame, theme and ResizeController: width clamped to
// [240, 1600], the chart/table toggle, exports, title and summary wiring,
// hostile text, parts, the dark theme attribute and axe (runs under strict CSP too).
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { LitElement } from 'lit';
import { customElement } from 'lit/decorators.js';
import {
  FRAME_SUMMARY_ID,
  chartFrameStyles,
  renderChartFrame,
} from '../../../components/shared/chart-frame.js';
import type { ChartView, ExportKind } from '../../../components/shared/chart-frame.js';
import { ResizeController, clampWidth } from '../../../components/shared/resize-controller.js';
import { themeStyles } from '../../../components/shared/theme.styles.js';
import { localeLoading } from '../../../components/shared/catalogs.js';

const HOSTILE = '<img src=x onerror="window.__pwned = 1">';
const text = (el: Element | null | undefined): string => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();

@customElement('chart-frame-test')
class ChartFrameTest extends LitElement {
  static override styles = [themeStyles, chartFrameStyles];

  resize = new ResizeController(this);
  chartTitle = 'Retention by cohort';
  summary = 'Retention falls from 100% to 62% over six months.';
  view: ChartView = 'chart';
  exports: ExportKind[] = [];

  override render() {
    return renderChartFrame({
      title: this.chartTitle,
      summary: this.summary,
      locale: 'en',
      view: this.view,
      onToggleView: () => {
        this.view = this.view === 'chart' ? 'table' : 'chart';
        this.requestUpdate();
      },
      onExport: (kind) => this.exports.push(kind),
      chart: html`<svg class="chart-svg" width=${this.resize.width} height="100" viewBox="0 0 100 100"
        role="img" aria-label="Chart"><rect width="10" height="10"></rect></svg>`,
      table: () => html`<table><caption>Rows</caption><tr><th scope="col">Cohort</th></tr><tr><td>Jan</td></tr></table>`,
      legend: html`<span class="legend-item">Jan 2024</span>`,
      notices: html`<p class="notice">2 rows skipped</p>`,
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'chart-frame-test': ChartFrameTest;
  }
}

const q = (el: ChartFrameTest, sel: string): HTMLElement | null => el.shadowRoot!.querySelector<HTMLElement>(sel);
const toggle = (el: ChartFrameTest): HTMLButtonElement => q(el, '.pulso-frame-toggle') as HTMLButtonElement;

async function frame(): Promise<ChartFrameTest> {
  return fixture<ChartFrameTest>(html`<chart-frame-test></chart-frame-test>`);
}

async function atWidth(el: ChartFrameTest, px: number, expected: number): Promise<void> {
  el.parentElement!.style.width = `${px}px`;
  await waitUntil(() => el.resize.width === expected, `width ${el.resize.width} != ${expected}`, { timeout: 3000 });
  await el.updateComplete;
}

describe('ResizeController', () => {
  it('clamps and rounds widths', () => {
    expect(clampWidth(200)).to.equal(240);
    expect(clampWidth(2000)).to.equal(1600);
    expect(clampWidth(800.4)).to.equal(800);
    expect(clampWidth(Number.NaN)).to.equal(640);
  });

  it('follows the host width, clamped to [240, 1600]', async () => {
    const el = await frame();
    await atWidth(el, 200, 240);
    expect(q(el, '.chart-svg')!.getAttribute('width')).to.equal('240');
    await atWidth(el, 2000, 1600);
    await atWidth(el, 800, 800);
    expect(q(el, '.chart-svg')!.getAttribute('width')).to.equal('800');
  });

  it('stops observing once disconnected', async () => {
    const el = await frame();
    await atWidth(el, 800, 800);
    const parent = el.parentElement!;
    el.remove();
    parent.style.width = '500px';
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    expect(el.resize.width).to.equal(800);
  });
});

describe('renderChartFrame', () => {
  // Its words (English too) come in a chunk: a bare template renders with what is loaded.
  before(() => localeLoading('en'));

  it('renders the title, summary and the chart described by the summary', async () => {
    const el = await frame();
    expect(text(q(el, '[part~=title]'))).to.equal('Retention by cohort');
    const summary = q(el, `#${FRAME_SUMMARY_ID}`)!;
    expect(text(summary)).to.equal('Retention falls from 100% to 62% over six months.');
    expect(summary.classList.contains('visually-hidden')).to.equal(true);
    expect(q(el, '[part~=chart]')!.getAttribute('aria-describedby')).to.equal(FRAME_SUMMARY_ID);
    expect(text(q(el, '.notice'))).to.equal('2 rows skipped');
    expect(text(q(el, '[part~=legend]'))).to.equal('Jan 2024');
  });

  it('toggles between chart and table, the button saying what it shows next', async () => {
    const el = await frame();
    expect(text(toggle(el))).to.equal('Show table');
    expect(q(el, 'table')).to.equal(null);
    toggle(el).click();
    await el.updateComplete;
    expect(text(toggle(el))).to.equal('Show chart');
    expect(q(el, '[part~=table] table')).to.not.equal(null);
    expect(q(el, '[part~=chart]')).to.equal(null);
    expect(q(el, '[part~=legend]')).to.equal(null);
    toggle(el).click();
    await el.updateComplete;
    expect(text(toggle(el))).to.equal('Show table');
    expect(q(el, '.chart-svg')).to.not.equal(null);
  });

  it('calls back with the export kind', async () => {
    const el = await frame();
    const buttons = [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('.pulso-frame-export')];
    expect(buttons.map((b) => text(b))).to.deep.equal(['Download CSV', 'Download SVG', 'Download PNG']);
    for (const b of buttons) b.click();
    expect(el.exports).to.deep.equal(['csv', 'svg', 'png']);
  });

  it('keeps a hostile title and summary as text', async () => {
    const el = document.createElement('chart-frame-test');
    el.chartTitle = HOSTILE;
    el.summary = HOSTILE;
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    host.append(el);
    await el.updateComplete;
    expect(text(q(el, '[part~=title]'))).to.equal(HOSTILE);
    expect(text(q(el, `#${FRAME_SUMMARY_ID}`))).to.equal(HOSTILE);
    expect(el.shadowRoot!.querySelector('img')).to.equal(null);
    expect((window as unknown as { __pwned?: number }).__pwned).to.equal(undefined);
  });

  it('exposes parts for ::part styling', async () => {
    const el = await frame();
    for (const part of ['frame', 'header', 'title', 'summary', 'toolbar', 'button', 'chart', 'legend'])
      expect(q(el, `[part~=${part}]`), part).to.not.equal(null);
    expect(q(el, '[part~=frame]')!.tagName).to.equal('FIGURE');
    expect(q(el, '[part~=title]')!.tagName).to.equal('H3');
    expect(el.shadowRoot!.querySelector('[style]')).to.equal(null);
  });

  it('switches to dark values with theme="dark" and honours a page override', async () => {
    const el = await frame();
    el.setAttribute('theme', 'light');
    const fg = (): string => getComputedStyle(el).getPropertyValue('--_pulso-fg').trim();
    const light = fg();
    const lightColor = getComputedStyle(q(el, '[part~=title]')!).color;
    el.setAttribute('theme', 'dark');
    expect(fg()).to.not.equal(light);
    expect(getComputedStyle(q(el, '[part~=title]')!).color).to.not.equal(lightColor);
    el.style.setProperty('--pulso-fg', 'rgb(1, 2, 3)');
    expect(getComputedStyle(q(el, '[part~=title]')!).color).to.equal('rgb(1, 2, 3)');
    expect(getComputedStyle(el).display).to.equal('block');
  });

  it('is accessible in both views and both themes', async () => {
    const el = await frame();
    await expect(el).to.be.accessible();
    el.setAttribute('theme', 'dark');
    toggle(el).click();
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });
});
