// How well the at-risk list warns: of the customers it flags at a date, how many
// leave in the next 90 days, against everyone still a customer then (the base rate).
// Replays atRisk at past dates on data that holds the future, so each flag is judged
// by what happened after it. Used by bench/at-risk.node.ts (RESULTS.md) and by the
// demo-story test (test/demo/stories.node.test.ts).
import type { Row, Tables } from '../src/data/schema.js';
import { validate } from '../src/data/validate.js';
import { atRisk, type AtRiskOptions, type AtRiskSignal } from '../src/metrics/at-risk.js';
import { wilson } from '../src/metrics/stats.js';

const DAY = 86_400_000;

/** Counts at one date, or summed over dates. */
export interface Tally {
  /** Customers still here at the date. */
  population: number;
  /** Of them, those who left within the horizon. */
  churned: number;
  flagged: number;
  /** Flagged and left. */
  hits: number;
}

export interface Scores extends Tally {
  baseRate: number;
  precision: number | null;
  /** 95% Wilson interval of precision. */
  precisionLow: number | null;
  precisionHigh: number | null;
  lift: number | null;
  /** Share of those who left that were flagged. */
  recall: number | null;
}

export function scores(t: Tally): Scores {
  const baseRate = t.population ? t.churned / t.population : 0;
  const precision = t.flagged ? t.hits / t.flagged : null;
  const ci = wilson(t.hits, t.flagged);
  return {
    ...t,
    baseRate,
    precision,
    precisionLow: ci?.low ?? null,
    precisionHigh: ci?.high ?? null,
    lift: precision === null || baseRate === 0 ? null : precision / baseRate,
    recall: t.churned ? t.hits / t.churned : null,
  };
}

export type Selection = 'any' | AtRiskSignal | 'two or more';
export const SELECTIONS: readonly Selection[] = ['any', 'activity', 'tickets', 'nps', 'two or more'];

export interface Evaluation {
  dates: string[];
  horizonDays: number;
  /** Per date, the tallies of every selection. */
  perDate: { date: string; tallies: Record<Selection, Tally>; rhythm: { population: number; churned: number } }[];
  /** Summed over dates (a customer counts once per date). */
  pooled: Record<Selection, Scores>;
  /**
   * The customers the activity signal can judge (at least minGaps + 1 distinct active days
   * before the date), summed over dates: its fair base rate, since a customer without a
   * rhythm is never flagged for silence.
   */
  rhythm: { population: number; churned: number; baseRate: number; activityLift: number | null };
}

/** Distinct UTC days of activity per customer before `d`. */
function activeDays(activity: readonly Row[], d: number): Map<string, number> {
  const days = new Map<string, Set<number>>();
  for (const a of activity) {
    const t = ms(a.at);
    if (!(t < d)) continue;
    const id = String(a.customer_id);
    let set = days.get(id);
    if (!set) days.set(id, (set = new Set()));
    set.add(Math.floor(t / DAY));
  }
  return new Map([...days].map(([id, set]) => [id, set.size]));
}

/** Time of a row's value (ISO string or epoch ms), NaN when missing. */
const ms = (v: unknown) => (v === null || v === undefined || v === '' ? NaN : typeof v === 'number' ? v : Date.parse(String(v)));

/** Who counts at a date (the population) and whether each left within the horizon after it. */
export type Outcome = (date: number, end: number) => ReadonlyMap<string, boolean>;

/** Subscription churn: customers still here at the date; they leave when churned_at falls within the horizon. */
export function churnOutcome(customers: readonly Row[]): Outcome {
  return (d, end) => {
    const leaves = new Map<string, boolean>();
    for (const c of customers) {
      const signup = ms(c.signup_at);
      const churn = ms(c.churned_at);
      if (signup > d || churn <= d) continue;
      leaves.set(String(c.customer_id), churn <= end);
    }
    return leaves;
  };
}

/**
 * The list at each date (atRisk over `tables`, validated once so every date reads the
 * same typed frames), judged by `outcome` over the `horizonDays` after it.
 */
export function evaluate(tables: Tables, outcome: Outcome, dates: readonly string[], horizonDays = 90, options: AtRiskOptions = {}): Evaluation {
  const valid: Tables = validate(tables).tables;
  const perDate = dates.map((date) => {
    const d = Date.parse(date);
    const leaves = outcome(d, d + horizonDays * DAY);
    const rows = atRisk(valid, { ...options, asOf: d }).filter((r) => leaves.has(r.customer_id));
    const tallies = {} as Record<Selection, Tally>;
    for (const sel of SELECTIONS) {
      const chosen = rows.filter((r) => (sel === 'any' ? true : sel === 'two or more' ? r.signals.length >= 2 : r.signals.includes(sel)));
      tallies[sel] = {
        population: leaves.size,
        churned: [...leaves.values()].filter(Boolean).length,
        flagged: chosen.length,
        hits: chosen.filter((r) => leaves.get(r.customer_id)).length,
      };
    }
    const days = activeDays((tables.activity ?? []) as readonly Row[], d);
    const minDays = (options.minGaps ?? 3) + 1;
    const judged = [...leaves].filter(([id]) => (days.get(id) ?? 0) >= minDays);
    return { date, tallies, rhythm: { population: judged.length, churned: judged.filter(([, left]) => left).length } };
  });
  const pooled = {} as Record<Selection, Scores>;
  for (const sel of SELECTIONS) {
    const sum = (k: keyof Tally) => perDate.reduce((s, p) => s + p.tallies[sel][k], 0);
    pooled[sel] = scores({ population: sum('population'), churned: sum('churned'), flagged: sum('flagged'), hits: sum('hits') });
  }
  const population = perDate.reduce((sum, p) => sum + p.rhythm.population, 0);
  const churned = perDate.reduce((sum, p) => sum + p.rhythm.churned, 0);
  const baseRate = population ? churned / population : 0;
  const activity = pooled.activity.precision;
  const rhythm = { population, churned, baseRate, activityLift: activity === null || baseRate === 0 ? null : activity / baseRate };
  return { dates: [...dates], horizonDays, perDate, pooled, rhythm };
}

/** First days of the months from `from` to `to` (inclusive), `YYYY-MM-DD`. */
export function monthStarts(from: string, to: string): string[] {
  const out: string[] = [];
  const [y0, m0] = from.split('-').map(Number);
  for (let y = y0, m = m0; `${y}-${String(m).padStart(2, '0')}-01` <= to; m === 12 ? ((m = 1), y++) : m++)
    out.push(`${y}-${String(m).padStart(2, '0')}-01`);
  return out;
}
