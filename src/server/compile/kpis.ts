// kpis in SQL: each asked card's counts per window — the range and the one before it,
// and each sparkline period — grouped by the engine; their rows are read by
// kpis-read.ts (as for every dialect), the series, suppression and deltas kpis' own.
import { checkKpiOptions, sparkBounds, type KpiSettings } from '../../metrics/kpis.js';
import type { Compiler } from '../context.js';
import type { BoundStatement } from '../sql.js';
import { addDurationMs, ordinal, zoneParam } from '../time.js';
import { inRange, type Compiled, type MetricCompiler } from './common.js';
import { npsClassItems } from './nps.js';
import { kpisFromGroups, readChurn, readRatio, readSurveys, readTickets, type KpiRead } from './kpis-read.js';
import { ticketItems } from './tickets.js';

/** The windows of one set of cards: the range and the one before it, or the sparkline's periods. */
interface Windows {
  readonly count: number;
  /** The span of every window: [lo, hi), epoch ms. */
  readonly lo: number;
  readonly hi: number;
  /** Window index (0…count−1) of an instant, null outside every window. */
  index(c: Compiler, ms: string, ts: string): string;
  /** How many window starts are at or before the instant (src/metrics/kpis-windows.ts firstStartAfter). */
  startsUpTo(c: Compiler, ms: string, ts: string): string;
}

function mainWindows(lo: number, from: number, to: number): Windows {
  return {
    count: 2,
    lo,
    hi: to,
    index: (c, ms, ts) => `CASE WHEN ${inRange(c, ms, lo, from, ts)} THEN 0 WHEN ${inRange(c, ms, from, to, ts)} THEN 1 END`,
    startsUpTo: (c, ms, ts) => `CASE WHEN ${before(c, ms, ts, lo)} THEN 0 WHEN ${before(c, ms, ts, from)} THEN 1 ELSE 2 END`,
  };
}

/** The instant is before `x` (on the timestamp, as inRange compares). */
const before = (c: Compiler, ms: string, ts: string, x: number) => `NOT (${inRange(c, ms, x, Infinity, ts)})`;

function sparkWindows(s: KpiSettings, count: number): Windows {
  const b = s.bucket!;
  const first = b.index(s.from);
  // A whole number: an integer key groups faster than a double.
  const ord = (c: Compiler, ts: string) => `(${ordinal(c, b.period, ts, zoneParam(c, b.timeZone))} - CAST(${c.p.num(first)} AS INTEGER))`;
  return {
    count,
    lo: s.from,
    hi: s.to,
    index: (c, ms, ts) => `CASE WHEN ${inRange(c, ms, s.from, s.to, ts)} THEN ${ord(c, ts)} END`,
    startsUpTo: (c, ms, ts) => `CASE WHEN ${before(c, ms, ts, s.from)} THEN 0 ELSE least(${ord(c, ts)} + 1, ${c.p.num(count)}) END`,
  };
}

type Part = { statement: BoundStatement; read: KpiRead };

function surveyPart(c: Compiler, s: KpiSettings, w: Windows): Part {
  // Only the kinds of the cards asked for, and their counts (the others' read as 0 and are not shown).
  const kinds = (['nps', 'csat', 'ces'] as const).filter((k) => s.metrics.includes(k));
  c.readsKinds(kinds);
  // One kind: the WHERE has picked its rows already.
  const of = (kind: string, cond?: string) => [kinds.length > 1 ? `r.kind = '${kind}'` : '', cond ?? ''].filter(Boolean).join(' AND ');
  const counted = (kind: string, cond?: string) => (of(kind, cond) ? `count(*) FILTER (WHERE ${of(kind, cond)})` : 'count(*)');
  const summed = (kind: string, x: string) => `sum(${kinds.length > 1 ? `CASE WHEN r.kind = '${kind}' THEN ${x} END` : x})`;
  const sc = c.npsScore('r');
  // Functions: a parameter is bound when its SQL is written.
  const items = {
    nps: () => npsClassItems(sc, (cond) => counted('nps', cond)),
    csat: () => [`${counted('csat')} AS csat_n`, `${counted('csat', `r.score >= ${c.p.num(s.satisfiedMin)}`)} AS sat`],
    ces: () => [`${counted('ces')} AS ces_n`, `${summed('ces', 'r.score')} AS ces_sum`, `${summed('ces', 'r.score * r.score')} AS ces_sq`],
  };
  const statement = c.statement(`SELECT ${w.index(c, 'r.at', 'r.at__ts')} AS j, ${kinds.flatMap((k) => items[k]()).join(', ')}
FROM ${c.filtered('surveys')} r WHERE r.kind IN (${kinds.map((k) => `'${k}'`).join(', ')}) AND ${inRange(c, 'r.at', w.lo, w.hi, 'r.at__ts')} GROUP BY 1`);
  return { statement, read: readSurveys(w.count) };
}

