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
// The value and the warning signs are drawn from a second seeded stream, so adding
// them left every other number of the data as it was.
// With `mess: true` a few rows are wrong the way real exports are (a legacy 0–11 NPS
// widget, clock skew on tickets), so the validation notice has something to say.
import { daysFromCivil, DAY_MS } from '../../src/time/civil.js';
import { exponential, logNormal, rng, weighted } from './random.js';

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

const MIN = 60_000;
const HOUR = 60 * MIN;
const PLANS = ['Essencial', 'Ouro', 'Premium'] as const;
const MONTHLY_CHURN: Record<string, number> = { Essencial: 0.05, Ouro: 0.022, Premium: 0.015 };
const PRICE: Record<string, number> = { Essencial: 189, Ouro: 429, Premium: 899 };
const REGIONS = ['Sudeste', 'Sul', 'Nordeste', 'Centro-Oeste', 'Norte'];
const AGE_BANDS = ['18-29', '30-44', '45-59', '60+'];
/** Price factor of each age band (the oldest band may pay up to 6× the youngest in Brazil). */
const AGE_PRICE: Record<string, number> = { '18-29': 1, '30-44': 1.45, '45-59': 2.4, '60+': 4.8 };
/** Lives covered by one contract (holder and dependants), and how common each count is. */
const LIVES = [1, 2, 3, 4, 5];
const LIVES_WEIGHT = [52, 20, 14, 9, 5];
export const CHANNELS = ['chat', 'whatsapp', 'phone', 'email', 'in_person', 'social'] as const;
const CHANNEL_WEIGHT = [30, 25, 20, 12, 8, 5];
const FCR: Record<string, number> = { chat: 0.62, whatsapp: 0.66, phone: 0.72, email: 0.45, in_person: 0.82, social: 0.4 };
const RESPONSE_MEDIAN_MIN: Record<string, number> = { chat: 4, whatsapp: 12, phone: 6, email: 240, in_person: 15, social: 180 };
export const ONBOARDING = ['signup', 'first_login', 'profile_completed', 'booked_appointment', 'teleconsult'] as const;
export const FEATURES = ['teleconsult', 'booked_appointment', 'lab_results', 'prescription_renewal', 'chat_with_nurse'] as const;
const FEATURE_MONTHLY = [0.35, 0.45, 0.3, 0.18, 0.12];

const iso = (ms: number) => new Date(ms).toISOString();

