// The page's side of the worker: one module Worker for the page, started from Pulso's
// own module (so `script-src 'self'` allows it and a portal adds no file), adapters sent
// to it as recipes (a memory adapter's rows in slices, so no task of the page clones a
// million rows at once), and each source's queries sent as messages. Every answer
// arrives as a message of its own: each widget's rows reach it, and it draws, in a task
// of its own.
//
// The worker is a convenience, never a requirement: if it cannot be made (no Worker, a
// CSP without it, a script that fails to load) every source that relied on it goes back
// to the main thread (and the page hears why once); queries waiting on it run there.
import type { Adapter } from '../adapters/types.js';
import type { RevalidationOutcome } from '../cache/cached-meta.js';
import { onCleared } from '../cache/clear-generation.js';
import type { CacheProblem } from '../cache/types.js';
import type { TableName, ValidationReport } from '../data/schema.js';
import type { ResolvedCache } from '../source/cache-policy.js';
import type { SourceEvent } from '../source/source.js';
import { nextTask } from '../source/tasks.js';
import { WORKER_NAME } from './protocol.js';
import type { FromWorker, ToWorker, WireAnswer, WorkerCacheConfig } from './protocol.js';
import { describe, fetchesData } from './recipe.js';
import { withExtras } from '../query/extras.js';
import { fromWire } from './wire-error.js';
import { RemoteSource } from './remote-source.js';
import { trustedScriptUrl } from './trusted-url.js';

/** Rows of a memory table per message: each clone stays a short task. */
const ROWS_PER_MESSAGE = 10_000;
/**
 * Bytes of an Arrow table copied per step (the host keeps its buffer): the copy is made in
 * steps of this size, as many to a task as SEND_BUDGET_MS allows, and transferred whole, so
 * the worker reads it as it arrives. Slices transferred one by one were copied again into one
 * buffer by the worker, on its serial path (bench/RESULTS.md, "h14cold5"). Fresh memory is slow
 * to write the first time (~4 ms per MB in the bench VM): a 4 MB step was one task of 14–21 ms
 * CPU on its own, 1 MB steps make tasks of 4–10 ms ("Cold draw at 1M untraced").
 */
const BYTES_PER_STEP = 1024 * 1024;
/** Main-thread time spent sending slices before yielding to the page (well under the 50 ms of a long task). */
const SEND_BUDGET_MS = 10;
/** How long the worker may take to start before the page stops waiting for it. */
const START_TIMEOUT_MS = 20_000;

/** Told once to the page when the worker cannot be used: the `pulso-worker-problem` event. */
export interface WorkerProblem {
  code: 'worker-unavailable';
  message: string;
}

/** The rejection of a query the worker could not answer because it is gone: run it at home. */
export class WorkerGone extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkerGone';
  }
}

/** A query's answer from the worker; `revalidation` settles when a stale table was asked again. */
export interface RemoteAnswer extends Omit<WireAnswer, 'meta'> {
  meta?: WireAnswer['meta'] & { revalidation?: Promise<RevalidationOutcome> };
  /** The twin source's merged report after this answer. */
  sourceReport?: ValidationReport;
}

interface Call {
  resolve: (value: RemoteAnswer | undefined) => void;
  reject: (error: Error) => void;
  revalidated?: (outcome: RevalidationOutcome) => void;
}

/** What a source on the page hears from its twin in the worker. */
export interface RemoteListener {
  event(event: SourceEvent, report: ValidationReport): void;
  problem(problem: CacheProblem): void;
  /** The worker is gone: the source works at home from now on. */
  gone(problem: WorkerProblem): void;
}

export class WorkerLink {
  private readonly worker: Worker;
  private ready = false;
  private failed_?: WorkerProblem;
  private nextId = 1;
  private readonly calls = new Map<number, Call>();
  /** The adapters sent to the worker, by the number the worker knows them by. */
  private readonly adapters = new WeakMap<Adapter, number>();
  private readonly sources = new Map<number, RemoteListener>();
  private readonly timer: ReturnType<typeof setTimeout>;
  private readonly stopClears: () => void;

