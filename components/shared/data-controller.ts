// The one way a widget gets its numbers (DESIGN.md §3.4): a thin task (task.ts) over the
// page's coordinator. The widget declares its queries; a change of options, source,
// dashboard filters or cache settings runs them again, the previous run's signal is
// aborted, and only the last run reaches the screen. Options are checked before any
// load, so a typo costs no request.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { isAbortError } from '../../src/adapters/errors.js';
import type { Adapter } from '../../src/adapters/types.js';
import { queryTables } from '../../src/query/run.js';
import { queryKey } from '../../src/query/types.js';
import { validateQuery } from '../../src/query/validate.js';
import { resolveCache } from '../../src/source/cache-policy.js';
import type { CacheSettings, ResolvedCache } from '../../src/source/cache-policy.js';
import { coordinator } from '../../src/source/coordinator.js';
import type { Source } from '../../src/source/source.js';
import { ContextConsumer, pulsoAdapterContext, pulsoDashboardContext } from './context.js';
import type { DashboardContext, DashboardFilter } from './context.js';
import { asError, optionError } from './data-helpers.js';
import { runPlan, withFilters } from './run-plan.js';
import type { RanPlan } from './run-plan.js';
import type { Answers, DataRenderers, DataStatus, DataValue, InitialReason, PulsoDataErrorDetail, WidgetPlan } from './data-types.js';
import { SourceName } from './source-name.js';
import { SourceWatch } from './source-watch.js';
import { initialState, Task } from './task.js';

export type { Answers, DataRenderers, DataStatus, DataValue, InitialReason, PulsoDataErrorDetail, PulsoDataErrorEvent, Queries, WidgetPlan } from './data-types.js';

type Host = ReactiveControllerHost & HTMLElement;

export interface DataControllerOptions<R> {
  /** The element's own `adapter` property; overrides `source` and the dashboard. */
  adapter: () => Adapter | undefined;
  /** The `source` attribute: a registered adapter name or a JSON base URL. */
  source: () => string | undefined;
  /** The element's own `cache` and `cache-scope` (the dashboard's fill in what is missing). */
  cache: () => CacheSettings;
  /** The widget's queries from its options; throws a RangeError or TypeError on a bad option. */
  plan: () => WidgetPlan;
  /** The widget's result from the rows its queries answered. */
  result: (answers: Answers) => R;
  /**
   * Options that change only how the answers become the result (a KPI card's polarity,
   * say): a change makes the result again from the same answers, with no query run.
   */
  view?: () => readonly unknown[];
  /** Told when the dashboard or provider shares something new (every widget under it hears it at once). */
  onShared?: () => void;
}

/** The plan as of the last update: its key (part of the task's arguments) or the option error. */
interface Planned {
  key: string;
  plan?: WidgetPlan;
  error?: Error;
}

export class PulsoDataController<R> implements ReactiveController {
  readonly #host: Host;
  readonly #options: DataControllerOptions<R>;
  readonly #task: Task<DataValue<R>>;
  readonly #context: ContextConsumer<Adapter | undefined>;
  readonly #dashboard: ContextConsumer<DashboardContext | undefined>;
  readonly #watch: SourceWatch;
  /** Ours, beside Task's: Task has no hook for the host leaving the page. */
  #running?: AbortController;
  #interrupted = false;
  /** The `source` attribute, waited for when it names an adapter not registered yet. */
  readonly #sourceName = new SourceName(() => void this.#task.run());
  #initialReason: InitialReason = 'no-source';
  #planned: Planned = { key: '' };
  /** The last run: its arguments (the view's left out) and what it answered, for a change of view alone. */
  #lastRun?: { args: readonly unknown[]; ran: RanPlan; source: Source };
  /** Grows with every run asked for again (retry, new data): part of the task's arguments. */
  #reloads = 0;

