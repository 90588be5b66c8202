// The windows of the kpis cards in ClickHouse SQL: the range and the one before it, or
// each sparkline period (as compile/kpis.ts defines them for the other engines).
import type { KpiSettings } from '../../../metrics/kpis.js';
import { int, num } from '../literal.js';
import { ordinal, zoneLiteral } from '../time.js';

export interface ChWindows {
  readonly count: number;
  /** Window index (0…count−1) of an instant (epoch ms and DateTime), NULL outside every window. */
  index(ms: string, ts: string): string;
  /** How many window starts are at or before the instant (src/metrics/kpis-windows.ts firstStartAfter). */
  startsUpTo(ms: string, ts: string): string;
}

// multiIf, not nested if: 18.16's `if` cannot take Nullable branches ("cannot be inside Nullable").
export function mainWindows(lo: number, from: number, to: number): ChWindows {
  return {
    count: 2,
    index: (ms) =>
      `multiIf(${ms} >= ${num(lo)} AND ${ms} < ${num(from)}, toInt64(0), ${ms} >= ${num(from)} AND ${ms} < ${num(to)}, toInt64(1), NULL)`,
    startsUpTo: (ms) =>
      `multiIf(${ms} < ${num(lo)}, toInt64(0), ${ms} < ${num(from)}, toInt64(1), toInt64(2))`,
  };
}

export function sparkWindows(s: KpiSettings, count: number): ChWindows {
  const b = s.bucket!;
  const first = b.index(s.from);
  const ord = (ts: string) => `(${ordinal(b.period, ts, zoneLiteral(b.timeZone))} - ${int(first)})`;
  return {
    count,
    index: (ms, ts) =>
      `multiIf(${ms} >= ${num(s.from)} AND ${ms} < ${num(s.to)}, ${ord(ts)}, NULL)`,
    startsUpTo: (ms, ts) =>
      `multiIf(${ms} < ${num(s.from)}, toInt64(0), least(${ord(ts)} + 1, ${int(count)}))`,
  };
}
