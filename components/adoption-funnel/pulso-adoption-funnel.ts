// <pulso-adoption-funnel> (SPEC §3.5 and §3.6): an onboarding funnel (conversion
// per step with its interval, drop-off, median time to convert, segments side by
// side with differences that are likely real marked) or, with mode="features", the
// adoption of each feature over periods, compared across segments or features.
import { html, nothing } from 'lit';
import type { PropertyValues, TemplateResult } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { AdoptionCompare, AdoptionRow } from '../../src/metrics/adoption.js';
import { checkMinSample, DEFAULT_MIN_SAMPLE } from '../../src/metrics/compare.js';
import type { FunnelOrder, FunnelRow } from '../../src/metrics/funnel.js';
import type { Locale } from '../../src/i18n/messages.js';
import type { Period } from '../../src/time/period.js';
import { PulsoChartElement, listOption, numberOption, textOption } from '../shared/chart-element.js';
import type { MarkInfo, RenderContext, TableSpec } from '../shared/chart-element.js';
import type { Answers, WidgetPlan } from '../shared/data-controller.js';
import type { PulsoSelectDetail } from '../shared/events.js';
import { othersNotice } from '../shared/notices.js';
import type { MarkPosition } from '../shared/marks-nav.js';
import type { SkeletonShape } from '../shared/states.js';
import { eventLabel, segmentLabel, t } from '../shared/strings.js';
import { featuresLayout, featuresLegend, featuresTip, featureView, pointAt, renderFeatures, rowOf } from './features-view.js';
import type { FeatureView } from './features-view.js';
import { funnelBarAt, funnelLegend, funnelTip, renderFunnel } from './funnel-view.js';
import { styles } from './pulso-adoption-funnel.styles.js';
import { ta } from './strings.js';
import { featuresSummary, funnelSummary } from './summary.js';
import { comparisonCount } from './types.js';
import type { AdoptionFunnelMode, AdoptionFunnelResult, FeaturesResult } from './types.js';
import { adoptionTableColumns, adoptionTableRows } from './table.js';

export type { AdoptionFunnelMode, AdoptionFunnelResult } from './types.js';

/** A whole number of milliseconds may come as an attribute string. */
function windowOption(value: string | number | undefined): string | number | undefined {
  if (typeof value === 'number') return value;
  const v = textOption(value);
  return v !== undefined && /^\d+$/.test(v) ? Number(v) : v;
}


