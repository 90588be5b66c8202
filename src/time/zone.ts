// UTC offsets of IANA time zones, fast enough to call once per row.
//
// Intl.DateTimeFormat is the only zone database a browser gives us, and one
// formatToParts call costs microseconds and allocates. So each zone's offsets
// are learned lazily, one chunk of time at a time: probe the offset at coarse
// steps, bisect every change down to the second (tzdb transitions fall on whole
// seconds), and keep the transition instants in typed arrays. A lookup then
// checks the last interval it returned (rows usually arrive sorted) and only
// otherwise scans the few transitions of one chunk.
import { DAY_MS, daysFromCivil } from './civil.js';
import { describeValue } from './describe.js';

/** Span of one cached chunk. Lone outliers (a year-1900 typo) cost one chunk, not a century. */
const CHUNK_MS = 128 * DAY_MS;
/**
 * Probe step. Two transitions closer than this that return to the same offset
 * would go unseen. Scanning every zone Intl knows over 1900–2040 at half-day
 * steps, the closest transitions of any kind are 7 days apart (a one-week DST
 * in parts of Brazil, October 2000), so 4 days leaves a margin.
 */
const STEP_MS = 4 * DAY_MS;
/** Date's range: Intl cannot format beyond it, and offsets there are the extremes'. */
const MAX_MS = 8.64e15;

/** Offset of a zone at an instant, in ms: local wall time = utc + offset. */
export type OffsetFn = (ms: number) => number;

const formatters = new Map<string, Intl.DateTimeFormat>();
const offsetFns = new Map<string, OffsetFn>();

/**
 * Names of UTC itself, valid in every zone database: answered without Intl, whose first
 * DateTimeFormat in a page loads its locale and zone data (20–40 ms of the main thread, in
 * the task of the first widget's queries: bench/RESULTS.md, "Long tasks at 1M (h14task)").
 */
const UTC_NAMES: ReadonlySet<string> = new Set(['UTC', 'Etc/UTC', 'Etc/GMT', 'GMT']);

/**
 * A valid IANA time zone name, returned as given; throws a RangeError naming
 * the bad value otherwise. Validation asks Intl itself, so any zone the
 * browser knows is accepted.
 */
export function checkTimeZone(value: unknown, name = 'timeZone'): string {
  if (typeof value === 'string' && (UTC_NAMES.has(value) || formatterFor(value))) return value;
  throw new RangeError(
    `${name} must be an IANA time zone name such as America/Sao_Paulo; got ${describeValue(value)}`,
  );
}

/** Whether a (valid) zone name is UTC itself, so callers can take the integer-only path. */
export function isUtcZone(timeZone: string): boolean {
  if (UTC_NAMES.has(timeZone)) return true;
  const fmt = formatterFor(timeZone);
  const resolved = fmt ? fmt.resolvedOptions().timeZone : '';
  return (
    resolved === 'UTC' || resolved === 'Etc/UTC' || resolved === 'Etc/GMT' || resolved === 'GMT'
  );
}

/**
 * The offset function of a zone (memoized per name; validates the name once).
 * It returns NaN for a non-finite instant.
 */
export function zoneOffset(timeZone: string): OffsetFn {
  let fn = offsetFns.get(timeZone);
  if (!fn) {
    checkTimeZone(timeZone);
    fn = isUtcZone(timeZone)
      ? utcOffset
      : new ZoneOffsets(formatterFor(timeZone) as Intl.DateTimeFormat).offset;
    offsetFns.set(timeZone, fn);
  }
  return fn;
}

function utcOffset(ms: number): number {
  return ms - ms === 0 ? 0 : NaN;
}

function formatterFor(timeZone: string): Intl.DateTimeFormat | undefined {
  let fmt = formatters.get(timeZone);
  if (fmt) return fmt;
  try {
    fmt = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  } catch {
    return undefined;
  }
  formatters.set(timeZone, fmt);
  return fmt;
}

/** The exact offset at an instant, read from Intl (slow: allocates the parts). */
function probe(fmt: Intl.DateTimeFormat, ms: number): number {
  const utc = Math.floor(Math.min(MAX_MS, Math.max(-MAX_MS, ms)) / 1000) * 1000;
  let y = 0;
  let m = 0;
  let d = 0;
  let time = 0;
  let bc = false;
  for (const p of fmt.formatToParts(utc)) {
    const v = Number(p.value);
    if (p.type === 'year') y = v;
    else if (p.type === 'month') m = v;
    else if (p.type === 'day') d = v;
    else if (p.type === 'hour') time += v * 3_600_000;
    else if (p.type === 'minute') time += v * 60_000;
    else if (p.type === 'second') time += v * 1000;
    else if (p.type === 'era') bc = p.value === 'BC' || p.value === 'B';
  }
  // Intl counts years by era (1 BC, 2 BC, …); astronomical year = 1 − year.
  if (bc) y = 1 - y;
  return daysFromCivil(y, m, d) * DAY_MS + time - utc;
}

