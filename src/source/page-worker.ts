// The page's one Worker as the coordinator keeps it: when it starts, when it is replaced,
// when it is stopped. It starts once — early, when Pulso's elements are defined (at the
// page's first idle moment), or when a widget joins the page, or when a source first
// needs it — so its script is fetched and evaluated while the page still gets its data,
// not after the adapter is set (bench/RESULTS.md, "Worker started early").
//
// A worker nobody has used yet costs nothing lasting: it is stopped when the page turns
// the worker off (or sets a `now` clock), when a service worker took control of the page
// after it started (it would fetch past it: a host's msw mock API started after Pulso
// loaded), and, when it was started early, if no widget joined the page within
// `unwantedMs` (a page that loads Pulso and shows none).
//
// A page can be controlled by a service worker that is going away: unregistered while
// the page was open (msw's unregisters itself when its last page closes, which a reload
// does), it still serves the page, but a worker the page starts now is not its client and
// fetches past it (the demo's mock API answered 404 after a reload). The page's
// `serviceWorker.ready` never settles then; until it has, a source whose data the worker
// would fetch stays on the main thread, where its requests reach the page's service worker.
import { WorkerLink } from '../worker/client.js';
import type { WorkerProblem } from '../worker/client.js';
import type { WorkerCacheConfig } from '../worker/protocol.js';
import { whenIdle } from './tasks.js';

/** How long a worker started early waits for a widget to join the page before it is stopped. */
export const UNWANTED_WORKER_MS = 30_000;

export class PageWorker {
  /** The worker, once started (undefined: not yet, stopped, or it could not be made). */
  private link?: WorkerLink;
  /** Why the worker could not be made (told to the first source that wanted it). */
  private problem_?: WorkerProblem;
  /** The service worker controlling the page when the link started. */
  private controller?: ServiceWorker | null;
  /** Whether a source has used the link: from then on it is never replaced. */
  private used = false;
  /** Whether a widget joined the page (an early worker is then kept). */
  private wanted = false;
  private earlyAsked = false;
  /** Whether the page's service worker registration is ready (then a worker the page starts is its client too). */
  private swReady = false;
  /** How many workers were started (diagnostics, tests). */
  starts = 0;

  /**
   * `url()`: the worker's script, read when it starts (entry.ts and the coordinator
   * import each other); `config()`: the page's cache options as the worker takes them.
   */
  constructor(
    private readonly url: () => string,
    private readonly config: () => WorkerCacheConfig,
    private readonly unwantedMs = UNWANTED_WORKER_MS,
  ) {
    void serviceWorkers()?.ready.then(() => (this.swReady = true));
  }

  /** Why the worker cannot be used, once that is known. */
  get problem(): WorkerProblem | undefined {
    return this.problem_ ?? this.link?.failed;
  }

  /** Whether a worker is running and not yet used by any source (diagnostics, tests). */
  get idle(): boolean {
    return this.link !== undefined && !this.link.failed && !this.used;
  }

  /** The page's cache options changed: the worker hears them, or stops when unused and no longer allowed. */
  configure(allowed: boolean): void {
    if (!this.link || this.link.failed) return;
    if (!allowed && !this.used) this.stop();
    else this.link.configure(this.config());
  }

  /** A widget or dashboard joined the page: start now (when `allowed`) and keep it. */
  want(allowed: boolean): void {
    this.wanted = true;
    if (allowed) this.start();
  }

  /**
   * Pulso's elements were defined: start at the page's first idle moment, after the
   * host's startup task (and a `configureCache` in it), if `allowed()` then. Once a page.
   */
  early(allowed: () => boolean): void {
    if (this.earlyAsked) return;
    this.earlyAsked = true;
    whenIdle(() => {
      if (this.link || this.problem_ || !allowed()) return;
      this.start();
      const link = this.link;
      if (link) setTimeout(() => link === this.link && !this.wanted && !this.used && this.stop(), this.unwantedMs);
    });
  }

  /**
   * The link for a source that computes in the worker (undefined when it cannot be made,
   * or when the worker would `fetch` its data past the page's service worker: see the header).
   */
  forSource(fetches = false): WorkerLink | undefined {
    if (fetches && pageController() && !this.swReady) return undefined;
    if (this.link && !this.used && !this.link.failed && pageController() !== this.controller) this.stop();
    this.start();
    if (!this.link || this.link.failed) return undefined;
    this.used = true;
    return this.link;
  }

  private start(): void {
    if (this.link || this.problem_) return;
    try {
      this.controller = pageController();
      this.link = new WorkerLink(this.url());
      this.starts += 1;
      this.link.configure(this.config());
    } catch (e) {
      this.problem_ = { code: 'worker-unavailable', message: `Pulso's worker could not start (${e instanceof Error ? e.message : String(e)}): the work runs on the main thread` };
    }
  }

  /** Stops an unused worker; the next that is needed starts afresh. */
  private stop(): void {
    this.link?.retire();
    this.link = undefined;
  }
}

/** The page's service workers (undefined in Node, in a worker, or where the page has none to ask). */
function serviceWorkers(): ServiceWorkerContainer | undefined {
  return typeof navigator === 'undefined' ? undefined : navigator.serviceWorker;
}

/** The service worker controlling this page (null without one, undefined where there is none to ask). */
function pageController(): ServiceWorker | null | undefined {
  return serviceWorkers()?.controller;
}
