// JsonAdapter against the shared msw mock API, through a real service worker.
import { expect } from '@open-wc/testing';
import type { ColumnTable } from 'arquero';
import { delay, http, HttpResponse } from 'msw';
import type { SetupWorker } from 'msw/browser';
import { JsonAdapter } from '../../src/adapters/json.js';
import { startMockApi } from '../../demo/mocks/browser.js';
import { MSW_WORKER_PATH, withMswRegistration } from '../setup/test-policy.js';
import { createHandlers } from '../../demo/mocks/handlers.js';
import { rejection } from './fake-fetch.js';

const values = (t: ColumnTable, name: string): unknown[] =>
  Array.from(t.column(name) as unknown as ArrayLike<unknown>);

const surveys = [
  { at: '2025-01-10T00:00:00Z', kind: 'nps', score: 9, customer_id: 'a', channel: 'app' },
  { at: '2025-02-01T00:00:00Z', kind: 'nps', score: 3, customer_id: null, channel: 'chat' },
  { at: '2025-02-15T12:00:00Z', kind: 'csat', score: 5, customer_id: 'b', channel: null },
  { at: '2025-03-01T00:00:00Z', kind: 'nps', score: 7, customer_id: 'c', channel: 'phone' },
];
const activity = Array.from({ length: 7 }, (_, i) => ({
  customer_id: `c${i}`,
  at: `2025-01-0${i + 1}`,
  event: 'login',
}));

let worker: SetupWorker;
const origin = location.origin;

/** Counts requests reaching a path, and answers them with `reply` (called with the 1-based count). */
function counting(
  path: string,
  reply: (n: number) => Response | Promise<Response>,
): { count: () => number } {
  let n = 0;
  worker.use(http.get(path, () => reply(++n)));
  return { count: () => n };
}

/** The URLs of the requests the worker sees until `stop`. */
function recordUrls(): { urls: string[]; stop: () => void } {
  const urls: string[] = [];
  const listener = ({ request }: { request: Request }): void => void urls.push(request.url);
  worker.events.on('request:start', listener);
  return { urls, stop: () => worker.events.removeListener('request:start', listener) };
}

