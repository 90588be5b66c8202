// One beneficiary's life in the seeded health plan (demo/data/health-plan.ts): signup,
// plan, churn, onboarding, monthly feature use, tickets and the CSAT/CES answers that
// follow them. Told to a sink as plain facts (times in epoch ms), so the same story
// fills arrays of rows for the demo and tests (health-plan.ts), or can stream millions
// of events into a database without holding them as row objects.
// The value (price by plan, age band and lives covered) and the warning signs of those
// about to leave are drawn from a second seeded stream (`ctx.extra`), so adding them
// left every other number of the data as it was.
import { exponential, logNormal, weighted } from './random.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
export const DAY = 24 * HOUR;
export const PLANS = ['Essencial', 'Ouro', 'Premium'] as const;
const MONTHLY_CHURN: Record<string, number> = { Essencial: 0.05, Ouro: 0.022, Premium: 0.015 };
const PRICE: Record<string, number> = { Essencial: 189, Ouro: 429, Premium: 899 };
/** Price factor of each age band (the oldest band may pay up to 6× the youngest in Brazil). */
const AGE_PRICE: Record<string, number> = { '18-29': 1, '30-44': 1.45, '45-59': 2.4, '60+': 4.8 };
/** Lives covered by one contract (holder and dependants), and how common each count is. */
const LIVES = [1, 2, 3, 4, 5];
const LIVES_WEIGHT = [52, 20, 14, 9, 5];
export const USER_TYPES = ['patient', 'doctor', 'admin'] as const;
export const REGIONS = ['Sudeste', 'Sul', 'Nordeste', 'Centro-Oeste', 'Norte'] as const;
export const AGE_BANDS = ['18-29', '30-44', '45-59', '60+'] as const;
export const CHANNELS = ['chat', 'whatsapp', 'phone', 'email', 'in_person', 'social'] as const;
const CHANNEL_WEIGHT = [30, 25, 20, 12, 8, 5];
const FCR: Record<string, number> = { chat: 0.62, whatsapp: 0.66, phone: 0.72, email: 0.45, in_person: 0.82, social: 0.4 };
const RESPONSE_MEDIAN_MIN: Record<string, number> = { chat: 4, whatsapp: 12, phone: 6, email: 240, in_person: 15, social: 180 };
export const ONBOARDING = ['signup', 'first_login', 'profile_completed', 'booked_appointment', 'teleconsult'] as const;
export const FEATURES = ['teleconsult', 'booked_appointment', 'lab_results', 'prescription_renewal', 'chat_with_nurse'] as const;
const FEATURE_MONTHLY = [0.35, 0.45, 0.3, 0.18, 0.12];

export interface Customer {
  index: number;
  id: string;
  signup: number;
  churned: number | null;
  userType: string;
  plan: string | null;
  region: string;
  ageBand: string;
  sex: string;
  revenue: number | null;
}

export interface Ticket {
  id: string;
  customer: number;
  channel: string;
  opened: number;
  firstResponse: number | null;
  resolved: number | null;
  contacts: number | null;
}

export interface Survey {
  at: number;
  kind: 'nps' | 'csat' | 'ces';
  score: number;
  customer: number;
  channel: string;
}

/** Where a story goes: facts in the order they happen to one customer. */
export interface StorySink {
  customer(c: Customer): void;
  /** An activity event of customer `customer` (its index). */
  event(customer: number, at: number, event: string): void;
  ticket(t: Ticket): void;
  survey(s: Survey): void;
}

/** What every customer's story shares: the span and the dated stories of the data. */
export interface StoryContext {
  t0: number;
  end: number;
  mess: boolean;
  /** Tickets numbered so far (the next id). */
  tickets: number;
  /** The second stream: value and warning signs. */
  extra: () => number;
  /** The next warning ticket's number (T900001…, apart, so the others keep their numbers). */
  warningTickets: number;
}

const RELEASE_FROM = Date.UTC(2026, 2, 1);
const RELEASE_TO = Date.UTC(2026, 3, 15);
const PHONE_SLIDE = Date.UTC(2026, 2, 1);