/** Segments compared by default: the eight colours of the palette. */
const MAX_SEGMENTS = 8;

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
  /** The range of the first step (funnel) or of the periods (features), half-open (default: the dashboard's). */
  @property() from?: string;
  /** The end of that range, left out (default: the dashboard's). */
  @property() to?: string;
  /** A customer attribute (or activity column) to compare segments by. */
  @property() by?: string;

  protected override segmentColumn(): string | undefined {
    return textOption(this.by);
  }
  /** Segments compared with `by`, “Others” included: those with the fewest events past it are grouped (default 8). */
  @property({ attribute: 'max-segments', type: Number }) maxSegments?: number;
  /** Counts below this are hidden ("< k"); 0 = off (default: the dashboard's). */
  @property({ attribute: 'min-cell-size', type: Number }) minCellSize?: number;
  /** Feature mode: the feature events to follow (comma-separated). */
  @property() features?: string | string[];
  /** Feature mode: day, week, month, quarter, year (default: the dashboard's, else month). */
  @property() period?: Period;
  /** Feature mode: the events that make a customer active (default any). */
  @property({ attribute: 'active-events' }) activeEvents?: string | string[];
  /** Feature mode with `by`: the feature compared across segments (default the first). */
  @property() feature?: string;
  /** Feature mode with `by`: show every feature within this segment instead. */
  @property() segment?: string;
  /**
   * Feature mode: what each point is compared with — `segments` (the other segments,
   * default with `by`), `features` (the first feature, the same customers: default
   * without `by`) or `none`.
   */
  @property() compare?: AdoptionCompare;
  /** Groups with fewer customers than this are not compared: "too few to compare" (default 30). */
  @property({ attribute: 'min-sample', type: Number }) minSample?: number;

  private get periodInForce(): Period {
    return (this.inherited('period', this.period) ?? 'month') as Period;
  }

  /** Segments with `by`, else features (paired, against the first), unless set. */
  private get compareInForce(): AdoptionCompare {
    return (textOption(this.compare) as AdoptionCompare | undefined) ?? (textOption(this.by) ? 'segments' : 'features');
  }

  protected plan(): WidgetPlan {
    if (this.mode !== 'funnel' && this.mode !== 'features') throw new RangeError(`mode must be funnel or features; got '${String(this.mode)}'`);
    const common = {
      from: this.inherited('from', this.from),
      to: this.inherited('to', this.to),
      by: textOption(this.by),
      maxSegments: textOption(this.by) ? (numberOption(this.maxSegments) ?? MAX_SEGMENTS) : undefined,
      minCellSize: this.smallCells(this.minCellSize),
      minSample: checkMinSample(numberOption(this.minSample), 'min-sample'),
      timeZone: this.zone,
    };
    if (this.mode === 'features') {
      const features = listOption(this.features);
      if (!features) return { queries: {} };
      const compare = this.compareInForce;
      const options = { ...common, features, compare, period: this.periodInForce, activeEvents: listOption(this.activeEvents) };
      return { queries: { adoption: { metric: 'featureAdoption', options } } };
    }
    const steps = listOption(this.steps);
    if (!steps) return { queries: {} };
    const options = { ...common, steps, order: textOption(this.order), window: windowOption(this.window) };
    return { queries: { funnel: { metric: 'funnel', options } } };
  }

  protected result(answers: Answers): AdoptionFunnelResult {
    const by = textOption(this.by);
    const k = this.smallCells(this.minCellSize) ?? 0;
    const minSample = numberOption(this.minSample) ?? DEFAULT_MIN_SAMPLE;
    if (this.mode === 'features') {
      const features = listOption(this.features);
      if (!features || !answers.adoption) return { mode: 'missing', what: 'features' };
      const rows = answers.adoption as AdoptionRow[];
      const segments = by ? [...new Set(rows.map((r) => r.segment ?? ''))] : [];
      const compare = this.compareInForce;
      return { mode: 'features', rows, features, segments, period: this.periodInForce, k, compare, minSample, comparisons: comparisonCount(rows) };
    }
    if (!answers.funnel) return { mode: 'missing', what: 'steps' };
    const rows = answers.funnel as FunnelRow[];
    const segments = by ? [...new Set(rows.map((r) => r.segment))] : [undefined];
    return { mode: 'funnel', rows, segments, k, minSample, comparisons: comparisonCount(rows) };
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

  protected override emptyMessage(locale: Locale, filters?: string): string {
    const result = this.data.value?.result;
    if (result?.mode === 'missing') return ta(locale, result.what === 'steps' ? 'noSteps' : 'noFeatures');
    if (filters) return ta(locale, 'emptyFiltered', { filters });
    return ta(locale, this.mode === 'features' ? 'emptyFeatures' : 'empty');
  }

  protected override suppressedLabel(): string {
    return t(this.resolvedLocale, 'suppressed', { k: this.smallCells(this.minCellSize) ?? 0 });
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

  protected override extraNotices(result: AdoptionFunnelResult, ctx: RenderContext): string[] {
    return result.mode === 'missing' ? [] : othersNotice(result.rows, 'segment', ctx.locale);
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
        ${result.features.map((f) => html`<option value=${`f:${f}`} ?selected=${current === `f:${f}`}>${ta(locale, 'viewFeature', { feature: eventLabel(locale, f) })}</option>`)}
        ${result.segments.map((s) => html`<option value=${`s:${s}`} ?selected=${current === `s:${s}`}>${ta(locale, 'viewSegment', { segment: segmentLabel(locale, s) })}</option>`)}
      </select>
    </label>`;
  }

  protected markAt(_mark: Element, pos: MarkPosition, result: AdoptionFunnelResult, ctx: RenderContext): MarkInfo | undefined {
    const by = textOption(this.by);
    const widget = this.localName;
    if (result.mode === 'funnel') {
      const bar = funnelBarAt(result, ctx.width, pos);
      if (!bar) return undefined;
      const row = result.rows.find((r) => r.index === bar.index && r.segment === bar.segment);
      const filters = bar.segment === undefined ? { step: bar.step } : { step: bar.step, segment: bar.segment };
      const select: PulsoSelectDetail | undefined = row && { widget, filters, by, row: { ...row } };
      return { tip: funnelTip(bar, result, ctx), select };
    }
    if (result.mode !== 'features') return undefined;
    const view = this.viewOf(result);
    const hit = pointAt(featuresLayout(result, view, ctx.width, ctx.f), pos);
    if (!hit) return undefined;
    const row = rowOf(result, hit.s, hit.pt.period);
    const filters = row && { feature: row.feature, period: row.period, ...(row.segment === undefined ? {} : { segment: row.segment }) };
    const select: PulsoSelectDetail | undefined = row && filters && { widget, filters, periodUnit: result.period, by, row: { ...row } };
    return { tip: featuresTip(hit.s, hit.pt, view, result, ctx), select };
  }

  protected table(result: AdoptionFunnelResult, ctx: RenderContext): TableSpec {
    if (result.mode === 'missing') return { columns: [], rows: [] };
    return { columns: adoptionTableColumns(result, ctx.locale), rows: adoptionTableRows(result, ctx.f) };
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pulso-adoption-funnel': PulsoAdoptionFunnel;
  }
}
