// What the Download menu does (issue 4 "export"): the rows as CSV in the user's
// locale, or the drawn chart (`svg.pulso-chart`) as SVG or PNG. The chart is
// drawn first when the table is showing, then the table comes back.
import { rowsToCsv } from '../../src/data/csv-export.js';
import type { CsvColumn } from '../../src/data/csv-export.js';
import type { Locale } from '../../src/i18n/messages.js';
import type { ChartView, ExportKind } from './chart-frame.js';
import { downloadBlob, exportFilename, serializeSvg, svgToPngBlob } from './export.js';
import { segmentLabel, t } from './strings.js';
import type { TableColumn, TableRow } from './table-view.js';

export interface ExportSource {
  kind: ExportKind;
  title: string;
  locale: Locale;
  columns: readonly TableColumn[];
  rows: readonly TableRow[];
  root: ParentNode;
  /** Shows the chart if it is not showing; resolves to a function that restores the view. */
  showChart: () => Promise<() => void>;
}

const CODE_SUFFIX = 'Code';

/**
 * The table as exported: each column of codes (`codes`) shows their names, with the
 * codes themselves in a column of their own right after it ("Canal", "Canal (código)"),
 * so the file reads well and still joins with the source data. Call it where the
 * widget's names are in force.
 */
export function namedTable(columns: readonly TableColumn[], rows: readonly TableRow[], locale: Locale): { columns: TableColumn[]; rows: TableRow[] } {
  const coded = columns.filter((c) => c.codes !== undefined);
  if (coded.length === 0) return { columns: [...columns], rows: [...rows] };
  const out = columns.flatMap((c) =>
    c.codes === undefined ? [c] : [c, { key: c.key + CODE_SUFFIX, header: `${c.header} (${t(locale, 'code')})`, format: 'text' as const }],
  );
  const named = rows.map((row) => {
    const copy: Record<string, unknown> = { ...row };
    for (const c of coded) {
      const code: unknown = copy[c.key];
      if (typeof code !== 'string' || code === '') continue;
      copy[c.key] = segmentLabel(locale, code, c.codes || undefined);
      copy[c.key + CODE_SUFFIX] = code;
    }
    return copy as TableRow;
  });
  return { columns: out, rows: named };
}

export async function exportChart(o: ExportSource): Promise<void> {
  if (o.kind === 'csv') {
    const columns: CsvColumn[] = o.columns.map((c) => ({ key: c.key, header: c.header }));
    const csv = rowsToCsv(o.rows as unknown as Record<string, unknown>[], { columns, locale: o.locale });
    await downloadBlob(new Blob([csv], { type: 'text/csv;charset=utf-8' }), exportFilename(o.title, 'csv'));
    return;
  }
  const restore = await o.showChart();
  try {
    const svg = o.root.querySelector<SVGSVGElement>('svg.pulso-chart');
    if (!svg) return;
    const text = serializeSvg(svg, { title: o.title });
    if (o.kind === 'svg') {
      await downloadBlob(new Blob([text], { type: 'image/svg+xml' }), exportFilename(o.title, 'svg'));
    } else {
      const { width, height } = svg.getBoundingClientRect();
      await downloadBlob(await svgToPngBlob(text, width, height), exportFilename(o.title, 'png'));
    }
  } finally {
    restore();
  }
}

/**
 * A widget's `showChart`: switches its view (`get`/`set`) to the chart and waits
 * until it is `drawn`; resolves to the function that brings the table back.
 */
export async function showChartView(
  get: () => ChartView,
  set: (view: ChartView) => void,
  drawn: () => Promise<unknown>,
): Promise<() => void> {
  const back = get();
  if (back === 'chart') return () => undefined;
  set('chart');
  await drawn();
  return () => set(back);
}
