// pulso-serve as a user runs it: `node bin/pulso-serve.mjs …` in a child process on a free
// loopback port. It serves the seeded demo plan (capabilities, aggregates equal to
// runQuery with the server's minimum cell size, CORS for the origins given), stops
// cleanly on SIGTERM, and refuses a command line it cannot serve with a reason.
import { expect } from 'chai';
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { generateHealthPlan } from '../../demo/data/health-plan.js';
import { runQuery } from '../../src/query/run.js';
import type { MetricQuery } from '../../src/query/types.js';
import { parseServeArgs, UsageError } from '../../src/server/cli.js';
import { openSource } from '../../src/server/cli-sources.js';
import { freePort } from '../e2e/browser.js';
import { clickhouseFixture, needClickHouse, stopOwnCluster, toSeconds } from './clickhouse-cluster.js';
import { duckdbFixture } from './engines.js';

const BIN = resolve(import.meta.dirname, '../../bin/pulso-serve.mjs');
const CUSTOMERS = 300;
const K = 25;

interface Run {
  child: ChildProcess;
  out: () => string;
  err: () => string;
  exited: Promise<number | null>;
}

function start(args: string[]): Run {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d));
  child.stderr!.on('data', (d: Buffer) => (err += d));
  const exited = new Promise<number | null>((ok) => child.on('exit', (code) => ok(code)));
  return { child, out: () => out, err: () => err, exited };
}

/** The API's address once the CLI prints it (or the reason it stopped). */
async function listening(run: Run, timeoutMs = 45_000): Promise<string> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const found = /serving \S+ at (http:\/\/\S+)/.exec(run.out());
    if (found) return found[1];
    if (run.child.exitCode !== null) throw new Error(`pulso-serve exited ${run.child.exitCode}: ${run.err()}`);
    if (Date.now() > until) throw new Error(`pulso-serve never listened: ${run.out()} ${run.err()}`);
    await new Promise((ok) => setTimeout(ok, 100));
  }
}

describe('pulso-serve (the CLI, as a child process)', () => {
  let run: Run;
  let url: string;
  let port: number;

  before(async () => {
    port = await freePort();
    run = start(['--demo', '--customers', String(CUSTOMERS), '--port', String(port), '--min-cell-size', String(K), '--cors', 'https://portal.example.org']);
    url = await listening(run);
  });
  after(async () => {
    if (run.child.exitCode === null) run.child.kill('SIGKILL');
  });

  it('listens on loopback at the port given, under /api', () => {
    expect(url).to.equal(`http://127.0.0.1:${port}/api`);
  });

  it('says what it serves at /capabilities, with its minimum cell size', async () => {
    const response = await fetch(`${url}/capabilities`);
    expect(response.status).to.equal(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).to.deep.include({ pushDown: true, minCellSize: K, arrow: true });
    expect(body.tables).to.deep.equal(['customers', 'activity', 'surveys', 'tickets']);
  });

  it('answers an aggregate equal to runQuery on the same seeded plan, no count under its k', async () => {
    const plan = generateHealthPlan({ customers: CUSTOMERS });
    const tables = { customers: plan.customers, activity: plan.activity, surveys: plan.surveys, tickets: plan.tickets };
    const query: MetricQuery = { metric: 'values', options: { column: 'region' } };
    const response = await fetch(`${url}/aggregate`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(query) });
    expect(response.status).to.equal(200);
    const { rows } = (await response.json()) as { rows: unknown[] };
    const raised = runQuery(tables, { ...query, options: { ...query.options, minCellSize: K } });
    expect(rows).to.deep.equal(JSON.parse(JSON.stringify(raised)));
    // The plan has regions under k: the server's k is what hid them.
    expect(rows).to.not.deep.equal(JSON.parse(JSON.stringify(runQuery(tables, query))));
  });

  it('lets the --cors origin read its answers, and no other', async () => {
    const allowed = await fetch(`${url}/capabilities`, { headers: { Origin: 'https://portal.example.org' } });
    expect(allowed.headers.get('access-control-allow-origin')).to.equal('https://portal.example.org');
    const other = await fetch(`${url}/capabilities`, { headers: { Origin: 'https://elsewhere.example' } });
    expect(other.headers.get('access-control-allow-origin')).to.equal(null);
  });

  it('answers 404 outside its base', async () => {
    expect((await fetch(`http://127.0.0.1:${port}/other`)).status).to.equal(404);
  });

  it('stops on SIGTERM: exit code 0, the port closed', async () => {
    run.child.kill('SIGTERM');
    expect(await run.exited).to.equal(0);
    const refused = await fetch(`${url}/capabilities`).then(
      () => false,
      () => true,
    );
    expect(refused, 'the port still answers').to.equal(true);
  });
});