describe('JsonAdapter with msw in the browser', () => {
  before(async () => {
    // msw's register() call is the one sink the test policy opens (test/setup/test-policy.ts).
    worker = await withMswRegistration(() =>
      startMockApi(createHandlers({ data: { surveys, activity } }), { url: MSW_WORKER_PATH, scope: '/' }),
    );
  });
  afterEach(() => worker.resetHandlers());
  after(() => worker.stop());

  it('loads a table as a JSON array', async () => {
    const t = await new JsonAdapter({ base: '/api' }).load({ table: 'surveys' });
    expect(t.numRows()).to.equal(4);
    expect(values(t, 'score')).to.deep.equal([9, 3, 5, 7]);
    expect(values(t, 'customer_id')).to.deep.equal(['a', null, 'b', 'c']);
  });

  it('sends from/to as ISO and the server filters half-open', async () => {
    const seen = recordUrls();
    const t = await new JsonAdapter({ base: '/api' }).load({
      table: 'surveys',
      from: '2025-02-01',
      to: new Date('2025-03-01T00:00:00Z'),
    });
    seen.stop();
    expect(seen.urls[0]).to.equal(
      `${origin}/api/surveys?from=2025-02-01T00%3A00%3A00.000Z&to=2025-03-01T00%3A00%3A00.000Z`,
    );
    expect(values(t, 'score')).to.deep.equal([3, 5]);
  });

  it('concatenates { rows, next } pages', async () => {
    worker.use(...createHandlers({ data: { activity }, pageSize: 3 }));
    const seen = recordUrls();
    const t = await new JsonAdapter({ base: '/api' }).load({
      table: 'activity',
      from: '2025-01-02',
    });
    seen.stop();
    const pages = seen.urls.map((u) => new URL(u).search);
    expect(values(t, 'customer_id')).to.deep.equal(['c1', 'c2', 'c3', 'c4', 'c5', 'c6']);
    expect(pages).to.have.length(2);
    expect(pages[1]).to.match(/page=2/);
  });

  it('round-trips Arrow IPC chosen by content type', async () => {
    const t = await new JsonAdapter({ base: '/api', arrow: true }).load({ table: 'surveys' });
    expect(values(t, 'score')).to.deep.equal([9, 3, 5, 7]);
    expect(values(t, 'kind')).to.deep.equal(['nps', 'nps', 'csat', 'nps']);
    expect(values(t, 'channel')).to.deep.equal(['app', 'chat', null, 'phone']);
  });

  it('sends the Authorization header to the server', async () => {
    let auth: string | null = null;
    worker.use(
      http.get(
        '/api/tickets',
        ({ request }) => ((auth = request.headers.get('authorization')), HttpResponse.json([])),
      ),
    );
    await new JsonAdapter({ base: '/api', headers: { Authorization: 'Bearer s3cret' } }).load({
      table: 'tickets',
    });
    expect(auth).to.equal('Bearer s3cret');
  });

  it('retries a 503 and then succeeds', async () => {
    const server = counting('/api/surveys', (n) =>
      n === 1 ? new HttpResponse(null, { status: 503 }) : HttpResponse.json([{ score: 1 }]),
    );
    const t = await new JsonAdapter({ base: '/api', backoffMs: 1 }).load({ table: 'surveys' });
    expect(server.count()).to.equal(2);
    expect(values(t, 'score')).to.deep.equal([1]);
  });

  it('retries a network error', async () => {
    const server = counting('/api/surveys', (n) =>
      n < 3 ? HttpResponse.error() : HttpResponse.json([]),
    );
    const t = await new JsonAdapter({ base: '/api', backoffMs: 1 }).load({ table: 'surveys' });
    expect(server.count()).to.equal(3);
    expect(t.numRows()).to.equal(0);
  });

  it('gives up on a network error after the retries, naming the URL', async () => {
    const server = counting('/api/surveys', () => HttpResponse.error());
    const e = await rejection(
      new JsonAdapter({ base: '/api', backoffMs: 1, retries: 1 }).load({ table: 'surveys' }),
    );
    expect(server.count()).to.equal(2);
    expect(e.code).to.equal('network');
    expect(e.message).to.match(new RegExp(`^GET ${origin}/api/surveys failed: network error`));
  });

  it('does not retry a 404 (exactly one request)', async () => {
    const server = counting(
      '/api/surveys',
      () => new HttpResponse('nope', { status: 404, statusText: 'Not Found' }),
    );
    const e = await rejection(
      new JsonAdapter({ base: '/api', backoffMs: 1 }).load({ table: 'surveys' }),
    );
    expect(server.count()).to.equal(1);
    expect(e).to.include({ code: 'http', status: 404 });
    expect(e.message).to.equal(`GET ${origin}/api/surveys failed: HTTP 404 Not Found`);
  });

  it('answers an unknown table with 404 from the shared handlers', async () => {
    const e = await rejection(
      new JsonAdapter({ base: '/api', backoffMs: 1 }).load({ table: 'nope' as never }),
    );
    expect(e.status).to.equal(404);
  });

  it('times out with a clear error naming the URL', async () => {
    const server = counting(
      '/api/activity',
      async () => (await delay(5000), HttpResponse.json([])),
    );
    const e = await rejection(
      new JsonAdapter({ base: '/api', timeoutMs: 100, backoffMs: 1 }).load({ table: 'activity' }),
    );
    expect(e.code).to.equal('timeout');
    expect(e.message).to.equal(`GET ${origin}/api/activity timed out after 100 ms`);
    expect(server.count()).to.equal(1);
  });

  it('reports malformed JSON naming the URL', async () => {
    worker.use(
      http.get(
        '/api/surveys',
        () => new HttpResponse('[{"score": 9', { headers: { 'Content-Type': 'application/json' } }),
      ),
    );
    const e = await rejection(new JsonAdapter({ base: '/api' }).load({ table: 'surveys' }));
    expect(e.code).to.equal('malformed');
    expect(e.message).to.match(
      new RegExp(`^GET ${origin}/api/surveys answered malformed JSON: .+`),
    );
  });

  it('aborts the request and never retries after', async () => {
    const server = counting(
      '/api/activity',
      async () => (await delay(2000), new HttpResponse(null, { status: 503 })),
    );
    const controller = new AbortController();
    const pending = new JsonAdapter({ base: '/api', backoffMs: 1 }).load(
      { table: 'activity' },
      controller.signal,
    );
    await delay(50);
    controller.abort();
    const e = await rejection(pending);
    expect(e.name).to.equal('AbortError');
    await delay(100);
    expect(server.count()).to.equal(1);
  });
  it('never follows next to another origin: the host\'s Authorization stays home', async () => {
    const seen = recordUrls();
    const stolen: string[] = [];
    worker.use(
      http.get('/api/surveys', () => HttpResponse.json({ rows: surveys.slice(0, 1), next: 'https://evil.example/steal?page=2' })),
      http.get('https://evil.example/*', ({ request }) => {
        stolen.push(request.headers.get('authorization') ?? '(none)');
        return HttpResponse.json({ rows: [], next: null });
      }),
    );
    const e = await rejection(new JsonAdapter({ base: '/api', headers: { Authorization: 'Bearer secret-token' } }).load({ table: 'surveys' }));
    seen.stop();
    expect(e.code).to.equal('malformed');
    expect(e.message).to.contain(`is not on ${origin}, the origin of the API`);
    expect(seen.urls.filter((u) => !u.startsWith(origin))).to.deep.equal([]);
    expect(stolen).to.deep.equal([]);
  });

  it('stops a next that changes on every page at maxPages, in well under a second', async () => {
    const server = counting('/api/surveys', (n) => HttpResponse.json({ rows: [{ ...surveys[0], customer_id: `c${n}` }], next: `/api/surveys?page=${n + 1}` }));
    const started = performance.now();
    const e = await rejection(new JsonAdapter({ base: '/api', maxPages: 50 }).load({ table: 'surveys' }));
    expect(e.message).to.match(/is past the 50 pages a load may follow \(maxPages\)/);
    expect(server.count()).to.equal(50);
    expect(performance.now() - started).to.be.below(2000);
  });
});
