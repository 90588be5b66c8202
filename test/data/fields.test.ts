import { expect } from 'chai';
import { fromArrow, table, toArrowIPC } from 'arquero';
import type { ColumnTable } from 'arquero';
import { loadArrow } from '../../src/adapters/arrow-codec.js';
import {
  applyFieldMap,
  fieldsFor,
  isColumnTable,
  rowsToTable,
  toTable,
} from '../../src/data/fields.js';

const values = (t: ColumnTable, name: string): unknown[] =>
  Array.from(t.column(name) as unknown as ArrayLike<unknown>);

describe('fieldsFor', () => {
  it('applies a flat map to every table', () => {
    const fields = { customer_id: 'CustomerID', at: 'InvoiceDate' };
    expect([...fieldsFor('activity', fields)]).to.deep.equal([
      ['customer_id', 'CustomerID'],
      ['at', 'InvoiceDate'],
    ]);
    expect(fieldsFor('tickets', fields).get('customer_id')).to.equal('CustomerID');
  });

  it('applies a per-table map to its table only, over a flat entry', () => {
    const fields = { customer_id: 'cid', activity: { at: 'ts', customer_id: 'user' } };
    expect(Object.fromEntries(fieldsFor('activity', fields))).to.deep.equal({
      customer_id: 'user',
      at: 'ts',
    });
    expect(Object.fromEntries(fieldsFor('surveys', fields))).to.deep.equal({ customer_id: 'cid' });
  });

  it('is empty without fields and rejects what is neither form', () => {
    expect(fieldsFor('activity').size).to.equal(0);
    expect(() => fieldsFor('activity', { at: 3 } as unknown as Record<string, string>)).to.throw(
      TypeError,
      /'at' must map/,
    );
    expect(() => fieldsFor('activity', { nope: { a: 'b' } } as never)).to.throw(
      TypeError,
      /table name/,
    );
    expect(() => fieldsFor('activity', { activity: { at: null } } as never)).to.throw(
      TypeError,
      /fields\.activity\.at/,
    );
  });
});

describe('applyFieldMap', () => {
  const host = table({
    CustomerID: ['a', 'b'],
    InvoiceDate: ['2025-01-01', null],
    country: ['UK', 'FR'],
  });

  it('renames host columns in place and keeps the others', () => {
    const t = applyFieldMap(host, 'activity', { customer_id: 'CustomerID', at: 'InvoiceDate' });
    expect(t.columnNames()).to.deep.equal(['customer_id', 'at', 'country']);
    expect(values(t, 'customer_id')).to.deep.equal(['a', 'b']);
    expect(values(t, 'at')).to.deep.equal(['2025-01-01', null]);
  });

  it('returns the same table when nothing applies, and skips missing host columns', () => {
    expect(applyFieldMap(host, 'activity')).to.equal(host);
    expect(applyFieldMap(host, 'activity', { at: 'Missing' })).to.equal(host);
    expect(applyFieldMap(host, 'activity', { country: 'country' })).to.equal(host);
  });

  it('lets the mapped host column win over an existing canonical one', () => {
    const t = table({ at: ['old'], ts: ['new'], x: [1] });
    const out = applyFieldMap(t, 'activity', { at: 'ts' });
    expect(out.columnNames()).to.deep.equal(['at', 'x']);
    expect(values(out, 'at')).to.deep.equal(['new']);
  });

  it('keeps an existing canonical column when the mapped host column is missing', () => {
    const t = table({ at: ['kept'] });
    expect(values(applyFieldMap(t, 'activity', { at: 'ts' }), 'at')).to.deep.equal(['kept']);
  });

  it('swaps names and feeds one host column to two canonical names', () => {
    const swapped = applyFieldMap(table({ a: [1], b: [2] }), 'activity', { a: 'b', b: 'a' });
    expect(swapped.columnNames()).to.deep.equal(['b', 'a']);
    expect(values(swapped, 'a')).to.deep.equal([2]);
    const twice = applyFieldMap(table({ id: ['t1'] }), 'tickets', {
      ticket_id: 'id',
      customer_id: 'id',
    });
    expect(twice.columnNames()).to.deep.equal(['ticket_id', 'customer_id']);
    expect(values(twice, 'customer_id')).to.deep.equal(['t1']);
  });

  it('maps an Arrow-backed table and a sliced one', () => {
    const arrow = fromArrow(toArrowIPC(host));
    const t = applyFieldMap(arrow, 'activity', { customer_id: 'CustomerID' });
    expect(values(t, 'customer_id')).to.deep.equal(['a', 'b']);
    const sliced = applyFieldMap(host.slice(1), 'activity', { customer_id: 'CustomerID' });
    expect(sliced.numRows()).to.equal(1);
    expect(values(sliced, 'customer_id')).to.deep.equal(['b']);
  });

  it('maps an empty table', () => {
    const t = applyFieldMap(table({ ts: [] }), 'activity', { at: 'ts' });
    expect(t.columnNames()).to.deep.equal(['at']);
    expect(t.numRows()).to.equal(0);
  });
});

