// What a <pulso-dashboard> tells the widgets inside through context: its defaults (range,
// period, locale, theme, time zone, small cells), the filters standing (segment and
// cross-filter), its cache settings and labels; and what the widgets tell back, which
// filters reached their data, for the chips' counts. Apart from pulso-dashboard.ts
// because it turns the dashboard's settings into one value, set only when it changed so
// the widgets re-run only then.
import { checkPeriod } from '../../src/time/period.js';
import { ContextProvider, pulsoDashboardContext } from '../shared/context.js';
import type { DashboardContext, DashboardFilter } from '../shared/context.js';
import { textOption } from '../shared/options.js';
import type { Locale } from '../../src/i18n/messages.js';
import type { Chip } from './filter-bar.js';
import { chipsOf, dashboardFilters } from './filters.js';
import type { PulsoDashboard } from './pulso-dashboard.js';
import { ReachBoard } from './reach-board.js';

export class ContextShare {
  readonly #host: PulsoDashboard;
  readonly #dashboardProvider: ContextProvider<DashboardContext | undefined>;
  #contextKey = '';
  /** The filters shared now, and which of them reached each widget. */
  #filters: DashboardFilter[] = [];
  readonly #reach = new ReachBoard();
  /** Why the dashboard's own settings cannot be followed (a bad period, say). */
  #settingError?: string;
  /** The widget the cross-filter came from (left out of it); undefined until found by id when read from the URL. */
  crossSource?: Element;

  constructor(host: PulsoDashboard) {
    this.#host = host;
    this.#dashboardProvider = new ContextProvider(host, pulsoDashboardContext);
  }

  /** The filters shared now. */
  get filters(): readonly DashboardFilter[] {
    return this.#filters;
  }

  /** Why the dashboard's own settings cannot be followed, if they cannot. */
  get settingError(): string | undefined {
    return this.#settingError;
  }

  /** Sets the context only when what it says changed, so widgets re-run only then. */
  share(): void {
    const host = this.#host;
    // A cross-filter read from the URL names its widget by id; the widget may be added after the dashboard.
    if (!this.crossSource && host.cross?.source)
      this.crossSource = host.querySelector(`#${CSS.escape(host.cross.source)}`) ?? undefined;
    const defaults = {
      from: textOption(host.from),
      to: textOption(host.to),
      period: textOption(host.period),
      locale: textOption(host.locale),
      theme: textOption(host.theme),
      timeZone: textOption(host.timeZone),
      minCellSize: host.minCellSize ?? undefined,
    };
    this.#settingError = undefined;
    try {
      if (defaults.period) checkPeriod(defaults.period);
      this.#filters = dashboardFilters(host.state, this.crossSource, defaults.timeZone);
    } catch (e) {
      this.#settingError = e instanceof Error ? e.message : String(e);
      this.#filters = [];
    }
    const cache = { mode: textOption(host.cache), scope: textOption(host.cacheScope), worker: textOption(host.worker) };
    // Whether the cross-filter's widget is found is part of the key: once found, it is left out of its own filter.
    const key = JSON.stringify([defaults, this.#filters.map((f) => [f.id, f.filters]), host.cross?.source ?? null, !!this.crossSource, cache, host.allowRowLevel, host.labels ?? null]);
    if (key === this.#contextKey && this.#dashboardProvider.value) return;
    this.#contextKey = key;
    const value: DashboardContext = {
      filters: this.#filters,
      defaults,
      notices: true,
      allowRowLevel: host.allowRowLevel,
      cache,
      reached: (widget, reached) => this.#reached(widget, reached),
      labels: host.labels,
    };
    this.#dashboardProvider.setValue(value);
  }

  /** A widget said which filters reached its data: the chips count it. */
  #reached(widget: Element, reached: ReadonlyMap<string, boolean> | undefined): void {
    this.#reach.set(widget, reached);
    if (this.#host.isConnected) this.#host.requestUpdate();
  }

  /** The chips of the filters shared now, each with how many widgets it reaches. */
  chips(locale: Locale, remove: { segment: () => void; cross: () => void }): Chip[] {
    return chipsOf(this.#filters, locale, (ids) => this.#reach.count(ids, this.#filters), remove);
  }
}
