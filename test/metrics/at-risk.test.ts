// atRisk: the early-warning list, on customers written by hand — each signal firing
// and not firing at its bounds, only data before asOf, only customers still here,
// the ranking, the options, and bad input.
import { expect } from 'chai';
import type { Row } from '../../src/data/schema.js';
import { atRisk } from '../../src/metrics/at-risk.js';
import { METRICS } from '../../src/query/registry.js';

const AS_OF = '2025-06-01';
const DAY = 86_400_000;
/** Activity of `id` every `every` days from `from` through `to`. */
const every = (id: string, from: string, to: string, gap: number, event = 'login'): Row[] => {
  const out: Row[] = [];
  for (let t = Date.parse(from); t <= Date.parse(to); t += gap * DAY) out.push({ customer_id: id, at: new Date(t).toISOString(), event });
  return out;
};

const customers: Row[] = [
  { customer_id: 'c1', signup_at: '2025-01-01', revenue: 100, plan: 'Ouro' },
  { customer_id: 'c2', signup_at: '2025-01-01', revenue: 100, plan: 'Ouro' },
  { customer_id: 'c3', signup_at: '2025-01-01', revenue: 100, plan: 'Essencial' },
  { customer_id: 'c4', signup_at: '2025-01-01', revenue: 300, plan: null },
  { customer_id: 'c5', signup_at: '2025-01-01', revenue: null, plan: 'Essencial' },
  { customer_id: 'c6', signup_at: '2025-01-01', revenue: 50 },
  { customer_id: 'c7', signup_at: '2025-01-01', churned_at: '2025-05-15', revenue: 900 },
  { customer_id: 'c8', signup_at: '2025-06-02', revenue: 900 },
  { customer_id: 'c9', signup_at: '2025-01-01', revenue: 10 },
];
const activity: Row[] = [
  // c1: weekly until 26 March (twice on each of those days: one active day), then nothing
  ...every('c1', '2025-01-01', '2025-04-01', 7),
  ...every('c1', '2025-01-01T18:00:00Z', '2025-04-01', 7, 'teleconsult'),
  // c2: weekly until 25 May: 7 days, as usual.
  ...every('c2', '2025-01-01', '2025-05-25', 7),
  // c3: monthly until 1 April: 61 days against a usual 30 (not 3×).
  ...every('c3', '2025-01-01', '2025-04-01', 30),
  // c4: two active days, one gap: no rhythm to fall from.
  ...every('c4', '2025-01-01', '2025-01-03', 2),
  // c9: weekly until 1 March, and a teleconsult on 20 May (not counted with events: login).
  ...every('c9', '2025-01-01', '2025-03-01', 7),
  { customer_id: 'c9', at: '2025-05-20T10:00:00Z', event: 'teleconsult' },
  // c7 left with the same silence as c1; c2 is active after asOf (ignored either way).
  ...every('c7', '2025-01-01', '2025-03-01', 7),
  { customer_id: 'c2', at: '2025-06-10', event: 'login' },
];
const tickets: Row[] = [
  { ticket_id: 't1', customer_id: 'c4', channel: 'phone', opened_at: '2025-05-01' },
  // Open 2 days only: too new to count.
  { ticket_id: 't2', customer_id: 'c6', channel: 'phone', opened_at: '2025-05-30' },
  // Resolved after asOf: open then.
  { ticket_id: 't3', customer_id: 'c9', channel: 'chat', opened_at: '2025-04-01', resolved_at: '2025-06-05' },
  // Resolved before asOf.
  { ticket_id: 't4', customer_id: 'c2', channel: 'chat', opened_at: '2025-04-01', resolved_at: '2025-04-02' },
  { ticket_id: 't5', customer_id: 'c7', channel: 'chat', opened_at: '2025-04-01' },
];
const nps = (id: string, at: string, score: number): Row => ({ at, kind: 'nps', score, customer_id: id, channel: 'app' });
const surveys: Row[] = [
  nps('c5', '2025-04-01', 10),
  nps('c5', '2025-05-10', 3),
  nps('c5', '2025-06-02', 9),
  nps('c6', '2025-03-01', 2),
  nps('c6', '2025-05-01', 9),
  // A passive (7) is no detractor.
  nps('c3', '2025-05-01', 7),
  { at: '2025-05-20', kind: 'csat', score: 1, customer_id: 'c2', channel: 'chat' },
  nps('c2', '2024-10-01', 0),
];
const all = { customers, activity, surveys, tickets };

