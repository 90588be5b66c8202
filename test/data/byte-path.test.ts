// Validation's Arrow byte path (src/data/byte-path.ts) loads with the Arrow codec, so
// `validate` may meet an Arrow table a host decoded itself before it has loaded: it then
// reads each cell's value. Both ways must give the same report, columns and dictionaries,
// for text read as codes (few values, many, unique ids plain or as a dictionary, a dictionary
// of distinct values or one holding a value twice, padded, non-ASCII, a byte-order mark, invalid UTF-8), times read from ISO strings (canonical
// forms and others) and extra columns kept as they came.
import { expect } from 'chai';
import { dictionary, tableFromArrays, tableToIPC, timestamp, TimeUnit, utf8 } from '@uwdata/flechette';
import type { ColumnTable } from 'arquero';
import { loadArrow } from '../../src/adapters/arrow-codec.js';
import { decodeArrow } from '../../src/adapters/arrow-decode.js';
import { BYTE_PATH } from '../../src/data/byte-path.js';
import { loadedBytePath, useBytePath } from '../../src/data/columns.js';
import { frameOf } from '../../src/data/frame.js';
import type { TableName } from '../../src/data/schema.js';
import { validate } from '../../src/data/validate.js';

type Cell = string | null;
/** A marker turned into invalid UTF-8 in the IPC bytes (0xFF 0xFE in place of `XX`). */
const BAD = 'bad-XX';

/** Arrow IPC stream of UTF-8 (or dictionary) columns, in batches of `batch` rows, with BAD's marker made invalid UTF-8. */
function ipc(columns: Record<string, Cell[]>, batch: number, dictionaries: readonly string[] = [], times: Record<string, number[]> = {}): Uint8Array {
  const types = Object.fromEntries([
    ...Object.keys(columns).map((k) => [k, dictionaries.includes(k) ? dictionary(utf8()) : utf8()]),
    ...Object.keys(times).map((k) => [k, timestamp(TimeUnit.MILLISECOND)]),
  ]);
  const bytes = tableToIPC(tableFromArrays({ ...columns, ...times }, { types, maxBatchRows: batch }), { format: 'stream' })!;
  const marker = new TextEncoder().encode(BAD);
  for (let i = 0; i + marker.length <= bytes.length; i++) {
    if (marker.every((b, k) => bytes[i + k] === b)) bytes.set([0xff, 0xfe], i + marker.length - 2);
  }
  return bytes;
}

/** What validation gives: the report, every column as values, and the frame's dictionary of every text column. */
function validated(name: TableName, bytes: Uint8Array) {
  const { tables, report } = validate({ [name]: decodeArrow(bytes, 'test bytes') });
  const table = tables[name] as ColumnTable;
  const names = table.columnNames();
  const columns = Object.fromEntries(names.map((c) => [c, Array.from(table.column(c) as unknown as Iterable<unknown>)]));
  const text = names.filter((c) => columns[c].some((v) => typeof v === 'string'));
  const dicts = Object.fromEntries(text.map((c) => [c, { ...frameOf(table).dict(c) }]));
  for (const d of Object.values(dicts)) Object.assign(d, { codes: Array.from(d.codes), index: [...d.index] });
  return { report, names, columns, dicts };
}

/** The same bytes validated with the byte path and without it (restored after). */
function bothWays(name: TableName, bytes: Uint8Array) {
  const fast = validated(name, bytes);
  const path = useBytePath(undefined);
  try {
    return { fast, generic: validated(name, bytes) };
  } finally {
    useBytePath(path);
  }
}

const ODD: Cell[] = ['c1', ' c2', 'c2', 'c\u00e9', '\ufeffc1', BAD, null, '', '  ', 'c2 ', '\u00a0c3'];
const TIMES: Cell[] = [
  '2025-03-01',
  '2025-03-01T10:00:00Z',
  '2025-03-01 10:00:00.123',
  '2025-03-01T10:00:00.123Z',
  '2025-03-01T24:00:00',
  ' 2025-03-01 ',
  '2025-02-30',
  '2025-03-01T10:00',
  'March 1, 2025',
  'not a time',
  '',
  null,
];