  /** Starts the worker from `url`; throws when the page cannot make one. */
  constructor(url: string) {
    this.worker = new Worker(trustedScriptUrl(url) as string, { type: 'module', name: WORKER_NAME });
    this.worker.addEventListener('message', (e: MessageEvent<FromWorker>) => this.heard(e.data));
    this.worker.addEventListener('error', (e) => {
      e.preventDefault?.();
      this.fail(this.ready ? `Pulso's worker stopped (${e.message || 'an error'})` : `Pulso's worker could not start (${e.message || 'its script was refused or failed to load'}): the work runs on the main thread`);
    });
    this.timer = setTimeout(() => {
      if (!this.ready) this.fail(`Pulso's worker did not start within ${START_TIMEOUT_MS / 1000} s: the work runs on the main thread`);
    }, START_TIMEOUT_MS);
    // A logout's clearCache(scope) reaches the caches in the worker too.
    this.stopClears = onCleared((scope) => this.post({ t: 'clear', ...(scope === undefined ? {} : { scope }) }));
  }

  /** Why the worker cannot be used (undefined while it can). */
  get failed(): WorkerProblem | undefined {
    return this.failed_;
  }

  configure(config: WorkerCacheConfig): void {
    this.post({ t: 'configure', config });
  }

  /** Whether `adapter` can work in the worker (its recipe), without sending anything yet. */
  static accepts(adapter: Adapter): boolean {
    return describe(adapter) !== undefined;
  }

  /** Whether the worker would `fetch` `adapter`'s data itself (a URL), rather than receive it from the page. */
  static fetches(adapter: Adapter): boolean {
    return fetchesData(describe(adapter)?.recipe);
  }

  /** Opens the worker's twin of a page source over `adapter`; its news go to `listener`. */
  open(adapter: Adapter, cache: ResolvedCache, listener: RemoteListener): RemoteSource {
    const sid = this.nextId++;
    this.sources.set(sid, listener);
    // Opened at once, the data still on their way: each query waits in the worker for its own tables' slices only.
    this.post({ t: 'open', sid, aid: this.send(adapter), cache: { mode: cache.mode, scope: cache.scope } });
    return new RemoteSource(this, sid);
  }

  /** Posts a query and waits for its answer (rejects with WorkerGone when the worker is). */
  call(message: (id: number) => ToWorker, signal?: AbortSignal): Promise<RemoteAnswer | undefined> {
    if (this.failed_) return Promise.reject(new WorkerGone(this.failed_.message));
    const id = this.nextId++;
    return new Promise<RemoteAnswer | undefined>((resolve, reject) => {
      const done = (): void => void signal?.removeEventListener('abort', abort);
      const abort = (): void => {
        this.calls.delete(id);
        this.post({ t: 'abort', id });
        reject(signal!.reason instanceof Error ? signal!.reason : new DOMException('The query was aborted', 'AbortError'));
      };
      this.calls.set(id, { resolve: (v) => (done(), resolve(v)), reject: (e) => (done(), reject(e)) });
      signal?.addEventListener('abort', abort, { once: true });
      this.post(message(id));
    });
  }

  post(message: ToWorker): void {
    if (this.failed_) return;
    try {
      this.worker.postMessage(message);
    } catch (e) {
      // Something in the message cannot be cloned: that is the message's fault, not the worker's.
      const id = (message as { id?: number }).id;
      if (id !== undefined) this.calls.get(id)?.reject(e instanceof Error ? e : new Error(String(e)));
      else throw e;
    }
  }

