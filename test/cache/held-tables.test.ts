// What a cache in memory needs of the tables it holds: an estimate of their size for its
// budget, and whether a revalidation found the same data (Node and browsers).
import { expect } from 'chai';
import { table } from 'arquero';
import { sameTable } from '../../src/cache/same-table.js';
import { estimateTableBytes } from '../../src/cache/table-size.js';
import { CodedStrings } from '../../src/data/coded-strings.js';
import { TextCodes } from '../../src/data/text-codes.js';

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

  it('estimates a validated string column by its codes and its distinct strings, without making deferred ones', () => {
    const n = 10_000;
    const codes = Int32Array.from({ length: n }, (_, i) => (i % 7 === 0 ? -1 : i % 100));
    const made = new CodedStrings(codes, { values: Array.from({ length: 100 }, (_, k) => `c-${String(k).padStart(5, '0')}`) });
    // 4 bytes a code; a slot, a header and 7 two-byte characters for each of the 100 strings.
    expect(estimateTableBytes(table({ id: made as unknown as string[] }))).to.equal(n * 4 + 100 * (8 + 16 + 14));
    let asked = 0;
    const text = new TextCodes();
    text.defer(100, () => (asked++, Array.from({ length: 100 }, (_, k) => `c-${k}`)));
    const deferred = new CodedStrings(codes, text);
    // Not made: 16 characters assumed of each.
    expect(estimateTableBytes(table({ id: deferred as unknown as string[] }))).to.equal(n * 4 + 100 * (8 + 16 + 32));
    expect(asked, 'the strings were made').to.equal(0);
    expect(deferred.at(1)).to.equal('c-1');
    expect(asked).to.equal(1);
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