describe('Arrow byte path, loaded or not', () => {
  before(async () => {
    await loadArrow();
    expect(loadedBytePath(), 'the Arrow codec brings the byte path').to.equal(BYTE_PATH);
  });

  it('activity: ids of many values, a few events as a dictionary, ISO times and an extra column give the same result', () => {
    const n = 400;
    const pick = (list: Cell[], i: number) => list[i % list.length];
    const customer_id = Array.from({ length: n }, (_, i) => (i % 13 === 0 ? pick(ODD, i) : `cust-${(i * 37) % 150}`));
    const event = Array.from({ length: n }, (_, i) => (i % 17 === 0 ? pick(ODD, i >> 2) : ['open', 'chat', 'cast'][i % 3]));
    const at = Array.from({ length: n }, (_, i) => pick(TIMES, i));
    const note = Array.from({ length: n }, (_, i) => pick(ODD, i));
    for (const batch of [7, 1000]) {
      for (const dicts of [['event'], ['event', 'customer_id', 'note'], []]) {
        const { fast, generic } = bothWays('activity', ipc({ customer_id, event, at, note }, batch, dicts));
        expect(fast.report.accepted).to.be.greaterThan(100);
        expect(fast.report.rejected).to.be.greaterThan(0);
        expect(generic, `batch ${batch}, dictionaries ${dicts.join()}`).to.deep.equal(fast);
      }
    }
  });

  it('customers: unique ids (read without a hash table), a repeat among them, and odd ids give the same result', () => {
    const plain = Array.from({ length: 300 }, (_, i) => `id-${String(i).padStart(5, '0')}`);
    const signup_at = plain.map((_, i) => TIMES[i % TIMES.length]);
    const user_type = plain.map((_, i) => ODD[i % ODD.length]);
    const cases: Cell[][] = [plain, [...plain.slice(0, 299), 'id-00007'], [...plain.slice(0, 300 - ODD.length), ...ODD]];
    for (const ids of cases) {
      for (const dicts of [[], ['customer_id']]) {
        for (const batch of [64, 1000]) {
          const { fast, generic } = bothWays('customers', ipc({ customer_id: ids, signup_at, user_type }, batch, dicts, { churned_at: ids.map((_, i) => 1.74e12 + i) }));
          expect(generic, `ids ending ${ids.at(-1)}, batch ${batch}, dictionaries ${dicts.join()}`).to.deep.equal(fast);
        }
      }
    }
  });

  it('a dictionary of distinct plain values (codes from its keys), with nulls, unused values and a repeated value, gives the same result', () => {
    const n = 500;
    // Ids 'cu-000'…; every 9th row null (rejected: activity needs an id).
    const customer_id = Array.from({ length: n }, (_, i) => (i % 9 === 4 ? null : `cu-${String((i * 7) % 211).padStart(3, '0')}`));
    const event = Array.from({ length: n }, (_, i) => ['open', 'dupe-A', 'dupe-B', 'chat'][i % 4]);
    // Every row's time readable, or the last 20 not (their ids then only in rejected rows).
    for (const [bad, rejected] of [[0, 56], [20, 73]]) {
      const at = Array.from({ length: n }, (_, i) => (i >= n - bad ? 'not a time' : TIMES[i % 4]));
      for (const batch of [16, 1000]) {
        const bytes = ipc({ customer_id, event, at }, batch, ['customer_id', 'event']);
        const plain = bothWays('activity', bytes);
        expect(plain.fast.report.rejected).to.equal(rejected);
        expect(plain.generic, `batch ${batch}, ${bad} bad times`).to.deep.equal(plain.fast);
        // The same bytes with 'dupe-B' made 'dupe-A': a dictionary holding one value twice, whose two keys are one string.
        const from = new TextEncoder().encode('dupe-B');
        for (let i = 0; i + from.length <= bytes.length; i++) if (from.every((b, k) => bytes[i + k] === b)) bytes[i + 5] = 0x41;
        const repeated = bothWays('activity', bytes);
        expect(repeated.fast.dicts.event.values).to.deep.equal(['open', 'dupe-A', 'chat']);
        expect(repeated.generic, `batch ${batch}, ${bad} bad times, a value twice`).to.deep.equal(repeated.fast);
      }
    }
    // Unique ids as a dictionary, one id on two rows (the dictionary then holds fewer values than rows): one duplicate.
    const ids = Array.from({ length: 300 }, (_, i) => `id-${String(i === 299 ? 7 : i).padStart(5, '0')}`);
    const customers = bothWays('customers', ipc({ customer_id: ids, signup_at: ids.map(() => TIMES[0]) }, 64, ['customer_id']));
    expect(customers.fast.report.problems).to.deep.equal([{ table: 'customers', row: 299, field: 'customer_id', problem: 'duplicate-id' }]);
    expect(customers.generic).to.deep.equal(customers.fast);
  });

  it('reads the invalid bytes and the byte-order mark as the decoder does', () => {
    const { fast } = bothWays('activity', ipc({ customer_id: ODD, event: ODD.map(() => 'x'), at: ODD.map(() => '2025-03-01'), note: ODD }, 4));
    expect(fast.dicts.customer_id.values).to.deep.equal(['c1', 'c2', 'c\u00e9', 'bad-\ufffd\ufffd', 'c3']);
    expect(fast.columns.note).to.include('bad-\ufffd\ufffd').and.include(' c2');
  });
});
