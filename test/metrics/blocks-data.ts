// Seeded tables of more than two kernel blocks (BLOCK_ROWS rows each, src/metrics/blocks.ts)
// for blocks.node.test.ts, every row valid so that row i of a table is row i of its frame.
// Times are sorted with the block boundaries on period starts: rows [0, B) fall before
// M1, [B, 2B) in [M1, M2), the rest from M2, with row B at M1 and row 2B at M2 exactly
// and rows B − 1 and 2B − 1 a millisecond before (M1, M2: a day, Monday, month and
// quarter start). The activity log is sorted by time, and a few customers' funnels are
// written across the boundaries (rows B − 2 … B + 1, 2B − 2 … 2B + 1, and further).
// Each table ends in a partial block. The same rows go to DuckDB and to the kernels, the
// activity log shuffled too (a log out of order takes the kernels' other paths).
import { rng } from '../../demo/data/random.js';
import type { Tables } from '../../src/data/schema.js';
import { BLOCK_ROWS as B } from '../../src/metrics/blocks.js';
import type { TestTables } from '../server/engines.js';

type Row = Record<string, unknown>;

const MIN = 60_000;
const DAY = 86_400_000;
const T0 = Date.UTC(2018, 0, 1);
export const M1 = Date.UTC(2018, 9, 1);
export const M2 = Date.UTC(2019, 6, 1);
const T1 = Date.UTC(2020, 0, 1);
export const AS_OF = '2019-12-15T00:00:00Z';

export const PLANS = ['basic', 'pro', 'gold'];
const CHANNELS = ['chat', 'phone', 'email', 'app'];
const PLATFORMS = ['web', 'ios', 'android'];
const STEPS = ['login', 'login', 'teleconsult', 'booked', 'lab'];

/** Customers whose activity is written across block boundaries: id → [row, event] in the sorted log. */
export const EDGES: Record<string, readonly (readonly [number, string])[]> = {
  e1: [[B - 2, 'signup'], [B - 1, 'login'], [B, 'teleconsult'], [B + 1, 'booked']],
  e2: [[2 * B - 2, 'signup'], [2 * B - 1, 'login'], [2 * B, 'teleconsult'], [2 * B + 1, 'lab']],
  e3: [[B - 3, 'signup'], [B + 2, 'login'], [2 * B - 3, 'teleconsult'], [2 * B + 2, 'booked']],
  e4: [[2 * B - 4, 'login'], [2 * B + 3, 'login'], [2 * B + 4, 'teleconsult']],
};

export interface BlockData {
  /** Tables in time order (signup order for customers). */
  sorted: Tables;
  /** The activity log in a seeded random order (the order of the others chooses no path). */
  shuffledActivity: Row[];
  sql: TestTables;
}

export function blockData(seed: number): BlockData {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  const g: Gen = { r, pick, maybe: (xs, pNull) => (r() < pNull ? null : pick(xs)) };
  const customers = customerRows(g, 2 * B + 20_000);
  const activity = activityRows(g, customers);
  const surveys = surveyRows(g, 2 * B + 17_001, customers.length);
  const tickets = ticketRows(g, 2 * B + 9_003, customers.length);
  const sorted = { customers, activity, surveys, tickets };
  const shuffled = activity.slice();
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
  }
  return {
    sorted,
    shuffledActivity: shuffled,
    sql: {
      customers: { columns: { customer_id: 'text', signup_at: 'ts', churned_at: 'ts', user_type: 'text', plan: 'text' }, rows: customers },
      activity: { columns: { customer_id: 'text', at: 'ts', event: 'text', platform: 'text' }, rows: activity },
      surveys: { columns: { at: 'ts', kind: 'text', score: 'num', customer_id: 'text', channel: 'text' }, rows: surveys },
      tickets: {
        columns: { ticket_id: 'text', customer_id: 'text', channel: 'text', opened_at: 'ts', first_response_at: 'ts', resolved_at: 'ts', contacts: 'num' },
        rows: tickets,
      },
    },
  };
}

/** The seeded draws: a number in [0, 1), one of a list, one of a list or null. */
interface Gen {
  r: () => number;
  pick: <T>(xs: readonly T[]) => T;
  maybe: <T>(xs: readonly T[], pNull: number) => T | null;
}

/** n sorted instants in [T0, T1) with the block boundaries on M1 and M2 (see the file's head). */
function blockTimes(r: () => number, n: number): Float64Array {
  const t = new Float64Array(n);
  const fill = (lo: number, hi: number, a: number, b: number) => {
    for (let i = a; i < b; i++) t[i] = lo + Math.floor(r() * (hi - lo));
    t.subarray(a, b).sort();
  };
  fill(T0, M1, 0, B);
  fill(M1, M2, B, 2 * B);
  fill(M2, T1, 2 * B, n);
  t.set([M1 - 1, M1], B - 1);
  t.set([M2 - 1, M2], 2 * B - 1);
  return t;
}

