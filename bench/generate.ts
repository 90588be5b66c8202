// Seeded benchmark data (bench/metrics.html): the four canonical tables with n rows
// each, produced as typed columns (the hand-written loops read these) and turned
// into Arquero tables for `validate`. Strings are codes into small label lists, and
// the Arquero string columns repeat references to those labels, so 5M rows stay
// within memory. Activity is a time-ordered log, as event stores emit it.
import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';
import { exponential, logNormal, rng } from '../demo/data/random.js';

export const START = Date.UTC(2023, 0, 1);
export const END = Date.UTC(2026, 0, 1);
const SPAN = END - START;
const DAY = 86_400_000;

/** Dictionary-coded strings: `labels[codes[i]]`, code -1 = null. */
export interface Coded {
  readonly codes: Int32Array;
  readonly labels: readonly string[];
}

export interface Customers {
  readonly n: number;
  /** `c<i>`: customer i is row i. */
  readonly ids: readonly string[];
  readonly signup: Float64Array;
  /** NaN = still a customer. */
  readonly churned: Float64Array;
  readonly userType: Coded;
}

export interface Activity {
  readonly n: number;
  /** Customer row of each event (customers 0 … active − 1). */
  readonly customer: Int32Array;
  readonly active: number;
  /** Non-decreasing. */
  readonly at: Float64Array;
  readonly event: Coded;
}

export interface Surveys {
  readonly n: number;
  readonly at: Float64Array;
  readonly kind: Coded;
  readonly score: Float64Array;
  /** -1 = anonymous. */
  readonly customer: Int32Array;
  readonly channel: Coded;
}

export interface Tickets {
  readonly n: number;
  readonly customer: Int32Array;
  readonly channel: Coded;
  readonly opened: Float64Array;
  /** NaN = not answered / open / not recorded. */
  readonly firstResponse: Float64Array;
  readonly resolved: Float64Array;
  readonly contacts: Float64Array;
}

export interface BenchData {
  customers: Customers;
  activity: Activity;
  surveys: Surveys;
  tickets: Tickets;
}

export const EVENTS = [
  'login', 'view_results', 'message', 'refill',
  'signup_started', 'profile_completed', 'booked_appointment', 'teleconsult',
] as const;
const EVENT_WEIGHTS = [35, 20, 12, 8, 8, 7, 6, 4];
export const FUNNEL_STEPS = ['signup_started', 'profile_completed', 'booked_appointment', 'teleconsult'];
export const FEATURES = ['booked_appointment', 'teleconsult', 'refill'];
export const SURVEY_CHANNELS = ['app', 'chat', 'email', 'in_person', 'phone', 'portal', 'social', 'whatsapp'];
export const TICKET_CHANNELS = ['app', 'chat', 'email', 'phone', 'portal', 'whatsapp'];
const KINDS = ['nps', 'csat', 'ces'];

/** Cumulative weights → a sampler of indices, for the hot generation loops. */
function sampler(weights: readonly number[], random: () => number): () => number {
  const total = weights.reduce((a, b) => a + b, 0);
  const cum = Float64Array.from(weights, ((acc) => (w: number) => (acc += w / total))(0));
  return () => {
    const r = random();
    let k = 0;
    while (k < cum.length - 1 && r >= cum[k]) k++;
    return k;
  };
}

const seconds = (ms: number) => Math.round(ms / 1000) * 1000;

/** Customers who use the product: activity, surveys and tickets refer to them. */
export function activeCustomers(n: number): number {
  return Math.max(1000, Math.round(n / 20));
}

function customers(n: number, active: number, random: () => number): Customers {
  const ids = new Array<string>(n);
  const signup = new Float64Array(n);
  const churned = new Float64Array(n);
  const type = new Int32Array(n);
  const pickType = sampler([80, 15, 5], random);
  for (let i = 0; i < n; i++) {
    ids[i] = `c${i}`;
    // Active customers sign up in id order across the span, shortly before their first event.
    const s = i < active ? START + (i / active) * SPAN - random() * 2 * DAY : START + random() * SPAN;
    signup[i] = seconds(Math.max(START, s));
    const c = random() < 0.55 ? seconds(signup[i] + exponential(random, 400 * DAY)) : NaN;
    churned[i] = c < END ? c : NaN;
    type[i] = pickType();
  }
  return { n, ids, signup, churned, userType: { codes: type, labels: ['patient', 'doctor', 'admin'] } };
}

/**
 * A time-ordered log: at each instant the customer is one who signed up in the last
 * ~60 days (so a customer's ~20 events cluster after signup), now and then anyone.
 */
function activity(n: number, active: number, random: () => number): Activity {
  const customer = new Int32Array(n);
  const at = new Float64Array(n);
  const event = new Int32Array(n);
  const pickEvent = sampler(EVENT_WEIGHTS, random);
  const recent = Math.max(1, (active * 60) / 1095);
  for (let i = 0; i < n; i++) {
    const t = START + ((i + random()) / n) * SPAN;
    at[i] = Math.floor(t / 1000) * 1000;
    const c = Math.floor(((t - START) / SPAN) * active - random() * recent);
    customer[i] = c >= 0 && c < active && random() < 0.97 ? c : Math.floor(random() * active);
    event[i] = pickEvent();
  }
  return { n, customer, active, at, event: { codes: event, labels: EVENTS } };
}

