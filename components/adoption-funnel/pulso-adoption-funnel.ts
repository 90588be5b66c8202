// <pulso-adoption-funnel> (SPEC §3.5 and §3.6, issue 5): an onboarding funnel
// (conversion per step, drop-off, median time to convert, segments side by side
// with significant differences marked) or, with mode="features", the adoption
// of each feature over periods.
import { html, nothing } from 'lit';
import type { PropertyValues, TemplateResult } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { featureAdoption } from '../../src/metrics/adoption.js';
import { funnel } from '../../src/metrics/funnel.js';
import type { FunnelOrder } from '../../src/metrics/funnel.js';
import type { NormalizedTables, TableName } from '../../src/data/schema.js';
import type { Locale } from '../../src/i18n/messages.js';
import type { Period } from '../../src/time/period.js';
import { PulsoChartElement, numberOption, listOption, textOption } from '../shared/chart-element.js';
import type { RenderContext, TipContent } from '../shared/chart-element.js';
import type { PulsoSelectDetail } from '../shared/events.js';
import type { MarkPosition } from '../shared/marks-nav.js';
import type { SkeletonShape } from '../shared/states.js';
import type { TableColumn, TableRow } from '../shared/table-view.js';
import { segmentLabel, t } from '../shared/strings.js';
import { featuresLayout, featuresLegend, featuresTip, featureView, pointAt, renderFeatures, rowOf } from './features-view.js';
import type { FeatureView } from './features-view.js';
import { funnelBarAt, funnelLegend, funnelTip, renderFunnel } from './funnel-view.js';
import { styles } from './pulso-adoption-funnel.styles.js';
import { ta } from './strings.js';
import { featuresSummary, funnelSummary } from './summary.js';
import type { AdoptionFunnelMode, AdoptionFunnelResult, FeaturesResult } from './types.js';

export type { AdoptionFunnelMode, AdoptionFunnelResult } from './types.js';

/** A whole number of milliseconds may come as an attribute string. */
function windowOption(value: string | number | undefined): string | number | undefined {
  if (typeof value === 'number') return value;
  const v = textOption(value);
  return v !== undefined && /^\d+$/.test(v) ? Number(v) : v;
}


/**
 * Adoption funnel (steps) or feature adoption over time (mode="features").
 *
 * @fires pulso-select - A bar or point was chosen: `detail.filters` has `step` (funnel) or `feature` and `period`, plus `segment` with `by`.
 * @fires pulso-data-error - Loading or computing failed.
 * @csspart frame - The figure around title, toolbar and chart.
 * @csspart chart - The chart area.
 * @csspart legend - Segment or feature colours and the significance marker.
 * @csspart table - The table view.
 * @csspart tooltip - The tooltip of the active mark.
 * @csspart view-select - The feature/segment choice of feature mode with `by`.
 * @cssprop --pulso-fg - Text colour.
 * @cssprop --pulso-surface - Background.
 * @cssprop --pulso-focus - Focus ring of marks and buttons.
 */
@customElement('pulso-adoption-funnel')
export class PulsoAdoptionFunnel extends PulsoChartElement<AdoptionFunnelResult> {
  static override styles = styles;

  /** `funnel` (default: SPEC §3.5) or `features` (SPEC §3.6). */
  @property({ reflect: true }) mode: AdoptionFunnelMode = 'funnel';
  /** Funnel steps, at least two event names in order (comma-separated). */
  @property() steps?: string | string[];
  /** `ordered` (default), `strict` or `any`. */
  @property() order?: FunnelOrder;
  /** How long after the first step the last may come: ISO-8601 duration (default P30D) or milliseconds. */
  @property() window?: string | number;
  /** The range of the first step (funnel) or of the periods (features), half-open. */
  @property() from?: string;
  @property() to?: string;
  /** A customer attribute (or activity column) to compare segments by. */
  @property() by?: string;
  /** Counts below this are hidden ("< k"); 0 = off. */
  @property({ attribute: 'min-cell-size', type: Number }) minCellSize?: number;
  /** Feature mode: the feature events to follow (comma-separated). */
  @property() features?: string | string[];
  /** Feature mode: day, week, month (default), quarter, year. */
  @property() period: Period = 'month';
  /** Feature mode: the events that make a customer active (default any). */
  @property({ attribute: 'active-events' }) activeEvents?: string | string[];
  /** Feature mode with `by`: the feature compared across segments (default the first). */
  @property() feature?: string;
  /** Feature mode with `by`: show every feature within this segment instead. */
  @property() segment?: string;