describe('pulso-serve --duckdb FILE', function () {
  this.timeout(120_000);
  it('computes in SQL on the file: npsTrend by channel equals runQuery at the server\'s k', async () => {
    const plan = generateHealthPlan({ customers: CUSTOMERS });
    const rows = plan.surveys.map((r) => ({ ...r, at: Date.parse(r.at as string) }));
    const fx = await duckdbFixture({ surveys: { columns: { at: 'ts', kind: 'text', score: 'num', customer_id: 'text', channel: 'text' }, rows } });
    const port = await freePort();
    const run = start(['--duckdb', fx.path!, '--port', String(port), '--min-cell-size', '5']);
    try {
      const url = await listening(run);
      const query: MetricQuery = { metric: 'npsTrend', options: { period: 'month', by: 'channel' } };
      const response = await fetch(`${url}/aggregate`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(query) });
      expect(response.status, await response.clone().text()).to.equal(200);
      const { rows: got } = (await response.json()) as { rows: unknown[] };
      const want = runQuery({ surveys: plan.surveys }, { ...query, options: { ...query.options, minCellSize: 5 } });
      expect(got.length).to.be.greaterThan(10);
      expect(got).to.deep.equal(JSON.parse(JSON.stringify(want)));
    } finally {
      if (run.child.exitCode === null) run.child.kill('SIGTERM');
      await run.exited;
      await fx.close();
    }
  });
});

describe('pulso-serve --clickhouse URL --database NAME', function () {
  this.timeout(180_000);
  after(() => stopOwnCluster());
  it('computes on the two-shard cluster: npsTrend by channel equals runQuery at the server\'s k', async function () {
    const urls = needClickHouse(this);
    const plan = generateHealthPlan({ customers: CUSTOMERS });
    const rows = plan.surveys.map((r) => ({ ...r, at: Date.parse(r.at as string) }));
    const tables = toSeconds({ surveys: { columns: { at: 'ts', kind: 'text', score: 'num', customer_id: 'text', channel: 'text' }, rows } });
    const fx = await clickhouseFixture(urls, tables);
    const port = await freePort();
    const run = start(['--clickhouse', urls[0], '--database', fx.database, '--port', String(port), '--min-cell-size', '5']);
    try {
      const url = await listening(run);
      // The rows exist only on the shards: the answer is the cluster's.
      const caps = (await (await fetch(`${url}/capabilities`)).json()) as { metrics: string[]; pushDown: boolean };
      expect(caps).to.deep.include({ pushDown: true });
      expect(caps.metrics).to.include('npsTrend');
      const query: MetricQuery = { metric: 'npsTrend', options: { period: 'month', by: 'channel' } };
      const response = await fetch(`${url}/aggregate`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(query) });
      expect(response.status, await response.clone().text()).to.equal(200);
      const { rows: got } = (await response.json()) as { rows: unknown[] };
      const want = runQuery({ surveys: tables.surveys.rows } as never, { ...query, options: { ...query.options, minCellSize: 5 } });
      expect(got.length).to.be.greaterThan(10);
      expect(got).to.deep.equal(JSON.parse(JSON.stringify(want)));
    } finally {
      if (run.child.exitCode === null) run.child.kill('SIGTERM');
      await run.exited;
      await fx.close();
    }
  });
});

