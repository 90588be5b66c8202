// What pointer and keyboard do on a chart's marks: the tooltip of the active mark, and
// `pulso-select` for the chosen one. Apart from the frame (chart-element.ts) because it
// reacts to the user rather than to the data: it holds the open tooltip and drops it
// when the geometry under it changes.
import type { PropertyValues } from 'lit';
import { state } from 'lit/decorators.js';
import type { DataValue } from './data-controller.js';
import { MarksNavController } from './marks-nav.js';
import type { MarkPosition } from './marks-nav.js';
import { anchorOf, describeBy } from './tooltip.js';
import type { OpenTip } from './widget-frame.js';
import type { PulsoSelectDetail } from './events.js';
import { OTHERS } from '../../src/metrics/others.js';
import { PulsoChartBase } from './chart-base.js';

export const TOOLTIP_ID = 'pulso-tooltip';

/**
 * A selection without "Others" as its segment: that mark stands for many values no
 * filter names, so it cross-filters by what else it says (its period, its cohort), or
 * selects nothing.
 */
function withoutOthers(detail: PulsoSelectDetail | undefined): PulsoSelectDetail | undefined {
  if (detail?.filters.segment !== OTHERS) return detail;
  const filters = { ...detail.filters };
  delete filters.segment;
  return Object.keys(filters).length > 0 ? { ...detail, filters } : undefined;
}

/** The tooltips and selection of a chart's marks; PulsoChartElement (chart-element.ts) is the one to extend. */
export abstract class PulsoChartMarks<R> extends PulsoChartBase<R> {
  protected readonly marks = new MarksNavController(this, {
    onActivate: (mark, pos) => this.#showTip(mark, pos),
    onSelect: (mark, pos) => this.#selectMark(mark, pos),
    onDismiss: () => this.#hideTip(),
  });

  @state() protected tip?: OpenTip;

  /** The data the open tooltip was made from. */
  #tipFrom?: DataValue<R>;

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // A new result, locale or view makes the open tooltip point at stale geometry.
    const value = this.data.value;
    if (changed.has('locale') || (changed as Map<PropertyKey, unknown>).has('view') || value !== this.#tipFrom) this.tip = undefined;
    this.#tipFrom = value;
  }

  #showTip(mark: Element, pos: MarkPosition): void {
    const value = this.data.value;
    const box = this.renderRoot.querySelector('.pulso-frame-chart');
    if (!value || !box) return;
    const content = this.named(() => this.markAt(mark, pos, value.result, this.context)?.tip);
    if (!content) return;
    describeBy(this.renderRoot, mark, TOOLTIP_ID);
    this.tip = { ...content, ...anchorOf(mark, box) };
  }

  #hideTip(): void {
    this.tip = undefined;
  }

  #selectMark(mark: Element, pos: MarkPosition): void {
    const value = this.data.value;
    if (!value) return;
    const detail = withoutOthers(this.named(() => this.markAt(mark, pos, value.result, this.context)?.select));
    if (!detail) return;
    this.dispatchEvent(new CustomEvent<PulsoSelectDetail>('pulso-select', { bubbles: true, composed: true, detail }));
  }
}
