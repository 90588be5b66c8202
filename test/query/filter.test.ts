// filterFrames: which tables each filter reaches, views that share the base's
// dictionaries, and one view per (table, filters) for every widget that asks.
import { expect } from 'chai';
import { frameOf, type Frame } from '../../src/data/frame.js';
import type { TableName } from '../../src/data/schema.js';
import { validate } from '../../src/data/validate.js';
import { filterFrames, type Frames } from '../../src/query/filter.js';
import { customerRows } from '../../src/query/join.js';
import type { QueryFilter } from '../../src/query/types.js';

const { tables } = validate({
  customers: [
    { customer_id: 'a', signup_at: '2025-01-05', plan: 'gold' },
    { customer_id: 'b', signup_at: '2025-02-05', plan: 'basic' },
    { customer_id: 'c', signup_at: '2025-03-05', plan: null },
  ],
  activity: [
    { customer_id: 'a', at: '2025-01-06', event: 'login' },
    { customer_id: 'b', at: '2025-02-06', event: 'teleconsult' },
    { customer_id: 'b', at: '2025-01-01', event: 'login' },
    { customer_id: 'z', at: '2025-02-07', event: 'login' },
  ],
  surveys: [
    { at: '2025-01-10', kind: 'nps', score: 9, customer_id: 'a', channel: 'chat' },
    { at: '2025-02-10', kind: 'nps', score: 3, customer_id: 'b', channel: 'app' },
    { at: '2025-02-11', kind: 'csat', score: 5, customer_id: null, channel: 'chat' },
  ],
  tickets: [
    { ticket_id: 't1', customer_id: 'c', channel: 'chat', opened_at: '2025-03-06' },
    { ticket_id: 't2', customer_id: null, channel: 'phone', opened_at: '2025-03-07' },
  ],
});
const ALL: Frames = Object.fromEntries(Object.entries(tables).map(([k, t]) => [k, frameOf(t)]));
const NAMES: TableName[] = ['customers', 'activity', 'surveys', 'tickets'];

/** Values of a string column of each filtered table. */
function column(frames: Frames, name: TableName, col: string): (string | null)[] {
  const d = frames[name]!.dict(col);
  return Array.from(d.codes, (c) => (c < 0 ? null : d.values[c]));
}

