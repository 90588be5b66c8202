// The worker side of the coordinator: the page's adapters rebuilt from their recipes,
// one Source per page source (its cache, table store and frames live here), and every
// query run here — load, validation, cache encoding and decoding, kernels. What goes
// back is rows (small, plain), the validation report, and the sources' news.
import { loadArrow } from '../adapters/arrow-codec.js';
import { clearCache } from '../cache/open.js';
import type { Adapter } from '../adapters/types.js';
import type { CacheProblem } from '../cache/types.js';
import { rowExtras } from '../query/extras.js';
import { Coordinator } from '../source/coordinator.js';
import type { Source } from '../source/source.js';
import type { FromWorker, ToWorker } from './protocol.js';
import { Incoming } from './incoming.js';
import { readsArrow } from './recipe.js';
import { toWire } from './wire-error.js';

interface Port {
  postMessage(message: FromWorker): void;
  addEventListener(type: 'message', listener: (e: MessageEvent<ToWorker>) => void): void;
}

export function startHost(port: Port): void {
  // Made at the first message: this module may be evaluated before the coordinator's (an import cycle).
  let made: Coordinator | undefined;
  const coordinator = (): Coordinator => (made ??= new Coordinator({ worker: false }));
  const adapters = new Map<number, Incoming>();
  const sources = new Map<number, Source>();
  const running = new Map<number, AbortController>();
  const post = (m: FromWorker): void => port.postMessage(m);

  const adapterOf = (aid: number): Adapter => {
    const a = adapters.get(aid);
    if (!a) throw new Error(`Pulso worker: no adapter ${aid}`);
    return a.adapter;
  };

  const open = (sid: number, aid: number, cache: { mode: string; scope: string }): void => {
    const source = coordinator().source(adapterOf(aid), { mode: cache.mode, scope: cache.scope });
    sources.set(sid, source);
    source.watch((event) => post({ t: 'event', sid, event, sourceReport: source.report() }));
    // Only cache problems arise here (this coordinator starts no worker of its own).
    source.onProblem((p) => post({ t: 'problem', sid, problem: { code: p.code as CacheProblem['code'], message: p.message } }));
  };

  const run = async (id: number, sid: number, query: Parameters<Coordinator['run']>[0]): Promise<void> => {
    const controller = new AbortController();
    running.set(id, controller);
    try {
      const source = sources.get(sid);
      if (!source) throw new Error(`Pulso worker: no source ${sid}`);
      const { meta, ...answer } = await coordinator().run(query, source, controller.signal);
      const extras = rowExtras(answer.rows);
      if (extras) Object.assign(answer, { extras });
      const revalidation = meta?.revalidation;
      const wireMeta = meta && { fetchedAt: meta.fetchedAt, fromCache: meta.fromCache, stale: meta.stale, offline: meta.offline };
      post({ t: 'answer', id, answer: wireMeta ? { ...answer, meta: wireMeta } : answer, sourceReport: source.report(), revalidating: !!revalidation });
      void revalidation?.then(
        (outcome) => post({ t: 'revalidated', id, outcome }),
        () => post({ t: 'revalidated', id, outcome: 'failed' }),
      );
    } catch (e) {
      post({ t: 'error', id, error: toWire(e) });
    } finally {
      running.delete(id);
    }
  };

  const handle = (m: ToWorker): void => {
    switch (m.t) {
      case 'configure':
        return coordinator().configure(m.config);
      case 'adapter':
        // The Arrow codec (a chunk of its own) loads while the bytes and the first queries are still on their way.
        if (readsArrow(m.recipe)) void loadArrow().catch(() => {});
        return void adapters.set(m.aid, new Incoming(m.recipe, m.coming));
      case 'bytes':
        return adapters.get(m.aid)!.addBytes(m.table, m.chunk, m.offset, m.total);
      case 'rows':
        return adapters.get(m.aid)!.addRows(m.table, m.rows, m.last);
      case 'open':
        return open(m.sid, m.aid, m.cache);
      case 'run':
        return void run(m.id, m.sid, m.query);
      case 'abort':
        return running.get(m.id)?.abort(new DOMException('The query was aborted', 'AbortError'));
      case 'refresh':
        return sources.get(m.sid)?.refresh();
      case 'clear':
        return void clearCache(m.scope).catch(() => {});
      case 'idle':
        return void sources.get(m.sid)?.idle().finally(() => post({ t: 'idle', id: m.id }));
    }
  };

  port.addEventListener('message', (e) => {
    try {
      handle(e.data);
    } catch (error) {
      const id = (e.data as { id?: number }).id;
      if (id !== undefined) post({ t: 'error', id, error: toWire(error) });
    }
  });
  post({ t: 'ready' });
}