  /** The adapter's recipe sent once, then its data in slices or copy steps (one short task each); its number in the worker. */
  private send(adapter: Adapter): number {
    const known = this.adapters.get(adapter);
    if (known !== undefined) return known;
    const described = describe(adapter)!;
    const aid = this.nextId++;
    this.adapters.set(adapter, aid);
    // Smaller tables first: the worker can load each as soon as its last slice is in.
    const bytes = (Object.entries(described.bytes ?? {}) as [TableName, Uint8Array][]).filter(([, b]) => b.byteLength > 0).sort((a, b) => a[1].byteLength - b[1].byteLength);
    const rows = Object.entries(described.rows ?? {}) as [TableName, readonly unknown[]][];
    this.post({ t: 'adapter', aid, recipe: described.recipe, coming: [...bytes, ...rows].map(([table]) => table) });
    void (async () => {
      // Slices go in as few tasks as the budget allows, in turn with the widgets' first renders: those
      // send the queries, and a table's load in the worker waits for its first query as much as for
      // its last slice (bench/RESULTS.md, "Cold draw at 1M, critical path").
      let since = performance.now();
      const pace = async (): Promise<void> => {
        if (performance.now() - since < SEND_BUDGET_MS) return;
        await nextTask();
        since = performance.now();
      };
      for (const [table, whole] of bytes) {
        const copy = new Uint8Array(whole.byteLength);
        for (let i = 0; i < whole.byteLength; i += BYTES_PER_STEP) {
          copy.set(whole.subarray(i, i + BYTES_PER_STEP), i);
          if (i + BYTES_PER_STEP < whole.byteLength) await pace();
        }
        this.worker.postMessage({ t: 'bytes', aid, table, chunk: copy, offset: 0, total: copy.byteLength } satisfies ToWorker, [copy.buffer]);
        await pace();
      }
      for (const [table, list] of rows) {
        for (let i = 0; i === 0 || i < list.length; i += ROWS_PER_MESSAGE) {
          const last = i + ROWS_PER_MESSAGE >= list.length;
          this.post({ t: 'rows', aid, table, rows: list.slice(i, i + ROWS_PER_MESSAGE), last });
          if (!last) await pace();
        }
      }
      // The worker would wait for these tables forever: everything goes back to the main thread, where the adapter is.
    })().catch((e: unknown) => this.fail(`Pulso's worker could not start (${String(e)}): the work runs on the main thread`));
    return aid;
  }

  private heard(m: FromWorker): void {
    switch (m.t) {
      case 'ready':
        this.ready = true;
        clearTimeout(this.timer);
        return;
      case 'answer': {
        const call = this.calls.get(m.id);
        if (!call) return;
        const { extras, ...wire } = m.answer;
        const answer: RemoteAnswer = { ...wire, rows: withExtras(wire.rows, extras), sourceReport: m.sourceReport };
        if (m.revalidating && answer.meta) {
          answer.meta = { ...answer.meta, revalidation: new Promise<RevalidationOutcome>((r) => (call.revalidated = r)) };
        } else this.calls.delete(m.id);
        call.resolve(answer);
        return;
      }
      case 'revalidated':
        this.calls.get(m.id)?.revalidated?.(m.outcome);
        this.calls.delete(m.id);
        return;
      case 'error': {
        const call = this.calls.get(m.id);
        this.calls.delete(m.id);
        call?.reject(fromWire(m.error));
        return;
      }
      case 'idle':
        this.calls.get(m.id)?.resolve(undefined);
        this.calls.delete(m.id);
        return;
      case 'event':
        return this.sources.get(m.sid)?.event(m.event, m.sourceReport);
      case 'problem':
        return this.sources.get(m.sid)?.problem({ code: m.problem.code, message: m.problem.message });
    }
  }

  /** Stops a worker no source has used yet (the coordinator starts another). */
  retire(): void {
    clearTimeout(this.timer);
    this.stopClears();
    this.worker.terminate();
  }

  /** The worker cannot be used: every waiting query and every source goes home. */
  private fail(message: string): void {
    if (this.failed_) return;
    const problem: WorkerProblem = { code: 'worker-unavailable', message };
    this.failed_ = problem;
    clearTimeout(this.timer);
    this.stopClears();
    this.worker.terminate();
    for (const call of this.calls.values()) call.reject(new WorkerGone(message));
    this.calls.clear();
    for (const listener of this.sources.values()) listener.gone(problem);
    this.sources.clear();
  }
}