/** In signup order; 1% without a signup (never on a boundary row); the edge customers last. */
function customerRows({ r, maybe }: Gen, n: number): Row[] {
  const signup = blockTimes(r, n);
  const rows: Row[] = [];
  for (let i = 0; i < n; i++) {
    const edge = i === B - 1 || i === B || i === 2 * B - 1 || i === 2 * B;
    const s = !edge && r() < 0.01 ? null : signup[i];
    const churn = s === null || r() < 0.45 ? null : s + Math.floor(-Math.log(1 - r()) * 200 * DAY);
    rows.push({ customer_id: `c${i}`, signup_at: s, churned_at: churn, user_type: maybe(['patient', 'doctor'], 0.05), plan: maybe(PLANS, 0.08) });
  }
  // Inside the span of block 1, so the span of the last block alone is not the whole span.
  for (const id of Object.keys(EDGES)) rows.push({ customer_id: id, signup_at: M1 + DAY, churned_at: null, user_type: 'doctor', plan: 'gold' });
  return rows;
}

/**
 * Each customer's journey (95% have one): maybe a signup event, then steps a minute to
 * weeks apart, about four rows in all (the ordered funnel's one pass needs a few rows per
 * customer); 0.5% of rows by ids the customers table lacks. Sorted by time (stable, so
 * a customer's rows stay in order), then the EDGES rows written over it.
 */
function activityRows({ r, pick, maybe }: Gen, customers: Row[]): Row[] {
  const rows: Row[] = [];
  for (const c of customers) {
    if (r() < 0.05 || String(c.customer_id).startsWith('e')) continue;
    const id = r() < 0.005 ? `x${Math.floor(r() * 500)}` : c.customer_id;
    let t = ((c.signup_at as number | null) ?? T0 + Math.floor(r() * (T1 - T0))) + Math.floor(r() * 3 * DAY);
    if (r() < 0.7) rows.push({ customer_id: id, at: t, event: 'signup', platform: maybe(PLATFORMS, 0.05) });
    do {
      t += MIN + Math.floor(-Math.log(1 - r()) * 2 * DAY);
      rows.push({ customer_id: id, at: t, event: pick(STEPS), platform: maybe(PLATFORMS, 0.05) });
    } while (r() < 0.7);
  }
  rows.sort((a, b) => (a.at as number) - (b.at as number));
  for (const [id, cells] of Object.entries(EDGES)) {
    for (const [row, event] of cells) Object.assign(rows[row], { customer_id: id, event, platform: 'web' });
  }
  return rows;
}

const KINDS = new Map([[B - 1, 'nps'], [B, 'csat'], [2 * B - 1, 'csat'], [2 * B, 'nps']]);

function surveyRows({ r, maybe }: Gen, n: number, customers: number): Row[] {
  const at = blockTimes(r, n);
  const rows: Row[] = [];
  for (let i = 0; i < n; i++) {
    const u = r();
    // Each of npsTrend and channelCsat has a row last in a block and one first in a period.
    const kind = KINDS.get(i) ?? (u < 0.6 ? 'nps' : u < 0.9 ? 'csat' : 'ces');
    const top = kind === 'nps' ? 10 : kind === 'csat' ? 5 : 7;
    const score = kind === 'nps' ? Math.floor(r() * 11) : 1 + Math.floor(r() * top);
    const customer_id = r() < 0.2 ? null : `c${Math.floor(r() * customers)}`;
    rows.push({ at: at[i], kind, score, customer_id, channel: maybe(CHANNELS, 0.08) });
  }
  return rows;
}

function ticketRows({ r, pick, maybe }: Gen, n: number, customers: number): Row[] {
  const opened = blockTimes(r, n);
  const rows: Row[] = [];
  for (let i = 0; i < n; i++) {
    const o = opened[i];
    const resp = r() < 0.15 ? null : o + Math.round(r() * r() * 3 * DAY);
    const res = r() < 0.25 ? null : (resp ?? o) + Math.round(r() * r() * 10 * DAY);
    rows.push({
      ticket_id: `t${i}`,
      customer_id: r() < 0.2 ? null : `c${Math.floor(r() * customers)}`,
      channel: pick(CHANNELS),
      opened_at: o,
      first_response_at: resp,
      resolved_at: res,
      contacts: maybe([1, 1, 1, 2, 3], 0.1),
    });
  }
  return rows;
}