describe('pulso-serve --clickhouse URL --sharded-by customer_id', function () {
  this.timeout(240_000);
  after(() => stopOwnCluster());
  const query: MetricQuery = { metric: 'featureAdoption', options: { features: ['teleconsult', 'lab_results'], period: 'month' } };

  /** featureAdoption as the CLI with --sharded-by answers it on tables placed by customer or not. */
  async function served(urls: string[], byCustomer: boolean): Promise<{ got: unknown; want: unknown }> {
    const plan = generateHealthPlan({ customers: CUSTOMERS });
    const rows = plan.activity.map((r) => ({ ...r, at: Date.parse(r.at as string) }));
    const tables = toSeconds({ activity: { columns: { customer_id: 'text', at: 'ts', event: 'text' }, rows } });
    const fx = await clickhouseFixture(urls, tables, byCustomer ? 'customer_id' : undefined);
    const port = await freePort();
    const run = start(['--clickhouse', urls[0], '--database', fx.database, '--sharded-by', 'customer_id', '--port', String(port), '--min-cell-size', '5']);
    try {
      const url = await listening(run);
      const response = await fetch(`${url}/aggregate`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(query) });
      expect(response.status, await response.clone().text()).to.equal(200);
      const { rows: got } = (await response.json()) as { rows: unknown[] };
      const want = runQuery({ activity: tables.activity.rows } as never, { ...query, options: { ...query.options, minCellSize: 5 } });
      expect(want.length).to.be.greaterThan(10);
      return { got, want: JSON.parse(JSON.stringify(want)) };
    } finally {
      if (run.child.exitCode === null) run.child.kill('SIGTERM');
      await run.exited;
      await fx.close();
    }
  }

  it('equals runQuery on tables sharded by customer (each shard counts its own customers)', async function () {
    const { got, want } = await served(needClickHouse(this), true);
    expect(got).to.deep.equal(want);
  });

  it('reaches the source: on tables that split customers between shards, the shards\' counts are added as if disjoint', async function () {
    const { got, want } = await served(needClickHouse(this), false);
    expect(got).to.not.deep.equal(want);
  });
});

describe('pulso-serve: command lines it cannot serve', () => {
  it('exits 2 with the reason and the usage, serving nothing', async () => {
    for (const [args, message] of [
      [[], /Give a source/],
      [['--demo', '--bogus'], /Unknown option '--bogus'/],
    ] as const) {
      const run = start([...args]);
      expect(await run.exited).to.equal(2);
      expect(run.err()).to.match(message).and.to.match(/Usage: pulso-serve/);
      expect(run.out()).to.not.match(/serving/);
    }
  });

  it('names what is wrong with each option', () => {
    const cases: [string[], RegExp][] = [
      [['--demo', '--json', 'x'], /one source/],
      [['--demo', '--port', '80000'], /--port must be a whole number from 0 to 65535; got "80000"/],
      [['--demo', '--min-cell-size', '-3'], /--min-cell-size/],
      [['--json', 'x', '--customers', '9'], /--customers goes with --demo/],
      [['--demo', '--base', '/a/../b'], /--base must be a path/],
      [['--clickhouse', 'localhost:8123'], /--clickhouse must be an HTTP URL/],
      [['--demo', '--database', 'x'], /--database goes with --clickhouse/],
      [['--demo', '--sharded-by', 'customer_id'], /--sharded-by goes with --clickhouse/],
      [['--clickhouse', 'http://127.0.0.1:8123', '--sharded-by', 'ticket_id'], /--sharded-by must be customer_id/],
      [['--demo', '--facts-file', 'facts.json'], /--facts-file goes with --clickhouse/],
    ];
    for (const [args, message] of cases) expect(() => parseServeArgs(args), args.join(' ')).to.throw(UsageError, message);
    expect(parseServeArgs(['--clickhouse', 'http://127.0.0.1:8123', '--database', 'plan'])).to.deep.include({ source: { kind: 'clickhouse', url: 'http://127.0.0.1:8123', database: 'plan' } });
    expect(parseServeArgs(['--clickhouse', 'http://127.0.0.1:8123', '--sharded-by', 'customer_id'])).to.deep.include({ source: { kind: 'clickhouse', url: 'http://127.0.0.1:8123', shardedBy: 'customer_id' } });
    expect(parseServeArgs(['--clickhouse', 'http://127.0.0.1:8123', '--facts-file', 'f.json'])).to.deep.include({ source: { kind: 'clickhouse', url: 'http://127.0.0.1:8123', factsFile: 'f.json' } });
    expect(parseServeArgs(['--duckdb', 'plan.duckdb', '--base', 'v1/'])).to.deep.include({ source: { kind: 'duckdb', file: 'plan.duckdb' }, base: '/v1', host: '127.0.0.1', port: 8787, minCellSize: 11 });
  });

  it('refuses a JSON folder without tables', async () => {
    await openSource({ kind: 'json', dir: '/nonexistent-pulso-dir' }).then(
      () => expect.fail('opened'),
      (e: unknown) => expect(e).to.be.instanceOf(UsageError).with.property('message').match(/has none of customers\.json/),
    );
  });

});
