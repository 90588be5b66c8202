// <pulso-dashboard>: the widgets inside share one data source and one load per table
// (source-share.ts), the range, period, locale and theme, a segment filter, and
// cross-filtering (context-share.ts): a click on a cohort, channel or step in one widget
// filters the others, shown as a chip that clears it. The filters can live in the URL.
import { LitElement, html, nothing } from 'lit';
import type { PropertyValues, TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Adapter } from '../../src/adapters/types.js';
import type { Locale } from '../../src/i18n/messages.js';
import { coordinator } from '../../src/source/coordinator.js';
import type { PulsoSelectEvent } from '../shared/events.js';
import { localeLoading, onWords, wordsState } from '../shared/catalogs.js';
import { elementLocale } from '../shared/locale.js';
import { warmUp } from '../shared/warm-up.js';
import { renderNotices } from '../shared/states.js';
import { t } from '../shared/strings.js';
import { listOption, textOption } from '../shared/chart-element.js';
import { labelsConverter, onLabelsChange, withNaming } from '../shared/labels.js';
import type { Labels } from '../shared/labels.js';
import { renderFilterBar } from './filter-bar.js';
import type { Chip, DateName } from './filter-bar.js';
import { sameSelection } from './filters.js';
import { ContextShare } from './context-share.js';
import { styles } from './pulso-dashboard.styles.js';
import { td } from './strings.js';
import { SourceShare } from './source-share.js';
import { mergeState, readState, stateOf, writeStateToUrl } from './url-state.js';
import type { CrossSelection, DashboardState } from './url-state.js';

export interface PulsoFilterChangeDetail {
  state: DashboardState;
}
export type PulsoFilterChangeEvent = CustomEvent<PulsoFilterChangeDetail>;

declare global {
  interface GlobalEventHandlersEventMap {
    'pulso-filter-change': PulsoFilterChangeEvent;
  }
}

/**
 * A dashboard of Pulso widgets sharing data, filters and cross-filtering.
 *
 * @slot - The widgets (any element; `wide` on a child makes it span the row).
 * @fires pulso-filter-change - The range, period, segment or cross-filter changed; `detail.state` holds them.
 * @fires pulso-cache-problem - Its own `cache` and `cache-scope` cannot be followed (told once per page); `detail` has `code` and `message`.
 * @csspart filters - The filter bar.
 * @csspart chips - The active filters, each with a button to remove it.
 * @csspart grid - The grid the widgets are laid out in.
 * @cssprop --pulso-dashboard-column - The narrowest a grid column gets (default 420px).
 * @cssprop --pulso-dashboard-gap - Space between widgets (default 1rem).
 */
@customElement('pulso-dashboard')
export class PulsoDashboard extends LitElement {
  static override styles = styles;

  /** The adapter, source and segment values shared with the widgets (source-share.ts). */
  readonly #source = new SourceShare(this, (values) => (this.segmentValues = values));
  /** The defaults and filters shared with the widgets, and which filters reach them (context-share.ts). */
  readonly #context = new ContextShare(this);

