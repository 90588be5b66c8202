// Data for the intranet portal (demo/portal.html): a small deterministic health plan
// generated here with a seeded PRNG, registered as the adapter named 'portal', which the
// widgets in the page name with source="portal". Plain JavaScript, no bundler: the only
// import is the one file the portal loads, /dist/pulso.js.
import { MemoryAdapter, registerAdapter } from '/dist/pulso.js';

const DAY = 86_400_000;
const START = Date.UTC(2024, 6, 1); // signups from July 2024…
const END = Date.UTC(2026, 0, 1); // …to the end of 2025 (the widgets' as-of/to)
const PLANS = ['Essencial', 'Clássico', 'Premium'];
const CHANNELS = ['app', 'whatsapp', 'phone', 'email'];
const STEPS = ['signup', 'first_login', 'profile_completed', 'booked_appointment', 'teleconsult'];

/** mulberry32: a tiny seeded PRNG, so every load draws the same data. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const random = prng(20251);
const pick = (list) => list[Math.floor(random() * list.length)];
const iso = (ms) => new Date(ms).toISOString();
const between = (from, to) => from + Math.floor(random() * (to - from));

function generate() {
  const customers = [];
  const activity = [];
  const surveys = [];
  const tickets = [];
  for (let i = 0; i < 400; i++) {
    const id = `B${String(i + 1).padStart(4, '0')}`;
    const plan = PLANS[i % 3];
    const signup = between(START, END - 20 * DAY);
    const monthlyChurn = plan === 'Essencial' ? 0.07 : plan === 'Clássico' ? 0.04 : 0.025;
    let churned = null;
    for (let m = signup + 30 * DAY; m < END; m += 30 * DAY) {
      if (random() < monthlyChurn) {
        churned = between(m - 30 * DAY, m);
        break;
      }
    }
    const last = churned ?? END;
    customers.push({ customer_id: id, signup_at: iso(signup), churned_at: churned === null ? null : iso(churned), user_type: 'patient', plan });

    // Onboarding: each step reached with some probability, a few days after the previous one.
    let at = signup;
    for (let s = 0; s < STEPS.length && at < last; s++) {
      if (s > 0 && random() > [1, 0.85, 0.7, 0.6, 0.7][s]) break;
      activity.push({ customer_id: id, at: iso(at), event: STEPS[s], plan });
      at += Math.floor(random() * 6 * DAY) + 3_600_000;
    }

    // An NPS answer every few months while a customer.
    for (let t = signup + between(10, 60) * DAY; t < last; t += between(60, 120) * DAY) {
      const mood = plan === 'Premium' ? 1.5 : plan === 'Essencial' ? -1 : 0.5;
      const score = Math.max(0, Math.min(10, Math.round(7 + mood + (random() - 0.5) * 6)));
      surveys.push({ at: iso(t), kind: 'nps', score, customer_id: id, channel: 'app' });
    }

    // Tickets, each followed by a CSAT answer most of the time.
    for (let t = signup + between(5, 90) * DAY; t < last; t += between(40, 160) * DAY) {
      const channel = pick(CHANNELS);
      const slow = channel === 'phone' ? 3 : channel === 'email' ? 5 : 1;
      const response = t + Math.floor((5 + random() * 60) * slow * 60_000);
      const resolved = response + Math.floor(random() * 48 * slow * 3_600_000);
      const contacts = random() < (channel === 'phone' ? 0.55 : 0.75) ? 1 : 2 + Math.floor(random() * 2);
      tickets.push({
        ticket_id: `T${tickets.length + 1}`,
        customer_id: id,
        channel,
        opened_at: iso(t),
        first_response_at: iso(response),
        resolved_at: iso(resolved),
        contacts,
      });
      if (random() < 0.7) {
        const score = Math.max(1, Math.min(5, Math.round(4.3 - slow * 0.25 - (contacts - 1) * 0.4 + (random() - 0.5) * 2)));
        surveys.push({ at: iso(resolved + 3_600_000), kind: 'csat', score, customer_id: id, channel });
      }
    }
  }
  return { customers, activity, surveys, tickets };
}

registerAdapter('portal', new MemoryAdapter(generate()));
