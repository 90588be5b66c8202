// "Others" over the wire: pulso-serve over a SQL source sends how many segments went
// into "(others)" (the rows' `othersGrouped`, which JSON alone would drop) beside the
// rows, and the push-down JsonAdapter puts it back, so a widget says "12 smaller
// segments are grouped as “Others”" from aggregates as from rows — for every metric
// that folds, those whose medians and distinct customers are computed over the folded rows too.
import { expect } from 'chai';
import { JsonAdapter } from '../../src/adapters/json.js';
import type { Row } from '../../src/data/schema.js';
import { groupedCount } from '../../src/metrics/others.js';
import { runQuery } from '../../src/query/run.js';
import type { MetricQuery } from '../../src/query/types.js';
import { testData } from './data.js';
import { duckdbFixture, type Fixture } from './engines.js';
import { expectSameRows } from './equal.js';
import { post, serve, type Served } from './support.js';

const QUERIES: MetricQuery[] = [
  { metric: 'npsTrend', options: { period: 'quarter', by: 'plan', maxSegments: 2 } },
  { metric: 'ticketStats', options: { by: 'plan', maxSegments: 3 } },
  { metric: 'funnel', options: { steps: ['signup', 'login'], by: 'plan', maxSegments: 4 } },
  { metric: 'featureAdoption', options: { features: ['lab', 'teleconsult'], by: 'plan', maxSegments: 3, period: 'year' } },
];

describe('"(others)" over the wire: othersGrouped from a SQL source to the browser', function () {
  this.timeout(60_000);
  const data = testData(20260301);
  let fx: Fixture;
  let api: Served;
  before(async () => {
    fx = await duckdbFixture(data.sql);
    api = await serve(fx.source);
  });
  after(async () => {
    await api?.close();
    await fx?.close();
  });

  for (const query of QUERIES) {
    it(`${query.metric}: sent beside the rows and put back by the push-down adapter`, async () => {
      const expected = runQuery(data.js, query);
      const n = groupedCount(expected);
      expect(n, 'folds').to.be.above(0);
      const { status, body } = await post(api.url, query);
      expect(status, JSON.stringify(body)).to.equal(200);
      expect((body as { extras?: unknown }).extras).to.deep.equal({ othersGrouped: n });
      const answer = await new JsonAdapter({ base: api.url, pushDown: true }).aggregate!(query);
      const rows = (Array.isArray(answer) ? answer : answer.rows) as Row[];
      expectSameRows(rows, expected, query.metric);
      expect(groupedCount(rows)).to.equal(n);
    });
  }
});