interface Chunk {
  start: number;
  end: number;
  /** Transition instants inside (start, end), ascending. */
  at: Float64Array;
  /** offsets[0] holds from start; offsets[k + 1] from at[k]. */
  offsets: Float64Array;
}

class ZoneOffsets {
  readonly #chunks = new Map<number, Chunk>();
  // The interval [lo, hi) of the last lookup and its offset.
  #lo = Infinity;
  #hi = -Infinity;
  #off = 0;

  readonly #fmt: Intl.DateTimeFormat;

  constructor(fmt: Intl.DateTimeFormat) {
    this.#fmt = fmt;
  }

  readonly offset = (ms: number): number => {
    if (ms >= this.#lo && ms < this.#hi) return this.#off;
    return this.#lookup(ms);
  };

  #lookup(ms: number): number {
    if (!(ms - ms === 0)) return NaN;
    const c = Math.floor(ms / CHUNK_MS);
    let chunk = this.#chunks.get(c);
    if (!chunk) {
      chunk = buildChunk(this.#fmt, c * CHUNK_MS);
      this.#chunks.set(c, chunk);
    }
    const at = chunk.at;
    let i = 0;
    while (i < at.length && at[i] <= ms) i++;
    this.#lo = i === 0 ? chunk.start : at[i - 1];
    this.#hi = i === at.length ? chunk.end : at[i];
    this.#off = chunk.offsets[i];
    return this.#off;
  }
}

function buildChunk(fmt: Intl.DateTimeFormat, start: number): Chunk {
  const end = start + CHUNK_MS;
  const at: number[] = [];
  const offsets: number[] = [];
  let a = start;
  let oa = probe(fmt, a);
  offsets.push(oa);
  while (a < end) {
    const b = Math.min(a + STEP_MS, end);
    const ob = probe(fmt, b);
    // Several changes may hide in one step (oa → x → ob): find them in order.
    while (oa !== ob) {
      const t = firstChange(fmt, a, oa, b);
      if (t >= end) break; // belongs to the next chunk, which starts with it
      at.push(t);
      oa = probe(fmt, t);
      offsets.push(oa);
      a = t;
    }
    a = b;
    oa = ob;
  }
  return { start, end, at: Float64Array.from(at), offsets: Float64Array.from(offsets) };
}

/** The first whole second in (a, b] whose offset differs from `oa` (which b's does). */
function firstChange(fmt: Intl.DateTimeFormat, a: number, oa: number, b: number): number {
  let lo = a;
  let hi = b;
  while (hi - lo > 1000) {
    const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
    if (probe(fmt, mid) === oa) lo = mid;
    else hi = mid;
  }
  return hi;
}

/**
 * The first instant whose local date is on or after day number `day`: local
 * midnight, or, where a transition skips midnight (Sao Paulo's DST began at
 * 00:00), the transition instant. Assumes local dates never step backwards,
 * which holds for every zone since the 19th century.
 */
export function startOfLocalDay(off: OffsetFn, day: number): number {
  const local = day * DAY_MS;
  const reaches = (u: number): boolean => u + off(u) >= local;
  // Usual case: one offset round-trip lands exactly on local midnight.
  const guess = local - off(local - off(local));
  if (reaches(guess) && !reaches(guess - 1)) return guess;
  // Offsets stay within ±1 day, so the answer lies in this window.
  let lo = local - 2 * DAY_MS;
  let hi = local + 2 * DAY_MS;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (reaches(mid)) hi = mid;
    else lo = mid;
  }
  return hi;
}

/**
 * The instant of a local wall time (ms since 1970-01-01 on the local clock).
 * Like Temporal's 'compatible' disambiguation: a repeated time takes its first
 * occurrence, a skipped time is read with the offset before the gap (so 02:30
 * on a spring-forward night becomes 03:30).
 */
export function localToUtc(off: OffsetFn, local: number): number {
  const before = off(local - DAY_MS);
  const after = off(local + DAY_MS);
  const early = local - before;
  const late = local - after;
  const earlyOk = early + off(early) === local;
  const lateOk = late + off(late) === local;
  if (earlyOk && lateOk) return Math.min(early, late);
  if (earlyOk) return early;
  if (lateOk) return late;
  return early;
}
