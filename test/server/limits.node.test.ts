// What createHandler bounds, on a real HTTP server: counts below the server's k never
// leave it (read off the raw HTTP answers), a client that goes away or waits too long
// cancels the source's work, cross-origin access only when configured, metrics a source
// lacks computed from its rows, and a mount under Express-style middleware.
import { expect } from 'chai';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Row } from '../../src/data/schema.js';
import { runQuery } from '../../src/query/run.js';
import type { MetricQuery } from '../../src/query/types.js';
import { createHandler } from '../../src/server/handler.js';
import { createMemorySource } from '../../src/server/memory-source.js';
import type { PulsoSource } from '../../src/server/types.js';
import { asOf, get, post, serve, tables } from './support.js';

const source = createMemorySource(tables);

/** Every field that holds a count of people, answers or tickets, in any metric's rows. */
const COUNTS = new Set(['size', 'retained', 'churned', 'n', 'previousN', 'promoters', 'passives', 'detractors', 'satisfied', 'tickets', 'resolved', 'open', 'entered', 'dropOff', 'active', 'adopters', 'count', 'rows']);

/** Counts 1…k−1 anywhere in an answer (nested sparklines included), as `field=value` strings. */
function smallCounts(value: unknown, k: number, out: string[] = [], key = ''): string[] {
  if (Array.isArray(value)) value.forEach((v) => smallCounts(v, k, out, key));
  else if (value !== null && typeof value === 'object') {
    const row = value as Row;
    for (const [name, v] of Object.entries(row)) {
      const isCount = COUNTS.has(name) || (row.metric === 'ticketVolume' && (name === 'value' || name === 'previous'));
      if (isCount && typeof v === 'number' && v > 0 && v < k) out.push(`${name}=${v}`);
      else smallCounts(v, k, out, name);
    }
  }
  return out;
}

/** Queries over small groups, none asking for suppression itself. */
const SMALL: MetricQuery[] = [
  { metric: 'retention', options: { asOf, by: 'region', period: 'week' } },
  { metric: 'npsTrend', options: { period: 'week', by: 'age_band' } },
  { metric: 'channelCsat', options: { period: 'month', by: 'channel' } },
  { metric: 'ticketStats', options: { period: 'week', by: 'channel' } },
  { metric: 'funnel', options: { steps: ['signup', 'first_login', 'profile_completed', 'teleconsult'], by: 'region' } },
  { metric: 'featureAdoption', options: { features: ['teleconsult', 'chat_with_nurse'], period: 'week', by: 'region' } },
  { metric: 'kpis', options: { from: '2025-06-01', to: '2025-06-08', period: 'day' } },
  { metric: 'values', options: { table: 'activity', column: 'customer_id' } },
  { metric: 'extent', options: { table: 'tickets' }, filters: [{ column: 'region', values: ['Norte'] }, { column: 'opened_at', from: '2025-06-01', to: '2025-07-01' }] },
];

