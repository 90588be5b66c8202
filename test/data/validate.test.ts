import { expect } from 'chai';
import * as aq from 'arquero';
import { validate, mergeReports, subsetRows } from '../../src/data/validate.js';
import { frameOf } from '../../src/data/frame.js';
import type { Row, TableName } from '../../src/data/schema.js';

const T0 = Date.UTC(2025, 2, 1);
const DAY = 86_400_000;

function one(table: TableName, rows: Row[]) {
  return validate({ [table]: rows });
}

/** The single problem of a one-table validation, as `field:problem`. */
function why(table: TableName, row: Row): string {
  const { report } = one(table, [row]);
  expect(report.rejected, JSON.stringify(row)).to.equal(1);
  return `${report.problems[0].field}:${report.problems[0].problem}`;
}

describe('validate', () => {
  it('accepts well-formed rows of every table and types their columns', () => {
    const { tables, report } = validate({
      customers: [{ customer_id: 'c1', signup_at: '2025-03-01', churned_at: null, user_type: 'patient', plan: 'Ouro' }],
      activity: [{ customer_id: 'c1', at: T0, event: 'first_login' }],
      surveys: [{ at: new Date(T0), kind: 'NPS', score: '9', customer_id: null, channel: 'app' }],
      tickets: [{ ticket_id: 7, customer_id: 'c1', channel: 'chat', opened_at: '2025-03-01T10:00:00-03:00', first_response_at: '2025-03-01T13:05:00Z', resolved_at: null, contacts: 1 }],
    });
    expect(report).to.include({ accepted: 4, rejected: 0 });
    expect(report.counts).to.deep.equal([]);
    const c = tables.customers!;
    expect(c.column('signup_at')).to.be.instanceOf(Float64Array);
    expect((c.column('signup_at') as Float64Array)[0]).to.equal(T0);
    expect(Number.isNaN((c.column('churned_at') as Float64Array)[0])).to.equal(true);
    expect(c.get('plan', 0)).to.equal('Ouro');
    expect(tables.surveys!.get('kind', 0)).to.equal('nps');
    expect(tables.surveys!.get('score', 0)).to.equal(9);
    expect(tables.surveys!.get('customer_id', 0)).to.equal(null);
    expect(tables.tickets!.get('ticket_id', 0)).to.equal('7');
    expect(tables.tickets!.get('opened_at', 0)).to.equal(Date.UTC(2025, 2, 1, 13));
    expect(tables.activity!.get('at', 0)).to.equal(T0);
  });

  it('rejects a missing required field in every table', () => {
    expect(why('customers', { signup_at: T0 })).to.equal('customer_id:missing');
    expect(why('activity', { customer_id: 'a', event: 'x' })).to.equal('at:missing');
    expect(why('activity', { customer_id: ' ', at: T0, event: 'x' })).to.equal('customer_id:missing');
    expect(why('activity', { customer_id: 'a', at: T0, event: null })).to.equal('event:missing');
    expect(why('surveys', { at: T0, kind: 'nps' })).to.equal('score:missing');
    expect(why('surveys', { at: T0, score: 3 })).to.equal('kind:missing');
    expect(why('surveys', { kind: 'nps', score: 3 })).to.equal('at:missing');
    expect(why('tickets', { ticket_id: 't', opened_at: T0 })).to.equal('channel:missing');
    expect(why('tickets', { channel: 'chat', opened_at: T0 })).to.equal('ticket_id:missing');
    expect(why('tickets', { ticket_id: 't', channel: 'chat' })).to.equal('opened_at:missing');
    expect(why('activity', { customer_id: 'a', at: NaN, event: 'x' })).to.equal('at:missing');
  });

  it('rejects unparseable timestamps, in required and optional columns', () => {
    expect(why('activity', { customer_id: 'a', at: 'yesterday', event: 'x' })).to.equal('at:unparseable-time');
    expect(why('activity', { customer_id: 'a', at: '2025-02-30', event: 'x' })).to.equal('at:unparseable-time');
    expect(why('activity', { customer_id: 'a', at: new Date('nope'), event: 'x' })).to.equal('at:unparseable-time');
    expect(why('customers', { customer_id: 'a', signup_at: T0, churned_at: '31/12/2025' })).to.equal('churned_at:unparseable-time');
    expect(why('tickets', { ticket_id: 't', channel: 'c', opened_at: T0, resolved_at: {} })).to.equal('resolved_at:unparseable-time');
  });

  it('rejects timestamps outside the plausible window [1900-01-01, 2200-01-01), and counts them', () => {
    const at = (v: unknown) => why('surveys', { at: v, kind: 'nps', score: 9 });
    for (const v of ['0000-01-01', '+275760-09-12', '1899-12-31T23:59:59.999Z', '2200-01-01', -8.64e15, 8.64e15, Date.UTC(2200, 0, 1)])
      expect(at(v), String(v)).to.equal('at:implausible-time');
    expect(why('customers', { customer_id: 'a', signup_at: '2025-01-01', churned_at: '9999-12-31' })).to.equal('churned_at:implausible-time');
    const edges = one('surveys', ['1900-01-01', '2199-12-31T23:59:59.999Z', new Date(Date.UTC(1900, 0, 1))].map((v) => ({ at: v, kind: 'nps', score: 9 })));
    expect(edges.report).to.include({ accepted: 3, rejected: 0 });
    const { report } = one('surveys', [
      { at: '0000-01-01', kind: 'nps', score: 9 },
      { at: '+275760-09-12', kind: 'nps', score: 9 },
      { at: '2025-01-01', kind: 'nps', score: 9 },
    ]);
    expect(report.counts).to.deep.equal([{ table: 'surveys', field: 'at', problem: 'implausible-time', rows: 2 }]);
    expect(report).to.include({ accepted: 1, rejected: 2 });
  });

  it('keeps a column named __proto__ as a column (a JSON key like any other)', () => {
    const rows = JSON.parse('[{"customer_id":"a","at":"2025-03-01","event":"x","__proto__":"gold","constructor":"c1"}]') as Row[];
    const frame = frameOf(validate({ activity: rows }).tables.activity!);
    expect(frame.has('__proto__')).to.equal(true);
    expect(frame.dict('__proto__').values).to.deep.equal(['gold']);
    expect(frame.dict('constructor').values).to.deep.equal(['c1']);
    expect(frame.has('toString')).to.equal(false);
  });

  it('rejects scores outside the scale of their kind, and unknown kinds', () => {
    expect(why('surveys', { at: T0, kind: 'nps', score: 11 })).to.equal('score:out-of-range');
    expect(why('surveys', { at: T0, kind: 'nps', score: -1 })).to.equal('score:out-of-range');
    expect(why('surveys', { at: T0, kind: 'nps', score: 7.5 })).to.equal('score:not-an-integer');
    expect(why('surveys', { at: T0, kind: 'csat', score: 0 })).to.equal('score:out-of-range');
    expect(why('surveys', { at: T0, kind: 'csat', score: 6 })).to.equal('score:out-of-range');
    expect(why('surveys', { at: T0, kind: 'ces', score: 8 })).to.equal('score:out-of-range');
    expect(why('surveys', { at: T0, kind: 'nps', score: 'ten' })).to.equal('score:not-a-number');
    expect(why('surveys', { at: T0, kind: 'nps', score: '0x9' })).to.equal('score:not-a-number');
    expect(why('surveys', { at: T0, kind: 'nps', score: Infinity })).to.equal('score:not-a-number');
    expect(why('surveys', { at: T0, kind: 'stars', score: 3 })).to.equal('kind:unknown-kind');
    const ok = validate({ surveys: [
      { at: T0, kind: 'nps', score: 0 }, { at: T0, kind: 'nps', score: 10 },
      { at: T0, kind: 'csat', score: 1 }, { at: T0, kind: 'csat', score: 5 },
      { at: T0, kind: 'ces', score: 1 }, { at: T0, kind: 'ces', score: 7 },
    ] });
    expect(ok.report.rejected).to.equal(0);
  });

  it('rejects duplicate ids after the first, keeping the first', () => {
    const { tables, report } = validate({
      customers: [{ customer_id: 'a', plan: 1 }, { customer_id: 'a', plan: 2 }, { customer_id: 'b' }, { customer_id: 'a' }],
      tickets: [
        { ticket_id: 1, channel: 'chat', opened_at: T0 },
        { ticket_id: '1', channel: 'chat', opened_at: T0 },
      ],
    });
    expect(tables.customers!.numRows()).to.equal(2);
    expect(tables.customers!.get('plan', 0)).to.equal(1);
    expect(report.counts).to.deep.equal([
      { table: 'customers', field: 'customer_id', problem: 'duplicate-id', rows: 2 },
      { table: 'tickets', field: 'ticket_id', problem: 'duplicate-id', rows: 1 },
    ]);
    expect(report.problems.map((p) => p.row)).to.deep.equal([1, 3, 1]);
  });

  it('does not let a rejected row reserve its id', () => {
    const { tables, report } = validate({
      customers: [{ customer_id: 'a', signup_at: 'bad' }, { customer_id: 'a', signup_at: T0 }],
    });
    expect(report.rejected).to.equal(1);
    expect(tables.customers!.get('signup_at', 0)).to.equal(T0);
  });

  it('rejects an end before its start, and accepts an end equal to it', () => {
    expect(why('customers', { customer_id: 'a', signup_at: T0, churned_at: T0 - 1 })).to.equal('churned_at:end-before-start');
    const base = { ticket_id: 't', channel: 'c', opened_at: T0 };
    expect(why('tickets', { ...base, resolved_at: T0 - DAY })).to.equal('resolved_at:end-before-start');
    expect(why('tickets', { ...base, first_response_at: T0 - 1 })).to.equal('first_response_at:end-before-start');
    expect(why('tickets', { ...base, first_response_at: T0 + DAY, resolved_at: T0 + 1 })).to.equal('resolved_at:end-before-start');
    const ok = validate({
      customers: [{ customer_id: 'a', signup_at: T0, churned_at: T0 }],
      tickets: [{ ...base, first_response_at: T0, resolved_at: T0 }],
    });
    expect(ok.report.rejected).to.equal(0);
  });

  it('rejects contacts below one or fractional', () => {
    const base = { ticket_id: 't', channel: 'c', opened_at: T0 };
    expect(why('tickets', { ...base, contacts: 0 })).to.equal('contacts:out-of-range');
    expect(why('tickets', { ...base, contacts: 1.5 })).to.equal('contacts:not-an-integer');
    expect(validate({ tickets: [{ ...base, contacts: null }] }).report.rejected).to.equal(0);
  });

  it('rejects ids that are not text', () => {
    expect(why('activity', { customer_id: { id: 1 }, at: T0, event: 'x' })).to.equal('customer_id:not-text');
    expect(why('activity', { customer_id: 'a', at: T0, event: true })).to.equal('event:not-text');
  });

  it('counts exactly, caps the sample, and reports per table', () => {
    const rows: Row[] = [];
    for (let i = 0; i < 1000; i++) rows.push({ at: T0, kind: 'nps', score: i % 4 === 0 ? 12 : i % 5 === 0 ? null : 8 });
    const { tables, report } = validate({ surveys: rows }, { maxProblems: 10 });
    const outOfRange = 250;
    const missing = 150; // multiples of 5 that are not multiples of 4: 200 - 50
    expect(report.rejected).to.equal(outOfRange + missing);
    expect(report.accepted).to.equal(1000 - outOfRange - missing);
    expect(tables.surveys!.numRows()).to.equal(report.accepted);
    expect(report.problems).to.have.length(10);
    expect(report.problemsOmitted).to.equal(outOfRange + missing - 10);
    expect(report.tables.surveys).to.deep.equal({ accepted: 600, rejected: 400 });
    expect(report.counts).to.have.deep.members([
      { table: 'surveys', field: 'score', problem: 'out-of-range', rows: 250 },
      { table: 'surveys', field: 'score', problem: 'missing', rows: 150 },
    ]);
  });

  it('never throws on garbage: holes, nulls, non-objects, empty input', () => {
    const rows = [null, undefined, 42, 'row', [], { customer_id: 'a', at: T0, event: 'e' }] as unknown as Row[];
    const { tables, report } = validate({ activity: rows });
    expect(report).to.include({ accepted: 1, rejected: 5 });
    expect(tables.activity!.numRows()).to.equal(1);
    const empty = validate({ activity: [], customers: aq.table({}) });
    expect(empty.report).to.include({ accepted: 0, rejected: 0 });
    expect(empty.tables.activity!.numRows()).to.equal(0);
    expect(empty.tables.activity!.columnNames()).to.include.members(['customer_id', 'at', 'event']);
  });

  it('treats an all-null column as missing everywhere', () => {
    const { report } = validate({ activity: aq.table({ customer_id: ['a', 'b'], at: [null, null], event: ['x', 'y'] }) });
    expect(report.counts).to.deep.equal([{ table: 'activity', field: 'at', problem: 'missing', rows: 2 }]);
  });

  it('gives the same result for an Arquero table as for its rows, extras included', () => {
    const rows = [
      { customer_id: 'a', at: '2025-03-01T10:00:00Z', event: 'x', device: 'ios' },
      { customer_id: 'b', at: 'bad', event: 'y', device: 'web' },
      { customer_id: 'c', at: '2025-03-02', event: 'z', device: null },
    ];
    const fromRows = validate({ activity: rows });
    const table = aq.table({
      customer_id: rows.map((r) => r.customer_id),
      at: rows.map((r) => r.at),
      event: rows.map((r) => r.event),
      device: rows.map((r) => r.device),
    });
    const fromTable = validate({ activity: table });
    expect(fromTable.report).to.deep.equal(fromRows.report);
    for (const v of [fromRows, fromTable]) {
      const t = v.tables.activity!;
      expect(t.numRows()).to.equal(2);
      expect(Array.from(t.column('device') as unknown as ArrayLike<unknown>)).to.deep.equal(['ios', null]);
      expect(Array.from(t.column('at') as Float64Array)).to.deep.equal([Date.UTC(2025, 2, 1, 10), Date.UTC(2025, 2, 2)]);
    }
  });

  it('reads a filtered Arquero table by its visible rows', () => {
    const t = aq.table({ customer_id: ['a', 'b', 'c'], at: [T0, T0, T0], event: ['x', 'y', 'z'] });
    const sliced = t.slice(1);
    const { tables } = validate({ activity: sliced });
    expect(Array.from(tables.activity!.column('customer_id') as string[])).to.deep.equal(['b', 'c']);
  });

  it('gives string columns that read back as strings through get, iteration, Arrow and a subset of rows', async () => {
    const { tables } = validate({
      activity: [
        { customer_id: ' b ', at: T0, event: 'x', device: 'ios' },
        { customer_id: 'a', at: 'x', event: 'y', device: null },
        { customer_id: 'b', at: T0, event: null, device: 'web' },
        { customer_id: 'a', at: T0 + DAY, event: 'z', device: '' },
      ],
    });
    const t = tables.activity!;
    expect(t.get('customer_id', 0)).to.equal('b');
    // Rows through `get` (Arquero's `objects` compiles code, which Pulso never does).
    const rows = (table: typeof t) => Array.from({ length: table.numRows() }, (_, i) => Object.fromEntries(table.columnNames().map((c) => [c, table.get(c, i)])));
    expect(rows(t).map((r) => [r.customer_id, r.event, r.device])).to.deep.equal([['b', 'x', 'ios'], ['a', 'z', '']]);
    expect(Array.from(t.column('event') as unknown as Iterable<string>)).to.deep.equal(['x', 'z']);
    const { loadArrow, arrowCodec } = await import('../../src/adapters/arrow-codec.js');
    await loadArrow();
    const back = arrowCodec().tableFromIPC(arrowCodec().toArrowIPC(t, { format: 'stream' }) as Uint8Array);
    expect(back.toArray().map((r) => r.customer_id)).to.deep.equal(['b', 'a']);
    const sub = subsetRows(t, [1]);
    expect(rows(sub)).to.deep.equal([{ customer_id: 'a', at: T0 + DAY, event: 'z', device: '' }]);
    expect(frameOf(sub).dict('customer_id').values).to.deep.equal(['a']);
  });

  it('merges reports of tables validated one by one', () => {
    const a = validate({ activity: [{ customer_id: 'a', at: 'x', event: 'e' }] }).report;
    const b = validate({ activity: [{ customer_id: 'a', at: 'y', event: 'e' }, { customer_id: 'a', at: T0, event: 'e' }] }).report;
    const m = mergeReports(a, b);
    expect(m).to.include({ accepted: 1, rejected: 2 });
    expect(m.counts).to.deep.equal([{ table: 'activity', field: 'at', problem: 'unparseable-time', rows: 2 }]);
    expect(m.tables.activity).to.deep.equal({ accepted: 1, rejected: 2 });
  });
});
