import { expect } from 'chai';
import { table, toArrowIPC } from 'arquero';
import type { ColumnTable } from 'arquero';
import { ArrowAdapter, decodeArrow } from '../../src/adapters/arrow.js';
import { loadArrow } from '../../src/adapters/arrow-codec.js';
import type { AdapterError } from '../../src/adapters/errors.js';
import { dictionary, int32, tableFromArrays, tableToIPC, timestamp, TimeUnit, utf8 } from '@uwdata/flechette';
import { emptyReport, validate } from '../../src/data/validate.js';
import { bytesResponse, rejection, scriptedFetch } from './fake-fetch.js';

const values = (t: ColumnTable, name: string): unknown[] =>
  Array.from(t.column(name) as unknown as ArrayLike<unknown>);
const ipc = toArrowIPC(table({ ts: [Date.UTC(2025, 0, 1)], kind: ['nps'], score: [10] }));

describe('ArrowAdapter', () => {
  // decodeArrow called directly below needs the codec, which the adapter loads on first use.
  before(() => loadArrow());

  it('decodes bytes (Uint8Array or ArrayBuffer) once, with the field map', async () => {
    const a = new ArrowAdapter({
      tables: { surveys: ipc, tickets: ipc.slice().buffer },
      fields: { at: 'ts' },
    });
    const t = await a.load({ table: 'surveys' });
    expect(t.columnNames()).to.deep.equal(['at', 'kind', 'score']);
    expect(values(t, 'score')).to.deep.equal([10]);
    expect(await a.load({ table: 'surveys' })).to.equal(t);
    expect((await a.load({ table: 'tickets' })).numRows()).to.equal(1);
    expect((await a.load({ table: 'activity' })).numRows()).to.equal(0);
    expect(a.id).to.match(/^arrow:/);
  });

  it('fetches URLs with an Arrow Accept header and a stable id', async () => {
    const fetch = scriptedFetch([bytesResponse(ipc)]);
    const a = new ArrowAdapter({ tables: { surveys: '/s.arrow' }, fetch });
    expect(a.id).to.equal('arrow:surveys=/s.arrow');
    expect(values(await a.load({ table: 'surveys' }), 'kind')).to.deep.equal(['nps']);
    expect(fetch.calls[0].headers.get('accept')).to.match(
      /^application\/vnd\.apache\.arrow\.stream/,
    );
  });

  it('rejects bytes that are not Arrow with a clear error', async () => {
    const a = new ArrowAdapter({ tables: { surveys: new Uint8Array([1, 2, 3]) } });
    const e = await rejection(a.load({ table: 'surveys' }));
    expect(e.code).to.equal('malformed');
    expect(e.message).to.match(/^Arrow bytes for surveys is not valid Arrow IPC/);
    expect(() => new ArrowAdapter(undefined as never)).to.throw(TypeError, /tables/);
  });

  it('gives a format error, never an empty table, for empty, schema-less or corrupt bytes', async () => {
    const good = toArrowIPC(table({ score: [9, 3], kind: ['nps', 'nps'] }), { format: 'stream' });
    const eos = new Uint8Array([255, 255, 255, 255, 0, 0, 0, 0]);
    const noColumns = toArrowIPC(table({}), { format: 'stream' });
    const cases: [string, Uint8Array, RegExp][] = [
      ['empty', new Uint8Array(0), /it is empty/],
      ['end of stream alone', eos, /it has no schema/],
      ['zeros', new Uint8Array(64), /it has no schema/],
      ['no columns', noColumns, /it has no columns/],
      ['truncated', good.slice(0, good.length - 10), /body/],
    ];
    for (const [label, bytes, why] of cases) {
      const e = await rejection(new ArrowAdapter({ tables: { surveys: bytes } }).load({ table: 'surveys' }));
      expect(e.code, label).to.equal('malformed');
      expect(e.message, label).to.match(why);
    }
  });

  it('loads a table of no rows, dictionary columns too, as an empty table with an empty report', async () => {
    const types = { customer_id: dictionary(utf8()), plan: dictionary(utf8(), int32()), signup_at: timestamp(TimeUnit.MILLISECOND) };
    const empty = tableToIPC(tableFromArrays({ customer_id: [], plan: [], signup_at: [] }, { types }), { format: 'stream' })!;
    const t = await new ArrowAdapter({ tables: { customers: empty } }).load({ table: 'customers' });
    expect(t.numRows()).to.equal(0);
    expect(t.columnNames()).to.deep.equal(['customer_id', 'plan', 'signup_at']);
    const { tables, report } = validate({ customers: t });
    expect(report).to.deep.equal({ ...emptyReport(), tables: { customers: { accepted: 0, rejected: 0 } } });
    expect(tables.customers!.numRows()).to.equal(0);
    expect(tables.customers!.columnNames()).to.include.members(['customer_id', 'signup_at', 'plan']);
    // A dictionary column of nulls only (an empty dictionary) is rows, each missing its id.
    const nulls = tableToIPC(tableFromArrays({ customer_id: [null, null], plan: [null, null], signup_at: [null, null] }, { types }), { format: 'stream' })!;
    const r = validate({ customers: decodeArrow(nulls, 'nulls') }).report;
    expect(r.counts).to.deep.equal([{ table: 'customers', field: 'customer_id', problem: 'missing', rows: 2 }]);
    expect(r.tables).to.deep.equal({ customers: { accepted: 0, rejected: 2 } });
  });

  it('checks lengths before decoding: no flipped byte makes it allocate past the bytes', () => {
    // Each single-byte change of a small stream and file either decodes or is a format
    // error; before the check, one of them made the decoder build a billion-entry array.
    const sources = [
      toArrowIPC(table({ a: [1, 2, 3], s: ['x', 'y', null], d: [new Date(0), null, new Date(1e12)] }), { format: 'stream' }),
      toArrowIPC(table({ a: [1, 2, 3], s: ['x', 'y', 'z'] }), { format: 'file' }),
    ];
    let decoded = 0;
    let refused = 0;
    for (const bytes of sources) {
      for (let at = 0; at < bytes.length; at++) {
        for (const flip of [0x01, 0x5a, 0x80, 0xff]) {
          const copy = bytes.slice();
          copy[at] ^= flip;
          try {
            const t = decodeArrow(copy, 'x');
            expect(Number.isSafeInteger(t.numRows()) && t.numRows() <= 1 << 16).to.equal(true);
            decoded++;
          } catch (e) {
            expect((e as AdapterError).code, `byte ${at} ^ ${flip}`).to.equal('malformed');
            refused++;
          }
        }
      }
    }
    expect(decoded).to.be.greaterThan(0);
    expect(refused).to.be.greaterThan(0);
  });
});
