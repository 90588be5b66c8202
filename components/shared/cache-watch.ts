// What a widget knows of its data's freshness (issue 7): when the source answered it,
// whether it was served stale or offline, and the cache's later news: new data (load
// again), the source found offline (say so), or no change (the "updated" line goes at
// the next minute's redraw). Redraws once a minute while a freshness line is shown.
import type { ReactiveControllerHost } from 'lit';
import type { Adapter, TimeInput } from '../../src/adapters/types.js';
import type { CacheUpdate } from '../../src/cache/cached-meta.js';
import type { SourceMeta } from '../../src/data/load.js';
import { cacheNow } from './cached-source.js';

export interface FreshnessMeta {
  fetchedAt: number;
  stale: boolean;
  offline: boolean;
}

type Subscribe = (listener: (update: CacheUpdate) => void) => () => void;

const MINUTE = 60_000;

const rangeKey = (from?: TimeInput, to?: TimeInput): string =>
  JSON.stringify([
    from instanceof Date ? from.getTime() : (from ?? null),
    to instanceof Date ? to.getTime() : (to ?? null),
  ]);

export class CacheWatch {
  meta?: FreshnessMeta;
  /** The cache followed before leaving the page. */
  private paused?: Adapter;
  private following?: Adapter;
  private unsubscribe?: () => void;
  private names: readonly string[] = [];
  private range = '';
  private timer?: ReturnType<typeof setInterval>;
  private live = true;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly onChanged: () => void,
  ) {}

  /** Listens to the cache `through` loads go through, for these tables and range. */
  follow(through: Adapter, names: readonly string[], from?: TimeInput, to?: TimeInput): void {
    this.names = names;
    this.range = rangeKey(from, to);
    if (through === this.following) return;
    this.listen(through);
  }

  private listen(through: Adapter | undefined): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.following = through;
    const subscribe = (through as { subscribe?: Subscribe } | undefined)?.subscribe;
    if (through && typeof subscribe === 'function')
      this.unsubscribe = subscribe.call(through, (u) => this.update(u));
  }

  /** A load finished: `meta` says where its data came from (undefined: not through a cache). */
  served(meta: SourceMeta | undefined): void {
    const current: FreshnessMeta | undefined = meta && {
      fetchedAt: meta.fetchedAt,
      stale: meta.stale,
      offline: meta.offline,
    };
    this.meta = current;
    this.schedule();
    void meta?.revalidation?.then((outcome) => {
      if (this.meta !== current || !current) return;
      // Unchanged: no redraw now; the minute's redraw drops the "updated" line.
      if (outcome === 'unchanged')
        this.meta = { fetchedAt: cacheNow(), stale: false, offline: false };
      else if (outcome === 'offline') this.markOffline();
    });
  }

  connected(): void {
    this.live = true;
    // Back on the page: hear the cache again (the load it came from may not run again).
    if (this.paused) this.listen(this.paused);
    this.paused = undefined;
    this.schedule();
  }

  disconnected(): void {
    this.live = false;
    clearInterval(this.timer);
    this.timer = undefined;
    // The shared cache outlives the widget: stop it from holding on to a removed element.
    this.paused = this.following;
    this.listen(undefined);
  }

  private update(update: CacheUpdate): void {
    if (!this.names.includes(update.request.table)) return;
    if (rangeKey(update.request.from, update.request.to) !== this.range) return;
    if (update.type === 'changed') {
      // After every listener has run: a dashboard's store takes the new table first.
      queueMicrotask(this.onChanged);
    } else this.markOffline();
  }

  private markOffline(): void {
    if (!this.meta || this.meta.offline) return;
    this.meta = { ...this.meta, offline: true };
    this.schedule();
    this.host.requestUpdate();
  }

  /** Redraws every minute while a line says how old the data is; one last redraw removes it. */
  private schedule(): void {
    if (!this.live || this.timer !== undefined || !(this.meta?.stale || this.meta?.offline)) return;
    this.timer = setInterval(() => {
      this.host.requestUpdate();
      if (!(this.meta?.stale || this.meta?.offline)) {
        clearInterval(this.timer);
        this.timer = undefined;
      }
    }, MINUTE);
  }
}
