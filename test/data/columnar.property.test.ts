// The columnar validation equals the row-by-row one it replaced (row-validate.ts), on
// generated tables full of bad cells, in every form a table arrives in: rows, an
// Arquero table of arrays, Arrow IPC with dictionary strings, with plain UTF-8
// strings, and with timestamp and numeric vectors. Equal means the same report
// (counts, samples, order) and the same normalized columns and frame dictionaries.
import { expect } from 'chai';
import fc from 'fast-check';
import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';
import { tableFromArrays, tableToIPC, utf8, float64, timestamp, dictionary, int32, int8, dateDay, TimeUnit } from '@uwdata/flechette';
import { validate } from '../../src/data/validate.js';
import { frameOf } from '../../src/data/frame.js';
import { loadArrow } from '../../src/adapters/arrow-codec.js';
import { decodeArrow } from '../../src/adapters/arrow-decode.js';
import { rowsToTable } from '../../src/data/fields.js';
import type { Row, TableName } from '../../src/data/schema.js';
import { rowValidate } from './row-validate.js';
import { expectSame } from './expect-same.js';

const T0 = Date.UTC(2025, 2, 1, 12);

/** Cells that exercise every rule: good values, blanks, junk, edges, padded and numeric ids. */
const time = fc.oneof(
  fc.integer({ min: -3, max: 400 }).map((d) => T0 + d * 86_400_000 + 1234),
  fc.integer({ min: 0, max: 400 }).map((d) => new Date(T0 + d * 86_400_000).toISOString()),
  fc.integer({ min: 0, max: 400 }).map((d) => new Date(T0 + d * 86_400_000).toISOString().slice(0, 10)),
  fc.integer({ min: 0, max: 400 }).map((d) => new Date(T0 + d * 86_400_000).toISOString().replace('T', ' ').slice(0, 19)),
  fc.integer({ min: 0, max: 400 }).map((d) => new Date(T0 + d * 86_400_000)),
  fc.constantFrom(null, undefined, '', '  ', NaN, 'yesterday', '2025-02-30', '2025-03-01T24:00:00Z', '2025-03-01T10:00:00-03:00',
    ' 2025-03-01 ', '0000-01-01', '2200-01-01', '1899-12-31T23:59:59.999Z', 8.64e15, Infinity, true, {}, new Date('x')),
);
const text = (labels: string[]) =>
  fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...labels) },
    { weight: 1, arbitrary: fc.constantFrom(null, undefined, '', ' ', `  ${labels[0]} `, 7, 7.5, NaN, true, {}, new Date(T0)) },
  );
const id = fc.oneof(fc.integer({ min: 1, max: 12 }).map((i) => `c${i}`), fc.constantFrom(3, '3', ' c1', null, '', {}));
const num = fc.oneof(
  fc.integer({ min: -1, max: 11 }),
  fc.constantFrom(0.5, 7.5, '9', ' 4 ', '0x9', 'ten', '', null, NaN, Infinity, '-1e999', 10n, true),
);

const arbitraries: Record<TableName, fc.Arbitrary<Row>> = {
  customers: fc.record({ customer_id: id, signup_at: time, churned_at: time, user_type: text(['patient', 'clinic']), plan: text(['Ouro', 'Prata']) }),
  activity: fc.record({ customer_id: id, at: time, event: text(['login', 'booked', 'teleconsult']) }),
  surveys: fc.record({ at: time, kind: text(['nps', 'NPS', 'csat', 'ces', 'stars']), score: num, customer_id: id, channel: text(['app', 'chat']) }),
  tickets: fc.record({
    ticket_id: id,
    customer_id: id,
    channel: text(['chat', 'phone']),
    opened_at: time,
    first_response_at: time,
    resolved_at: time,
    contacts: num,
  }),
};

