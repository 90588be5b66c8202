// Test helpers for the time layer: a seeded random source and slow, obviously
// correct reference computations built on Date and Intl (never on src/time).

export const DAY = 86_400_000;

/** The seeded PRNG the demo data uses, so random cases are the same on every run. */
export { rng as seeded } from '../../demo/data/random.js';

/** Epoch ms of a UTC civil date-time, correct for years 0–99 and negative years too. */
export function utc(y: number, m: number, d: number, h = 0, mi = 0, s = 0, ms = 0): number {
  const date = new Date(0);
  date.setUTCFullYear(y, m - 1, d);
  date.setUTCHours(h, mi, s, ms);
  return date.getTime();
}

/** `YYYY-MM-DD` of a UTC instant via Date (years 0–9999). */
export function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export interface LocalFields {
  y: number;
  m: number;
  d: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The local civil date of an instant in a zone, read with Intl formatToParts. */
export function localDate(ms: number, timeZone: string): LocalFields {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  const out: LocalFields = { y: 0, m: 0, d: 0 };
  for (const p of f.formatToParts(ms)) {
    if (p.type === 'year') out.y = Number(p.value);
    else if (p.type === 'month') out.m = Number(p.value);
    else if (p.type === 'day') out.d = Number(p.value);
  }
  return out;
}

/** Reference day ordinal (days since 1970-01-01 of the local date), via Date.UTC. */
export function refDay(ms: number, timeZone: string): number {
  const { y, m, d } = localDate(ms, timeZone);
  return Date.UTC(y, m - 1, d) / DAY;
}

/** Reference month ordinal y·12 + m − 1 of the local date. */
export function refMonth(ms: number, timeZone: string): number {
  const { y, m } = localDate(ms, timeZone);
  return y * 12 + m - 1;
}

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

/** Reference UTC offset (ms) of a zone at an instant: local fields via Intl, read back with Date.UTC. */
export function refOffset(ms: number, timeZone: string): number {
  let f = offsetFormatters.get(timeZone);
  if (!f) {
    const opts = {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
    } as const;
    f = new Intl.DateTimeFormat('en-US', {
      ...opts,
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    offsetFormatters.set(timeZone, f);
  }
  const v: Record<string, number> = {};
  for (const p of f.formatToParts(ms)) v[p.type] = Number(p.value);
  const seconds = Math.floor(ms / 1000) * 1000;
  return Date.UTC(v.year, v.month - 1, v.day, v.hour, v.minute, v.second) - seconds;
}
