// What a widget hears of the source its data came from: new data (a cache's
// revalidation found a change, or a host's refresh) for a table it read — it runs
// again; the source found offline — it says so; a cache problem — told as a
// `pulso-cache-problem` event. And how fresh its data is: when the source answered
// it, whether it was served stale or offline, with a redraw once a minute while that
// line shows. Off the page it listens to nothing; back on it, it listens again and
// runs again if the data changed meanwhile.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { LoadMeta } from '../../src/cache/cached-meta.js';
import type { PageProblem } from '../../src/source/problems.js';
import { coordinator } from '../../src/source/coordinator.js';
import type { Source, SourceEvent } from '../../src/source/source.js';

type Host = ReactiveControllerHost & HTMLElement;

const MINUTE = 60_000;

export class SourceWatch implements ReactiveController {
  meta?: LoadMeta;
  #source?: Source;
  /** The source's version when the data shown was read (a change while away runs again). */
  #version = 0;
  #tables: ReadonlySet<string> = new Set();
  #stop?: () => void;
  #timer?: ReturnType<typeof setInterval>;

  readonly #host: Host;
  readonly #changed: () => void;

  /** @param changed the data read may have changed: run again. */
  constructor(host: Host, changed: () => void) {
    this.#host = host;
    this.#changed = changed;
    host.addController(this);
  }

  /** From now on, hears `source` for the tables a run reads (before its answers come). */
  follow(source: Source, tables: Iterable<string>): void {
    this.#tables = new Set(tables);
    if (source === this.#source && this.#stop) return;
    this.#unlisten();
    this.#source = source;
    this.#listen();
  }

  /** A run finished: `meta` says where its data came from (undefined: not through a cache). */
  served(meta: LoadMeta | undefined, tables: Iterable<string>): void {
    this.#tables = new Set(tables);
    this.#version = this.#source?.version ?? 0;
    const current: LoadMeta | undefined = meta && { fetchedAt: meta.fetchedAt, fromCache: meta.fromCache, stale: meta.stale, offline: meta.offline };
    this.meta = current;
    this.#schedule();
    void meta?.revalidation?.then((outcome) => {
      if (this.meta !== current || !current) return;
      // Unchanged: no redraw now; the minute's redraw drops the "updated" line. Changed:
      // the source's `changed` news runs the widget again.
      if (outcome === 'unchanged') this.meta = { fetchedAt: coordinator.now(), fromCache: true, stale: false, offline: false };
      else if (outcome === 'offline') this.#markOffline();
    });
  }

  hostConnected(): void {
    if (!this.#source || this.#stop) return;
    this.#listen();
    this.#schedule();
    if (this.#source.version !== this.#version) this.#changed();
  }

  hostDisconnected(): void {
    this.#unlisten();
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  #listen(): void {
    const source = this.#source!;
    const stopNews = source.watch((e) => this.#heard(e));
    const stopProblems = source.onProblem((p) => this.tell(p));
    this.#stop = () => (stopNews(), stopProblems());
  }

  #unlisten(): void {
    this.#stop?.();
    this.#stop = undefined;
  }

  #heard(e: SourceEvent): void {
    if (e.type === 'loaded' || (e.type !== 'refreshed' && !this.#tables.has(e.table))) return;
    if (e.type === 'offline') return this.#markOffline();
    // After every listener has run: the store already holds the new table.
    queueMicrotask(() => {
      if (this.#host.isConnected) this.#changed();
    });
  }

  /** A cache problem, or the worker's, as the event the page hears (`pulso-cache-problem`, `pulso-worker-problem`). */
  tell(problem: PageProblem): void {
    const name = problem.code === 'worker-unavailable' ? 'pulso-worker-problem' : 'pulso-cache-problem';
    this.#host.dispatchEvent(new CustomEvent<PageProblem>(name, { bubbles: true, composed: true, detail: problem }));
  }

  /** The cache could not reach the source: the data shown is the cache's. */
  #markOffline(): void {
    if (!this.meta || this.meta.offline) return;
    this.meta = { ...this.meta, offline: true };
    this.#schedule();
    this.#host.requestUpdate();
  }

  /** Redraws every minute while a line says how old the data is; one last redraw removes it. */
  #schedule(): void {
    if (!this.#host.isConnected || this.#timer !== undefined || !(this.meta?.stale || this.meta?.offline)) return;
    this.#timer = setInterval(() => {
      this.#host.requestUpdate();
      if (!(this.meta?.stale || this.meta?.offline)) {
        clearInterval(this.#timer);
        this.#timer = undefined;
      }
    }, MINUTE);
  }
}