describe('columnar validation against the row-by-row one', () => {
  before(() => loadArrow()); // decodeArrow below needs the codec (loaded on first use)

  for (const name of Object.keys(arbitraries) as TableName[]) {
    it(`gives the same report, columns and dictionaries for ${name}, from rows and from an Arquero table`, () => {
      fc.assert(
        fc.property(fc.array(arbitraries[name], { maxLength: 60 }), fc.integer({ min: 0, max: 8 }), (rows, cap) => {
          expectSame(name, validate({ [name]: rows }, { maxProblems: cap }), rowValidate({ [name]: rows }, { maxProblems: cap }), 'rows');
          const table = rowsToTable(rows);
          expectSame(name, validate({ [name]: table }, { maxProblems: cap }), rowValidate({ [name]: table }, { maxProblems: cap }), 'table');
          // In slices of 8 rows (the main thread's fallback): boundaries among bad rows and repeated ids.
          expectSame(name, validate({ [name]: rows }, { maxProblems: cap, sliceRows: 8 }), rowValidate({ [name]: rows }, { maxProblems: cap }), 'rows in slices');
        }),
        { numRuns: 150 },
      );
    });
  }

  /**
   * A table of strings, times and numbers as Arrow vectors of the given kinds, decoded as the
   * adapters do; `maxBatchRows` splits it into record batches, `patch` rewrites its bytes.
   */
  function arrow(columns: Record<string, { values: unknown[]; type: unknown }>, maxBatchRows?: number, patch?: (b: Uint8Array) => void): ColumnTable {
    const types = Object.fromEntries(Object.entries(columns).map(([k, v]) => [k, v.type]));
    const data = Object.fromEntries(Object.entries(columns).map(([k, v]) => [k, v.values]));
    const bytes = tableToIPC(tableFromArrays(data, { types: types as never, maxBatchRows }), { format: 'stream' })!;
    patch?.(bytes);
    return decodeArrow(bytes, 'test bytes');
  }

  const arrowText = fc.oneof(fc.constantFrom('chat', 'phone', ' chat ', '', ' ', 'NPS', 'nps', 'csat', 'stars', 'c1', 'c2', 'c3'), fc.constant(null));
  const arrowTime = fc.oneof(
    fc.integer({ min: -3, max: 400 }).map((d) => new Date(T0 + d * 86_400_000 + 1234).toISOString()),
    fc.integer({ min: 0, max: 400 }).map((d) => new Date(T0 + d * 86_400_000).toISOString().slice(0, 19)),
    fc.integer({ min: 0, max: 400 }).map((d) => new Date(T0 + d * 86_400_000).toISOString().slice(0, 10)),
    fc.constantFrom(null, '', ' 2025-03-01', '2025-02-30T00:00:00Z', '2025-03-01 24:00:00', '2025-03-01T10:00:00.5Z', '0000-01-01',
      '2025-03-01T10:00:00+0100', '2025-13-01', '2025-03-01T10:60:00Z', 'x'),
  );

  it('gives the same answer from Arrow dictionary, UTF-8, timestamp and numeric vectors', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(arrowText, arrowText, arrowTime, fc.option(fc.integer({ min: -2, max: 12 })), fc.option(fc.double({ noNaN: false }))), { minLength: 1, maxLength: 60 }),
        (cells) => {
          const col = <T>(k: number) => cells.map((c) => c[k] as T);
          const surveys = arrow({
            kind: { values: col(0), type: dictionary(utf8(), int32()) },
            channel: { values: col(1), type: utf8() },
            at: { values: col(2), type: utf8() },
            score: { values: col(3), type: float64() },
            customer_id: { values: col(1), type: dictionary(utf8(), int32()) },
          });
          expectSame('surveys', validate({ surveys }), rowValidate({ surveys }), 'arrow surveys');
          expectSame('surveys', validate({ surveys }, { sliceRows: 8 }), rowValidate({ surveys }), 'arrow surveys in slices');
          const stamps = col<number | null>(3).map((d) => (d === null ? null : T0 + d * 12_000 * 86_400_000 + d * 1234));
          const tickets = arrow({
            ticket_id: { values: col(1), type: utf8() },
            channel: { values: col(0), type: dictionary(utf8(), int32()) },
            opened_at: { values: stamps, type: timestamp(TimeUnit.MILLISECOND) },
            first_response_at: { values: col(2), type: utf8() },
            resolved_at: { values: col(4), type: float64() },
            contacts: { values: col(4), type: float64() },
          });
          expectSame('tickets', validate({ tickets }), rowValidate({ tickets }), 'arrow tickets');
          expectSame('tickets', validate({ tickets }, { sliceRows: 16 }), rowValidate({ tickets }), 'arrow tickets in slices');
        },
      ),
      { numRuns: 150 },
    );
  });

  // Byte strings that decode alike: ~A and ~B become 0xFF 'A' and 0xFE 'A' (both U+FFFD 'A'),
  // ~C~x a BOM then 'x' (decoded as 'x': TextDecoder drops a leading BOM), ~D a valid 'é'.
  const MARKS: [string, number[]][] = [['~A', [0xff, 0x41]], ['~B', [0xfe, 0x41]], ['~C~x', [0xef, 0xbb, 0xbf, 0x78]], ['~D', [0xc3, 0xa9]]];
  function unmark(bytes: Uint8Array): void {
    for (const [mark, to] of MARKS) {
      const from = [...mark].map((c) => c.charCodeAt(0));
      for (let i = 0; i + from.length <= bytes.length; i++) if (from.every((b, k) => bytes[i + k] === b)) bytes.set(to, i);
    }
  }
  const marked = fc.oneof(fc.constantFrom('~A', '~B', '~C~x', '~D', 'x', 'é', '\uFFFDA', ' x', 'c1', ''), fc.constant(null));

  it('gives the same answer for ids across record batches, dictionary codes and invalid UTF-8, typed times and integers, and extra Arrow columns', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(marked, arrowText, fc.option(fc.integer({ min: -2, max: 120 })), arrowText), { minLength: 1, maxLength: 60 }),
        fc.integer({ min: 1, max: 7 }),
        (cells, batch) => {
          const col = <T>(k: number) => cells.map((c) => c[k] as T);
          const stamps = col<number | null>(2).map((d) => (d === null ? null : T0 + d * 86_400_000));
          const tickets = arrow(
            {
              ticket_id: { values: col(0), type: utf8() },
              customer_id: { values: col(0), type: dictionary(utf8(), int32()) },
              channel: { values: col(1), type: utf8() },
              opened_at: { values: stamps, type: timestamp(TimeUnit.MILLISECOND) },
              first_response_at: { values: stamps.map((t) => (t === null ? null : new Date(t + 3_600_000))), type: timestamp(TimeUnit.SECOND) },
              resolved_at: { values: stamps.map((t) => (t === null ? null : new Date(t))), type: dateDay() },
              contacts: { values: col(2), type: int32() },
              note: { values: col(0), type: utf8() },
            },
            batch,
            unmark,
          );
          expectSame('tickets', validate({ tickets }), rowValidate({ tickets }), 'arrow tickets');
          expectSame('tickets', validate({ tickets }, { sliceRows: 8 }), rowValidate({ tickets }), 'arrow tickets in slices');
          const customers = arrow(
            {
              customer_id: { values: col(3), type: dictionary(utf8(), int32()) },
              signup_at: { values: stamps, type: timestamp(TimeUnit.MILLISECOND) },
              plan: { values: col(0), type: utf8() },
              user_type: { values: col(1), type: dictionary(utf8(), int32()) },
              seats: { values: col(2), type: int8() },
            },
            batch,
            unmark,
          );
          expectSame('customers', validate({ customers }), rowValidate({ customers }), 'arrow customers');
          expectSame('customers', validate({ customers }, { sliceRows: 8 }), rowValidate({ customers }), 'arrow customers in slices');
        },
      ),
      { numRuns: 150 },
    );
  });

  // Ids that mostly differ (a table's ids as they come), read without a hash table over the
  // rows when they all do: up to 400 of them among 16 bits a row, so rows whose bits
  // collide without being equal are common, and now and then a real repeat, a blank, a
  // padded or non-ASCII id sends the column down the general path (nulls do not).
  const distinctId = fc.oneof(
    { weight: 300, arbitrary: fc.integer({ min: 0, max: 1_000_000 }).map((k) => `t${k}`) },
    { weight: 1, arbitrary: fc.constantFrom(null, '', ' t1', 't1 ', 'té', '\u00a0t', 't1', 'a\u2028') },
  );

  it('gives the same answer for Arrow UTF-8 ids that mostly differ, across record batches', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(distinctId, fc.option(fc.integer({ min: 0, max: 120 }))), { minLength: 1, maxLength: 400, size: 'max' }),
        fc.integer({ min: 1, max: 500 }),
        (cells, batch) => {
          const ids = cells.map((c) => c[0]);
          const stamps = cells.map((c) => (c[1] === null ? null : T0 + c[1] * 86_400_000));
          const tickets = arrow(
            {
              ticket_id: { values: ids, type: utf8() },
              customer_id: { values: ids, type: utf8() },
              channel: { values: ids.map(() => 'chat'), type: utf8() },
              opened_at: { values: stamps, type: timestamp(TimeUnit.MILLISECOND) },
            },
            batch,
          );
          expectSame('tickets', validate({ tickets }), rowValidate({ tickets }), 'arrow tickets');
          const customers = arrow({ customer_id: { values: ids, type: utf8() }, signup_at: { values: stamps, type: timestamp(TimeUnit.MILLISECOND) } }, batch);
          expectSame('customers', validate({ customers }), rowValidate({ customers }), 'arrow customers');
          expectSame('tickets', validate({ tickets }, { sliceRows: 8 * (batch % 5) }), rowValidate({ tickets }), 'arrow tickets in slices');
        },
      ),
      { numRuns: 100 },
    );
  });

  it('shares validation\'s codes with the frame instead of encoding the column again', () => {
    const { tables } = validate({ activity: [{ customer_id: ' b ', at: T0, event: 'x' }, { customer_id: 'a', at: T0, event: 'x' }, { customer_id: 'b', at: T0, event: 'y' }] });
    const d = frameOf(tables.activity!).dict('customer_id');
    expect(Array.from(d.codes)).to.deep.equal([0, 1, 0]);
    expect(d.values).to.deep.equal(['b', 'a']);
    const t = aq.table({ customer_id: ['b', 'a', 'b'] });
    expect(frameOf(t).dict('customer_id').values).to.deep.equal(d.values);
  });
});
