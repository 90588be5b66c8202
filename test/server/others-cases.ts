// Queries and data for the "(others)" suite (others.node.test.ts): what folds at a SQL
// source, what does not need to, and a data set whose segments tie in weight and hold a
// value that reads "(others)".
import type { MetricQuery } from '../../src/query/types.js';
import { FILTERS } from './cases.js';
import type { TestData } from './data.js';

const AS_OF = '2020-03-15T12:00:00Z';

/** Each folds: the kernel's answer has an "(others)" row (checked by the suite). */
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
  // Medians and distinct customers: "(others)" computed over the folded segments' rows.
  { metric: 'ticketStats', options: { by: 'plan', maxSegments: 3 } },
  { metric: 'ticketStats', options: { period: 'quarter', maxSegments: 3, minCellSize: 3, timeZone: 'America/Sao_Paulo' } },
  { metric: 'ticketStats', options: { by: 'revenue', keepSegments: ['30', '(none)', '(others)'], from: '2018-01-01', to: '2019-07-01' } },
  { metric: 'ticketStats', options: { period: 'year', keepSegments: ['chat', "wh'app"] }, filters: FILTERS[4] },
  { metric: 'funnel', options: { steps: ['signup', 'login'], by: 'plan', keepSegments: ['Ouro'] } },
  { metric: 'funnel', options: { steps: ['signup', 'login', 'booked'], by: 'platform', maxSegments: 2, order: 'strict' } },
  { metric: 'funnel', options: { steps: ['signup', 'login', 'login'], by: 'plan', maxSegments: 3, order: 'any', window: 'P7D' } },
  { metric: 'funnel', options: { steps: ['signup', 'profile_completed', 'teleconsult'], by: 'revenue', maxSegments: 3, from: '2018-01-01', to: '2019-06-01' } },
  { metric: 'funnel', options: { steps: ['login', 'login', 'booked'], by: 'platform', maxSegments: 2 }, filters: FILTERS[3] },
  { metric: 'featureAdoption', options: { features: ['lab', 'teleconsult'], by: 'plan', maxSegments: 3, period: 'quarter' } },
  { metric: 'featureAdoption', options: { features: ['lab', 'booked'], by: 'platform', maxSegments: 2, from: '2018-01-01', to: '2019-01-01', compare: 'features' } },
  { metric: 'featureAdoption', options: { features: ['lab'], by: 'user_type', keepSegments: ['patient'], activeEvents: ['login', 'lab'], period: 'year' } },
  { metric: 'featureAdoption', options: { features: ['lab', 'teleconsult'], by: 'revenue', maxSegments: 4, period: 'year', minCellSize: 3 }, filters: FILTERS[1] },
];

/** Ties and a literal "(others)" (tiedData): each folds, `kept` stays and `folded` goes. */
export const TIED: { query: MetricQuery; kept: string; folded: string }[] = [
  // tie-a and tie-b hold the same rows, the heaviest: tie-a stays first, by label.
  { query: { metric: 'ticketStats', options: { maxSegments: 2 } }, kept: 'tie-a', folded: 'tie-b' },
  { query: { metric: 'ticketStats', options: { maxSegments: 3, period: 'quarter' } }, kept: 'tie-b', folded: 'm' },
  { query: { metric: 'ticketStats', options: { keepSegments: ['tie-b', '(others)', 'm'] } }, kept: 'tie-b', folded: 'tie-a' },
  { query: { metric: 'funnel', options: { steps: ['signup', 'login'], by: 'platform', maxSegments: 2 } }, kept: 'tie-a', folded: 'tie-b' },
  { query: { metric: 'funnel', options: { steps: ['signup', 'login', 'booked'], by: 'platform', maxSegments: 3, order: 'strict' } }, kept: 'tie-b', folded: 'm' },
  { query: { metric: 'funnel', options: { steps: ['signup', 'login', 'signup'], by: 'platform', keepSegments: ['quiet', 'k'], order: 'any' } }, kept: 'quiet', folded: 'tie-a' },
  { query: { metric: 'featureAdoption', options: { features: ['lab', 'login'], by: 'platform', maxSegments: 2, period: 'year' } }, kept: 'tie-a', folded: 'tie-b' },
];

/** On tiedData: more segments listed than weighed (the funnel's "quiet"), none folded. */
export const TIED_UNFOLDED: MetricQuery[] = [{ metric: 'funnel', options: { steps: ['signup', 'login'], by: 'platform', maxSegments: 6 } }];

/** Under the limit (or every segment kept): answered unfolded, with no "(others)". */
export const UNFOLDED: MetricQuery[] = [
  { metric: 'ticketStats', options: { by: 'plan', maxSegments: 50 } },
  { metric: 'funnel', options: { steps: ['signup', 'login'], by: 'platform', maxSegments: 4 } },
  { metric: 'featureAdoption', options: { features: ['lab'], by: 'user_type', keepSegments: ['patient', 'doctor', 'admin', '(none)'], period: 'year' } },
];

/**
 * The rows relabelled so that segments tie: tickets dealt round channels m, "(others)",
 * k and null, and activity round platforms alike; a third of each copied twice more
 * under tie-a and tie-b (new ticket ids); and a platform "quiet" whose events no funnel
 * step names (listed by the funnel, weighing nothing there).
 */
export function tiedData(data: TestData): TestData {
  const values = ['m', '(others)', 'k', null];
  const deal = <R extends Record<string, unknown>>(rows: readonly R[], column: string, copy: (r: R, tie: string) => R) =>
    rows.flatMap((r, i) => {
      const own = { ...r, [column]: values[i % values.length] };
      return i % 3 === 0 ? [own, copy(r, 'tie-b'), copy(r, 'tie-a')] : [own];
    });
  const tickets = deal(data.sql.tickets.rows, 'channel', (r, tie) => ({ ...r, channel: tie, ticket_id: `${String(r.ticket_id)}-${tie}` }));
  const activity = deal(data.sql.activity.rows, 'platform', (r, tie) => ({ ...r, platform: tie }));
  activity.push(...data.sql.activity.rows.slice(0, 40).map((r) => ({ ...r, event: 'teleconsult', platform: 'quiet' })));
  const sql = { ...data.sql, tickets: { ...data.sql.tickets, rows: tickets }, activity: { ...data.sql.activity, rows: activity } };
  return { sql, js: { ...data.js, tickets, activity } };
}