export function generateHealthPlan(options: HealthPlanOptions = {}): HealthPlanData {
  const { seed = 20261123, customers: count = 4000, start = '2024-11-01', months = 24, mess = true } = options;
  const random = rng(seed);
  // The second stream: value and warning signs (see the header).
  const extra = rng(seed ^ 0x5eed5);
  // Warning tickets are numbered apart (T900001…), so the others keep their numbers.
  const warningTickets = { next: 900001 };
  const [y, m, d] = start.split('-').map(Number);
  const t0 = daysFromCivil(y, m, d) * DAY_MS;
  const end = daysFromCivil(y + Math.floor((m - 1 + months) / 12), ((m - 1 + months) % 12) + 1, 1) * DAY_MS;
  const releaseFrom = Date.UTC(2026, 2, 1);
  const releaseTo = Date.UTC(2026, 3, 15);
  const phoneSlide = Date.UTC(2026, 2, 1);
  const out: HealthPlanData = { customers: [], activity: [], surveys: [], tickets: [], end };
  let ticketSeq = 1;

  for (let i = 0; i < count; i++) {
    const id = `B${String(10001 + i)}`;
    // Growth: later months sign up more people (density rises linearly by 2×).
    const u = random();
    const signup = t0 + Math.floor(((Math.sqrt(1 + 3 * u) - 1) / 1) * (end - t0) * 0.999);
    const userType = weighted(random, ['patient', 'doctor', 'admin'], [88, 9, 3]);
    const plan = userType === 'patient' ? weighted(random, PLANS, [50, 35, 15]) : null;
    const hazard = plan ? MONTHLY_CHURN[plan] : 0.01;
    const life = exponential(random, (30 * DAY_MS) / hazard);
    const churned = signup + life < end ? signup + Math.floor(life) : null;
    const lastDay = churned ?? end;
    const warning = warningSigns(extra, churned);
    // Drawn in the order they always were (region, age band, sex), so the main stream is unchanged.
    const region = weighted(random, REGIONS, [45, 18, 22, 8, 7]);
    const ageBand = weighted(random, AGE_BANDS, [22, 34, 27, 17]);
    const sex = random() < 0.56 ? 'F' : 'M';
    const lives = weighted(extra, LIVES, LIVES_WEIGHT);
    out.customers.push({
      customer_id: id,
      signup_at: iso(signup),
      churned_at: churned === null ? null : iso(churned),
      user_type: userType,
      plan,
      region,
      age_band: ageBand,
      sex,
      revenue: plan ? Math.round(PRICE[plan] * AGE_PRICE[ageBand] * lives * 100) / 100 : null,
    });

    // Onboarding: each step follows the previous after a log-normal delay.
    const broken = signup >= releaseFrom && signup < releaseTo;
    const stepP = [1, 0.86, broken ? 0.38 : 0.74, 0.62, 0.78];
    let t = signup;
    for (let s = 0; s < ONBOARDING.length; s++) {
      if (random() >= stepP[s]) break;
      if (s > 0) t += Math.floor(logNormal(random, s === 1 ? 2 * HOUR : 1.5 * DAY_MS, 1.1));
      if (t >= lastDay) break;
      out.activity.push({ customer_id: id, at: iso(t), event: ONBOARDING[s] });
    }

    // Feature use month by month while a customer.
    for (let ms = signup + 30 * DAY_MS; ms < lastDay; ms += 30 * DAY_MS) {
      const engaged = random() < (plan === 'Essencial' ? 0.55 : 0.72);
      if (!engaged) continue;
      for (let f = 0; f < FEATURES.length; f++) {
        if (random() >= FEATURE_MONTHLY[f]) continue;
        const at = ms + Math.floor(random() * 30 * DAY_MS);
        if (at < Math.min(lastDay, warning.quietFrom)) out.activity.push({ customer_id: id, at: iso(at), event: FEATURES[f] });
      }
    }

    // Support tickets: about one every five months, more for the Essencial plan.
    for (let at = signup + Math.floor(exponential(random, 150 * DAY_MS)); at < lastDay; at += Math.floor(exponential(random, (plan === 'Essencial' ? 110 : 160) * DAY_MS))) {
      const channel = weighted(random, CHANNELS, CHANNEL_WEIGHT);
      // From March 2026 phone queues grow: responses slow and satisfaction falls, levelling off at 3× slower.
      const slide = channel === 'phone' && at >= phoneSlide ? Math.min(3, 1 + ((at - phoneSlide) / (30 * DAY_MS)) * 0.6) : 1;
      const respond = at + Math.floor(logNormal(random, RESPONSE_MEDIAN_MIN[channel] * MIN * slide, 0.9));
      const firstContact = random() < FCR[channel] / Math.sqrt(slide);
      const contacts = firstContact ? 1 : 2 + Math.floor(random() * 3);
      const resolve = respond + Math.floor(logNormal(random, (firstContact ? 0.5 : 20) * HOUR * slide, 1));
      const ticket: DemoRow = {
        ticket_id: `T${String(ticketSeq++).padStart(6, '0')}`,
        customer_id: id,
        channel,
        opened_at: iso(at),
        first_response_at: respond < end ? iso(respond) : null,
        resolved_at: resolve < end ? iso(resolve) : null,
        contacts: resolve < end ? contacts : null,
      };
      if (mess && random() < 0.004) ticket.resolved_at = iso(at - 3 * HOUR); // clock skew between systems
      out.tickets.push(ticket);
      if (resolve < end && random() < 0.45) {
        const base = 4.4 - (contacts - 1) * 0.45 - (slide - 1) * 0.5;
        const score = Math.max(1, Math.min(5, Math.round(base + (random() - 0.5) * 2.2)));
        out.surveys.push({ at: iso(resolve + HOUR), kind: 'csat', score, customer_id: id, channel });
      }
      if (resolve < end && random() < 0.2) {
        // Customer effort (1 = very easy … 7 = very hard): more contacts and slow queues cost effort.
        const effort = 2 + (contacts - 1) * 0.8 + (slide - 1) * 0.9 + (random() - 0.5) * 2;
        out.surveys.push({ at: iso(resolve + 2 * HOUR), kind: 'ces', score: Math.max(1, Math.min(7, Math.round(effort))), customer_id: id, channel });
      }
    }
    addWarnings(out, extra, warning, id, churned, end, warningTickets);
  }
  addNps(out, random, t0, end, mess);
  out.activity.sort((a, b) => (a.at as string).localeCompare(b.at as string));
  out.surveys.sort((a, b) => (a.at as string).localeCompare(b.at as string));
  return out;
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
    quietFrom: u[0] < 0.65 ? churned - Math.floor((45 + 75 * u[1]) * DAY_MS) : Infinity,
    ticketBefore: u[2] < 0.35 ? Math.floor((10 + 50 * u[3]) * DAY_MS) : 0,
    detractorBefore: u[4] < 0.4 ? Math.floor((7 + 53 * u[5]) * DAY_MS) : 0,
  };
}