  /** The data source of every widget inside (a widget's own adapter or source still wins). */
  @property({ attribute: false }) adapter?: Adapter;
  /** A registered adapter name or the base URL of a JSON API. */
  @property() source?: string;
  /** `pt-BR`, `en` or `es` for the filter bar and every widget without its own `locale`. */
  @property() locale?: string;
  /** `light` or `dark` for the filter bar and every widget without its own `theme`. */
  @property({ reflect: true }) theme?: string;
  /** The date range of every widget without its own `from`/`to`. */
  @property() from?: string;
  /** The end of the range (left out), for widgets without their own `to`. */
  @property() to?: string;
  /** day, week, month, quarter or year, for widgets without their own `period`. */
  @property() period?: string;
  /** IANA time zone of periods and dates, for widgets without their own `time-zone`. */
  @property({ attribute: 'time-zone' }) timeZone?: string;
  /** A customer attribute to filter by, and its value. */
  @property({ attribute: 'segment-by' }) segmentBy?: string;
  /** The value of `segment-by` to keep (every widget shows only those customers' data). */
  @property() segment?: string;
  /** The attributes offered in the "segment by" list, comma-separated (e.g. `plan,region`). */
  @property({ attribute: 'segment-options' }) segmentOptions?: string;
  /** Keep the filters in the page URL (under `url-key`, default `pulso`) so a view can be shared. */
  @property({ attribute: 'sync-url', type: Boolean }) syncUrl = false;
  /** The prefix of the URL parameters (`pulso.from`, `pulso.x.cohort`…). */
  @property({ attribute: 'url-key' }) urlKey = 'pulso';
  /** The current cross-filter (from a click in a widget). */
  @property({ attribute: false }) cross?: CrossSelection;
  /**
   * `persistent` (IndexedDB), `memory` or `off` for every widget inside and the shared
   * loads. Default: persistent with a `cache-scope`, memory without.
   */
  @property() cache?: string;
  /** The signed-in user or tenant id: cached tables of one scope are never read under another. */
  @property({ attribute: 'cache-scope' }) cacheScope?: string;
  /**
   * `off`: every widget inside loads and computes on the main thread (in short tasks)
   * rather than in Pulso's worker; `auto`: in the worker where it can. Default: the page's
   * (`configureCache({ worker })`, itself `auto` by default).
   */
  @property() worker?: string;
  /** The small-cell threshold k of every widget without its own `min-cell-size` (11 is common in healthcare). */
  @property({ attribute: 'min-cell-size', type: Number }) minCellSize?: number;
  /**
   * Allow row-level lists (people, not counts: `<pulso-at-risk>`) inside a dashboard that
   * hides small cells; without it they draw nothing there, whatever their own setting.
   */
  @property({ attribute: 'allow-row-level', type: Boolean }) allowRowLevel = false;
  /**
   * Names for codes, `{ column: { value: name } }` (SPEC §4), for the filter bar, the chips
   * and every widget inside without a label of its own for that value.
   */
  @property({ converter: labelsConverter }) labels?: Labels;

  @state() private segmentValues: string[] = [];
  @state() private announcement = '';
  /** Date fields holding text that is not a date (their message shows until a real date is typed). */
  @state() private badDates: Partial<Record<DateName, boolean>> = {};

  #stopLabels?: () => void;
  #stopWords?: () => void;

  override connectedCallback(): void {
    super.connectedCallback();
    // The worker's script loads while the page gets its data, not after (src/source/coordinator.ts).
    coordinator.warm();
    if (this.hasUpdated) this.requestUpdate();
    if (this.syncUrl && typeof location !== 'undefined') this.#applyState(readState(new URLSearchParams(location.search), this.urlKey));
    this.addEventListener('pulso-select', this.#onSelect);
    this.#stopLabels = onLabelsChange(() => this.requestUpdate());
    this.#stopWords = onWords(() => this.requestUpdate());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#source.disconnect();
    this.removeEventListener('pulso-select', this.#onSelect);
    this.#stopLabels?.();
    this.#stopWords?.();
  }

  /** The filters as they stand (what the URL holds). */
  get state(): DashboardState {
    return stateOf(this);
  }

  #applyState(s: DashboardState): void {
    Object.assign(this, mergeState(this, s));
    if (s.cross) this.#context.crossSource = undefined; // found by id when the context is shared
  }

  /**
   * Its locale's words (shared/catalogs.ts) asked for at once: until they come the filter
   * bar waits (the widgets show their skeletons), then it renders in them.
   */
  protected override scheduleUpdate(): void | Promise<unknown> {
    void localeLoading(this.#uiLocale)?.then(() => this.requestUpdate());
    warmUp(this.#uiLocale);
    return super.scheduleUpdate();
  }

  /** Settles once the filter bar is drawn in its words (or their failure is). */
  protected override async getUpdateComplete(): Promise<boolean> {
    let done = await super.getUpdateComplete();
    for (let words = localeLoading(this.#uiLocale); words; words = localeLoading(this.#uiLocale)) {
      await words;
      done = await super.getUpdateComplete();
    }
    return done;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Off the page (a widget leaving after it, say) it shares nothing and opens no source.
    if (!this.isConnected) return;
    this.#source.update();
    this.#context.share();
    this.#source.loadSegmentValues();
    const watched = ['from', 'to', 'period', 'segmentBy', 'segment', 'cross'] as const;
    if (watched.some((k) => changed.has(k)) && this.hasUpdated) this.#stateChanged();
  }

  #stateChanged(): void {
    const state = this.state;
    if (this.syncUrl) writeStateToUrl(this.urlKey, state);
    this.dispatchEvent(new CustomEvent<PulsoFilterChangeDetail>('pulso-filter-change', { bubbles: true, composed: true, detail: { state } }));
  }

  readonly #onSelect = (e: PulsoSelectEvent): void => {
    const widget = e.target instanceof Element ? e.target : undefined;
    if (!widget || widget === this) return;
    const next: CrossSelection = {
      filters: { ...e.detail.filters },
      periodUnit: e.detail.periodUnit,
      by: e.detail.by,
      source: widget.id || undefined,
      ...(e.detail.cohortBy === 'first-activity' ? { cohortBy: 'first-activity' as const } : {}),
    };
    if (sameSelection(this.cross, next)) {
      this.#clearCross();
      return;
    }
    this.#context.crossSource = widget;
    this.cross = next;
    this.#announce();
  };

  #clearCross(): void {
    this.cross = undefined;
    this.#context.crossSource = undefined;
    this.#announce();
  }

  #clearAll(): void {
    this.segment = undefined;
    this.segmentBy = undefined;
    this.#clearCross();
  }

