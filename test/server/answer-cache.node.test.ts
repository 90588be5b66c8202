// The answer cache of pulso-serve for a source that cannot change while served (a DuckDB
// file, opened read-only): an answer asked again is the same answer without a second
// computation; it never reaches another scope; identical queries in flight run once;
// kept answers survive a restart on the same file, and on a changed file the queries
// asked before are computed again before the server listens.
import { expect } from 'chai';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateHealthPlan } from '../../demo/data/health-plan.js';
import type { Row } from '../../src/data/schema.js';
import type { MetricQuery } from '../../src/query/types.js';
import { AnswerCache } from '../../src/server/answer-cache.js';
import { openSource } from '../../src/server/cli-sources.js';
import { parseServeArgs, serve as serveCli, type ServeOptions } from '../../src/server/cli.js';
import type { PulsoSource } from '../../src/server/types.js';
import { duckdbFixture, type Fixture } from './engines.js';
import { post, serve } from './support.js';

const plan = generateHealthPlan({ customers: 300, months: 8, start: '2025-01-01', seed: 5 });
/** Surveys of two hospitals, told apart by a column of their own. */
const surveys = plan.surveys.map((r, i) => ({ ...r, at: Date.parse(r.at as string), hospital: i % 3 === 0 ? 'H2' : 'H1' }));
const columns = { at: 'ts', kind: 'text', score: 'num', customer_id: 'text', channel: 'text', hospital: 'text' } as const;
const NPS: MetricQuery = { metric: 'npsTrend', options: { period: 'month', by: 'channel' } };

/** The source, counting the computations it is asked for. */
function counted(source: PulsoSource): PulsoSource & { calls: number } {
  const out = Object.create(source) as PulsoSource & { calls: number };
  out.calls = 0;
  out.aggregate = (query, signal) => {
    out.calls += 1;
    return source.aggregate(query, signal);
  };
  return out;
}

describe('AnswerCache: bounds', () => {
  const rows = (n: number): Row[] => Array.from({ length: n }, (_, i) => ({ i }));

  it('keeps at most maxEntries, dropping the least recently used', () => {
    const cache = new AnswerCache({ maxEntries: 2 });
    cache.set('a', rows(1));
    cache.set('b', rows(1));
    expect(cache.get('a')).to.deep.equal(rows(1));
    cache.set('c', rows(1));
    expect([cache.get('a') !== undefined, cache.get('b') !== undefined, cache.get('c') !== undefined]).to.deep.equal([true, false, true]);
    expect(cache.size).to.equal(2);
  });

  it('keeps at most maxBytes of answers, and no answer larger than that', () => {
    const cache = new AnswerCache({ maxBytes: 400 });
    cache.set('big', rows(100));
    expect(cache.get('big')).to.equal(undefined);
    for (const k of ['a', 'b', 'c', 'd', 'e']) cache.set(k, rows(12));
    expect(cache.bytes).to.be.at.most(400);
    expect(cache.get('e')).to.deep.equal(rows(12));
    expect(cache.get('a')).to.equal(undefined);
  });

  it('gives back what it dumped, with the rows\' extras', () => {
    const cache = new AnswerCache();
    const withExcluded = Object.defineProperty(rows(2), 'excluded', { value: { late: 3 }, enumerable: false });
    cache.set('r', withExcluded);
    const again = new AnswerCache();
    again.restore(JSON.parse(JSON.stringify(cache.dump())));
    expect(again.get('r')).to.deep.equal(rows(2));
    expect((again.get('r') as unknown as { excluded: unknown }).excluded).to.deep.equal({ late: 3 });
  });

  it('refuses bounds that are not whole numbers above 0', () => {
    expect(() => new AnswerCache({ maxEntries: 0 })).to.throw(RangeError, /maxEntries/);
    expect(() => new AnswerCache({ maxBytes: 1.5 })).to.throw(RangeError, /maxBytes/);
  });
});