/** Tells customer `i`'s story; returns it (the NPS of the data reads it). */
export function tellCustomer(random: () => number, i: number, ctx: StoryContext, sink: StorySink): Customer {
  const { t0, end } = ctx;
  // Growth: later months sign up more people (density rises linearly by 2×).
  const u = random();
  const signup = t0 + Math.floor((Math.sqrt(1 + 3 * u) - 1) * (end - t0) * 0.999);
  const userType = weighted(random, USER_TYPES, [88, 9, 3]);
  const plan = userType === 'patient' ? weighted(random, PLANS, [50, 35, 15]) : null;
  const hazard = plan ? MONTHLY_CHURN[plan] : 0.01;
  const life = exponential(random, (30 * DAY) / hazard);
  const churned = signup + life < end ? signup + Math.floor(life) : null;
  const warning = warningSigns(ctx.extra, churned);
  // Drawn in the order they always were (region, age band, sex), so the main stream is unchanged.
  const region = weighted(random, REGIONS, [45, 18, 22, 8, 7]);
  const ageBand = weighted(random, AGE_BANDS, [22, 34, 27, 17]);
  const sex = random() < 0.56 ? 'F' : 'M';
  const lives = weighted(ctx.extra, LIVES, LIVES_WEIGHT);
  const revenue = plan ? Math.round(PRICE[plan] * AGE_PRICE[ageBand] * lives * 100) / 100 : null;
  const customer: Customer = { index: i, id: `B${String(10001 + i)}`, signup, churned, userType, plan, region, ageBand, sex, revenue };
  sink.customer(customer);
  const lastDay = churned ?? end;
  onboarding(random, customer, lastDay, sink);
  features(random, customer, lastDay, warning.quietFrom, sink);
  support(random, customer, lastDay, ctx, sink);
  warnings(customer, warning, ctx, sink);
  return customer;
}

/** Each step follows the previous after a log-normal delay; release 4.0 broke profile completion. */
function onboarding(random: () => number, c: Customer, lastDay: number, sink: StorySink): void {
  const broken = c.signup >= RELEASE_FROM && c.signup < RELEASE_TO;
  const stepP = [1, 0.86, broken ? 0.38 : 0.74, 0.62, 0.78];
  let t = c.signup;
  for (let s = 0; s < ONBOARDING.length; s++) {
    if (random() >= stepP[s]) break;
    if (s > 0) t += Math.floor(logNormal(random, s === 1 ? 2 * HOUR : 1.5 * DAY, 1.1));
    if (t >= lastDay) break;
    sink.event(c.index, t, ONBOARDING[s]);
  }
}

/** Feature use month by month while a customer (none from `quietFrom` on: a warning sign). */
function features(random: () => number, c: Customer, lastDay: number, quietFrom: number, sink: StorySink): void {
  for (let ms = c.signup + 30 * DAY; ms < lastDay; ms += 30 * DAY) {
    const engaged = random() < (c.plan === 'Essencial' ? 0.55 : 0.72);
    if (!engaged) continue;
    for (let f = 0; f < FEATURES.length; f++) {
      if (random() >= FEATURE_MONTHLY[f]) continue;
      const at = ms + Math.floor(random() * 30 * DAY);
      if (at < Math.min(lastDay, quietFrom)) sink.event(c.index, at, FEATURES[f]);
    }
  }
}

/** Support tickets, about one every five months (more on the Essencial plan), and the answers after them. */
function support(random: () => number, c: Customer, lastDay: number, ctx: StoryContext, sink: StorySink): void {
  const { end } = ctx;
  for (let at = c.signup + Math.floor(exponential(random, 150 * DAY)); at < lastDay; at += Math.floor(exponential(random, (c.plan === 'Essencial' ? 110 : 160) * DAY))) {
    const channel = weighted(random, CHANNELS, CHANNEL_WEIGHT);
    // From March 2026 phone queues grow: responses slow and satisfaction falls, levelling off at 3× slower.
    const slide = channel === 'phone' && at >= PHONE_SLIDE ? Math.min(3, 1 + ((at - PHONE_SLIDE) / (30 * DAY)) * 0.6) : 1;
    const respond = at + Math.floor(logNormal(random, RESPONSE_MEDIAN_MIN[channel] * MIN * slide, 0.9));
    const firstContact = random() < FCR[channel] / Math.sqrt(slide);
    const contacts = firstContact ? 1 : 2 + Math.floor(random() * 3);
    const resolve = respond + Math.floor(logNormal(random, (firstContact ? 0.5 : 20) * HOUR * slide, 1));
    const ticket: Ticket = {
      id: `T${String(++ctx.tickets).padStart(6, '0')}`,
      customer: c.index,
      channel,
      opened: at,
      firstResponse: respond < end ? respond : null,
      resolved: resolve < end ? resolve : null,
      contacts: resolve < end ? contacts : null,
    };
    if (ctx.mess && random() < 0.004) ticket.resolved = at - 3 * HOUR; // clock skew between systems
    sink.ticket(ticket);
    if (resolve < end && random() < 0.45) {
      const base = 4.4 - (contacts - 1) * 0.45 - (slide - 1) * 0.5;
      const score = Math.max(1, Math.min(5, Math.round(base + (random() - 0.5) * 2.2)));
      sink.survey({ at: resolve + HOUR, kind: 'csat', score, customer: c.index, channel });
    }
    if (resolve < end && random() < 0.2) {
      // Customer effort (1 = very easy … 7 = very hard): more contacts and slow queues cost effort.
      const effort = 2 + (contacts - 1) * 0.8 + (slide - 1) * 0.9 + (random() - 0.5) * 2;
      sink.survey({ at: resolve + 2 * HOUR, kind: 'ces', score: Math.max(1, Math.min(7, Math.round(effort))), customer: c.index, channel });
    }
  }
}

