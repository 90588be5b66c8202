// queryKey: one key per query, whatever order its keys were written in.
import { expect } from 'chai';
import { queryKey } from '../../src/query/types.js';

describe('queryKey', () => {
  it('is the same for equal queries written in different key order, at every depth', () => {
    const a = { metric: 'npsTrend', options: { period: 'month', by: 'plan' }, filters: [{ column: 'plan', values: ['a', null] }] };
    const b = { filters: [{ values: ['a', null], column: 'plan' }], options: { by: 'plan', period: 'month' }, metric: 'npsTrend' };
    expect(queryKey(a)).to.equal(queryKey(b));
    expect(queryKey(a)).to.equal('{"filters":[{"column":"plan","values":["a",null]}],"metric":"npsTrend","options":{"by":"plan","period":"month"}}');
  });

  it('drops undefined members, keeps arrays in order, and writes a Date as its ISO string', () => {
    expect(queryKey({ metric: 'kpis', options: { from: new Date(Date.UTC(2025, 0, 1)), to: undefined } })).to.equal(
      '{"metric":"kpis","options":{"from":"2025-01-01T00:00:00.000Z"}}',
    );
    expect(queryKey({ options: { steps: ['a', 'b'] } })).to.not.equal(queryKey({ options: { steps: ['b', 'a'] } }));
    expect(queryKey({ options: {} })).to.not.equal(queryKey({ options: { minCellSize: 0 } }));
  });
});
