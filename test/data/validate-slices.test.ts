// Validation in slices of rows (the main-thread fallback, src/data/slices.ts): the same
// report and rows as in one go, with slice boundaries inside runs of rejected rows and
// between a row and its duplicate id; and a load no one waits for stops at the next slice.
import { expect } from 'chai';
import { dictionary, tableFromArrays, tableToIPC, utf8, float64, int32, timestamp, TimeUnit } from '@uwdata/flechette';
import { loadArrow } from '../../src/adapters/arrow-codec.js';
import { decodeArrow } from '../../src/adapters/arrow-decode.js';
import { MemoryAdapter } from '../../src/adapters/memory.js';
import { BYTE_PATH } from '../../src/data/byte-path.js';
import { loadTable } from '../../src/data/load.js';
import { useSlices, type Slices } from '../../src/data/slices.js';
import { validate, validateInSlices } from '../../src/data/validate.js';
import type { Row } from '../../src/data/schema.js';
import { TableStore } from '../../src/source/table-store.js';
import { expectSame } from './expect-same.js';

const T0 = Date.UTC(2025, 2, 1, 12);

/**
 * 100 tickets: ids repeat across slices of 8 (row 3's id again at rows 12 and 40; row 7 is
 * rejected, so its id at row 9 is the first accepted one), rows 13–21 rejected in a run that
 * crosses a boundary, and every 10th channel blank.
 */
function tickets(): Row[] {
  return Array.from({ length: 100 }, (_, i) => ({
    ticket_id: i === 12 || i === 40 ? 't3' : i === 9 ? 't7' : `t${i}`,
    customer_id: `c${i % 9}`,
    channel: i % 10 === 5 ? ' ' : i % 2 ? 'chat' : 'phone',
    opened_at: i === 7 || (i >= 13 && i <= 21) ? 'not a time' : new Date(T0 + i * 3_600_000).toISOString(),
    resolved_at: T0 + i * 3_600_000 + (i % 11 === 0 ? -1 : 60_000),
    contacts: i % 17 === 0 ? 0 : 1 + (i % 3),
  }));
}

/** The same tickets as Arrow: UTF-8 strings, timestamps and numbers, in record batches of 30 rows. */
function arrowTickets(rows: Row[]) {
  const col = (k: string) => rows.map((r) => r[k]);
  const bytes = tableToIPC(
    tableFromArrays(
      {
        ticket_id: col('ticket_id'),
        customer_id: col('customer_id'),
        channel: col('channel'),
        opened_at: col('opened_at'),
        resolved_at: col('resolved_at'),
        contacts: col('contacts'),
      },
      { types: { ticket_id: utf8(), customer_id: utf8(), channel: utf8(), opened_at: utf8(), resolved_at: timestamp(TimeUnit.MILLISECOND), contacts: float64() }, maxBatchRows: 30 },
    ),
    { format: 'stream' },
  )!;
  return decodeArrow(bytes, 'test bytes');
}

/** Slices that yield after every step, counting the yields; `onYield` runs at each. */
function counting(rows: number, onYield: (count: number) => void = () => {}): Slices & { count: number } {
  const slices = {
    rows,
    budgetMs: 0,
    count: 0,
    next: async () => {
      slices.count += 1;
      onYield(slices.count);
      await new Promise((resolve) => setTimeout(resolve, 0));
    },
  };
  return slices;
}