describe('atRisk', () => {
  it('lists the customers still here whose signals fire, and says which and why', () => {
    // c1 (last seen 26 March at 18:00: 66 days against a usual 7) before c9 (11 days: not silent, but a ticket
    // open since April, resolved only after asOf), c4 (a ticket open a month; two active days are no
    // rhythm) and c5 (a 3 in May; the 9 of 2 June comes after asOf). Not listed: c2 (active), c3 (61 days
    // against a usual 30: twice, not three times), c6 (a 2-day-old ticket; last NPS a 9), c7 (left in
    // May), c8 (signs up after asOf).
    expect(atRisk(all, { asOf: AS_OF })).to.deep.equal([
      { customer_id: 'c1', signals: ['activity'], daysSinceActivity: 66, usualGapDays: 7, openTickets: 0, lastNps: null },
      { customer_id: 'c9', signals: ['tickets'], daysSinceActivity: 11, usualGapDays: 7, openTickets: 1, lastNps: null },
      { customer_id: 'c4', signals: ['tickets'], daysSinceActivity: 149, usualGapDays: null, openTickets: 1, lastNps: null },
      { customer_id: 'c5', signals: ['nps'], daysSinceActivity: null, usualGapDays: null, openTickets: 0, lastNps: 3 },
    ]);
  });

  it('reads no data from asOf on: the list can be replayed at a past date', () => {
    // On 1 May: c7 had not left yet, and with c9 was 64 days silent with a ticket open; c1 was 35 days
    // silent; c6's last answer was the 2 of March (the 9 comes on 1 May itself); c5 had answered 10;
    // c4's ticket opened that day.
    const may = atRisk(all, { asOf: '2025-05-01' }).map((r) => [r.customer_id, r.signals, r.daysSinceActivity]);
    expect(may).to.deep.equal([
      ['c7', ['activity', 'tickets'], 64],
      ['c9', ['activity', 'tickets'], 64],
      ['c1', ['activity'], 35],
      ['c6', ['nps'], null],
    ]);
  });

  it('counts only the events named, and takes the thresholds as options', () => {
    // With logins only, c9's last activity is 26 February (95 days), and it fires.
    const logins = atRisk(all, { asOf: AS_OF, events: ['login'] }).find((r) => r.customer_id === 'c9')!;
    expect([logins.daysSinceActivity, logins.signals]).to.deep.equal([95, ['activity', 'tickets']]);
    // c3 is 61 days silent against 30: it fires at twice its rhythm, not at three times.
    expect(atRisk(all, { asOf: AS_OF, gapFactor: 2 }).map((r) => r.customer_id)).to.include('c3');
    // c2's and c9's 11 days are 1.57 of their weekly rhythm, c3's 61 days 2.03 of its monthly one:
    // all listed at 1.5 times and 10 days, none at the defaults.
    expect(atRisk(all, { asOf: AS_OF, signals: ['activity'], minQuietDays: 10, gapFactor: 1.5 }).map((r) => r.customer_id)).to.deep.equal(['c1', 'c3', 'c2', 'c9']);
    expect(atRisk(all, { asOf: AS_OF, signals: ['activity'], gapFactor: 1.5 }).map((r) => r.customer_id)).to.deep.equal(['c1', 'c3']);
    expect(atRisk(all, { asOf: AS_OF, signals: ['activity'], minQuietDays: 10 }).map((r) => r.customer_id)).to.deep.equal(['c1']);
    // c4 has one gap: a rhythm with minGaps 1.
    expect(atRisk(all, { asOf: AS_OF, signals: 'activity', minGaps: 1 }).map((r) => r.customer_id)).to.deep.equal(['c4', 'c1']);
    expect(atRisk(all, { asOf: AS_OF, signals: ['tickets'], ticketDays: 1 }).map((r) => r.customer_id)).to.deep.equal(['c4', 'c6', 'c9']);
    // The 3 of 10 May is 22 days old: out of a 20-day window.
    expect(atRisk(all, { asOf: AS_OF, signals: ['nps'], npsDays: 20 })).to.deep.equal([]);
    expect(atRisk(all, { asOf: AS_OF, signals: ['nps'], npsDays: 22 })).to.have.length(1);
    expect(atRisk(all, { asOf: AS_OF, minSignals: 2 })).to.deep.equal([]);
    expect(atRisk(all, { asOf: '2025-05-01', minSignals: 2 }).map((r) => r.customer_id)).to.deep.equal(['c7', 'c9']);
  });

  it('shows the segment and value asked for, and ranks by value among equals', () => {
    const rows = atRisk(all, { asOf: AS_OF, by: 'plan', value: 'revenue' });
    expect(rows.map((r) => [r.customer_id, r.segment, r.value])).to.deep.equal([
      ['c4', '(none)', 300],
      ['c1', 'Ouro', 100],
      ['c9', '(none)', 10],
      ['c5', 'Essencial', null],
    ]);
  });

  it('reads only the tables of the signals asked for, and has nulls for the others', () => {
    const rows = atRisk({ customers, surveys }, { asOf: AS_OF, signals: ['nps'] });
    expect(rows).to.deep.equal([{ customer_id: 'c5', signals: ['nps'], daysSinceActivity: null, usualGapDays: null, openTickets: null, lastNps: 3 }]);
    expect(atRisk({ customers }, { asOf: AS_OF })).to.deep.equal([]);
    expect(atRisk({ customers: [] }, { asOf: AS_OF })).to.deep.equal([]);
  });

  it('takes the lowest score of answers at the same instant, whatever their order', () => {
    // Two answers of c6 at 20 May 10:00, a 9 and a 4: a SQL source has no row order, so the 4 counts either way.
    const tied = [nps('c6', '2025-05-20T10:00:00Z', 9), nps('c6', '2025-05-20T10:00:00Z', 4)];
    for (const answers of [tied, [...tied].reverse()]) {
      const rows = atRisk({ customers, surveys: answers }, { asOf: AS_OF, signals: ['nps'] });
      expect(rows.map((r) => [r.customer_id, r.lastNps])).to.deep.equal([['c6', 4]]);
    }
  });

  it('refuses bad options', () => {
    expect(() => atRisk(all, { signals: ['mood'] as never })).to.throw(RangeError, "signals must be a list of activity, tickets, nps; got 'mood'");
    expect(() => atRisk(all, { gapFactor: 0.5 })).to.throw(RangeError, 'gapFactor must be a number ≥ 1; got 0.5');
    expect(() => atRisk(all, { minSignals: 4 })).to.throw(RangeError, 'minSignals must be a whole number from 1 to 3; got 4');
    expect(() => atRisk(all, { signals: 'nps', minSignals: 2 })).to.throw(RangeError, 'minSignals must be a whole number from 1 to 1; got 2');
    expect(() => atRisk(all, { npsDays: 0 })).to.throw(RangeError, 'npsDays must be a whole number of days ≥ 1; got 0');
    expect(() => atRisk(all, { value: 'ltv' })).to.throw(RangeError, "atRisk: value 'ltv' is not a column of the customers table");
    expect(() => atRisk({ activity } as never)).to.throw(TypeError, 'atRisk needs the customers table');
  });
});


describe('atRisk as a query', () => {
  it('reads customers and the tables of the signals asked for', () => {
    expect(METRICS.atRisk.tables({})).to.deep.equal(['customers', 'activity', 'surveys', 'tickets']);
    expect(METRICS.atRisk.tables({ signals: 'nps' })).to.deep.equal(['customers', 'surveys']);
    expect(METRICS.atRisk.tables({ signals: ['tickets', 'activity'] })).to.deep.equal(['customers', 'activity', 'tickets']);
  });
});
