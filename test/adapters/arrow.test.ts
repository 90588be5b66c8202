import { expect } from 'chai';
import { table, toArrowIPC } from 'arquero';
import type { ColumnTable } from 'arquero';
import { ArrowAdapter } from '../../src/adapters/arrow.js';
import { bytesResponse, rejection, scriptedFetch } from './fake-fetch.js';

const values = (t: ColumnTable, name: string): unknown[] =>
  Array.from(t.column(name) as unknown as ArrayLike<unknown>);
const ipc = toArrowIPC(table({ ts: [Date.UTC(2025, 0, 1)], kind: ['nps'], score: [10] }));

describe('ArrowAdapter', () => {
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
});
