// The first hover, focus and keys on a chart's marks, before the marks' chunk
// (components/shared/marks-keys.ts: where keys go, the tooltip's styles) is in: nothing is
// lost. The events all come in one task, before the chunk can arrive, and are handled in
// order once it is: the hovered mark's tooltip opens, styled; two arrow keys take two steps
// and Enter then selects where they led; a pointer that came and left leaves no tooltip.
// This file must not load the chunk first (widget-helpers.ts does: it is not imported here).
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../../components/nps-trend/pulso-nps-trend.js';
import type { PulsoNpsTrend } from '../../../components/nps-trend/pulso-nps-trend.js';
import type { PulsoSelectEvent } from '../../../components/shared/events.js';
import { marksKeys } from '../../../components/shared/marks-nav.js';
import { MemoryAdapter } from '../../../src/adapters/memory.js';
import type { Row } from '../../../src/data/schema.js';

let seq = 0;
const answer = (at: string, score: number, channel: string): Row => ({ at: `${at}T12:00:00Z`, kind: 'nps', score, customer_id: `c${seq++}`, channel });
/** Two channels (two rows of points), answers in January and March. */
const surveys: Row[] = [
  answer('2025-01-05', 10, 'app'),
  answer('2025-01-07', 9, 'phone'),
  answer('2025-03-02', 10, 'phone'),
  answer('2025-03-03', 0, 'app'),
];

const points = (el: PulsoNpsTrend) => [...el.shadowRoot!.querySelectorAll<SVGCircleElement>('circle[data-mark]')];
const tooltip = (el: PulsoNpsTrend) => el.shadowRoot!.querySelector<HTMLElement>('[role=tooltip]')!;
const text = (e: Element) => (e.textContent ?? '').replace(/\s+/g, ' ').trim();
const at = (el: PulsoNpsTrend, row: number, period: string) =>
  points(el).find((p) => p.dataset.row === String(row) && p.dataset.period === period)!;

async function widget(): Promise<PulsoNpsTrend> {
  const el = await fixture<PulsoNpsTrend>(
    html`<pulso-nps-trend locale="en" by="channel" .adapter=${new MemoryAdapter({ surveys })}></pulso-nps-trend>`,
  );
  await waitUntil(() => points(el).length === 4, 'the points were not drawn', { timeout: 10_000 });
  await el.updateComplete;
  return el;
}

/** Whether the marks' chunk is in (marks-nav.ts holds it once its import resolved). */
const chunkIn = () => marksKeys() !== undefined;

describe('marks before their chunk is in', () => {
  it('hover, keys and a pointer that left are each handled, in order, once it is', async () => {
    const hovered = await widget();
    const keyed = await widget();
    const passed = await widget();
    expect(chunkIn(), 'the marks chunk was in before any event').to.equal(false);

    // One task: the chunk cannot come in between.
    at(hovered, 1, '2025-03-01').dispatchEvent(new PointerEvent('pointerenter', { bubbles: false, composed: true }));
    at(keyed, 0, '2025-01-01').focus();
    const press = (key: string) =>
      keyed.shadowRoot!.activeElement!.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, composed: true, cancelable: true }));
    const scrolled = [press('ArrowRight'), press('ArrowDown')];
    const selected = oneEvent(keyed, 'pulso-select') as Promise<PulsoSelectEvent>;
    press('Enter');
    at(passed, 0, '2025-01-01').dispatchEvent(new PointerEvent('pointerenter', { bubbles: false, composed: true }));
    at(passed, 0, '2025-01-01').dispatchEvent(new PointerEvent('pointerleave', { bubbles: false, composed: true }));
    // The arrows were swallowed at once (they would scroll the page), before the chunk came.
    expect(scrolled, 'dispatchEvent returns false once preventDefault was called').to.deep.equal([false, false]);
    expect(tooltip(hovered).hidden).to.equal(true);
    expect(chunkIn(), 'the chunk came within the task').to.equal(false);

    // The hover: its mark's tooltip, with the tooltip's styles in the widget's shadow root.
    await waitUntil(() => !tooltip(hovered).hidden, 'the first hover showed no tooltip');
    expect(chunkIn()).to.equal(true);
    expect(text(tooltip(hovered))).to.contain('March 2025').and.contain('Phone');
    expect(getComputedStyle(tooltip(hovered)).position).to.equal('absolute');
    expect(at(hovered, 1, '2025-03-01').getAttribute('aria-describedby')).to.equal('pulso-tooltip');

    // The keys: ArrowRight then ArrowDown from January/app is March/phone, and Enter selects it.
    const ev = await selected;
    expect(ev.detail.filters).to.deep.equal({ period: '2025-03-01', segment: 'phone' });
    expect(keyed.shadowRoot!.activeElement).to.equal(at(keyed, 1, '2025-03-01'));
    await keyed.updateComplete;
    expect(text(tooltip(keyed))).to.contain('March 2025').and.contain('Phone');

    // Came and left before the chunk: no tooltip stays open.
    await passed.updateComplete;
    await new Promise((r) => setTimeout(r, 50));
    expect(tooltip(passed).hidden).to.equal(true);
  });
});
