// A DuckDB source validates its (read-only) file once and then applies only the rules
// the rows need (src/server/validate-once.ts). On rows where some rules never apply —
// text already trimmed, survey kinds in lower case, ids that never repeat, problems
// of one kind only — the answers and the report must be those of every rule in every
// query (validateOnce: false), and those of runQuery; and the statements must really
// leave out what does not apply.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { expect } from 'chai';
import { validate } from '../../src/data/validate.js';
import { runQuery } from '../../src/query/run.js';
import { createSqlSource, type SqlSource } from '../../src/server/index.js';
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
    // It reads NPS answers only: a kind it does not read cannot reject them.
    for (const p of problems.filter((p) => p !== 'kind|unknown-kind')) expect(nps.text, `the ${p} check stays`).to.include(`'${p}'`);
    expect(nps.text, 'no other kind\'s rule').not.to.match(/unknown-kind|kind = 'csat'/);
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

describe('SQL source (duckdb) validated once, times with microseconds', function () {
  this.timeout(60_000);
  // Ends and starts in the same millisecond (valid: validation compares ms) but in the
  // wrong order by microseconds, and times before 1970 (their ms are floored, not truncated).
  const rows = [
    ['t1', "'2026-01-05 10:00:00.000900'", "'2026-01-05 10:00:00.000400'", "'2026-01-05 10:00:00.000100'"],
    ['t2', "'1969-12-31 23:59:59.999500'", "'1970-01-01 00:00:00.000700'", "'1970-01-01 00:02:00'"],
    ['t3', "'2026-01-06 09:00:00'", "'2026-01-06 09:30:00.000001'", "'2026-01-06 08:00:00'"],
  ];
  let dir: string;
  let once: SqlSource;
  let every: SqlSource;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pulso-us-'));
    const path = join(dir, 'data.duckdb');
    const db = await DuckDBInstance.create(path);
    const con = await db.connect();
    await con.run('CREATE TABLE tickets (ticket_id VARCHAR, channel VARCHAR, opened_at TIMESTAMP, first_response_at TIMESTAMP, resolved_at TIMESTAMP, contacts INTEGER)');
    await con.run(`INSERT INTO tickets VALUES ${rows.map(([id, o, f, r]) => `('${id}', 'chat', ${o}, ${f}, ${r}, 1)`).join(', ')}`);
    con.closeSync();
    db.closeSync();
    once = createSqlSource({ engine: 'duckdb', path });
    every = createSqlSource({ engine: 'duckdb', path, validateOnce: false });
  });
  after(async () => {
    await once?.close();
    await every?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps and rejects the rows every rule does, with the same durations', async () => {
    const report = await once.report();
    expect(report).to.deep.equal(await every.report());
    expect(report.tables.tickets, 'only t3 ends before it starts, by ms').to.deep.equal({ accepted: 2, rejected: 1 });
    const query = { metric: 'ticketStats', options: { by: 'channel' } } as const;
    const rows = await once.aggregate(query);
    expect(rows).to.deep.equal(await every.aggregate(query));
    expect(rows[0].tickets).to.equal(2);
    // t1: 0 ms to the first response (same ms); t2: from −1 ms (floored) to 0 ms: 1 ms.
    expect((rows[0].firstResponseMeanMin as number) * 60_000).to.be.closeTo(0.5, 1e-9);
    const [statement] = await once.sql(query);
    expect(statement.text, 'times with microseconds are floored to their ms').to.match(/epoch_us\(CAST\("opened_at"/);
  });
});

describe('SQL source (duckdb) validated once, NPS scores as integers', function () {
  this.timeout(180_000);
  // An INTEGER score column: the NPS classes and scale checks compare the integer as it
  // is (valid.ts integerScore). A DOUBLE column with fractions just off whole numbers
  // (8.5, 6.9999, 9.0001): no answer NPS counts, as the browser rejects them; read as
  // integers they would round or truncate into a class.
  const whole = partlyClean(20261203);
  whole.sql.surveys!.columns.score = 'int';
  whole.js.surveys = (whole.js.surveys as Record<string, unknown>[]).filter((r) => r.score === null || Number.isInteger(r.score));
  whole.sql.surveys!.rows = whole.js.surveys as Record<string, unknown>[];
  const fractions = partlyClean(20261204);
  const surveys = fractions.js.surveys as Record<string, unknown>[];
  surveys.forEach((r, i) => {
    if (r.kind === 'nps' && i % 4 === 0) r.score = [8.5, 6.9999, 9.0001, 7.5, 8.9999][i % 5];
  });
  const QUERIES = [...CASES.npsTrend, ...CASES.kpis, ...CASES.channelCsat, ...CASES.atRisk];
  for (const [label, data, int] of [['integer column', whole, true], ['fractional scores', fractions, false]] as const) {
    it(`${label}: the report and the answers are those of every rule and of runQuery`, async () => {
      const once = await duckdbFixture(data.sql);
      const every = await duckdbFixture(data.sql, { validateOnce: false });
      try {
        const browser = validate(data.js);
        const report = await once.source.report();
        expect(report.accepted).to.equal(browser.report.accepted);
        expect(report.rejected).to.equal(browser.report.rejected);
        const [nps] = await once.source.sql({ metric: 'npsTrend', options: { period: 'month' } });
        if (int) expect(nps.text, 'the integer compared as it is').to.include('"score__int" >= 9');
        else expect(nps.text, 'a float column keeps its double').not.to.include('score__int');
        for (const query of QUERIES) {
          const expected = runQuery(data.js, query);
          expectSameRows(await once.source.aggregate(query), expected, JSON.stringify(query));
          expectSameRows(await every.source.aggregate(query), expected, `${JSON.stringify(query)} (every rule)`);
        }
      } finally {
        await once.close();
        await every.close();
      }
    });
  }
});
