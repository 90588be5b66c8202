// A seeded, realistic Brazilian health plan with a telehealth app, for the demo and tests.
// The data has stories a viewer can find:
// - the "Essencial" plan's cohorts churn about twice as fast as the others;
// - release 4.0 (March 2026) broke profile completion: onboarding conversion drops
//   for signups from 2026-03-01 to 2026-04-15;
// - the phone channel slides: from 2026-03 its response times grow and its CSAT falls;
// - monthly value is concentrated: price by plan, by age band (as Brazilian plans are
//   priced, the oldest band pays several times the youngest) and by lives covered, so
//   the top 20% of paying customers bring well over half of the revenue;
// - customers about to leave show it first: most go quiet in the app for weeks before
//   they cancel, some open a ticket that stays open until they leave, some answer the
//   NPS survey as detractors — so the at-risk list flags people who do churn more.
// With `mess: true` a few rows are wrong the way real exports are (a legacy 0–11 NPS
// widget, clock skew on tickets), so the validation notice has something to say.
import { daysFromCivil, DAY_MS } from '../../src/time/civil.js';
import { tellCustomer, tellNps } from './health-plan-story.js';
import type { Customer, StoryContext, StorySink } from './health-plan-story.js';
import { rng } from './random.js';

export { CHANNELS, FEATURES, ONBOARDING } from './health-plan-story.js';

export interface HealthPlanOptions {
  seed?: number;
  customers?: number;
  /** First signup day, `YYYY-MM-DD`; the data spans `months` from here. */
  start?: string;
  months?: number;
  mess?: boolean;
}

export type DemoRow = Record<string, string | number | null>;
export interface HealthPlanData {
  customers: DemoRow[];
  activity: DemoRow[];
  surveys: DemoRow[];
  tickets: DemoRow[];
  /** The end of the data (exclusive), epoch ms; use it as `asOf`. */
  end: number;
}

const iso = (ms: number) => new Date(ms).toISOString();
const isoOrNull = (ms: number | null) => (ms === null ? null : iso(ms));

/** The span of the data: from `start` (a day) to the first of the month `months` later. */
export function storyContext(start: string, months: number, mess: boolean, seed: number): StoryContext {
  const [y, m, d] = start.split('-').map(Number);
  const t0 = daysFromCivil(y, m, d) * DAY_MS;
  const end = daysFromCivil(y + Math.floor((m - 1 + months) / 12), ((m - 1 + months) % 12) + 1, 1) * DAY_MS;
  return { t0, end, mess, tickets: 0, extra: rng(seed ^ 0x5eed5), warningTickets: 900001 };
}

export function generateHealthPlan(options: HealthPlanOptions = {}): HealthPlanData {
  const { seed = 20261123, customers: count = 4000, start = '2024-11-01', months = 24, mess = true } = options;
  const random = rng(seed);
  const ctx = storyContext(start, months, mess, seed);
  const out: HealthPlanData = { customers: [], activity: [], surveys: [], tickets: [], end: ctx.end };
  const people: Customer[] = [];
  const sink = rowSink(out, people);
  for (let i = 0; i < count; i++) tellCustomer(random, i, ctx, sink);
  tellNps(random, people, ctx, sink);
  out.activity.sort((a, b) => (a.at as string).localeCompare(b.at as string));
  out.surveys.sort((a, b) => (a.at as string).localeCompare(b.at as string));
  return out;
}

/** A sink that keeps the story as the canonical rows (times as ISO text). */
function rowSink(out: HealthPlanData, people: Customer[]): StorySink {
  const id = (index: number) => people[index].id;
  return {
    customer(c) {
      people.push(c);
      out.customers.push({
        customer_id: c.id,
        signup_at: iso(c.signup),
        churned_at: isoOrNull(c.churned),
        user_type: c.userType,
        plan: c.plan,
        region: c.region,
        age_band: c.ageBand,
        sex: c.sex,
        revenue: c.revenue,
      });
    },
    event: (customer, at, event) => void out.activity.push({ customer_id: id(customer), at: iso(at), event }),
    ticket(t) {
      out.tickets.push({
        ticket_id: t.id,
        customer_id: id(t.customer),
        channel: t.channel,
        opened_at: iso(t.opened),
        first_response_at: isoOrNull(t.firstResponse),
        resolved_at: isoOrNull(t.resolved),
        contacts: t.contacts,
      });
    },
    survey: (s) => void out.surveys.push({ at: iso(s.at), kind: s.kind, score: s.score, customer_id: id(s.customer), channel: s.channel }),
  };
}
