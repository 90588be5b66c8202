// What a cache in memory needs of the tables it holds: an estimate of their size for its
// budget, and whether a revalidation found the same data (Node and browsers).
import { expect } from 'chai';
import { table } from 'arquero';
import { sameTable } from '../../src/cache/same-table.js';
import { estimateTableBytes } from '../../src/cache/table-size.js';

describe('tables held in memory', () => {
  it('estimates typed columns exactly and string columns from a sample', () => {
    const n = 100_000;
    const t = table({
      at: new Float64Array(n),
      plan: Array.from({ length: n }, (_, i) => `plan-${String(i).padStart(6, '0')}`),
    });
    // 8 bytes a time; a slot, a header and 11 two-byte characters a string.
    expect(estimateTableBytes(t)).to.equal(n * 8 + n * (8 + 16 + 22));
    expect(estimateTableBytes(table({ a: [] }))).to.equal(0);
  });

  it('tells the same data from a change in any cell, NaN equal to NaN', () => {
    const make = (score: number, channel: string | null) =>
      table({ at: Float64Array.of(1, NaN), score: Float64Array.of(9, score), channel: ['app', channel] });
    expect(sameTable(make(3, null), make(3, null))).to.equal(true);
    expect(sameTable(make(3, null), make(4, null))).to.equal(false);
    expect(sameTable(make(3, null), make(3, 'web'))).to.equal(false);
    expect(sameTable(make(3, null), table({ at: Float64Array.of(1, NaN) }))).to.equal(false);
  });
});
