// The windows of the kpis cards in ClickHouse SQL: the range and the one before it, or
// each sparkline period (as compile/kpis.ts defines them for the other engines).
import type { KpiSettings } from '../../../metrics/kpis.js';
import { int } from '../literal.js';
import { ordinal, zoneLiteral } from '../time.js';

export interface ChWindows {
  readonly count: number;
  /** Window index (0…count−1) of an instant (its DateTime), NULL outside every window. */
  index(ts: string): string;
  /** How many window starts are at or before the instant (src/metrics/kpis-windows.ts firstStartAfter). */
  startsUpTo(ts: string): string;
}

/** The largest second a DateTime holds (UInt32). */
const MAX_SECOND = 4294967295;

/**
 * `ms >= bound` (`since`) and `ms < bound` (`before`) written on the DateTime: its ms are
 * whole seconds × 1000, so they hold exactly when its second is at or after the bound's
 * ceiling. A row then compares its column as stored, without computing its ms. A NULL
 * time passes neither, as the comparison of NULL ms did not.
 */
export function since(ts: string, bound: number): string {
  const s = Math.ceil(bound / 1000);
  if (s <= 0) return `isNotNull(${ts})`;
  return s > MAX_SECOND ? '0' : `${ts} >= toDateTime(${int(s)})`;
}

export function before(ts: string, bound: number): string {
  const s = Math.ceil(bound / 1000);
  if (s <= 0) return '0';
  return s > MAX_SECOND ? `isNotNull(${ts})` : `${ts} < toDateTime(${int(s)})`;
}

// multiIf, not nested if: 18.16's `if` cannot take Nullable branches ("cannot be inside Nullable").
export function mainWindows(lo: number, from: number, to: number): ChWindows {
  return {
    count: 2,
    index: (ts) =>
      `multiIf(${since(ts, lo)} AND ${before(ts, from)}, toInt64(0), ${since(ts, from)} AND ${before(ts, to)}, toInt64(1), NULL)`,
    startsUpTo: (ts) =>
      `multiIf(${before(ts, lo)}, toInt64(0), ${before(ts, from)}, toInt64(1), toInt64(2))`,
  };
}

export function sparkWindows(s: KpiSettings, count: number): ChWindows {
  const b = s.bucket!;
  const first = b.index(s.from);
  const ord = (ts: string) => `(${ordinal(b.period, ts, zoneLiteral(b.timeZone))} - ${int(first)})`;
  return {
    count,
    index: (ts) => `multiIf(${since(ts, s.from)} AND ${before(ts, s.to)}, ${ord(ts)}, NULL)`,
    startsUpTo: (ts) =>
      `multiIf(${before(ts, s.from)}, toInt64(0), least(${ord(ts)} + 1, ${int(count)}))`,
  };
}
