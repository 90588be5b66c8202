// "(others)" at a SQL source: npsTrend, channelCsat and retention fold the segments past
// maxSegments (or outside keepSegments) as the browser does — the same rows, the same
// suppression of the folded cells, the same `othersGrouped` — on DuckDB, PostgreSQL and
// the two-shard ClickHouse; the metrics whose figures do not add up across segments
// (ticketStats medians, funnel times, featureAdoption) still refuse, naming the option.
import { expect } from 'chai';
import type { Tables } from '../../src/data/schema.js';
import { groupedCount } from '../../src/metrics/others.js';
import { runQuery } from '../../src/query/run.js';
import type { MetricQuery } from '../../src/query/types.js';
import { PushDownError } from '../../src/server/index.js';
import { FILTERS } from './cases.js';
import { clickhouseFixture, needClickHouse, stopOwnCluster, toSeconds } from './clickhouse-cluster.js';
import { testData } from './data.js';
import { duckdbFixture, needPostgres, postgresFixture, type Fixture } from './engines.js';
import { expectSameExcluded, expectSameRows } from './equal.js';

const AS_OF = '2020-03-15T12:00:00Z';

/** Each folds: the kernel's answer has an "(others)" row (checked below). */
export const FOLDED: MetricQuery[] = [
  { metric: 'npsTrend', options: { period: 'quarter', by: 'plan', maxSegments: 2 } },
  { metric: 'npsTrend', options: { rolling: 3, from: '2018-03-01', to: '2019-04-01', by: 'revenue', maxSegments: 3, minCellSize: 3 } },
  { metric: 'npsTrend', options: { period: 'year', by: 'channel', keepSegments: ['chat', '(none)'] }, filters: FILTERS[1] },
  { metric: 'channelCsat', options: { by: 'plan', maxSegments: 2, minCellSize: 4 } },
  { metric: 'channelCsat', options: { period: 'quarter', keepSegments: ['app', 'phone'], timeZone: 'America/Sao_Paulo' } },
  { metric: 'channelCsat', options: { by: 'revenue', maxSegments: 4, satisfiedMin: 3.5 }, filters: FILTERS[3] },
  { metric: 'retention', options: { asOf: AS_OF, by: 'plan', maxSegments: 2, minCellSize: 5 } },
  { metric: 'retention', options: { asOf: '2019-06-01', by: 'plan', keepSegments: ['Ouro'] } },
  { metric: 'retention', options: { asOf: AS_OF, mode: 'activity', by: 'user_type', maxSegments: 2, maxOffset: 6 }, filters: FILTERS[5] },
  { metric: 'retention', options: { asOf: '2019-06-01', cohortBy: 'first-activity', by: 'plan', maxSegments: 3 } },
  { metric: 'retention', options: { asOf: AS_OF, by: 'revenue', maxSegments: 3 } },
  // Activity mode by first activity: on ClickHouse the cohorts' sizes (the weights) come from offset 0.
  { metric: 'retention', options: { asOf: AS_OF, mode: 'activity', cohortBy: 'first-activity', by: 'platform', maxSegments: 2 } },
];

const REFUSED: MetricQuery[] = [
  { metric: 'ticketStats', options: { by: 'plan', maxSegments: 2 } },
  { metric: 'funnel', options: { steps: ['signup', 'login'], by: 'plan', keepSegments: ['Ouro'] } },
  { metric: 'featureAdoption', options: { features: ['lab'], by: 'plan', maxSegments: 2 } },
];

const data = testData(20260301);
const chSql = toSeconds(data.sql);
const chJs = Object.fromEntries(Object.entries(chSql).map(([name, t]) => [name, t.rows])) as unknown as Tables;

for (const engine of ['duckdb', 'postgres', 'clickhouse'] as const) {
  describe(`"(others)" at a SQL source (${engine})`, function () {
    this.timeout(120_000);
    let fx: Fixture;
    const js = engine === 'clickhouse' ? chJs : data.js;
    before(async function () {
      if (engine === 'postgres') needPostgres(this);
      if (engine === 'clickhouse') fx = await clickhouseFixture(needClickHouse(this), chSql);
      else fx = engine === 'duckdb' ? await duckdbFixture(data.sql) : await postgresFixture(data.sql);
    });
    after(async () => {
      await fx?.close();
      if (engine === 'clickhouse') stopOwnCluster();
    });

    it(`folds as runQuery does: ${FOLDED.length} queries`, async () => {
      for (const query of FOLDED) {
        const label = JSON.stringify(query);
        const expected = runQuery(js, query);
        expect(expected.some((r) => r.segment === '(others)' || r.channel === '(others)'), `${label} folds`).to.equal(true);
        const actual = await fx.source.aggregate(query).catch((e: unknown) => {
          throw new Error(`${label}: ${String(e)}`);
        });
        expectSameRows(actual, expected, label);
        expectSameExcluded(query, actual, expected, label);
        expect(groupedCount(actual), `${label} othersGrouped`).to.equal(groupedCount(expected));
        expect(groupedCount(actual), `${label} othersGrouped`).to.be.above(0);
      }
    });

    it('refuses to fold what does not add up across segments, naming the metric and option', async () => {
      for (const query of REFUSED) {
        const option = 'keepSegments' in query.options ? 'keepSegments' : 'maxSegments';
        const error = await fx.source.aggregate(query).catch((e: unknown) => e);
        expect(error, query.metric).to.be.instanceOf(PushDownError);
        expect(String(error)).to.match(new RegExp(`${query.metric}: ${option} cannot be computed by the \\w+ source`, 'i'));
      }
    });
  });
}
