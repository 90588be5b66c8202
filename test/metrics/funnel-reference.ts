// The funnel of SPEC §3.5 written straight from the definition, by brute force: every
// customer's events sorted by (time, step position, input order), every possible start event, every
// end event. Slow on purpose; the oracle and property tests compare funnel() with it.
import { expect } from 'chai';
import type { FunnelOptions, FunnelRow } from '../../src/metrics/funnel.js';
import { adjustPValues, compareProportions } from '../../src/metrics/compare.js';
import { wilson } from '../../src/metrics/stats.js';

const H = 3_600_000;
const DAY = 24 * H;

export type Raw = {
  customer_id: string | null;
  at: number | string;
  event: string | null;
  platform: string | null;
};
export interface FunnelData {
  customers: { customer_id: string; user_type: string | null }[];
  activity: Raw[];
}

type Ev = { t: number; i: number; name: string };

function deadline(t: number, window: FunnelOptions['window']): number {
  if (typeof window === 'number') return t + window;
  if (window === 'P3D') return t + 3 * DAY;
  if (window === 'P1M') {
    const d = new Date(t);
    const y = d.getUTCFullYear();
    const m = d.getUTCMonth() + 1;
    const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
    return Date.UTC(
      y,
      m,
      Math.min(d.getUTCDate(), last),
      d.getUTCHours(),
      d.getUTCMinutes(),
      d.getUTCSeconds(),
      d.getUTCMilliseconds(),
    );
  }
  throw new Error(`reference: unknown window ${String(window)}`);
}

/** Whether `pattern` is a subsequence of `seq`. */
function isSubsequence(pattern: string[], seq: string[]): boolean {
  let p = 0;
  for (const s of seq) if (p < pattern.length && s === pattern[p]) p++;
  return p === pattern.length;
}

/** How many steps the events `names` fill, one event per step. */
function filled(steps: string[], names: string[]): number {
  let n = 0;
  for (const name of new Set(steps)) {
    const need = steps.filter((s) => s === name).length;
    const have = names.filter((s) => s === name).length;
    n += Math.min(need, have);
  }
  return n;
}

/** The level the events s…q reach as an attempt starting at s. */
function levelOf(order: string, steps: string[], names: string[]): number {
  let best = 0;
  for (let m = 1; m <= steps.length; m++) {
    const ok =
      order === 'ordered'
        ? names[0] === steps[0] && isSubsequence(steps.slice(1, m), names.slice(1))
        : order === 'strict'
          ? names.length >= m && steps.slice(0, m).every((s, j) => names[j] === s)
          : filled(steps, names) >= m;
    if (ok) best = m;
  }
  return best;
}

/** A unit's level and, per level, its fastest time over all attempts. */
function unitResult(
  events: Ev[],
  o: FunnelOptions & { steps: string[] },
  from: number,
  to: number,
) {
  const fastest = new Array<number>(o.steps.length + 1).fill(Infinity);
  for (let s = 0; s < events.length; s++) {
    const first = events[s];
    const canStart = o.order === 'any' ? o.steps.includes(first.name) : first.name === o.steps[0];
    if (!canStart || first.t < from || first.t >= to) continue;
    const due = deadline(first.t, o.window);
    for (let q = s; q < events.length && events[q].t <= due; q++) {
      const level = levelOf(
        o.order ?? 'ordered',
        o.steps,
        events.slice(s, q + 1).map((e) => e.name),
      );
      for (let m = 1; m <= level; m++) fastest[m] = Math.min(fastest[m], events[q].t - first.t);
    }
  }
  let level = 0;
  while (level < o.steps.length && fastest[level + 1] < Infinity) level++;
  return { level, fastest };
}