  protected tablesNeeded(): readonly TableName[] {
    // The customers table only serves `by` on a customer attribute.
    return textOption(this.by) ? ['activity', 'customers'] : ['activity'];
  }

  protected optionDeps(): readonly unknown[] {
    return [this.mode, String(listOption(this.steps)), this.order, windowOption(this.window), this.from, this.to, this.by,
      this.minCellSize, String(listOption(this.features)), this.period, String(listOption(this.activeEvents)), this.timeZone];
  }

  protected compute(tables: NormalizedTables): AdoptionFunnelResult {
    const by = textOption(this.by);
    const common = { from: textOption(this.from), to: textOption(this.to), by, minCellSize: numberOption(this.minCellSize), timeZone: textOption(this.timeZone) };
    const k = numberOption(this.minCellSize) ?? 0;
    if (this.mode === 'features') {
      const features = listOption(this.features);
      if (!features) return { mode: 'missing', what: 'features' };
      const rows = featureAdoption(tables, { ...common, features, period: this.period, activeEvents: listOption(this.activeEvents) });
      const segments = by ? [...new Set(rows.map((r) => r.segment ?? ''))] : [];
      return { mode: 'features', rows, features, segments, period: this.period, k };
    }
    if (this.mode !== 'funnel') throw new RangeError(`mode must be funnel or features; got '${String(this.mode)}'`);
    const steps = listOption(this.steps);
    if (!steps) return { mode: 'missing', what: 'steps' };
    const rows = funnel(tables, { ...common, steps, order: textOption(this.order) as FunnelOrder | undefined, window: windowOption(this.window) });
    const segments = by ? [...new Set(rows.map((r) => r.segment))] : [undefined];
    return { mode: 'funnel', rows, segments, k };
  }

  protected defaultHeading(locale: Locale): string {
    return ta(locale, this.mode === 'features' ? 'headingFeatures' : 'heading');
  }

  protected skeleton(): SkeletonShape {
    return this.mode === 'features' ? 'line' : 'bars';
  }

  protected isEmpty(result: AdoptionFunnelResult): boolean {
    if (result.mode === 'missing') return true;
    // Periods come from the range even when nobody was active in any of them.
    if (result.mode === 'features') return !result.rows.some((r) => r.active === null || r.active > 0);
    // Nobody at the first step: every bar would be empty.
    return !result.rows.some((r) => r.index === 1 && (r.entered === null || r.entered > 0));
  }

  protected override emptyMessage(locale: Locale): string {
    const result = this.data.value?.result;
    if (result?.mode === 'missing') return ta(locale, result.what === 'steps' ? 'noSteps' : 'noFeatures');
    return ta(locale, this.mode === 'features' ? 'emptyFeatures' : 'empty');
  }

