// The table and CSV of a KPI card (issue 5): the current and previous range, then
// every sparkline period, in the metric's own numbers (fractions, minutes) with
// the unit in the header, so the download keeps full precision.
import type { Formatters } from '../../src/i18n/format.js';
import type { Locale } from '../../src/i18n/messages.js';
import type { KpiMetric, KpiRow } from '../../src/metrics/kpis.js';
import type { TableColumn } from '../shared/table-view.js';
import { changeColumn, changeValue, valueColumn } from './format.js';
import type { KpiResult } from './types.js';
import { tk } from './strings.js';
import { pointTip, rangeLabel } from './words.js';

export interface KpiTableRow {
  label: string;
  value: number | null;
  n: number | null;
  /** value − previous, for the current range only (percentage points for rates). */
  change: number | null;
  suppressed: boolean;
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
  return [
    { key: 'label', header: tk(locale, 'period'), format: 'text' },
    { key: 'value', header: tk(locale, 'value') + v.unit, format: v.format, digits: v.digits },
    { key: 'n', header: tk(locale, 'n'), format: 'count' },
    { key: 'change', header: tk(locale, 'change') + c.unit, format: c.format, digits: c.digits },
  ];
}

export function kpiTableRows(r: KpiResult, f: Formatters): KpiTableRow[] {
  const { locale } = f;
  const rows: KpiTableRow[] = [
    { label: `${tk(locale, 'current')} (${rangeLabel(r.from, r.to, f)})`, value: r.row.value, n: r.row.n,
      change: changeValue(r.metric, r.row.delta), suppressed: valueHidden(r.row) },
    { label: `${tk(locale, 'previous')} (${rangeLabel(2 * r.from - r.to, r.from, f)})`, value: r.row.previous,
      n: r.row.previousN, change: null, suppressed: previousHidden(r.row) },
  ];
  for (const [i, p] of (r.spark ?? []).entries())
    rows.push({ label: pointTip(r, i, f).title, value: p.value, n: p.n, change: null, suppressed: p.suppressed === true });
  return rows;
}
