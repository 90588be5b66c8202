// What each dashboard filter keeps, as query filters (SPEC §6): a cohort is a signup
// range (or a first-activity range), a period is each table's own time, a segment a
// customer attribute ("Not set" is a missing value), a channel the table's own channel,
// a step or feature the customers who have that event.
import { expect } from 'chai';
import { localeLoading } from '../../../components/shared/catalogs.js';
import { dashboardFilters } from '../../../components/dashboard/filters.js';
import type { Row } from '../../../src/data/schema.js';
import { runQuery } from '../../../src/query/run.js';

const filtersOf = (cross: Parameters<typeof dashboardFilters>[0]['cross'], timeZone?: string) =>
  dashboardFilters({ cross }, undefined, timeZone);

const customers: Row[] = [
  { customer_id: 'a', signup_at: '2025-01-05', plan: 'Ouro' },
  { customer_id: 'b', signup_at: '2025-02-01', plan: null },
];
const activity: Row[] = [
  { customer_id: 'a', at: '2025-03-02', event: 'login' },
  { customer_id: 'b', at: '2025-02-03', event: 'signup' },
  { customer_id: 'b', at: '2025-03-04', event: 'teleconsult' },
];
const tickets: Row[] = [
  { ticket_id: 't1', customer_id: 'a', channel: 'phone', opened_at: '2025-03-01' },
  { ticket_id: 't2', customer_id: 'b', channel: 'chat', opened_at: '2025-04-01' },
];
const volume = (filters: ReturnType<typeof filtersOf>) =>
  runQuery({ customers, activity, tickets }, { metric: 'ticketStats', options: {}, filters: filters.flatMap((f) => f.filters) })
    .map((r) => [r.channel, r.tickets]);

describe('dashboard filters', () => {
  // Described outside an element, which would wait for its locale's words itself.
  before(() => Promise.all([localeLoading('en'), localeLoading('pt-BR'), localeLoading('es')]));

  it('makes a cohort the half-open range of its period on signup_at, in the time zone', () => {
    const [f] = filtersOf({ filters: { cohort: '2025-01-01' }, periodUnit: 'month' });
    expect([f.id, f.kind]).to.deep.equal(['cross.cohort', 'cohort']);
    expect(f.filters).to.deep.equal([{ column: 'signup_at', from: Date.UTC(2025, 0, 1), to: Date.UTC(2025, 1, 1) }]);
    const [zoned] = filtersOf({ filters: { cohort: '2025-01-01' }, periodUnit: 'month' }, 'America/Sao_Paulo');
    expect(zoned.filters).to.deep.equal([{ column: 'signup_at', from: Date.UTC(2025, 0, 1, 3), to: Date.UTC(2025, 1, 1, 3) }]);
    expect(volume([f])).to.deep.equal([['phone', 1]]);
    expect(f.describe('en')).to.equal('Cohort: Jan 2025');
  });

  it('makes a first-activity cohort the customers whose first event falls in it', () => {
    const [f] = filtersOf({ filters: { cohort: '2025-02-01' }, periodUnit: 'month', cohortBy: 'first-activity' });
    expect(f.filters).to.deep.equal([
      { table: 'activity', column: 'at', match: 'first', from: Date.UTC(2025, 1, 1), to: Date.UTC(2025, 2, 1) },
    ]);
    expect(volume([f])).to.deep.equal([['chat', 1]]);
    expect(f.describe('pt-BR')).to.equal('Coorte da primeira atividade: fev. de 2025');
  });

  it('makes a period each table’s own time, and leaves the customers table whole', () => {
    const [f] = filtersOf({ filters: { period: '2025-03-01' }, periodUnit: 'month' });
    expect(f.filters.map((x) => x.column)).to.deep.equal(['at', 'opened_at']);
    expect(volume([f])).to.deep.equal([['phone', 1]]);
    const cohorts = runQuery({ customers }, { metric: 'retention', options: { asOf: '2025-05-01' }, filters: [...f.filters] });
    expect(cohorts.filter((r) => r.offset === 0).map((r) => r.size)).to.deep.equal([1, 1]);
  });

  it('makes a segment a customer attribute, "Not set" a missing value', () => {
    const [f] = filtersOf({ filters: { segment: '(none)' }, by: 'plan' });
    expect(f.filters).to.deep.equal([{ column: 'plan', values: [null] }]);
    expect([f.kind, f.column, f.describe('en')]).to.deep.equal(['segment', 'plan', 'Plan: Not set']);
    expect(volume([f])).to.deep.equal([['chat', 1]]);
    const bar = dashboardFilters({ segmentBy: 'plan', segment: 'Ouro' }, undefined);
    expect(bar.map((x) => [x.id, x.filters])).to.deep.equal([['segment', [{ column: 'plan', values: ['Ouro'] }]]]);
  });

  it('makes a step or feature the customers who have that event, in every table', () => {
    const filters = filtersOf({ filters: { step: 'teleconsult', segment: 'Ouro' }, by: 'plan' });
    expect(filters.map((f) => f.id)).to.deep.equal(['cross.segment', 'cross.step']);
    expect(filters[1].filters).to.deep.equal([{ table: 'activity', column: 'event', values: ['teleconsult'] }]);
    expect(volume([filters[1]])).to.deep.equal([['chat', 1]]);
    // Both parts at once: Ouro customers who had a teleconsult — nobody.
    expect(volume(filters)).to.deep.equal([]);
  });

  it('refuses a selection whose period is not one, rather than taking it for a month', () => {
    expect(() => filtersOf({ filters: { cohort: '2025-01-01' }, periodUnit: 'mnth' })).to.throw(RangeError, /got 'mnth'/);
  });
});