function surveys(n: number, active: number, random: () => number): Surveys {
  const at = new Float64Array(n);
  const kind = new Int32Array(n);
  const score = new Float64Array(n);
  const customer = new Int32Array(n);
  const channel = new Int32Array(n);
  const pickKind = sampler([50, 35, 15], random);
  const scores = [
    sampler([3, 2, 2, 3, 3, 5, 6, 10, 18, 22, 26], random), // nps 0–10
    sampler([5, 8, 15, 35, 37], random), // csat 1–5
    sampler([4, 8, 12, 20, 25, 20, 11], random), // ces 1–7
  ];
  const pickChannel = sampler([20, 18, 12, 8, 16, 10, 4, 12], random);
  for (let i = 0; i < n; i++) {
    at[i] = seconds(START + random() * SPAN);
    kind[i] = pickKind();
    score[i] = scores[kind[i]]() + (kind[i] === 0 ? 0 : 1);
    customer[i] = random() < 0.1 ? -1 : Math.floor(random() * active);
    channel[i] = random() < 0.04 ? -1 : pickChannel();
  }
  return {
    n, at, score, customer,
    kind: { codes: kind, labels: KINDS },
    channel: { codes: channel, labels: SURVEY_CHANNELS },
  };
}

function tickets(n: number, active: number, random: () => number): Tickets {
  const customer = new Int32Array(n);
  const channel = new Int32Array(n);
  const opened = new Float64Array(n);
  const firstResponse = new Float64Array(n);
  const resolved = new Float64Array(n);
  const contacts = new Float64Array(n);
  const pickChannel = sampler([12, 30, 18, 25, 5, 10], random);
  for (let i = 0; i < n; i++) {
    customer[i] = random() < 0.05 ? -1 : Math.floor(random() * active);
    channel[i] = pickChannel();
    const o = seconds(START + random() * SPAN);
    opened[i] = o;
    const fr = random() < 0.92 ? o + seconds(logNormal(random, 45 * 60_000, 1)) : NaN;
    firstResponse[i] = fr;
    resolved[i] = random() < 0.85 ? (fr === fr ? fr : o) + seconds(logNormal(random, DAY, 1.2)) : NaN;
    contacts[i] = random() < 0.05 ? NaN : 1 + Math.floor(exponential(random, 0.8));
  }
  return { n, customer, opened, firstResponse, resolved, contacts, channel: { codes: channel, labels: TICKET_CHANNELS } };
}

/** n rows in each table, from `seed`. */
export function generate(n: number, seed = 20_250_314): BenchData {
  const random = rng(seed);
  const active = activeCustomers(n);
  return {
    customers: customers(n, active, random),
    activity: activity(n, active, random),
    surveys: surveys(n, active, random),
    tickets: tickets(n, active, random),
  };
}

/** Rows per table of `generateMix`; every customer is active (activity, surveys and tickets refer to them all). */
export interface MixSizes {
  customers: number;
  activity: number;
  surveys: number;
  tickets: number;
}

/** Tables of different sizes, as a product's event store has them (the dashboard bench). */
export function generateMix(sizes: MixSizes, seed = 20_250_314): BenchData {
  const random = rng(seed);
  const active = sizes.customers;
  return {
    customers: customers(sizes.customers, active, random),
    activity: activity(sizes.activity, active, random),
    surveys: surveys(sizes.surveys, active, random),
    tickets: tickets(sizes.tickets, active, random),
  };
}

/** Strings of a coded column, repeating references to its labels (null for -1). */
function strings(c: Coded): (string | null)[] {
  const out = new Array<string | null>(c.codes.length);
  for (let i = 0; i < out.length; i++) out[i] = c.codes[i] < 0 ? null : c.labels[c.codes[i]];
  return out;
}

function idsOf(customer: Int32Array, ids: readonly string[]): (string | null)[] {
  return strings({ codes: customer, labels: ids });
}

/** The raw (not yet validated) Arquero table of each canonical table. */
export const rawTables = {
  customers: (c: Customers): ColumnTable =>
    aq.table({ customer_id: c.ids, signup_at: c.signup, churned_at: c.churned, user_type: strings(c.userType) }),
  activity: (a: Activity, ids: readonly string[]): ColumnTable =>
    aq.table({ customer_id: idsOf(a.customer, ids), at: a.at, event: strings(a.event) }),
  surveys: (s: Surveys, ids: readonly string[]): ColumnTable =>
    aq.table({ at: s.at, kind: strings(s.kind), score: s.score, customer_id: idsOf(s.customer, ids), channel: strings(s.channel) }),
  tickets: (t: Tickets, ids: readonly string[]): ColumnTable =>
    aq.table({
      ticket_id: Array.from({ length: t.n }, (_, i) => `t${i}`),
      customer_id: idsOf(t.customer, ids),
      channel: strings(t.channel),
      opened_at: t.opened,
      first_response_at: t.firstResponse,
      resolved_at: t.resolved,
      contacts: t.contacts,
    }),
};

/** The raw table `name` of `d`, made on demand (so a caller can keep one alive at a time). */
export function rawTable(d: BenchData, name: keyof typeof rawTables): ColumnTable {
  const ids = d.customers.ids;
  switch (name) {
    case 'customers': return rawTables.customers(d.customers);
    case 'activity': return rawTables.activity(d.activity, ids);
    case 'surveys': return rawTables.surveys(d.surveys, ids);
    case 'tickets': return rawTables.tickets(d.tickets, ids);
  }
}