  /** Reloads every table from the source: the widgets on it load again. */
  refresh(): void {
    this.#source.refresh();
    this.requestUpdate();
  }

  get #uiLocale(): Locale {
    return elementLocale(this, this.locale);
  }

  #chips(locale: Locale): Chip[] {
    return this.#context.chips(locale, {
      segment: () => (this.segment = undefined),
      cross: () => this.#clearCross(),
    });
  }

  #announce(): void {
    // The chips are those of the filters about to be shared: work them out now.
    this.#context.share();
    const locale = this.#uiLocale;
    const labels = withNaming({ levels: [this.labels] }, () => this.#context.filters.map((f) => f.describe(locale)));
    this.announcement = labels.length ? td(locale, 'announce', { list: labels.join('; ') }) : td(locale, 'announceNone');
  }

  protected override render(): TemplateResult {
    return withNaming({ levels: [this.labels] }, () => this.#renderNamed());
  }

  /** The filter bar's place while its words load (nothing yet) or when none came (saying so). */
  #renderWithoutWords(locale: Locale): TemplateResult {
    const failed = wordsState(locale) === 'failed';
    return html`${failed ? html`<p class="setting-error" role="alert">${t(locale, 'wordsFailed')}</p>` : nothing}
      <div part="grid" class="grid"><slot></slot></div>`;
  }

  /** The locale the filter bar was last drawn in: kept while a locale switched at run time loads. */
  #spoken?: Locale;

  #renderNamed(): TemplateResult {
    let locale = this.#uiLocale;
    if (wordsState(locale) === 'loading' && this.#spoken && wordsState(this.#spoken) === 'ready') locale = this.#spoken;
    if (wordsState(locale) !== 'ready') return this.#renderWithoutWords(locale);
    this.#spoken = locale;
    return html`${renderFilterBar({
        locale,
        from: textOption(this.from),
        to: textOption(this.to),
        period: textOption(this.period),
        segmentBy: textOption(this.segmentBy),
        segment: this.segment,
        segmentOptions: listOption(this.segmentOptions) ?? [],
        segmentValues: this.segmentValues,
        chips: this.#chips(locale),
        hasCross: this.cross !== undefined,
        onChange: (patch) => Object.assign(this, patch),
        badDates: this.badDates,
        onDate: (field, patch) => {
          this.badDates = { ...this.badDates, [field]: false };
          Object.assign(this, patch);
        },
        onBadDate: (field) => {
          this.badDates = { ...this.badDates, [field]: true };
        },
        onClear: () => this.#clearAll(),
        onRefresh: () => this.refresh(),
      })}
      ${this.#context.settingError
        ? html`<p class="setting-error" role="alert">${td(locale, 'badSetting')} <span class="detail">${this.#context.settingError}</span></p>`
        : nothing}
      ${this.#source.shared ? renderNotices(this.#source.shared.report(), locale) : nothing}
      <p class="visually-hidden" role="status" aria-live="polite">${this.announcement}</p>
      <div part="grid" class="grid"><slot></slot></div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pulso-dashboard': PulsoDashboard;
  }
}
