// Time in SQL as src/time computes it: period ordinals (day, ISO week, month, quarter,
// year) of the wall time in a zone, and `addDuration` (calendar months and days in the
// zone, then exact ms) for funnel windows and activation. Both engines read a wall time
// that a DST fold repeats as its later instant; Pulso takes the first (as Temporal's
// 'compatible'), so `fromLocal` below checks both candidates as src/time/zone.ts does.
import type { Duration } from '../time/duration.js';
import type { Period } from '../time/period.js';
import { isUtcZone } from '../time/zone.js';
import type { Compiler } from './context.js';

/** The bound zone of a query (a parameter), or undefined for UTC. */
export function zoneParam(c: Compiler, timeZone: string | undefined): string | undefined {
  if (timeZone === undefined || isUtcZone(timeZone)) return undefined;
  return c.p.text(timeZone);
}

/** The wall time of a naive UTC timestamp in the zone (itself in UTC). */
export function local(c: Compiler, ts: string, tz: string | undefined): string {
  return tz === undefined ? ts : c.d.toLocal(ts, tz);
}

/** The period ordinal (src/time/period.ts `index`) of a naive UTC timestamp. */
export function ordinal(c: Compiler, period: Period, ts: string, tz: string | undefined): string {
  const d = c.d;
  const l = local(c, ts, tz);
  switch (period) {
    case 'day':
      return d.days(l);
    case 'week':
      // ISO week 0 starts on Monday 1969-12-29 (day −3); a Monday's day number + 3 divides by 7.
      return d.intDiv(`${d.days(d.truncWeek(l))} + 3`, '7');
    case 'month':
      return `(${d.year(l)} * 12 + ${d.month(l)} - 1)`;
    case 'quarter':
      return `(${d.year(l)} * 4 + ${d.intDiv(`${d.month(l)} - 1`, '3')})`;
    case 'year':
      return d.year(l);
  }
}

/**
 * The instant of a wall time in the zone, as src/time/zone.ts `localToUtc`: each
 * candidate offset (a day before and after) is tried; a repeated time takes the
 * earlier instant, a skipped one the offset before the gap.
 */
function fromLocal(c: Compiler, wall: string, tz: string): string {
  const d = c.d;
  const day = `INTERVAL '1 day'`;
  // offset(u) = toLocal(u) − u; early = wall − offset(wall − 1 day); late = wall − offset(wall + 1 day).
  const early = `(${wall} - (${d.toLocal(`${wall} - ${day}`, tz)} - (${wall} - ${day})))`;
  const late = `(${wall} - (${d.toLocal(`${wall} + ${day}`, tz)} - (${wall} + ${day})))`;
  const ok = (u: string) => `(${d.toLocal(u, tz)} = ${wall})`;
  return `CASE WHEN ${ok(early)} AND ${ok(late)} THEN least(${early}, ${late}) WHEN ${ok(early)} THEN ${early} WHEN ${ok(late)} THEN ${late} ELSE ${early} END`;
}

/**
 * Epoch ms of `addDuration(t, duration, timeZone)` for a naive UTC timestamp `ts`
 * whose epoch ms is `ms`: exact ms when the duration has no calendar part (or in UTC
 * with days only), else months and days on the wall clock in the zone, then the ms.
 */
export function addDurationMs(c: Compiler, ts: string, ms: string, dur: Duration, tz: string | undefined): string {
  if (dur.months === 0 && dur.days === 0) return `(${ms} + ${c.p.num(dur.ms)})`;
  if (dur.months === 0 && tz === undefined) return `(${ms} + ${c.p.num(dur.days * 86_400_000 + dur.ms)})`;
  const d = c.d;
  const wall = d.addMonthsDays(local(c, ts, tz), c.p.num(dur.months), c.p.num(dur.days));
  const utc = tz === undefined ? wall : fromLocal(c, wall, tz);
  return `(${d.epochMs(utc)} + ${c.p.num(dur.ms)})`;
}
