// The registry says which tables a query needs before any load: the coordinator
// loads exactly these (plus customers and a filter's `table` when there are filters).
import { expect } from 'chai';
import { METRICS } from '../../src/query/registry.js';
import { queryTables } from '../../src/query/run.js';

describe('METRICS[metric].tables', () => {
  const cases: [keyof typeof METRICS, Record<string, unknown>, string[]][] = [
    ['retention', {}, ['customers']],
    ['retention', { mode: 'activity' }, ['customers', 'activity']],
    ['retention', { cohortBy: 'first-activity', mode: 'activity' }, ['activity']],
    ['retention', { cohortBy: 'first-activity', mode: 'activity', by: 'plan' }, ['customers', 'activity']],
    ['retention', { cohortBy: 'first-activity', mode: 'activity', by: 'event' }, ['activity']],
    ['retention', { cohortBy: 'first-activity' }, ['customers', 'activity']],
    ['npsTrend', {}, ['surveys']],
    ['npsTrend', { by: 'channel' }, ['surveys']],
    ['npsTrend', { by: 'plan' }, ['customers', 'surveys']],
    ['channelCsat', {}, ['surveys']],
    ['channelCsat', { by: 'user_type' }, ['customers', 'surveys']],
    ['ticketStats', {}, ['tickets']],
    ['ticketStats', { by: 'plan' }, ['customers', 'tickets']],
    ['funnel', { steps: 'a,b' }, ['activity']],
    ['funnel', { steps: 'a,b', by: 'plan' }, ['customers', 'activity']],
    ['featureAdoption', { features: 'x', by: 'plan' }, ['customers', 'activity']],
    ['kpis', { from: 0, to: 1 }, ['customers', 'activity', 'surveys', 'tickets']],
    ['kpis', { from: 0, to: 1, features: 'x' }, ['customers', 'activity', 'surveys', 'tickets']],
    ['kpis', { from: 0, to: 1, metrics: ['nps', 'csat'] }, ['surveys']],
    ['kpis', { from: 0, to: 1, metrics: ['adoption'] }, []],
    ['kpis', { from: 0, to: 1, metrics: ['adoption'], features: 'x' }, ['activity']],
    ['kpis', { from: 0, to: 1, metrics: ['activation', 'ticketVolume'] }, ['customers', 'activity', 'tickets']],
    ['extent', { table: 'surveys', kind: 'csat' }, ['surveys']],
  ];
  for (const [metric, options, tables] of cases) {
    it(`${metric} ${JSON.stringify(options)} reads ${tables.join(', ') || 'nothing'}`, () => {
      expect(METRICS[metric].tables(options)).to.deep.equal(tables);
    });
  }

  it('a query with filters also reads customers and each filter table', () => {
    expect(queryTables({ metric: 'npsTrend', options: {}, filters: [{ column: 'channel', values: ['chat'] }] })).to.deep.equal(['customers', 'surveys']);
    expect(queryTables({ metric: 'npsTrend', options: {}, filters: [{ table: 'activity', column: 'event', values: ['x'] }] })).to.deep.equal(['customers', 'activity', 'surveys']);
    expect(queryTables({ metric: 'ticketStats', options: {} })).to.deep.equal(['tickets']);
  });
});