/** A ticket from the second stream, resolved at `resolved` (open when that is after the data ends). */
function slowTicket(out: HealthPlanData, extra: () => number, id: string, opened: number, resolved: number, end: number, seq: { next: number }): void {
  const channel = weighted(extra, CHANNELS, CHANNEL_WEIGHT);
  const respond = opened + Math.floor(logNormal(extra, RESPONSE_MEDIAN_MIN[channel] * MIN, 0.9));
  const contacts = 2 + Math.floor(extra() * 3);
  out.tickets.push({
    ticket_id: `T${seq.next++}`,
    customer_id: id,
    channel,
    opened_at: iso(opened),
    first_response_at: respond < end ? iso(respond) : null,
    resolved_at: resolved < end ? iso(resolved) : null,
    contacts: resolved < end ? contacts : null,
  });
}

/**
 * The warning signs of one who leaves: a ticket closed a few days after the cancellation,
 * and a detractor answer. And, for anyone, the noise real data has: one customer in six
 * has a ticket that takes 8–45 days to resolve (a billing dispute, a reimbursement) and
 * does not leave for it.
 */
function addWarnings(out: HealthPlanData, extra: () => number, w: Warning, id: string, churned: number | null, end: number, seq: { next: number }): void {
  const signup = Date.parse(out.customers[out.customers.length - 1].signup_at as string);
  const last = churned ?? end;
  const [u, v, days] = [extra(), extra(), 8 + 37 * extra()];
  if (u < 1 / 6 && last - signup > 30 * DAY_MS) {
    const opened = signup + Math.floor(v * (last - signup - 20 * DAY_MS));
    slowTicket(out, extra, id, opened, opened + Math.floor(days * DAY_MS), end, seq);
  }
  if (churned === null) return;
  if (w.ticketBefore && churned - w.ticketBefore > signup) {
    slowTicket(out, extra, id, churned - w.ticketBefore, churned + Math.floor((1 + 4 * extra()) * DAY_MS), end, seq);
  }
  if (w.detractorBefore && churned - w.detractorBefore > signup) {
    const score = Math.floor(extra() * 6);
    out.surveys.push({ at: iso(churned - w.detractorBefore), kind: 'nps', score, customer_id: id, channel: 'app' });
  }
}

/** A daily in-app NPS survey answered by a few customers who are active that day. */
function addNps(out: HealthPlanData, random: () => number, t0: number, end: number, mess: boolean) {
  const people = out.customers;
  for (let day = t0; day < end; day += DAY_MS) {
    const answers = 4 + Math.floor(random() * 12);
    for (let a = 0; a < answers; a++) {
      const c = people[Math.floor(random() * people.length)];
      const signup = Date.parse(c.signup_at as string);
      const churn = c.churned_at ? Date.parse(c.churned_at as string) : Infinity;
      if (signup > day || churn <= day) continue;
      const mood = c.plan === 'Premium' ? 1.2 : c.plan === 'Essencial' ? -0.8 : 0.3;
      let score = Math.round(8 + mood + (random() - 0.5) * 6);
      score = Math.max(0, Math.min(10, score));
      if (mess && random() < 0.003) score = 11; // a legacy widget that still asks 0–11
      const channel = random() < 0.8 ? 'app' : 'email';
      out.surveys.push({ at: iso(day + Math.floor(random() * DAY_MS)), kind: 'nps', score, customer_id: c.customer_id, channel });
    }
  }
}