describe('rowsToTable', () => {
  it('builds columns over the union of keys, nulls where a row lacks a key', () => {
    const t = rowsToTable([{ a: 1 }, { a: 2, b: 'x' }, { b: undefined, c: NaN }]);
    expect(t.columnNames()).to.deep.equal(['a', 'b', 'c']);
    expect(values(t, 'a')).to.deep.equal([1, 2, null]);
    expect(values(t, 'b')).to.deep.equal([null, 'x', null]);
    expect(Number.isNaN(values(t, 'c')[2])).to.equal(true);
  });

  it('keeps null and non-object rows as rows of nulls, so indices match the input', () => {
    const t = rowsToTable([{ a: 1 }, null, 7, { a: 4 }] as never);
    expect(t.numRows()).to.equal(4);
    expect(values(t, 'a')).to.deep.equal([1, null, null, 4]);
  });

  it('keeps Dates and odd key names', () => {
    const d = new Date(0);
    const t = rowsToTable([{ at: d, constructor: 'c', __proto__x: 1 }]);
    expect(values(t, 'at')[0]).to.equal(d);
    expect(values(t, 'constructor')).to.deep.equal(['c']);
  });

  it('gives an empty table for no rows', () => {
    const t = rowsToTable([]);
    expect(t.numRows()).to.equal(0);
    expect(t.columnNames()).to.deep.equal([]);
  });
});

describe('toTable', () => {
  // Arrow bytes need the codec, loaded on first use (the load pipeline awaits it; a direct caller does too).
  before(() => loadArrow());

  it('accepts rows, Arquero tables (as is) and Arrow IPC bytes', () => {
    const t = table({ x: [1, 2] });
    expect(toTable(t)).to.equal(t);
    expect(values(toTable([{ x: 1 }]), 'x')).to.deep.equal([1]);
    const bytes = toArrowIPC(table({ s: ['a', null], n: [1.5, 2] }));
    const back = toTable(bytes);
    expect(values(back, 's')).to.deep.equal(['a', null]);
    expect(values(back, 'n')).to.deep.equal([1.5, 2]);
    const copy = bytes.slice();
    expect(values(toTable(copy.buffer), 'n')).to.deep.equal([1.5, 2]);
  });

  it('rejects anything else with a clear message', () => {
    expect(() => toTable('x' as never)).to.throw(
      TypeError,
      /rows, an Arquero table or Arrow IPC bytes/,
    );
    expect(() => toTable(null as never)).to.throw(TypeError);
  });

  it('recognises tables by shape', () => {
    expect(isColumnTable(table({}))).to.equal(true);
    expect(isColumnTable({ columnNames: 1 })).to.equal(false);
    expect(isColumnTable(null)).to.equal(false);
  });
});

describe('applyFieldMap constants', () => {
  it('fills a canonical column the host lacks with one value per row', () => {
    const t = applyFieldMap(table({ when: ['2025-01-01', '2025-01-02'] }), 'activity', {
      at: 'when',
      event: { value: 'purchase' },
    });
    expect(t.columnNames()).to.deep.equal(['at', 'event']);
    expect(Array.from(t.column('event') as unknown as string[])).to.deep.equal(['purchase', 'purchase']);
  });

  it('rejects a constant that is not a string or number', () => {
    const bad = { event: { value: { nested: true } } } as unknown as Parameters<typeof applyFieldMap>[2];
    expect(() => applyFieldMap(table({ a: [1] }), 'activity', bad)).to.throw(TypeError, 'a constant ({ value })');
  });
});
