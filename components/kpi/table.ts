// The table and CSV of a KPI card: the current and previous range, then every
// sparkline period, in the metric's own numbers (fractions, minutes) with the unit in
// the header, so the download keeps full precision; each value with its 95% interval
// (shares and NPS), and the change with its interval, test and verdict.
import type { Formatters } from '../../src/i18n/format.js';
import type { Locale } from '../../src/i18n/messages.js';
import type { KpiMetric, KpiRow } from '../../src/metrics/kpis.js';
import { kpiEvidence } from '../../src/charts/kpi.js';
import type { TableColumn } from '../shared/table-view.js';
import { changeCell, changeColumn, changeValue, valueColumn } from './format.js';
import type { KpiResult } from './types.js';
import { tk } from './strings.js';
import { pointTip, rangeLabel } from './words.js';

export interface KpiTableRow {
  label: string;
  value: number | null;
  n: number | null;
  /** The 95% interval of value, in its unit. */
  ciLow: number | null;
  ciHigh: number | null;
  /** value − previous, for the current range only (percentage points for rates). */
  change: number | null;
  /** The change with its interval and test, in words (shares, current range only). */
  changeCi: string;
  /** likely real / could be chance / too few to compare (current range only). */
  verdict: string;
  suppressed: boolean;
}

/** Cards whose value has an interval: the shares and NPS. */
const WITH_INTERVAL: ReadonlySet<KpiMetric> = new Set(['churnRate', 'nps', 'csat', 'fcr', 'activation', 'adoption']);
const WITH_TEST: ReadonlySet<KpiMetric> = new Set(['churnRate', 'nps', 'csat', 'ces', 'fcr', 'activation', 'adoption']);

function verdictOf(row: KpiRow, locale: Locale): string {
  const evidence = kpiEvidence(row);
  if (evidence === 'untested' || row.delta === null) return '';
  return tk(locale, evidence === 'tooFew' ? 'tooFewWord' : evidence === 'chance' ? 'chanceWord' : 'realWord');
}

/**
 * Whether the current value itself is hidden: `kpis` marks a row suppressed when
 * either range is, and a value is missing without suppression only when n is 0.
 */
export function valueHidden(row: KpiRow): boolean {
  return row.suppressed === true && row.value === null && row.n !== 0;
}

function previousHidden(row: KpiRow): boolean {
  return row.suppressed === true && row.previous === null && row.previousN !== 0;
}

export function kpiTableColumns(metric: KpiMetric, locale: Locale): TableColumn[] {
  const v = valueColumn(metric);
  const c = changeColumn(metric);
  const value: TableColumn = { key: 'value', header: tk(locale, 'value') + v.unit, format: v.format, digits: v.digits };
  const bound = (key: 'ciLow' | 'ciHigh'): TableColumn => ({ ...value, key, header: tk(locale, key) + v.unit });
  return [
    { key: 'label', header: tk(locale, 'period'), format: 'text' },
    value,
    ...(WITH_INTERVAL.has(metric) ? [bound('ciLow'), bound('ciHigh')] : []),
    { key: 'n', header: tk(locale, 'n'), format: 'count' },
    { key: 'change', header: tk(locale, 'change') + c.unit, format: c.format, digits: c.digits },
    ...(WITH_TEST.has(metric) ? [{ key: 'changeCi', header: tk(locale, 'changeCi'), format: 'text' } as const] : []),
    { key: 'verdict', header: tk(locale, 'verdict'), format: 'text' },
  ];
}

export function kpiTableRows(r: KpiResult, f: Formatters): KpiTableRow[] {
  const { locale } = f;
  const none = { ciLow: null, ciHigh: null, change: null, changeCi: '', verdict: '' };
  const rows: KpiTableRow[] = [
    { label: `${tk(locale, 'current')} (${rangeLabel(r.from, r.to, f)})`, value: r.row.value, n: r.row.n,
      ciLow: r.row.ciLow, ciHigh: r.row.ciHigh, change: changeValue(r.metric, r.row.delta),
      changeCi: changeCell(r.metric, r.row, f), verdict: verdictOf(r.row, locale), suppressed: valueHidden(r.row) },
    { label: `${tk(locale, 'previous')} (${rangeLabel(2 * r.from - r.to, r.from, f)})`, value: r.row.previous,
      n: r.row.previousN, ...none, suppressed: previousHidden(r.row) },
  ];
  for (const [i, p] of (r.spark ?? []).entries())
    rows.push({ label: pointTip(r, i, f).title, value: p.value, n: p.n, ...none, ciLow: p.ciLow, ciHigh: p.ciHigh, suppressed: p.suppressed === true });
  return rows;
}
