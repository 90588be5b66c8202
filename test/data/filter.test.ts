import { expect } from 'chai';
import { filterNeeds, filterTables, isEmptyFilter } from '../../src/data/filter.js';
import type { TableFilter } from '../../src/data/filter.js';
import { isNormalized, validate } from '../../src/data/validate.js';
import type { Row } from '../../src/data/schema.js';

const customers: Row[] = [
  { customer_id: 'a', signup_at: '2025-01-05T00:00:00Z', plan: 'Essencial' },
  { customer_id: 'b', signup_at: '2025-01-31T23:00:00Z', plan: 'Ouro' },
  { customer_id: 'c', signup_at: '2025-02-01T00:00:00Z', plan: null },
  { customer_id: 'd', signup_at: '2025-02-10T00:00:00Z', plan: 'Essencial' },
];
const activity: Row[] = [
  { customer_id: 'a', at: '2025-01-06T00:00:00Z', event: 'first_login' },
  { customer_id: 'b', at: '2025-02-02T00:00:00Z', event: 'first_login' },
  { customer_id: 'b', at: '2025-02-03T00:00:00Z', event: 'teleconsult' },
  { customer_id: 'd', at: '2025-02-11T00:00:00Z', event: 'teleconsult' },
];
const surveys: Row[] = [
  { at: '2025-01-10T00:00:00Z', kind: 'nps', score: 9, customer_id: 'a', channel: 'app' },
  { at: '2025-02-10T00:00:00Z', kind: 'nps', score: 3, customer_id: 'b', channel: 'phone' },
  { at: '2025-02-12T00:00:00Z', kind: 'csat', score: 5, customer_id: 'd', channel: 'phone' },
  { at: '2025-02-13T00:00:00Z', kind: 'nps', score: 7, customer_id: null, channel: 'app' },
];
const tickets: Row[] = [
  { ticket_id: 't1', customer_id: 'a', channel: 'chat', opened_at: '2025-01-07T00:00:00Z' },
  { ticket_id: 't2', customer_id: 'd', channel: 'phone', opened_at: '2025-02-15T00:00:00Z' },
];
const tables = validate({ customers, activity, surveys, tickets }).tables;
/** customer_id of each row kept (ticket_id is not needed: every ticket here has a customer). */
const ids = (name: 'customers' | 'activity' | 'surveys' | 'tickets', f: TableFilter) => {
  const t = filterTables(tables, f)[name]!;
  const col = t.column('customer_id')!;
  // Not .objects(): it compiles code from strings, which this suite forbids (strict CSP).
  return Array.from({ length: t.numRows() }, (_, i) => (col.at(i) as string | null | undefined) ?? null);
};

describe('data/filterTables', () => {
  it('keeps a customer segment in every table through customer_id', () => {
    const f = { segment: { by: 'plan', value: 'Essencial' } };
    expect(ids('customers', f)).to.deep.equal(['a', 'd']);
    expect(ids('activity', f)).to.deep.equal(['a', 'd']);
    expect(ids('surveys', f)).to.deep.equal(['a', 'd']);
    expect(ids('tickets', f)).to.deep.equal(['a', 'd']);
    expect(ids('customers', { segment: { by: 'plan', value: '(none)' } })).to.deep.equal(['c']);
  });

  it('filters a segment by the table’s own column where it has one, and leaves tables without it whole', () => {
    const f = { segment: { by: 'channel', value: 'phone' } };
    expect(ids('surveys', f)).to.deep.equal(['b', 'd']);
    expect(ids('tickets', f)).to.deep.equal(['d']);
    expect(ids('customers', f)).to.deep.equal(['a', 'b', 'c', 'd']);
  });

  it('keeps a cohort, a step reached and one period', () => {
    expect(ids('customers', { cohort: { key: '2025-01-01', period: 'month' } })).to.deep.equal(['a', 'b']);
    // c signed up at midnight UTC on 1 February: 21:00 on 31 January in São Paulo.
    expect(ids('customers', { cohort: { key: '2025-02-01', period: 'month', timeZone: 'America/Sao_Paulo' } })).to.deep.equal(['d']);
    expect(ids('customers', { cohort: { key: '2025-01-01', period: 'month', timeZone: 'America/Sao_Paulo' } })).to.deep.equal(['a', 'b', 'c']);
    expect(ids('surveys', { event: 'teleconsult' })).to.deep.equal(['b', 'd']);
    // By first activity: a first acted in January, b and d in February (b signed up in January).
    const firstFeb = { cohort: { key: '2025-02-01', period: 'month' as const, by: 'first-activity' as const } };
    expect(ids('customers', firstFeb)).to.deep.equal(['b', 'd']);
    expect(ids('surveys', firstFeb)).to.deep.equal(['b', 'd']);
    expect(filterNeeds(firstFeb)).to.deep.equal(['activity']);
    expect(ids('activity', { cohort: { key: '2025-01-01', period: 'month' }, event: 'teleconsult' })).to.deep.equal(['b', 'b']);
    expect(ids('surveys', { period: { key: '2025-02-01', period: 'month' } })).to.deep.equal(['b', 'd', null]);
    expect(ids('customers', { period: { key: '2025-02-01', period: 'month' } })).to.have.length(4);
    expect(ids('tickets', { channel: 'phone' })).to.deep.equal(['d']);
    expect(ids('activity', { channel: 'phone' })).to.have.length(4);
  });

  it('returns normalized tables, the same objects when nothing is filtered, and says what it needs', () => {
    const out = filterTables(tables, { channel: 'app' });
    expect(isNormalized(out.surveys!)).to.equal(true);
    expect(out.customers).to.equal(tables.customers);
    expect(filterTables(tables, {})).to.equal(tables);
    expect(isEmptyFilter({})).to.equal(true);
    expect(filterNeeds({ segment: { by: 'plan', value: 'x' }, event: 'e' })).to.deep.equal(['customers', 'activity']);
    expect(ids('surveys', { segment: { by: 'plan', value: 'Platina' } })).to.deep.equal([]);
  });
});
