// A DuckDB source validates its (read-only) file once and then applies only the rules
// the rows need (src/server/validate-once.ts). On rows where some rules never apply —
// text already trimmed, survey kinds in lower case, ids that never repeat, problems
// of one kind only — the answers and the report must be those of every rule in every
// query (validateOnce: false), and those of runQuery; and the statements must really
// leave out what does not apply.
import { expect } from 'chai';
import { validate } from '../../src/data/validate.js';
import { runQuery } from '../../src/query/run.js';
import { CASES } from './cases.js';
import { testData, type TestData } from './data.js';
import { duckdbFixture, type Fixture } from './engines.js';
import { expectSameRows } from './equal.js';

/** testData with its text trimmed, kinds in lower case, customer ids unique: the NPS answers above 10 stay. */
function partlyClean(seed: number): TestData {
  const data = testData(seed);
  const trim = (v: unknown) => (typeof v === 'string' ? v.trim() || null : v);
  const seen = new Set<unknown>();
  for (const table of Object.values(data.js)) {
    for (const row of table as Record<string, unknown>[]) for (const k of Object.keys(row)) row[k] = trim(row[k]);
  }
  data.js.customers = (data.js.customers as Record<string, unknown>[]).filter((r) => r.customer_id !== null && !seen.has(r.customer_id) && seen.add(r.customer_id));
  for (const r of data.js.surveys as Record<string, unknown>[]) if (typeof r.kind === 'string') r.kind = r.kind.toLowerCase();
  for (const [name, t] of Object.entries(data.sql)) t.rows = data.js[name as keyof typeof data.js] as Record<string, unknown>[];
  return data;
}

describe('SQL source (duckdb) validated once', function () {
  this.timeout(180_000);
  const data = partlyClean(20261202);
  let once: Fixture;
  let every: Fixture;
  before(async () => {
    once = await duckdbFixture(data.sql);
    every = await duckdbFixture(data.sql, { validateOnce: false });
  });
  after(async () => {
    await once?.close();
    await every?.close();
  });

  it('reports what every rule reports, and what the browser validation counts', async () => {
    const [a, b] = [await once.source.report(), await every.source.report()];
    expect(a).to.deep.equal(b);
    const browser = validate(data.js);
    expect(a.accepted).to.equal(browser.report.accepted);
    expect(a.rejected).to.equal(browser.report.rejected);
    expect(a.rejected, 'some rows are still rejected (the rules that apply stay)').to.be.greaterThan(0);
  });

  it('leaves out the rules the rows do not need, and keeps those they do', async () => {
    await once.source.report();
    const [funnel] = await once.source.sql({ metric: 'funnel', options: { steps: ['signup', 'login'] } });
    const [all] = await every.source.sql({ metric: 'funnel', options: { steps: ['signup', 'login'] } });
    expect(all.text).to.match(/regexp_replace/);
    expect(all.text).to.match(/unparseable-time/);
    expect(funnel.text, 'activity text is trimmed already').not.to.match(/regexp_replace/);
    const [nps] = await once.source.sql({ metric: 'npsTrend', options: { period: 'month' } });
    const report = await once.source.report();
    const problems = report.counts.filter((c) => c.table === 'surveys').map((c) => `${c.field}|${c.problem}`);
    expect(problems, 'the surveys still have problems').to.include('score|out-of-range');
    for (const p of problems) expect(nps.text, `the ${p} check stays`).to.include(`'${p}'`);
    expect(nps.text, 'no check that never applies').not.to.match(/unparseable-time/);
    const [retention] = await once.source.sql({ metric: 'retention', options: { period: 'month' } });
    expect(retention.text, 'no id repeats: no de-duplication').not.to.match(/row_number\(\) OVER \(PARTITION BY "customer_id"/);
  });

  for (const metric of ['retention', 'npsTrend', 'ticketStats', 'funnel', 'kpis', 'survival', 'valueConcentration'] as const) {
    it(`${metric}: answers as with every rule, and as runQuery`, async () => {
      for (const query of CASES[metric]) {
        const label = JSON.stringify(query);
        const expected = runQuery(data.js, query);
        expectSameRows(await once.source.aggregate(query), expected, label);
        expectSameRows(await every.source.aggregate(query), expected, `${label} (every rule)`);
      }
    });
  }
});