function median(values: number[]): number | null {
  if (!values.length) return null;
  const v = [...values].sort((a, b) => a - b);
  const mid = v.length >> 1;
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

export function reference(data: FunnelData, o: FunnelOptions & { steps: string[] }): FunnelRow[] {
  const from = o.from === undefined ? -Infinity : Number(o.from);
  const to = o.to === undefined ? Infinity : Number(o.to);
  const typeOf = new Map(data.customers.map((c) => [c.customer_id, c.user_type]));
  const units = new Map<string, { segment: string; events: Ev[] }>();
  data.activity.forEach((row, i) => {
    if (row.customer_id === null || row.event === null || typeof row.at !== 'number') return;
    const segment =
      o.by === undefined
        ? ''
        : ((o.by === 'platform' ? row.platform : typeOf.get(row.customer_id)) ?? '(none)');
    const key = `${segment}|${row.customer_id}`;
    if (!units.has(key)) units.set(key, { segment, events: [] });
    units.get(key)!.events.push({ t: row.at, i, name: row.event });
  });
  const bySegment = new Map<string, { levels: number[]; times: number[][] }>();
  for (const { segment, events } of units.values()) {
    // At one instant: steps in step order (a repeated name at its first position), other events after them.
    const rank = (name: string) => (o.steps.includes(name) ? o.steps.indexOf(name) : o.steps.length);
    events.sort((a, b) => a.t - b.t || rank(a.name) - rank(b.name) || a.i - b.i);
    const { level, fastest } = unitResult(events, o, from, to);
    if (!bySegment.has(segment))
      bySegment.set(segment, { levels: [], times: o.steps.map(() => []) });
    const s = bySegment.get(segment)!;
    s.levels.push(level);
    for (let m = 2; m <= level; m++) s.times[m - 1].push(fastest[m]);
  }
  // Without `by` there is one funnel, with its steps at 0 when nobody entered it.
  if (o.by === undefined && !bySegment.has(''))
    bySegment.set('', { levels: [], times: o.steps.map(() => []) });
  const segments = [...bySegment.keys()].sort((a, b) =>
    a === '(none)' ? 1 : b === '(none)' ? -1 : a < b ? -1 : a > b ? 1 : 0,
  );
  const entered = (seg: string, m: number) =>
    bySegment.get(seg)!.levels.filter((l) => l >= m).length;
  const rows: FunnelRow[] = [];
  for (const seg of segments) {
    o.steps.forEach((step, j) => {
      const e = entered(seg, j + 1);
      const e1 = entered(seg, 1);
      const prev = j === 0 ? e1 : entered(seg, j);
      const w = wilson(e, e1);
      const row: FunnelRow = {
        step,
        index: j + 1,
        entered: e,
        conversion: e1 ? e / e1 : null,
        ciLow: w?.low ?? null,
        ciHigh: w?.high ?? null,
        fromPrevious: prev ? e / prev : null,
        dropOff: prev - e,
        medianTimeToConvertMs: j === 0 ? null : median(bySegment.get(seg)!.times[j]),
      };
      if (o.by !== undefined) {
        const rest = segments.filter((s) => s !== seg);
        const x2 = rest.reduce((n, s) => n + entered(s, j + 1), 0);
        const n2 = rest.reduce((n, s) => n + entered(s, 1), 0);
        const c = j === 0 ? null : compareProportions({ x: e, n: e1 }, { x: x2, n: n2 });
        rows.push({
          segment: seg,
          ...row,
          diff: c?.diff ?? null,
          diffLow: c?.diffLow ?? null,
          diffHigh: c?.diffHigh ?? null,
          pValue: c?.pValue ?? null,
          qValue: null,
          test: c?.test ?? null,
          tooFew: c?.tooFew ?? null,
        });
      } else rows.push(row);
    });
  }
  if (o.by !== undefined) adjustPValues(rows.map((r) => r.pValue)).forEach((q, i) => (rows[i].qValue = q));
  return rows;
}

export function expectSameRows(actual: FunnelRow[], expected: FunnelRow[], label: string): void {
  expect(actual.length, `${label}: row count`).to.equal(expected.length);
  actual.forEach((row, i) => {
    const want = expected[i];
    expect(Object.keys(row).sort(), `${label} row ${i} keys`).to.deep.equal(
      Object.keys(want).sort(),
    );
    for (const key of Object.keys(want) as (keyof FunnelRow)[]) {
      const a = row[key];
      const b = want[key];
      if (typeof a === 'number' && typeof b === 'number' && !Number.isInteger(b)) {
        expect(a, `${label} row ${i} ${key}`).to.be.closeTo(b, 1e-9);
      } else expect(a, `${label} row ${i} ${key}`).to.equal(b);
    }
  });
}

/**
 * The rows as a time-ordered event log gives them (by time, at one instant the steps
 * in step order, other events after): the order in which funnel() counts in one pass
 * without sorting. Rows without a usable time stay where they were.
 */
export function logOrder(rows: Raw[], steps: string[]): Raw[] {
  const rank = (name: string | null) => (name !== null && steps.includes(name) ? steps.indexOf(name) : steps.length);
  const timed = rows.filter((r) => typeof r.at === 'number');
  timed.sort((a, b) => (a.at as number) - (b.at as number) || rank(a.event) - rank(b.event));
  let k = 0;
  return rows.map((r) => (typeof r.at === 'number' ? timed[k++] : r));
}
