// Arrow UTF-8 strings read as codes (byte-keys.ts): ids whose hashes are equal stay
// distinct ids, and a column of a few values (found through a cheap signature of
// length, first and last bytes, then compared byte for byte) keeps values apart that
// share that signature, across record batches, with nulls, blanks and non-ASCII text.
import { expect } from 'chai';
import { dictionary, tableFromArrays, tableToIPC, utf8, timestamp, TimeUnit } from '@uwdata/flechette';
import { loadArrow } from '../../src/adapters/arrow-codec.js';
import { decodeArrow } from '../../src/adapters/arrow-decode.js';
import { hashBytes, shortTag } from '../../src/data/byte-keys.js';
import { frameOf } from '../../src/data/frame.js';
import { validate } from '../../src/data/validate.js';
import type { TableName } from '../../src/data/schema.js';

const T0 = Date.UTC(2025, 2, 1);
const encoder = new TextEncoder();

/** Arrow IPC of the given UTF-8 columns (and an `at` of valid times), decoded as the adapters do. */
function arrow(columns: Record<string, (string | null)[]>, maxBatchRows?: number, dictionaries = false) {
  const n = Object.values(columns)[0].length;
  const data = { ...columns, at: Array.from({ length: n }, () => T0) };
  const text = () => (dictionaries ? dictionary(utf8()) : utf8());
  const types = { ...Object.fromEntries(Object.keys(columns).map((k) => [k, text()])), at: timestamp(TimeUnit.MILLISECOND) };
  return decodeArrow(tableToIPC(tableFromArrays(data, { types, maxBatchRows }), { format: 'stream' })!, 'test bytes');
}

/** The tag the key table files a short key under (two zero-padded little-endian words). */
function tagOf(s: string): number {
  const b = encoder.encode(s);
  const w = [0, 0];
  b.forEach((x, i) => (w[i >> 2] |= x << (8 * (i & 3))));
  return shortTag(b.length, w[0], w[1]);
}

/** The tag of a key longer than 8 bytes: its hash with the low 4 bits set. */
function longTag(s: string): number {
  const b = encoder.encode(s);
  return hashBytes(new DataView(b.buffer), b, 0, b.length) | 15;
}

function dictOf(name: TableName, table: ReturnType<typeof arrow>, column: string) {
  const { tables, report } = validate({ [name]: table });
  const d = frameOf(tables[name]!).dict(column);
  return { report, codes: Array.from(d.codes), values: d.values };
}