function ticketPart(c: Compiler, s: KpiSettings, w: Windows): Part {
  const parts = {
    counts: s.metrics.includes('fcr') || s.metrics.includes('ticketVolume'),
    response: s.metrics.includes('firstResponseMedian'),
    resolution: s.metrics.includes('resolutionMedian'),
  };
  const statement = c.statement(`SELECT ${w.index(c, 's.opened_at', 's.opened_at__ts')} AS j, ${ticketItems(c, 's', parts)} FROM ${c.filtered('tickets')} s
WHERE ${inRange(c, 's.opened_at', w.lo, w.hi, 's.opened_at__ts')} GROUP BY 1`);
  return { statement, read: readTickets(w.count) };
}

function churnPart(c: Compiler, w: Windows): Part {
  const statement = c.statement(`SELECT ${w.startsUpTo(c, 'r.signup_at', 'r.signup_at__ts')} AS lo,
  CASE WHEN r.churned_at IS NULL THEN NULL ELSE ${w.startsUpTo(c, 'r.churned_at', 'r.churned_at__ts')} END AS hi,
  ${w.index(c, 'r.churned_at', 'r.churned_at__ts')} AS j, count(*) AS n
FROM ${c.filtered('customers')} r WHERE r.signup_at IS NOT NULL GROUP BY 1, 2, 3`);
  return { statement, read: readChurn(w.count) };
}

/** The events that count as activity (SPEC §3.7): activationEvents, else every event but the sign-up itself (isSignupEvent). */
function countedEvent(c: Compiler, s: KpiSettings, event: string): string {
  if (s.activationEvents) return c.d.inList(event, c.p.texts(s.activationEvents));
  return `NOT (${event} IN (${c.p.text('signup')}, ${c.p.text('sign_up')}) OR substr(${event}, 1, 7) = ${c.p.text('signup_')})`;
}

function activationPart(c: Compiler, s: KpiSettings, w: Windows): Part {
  const lo = s.from - (s.to - s.from);
  const until = addDurationMs(c, 'r.signup_at__ts', 'r.signup_at', s.activationWindow, zoneParam(c, s.timeZone));
  // Each deadline once per customer, then one hash join with the activity.
  c.define(
    'signups',
    `SELECT r.customer_id AS id, r.signup_at AS t, ${until} AS due FROM ${c.filtered('customers')} r
  WHERE r.signup_at >= ${c.p.num(lo)} AND r.signup_at < ${c.p.num(s.to)}`,
  );
  c.define(
    'activated',
    `SELECT DISTINCT g.id FROM signups g JOIN ${c.filtered('activity')} a ON a.customer_id = g.id
  WHERE a.at >= g.t AND a.at < g.due AND ${countedEvent(c, s, 'a.event')}`,
  );
  const statement = c.statement(`SELECT ${w.index(c, 'r.signup_at', 'r.signup_at__ts')} AS j, count(*) AS den, count(x.id) AS num
FROM ${c.filtered('customers')} r LEFT JOIN activated x ON x.id = r.customer_id GROUP BY 1`);
  return { statement, read: readRatio(w.count, 'activation') };
}

function adoptionPart(c: Compiler, s: KpiSettings, w: Windows): Part {
  const statement = c.statement(`SELECT ${w.index(c, 'a.at', 'a.at__ts')} AS j, count(DISTINCT a.customer_id) AS den,
  count(DISTINCT CASE WHEN ${c.d.inList('a.event', c.p.texts(s.features!))} THEN a.customer_id END) AS num
FROM ${c.filtered('activity')} a WHERE ${inRange(c, 'a.at', w.lo, w.hi, 'a.at__ts')} GROUP BY 1`);
  return { statement, read: readRatio(w.count, 'adoption') };
}

/** The parts one set of windows needs for the asked cards whose tables the source has. */
function parts(fork: () => Compiler, s: KpiSettings, w: Windows): Part[] {
  const want = new Set(s.metrics);
  const probe = fork();
  const out: Part[] = [];
  if (['nps', 'csat', 'ces'].some((m) => want.has(m as never)) && probe.has('surveys')) out.push(surveyPart(fork(), s, w));
  if (['fcr', 'firstResponseMedian', 'resolutionMedian', 'ticketVolume'].some((m) => want.has(m as never)) && probe.has('tickets')) out.push(ticketPart(fork(), s, w));
  if (want.has('churnRate') && probe.has('customers')) out.push(churnPart(fork(), w));
  if (want.has('activation') && probe.has('customers') && probe.has('activity')) out.push(activationPart(fork(), s, w));
  if (want.has('adoption') && s.features && probe.has('activity')) out.push(adoptionPart(fork(), s, w));
  return out;
}

export const compileKpis: MetricCompiler = (_c, options, fork): Compiled => {
  const s = checkKpiOptions(options);
  // sparklineOnly: no statement for the range's own cards (kpis leaves them null).
  const main = s.sparklineOnly ? [] : parts(fork, s, mainWindows(s.from - (s.to - s.from), s.from, s.to));
  const spark = s.bucket ? sparkBounds(s.bucket, s.from, s.to) : undefined;
  const sparkParts = spark ? parts(fork, s, sparkWindows(s, spark.keys.length)) : [];
  return {
    statements: [...main, ...sparkParts].map((p) => p.statement),
    finish: (results) => kpisFromGroups(s, main.map((p) => p.read), spark && { reads: sparkParts.map((p) => p.read), keys: spark.keys }, results) as never,
  };
};
