// Seeded data for the SQL source equality tests: the same rows for runQuery (JS values)
// and for the databases (typed columns). Four years around São Paulo's last DST
// seasons, instants at UTC and local period starts and at DST changes, hostile and
// padded strings, nulls, customers the customers table lacks, and rows validation
// rejects (blank ids, unknown kinds, scores out of range, ends before starts…).
import { rng } from '../../demo/data/random.js';
import type { Tables } from '../../src/data/schema.js';
import type { TestTables } from './engines.js';

const H = 3_600_000;
const DAY = 24 * H;
const T0 = Date.UTC(2017, 5, 1);
const T1 = Date.UTC(2020, 5, 1);

/** Instants that cut periods somewhere: UTC and São Paulo month starts, a DST gap and fold, Sydney midnights. */
const EDGES = [
  Date.UTC(2018, 0, 1),
  Date.UTC(2018, 10, 4, 3),
  Date.UTC(2018, 10, 4, 2, 59, 59, 999),
  Date.UTC(2019, 1, 17, 1, 30),
  Date.UTC(2019, 1, 17, 2, 30),
  Date.UTC(2019, 2, 1, 3),
  Date.UTC(2019, 6, 1),
  Date.UTC(2019, 5, 30, 14),
  Date.UTC(2018, 9, 6, 13),
];

export const HOSTILE = ["'); DROP TABLE customers; --", 'Ouro', ' Ouro ', 'prata', 'ação', 'Z', 'a"b', '(none)', '  ', '$1'];
export const EVENTS = ['signup', 'login', 'profile_completed', 'teleconsult', 'booked', 'lab'];
export const CHANNELS = ['chat', 'phone', 'email', 'app', "wh'app"];

export interface TestData {
  js: Tables;
  sql: TestTables;
}

export function testData(seed: number, size = 1): TestData {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  const chance = (p: number) => r() < p;
  const instant = () => (chance(0.05) ? pick(EDGES) : T0 + Math.floor(r() * (T1 - T0)));
  const text = (xs: readonly string[], pNull = 0.08) => (chance(pNull) ? null : pick(xs));
  const nCustomers = Math.round(300 * size);
  const customers: Record<string, unknown>[] = [];
  for (let i = 0; i < nCustomers; i++) {
    const signup = chance(0.04) ? null : instant();
    const churn = signup === null || chance(0.55) ? null : signup + (chance(0.02) ? -DAY : Math.floor(r() * 500 * DAY));
    customers.push({
      customer_id: chance(0.01) ? pick([null, '   ']) : chance(0.05) ? ` c${i} ` : `c${i}`,
      signup_at: signup,
      churned_at: churn,
      user_type: text(['patient', 'doctor', 'admin']),
      plan: text(HOSTILE),
      revenue: chance(0.1) ? null : pick([10, 29.5, 30, 0.1 + 0.2, 1e21, -0]),
    });
  }
  const who = () => `c${Math.floor(r() * nCustomers * 1.06)}`; // some ids the customers table lacks
  const activity: Record<string, unknown>[] = [];
  for (let i = 0; i < Math.round(5000 * size); i++) {
    // Bursts of whole hours for one customer: ties, same-instant steps, funnels that complete.
    const base = chance(0.5) ? Math.floor(instant() / H) * H : instant();
    const c = chance(0.01) ? pick([null, '']) : who();
    const burst = chance(0.3) ? 1 + Math.floor(r() * 4) : 1;
    for (let b = 0; b < burst; b++) {
      activity.push({
        customer_id: c,
        at: chance(0.003) ? null : base + b * Math.floor(r() * 3) * H * (chance(0.2) ? 24 : 1),
        event: chance(0.01) ? pick([null, ' ']) : chance(0.04) ? ` ${pick(EVENTS)}` : pick(EVENTS),
        platform: text(['web', 'ios', 'android']),
      });
    }
  }
  const surveys: Record<string, unknown>[] = [];
  for (let i = 0; i < Math.round(3000 * size); i++) {
    const u = r();
    const kind = u < 0.5 ? 'nps' : u < 0.8 ? 'csat' : u < 0.93 ? 'ces' : u < 0.97 ? pick(['NPS', ' Csat ', 'CES']) : pick(['bogus', null, '']);
    const top = /nps/i.test(kind ?? '') ? 10 : /csat/i.test(kind ?? '') ? 5 : 7;
    const v = r();
    const score = v < 0.01 ? null : v < 0.02 ? pick([-1, 11, 0, 6, 8, 7.5, 4.5]) : Math.round(r() * top) || (top === 10 ? 0 : 1);
    surveys.push({ at: chance(0.005) ? null : instant(), kind, score, customer_id: chance(0.2) ? null : who(), channel: text(CHANNELS, 0.1) });
  }
  const tickets: Record<string, unknown>[] = [];
  for (let i = 0; i < Math.round(2000 * size); i++) {
    const opened = instant();
    const resp = chance(0.15) ? null : opened + (chance(0.005) ? -60_000 : Math.round(r() * r() * 3 * DAY));
    const res = chance(0.25) ? null : (resp ?? opened) + (chance(0.005) ? -DAY : Math.round(r() * r() * 10 * DAY));
    tickets.push({
      ticket_id: `t${i}`,
      customer_id: chance(0.2) ? null : who(),
      channel: chance(0.005) ? null : pick(CHANNELS),
      opened_at: opened,
      first_response_at: resp,
      resolved_at: res,
      contacts: chance(0.1) ? null : chance(0.01) ? pick([0, 1.5]) : pick([1, 1, 1, 2, 3]),
    });
  }
  return {
    js: { customers, activity, surveys, tickets },
    sql: {
      customers: { columns: { customer_id: 'text', signup_at: 'ts', churned_at: 'ts', user_type: 'text', plan: 'text', revenue: 'num' }, rows: customers },
      activity: { columns: { customer_id: 'text', at: 'ts', event: 'text', platform: 'text' }, rows: activity },
      surveys: { columns: { at: 'ts', kind: 'text', score: 'num', customer_id: 'text', channel: 'text' }, rows: surveys },
      tickets: {
        columns: { ticket_id: 'text', customer_id: 'text', channel: 'text', opened_at: 'tstz', first_response_at: 'ts', resolved_at: 'ts', contacts: 'num' },
        rows: tickets,
      },
    },
  };
}