describe('Arrow UTF-8 strings as codes', () => {
  before(() => loadArrow());

  // Found by search: equal tags, different bytes (short keys are matched in the slot, long ones against their copy).
  const SHORT: [string, string] = ['c15032', 'c45155'];
  const LONG: [string, string] = ['id-0002276', 'id-0020881'];

  it('keeps ids whose hashes are equal apart, as repeated and as unique ids', () => {
    expect(tagOf(SHORT[0])).to.equal(tagOf(SHORT[1]));
    expect(longTag(LONG[0])).to.equal(longTag(LONG[1]));
    for (const [a, b] of [SHORT, LONG]) {
      const activity = dictOf('activity', arrow({ customer_id: [a, b, a, null, b], event: ['x', 'x', 'x', 'x', 'x'] }, 2), 'customer_id');
      expect(activity.report.rejected).to.equal(1); // the null customer_id
      expect(activity.values).to.deep.equal([a, b]);
      expect(activity.codes).to.deep.equal([0, 1, 0, 1]);
      // Unique ids: two rows that collide in the hash are both kept; a real repeat is a duplicate.
      const customers = validate({ customers: arrow({ customer_id: [a, b] }) });
      expect(customers.report).to.include({ accepted: 2, rejected: 0 });
      const again = validate({ customers: arrow({ customer_id: [a, b, b] }) });
      expect(again.report.counts).to.deep.equal([{ table: 'customers', field: 'customer_id', problem: 'duplicate-id', rows: 1 }]);
    }
  });

  it('reads a few values that share length, first and last bytes as distinct values, with nulls, blanks and non-ASCII text', () => {
    // 'chat', 'cast' and 'c\u00e9t' (é: two bytes) share their first and last bytes; 'chát' is 5 bytes.
    const events = ['chat', 'cast', 'chat', 'c\u00e9t', null, '', ' chat ', 'ch\u00e1t', 'cast', '\u00e9', 'chat'];
    for (const batch of [1, 3, 64]) {
      const d = dictOf('activity', arrow({ customer_id: events.map(() => 'c1'), event: events }, batch), 'event');
      expect(d.report.counts).to.deep.equal([{ table: 'activity', field: 'event', problem: 'missing', rows: 2 }]);
      expect(d.values).to.deep.equal(['chat', 'cast', 'c\u00e9t', 'ch\u00e1t', '\u00e9']);
      expect(d.codes).to.deep.equal([0, 1, 0, 2, 0, 3, 1, 4, 0]);
    }
  });

  it('gives the same codes and strings when batches of plain ids (strings made when asked) are followed by padded and non-ASCII ones', () => {
    // Two batches of plain ASCII ids (their strings deferred), then ' c2' (c2 padded), 'c\u00e9',
    // 'c4' and ' c4 ', and last 'c5' and 'c1' (an id of the first batch, read after codes stopped being key numbers).
    const ids = ['c1', 'c2', 'c1', 'c3', ' c2', 'c\u00e9', 'c4', ' c4 ', 'c5', 'c1'];
    const d = dictOf('activity', arrow({ customer_id: ids, event: ids.map(() => 'x') }, 2), 'customer_id');
    expect(d.report.rejected).to.equal(0);
    expect(d.values).to.deep.equal(['c1', 'c2', 'c3', 'c\u00e9', 'c4', 'c5']);
    expect(d.codes).to.deep.equal([0, 1, 0, 2, 1, 3, 4, 4, 5, 0]);
    // Unique ids with nulls across batches: the rows with a value keep their strings in row order.
    const tickets = validate({ customers: arrow({ customer_id: ['t1', null, 't2', 't3', null, 't4', 't5'] }, 3) });
    expect(tickets.report).to.include({ accepted: 5, rejected: 2 });
    expect(frameOf(tickets.tables.customers!).dict('customer_id').values).to.deep.equal(['t1', 't2', 't3', 't4', 't5']);
    expect(Array.from(tickets.tables.customers!.column('customer_id') as unknown as Iterable<string>)).to.deep.equal(['t1', 't2', 't3', 't4', 't5']);
  });

  it('reads a column that grows past a few values (hashed from then on) as the same codes', () => {
    const ids = Array.from({ length: 300 }, (_, i) => (i % 7 === 0 ? null : `v${(i * 37) % 90}`));
    const d = dictOf('activity', arrow({ customer_id: ids, event: ids.map(() => 'x') }, 50), 'customer_id');
    const kept = ids.filter((v): v is string => v !== null);
    const want = [...new Set(kept)];
    expect(d.values).to.deep.equal(want);
    expect(d.codes).to.deep.equal(kept.map((v) => want.indexOf(v)));
  });

  it('reads unique ids in a dictionary column (each row its own key, or not) as the same codes, strings and problems as plain UTF-8', () => {
    const cases: (string | null)[][] = [
      ['t1', 't2', 't3', 't4', 't5'], // row i holds key i: the dictionary's bytes are the rows'
      ['t1', 't2', 't2', 't3'], // a repeat: keys 0, 1, 1, 2
      ['t1', 't2', ' t2', 't3'], // distinct bytes, equal once trimmed
      ['t1', 'c\u00e9', 't3'], // not ASCII
      ['t1', null, 't3'],
    ];
    for (const ids of cases) {
      for (const batch of [2, 64]) {
        const plain = dictOf('customers', arrow({ customer_id: ids }, batch), 'customer_id');
        const dict = dictOf('customers', arrow({ customer_id: ids }, batch, true), 'customer_id');
        expect(dict, JSON.stringify(ids)).to.deep.equal(plain);
      }
    }
    const { report, values } = dictOf('customers', arrow({ customer_id: ['t1', 't2', ' t2', 't3'] }, 64, true), 'customer_id');
    expect(report.counts).to.deep.equal([{ table: 'customers', field: 'customer_id', problem: 'duplicate-id', rows: 1 }]);
    expect(values).to.deep.equal(['t1', 't2', 't3']);
  });
});
