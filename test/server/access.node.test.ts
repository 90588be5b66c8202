// What createHandler guards, on a real HTTP server: who may ask (authorize → 403), what
// they see (row-level filters added to every query and load, which no filter of the
// browser's can undo), what never leaves (counts below k), and the work a client that
// leaves or waits too long no longer needs (cancelled at the source).
import { expect } from 'chai';
import type { Row } from '../../src/data/schema.js';
import { validate } from '../../src/data/validate.js';
import { runQuery } from '../../src/query/run.js';
import { createMemorySource } from '../../src/server/memory-source.js';
import type { PulsoSource } from '../../src/server/types.js';
import { accountIds, asOf, get, post, serve, tables, type Served } from './support.js';

const source = createMemorySource(tables);
const H1 = [{ column: 'account', values: ['H1'] }];
const h1Tables = () => {
  const ids = accountIds('H1');
  const mine = (r: Row) => r.customer_id !== null && ids.has(String(r.customer_id));
  return { customers: tables.customers.filter(mine), activity: tables.activity.filter(mine), surveys: tables.surveys.filter(mine), tickets: tables.tickets.filter(mine) };
};
const json = (v: unknown): unknown => JSON.parse(JSON.stringify(v));

describe('createHandler: authorize and row-level filters', () => {
  let api: Served;
  before(async () => {
    api = await serve(source, {
      pageSize: 300,
      authorize: (req) => {
        const token = req.headers.authorization;
        if (token === 'Bearer h1') return { scope: 'hospital-1', filters: H1 };
        if (token === 'Bearer boom') throw new Error('token expired');
        return null;
      },
    });
  });
  after(() => api.close());

  const as = { Authorization: 'Bearer h1' };

  it('refuses a caller authorize refuses with 403 and no data', async () => {
    for (const headers of [{}, { Authorization: 'Bearer nobody' }, { Authorization: 'Bearer boom' }] as Record<string, string>[]) {
      expect(await get(`${api.url}/customers`, headers)).to.deep.include({ status: 403, body: { error: 'Forbidden' } });
      expect(await post(api.url, { metric: 'extent', options: { table: 'customers' } }, headers)).to.deep.include({ status: 403, body: { error: 'Forbidden' } });
      expect((await get(`${api.url}/capabilities`, headers)).status).to.equal(403);
    }
  });

  it('serves only the account rows of every table, pages included', async () => {
    const ids = accountIds('H1');
    for (const table of ['customers', 'activity', 'surveys', 'tickets'] as const) {
      const rows: Row[] = [];
      let url: string | null = `${api.url}/${table}`;
      while (url) {
        const { status, body } = await get(url, as);
        expect(status).to.equal(200);
        const page = Array.isArray(body) ? { rows: body as Row[], next: null } : (body as { rows: Row[]; next: string | null });
        rows.push(...page.rows);
        url = page.next ? new URL(page.next, url).href : null;
      }
      expect(rows.length, table).to.be.greaterThan(0);
      for (const r of rows) expect(ids.has(String(r.customer_id)), `${table} ${String(r.customer_id)}`).to.equal(true);
      // Anonymous answers have no account: they are not the hospital's to see.
      expect(rows.length, table).to.equal(h1Tables()[table].filter((r) => r.customer_id !== null).length - rejectedOf(table));
    }
  });

  it('computes every query on the account alone, whatever filters the browser sends', async () => {
    const queries = [
      { metric: 'npsTrend', options: { period: 'month', by: 'account' } },
      // The browser asks for the other hospital: it gets nobody, not H2.
      { metric: 'npsTrend', options: { period: 'month' }, filters: [{ column: 'account', values: ['H2'] }] },
      { metric: 'npsTrend', options: { period: 'month' }, filters: [{ column: 'account', values: ['H1', 'H2', null] }] },
      { metric: 'values', options: { column: 'account' } },
      { metric: 'values', options: { table: 'activity', column: 'customer_id' } },
      { metric: 'retention', options: { asOf, by: 'account' } },
      { metric: 'kpis', options: { from: '2025-03-01', to: '2025-06-01' } },
      { metric: 'extent', options: { table: 'tickets' } },
    ];
    for (const query of queries) {
      const { status, body } = await post(api.url, query, as);
      expect(status, JSON.stringify(query)).to.equal(200);
      const { rows, report } = body as { rows: Row[]; report: { accepted: number } };
      // What the query gives on the hospital's own tables, and nothing of the other's.
      expect(rows, JSON.stringify(query)).to.deep.equal(json(runQuery(h1Tables(), query)));
      // Nor does the report count the whole database.
      expect(report.accepted).to.equal(0);
    }
    const values = (await post(api.url, { metric: 'values', options: { column: 'account' } }, as)).body as { rows: Row[] };
    expect(values.rows.map((r) => r.value)).to.deep.equal(['H1']);
    const h2 = (await post(api.url, { metric: 'npsTrend', options: { period: 'month' }, filters: [{ column: 'account', values: ['H2'] }] }, as)).body as { rows: Row[] };
    expect(h2.rows.every((r) => r.n === 0)).to.equal(true);
  });

  it('keeps the filters on a source that cannot filter its rows: loads refused, queries still filtered', async () => {
    const blind: PulsoSource = { ...source, capabilities: () => ({ metrics: ['npsTrend'], filters: false }) };
    const other = await serve(blind, { authorize: () => ({ scope: 'h1', filters: H1 }) });
    try {
      expect(await get(`${other.url}/customers`)).to.deep.include({ status: 403, body: { error: 'This source cannot apply your row-level filters to its rows' } });
      const { body } = await post(other.url, { metric: 'npsTrend', options: { by: 'account' } });
      expect((body as { rows: Row[] }).rows).to.deep.equal(json(runQuery(h1Tables(), { metric: 'npsTrend', options: { by: 'account' } })));
      // A metric it does not compute would need its rows: refused, not computed on everyone's.
      expect((await post(other.url, { metric: 'values', options: { column: 'account' } })).status).to.equal(501);
    } finally {
      await other.close();
    }
  });
});

/** Rows of the hospital's customers that validation rejects (served to nobody). */
function rejectedOf(table: 'customers' | 'activity' | 'surveys' | 'tickets'): number {
  return validate({ [table]: h1Tables()[table].filter((r) => r.customer_id !== null) }).report.rejected;
}
