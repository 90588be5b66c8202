// extent: the first and last time of a table and how many rows have one.
import { expect } from 'chai';
import { extent } from '../../src/metrics/extent.js';

const surveys = [
  { at: '2025-03-02T10:00:00Z', kind: 'csat', score: 5 },
  { at: '2025-01-15T00:00:00Z', kind: 'nps', score: 9 },
  { at: '2025-02-20T08:00:00Z', kind: 'csat', score: 2 },
  { at: '2025-04-01T00:00:00Z', kind: 'ces', score: 3 },
];

describe('extent', () => {
  it('gives the main time column span of a table', () => {
    expect(extent({ surveys }, { table: 'surveys' })).to.deep.equal([
      { table: 'surveys', first: Date.UTC(2025, 0, 15), last: Date.UTC(2025, 3, 1), rows: 4 },
    ]);
    const customers = [
      { customer_id: 'a', signup_at: '2025-01-01', churned_at: null },
      { customer_id: 'b', signup_at: '2024-06-01', churned_at: '2025-02-01' },
    ];
    expect(extent({ customers }, { table: 'customers' })[0]).to.include({ first: Date.UTC(2024, 5, 1), last: Date.UTC(2025, 0, 1), rows: 2 });
    expect(extent(customers, { table: 'customers', column: 'churned_at' })[0]).to.include({ first: Date.UTC(2025, 1, 1), rows: 1 });
  });

  it('counts only the answers of one survey kind', () => {
    expect(extent({ surveys }, { table: 'surveys', kind: 'csat' })).to.deep.equal([
      { table: 'surveys', first: Date.UTC(2025, 1, 20, 8), last: Date.UTC(2025, 2, 2, 10), rows: 2 },
    ]);
  });

  it('says null and 0 for an empty table, and needs its table', () => {
    expect(extent({ tickets: [] }, { table: 'tickets' })).to.deep.equal([{ table: 'tickets', first: null, last: null, rows: 0 }]);
    expect(extent({ surveys }, { table: 'surveys', kind: 'nps', column: 'at' })[0].rows).to.equal(1);
    expect(() => extent({ surveys }, { table: 'activity' })).to.throw(TypeError, 'extent needs the activity table');
    expect(() => extent({ surveys }, { table: 'surveys', column: 'closed_at' })).to.throw(RangeError, "no column 'closed_at'");
  });
});

describe('extent with minCellSize', () => {
  it('hides a small count and the span with it, never zero', () => {
    expect(extent({ surveys }, { table: 'surveys', kind: 'csat', minCellSize: 3 })).to.deep.equal([
      { table: 'surveys', first: null, last: null, rows: null, suppressed: true },
    ]);
    expect(extent({ surveys }, { table: 'surveys', minCellSize: 4 })[0]).to.include({ rows: 4 });
    expect(extent({ tickets: [] }, { table: 'tickets', minCellSize: 11 })).to.deep.equal([{ table: 'tickets', first: null, last: null, rows: 0 }]);
  });
});
