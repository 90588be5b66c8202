// The marks roving-tabindex controller and the tooltip template: arrow keys
// over a ragged retention triangle and a line's points, selection, pointer
// activation, re-renders, tooltip text, flipping and axe.
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { LitElement, svg } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { tooltipPlacement, tooltipStyles } from '../../../components/shared/marks-keys.js';
import { MarksNavController, loadMarksKeys } from '../../../components/shared/marks-nav.js';
import type { MarkPosition } from '../../../components/shared/marks-nav.js';
import { renderTooltip } from '../../../components/shared/tooltip.js';
import type { TooltipOptions } from '../../../components/shared/tooltip.js';

const HOSTILE = '<img src=x onerror="window.__pwned = 1">';

@customElement('marks-nav-test-chart')
class MarksNavTestChart extends LitElement {
  static override styles = tooltipStyles;
  /** Marks per row (grid); a single number means a sequence of that many points. */
  @property({ attribute: false }) shape: number[] | number = [3, 2, 1];
  @property({ type: Number }) tick = 0;
  activated: { pos: MarkPosition; source: string }[] = [];
  selected: MarkPosition[] = [];
  dismissed: string[] = [];

  nav = new MarksNavController(this, {
    onActivate: (_m, pos, source) => this.activated.push({ pos, source }),
    onSelect: (_m, pos) => this.selected.push(pos),
    onDismiss: (reason) => this.dismissed.push(reason),
  });

  private marks() {
    if (typeof this.shape === 'number')
      return Array.from({ length: this.shape }, (_, c) =>
        svg`<circle data-mark data-col=${c} cx=${10 + c * 20} cy="20" r="4" role="img"
          aria-label=${`Point ${c}`}></circle>`,
      );
    return this.shape.flatMap((n, r) =>
      Array.from({ length: n }, (_, c) =>
        svg`<rect data-mark data-row=${r} data-col=${c} x=${c * 20} y=${r * 20} width="18" height="18" role="img"
          aria-label=${`Row ${r} col ${c}`}></rect>`,
      ),
    );
  }