/** How a customer who will leave shows it beforehand (nothing for those who stay). */
interface Warning {
  /** Feature use stops here (Infinity: it does not). */
  quietFrom: number;
  /** A ticket opened this long before leaving stays open until then (0: none). */
  ticketBefore: number;
  /** A detractor answer this long before leaving (0: none). */
  detractorBefore: number;
}

/** Of those who leave: 65% go quiet 45–120 days before, 35% have a ticket open 10–60 days before, 40% answer 0–5 a week to two months before. */
function warningSigns(extra: () => number, churned: number | null): Warning {
  const u = [extra(), extra(), extra(), extra(), extra(), extra()];
  if (churned === null) return { quietFrom: Infinity, ticketBefore: 0, detractorBefore: 0 };
  return {
    quietFrom: u[0] < 0.65 ? churned - Math.floor((45 + 75 * u[1]) * DAY) : Infinity,
    ticketBefore: u[2] < 0.35 ? Math.floor((10 + 50 * u[3]) * DAY) : 0,
    detractorBefore: u[4] < 0.4 ? Math.floor((7 + 53 * u[5]) * DAY) : 0,
  };
}

/** A ticket from the second stream, resolved at `resolved` (open when that is after the data ends). */
function slowTicket(c: Customer, opened: number, resolved: number, ctx: StoryContext, sink: StorySink): void {
  const { extra, end } = ctx;
  const channel = weighted(extra, CHANNELS, CHANNEL_WEIGHT);
  const respond = opened + Math.floor(logNormal(extra, RESPONSE_MEDIAN_MIN[channel] * MIN, 0.9));
  const contacts = 2 + Math.floor(extra() * 3);
  sink.ticket({
    id: `T${ctx.warningTickets++}`,
    customer: c.index,
    channel,
    opened,
    firstResponse: respond < end ? respond : null,
    resolved: resolved < end ? resolved : null,
    contacts: resolved < end ? contacts : null,
  });
}

/**
 * The warning signs of one who leaves: a ticket closed a few days after the cancellation,
 * and a detractor answer. And, for anyone, the noise real data has: one customer in six
 * has a ticket that takes 8–45 days to resolve (a billing dispute, a reimbursement) and
 * does not leave for it.
 */
function warnings(c: Customer, w: Warning, ctx: StoryContext, sink: StorySink): void {
  const { extra } = ctx;
  const last = c.churned ?? ctx.end;
  const [u, v, days] = [extra(), extra(), 8 + 37 * extra()];
  if (u < 1 / 6 && last - c.signup > 30 * DAY) {
    const opened = c.signup + Math.floor(v * (last - c.signup - 20 * DAY));
    slowTicket(c, opened, opened + Math.floor(days * DAY), ctx, sink);
  }
  if (c.churned === null) return;
  if (w.ticketBefore && c.churned - w.ticketBefore > c.signup) {
    slowTicket(c, c.churned - w.ticketBefore, c.churned + Math.floor((1 + 4 * extra()) * DAY), ctx, sink);
  }
  if (w.detractorBefore && c.churned - w.detractorBefore > c.signup) {
    const score = Math.floor(extra() * 6);
    sink.survey({ at: c.churned - w.detractorBefore, kind: 'nps', score, customer: c.index, channel: 'app' });
  }
}

/** An NPS answer of customer `c` on the in-app survey on `day` (a legacy widget asking 0–11 now and then). */
export function npsAnswer(random: () => number, c: Customer, day: number, mess: boolean): Survey {
  const mood = c.plan === 'Premium' ? 1.2 : c.plan === 'Essencial' ? -0.8 : 0.3;
  let score = Math.round(8 + mood + (random() - 0.5) * 6);
  score = Math.max(0, Math.min(10, score));
  if (mess && random() < 0.003) score = 11;
  const channel = random() < 0.8 ? 'app' : 'email';
  // Drawn last: the seeded data depends on the order of the draws.
  const at = day + Math.floor(random() * DAY);
  return { at, kind: 'nps', score, customer: c.index, channel };
}

/** The daily in-app NPS survey: a few of the customers active that day answer it. */
export function tellNps(random: () => number, people: readonly Customer[], ctx: StoryContext, sink: StorySink): void {
  for (let day = ctx.t0; day < ctx.end; day += DAY) {
    const answers = 4 + Math.floor(random() * 12);
    for (let a = 0; a < answers; a++) {
      const c = people[Math.floor(random() * people.length)];
      if (c.signup > day || (c.churned ?? Infinity) <= day) continue;
      sink.survey(npsAnswer(random, c, day, ctx.mess));
    }
  }
}