describe('createHandler: answers kept for a DuckDB file', function () {
  this.timeout(60_000);
  let fx: Fixture;
  before(async () => {
    fx = await duckdbFixture({ surveys: { columns, rows: surveys } });
  });
  after(() => fx.close());

  it('answers a query asked again from the cache: the same body, one computation', async () => {
    const source = counted(fx.source);
    const api = await serve(source, { minCellSize: 5 });
    try {
      const first = await post(api.url, NPS);
      const second = await post(api.url, NPS);
      expect([first.status, second.status]).to.deep.equal([200, 200]);
      expect([first.headers.get('x-pulso-cache'), second.headers.get('x-pulso-cache')]).to.deep.equal(['miss', 'hit']);
      expect(second.body).to.deep.equal(first.body);
      expect((first.body as { rows: unknown[] }).rows.length).to.be.greaterThan(10);
      expect(source.calls).to.equal(1);
    } finally {
      await api.close();
    }
  });

  it('never serves one scope\'s answer to another: same query, each its own rows', async () => {
    const source = counted(fx.source);
    const api = await serve(source, {
      minCellSize: 5,
      authorize: (req) => {
        const h = String(req.headers['x-hospital']);
        return h === 'H1' || h === 'H2' ? { scope: h, filters: [{ column: 'hospital', values: [h] }] } : null;
      },
    });
    try {
      const h1 = await post(api.url, NPS, { 'X-Hospital': 'H1' });
      const h2 = await post(api.url, NPS, { 'X-Hospital': 'H2' });
      const h1Again = await post(api.url, NPS, { 'X-Hospital': 'H1' });
      expect([h1.headers.get('x-pulso-cache'), h2.headers.get('x-pulso-cache'), h1Again.headers.get('x-pulso-cache')]).to.deep.equal(['miss', 'miss', 'hit']);
      for (const [h, reply] of [['H1', h1Again], ['H2', h2]] as const) {
        const want = await fx.source.aggregate({ ...NPS, options: { ...NPS.options, minCellSize: 5 }, filters: [{ column: 'hospital', values: [h] }] });
        expect((reply.body as { rows: unknown[] }).rows, h).to.deep.equal(JSON.parse(JSON.stringify(want)));
      }
      expect((h2.body as { rows: unknown[] }).rows).to.not.deep.equal((h1.body as { rows: unknown[] }).rows);
      expect(source.calls).to.equal(2);
    } finally {
      await api.close();
    }
  });

  it('computes identical queries asked at once a single time', async () => {
    const source = counted(fx.source);
    const api = await serve(source, { minCellSize: 5, answerCache: false });
    try {
      const replies = await Promise.all(Array.from({ length: 4 }, () => post(api.url, { ...NPS, options: { ...NPS.options, period: 'week' } })));
      expect(replies.map((r) => r.status)).to.deep.equal([200, 200, 200, 200]);
      for (const r of replies) expect(r.body).to.deep.equal(replies[0].body);
      expect(source.calls).to.equal(1);
    } finally {
      await api.close();
    }
  });

  it('keeps nothing for a source that may change, unless told', async () => {
    const source = counted(fx.source);
    Object.defineProperty(source, 'immutable', { value: false });
    const api = await serve(source, { minCellSize: 5 });
    try {
      await post(api.url, NPS);
      const again = await post(api.url, NPS);
      expect(again.headers.get('x-pulso-cache')).to.equal(null);
      expect(source.calls).to.equal(2);
    } finally {
      await api.close();
    }
  });
});

