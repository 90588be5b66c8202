// What a chart widget takes in: its public options and their resolution against the
// dashboard's, the data controller that runs its queries, its locale's words, its theme,
// and when it renders. Apart from chart-element.ts because none of it draws: the layers
// that do (marks, exports, the frame by state) build on what this one resolves.
import { LitElement } from 'lit';
import type { PropertyValues, TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { Adapter } from '../../src/adapters/types.js';
import type { Locale } from '../../src/i18n/messages.js';
import type { ChartView } from './chart-frame.js';
import type { DashboardDefaults } from './context.js';
import { PulsoDataController } from './data-controller.js';
import type { Answers, WidgetPlan } from './data-controller.js';
import { localeLoading, onWords, wordsState } from './catalogs.js';
import { elementLocale } from './locale.js';
import type { MarkPosition } from './marks-nav.js';
import { ResizeController } from './resize-controller.js';
import { renderContext } from './render-context.js';
import type { RenderContext } from './render-context.js';
import type { SkeletonShape } from './states.js';
import type { TableColumn, TableRow } from './table-view.js';
import { ThemeController } from './theme-controller.js';
import { nextTask } from '../../src/source/tasks.js';
import { warmUp } from './warm-up.js';
import type { TooltipLine } from './tooltip.js';
import type { PulsoSelectDetail } from './events.js';
import { numberOption, textOption } from './options.js';
import { labelsConverter, onLabelsChange, withNaming } from './labels.js';
import type { Labels, Naming } from './labels.js';

/** What a mark's tooltip says. */
export interface TipContent {
  title: string;
  lines: TooltipLine[];
}

/** What a mark stands for: its tooltip, and what choosing it selects (nothing to filter by: undefined). */
export interface MarkInfo {
  tip?: TipContent;
  select?: PulsoSelectDetail;
}

/** The table view (and CSV export) of a result: its columns and rows. */
export interface TableSpec {
  columns: readonly TableColumn[];
  rows: readonly TableRow[];
}

/** The options, data and locale of every chart widget; PulsoChartElement (chart-element.ts) is the one to extend. */
export abstract class PulsoChartBase<R> extends LitElement {
  // Only a result is laid out by the width (states and skeletons are not): see ResizeController.
  protected readonly resize = new ResizeController(this, () => this.data.value !== undefined);

  protected readonly data = new PulsoDataController<R>(this, {
    adapter: () => this.adapter,
    source: () => this.source,
    cache: () => ({ mode: this.cache, scope: this.cacheScope, worker: this.worker }),
    plan: () => this.plan(),
    result: (answers) => this.result(answers),
    view: () => this.resultOptions(),
    onShared: () => void (this.apart = true),
  });

  /** The next render goes in a task of its own (see scheduleUpdate): something reached every widget at once. */
  private apart = true;

  readonly #themes = new ThemeController(this);

  /** The data source as an object; wins over `source` and the dashboard. */
  @property({ attribute: false }) adapter?: Adapter;
  /** A registered adapter name or the base URL of a JSON API. */
  @property() source?: string;
  /** `pt-BR`, `en` or `es`; else the dashboard's, else the nearest `lang`, else the browser's language. */
  @property() locale?: string;
  /** `light` or `dark`; else the dashboard's; by default the page's `prefers-color-scheme`. */
  @property({ reflect: true }) theme?: string;
  /** The chart title; each widget has a translated default. */
  @property() heading?: string;
  /** IANA time zone of period boundaries and dates (default: the dashboard's, else UTC). */
  @property({ attribute: 'time-zone' }) timeZone?: string;
  /**
   * `persistent` (IndexedDB), `memory` or `off`; else the dashboard's. Default:
   * persistent with a `cache-scope`, memory without (persistent needs a scope).
   */
  @property() cache?: string;
  /** The signed-in user or tenant id: cached tables of one scope are never read under another. */
  @property({ attribute: 'cache-scope' }) cacheScope?: string;
  /** `off`: load and compute on the main thread (in short tasks), not in Pulso's worker; `auto`: in the worker where it can. Else the dashboard's, else the page's. */
  @property() worker?: string;
  /**
   * Names for codes, `{ column: { value: name } }` (SPEC §4): a property, or JSON in the
   * attribute. Wins over the dashboard's, `registerLabels` and the built-in names.
   */
  @property({ converter: labelsConverter }) labels?: Labels;
  /** The heading level of the title (1–6, default 3), to fit the page's outline. */
  @property({ attribute: 'heading-level', type: Number }) headingLevel?: number;
  /**
   * CSV values: `rounded` (default: durations in hours, rates in % with 1 decimal, units in
   * the headers) or `raw` (as computed: durations in ms, rates as fractions 0–1).
   */
  @property({ attribute: 'export-precision' }) exportPrecision?: string;
  /**
   * How a CSV names its range, filters and source: `columns` (default: three columns on
   * every row, safe for Excel and tools that read the first row as the header), `comment`
   * (a first line `# …` above the header) or `none`.
   */
  @property({ attribute: 'export-metadata' }) exportMetadata?: string;
  /** The data source's name in an export's source line (default: the adapter's id or the source's host). */
  @property({ attribute: 'source-label' }) sourceLabel?: string;

  /** The chart or its table; here, as exports switch to the chart to draw it. */
  @state() protected view: ChartView = 'chart';

  /** Resolved in willUpdate. */
  protected resolvedLocale: Locale = 'en';

  /** The widget's queries, from its options (own, else the dashboard's); throws on a bad option. */
  protected abstract plan(): WidgetPlan;
  /** The widget's result from the rows its queries answered. */
  protected abstract result(answers: Answers): R;
  protected abstract defaultHeading(locale: Locale): string;
  protected abstract skeleton(): SkeletonShape;
  protected abstract isEmpty(result: R): boolean;
  protected abstract summary(result: R, ctx: RenderContext): string;
  protected abstract renderChart(result: R, ctx: RenderContext): TemplateResult;
  /** The table view of `result` (the data shown, which may predate a change of options still loading). */
  protected abstract table(result: R, ctx: RenderContext): TableSpec;
  /** The mark at `pos`: its tooltip and what choosing it selects; undefined for none. */
  protected abstract markAt(mark: Element, pos: MarkPosition, result: R, ctx: RenderContext): MarkInfo | undefined;

  /** The column the widget's segments come from (its `by`), so they are named by that column's labels. */
  protected segmentColumn(): string | undefined {
    return undefined;
  }

  /** The names in force: the widget's labels, its dashboard's, and its segment column. */
  protected get naming(): Naming {
    return { levels: [this.labels, this.data.dashboardContext?.labels], column: this.segmentColumn() };
  }

  /** `fn` with the widget's names in force (labels.ts): every name drawn or exported inside it is resolved. */
  protected named<T>(fn: () => T): T {
    return withNaming(this.naming, fn);
  }

  #stopLabels?: () => void;
  #stopWords?: () => void;

  override connectedCallback(): void {
    super.connectedCallback();
    this.#stopLabels = onLabelsChange(() => ((this.apart = true), this.requestUpdate()));
    this.#stopWords = onWords(() => ((this.apart = true), this.requestUpdate()));
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#stopLabels?.();
    this.#stopWords?.();
  }

  /** The locale the widget speaks (its own, else the dashboard's, else the page's). */
  protected localeNow(): Locale {
    return elementLocale(this, this.inherited('locale', this.locale));
  }

  /**
   * Each widget's render in a task of its own when what starts it reaches every widget of a
   * dashboard at once, which rendered them all in one task: joining the page (53–64 ms at 1M
   * events, bench/RESULTS.md "Responsive at 1M"), a cross-filter's or range's dimmed redraw,
   * the locale's words or new labels arriving ("Long tasks at 1M (h14task)"). Requests made
   * meanwhile are one render; `updateComplete` waits. Other renders keep Lit's timing.
   */
  protected override async scheduleUpdate(): Promise<void> {
    // Its locale's words (catalogs.ts) asked for now: until they come it shows its skeleton,
    // then renders again in them (or in English, or says they failed).
    void localeLoading(this.localeNow())?.then(() => this.requestUpdate());
    warmUp(this.localeNow());
    if (this.apart) {
      this.apart = false;
      await nextTask();
    }
    super.scheduleUpdate();
  }

  /** Options that only change how the answers become the result: a change makes it again, with no query run. */
  protected resultOptions(): readonly unknown[] {
    return [];
  }

  /** An option of the widget's own, else the dashboard's, else undefined (read at use time). */
  protected inherited(name: Exclude<keyof DashboardDefaults, 'minCellSize'>, own: string | undefined): string | undefined {
    return textOption(own) ?? textOption(this.data.dashboardContext?.defaults[name]);
  }

  /** The small-cell threshold in force: the widget's own `min-cell-size`, else the dashboard's. */
  protected smallCells(own: number | undefined): number | undefined {
    return numberOption(own) ?? numberOption(this.data.dashboardContext?.defaults.minCellSize);
  }

  /** The time zone in force: the widget's, else the dashboard's. */
  protected get zone(): string | undefined {
    return this.inherited('timeZone', this.timeZone);
  }

  protected override willUpdate(_changed: PropertyValues<this>): void {
    // A locale switched at run time takes effect once its words are in: until then the
    // widget keeps the words it has (rather than its skeleton).
    const wanted = this.localeNow();
    if (!this.hasUpdated || wordsState(wanted) !== 'loading' || wordsState(this.resolvedLocale) !== 'ready') this.resolvedLocale = wanted;
    this.#themes.apply(this.inherited('theme', this.theme));
  }

  protected get context(): RenderContext {
    return renderContext(this.resolvedLocale, this.zone, this.resize.width);
  }

  /** The title: the widget's `heading`, else its translated default. */
  protected title_(locale: Locale): string {
    return textOption(this.heading) ?? this.defaultHeading(locale);
  }
}
