// The public names of SPEC §4 that `pulso/core` must export.
import { expect } from 'chai';
import * as core from '../src/core.js';

describe('pulso/core', () => {
  it('exports every metric, data and adapter name of SPEC §4', () => {
    for (const name of ['retention', 'npsTrend', 'channelCsat', 'ticketStats', 'funnel', 'featureAdoption', 'kpis', 'extent', 'values', 'runQuery', 'validateQuery', 'queryKey', 'validate', 'MemoryAdapter', 'JsonAdapter', 'CsvAdapter', 'ArrowAdapter', 'registerAdapter', 'clearCache']) {
      expect(core, name).to.have.property(name).that.is.a('function');
    }
  });

  it('exports the statistics of SPEC §3.10', () => {
    for (const name of ['compareProportions', 'adjustPValues', 'wilson']) expect(core, name).to.have.property(name).that.is.a('function');
  });

  it('computes from a MemoryAdapter load end to end', async () => {
    const adapter = new core.MemoryAdapter({ surveys: [{ at: '2025-03-02', kind: 'nps', score: 10 }, { at: '2025-03-09', kind: 'nps', score: 3 }] });
    const { tables } = await core.loadTables(adapter, ['surveys']);
    const rows = core.npsTrend(tables.surveys!, { period: 'month' });
    expect(rows).to.have.length(1);
    expect(rows[0]).to.include({ period: '2025-03-01', n: 2, promoters: 1, detractors: 1, nps: 0 });
  });
});
