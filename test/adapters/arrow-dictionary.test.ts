import { expect } from 'chai';
import { dictionary, tableFromArrays, tableToIPC, utf8 } from '@uwdata/flechette';
import { decodeArrow } from '../../src/adapters/arrow.js';
import { loadArrow } from '../../src/adapters/arrow-codec.js';
import { asciiDictionary } from '../../src/adapters/arrow-dictionary.js';

const column = (values: (string | null)[], maxBatchRows?: number): unknown[] => {
  const bytes = tableToIPC(tableFromArrays({ s: values }, { types: { s: dictionary(utf8()) }, maxBatchRows }), { format: 'stream' })!;
  return Array.from(decodeArrow(bytes, 'test').column('s') as unknown as ArrayLike<unknown>);
};

/** A UTF-8 batch of `strings` whose bytes start `shift` bytes into their buffer. */
function batch(strings: string[], shift: number) {
  const encoded = strings.map((s) => new TextEncoder().encode(s));
  const offsets = new Int32Array(strings.length + 1);
  encoded.forEach((e, i) => (offsets[i + 1] = offsets[i] + e.length));
  const values = new Uint8Array(new ArrayBuffer(shift + offsets[strings.length] + 8), shift, offsets[strings.length]);
  encoded.forEach((e, i) => values.set(e, offsets[i]));
  return { type: { typeId: 5 }, length: strings.length, nullCount: 0, values, offsets };
}

describe('Arrow dictionaries of text', () => {
  before(() => loadArrow());

  it('decode to the strings written, ASCII or not, in one batch or several', () => {
    const ascii = ['CUST-000001', 'a', '', 'CUST-000001', 'x'.repeat(40), null, 'b'];
    expect(column(ascii)).to.deep.equal(ascii);
    expect(column(ascii, 2)).to.deep.equal(ascii);
    const mixed = ['São Paulo', 'chat', 'e-mail 📧', null, 'chat'];
    expect(column(mixed)).to.deep.equal(mixed);
    expect(column(mixed, 2)).to.deep.equal(mixed);
  });

  it('are decoded when their values are first read, not when the batches are (validation reads ids from their bytes)', () => {
    const values = ['CUST-000001', null, 'CUST-000002', 'CUST-000001'];
    const bytes = tableToIPC(tableFromArrays({ s: values }, { types: { s: dictionary(utf8()) }, maxBatchRows: 2 }), { format: 'stream' })!;
    const col = decodeArrow(bytes, 'test').column('s') as unknown as { data: { dictionary: { _cache?: unknown } }[] };
    expect(col.data).to.have.length(2);
    expect(col.data[0].dictionary._cache, 'not decoded by reading the batches').to.equal(undefined);
    expect(Array.from(col as unknown as ArrayLike<unknown>)).to.deep.equal(values);
    expect(col.data[0].dictionary._cache).to.deep.equal(['CUST-000001', 'CUST-000002']);
  });

  it('reads ASCII bytes in one decode, wherever they sit in their buffer, and leaves any other byte to flechette', () => {
    const strings = ['ab', 'cdefg', '', 'hijklmnopq', 'r'];
    for (let shift = 0; shift < 8; shift++) {
      expect(asciiDictionary([batch(strings, shift)]), `shift ${shift}`).to.deep.equal(strings);
      expect(asciiDictionary([batch(strings.slice(0, 2), shift), batch(strings.slice(2), shift + 1)])).to.deep.equal(strings);
      // A byte of 0x80 or more at any position (word-aligned or not) is not ASCII.
      const all = strings.join('');
      for (let at = 0; at < all.length; at++) {
        const b = batch(strings, shift);
        b.values[at] = 0xc3;
        expect(asciiDictionary([b]), `shift ${shift}, byte ${at}`).to.equal(undefined);
      }
    }
    expect(asciiDictionary([{ ...batch(['a'], 0), nullCount: 1 }])).to.equal(undefined);
    expect(asciiDictionary([{ ...batch(['a'], 0), type: { typeId: 4 } }])).to.equal(undefined);
  });
});