  override render() {
    return html`<svg role="group" aria-label="Test chart ${this.tick}" width="200" height="80">${this.marks()}</svg>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'marks-nav-test-chart': MarksNavTestChart;
  }
}

const mark = (el: MarksNavTestChart, r: number | null, c: number): SVGElement =>
  el.shadowRoot!.querySelector(`[data-col="${c}"]${r === null ? '' : `[data-row="${r}"]`}`)!;
const focused = (el: MarksNavTestChart): string | null => {
  const a = el.shadowRoot!.activeElement;
  return a ? `${a.getAttribute('data-row') ?? '-'},${a.getAttribute('data-col')}` : null;
};
const tabbable = (el: MarksNavTestChart) => [...el.shadowRoot!.querySelectorAll('[tabindex="0"]')];

async function grid(): Promise<MarksNavTestChart> {
  const el = await fixture<MarksNavTestChart>(html`<marks-nav-test-chart></marks-nav-test-chart>`);
  await el.updateComplete;
  return el;
}

describe('MarksNavController', () => {
  // With the marks' chunk in, as after a page's first hover: each event is handled as it comes
  // (marks-first-event.browser.test.ts covers the events that come before it).
  before(() => loadMarksKeys());

  it('leaves exactly one tabbable mark, the first, and is accessible', async () => {
    const el = await grid();
    expect(tabbable(el)).to.have.length(1);
    expect(tabbable(el)[0]).to.equal(mark(el, 0, 0));
    expect(el.shadowRoot!.querySelectorAll('[tabindex="-1"]')).to.have.length(5);
    await expect(el).to.be.accessible();
  });

  it('moves with arrow keys through a ragged triangle', async () => {
    const el = await grid();
    mark(el, 0, 0).focus();
    const steps: [string, string][] = [
      ['ArrowRight', '0,1'],
      ['ArrowRight', '0,2'],
      ['ArrowRight', '0,2'], // edge: stays
      ['ArrowDown', '1,1'], // row 1 has cols 0-1: nearest to col 2
      ['ArrowDown', '2,0'],
      ['ArrowDown', '2,0'],
      ['ArrowUp', '1,0'],
      ['ArrowRight', '1,1'],
      ['ArrowUp', '0,1'],
      ['ArrowLeft', '0,0'],
      ['ArrowLeft', '0,0'],
    ];
    for (const [press, want] of steps) {
      await sendKeys({ press });
      expect(focused(el), press).to.equal(want);
      expect(tabbable(el)).to.have.length(1);
      expect(tabbable(el)[0]).to.equal(el.shadowRoot!.activeElement);
    }
  });

  it('goes to row ends with Home/End, chart ends with Ctrl, rows with PageUp/PageDown', async () => {
    const el = await grid();
    mark(el, 0, 1).focus();
    await sendKeys({ press: 'End' });
    expect(focused(el)).to.equal('0,2');
    await sendKeys({ press: 'Home' });
    expect(focused(el)).to.equal('0,0');
    await sendKeys({ down: 'Control' });
    await sendKeys({ press: 'End' });
    expect(focused(el)).to.equal('2,0');
    await sendKeys({ press: 'Home' });
    expect(focused(el)).to.equal('0,0');
    await sendKeys({ up: 'Control' });
    await sendKeys({ press: 'PageDown' });
    expect(focused(el)).to.equal('2,0');
    await sendKeys({ press: 'PageUp' });
    expect(focused(el)).to.equal('0,0');
  });

  it('selects with Enter and Space, and dismisses with Escape', async () => {
    const el = await grid();
    mark(el, 1, 1).focus();
    await sendKeys({ press: 'Enter' });
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Space' });
    expect(el.selected).to.deep.equal([
      { row: 1, col: 1 },
      { row: 2, col: 0 },
    ]);
    await sendKeys({ press: 'Escape' });
    expect(el.dismissed).to.include('escape');
  });

  it('activates on focus and on pointerenter without moving focus, selects on click', async () => {
    const el = await grid();
    mark(el, 0, 2).focus();
    expect(el.activated.at(-1)).to.deep.equal({ pos: { row: 0, col: 2 }, source: 'focus' });
    mark(el, 1, 0).dispatchEvent(new PointerEvent('pointerenter', { bubbles: false, composed: true }));
    expect(el.activated.at(-1)).to.deep.equal({ pos: { row: 1, col: 0 }, source: 'pointer' });
    expect(focused(el)).to.equal('0,2');
    expect(tabbable(el)[0]).to.equal(mark(el, 0, 2));
    mark(el, 1, 0).dispatchEvent(new PointerEvent('pointerleave', { bubbles: false, composed: true }));
    expect(el.dismissed).to.include('pointerleave');
    mark(el, 1, 0).dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
    expect(el.selected).to.deep.equal([{ row: 1, col: 0 }]);
    expect(tabbable(el)[0]).to.equal(mark(el, 1, 0));
  });

  it('keeps the tab stop across re-renders, and falls back when its mark goes away', async () => {
    const el = await grid();
    mark(el, 0, 2).focus();
    await sendKeys({ press: 'ArrowDown' });
    el.tick = 1;
    await el.updateComplete;
    expect(tabbable(el)).to.deep.equal([mark(el, 1, 1)]);
    el.shape = [3, 1];
    await el.updateComplete;
    expect(tabbable(el)).to.deep.equal([mark(el, 1, 0)]);
    expect(el.nav.activePosition).to.deep.equal({ row: 1, col: 0 });
    el.shape = [];
    await el.updateComplete;
    expect(el.nav.activeMark).to.equal(null);
  });

  it('walks a sequence (data-col only) with every arrow key', async () => {
    const el = await fixture<MarksNavTestChart>(html`<marks-nav-test-chart .shape=${4}></marks-nav-test-chart>`);
    expect(tabbable(el)).to.deep.equal([mark(el, null, 0)]);
    mark(el, null, 0).focus();
    const steps: [string, string][] = [
      ['ArrowRight', '-,1'],
      ['ArrowDown', '-,2'],
      ['ArrowUp', '-,1'],
      ['ArrowLeft', '-,0'],
      ['End', '-,3'],
      ['Home', '-,0'],
    ];
    for (const [press, want] of steps) {
      await sendKeys({ press });
      expect(focused(el), press).to.equal(want);
    }
    await sendKeys({ press: 'Enter' });
    expect(el.selected).to.deep.equal([{ row: null, col: 0 }]);
    await expect(el).to.be.accessible();
  });
});

describe('renderTooltip', () => {
  const base: TooltipOptions = {
    open: true,
    x: 40,
    y: 100,
    containerWidth: 600,
    lines: [
      { label: 'Cohort', value: HOSTILE },
      { label: 'Retained', value: '82%' },
    ],
    id: 'tip-1',
  };
  it('renders lines as text with role tooltip and its id', async () => {
    delete (window as unknown as Record<string, unknown>).__pwned;
    const el = await fixture(html`<div>${renderTooltip({ ...base, title: HOSTILE })}</div>`);
    const tip = el.querySelector('[role="tooltip"]')!;
    expect(tip.id).to.equal('tip-1');
    expect(tip.hasAttribute('hidden')).to.equal(false);
    expect(tip.querySelector('img')).to.equal(null);
    expect(tip.querySelector('.pulso-tooltip-title')!.textContent).to.equal(HOSTILE);
    const values = [...tip.querySelectorAll('.pulso-tooltip-value')].map((v) => v.textContent);
    expect(values).to.deep.equal([HOSTILE, '82%']);
    expect((window as unknown as Record<string, unknown>).__pwned).to.equal(undefined);
    await expect(el).to.be.accessible();
  });

  it('positions through custom properties and flips near the right and top edges', async () => {
    const el = await fixture(html`<div>${renderTooltip(base)}</div>`);
    const tip = el.querySelector<HTMLElement>('.pulso-tooltip')!;
    expect(tip.style.getPropertyValue('--_pulso-tooltip-x')).to.equal('40px');
    expect(tip.style.getPropertyValue('--_pulso-tooltip-y')).to.equal('100px');
    expect(tip.classList.contains('flip-x')).to.equal(false);
    expect(tooltipPlacement({ ...base, x: 500 })).to.deep.equal({ flipX: true, below: false });
    expect(tooltipPlacement({ ...base, x: 500, y: 10 })).to.deep.equal({ flipX: true, below: true });
    expect(tooltipPlacement({ ...base, x: 300, containerWidth: 320 })).to.deep.equal({ flipX: true, below: false });
    const flipped = await fixture(html`<div>${renderTooltip({ ...base, x: 580 })}</div>`);
    expect(flipped.querySelector('.pulso-tooltip')!.classList.contains('flip-x')).to.equal(true);
  });

  it('stays in the DOM but hidden while closed', async () => {
    const el = await fixture(html`<div>${renderTooltip({ ...base, open: false })}</div>`);
    const tip = el.querySelector<HTMLElement>('#tip-1')!;
    expect(tip.hidden).to.equal(true);
  });
});
