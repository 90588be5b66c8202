// The data a <pulso-dashboard> shares with the widgets inside: its adapter (its own, or the
// one `source` names once registered) as context, the source they load from under its
// cache settings, heard so the notices of its tables are said once, and the values of
// the segment attribute for the filter bar's list. Apart from pulso-dashboard.ts because
// it is about loading, not filtering: the dashboard calls it at each update and reads it.
import type { Adapter } from '../../src/adapters/types.js';
import { coordinator } from '../../src/source/coordinator.js';
import type { Source } from '../../src/source/source.js';
import { ContextProvider, pulsoAdapterContext } from '../shared/context.js';
import { SourceName } from '../shared/source-name.js';
import { textOption } from '../shared/options.js';
import type { PulsoDashboard } from './pulso-dashboard.js';
import { segmentValues } from './segment-values.js';

export class SourceShare {
  readonly #host: PulsoDashboard;
  readonly #adapterProvider: ContextProvider<Adapter | undefined>;
  /** Where the segment attribute's values go (the filter bar's list). */
  readonly #onValues: (values: string[]) => void;
  /** The `source` attribute, waited for when it names an adapter not registered yet. */
  readonly #sourceName: SourceName;
  #resolved?: Adapter;
  /** The source the widgets on the dashboard's adapter share, and how the dashboard hears it. */
  #shared?: { source: Source; stop: () => void };
  #valuesFor = '';

  constructor(host: PulsoDashboard, onValues: (values: string[]) => void) {
    this.#host = host;
    this.#adapterProvider = new ContextProvider(host, pulsoAdapterContext);
    this.#sourceName = new SourceName(() => host.requestUpdate());
    this.#onValues = onValues;
  }

  /** The shared source whose notices the dashboard shows, if any. */
  get shared(): Source | undefined {
    return this.#shared?.source;
  }

  /** The adapter in force shared with the widgets, and its source heard. */
  update(): void {
    const adapter = this.#host.adapter ?? this.#resolveSource();
    if (adapter !== this.#resolved) {
      this.#resolved = adapter;
      this.#valuesFor = '';
      this.#adapterProvider.setValue(adapter);
    }
    this.#follow();
  }

  /** Off the page: it hears nothing and forgets what it resolved. */
  disconnect(): void {
    this.#sourceName.cancel();
    this.#shared?.stop();
    this.#shared = undefined;
    this.#resolved = undefined;
    this.#valuesFor = '';
  }

  /** The source the widgets on the dashboard's adapter load from (the same one: the page's coordinator shares it). */
  #sourceNow(): Source | undefined {
    if (!this.#resolved) return undefined;
    const host = this.#host;
    const settings = { mode: textOption(host.cache), scope: textOption(host.cacheScope), worker: textOption(host.worker) };
    const problem = coordinator.settingProblem(settings);
    if (problem) host.dispatchEvent(new CustomEvent('pulso-cache-problem', { bubbles: true, composed: true, detail: problem }));
    return coordinator.source(this.#resolved, settings);
  }

  /** Hears the source so the notices of its tables are said once, here, as they load. */
  #follow(): void {
    const source = this.#sourceNow();
    if (source === this.#shared?.source) return;
    this.#shared?.stop();
    this.#shared = source && { source, stop: source.watch(() => this.#host.requestUpdate()) };
  }

  #resolveSource(): Adapter | undefined {
    try {
      const found = this.#sourceName.resolve(this.#host.source);
      return found === 'waiting' ? undefined : found;
    } catch {
      return undefined; // widgets then say "no data source"
    }
  }

  /** The values of the segment attribute, for its list: asked once per attribute (a `values` query). */
  loadSegmentValues(): void {
    const by = textOption(this.#host.segmentBy);
    const source = this.#sourceNow();
    if (!by || !source || this.#valuesFor === by) return;
    this.#valuesFor = by;
    // Another source or attribute may have come meanwhile.
    const current = () => this.#valuesFor === by && this.#sourceNow() === source;
    segmentValues(source, by)
      .then((values) => {
        if (current()) this.#onValues(values);
      })
      // A column the customers table lacks, or a failed load (the widgets show it): an empty list until a refresh asks again.
      .catch(() => {
        if (current()) this.#onValues([]);
      });
  }

  /** Reloads every table from the source, and the segment values with them. */
  refresh(): void {
    this.#sourceNow()?.refresh();
    this.#valuesFor = '';
  }
}