  protected override suppressedLabel(): string {
    return t(this.resolvedLocale, 'suppressed', { k: numberOption(this.minCellSize) ?? 0 });
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('feature') || changed.has('segment') || changed.has('mode')) this.tip = undefined;
  }

  /** The feature-mode view in force (what the feature and segment properties resolve to). */
  private viewOf(result: FeaturesResult): FeatureView {
    return featureView(result, textOption(this.feature), textOption(this.segment));
  }

  private get chartTitle(): string {
    return textOption(this.heading) ?? this.defaultHeading(this.resolvedLocale);
  }

  protected summary(result: AdoptionFunnelResult, ctx: RenderContext): string {
    if (result.mode === 'funnel') return funnelSummary(result, ctx);
    if (result.mode === 'features') return featuresSummary(result, this.viewOf(result), ctx);
    return '';
  }

  protected renderChart(result: AdoptionFunnelResult, ctx: RenderContext): TemplateResult {
    if (result.mode === 'funnel') return renderFunnel(result, ctx, this.chartTitle);
    if (result.mode === 'features') return renderFeatures(result, this.viewOf(result), ctx, this.chartTitle);
    return html``;
  }

  protected override renderLegend(result: AdoptionFunnelResult, ctx: RenderContext): TemplateResult | typeof nothing {
    if (result.mode === 'funnel') return funnelLegend(result, ctx);
    if (result.mode === 'features') return featuresLegend(result, this.viewOf(result), ctx);
    return nothing;
  }

  protected override renderControls(ctx: RenderContext): TemplateResult | typeof nothing {
    const result = this.data.value?.result;
    if (result?.mode !== 'features' || result.segments.length === 0) return nothing;
    const { locale } = ctx;
    const view = this.viewOf(result);
    const current = view.kind === 'segment' ? `s:${view.segment}` : view.kind === 'feature' ? `f:${view.feature}` : '';
    const onChange = (e: Event): void => {
      const value = (e.target as HTMLSelectElement).value;
      if (value.startsWith('s:')) this.segment = value.slice(2);
      else {
        this.segment = undefined;
        this.feature = value.slice(2);
      }
    };
    return html`<label class="view-choice">${ta(locale, 'view')}
      <select part="view-select" @change=${onChange}>
        ${result.features.map((f) => html`<option value=${`f:${f}`} ?selected=${current === `f:${f}`}>${ta(locale, 'viewFeature', { feature: f })}</option>`)}
        ${result.segments.map((s) => html`<option value=${`s:${s}`} ?selected=${current === `s:${s}`}>${ta(locale, 'viewSegment', { segment: segmentLabel(locale, s) })}</option>`)}
      </select>
    </label>`;
  }

  protected tipFor(_mark: Element, pos: MarkPosition, result: AdoptionFunnelResult, ctx: RenderContext): TipContent | undefined {
    if (result.mode === 'funnel') {
      const bar = funnelBarAt(result, ctx.width, pos);
      return bar && funnelTip(bar, result, ctx);
    }
    if (result.mode !== 'features') return undefined;
    const view = this.viewOf(result);
    const hit = pointAt(featuresLayout(result, view, ctx.width, ctx.f), pos);
    return hit && featuresTip(hit.s, hit.pt, view, result, ctx);
  }

  protected selectionFor(_mark: Element, pos: MarkPosition, result: AdoptionFunnelResult): PulsoSelectDetail | undefined {
    const by = textOption(this.by);
    const widget = this.localName;
    if (result.mode === 'funnel') {
      const bar = funnelBarAt(result, this.resize.width, pos);
      const row = bar && result.rows.find((r) => r.index === bar.index && r.segment === bar.segment);
      if (!bar || !row) return undefined;
      const filters = bar.segment === undefined ? { step: bar.step } : { step: bar.step, segment: bar.segment };
      return { widget, filters, by, row: { ...row } };
    }
    if (result.mode !== 'features') return undefined;
    const hit = pointAt(featuresLayout(result, this.viewOf(result), this.resize.width, this.context.f), pos);
    const row = hit && rowOf(result, hit.s, hit.pt.period);
    if (!hit || !row) return undefined;
    const filters = { feature: row.feature, period: row.period, ...(row.segment === undefined ? {} : { segment: row.segment }) };
    return { widget, filters, periodUnit: result.period, by, row: { ...row } };
  }

  protected tableColumns(ctx: RenderContext): readonly TableColumn[] {
    const { locale } = ctx;
    const by = textOption(this.by);
    const segment: TableColumn[] = by ? [{ key: 'segment', header: ta(locale, 'segment'), format: 'text' }] : [];
    const pValue: TableColumn[] = by ? [{ key: 'pValue', header: ta(locale, 'pValue'), format: 'count', digits: 3 }] : [];
    if (this.mode === 'features')
      return [
        { key: 'period', header: ta(locale, 'period'), format: 'period', period: this.period },
        ...segment,
        { key: 'feature', header: ta(locale, 'feature'), format: 'text' },
        { key: 'active', header: ta(locale, 'active'), format: 'count' },
        { key: 'adopters', header: ta(locale, 'adopters'), format: 'count' },
        { key: 'adoption', header: ta(locale, 'adoption'), format: 'percent', digits: 1 },
        ...pValue,
      ];
    return [
      ...segment,
      { key: 'index', header: ta(locale, 'index'), format: 'count' },
      { key: 'step', header: ta(locale, 'step'), format: 'text' },
      { key: 'entered', header: ta(locale, 'entered'), format: 'count' },
      { key: 'conversion', header: ta(locale, 'conversion'), format: 'percent', digits: 1 },
      { key: 'fromPrevious', header: ta(locale, 'fromPrevious'), format: 'percent', digits: 1 },
      { key: 'dropOff', header: ta(locale, 'dropOff'), format: 'count' },
      { key: 'medianTimeToConvertMs', header: ta(locale, 'medianTime'), format: 'duration' },
      ...pValue,
    ];
  }

  protected tableRows(result: AdoptionFunnelResult): readonly TableRow[] {
    return result.mode === 'missing' ? [] : result.rows;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pulso-adoption-funnel': PulsoAdoptionFunnel;
  }
}
