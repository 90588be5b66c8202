// values: the distinct values of a column with their counts, small counts hidden.
import { expect } from 'chai';
import { byCodePoint, values } from '../../src/metrics/values.js';
import { runQuery } from '../../src/query/run.js';

const customers = [
  { customer_id: 'a', plan: 'Ouro', region: 'Sul' },
  { customer_id: 'b', plan: 'Essencial', region: 'Sul' },
  { customer_id: 'c', plan: 'Ouro', region: null },
  { customer_id: 'd', plan: '  ', region: 'Norte' },
  { customer_id: 'e', plan: 'Ouro', region: 'Sul' },
  { customer_id: 'f', plan: 'Premium', region: 'Sul' },
];

describe('values', () => {
  it('lists the distinct non-empty values with their counts, in code-point order', () => {
    expect(values({ customers }, { column: 'plan' })).to.deep.equal([
      { value: 'Essencial', count: 1 },
      { value: 'Ouro', count: 3 },
      { value: 'Premium', count: 1 },
    ]);
    // Upper case before lower, as a binary collation orders text.
    expect(values([{ customer_id: 'x', t: 'b' }, { customer_id: 'y', t: 'B' }, { customer_id: 'z', t: 'a' }], { column: 't' }).map((r) => r.value)).to.deep.equal(['B', 'a', 'b']);
  });

  it('hides counts below minCellSize but keeps the value', () => {
    expect(values({ customers }, { column: 'region', minCellSize: 3 })).to.deep.equal([
      { value: 'Norte', count: null, suppressed: true },
      { value: 'Sul', count: 4 },
    ]);
    expect(values({ customers }, { column: 'region', minCellSize: 1 })[0]).to.deep.equal({ value: 'Norte', count: 1 });
  });

  it('reads any table, numbers as their text', () => {
    const surveys = [
      { at: '2025-01-01', kind: 'csat', score: 4 },
      { at: '2025-01-02', kind: 'csat', score: '4' },
      { at: '2025-01-03', kind: 'nps', score: 10 },
    ];
    expect(values({ surveys }, { table: 'surveys', column: 'score' })).to.deep.equal([
      { value: '10', count: 1 },
      { value: '4', count: 2 },
    ]);
  });

  it('counts only the rows a query keeps, and lists no value they do not hold', () => {
    const rows = runQuery({ customers }, { metric: 'values', options: { column: 'plan' }, filters: [{ column: 'region', values: ['Sul'] }] });
    expect(rows).to.deep.equal([
      { value: 'Essencial', count: 1 },
      { value: 'Ouro', count: 2 },
      { value: 'Premium', count: 1 },
    ]);
    expect(runQuery({ customers }, { metric: 'values', options: { column: 'plan' }, filters: [{ column: 'region', values: ['Centro'] }] })).to.deep.equal([]);
  });

  it('is empty for an empty table and refuses a column the table lacks', () => {
    expect(values({ customers: [] }, { column: 'plan' })).to.deep.equal([]);
    expect(() => values({ customers }, { column: 'age_band' })).to.throw(RangeError, "no column 'age_band'");
    expect(() => values({ surveys: [] }, { column: 'plan' })).to.throw(TypeError, 'values needs the customers table');
  });

  it('orders by code point, also above U+FFFF', () => {
    expect(['\u{1F600}', '\uFFFD', 'z'].sort(byCodePoint)).to.deep.equal(['z', '\uFFFD', '\u{1F600}']);
  });
});