  constructor(host: Host, options: DataControllerOptions<R>) {
    this.#host = host;
    this.#options = options;
    const onValue = (): void => options.onShared?.();
    this.#context = new ContextConsumer(host, pulsoAdapterContext, onValue);
    this.#dashboard = new ContextConsumer(host, pulsoDashboardContext, onValue);
    this.#task = new Task<DataValue<R>>(host, {
      task: (args, { signal }) => this.#perform(args, signal),
      args: () => this.#args(),
      onError: (e) => this.#fail(e),
    });
    this.#watch = new SourceWatch(host, () => void this.retry());
    host.addController(this);
  }

  /** Where the data shown came from, when through a cache (undefined otherwise or before a load). */
  get meta(): DataValue<R>['meta'] {
    return this.#watch.meta;
  }

  get status(): DataStatus {
    return this.#task.status;
  }

  /** The last complete value (kept while a new load is pending, for a stale view). */
  get value(): DataValue<R> | undefined {
    return this.#task.value;
  }

  get error(): Error | undefined {
    return this.#task.status === 'error' ? asError(this.#task.error) : undefined;
  }

  /** Why the status is 'initial' ('no-source': the widget says "no data source"). */
  get reason(): InitialReason | undefined {
    return this.#task.status === 'initial' ? this.#initialReason : undefined;
  }

  /** Resolves when the current run settles (rejects on error); see task.ts. */
  get taskComplete(): Promise<DataValue<R>> {
    return this.#task.taskComplete;
  }

  /** How many times the queries were asked for again (a retry, new data): a widget's "now" moves with it. */
  get runs(): number {
    return this.#reloads;
  }

  /** The cache settings in force: the widget's own over its dashboard's. */
  get cacheSettings(): ResolvedCache {
    return resolveCache(this.#options.cache(), this.#dashboard.value?.cache);
  }

  /** The enclosing dashboard's context, read at use time. */
  get dashboardContext(): DashboardContext | undefined {
    return this.#dashboard.value;
  }

  /** Runs the queries again. */
  retry(): Promise<void> {
    this.#reloads += 1;
    return this.#task.run();
  }

  render(renderers: DataRenderers<R>): unknown {
    switch (this.#task.status) {
      case 'initial':
        return renderers.initial?.(this.#initialReason);
      case 'pending':
        return renderers.pending?.();
      case 'complete':
        return renderers.complete?.(this.#task.value as DataValue<R>);
      default:
        return renderers.error?.(asError(this.#task.error));
    }
  }

  hostConnected(): void {
    // The worker's script loads while the page gets its data, not after (src/source/coordinator.ts).
    coordinator.warm();
    // Back on the page: the dashboard counts this widget again.
    this.#reportReach();
    // A run cut short by leaving the page resumes when the element comes back.
    if (this.#interrupted) {
      this.#interrupted = false;
      void this.#task.run();
    }
  }

  hostDisconnected(): void {
    this.#dashboard.value?.reached?.(this.#host, undefined);
    this.#sourceName.cancel();
    if (this.#running && !this.#running.signal.aborted) {
      this.#interrupted = true;
      this.#running.abort(new DOMException('The element left the page', 'AbortError'));
    }
  }

  /** The dashboard filters for this widget: all but the cross-filter it fired itself. */
  #filters(): DashboardFilter[] {
    return (this.#dashboard.value?.filters ?? []).filter((f) => f.source !== this.#host);
  }

  #args(): unknown[] {
    this.#planned = this.#plan();
    const own = this.#options.cache();
    const inherited = this.#dashboard.value?.cache;
    const run = [
      this.#options.adapter(),
      this.#options.source()?.trim() || undefined,
      this.#context.value,
      JSON.stringify([own.mode ?? null, own.scope ?? null, own.worker ?? null, inherited?.mode ?? null, inherited?.scope ?? null, inherited?.worker ?? null]),
      this.#planned.key,
      this.#filters().map((f) => `${f.id}:${JSON.stringify(f.filters)}`).join('|'),
      coordinator.generation,
      this.#reloads,
    ];
    // Last, and apart: a change of view alone makes the result again from the same answers.
    return [...run, JSON.stringify(this.#options.view?.() ?? [])];
  }

  /** The widget's plan and its key, or the option error that stops it before any load. */
  #plan(): Planned {
    try {
      const plan = this.#options.plan();
      return { key: Object.values(plan.queries).map((q) => queryKey(q)).join('|'), plan };
    } catch (e) {
      const error = optionError(e);
      return { key: `error:${error.message}`, error };
    }
  }

  /** The adapter a dashboard (or other provider) gives, if any. */
  get dashboardAdapter(): Adapter | undefined {
    return this.#context.value;
  }

  /** The adapter in force: the element's, its `source`, then the dashboard's; undefined while waiting. */
  #adapter(): Adapter | undefined {
    const own = this.#options.adapter();
    const named = own ? undefined : this.#sourceName.resolve(this.#options.source());
    if (named === 'waiting') {
      this.#initialReason = 'unregistered';
      return undefined;
    }
    const adapter = own ?? named ?? (this.#options.source()?.trim() ? undefined : this.#context.value);
    if (!adapter) this.#initialReason = 'no-source';
    return adapter;
  }

  async #perform(args: readonly unknown[], taskSignal: AbortSignal): Promise<DataValue<R> | typeof initialState> {
    const plan = this.#checkedPlan();
    // A run asked for after the element left the page waits for it to come back.
    if (!this.#host.isConnected) {
      this.#interrupted = true;
      this.#initialReason = 'disconnected';
      return initialState;
    }
    const adapter = this.#adapter();
    if (!adapter) return initialState;
    const running = new AbortController();
    this.#running = running;
    const signal = AbortSignal.any([taskSignal, running.signal]);
    try {
      const own = this.#options.cache();
      const inherited = this.#dashboard.value?.cache;
      const problem = coordinator.settingProblem(own, inherited);
      if (problem) this.#watch.tell(problem);
      const source = coordinator.source(adapter, own, inherited);
      const filters = this.#filters();
      const runArgs = args.slice(0, -1);
      const last = this.#lastRun;
      const same = last?.source === source && last.args.length === runArgs.length && last.args.every((a, i) => a === runArgs[i]);
      if (!same) this.#watch.follow(source, Object.values(plan.queries).flatMap((q) => queryTables(withFilters(q, filters))));
      const ran = same ? last.ran : await runPlan(plan, source, filters, signal);
      signal.throwIfAborted();
      this.#lastRun = { args: runArgs, ran, source };
      let result: R;
      try {
        result = this.#options.result(ran.answers);
      } catch (e) {
        throw optionError(e);
      }
      this.#watch.served(ran.meta, ran.tables);
      this.#reportReach();
      return { result, report: ran.report, meta: ran.meta, filters: ran.filters };
    } catch (e) {
      // A newer run (Task ignores this one) or the element leaving: not an error.
      if (signal.aborted) {
        if (running.signal.aborted) this.#initialReason = 'disconnected';
        return initialState;
      }
      // As the coordinator gave it: an option it refused (with the data), or a failed load.
      throw asError(e);
    } finally {
      if (this.#running === running) this.#running = undefined;
    }
  }

  /** The plan, its queries validated: a bad option throws here, before any load. */
  #checkedPlan(): WidgetPlan {
    const { plan, error } = this.#planned;
    if (error) throw error;
    try {
      for (const q of Object.values(plan!.queries)) validateQuery(q);
    } catch (e) {
      throw optionError(e);
    }
    return plan!;
  }

  /** Tells the dashboard which of its filters reached this widget's data (the chips count it). */
  #reportReach(): void {
    const ran = this.#lastRun?.ran;
    if (ran && this.#host.isConnected) this.#dashboard.value?.reached?.(this.#host, new Map(ran.filters.map((f) => [f.filter.id, f.reached])));
  }

  #fail(e: unknown): void {
    if (isAbortError(e)) return;
    this.#host.dispatchEvent(
      new CustomEvent<PulsoDataErrorDetail>('pulso-data-error', { bubbles: true, composed: true, detail: { error: asError(e) } }),
    );
  }
}
