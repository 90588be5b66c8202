import { expect } from 'chai';
import { table } from 'arquero';
import type { ColumnTable } from 'arquero';
import { MemoryAdapter } from '../../src/adapters/memory.js';
import { rejection } from './fake-fetch.js';

const values = (t: ColumnTable, name: string): unknown[] =>
  Array.from(t.column(name) as unknown as ArrayLike<unknown>);

describe('MemoryAdapter', () => {
  it('serves rows as an Arquero table, built once', async () => {
    const a = new MemoryAdapter({
      activity: [{ customer_id: 'a', at: '2025-01-01', event: 'x' }, { customer_id: 'b' }],
    });
    const t = await a.load({ table: 'activity' });
    expect(t.numRows()).to.equal(2);
    expect(values(t, 'event')).to.deep.equal(['x', null]);
    expect(await a.load({ table: 'activity' })).to.equal(t);
  });

  it('serves Arquero tables, applies the field map, and gives empty tables for absent ones', async () => {
    const a = new MemoryAdapter(
      { surveys: table({ Date: ['2025-01-01'], Score: [9] }) },
      { id: 'nps-file', fields: { surveys: { at: 'Date', score: 'Score' } } },
    );
    expect(a.id).to.equal('nps-file');
    expect((await a.load({ table: 'surveys' })).columnNames()).to.deep.equal(['at', 'score']);
    const empty = await a.load({ table: 'tickets' });
    expect(empty.numRows()).to.equal(0);
    expect(empty.columnNames()).to.deep.equal([]);
  });

  it('returns the whole table whatever the range (metrics apply ranges)', async () => {
    const a = new MemoryAdapter({ activity: [{ at: '2020-01-01' }, { at: '2030-01-01' }] });
    expect(
      (await a.load({ table: 'activity', from: '2025-01-01', to: '2026-01-01' })).numRows(),
    ).to.equal(2);
  });

  it('has distinct default ids, rejects unknown tables, and honours an abort', async () => {
    expect(new MemoryAdapter().id).to.not.equal(new MemoryAdapter().id);
    expect(() => new MemoryAdapter({ events: [] } as never)).to.throw(
      TypeError,
      /'events' is not a table/,
    );
    const e = await rejection(
      new MemoryAdapter({}).load({ table: 'activity' }, AbortSignal.abort()),
    );
    expect(e.name).to.equal('AbortError');
  });
});