describe('pulso-serve --cache-file and --warm', function () {
  this.timeout(120_000);
  let fx: Fixture;
  let dir: string;
  before(async () => {
    fx = await duckdbFixture({ surveys: { columns, rows: surveys } });
    await fx.source.close();
    dir = mkdtempSync(join(tmpdir(), 'pulso-answers-'));
  });
  after(async () => {
    await fx.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const options = (extra: string[]) => parseServeArgs(['--duckdb', fx.path!, '--port', '0', '--min-cell-size', '5', ...extra]) as ServeOptions;
  const lines: string[] = [];
  const logged = async <T>(work: () => Promise<T>): Promise<T> => {
    const log = console.log;
    console.log = (line: string) => lines.push(line);
    try {
      return await work();
    } finally {
      console.log = log;
    }
  };

  it('answers the --warm queries before listening, keeps them in the file, and a restart on the same file is warm without validating again', async () => {
    const warm = join(dir, 'warm.json');
    const cacheFile = join(dir, 'answers.json');
    writeFileSync(warm, JSON.stringify([NPS, { metric: 'channelCsat', options: { by: 'channel' } }]));
    let serving = await logged(() => serveCli(options(['--warm', warm, '--cache-file', cacheFile]), openSource));
    try {
      expect(lines.join('\n')).to.include('2 of 2 answered');
      const first = await post(serving.url, NPS);
      expect(first.headers.get('x-pulso-cache')).to.equal('hit');
    } finally {
      await serving.close();
    }
    expect(JSON.parse(readFileSync(cacheFile, 'utf8')).answers).to.have.length(2);
    lines.length = 0;
    serving = await logged(() => serveCli(options(['--cache-file', cacheFile]), openSource));
    try {
      expect(lines.join('\n')).to.include('2 answers restored');
      // The report was kept too: served at once, no validation before listening.
      expect(lines.join('\n')).to.include('kept from the last run');
      expect(lines.join('\n')).to.not.include('reading and validating');
      const again = await post(serving.url, { metric: 'channelCsat', options: { by: 'channel' } });
      expect(again.headers.get('x-pulso-cache')).to.equal('hit');
    } finally {
      await serving.close();
    }
  });

  it('serves a restart on kept answers without touching the database, before listening as after', async () => {
    // A copy: the query asked at the end is kept in it too.
    const cacheFile = join(dir, 'answers-restart.json');
    copyFileSync(join(dir, 'answers.json'), cacheFile);
    const touched: string[] = [];
    // The source as opened, with the calls that reach the database recorded (its report is the one kept).
    const watched = async (choice: Parameters<typeof openSource>[0]): Promise<PulsoSource> => {
      const source = await openSource(choice);
      const out = Object.create(source) as PulsoSource;
      out.aggregate = (query, signal) => (touched.push(`aggregate ${query.metric}`), source.aggregate(query, signal));
      out.load = (request, signal) => (touched.push(`load ${request.table}`), source.load(request, signal));
      return out;
    };
    const serving = await logged(() => serveCli(options(['--cache-file', cacheFile]), watched));
    try {
      for (const query of [NPS, { metric: 'channelCsat', options: { by: 'channel' } }]) {
        const reply = await post(serving.url, query);
        expect(reply.status).to.equal(200);
        expect(reply.headers.get('x-pulso-cache')).to.equal('hit');
        expect((reply.body as { rows: unknown[] }).rows).to.not.be.empty;
      }
      expect(touched).to.deep.equal([]);
      // A query that was not kept reaches the database: the watch sees calls.
      await post(serving.url, { metric: 'npsTrend', options: { period: 'quarter' } });
      expect(touched).to.include('aggregate npsTrend');
    } finally {
      await serving.close();
    }
  });

  it('on a changed file, computes the recorded queries again instead of reusing their answers', async () => {
    const cacheFile = join(dir, 'answers.json');
    const stored = JSON.parse(readFileSync(cacheFile, 'utf8')) as { answers: { rows: unknown[] }[] };
    stored.answers[0].rows = [{ forged: true }];
    writeFileSync(cacheFile, JSON.stringify(stored));
    utimesSync(fx.path!, new Date(), new Date(Date.now() + 5_000));
    lines.length = 0;
    const serving = await logged(() => serveCli(options(['--cache-file', cacheFile]), openSource));
    try {
      expect(lines.join('\n')).to.not.include('restored');
      expect(lines.join('\n')).to.not.include('kept from the last run');
      expect(lines.join('\n')).to.include('2 of 2 answered');
      for (const query of [NPS, { metric: 'channelCsat', options: { by: 'channel' } }]) {
        const reply = await post(serving.url, query);
        expect(reply.headers.get('x-pulso-cache')).to.equal('hit');
        expect(JSON.stringify(reply.body)).to.not.include('forged');
      }
    } finally {
      await serving.close();
    }
  });

  it('refuses --warm for a source that may change, and names the fix', async () => {
    const parsed = parseServeArgs(['--demo', '--customers', '50', '--port', '0', '--warm', join(dir, 'warm.json')]) as ServeOptions;
    let error: unknown;
    await serveCli(parsed, openSource).catch((e: unknown) => (error = e));
    expect(String(error)).to.match(/--immutable/);
  });
});