describe('data/validate in slices', () => {
  before(() => loadArrow());

  it('gives the same report and rows whatever the slice, from rows and from Arrow', async () => {
    const rows = tickets();
    const whole = validate({ tickets: rows });
    // The cases above are in the report: the duplicates found across slices, exactly.
    const rowsOf = (field: string, problem: string) => whole.report.counts.find((c) => c.field === field && c.problem === problem)?.rows;
    expect(rowsOf('ticket_id', 'duplicate-id')).to.equal(2);
    expect(rowsOf('opened_at', 'unparseable-time')).to.equal(9); // row 15's blank channel comes first
    for (const sliceRows of [8, 16, 24, 56]) {
      expectSame('tickets', validate({ tickets: rows }, { sliceRows }), whole, `rows, ${sliceRows} a slice`);
      const slices = counting(sliceRows);
      expectSame('tickets', await validateInSlices({ tickets: rows }, { slices }), whole, `rows in tasks, ${sliceRows} a slice`);
      expect(slices.count, 'yields').to.be.greaterThan(100 / sliceRows);
      const arrow = arrowTickets(rows);
      const fromArrow = validate({ tickets: arrow });
      expect(fromArrow.report).to.deep.equal(whole.report);
      expectSame('tickets', await validateInSlices({ tickets: arrowTickets(rows) }, { slices: counting(sliceRows) }), fromArrow, `arrow in tasks, ${sliceRows} a slice`);
    }
  });

  it('reads Arrow text in slices from the bytes, duplicates and blanks included', async () => {
    const ids = Array.from({ length: 200 }, (_, i) => (i % 37 === 0 ? null : i % 13 === 0 ? ' ' : `c${i % 23}`));
    const bytes = tableToIPC(
      tableFromArrays(
        { customer_id: ids, at: ids.map((_, i) => T0 + i * 1000), event: ids.map((_, i) => (i % 5 ? 'login' : `e${i}`)), seats: ids.map((_, i) => i) },
        { types: { customer_id: utf8(), at: timestamp(TimeUnit.MILLISECOND), event: utf8(), seats: int32() }, maxBatchRows: 70 },
      ),
      { format: 'stream' },
    )!;
    const whole = validate({ activity: decodeArrow(bytes, 'a') });
    expect(whole.report.rejected).to.equal(6 + 15); // 6 nulls, 15 blanks among 200
    const slices = counting(8);
    expectSame('activity', await validateInSlices({ activity: decodeArrow(bytes, 'b') }, { slices }), whole, 'arrow in slices of 8');
    expect(slices.count).to.be.greaterThan(3 * (200 / 8));
  });

  it('reads Arrow dictionaries of distinct values from their keys in slices too, with the same codes', async () => {
    // Customer ids as a dictionary (23 values, nulls among the keys), events as one with blanks (read the general way).
    const ids = Array.from({ length: 300 }, (_, i) => (i % 37 === 0 ? null : `c${(i * 7) % 23}`));
    const events = ids.map((_, i) => (i % 11 === 0 ? ' ' : i % 5 ? 'login' : `e${i % 4}`));
    const bytes = tableToIPC(
      tableFromArrays(
        { customer_id: ids, at: ids.map((_, i) => T0 + i * 1000), event: events },
        { types: { customer_id: dictionary(utf8()), at: timestamp(TimeUnit.MILLISECOND), event: dictionary(utf8()) }, maxBatchRows: 70 },
      ),
      { format: 'stream' },
    )!;
    const whole = validate({ activity: decodeArrow(bytes, 'a') });
    expect(whole.report.rejected).to.equal(9 + 27); // 9 null ids, 27 blank events among the rest
    // The byte path's dictionary read, counted: the cut read takes it too.
    const path = BYTE_PATH as { dictionarySteps: typeof BYTE_PATH.dictionarySteps };
    const original = path.dictionarySteps;
    let read = 0;
    path.dictionarySteps = function* (...args) {
      const ok = yield* original(...args);
      if (ok) read += 1;
      return ok;
    };
    try {
      for (const rows of [8, 16, 64]) {
        read = 0;
        const slices = counting(rows);
        expectSame('activity', await validateInSlices({ activity: decodeArrow(bytes, 'b') }, { slices }), whole, `dictionaries in slices of ${rows}`);
        expect(read, 'customer ids read from their keys').to.equal(1);
        expect(slices.count).to.be.greaterThan(300 / rows);
      }
    } finally {
      path.dictionarySteps = original;
    }
  });

  it('gives the same result where it runs by default (straight through in Node and a worker, in slices in a page)', async () => {
    const rows = tickets();
    const before = useSlices(undefined);
    try {
      expectSame('tickets', await validateInSlices({ tickets: rows }), validate({ tickets: rows }), 'no slices');
    } finally {
      useSlices(before);
    }
  });

  it('stops at the next slice once its signal aborts', async () => {
    const controller = new AbortController();
    const slices = counting(8, (count) => count === 3 && controller.abort(new DOMException('stale', 'AbortError')));
    let error: unknown;
    await validateInSlices({ tickets: tickets() }, { slices, signal: controller.signal }).catch((e: unknown) => (error = e));
    expect((error as Error)?.name).to.equal('AbortError');
    expect(slices.count).to.equal(3);
  });

  it('stops a table store load no one waits for any more (the adapter changed)', async () => {
    const controller = new AbortController();
    const slices = counting(8, (count) => count === 2 && controller.abort(new DOMException('adapter changed', 'AbortError')));
    const before = useSlices(slices);
    try {
      const store = new TableStore(new MemoryAdapter({ tickets: tickets() }), { ttlMs: 0 });
      let error: unknown;
      await store.load(['tickets'], { signal: controller.signal }).catch((e: unknown) => (error = e));
      expect((error as Error)?.name).to.equal('AbortError');
      await new Promise((resolve) => setTimeout(resolve, 50));
      const stopped = slices.count;
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(slices.count, 'no step after the stop').to.equal(stopped);
      expect(stopped, 'stopped early').to.be.lessThan(8);
      // loadTable without a store: the same signal reaches validation.
      const again = counting(8);
      useSlices(again);
      const done = await loadTable(new MemoryAdapter({ tickets: tickets() }), { table: 'tickets' });
      expect(done.report).to.deep.equal(validate({ tickets: tickets() }).report);
      expect(again.count).to.be.greaterThan(100 / 8);
    } finally {
      useSlices(before);
    }
  });
});