describe('createHandler: limits', () => {
  it('lets no count below its k leave, whatever minCellSize the query asks', async () => {
    const k = 11;
    const strict = await serve(source, { minCellSize: k });
    const open = await serve(source);
    try {
      for (const query of SMALL) {
        for (const asked of [undefined, 0, 1, 3]) {
          const q = asked === undefined ? query : { ...query, options: { ...query.options, minCellSize: asked } };
          const raw = await (await fetch(`${strict.url}/aggregate`, { method: 'POST', body: JSON.stringify(q) })).text();
          // The rows (the validation report beside them counts rejected rows, not people).
          expect(smallCounts(JSON.parse(raw).rows, k), `${query.metric} minCellSize ${String(asked)}`).to.deep.equal([]);
        }
        // The same query on a server without k does show small counts: the check above can fail.
        expect(smallCounts(((await post(open.url, query)).body as { rows: unknown }).rows, k), query.metric).to.not.be.empty;
      }
      // A larger k of the query's own is kept.
      const q = { metric: 'values', options: { column: 'region', minCellSize: 200 } };
      expect(((await post(strict.url, q)).body as { rows: unknown }).rows).to.deep.equal(runQuery(tables, q));
      expect((await get(`${strict.url}/capabilities`)).body).to.deep.include({ minCellSize: k });
    } finally {
      await strict.close();
      await open.close();
    }
  });

  it('cancels the source call when the client aborts', async () => {
    const probe = waitingSource();
    const api = await serve(probe);
    try {
      const client = new AbortController();
      const asked = fetch(`${api.url}/aggregate`, { method: 'POST', body: JSON.stringify({ metric: 'npsTrend', options: {} }), signal: client.signal }).catch((e: unknown) => e);
      const signal = await probe.called;
      expect(signal.aborted).to.equal(false);
      client.abort();
      expect(await asked).to.have.property('name', 'AbortError');
      await within(probe.aborted, 5000, 'the source call was not cancelled');
      expect(signal.aborted).to.equal(true);
    } finally {
      await api.close();
    }
  });

  it('cancels a query that outlives its timeout and answers 504', async () => {
    const probe = waitingSource();
    const api = await serve(probe, { timeoutMs: 150 });
    try {
      const started = Date.now();
      const { status, body } = await post(api.url, { metric: 'npsTrend', options: {} });
      expect(status).to.equal(504);
      expect(body).to.deep.equal({ error: 'The query took longer than 0.15 s and was cancelled' });
      expect(Date.now() - started).to.be.below(5000);
      // The shared run is aborted a task after its last caller left (in-flight.ts), so
      // possibly just after the 504 was written.
      await within(probe.aborted, 5000, 'the source call was not cancelled');
      expect((await probe.called).aborted).to.equal(true);
    } finally {
      await api.close();
    }
  });

  it('answers another origin only when CORS is configured, and only the origins it names', async () => {
    const closed = await serve(source);
    const open = await serve(source, { cors: { origin: ['https://portal.example.org'], credentials: true } });
    const from = (origin: string) => ({ Origin: origin });
    try {
      expect((await get(`${closed.url}/capabilities`, from('https://portal.example.org'))).headers.get('access-control-allow-origin')).to.equal(null);
      const allowed = await get(`${open.url}/capabilities`, from('https://portal.example.org'));
      expect(allowed.headers.get('access-control-allow-origin')).to.equal('https://portal.example.org');
      expect(allowed.headers.get('access-control-allow-credentials')).to.equal('true');
      expect((await get(`${open.url}/capabilities`, from('https://evil.example.com'))).headers.get('access-control-allow-origin')).to.equal(null);
      const preflight = await fetch(`${open.url}/aggregate`, {
        method: 'OPTIONS',
        headers: { Origin: 'https://portal.example.org', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type, authorization' },
      });
      expect(preflight.status).to.equal(204);
      expect(preflight.headers.get('access-control-allow-methods')).to.equal('GET, POST, OPTIONS');
      expect(preflight.headers.get('access-control-allow-headers')).to.equal('content-type, authorization');
      const refused = await fetch(`${closed.url}/aggregate`, { method: 'OPTIONS', headers: { Origin: 'https://portal.example.org' } });
      expect(refused.headers.get('access-control-allow-origin')).to.equal(null);
    } finally {
      await closed.close();
      await open.close();
    }
  });

  it('computes a metric the source lacks from its rows', async () => {
    const partial: PulsoSource = { ...source, capabilities: () => ({ metrics: ['npsTrend'], filters: true, pages: true }), aggregate: () => Promise.reject(new Error('not asked')) };
    const api = await serve(partial);
    try {
      const query = { metric: 'values', options: { column: 'plan' }, filters: [{ column: 'region', values: ['Sul'] }] };
      expect(((await post(api.url, query)).body as { rows: unknown }).rows).to.deep.equal(runQuery(tables, query));
    } finally {
      await api.close();
    }
  });

  it('hands requests outside its base to the next middleware', async () => {
    const handler = createHandler(source, { base: '/api' });
    const server = createServer((req, res) =>
      handler(req, res, () => {
        res.writeHead(200, { 'Content-Type': 'text/plain' });
        res.end('the portal');
      }),
    );
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    const root = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      expect(await (await fetch(`${root}/index.html`)).text()).to.equal('the portal');
      expect((await fetch(`${root}/api/capabilities`)).status).to.equal(200);
    } finally {
      server.closeAllConnections();
      await new Promise((ok) => server.close(ok));
    }
  });
});

/** A source whose aggregate waits until its signal aborts; `called` resolves to that signal. */
function waitingSource(): PulsoSource & { called: Promise<AbortSignal>; aborted: Promise<void> } {
  let heard!: (signal: AbortSignal) => void;
  let gone!: () => void;
  const called = new Promise<AbortSignal>((ok) => (heard = ok));
  const aborted = new Promise<void>((ok) => (gone = ok));
  return {
    ...source,
    called,
    aborted,
    aggregate: (_query, signal) =>
      new Promise((_, reject) => {
        heard(signal!);
        signal!.addEventListener('abort', () => {
          gone();
          reject(signal!.reason);
        });
      }),
  };
}

/** `promise`, or a failure naming `what` after `ms`. */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(what)), ms)));
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}