describe('filterFrames', () => {
  it('a channel filter reaches surveys and tickets only; customers and activity stay whole', () => {
    const { frames, reached } = filterFrames(ALL, [{ column: 'channel', values: ['chat'] }]);
    expect(reached).to.deep.equal([true]);
    expect(frames.customers).to.equal(ALL.customers);
    expect(frames.activity).to.equal(ALL.activity);
    expect(column(frames, 'surveys', 'channel')).to.deep.equal(['chat', 'chat']);
    expect(column(frames, 'tickets', 'ticket_id')).to.deep.equal(['t1']);
    const alone = filterFrames({ customers: ALL.customers, activity: ALL.activity }, [{ column: 'channel', values: ['chat'] }]);
    expect(alone.reached).to.deep.equal([false]);
    expect(alone.frames.activity).to.equal(ALL.activity);
  });

  it('a customer attribute reaches every table with customer_id; no customer, or an unknown one, is null', () => {
    const gold = filterFrames(ALL, [{ column: 'plan', values: ['gold'] }]);
    expect(gold.reached).to.deep.equal([true]);
    expect(column(gold.frames, 'customers', 'customer_id')).to.deep.equal(['a']);
    expect(column(gold.frames, 'activity', 'customer_id')).to.deep.equal(['a']);
    expect(column(gold.frames, 'surveys', 'customer_id')).to.deep.equal(['a']);
    expect(gold.frames.tickets!.n).to.equal(0);
    const none = filterFrames(ALL, [{ column: 'plan', values: [null] }]);
    expect(column(none.frames, 'customers', 'customer_id')).to.deep.equal(['c']);
    expect(column(none.frames, 'activity', 'customer_id')).to.deep.equal(['z']);
    expect(column(none.frames, 'surveys', 'customer_id')).to.deep.equal([null]);
    expect(column(none.frames, 'tickets', 'ticket_id')).to.deep.equal(['t1', 't2']);
    const noCustomers = filterFrames({ surveys: ALL.surveys }, [{ column: 'plan', values: ['gold'] }]);
    expect(noCustomers.reached).to.deep.equal([false]);
  });

  it('a range on signup_at never passes a row without a customer', () => {
    const { frames } = filterFrames(ALL, [{ column: 'signup_at', from: '2025-02-01' }]);
    expect(column(frames, 'customers', 'customer_id')).to.deep.equal(['b', 'c']);
    expect(column(frames, 'activity', 'customer_id')).to.deep.equal(['b', 'b']);
    expect(column(frames, 'tickets', 'ticket_id')).to.deep.equal(['t1']);
  });

  it('a table filter picks customers by their rows and reaches every table, customers included', () => {
    const step = filterFrames(ALL, [{ table: 'activity', column: 'event', values: ['teleconsult'] }]);
    expect(step.reached).to.deep.equal([true]);
    expect(column(step.frames, 'customers', 'customer_id')).to.deep.equal(['b']);
    expect(column(step.frames, 'activity', 'event')).to.deep.equal(['teleconsult', 'login']);
    expect(column(step.frames, 'surveys', 'customer_id')).to.deep.equal(['b']);
    expect(step.frames.tickets!.n).to.equal(0);
    // First activity in January: a (Jan 6) and b (Jan 1, though b's other event is in February).
    const cohort = filterFrames(ALL, [{ table: 'activity', column: 'at', from: '2025-01-01', to: '2025-02-01', match: 'first' }]);
    expect(column(cohort.frames, 'customers', 'customer_id')).to.deep.equal(['a', 'b']);
    expect(column(cohort.frames, 'activity', 'customer_id')).to.deep.equal(['a', 'b', 'b']);
    const missing = filterFrames({ customers: ALL.customers, surveys: ALL.surveys }, [{ table: 'activity', column: 'event', values: ['login'] }]);
    expect(missing.reached).to.deep.equal([false]);
    expect(missing.frames.surveys).to.equal(ALL.surveys);
  });

  it('several filters: all must pass, each reported on its own', () => {
    const filters: QueryFilter[] = [{ column: 'channel', values: ['chat'] }, { column: 'plan', values: ['gold'] }, { column: 'nowhere', values: ['x'] }];
    const { frames, reached } = filterFrames(ALL, filters);
    expect(reached).to.deep.equal([true, true, false]);
    expect(column(frames, 'surveys', 'customer_id')).to.deep.equal(['a']);
  });

  it('views share the base dictionaries, gather lazily once, and are shared by every caller with the same filters', () => {
    const filters: QueryFilter[] = [{ column: 'plan', values: ['basic'] }];
    const one = filterFrames(ALL, filters).frames;
    const two = filterFrames({ ...ALL }, [{ values: ['basic'], column: 'plan' }]).frames;
    for (const name of NAMES) expect(two[name], name).to.equal(one[name]);
    const view = one.activity as Frame;
    const base = ALL.activity!;
    expect(view.dict('event').values).to.equal(base.dict('event').values);
    expect(view.dict('event').index).to.equal(base.dict('event').index);
    expect(view.time('at')).to.equal(view.time('at'));
    expect(Array.from(view.time('at'))).to.deep.equal([Date.UTC(2025, 1, 6), Date.UTC(2025, 0, 1)]);
    expect(view.table.numRows()).to.equal(2);
    expect(filterFrames(ALL, [{ column: 'plan', values: ['gold'] }]).frames.activity).to.not.equal(view);
    expect(customerRows(base, ALL.customers!)).to.equal(customerRows(base, ALL.customers!));
  });

  it('returns the base frame when every row passes, and the frames as given without filters', () => {
    const { frames } = filterFrames(ALL, [{ column: 'at', from: '2024-01-01' }]);
    expect(frames.activity).to.equal(ALL.activity);
    expect(filterFrames(ALL, []).frames).to.equal(ALL);
  });
});
