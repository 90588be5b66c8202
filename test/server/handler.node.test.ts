// createHandler on a real HTTP server (loopback, a free port): the REST convention of
// SPEC §5 (arrays, pages, Arrow), POST /aggregate and GET /capabilities, and what it
// refuses — bad queries, big bodies, other methods, unknown routes.
import { expect } from 'chai';
import { fromArrow } from 'arquero';
import { JsonAdapter } from '../../src/adapters/json.js';
import { validate } from '../../src/data/validate.js';
import { runQuery } from '../../src/query/run.js';
import { METRIC_NAMES } from '../../src/query/types.js';
import { createMemorySource } from '../../src/server/memory-source.js';
import type { Row } from '../../src/data/schema.js';
import { asOf, get, post, serve, tables, type Served } from './support.js';

const source = createMemorySource(tables);
const accepted = validate(tables).report.tables;

describe('createHandler: the REST convention', () => {
  let api: Served;
  before(async () => (api = await serve(source, { pageSize: 500 })));
  after(() => api.close());

  it('answers a small table as one JSON array of validated rows, times as ISO text', async () => {
    const { status, body, headers } = await get(`${api.url}/customers`);
    expect(status).to.equal(200);
    expect(headers.get('content-type')).to.match(/^application\/json/);
    expect(headers.get('cache-control')).to.equal('no-store');
    const rows = body as Row[];
    expect(rows).to.be.an('array').with.length(accepted.customers!.accepted);
    expect(rows[0]).to.include.keys('customer_id', 'signup_at', 'churned_at', 'user_type', 'plan', 'account');
    expect(rows[0].signup_at).to.match(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('keeps a half-open from/to range on the main time column, and the columns asked', async () => {
    const { body } = await get(`${api.url}/surveys?from=2025-03-01T00:00:00.000Z&to=2025-04-01&columns=at,score`);
    const rows = body as Row[];
    expect(rows.length).to.be.greaterThan(0);
    for (const r of rows) {
      expect(Object.keys(r)).to.deep.equal(['at', 'score']);
      expect(r.at! >= '2025-03-01' && r.at! < '2025-04-01', String(r.at)).to.equal(true);
    }
  });

  it('pages a big table as { rows, next } with next a relative link on its own origin, which JsonAdapter follows', async () => {
    const first = (await get(`${api.url}/activity`)).body as { rows: Row[]; next: string };
    expect(first.rows).to.have.length(500);
    expect(first.next).to.equal('activity?offset=500');
    const all = await new JsonAdapter({ base: api.url }).load({ table: 'activity' });
    expect(all.numRows()).to.equal(accepted.activity!.accepted);
    const last = (await get(`${api.url}/activity?offset=${accepted.activity!.accepted - 3}`)).body as { rows: Row[]; next: unknown };
    expect(last).to.deep.include({ next: null });
    expect(last.rows).to.have.length(3);
  });

  it('answers Arrow IPC when asked, the whole table', async () => {
    const { headers, body } = await get(`${api.url}/tickets`, { Accept: 'application/vnd.apache.arrow.stream' });
    expect(headers.get('content-type')).to.equal('application/vnd.apache.arrow.stream');
    const table = fromArrow(body as Uint8Array);
    expect(table.numRows()).to.equal(accepted.tickets!.accepted);
    const viaAdapter = await new JsonAdapter({ base: api.url, arrow: true }).load({ table: 'tickets' });
    expect(viaAdapter.numRows()).to.equal(table.numRows());
  });

  it('computes a query: { rows, report } with the rows runQuery gives on the same data', async () => {
    const query = { metric: 'npsTrend', options: { period: 'month', by: 'plan' }, filters: [{ column: 'region', values: ['Sul', 'Sudeste'] }] };
    const { status, body } = await post(api.url, query);
    expect(status).to.equal(200);
    const { rows, report } = body as { rows: Row[]; report: { tables: object; rejected: number } };
    expect(rows).to.deep.equal(JSON.parse(JSON.stringify(runQuery(tables, query))));
    expect(rows.length).to.be.greaterThan(10);
    // The report is the one of the tables the query read (surveys, and customers for the filter and by).
    expect(Object.keys(report.tables).sort()).to.deep.equal(['customers', 'surveys']);
    expect(report.rejected).to.equal(validate({ surveys: tables.surveys }).report.rejected);
  });

  it('answers the values query the segment list asks', async () => {
    const { body } = await post(api.url, { metric: 'values', options: { table: 'customers', column: 'account' } });
    expect((body as { rows: unknown }).rows).to.deep.equal([
      { value: 'H1', count: tables.customers.filter((c) => c.account === 'H1').length },
      { value: 'H2', count: tables.customers.filter((c) => c.account === 'H2').length },
    ]);
  });

  it('says what it computes at GET /capabilities', async () => {
    const { status, body } = await get(`${api.url}/capabilities`);
    expect(status).to.equal(200);
    expect(body).to.deep.include({ metrics: [...METRIC_NAMES], pushDown: true, pageSize: 500, arrow: true, minCellSize: 0 });
  });

  it('answers a query it cannot take 400 with the message the browser would give', async () => {
    const bad = await post(api.url, { metric: 'npsTrend', options: { period: 'mnth' } });
    expect(bad).to.deep.include({ status: 400, body: { error: "period must be one of day, week, month, quarter, year; got 'mnth'" } });
    const unknown = await post(api.url, { metric: 'churn', options: {} });
    expect(unknown.status).to.equal(400);
    expect((unknown.body as { error: string }).error).to.match(/^metric must be one of retention/);
    // Told only with the data: a segment column no table has.
    const by = await post(api.url, { metric: 'npsTrend', options: { by: 'hospital_wing' } });
    expect(by.status).to.equal(400);
    expect((by.body as { error: string }).error).to.match(/by 'hospital_wing' is neither a column/);
    const garbage = await post(api.url, '{ metric: npsTrend');
    expect(garbage.status).to.equal(400);
    expect((garbage.body as { error: string }).error).to.match(/^The body must be a JSON query/);
    const filter = await post(api.url, { metric: 'npsTrend', options: {}, filters: [{ column: 'plan' }] });
    expect(filter).to.deep.include({ status: 400, body: { error: 'filters[0] needs values or a range (from, to)' } });
  });

  it('refuses a body over its size limit with 413, and keeps serving', async () => {
    const huge = { metric: 'npsTrend', options: {}, filters: [{ column: 'plan', values: Array.from({ length: 20000 }, (_, i) => `plan-${i}`) }] };
    const { status, body } = await post(api.url, huge);
    expect(status).to.equal(413);
    expect(body).to.deep.equal({ error: 'The request body is larger than 65536 bytes' });
    expect((await post(api.url, { metric: 'extent', options: { table: 'surveys' } })).status).to.equal(200);
  });

  it('answers a bad range 400, an unknown table 404 and another method 405', async () => {
    expect(await get(`${api.url}/surveys?from=last%20week`)).to.deep.include({ status: 400, body: { error: 'from must be an ISO-8601 time; got "last week"' } });
    expect(await get(`${api.url}/surveys?offset=-3`)).to.deep.include({ status: 400 });
    expect((await get(`${api.url}/orders`)).status).to.equal(404);
    expect((await get(`${api.url.replace('/api', '/other')}/surveys`)).status).to.equal(404);
    const put = await fetch(`${api.url}/surveys`, { method: 'DELETE' });
    expect(put.status).to.equal(405);
    expect(put.headers.get('allow')).to.equal('GET');
    expect((await fetch(`${api.url}/aggregate`)).status).to.equal(405);
  });

  it('sends what the rows carry besides the rows: retention’s excluded counts', async () => {
    const query = { metric: 'retention', options: { asOf, by: 'account', minCellSize: 5 } };
    const { body } = await post(api.url, query);
    const expected = runQuery(tables, query) as Row[] & { excluded: object };
    expect((body as { rows: unknown }).rows).to.deep.equal(JSON.parse(JSON.stringify(expected)));
    expect((body as { extras: unknown }).extras).to.deep.equal({ excluded: expected.excluded });
    expect(body).to.not.have.property('extras', undefined);
    expect((await post(api.url, { metric: 'npsTrend', options: {} })).body).to.not.have.property('extras');
  });
});
